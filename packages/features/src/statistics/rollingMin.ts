/**
 * Rolling minimum by a monotonic deque (O(1) amortised per value).
 */
import { checkPeriod, column } from '../core/errors.js';
import type { FeatureDefinition, StreamingFeature } from '../core/types.js';
import { SlidingExtremum } from './rollingMax.js';

/**
 * Rolling minimum, aligned to the input: `out[i] = min(values[i − period + 1 .. i])`, NaN for
 * `i < period − 1` and while a NaN is in the window (±∞ are ordinary values). O(n) total by a
 * monotonic deque (see `SlidingExtremum`).
 *
 * @param values - input series
 * @param period - window length (whole number >= 1)
 * @returns a Float64Array of the same length
 * @throws {FeatureArgumentError} for an invalid period
 * @example rollingMin([3, 1, 2, 4], 2) // Float64Array [NaN, 1, 1, 2]
 */
export function rollingMin(values: ArrayLike<number>, period: number): Float64Array {
  checkPeriod('rollingMin', period);
  const n = values.length;
  const out = new Float64Array(n);
  const e = new SlidingExtremum(period, -1);
  for (let i = 0; i < n; i++) out[i] = e.add(values[i]!);
  return out;
}

/**
 * Streaming rolling minimum: `add(x)` returns the value `rollingMin` has at the same index.
 *
 * @example
 * const m = new RollingMin(2); m.add(3); m.add(1); m.add(2); // 1
 */
export class RollingMin extends SlidingExtremum implements StreamingFeature<number, number> {
  /** @throws {FeatureArgumentError} for an invalid period */
  constructor(period: number) {
    super(period, -1);
  }
}

/** The registered definition of `rollingMin(period)` over the close. */
export function rollingMinFeature(period: number): FeatureDefinition<Float64Array> {
  checkPeriod('rollingMinFeature', period);
  return {
    name: `rollingMin(${period})`,
    inputs: ['close'],
    batch: (c) => rollingMin(column('rollingMin', c, 'close'), period),
    stream: () => new RollingMin(period),
  };
}
