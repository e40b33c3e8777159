/**
 * Chandelier exit (Le Beau), from `technicalindicators` (ChandelierExit), aligned to the input.
 */
import { chandelierexit } from 'technicalindicators';
import { checkPeriod, column, sameLength } from '../core/errors.js';
import type { BarColumns, FeatureDefinition } from '../core/types.js';
import { checkPositive, cleanPrefix, identity, placeTailRecords } from './library.js';

/** Parameters of {@link chandelierExit} (defaults 22 / 3). */
export interface ChandelierExitParams {
  readonly period?: number;
  /** Distance in ATRs (finite, > 0). */
  readonly multiplier?: number;
}

/** The stops of {@link chandelierExit}, in price units. */
export type ChandelierExitOutput = { readonly exitLong: Float64Array; readonly exitShort: Float64Array };

function resolve(p: ChandelierExitParams): [number, number] {
  const r: [number, number] = [p.period ?? 22, p.multiplier ?? 3];
  checkPeriod('chandelierExit', r[0]);
  checkPositive('chandelierExit', 'multiplier', r[1]);
  return r;
}

/**
 * Chandelier exit: exitLong = highest high − multiplier · ATR, exitShort = lowest low + multiplier
 * · ATR, the extremes over the last `period` bars including the current one, ATR Wilder's over
 * `period` (first at index `period`). Defined from index `period`. A NaN input makes this and
 * every later output NaN.
 *
 * Batch only; wraps `technicalindicators` 3.1 `ChandelierExit`.
 *
 * @param columns - `high`, `low`, `close`
 * @param params - period (whole number >= 1) and multiplier
 * @returns `{ exitLong, exitShort }`, aligned
 * @throws {FeatureArgumentError} for invalid parameters, a missing or unequal column
 * @example const { exitLong } = chandelierExit({ high, low, close });
 */
export function chandelierExit(columns: Pick<BarColumns, 'high' | 'low' | 'close'>, params: ChandelierExitParams = {}): ChandelierExitOutput {
  const [period, multiplier] = resolve(params);
  const high = column('chandelierExit', columns, 'high');
  const low = column('chandelierExit', columns, 'low');
  const close = column('chandelierExit', columns, 'close');
  const n = sameLength('chandelierExit', high, low, close);
  const { arrays, length } = cleanPrefix([high, low, close]);
  // The library declares number[] but returns { exitLong, exitShort } records.
  const rows =
    length > period
      ? (chandelierexit({ high: arrays[0]!, low: arrays[1]!, close: arrays[2]!, period, multiplier, format: identity }) as unknown as {
          exitLong: number;
          exitShort: number;
        }[])
      : [];
  return placeTailRecords('chandelierExit', rows, ['exitLong', 'exitShort'], length, n, period);
}

/** The registered definition of `chandelierExit(period,multiplier)` (batch only, no `stream`). */
export function chandelierExitFeature(params: ChandelierExitParams = {}): FeatureDefinition<ChandelierExitOutput> {
  const [period, multiplier] = resolve(params);
  return { name: `chandelierExit(${period},${multiplier})`, inputs: ['high', 'low', 'close'], batch: (c) => chandelierExit(c, params) };
}
