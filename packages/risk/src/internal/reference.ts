/**
 * Test helper: PyPortfolioOpt 1.5.6's own results on its test data (packages/risk/reference,
 * produced by pypfopt_reference.py — see its docstring for versions and method) and the data.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parsePriceCsv, type PriceTable } from '../PriceTable.js';
import { sharedDataDir } from './sharedData.js';

const here = dirname(fileURLToPath(import.meta.url));

/** The committed fixture (JSON). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const reference: any = JSON.parse(readFileSync(resolve(here, '../../reference/pypfopt-reference.json'), 'utf8'));

/** stock_prices.csv (PyPortfolioOpt tests/resources, = ../shared/data). */
export function stockPrices(): PriceTable {
  const file = join(sharedDataDir, 'stock_prices.csv');
  return parsePriceCsv(readFileSync(file, 'utf8'), file);
}

/** spy_prices.csv. */
export function spyPrices(): PriceTable {
  const file = join(sharedDataDir, 'spy_prices.csv');
  return parsePriceCsv(readFileSync(file, 'utf8'), file);
}

/** Asserts |a − e| ≤ rel·max(|e|, floor) element-wise, naming the worst index. */
export function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, rel: number, floor = 0): void {
  if (actual.length !== expected.length) throw new Error(`length ${actual.length}, expected ${expected.length}`);
  let worst = 0;
  let at = -1;
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i]!;
    const err = Math.abs(actual[i]! - e) / Math.max(Math.abs(e), floor);
    if (!(err <= worst)) {
      worst = err;
      at = i;
    }
  }
  if (!(worst <= rel)) throw new Error(`worst relative error ${worst} > ${rel} at index ${at}: ${actual[at]} vs ${expected[at]}`);
}

/** Flattens a nested number[][] to a Float64Array. */
export function flat(m: readonly (readonly number[])[]): Float64Array {
  return Float64Array.from(m.flat());
}
