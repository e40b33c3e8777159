/**
 * Parabolic SAR, from `technicalindicators` (PSAR), aligned to the input.
 */
import { psar as libraryPsar } from 'technicalindicators';
import { FeatureArgumentError, column, sameLength } from '../core/errors.js';
import type { BarColumns, FeatureDefinition } from '../core/types.js';
import { checkPositive, cleanPrefix, placeTail } from './library.js';

/** Acceleration of {@link psar} (defaults 0.02 / 0.2, Wilder's). */
export interface PsarParams {
  /** Acceleration factor start and increment. */
  readonly step?: number;
  /** Acceleration factor cap (>= step). */
  readonly max?: number;
}

function resolve(p: PsarParams): [number, number] {
  const step = p.step ?? 0.02;
  const max = p.max ?? 0.2;
  checkPositive('psar', 'step', step);
  checkPositive('psar', 'max', max);
  if (max < step) throw new FeatureArgumentError(`psar: max must be >= step (${step}), got "${max}"`);
  return [step, max];
}

/**
 * Wilder's parabolic stop-and-reverse, in price units. `out[i]` is the stop for bar `i` (from bars
 * up to `i − 1`), switched to the extreme point when bar `i` pierces it (a reversal); the library
 * starts long at index 0 with the SAR at the first low, so there is no warm-up but the first few
 * values depend on that arbitrary start. A NaN input makes this and every later output NaN.
 *
 * Batch only; wraps `technicalindicators` 3.1 `PSAR`.
 *
 * @param columns - `high` and `low`
 * @param params - acceleration step and cap (finite, > 0, max >= step)
 * @returns an aligned Float64Array (defined from index 0)
 * @throws {FeatureArgumentError} for invalid parameters, a missing or unequal column
 * @example const stop = psar({ high, low }, { step: 0.02, max: 0.2 });
 */
export function psar(columns: Pick<BarColumns, 'high' | 'low'>, params: PsarParams = {}): Float64Array {
  const [step, max] = resolve(params);
  const high = column('psar', columns, 'high');
  const low = column('psar', columns, 'low');
  const n = sameLength('psar', high, low);
  const { arrays, length } = cleanPrefix([high, low]);
  const out = length > 0 ? libraryPsar({ high: arrays[0]!, low: arrays[1]!, step, max }) : [];
  return placeTail('psar', out, length, n, 0);
}

/** The registered definition of `psar(step,max)` (batch only, no `stream`). */
export function psarFeature(p: PsarParams = {}): FeatureDefinition<Float64Array> {
  const [step, max] = resolve(p);
  return { name: `psar(${step},${max})`, inputs: ['high', 'low'], batch: (c) => psar(c, p) };
}
