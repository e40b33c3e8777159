/**
 * Force index (Elder), from `technicalindicators` (ForceIndex), aligned to the input.
 */
import { forceindex } from 'technicalindicators';
import { checkPeriod, column, sameLength } from '../core/errors.js';
import type { BarColumns, FeatureDefinition } from '../core/types.js';
import { cleanPrefix, identity, placeTail } from './library.js';

/**
 * Force index = EMA over `period` of (closeᵢ − closeᵢ₋₁) · volumeᵢ (price × volume units; the EMA
 * is seeded with the SMA of its first `period` raw values, α = 2/(period+1)). The raw force starts
 * at index 1, so the output is defined from index `period`. A NaN input makes this and every later
 * output NaN.
 *
 * Batch only; wraps `technicalindicators` 3.1 `ForceIndex` (whose EMA mis-seeds in the corner case
 * where the seed SMA is exactly 0: it then applies one extra smoothing step).
 *
 * @param columns - `close` and `volume`
 * @param period - EMA length (whole number >= 1; 1 gives the raw force index)
 * @returns an aligned Float64Array
 * @throws {FeatureArgumentError} for an invalid period, a missing or unequal column
 * @example forceIndex({ close, volume }, 13)
 */
export function forceIndex(columns: Pick<BarColumns, 'close' | 'volume'>, period: number): Float64Array {
  checkPeriod('forceIndex', period);
  const close = column('forceIndex', columns, 'close');
  const volume = column('forceIndex', columns, 'volume');
  const n = sameLength('forceIndex', close, volume);
  const { arrays, length } = cleanPrefix([close, volume]);
  const out = length > period ? forceindex({ close: arrays[0]!, volume: arrays[1]!, period, format: identity }) : [];
  return placeTail('forceIndex', out, length, n, period);
}

/** The registered definition of `forceIndex(period)` (batch only, no `stream`). */
export function forceIndexFeature(period: number): FeatureDefinition<Float64Array> {
  checkPeriod('forceIndex', period);
  return { name: `forceIndex(${period})`, inputs: ['close', 'volume'], batch: (c) => forceIndex(c, period) };
}
