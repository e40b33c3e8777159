/**
 * TRIX, from `technicalindicators` (TRIX), aligned to the input.
 */
import { TRIX } from 'technicalindicators';
import { checkPeriod, column } from '../core/errors.js';
import type { FeatureDefinition } from '../core/types.js';
import { cleanPrefix, identity } from './library.js';

/**
 * TRIX: the one-bar rate of change, in percent, of a triple EMA (EMA of EMA of EMA, each seeded
 * with the SMA of its first `period` inputs, α = 2/(period+1)). Defined from index
 * 3·(period − 1) + 1 (52 for period 18). A NaN input makes this and every later output NaN.
 *
 * Batch only; wraps `technicalindicators` 3.1 `TRIX`, stepped one input at a time: its batch
 * `calculate` silently drops a TRIX of exactly 0 (e.g. on a flat stretch), which would shift every
 * earlier value, so each step's value is placed at its own index and a missing value after the
 * warm-up is the 0 it stands for.
 *
 * @param values - input series (e.g. close)
 * @param period - EMA length (whole number >= 1)
 * @returns an aligned Float64Array
 * @throws {FeatureArgumentError} for an invalid period
 * @example trix(close, 18)
 */
export function trix(values: ArrayLike<number>, period: number): Float64Array {
  checkPeriod('trix', period);
  const n = values.length;
  const out = new Float64Array(n).fill(Number.NaN);
  const { arrays, length } = cleanPrefix([values]);
  const x = arrays[0]!;
  const first = 3 * (period - 1) + 1;
  const indicator = new TRIX({ values: [], period, format: identity });
  for (let i = 0; i < length; i++) {
    // Typed as number; the library returns undefined during warm-up and for an exact 0.
    const v = indicator.nextValue(x[i]!) as number | undefined;
    if (v !== undefined) out[i] = v;
    else if (i >= first) out[i] = 0;
  }
  return out;
}

/** The registered definition of `trix(period)` over the close (batch only, no `stream`). */
export function trixFeature(period: number): FeatureDefinition<Float64Array> {
  checkPeriod('trix', period);
  return { name: `trix(${period})`, inputs: ['close'], batch: (c) => trix(column('trix', c, 'close'), period) };
}
