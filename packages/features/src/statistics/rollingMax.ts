/**
 * Rolling maximum by a monotonic deque (O(1) amortised per value), and the deque itself, shared by
 * `rollingMin` and `donchian`.
 */
import { checkPeriod, column } from '../core/errors.js';
import type { FeatureDefinition, StreamingFeature } from '../core/types.js';

/**
 * Sliding-window extremum over the last `period` inputs by a monotonic deque (Lemire, "Streaming
 * maximum-minimum filter using no more than three comparisons per element", 2006): each value is
 * pushed and popped at most once, so a series costs O(n) whatever the period. The deque holds
 * (input index, sign·value) pairs with decreasing values, in two ring buffers of `period` slots;
 * `sign` = −1 turns it into a minimum (negation is exact). Among equal values the newest is kept
 * (so +0 and −0 are equal: the newer one's sign is returned, unlike `Math.max`).
 * NaN inputs are not queued: the value is NaN while a NaN is among the last `period` inputs.
 *
 * @example
 * const e = new SlidingExtremum(2, 1); e.add(3); e.add(1); // 3
 */
export class SlidingExtremum {
  readonly period: number;
  readonly warmUp: number;
  value = Number.NaN;
  readonly #sign: number;
  readonly #index: Float64Array;
  readonly #value: Float64Array;
  #front = 0; // slot of the oldest queued pair
  #size = 0;
  #count = 0; // inputs seen
  #lastNaN = -Infinity; // input index of the latest NaN

  /** @throws {FeatureArgumentError} for an invalid period */
  constructor(period: number, sign: 1 | -1) {
    checkPeriod(sign === 1 ? 'RollingMax' : 'RollingMin', period);
    this.period = period;
    this.warmUp = period;
    this.#sign = sign;
    this.#index = new Float64Array(period);
    this.#value = new Float64Array(period);
  }

  get isReady(): boolean {
    return !Number.isNaN(this.value);
  }

  /** Feeds one value; returns the extremum of the last `period` inputs (NaN during warm-up or while a NaN is among them). */
  add(x: number): number {
    const p = this.period;
    const idx = this.#index;
    const val = this.#value;
    const i = this.#count++;
    let front = this.#front;
    let size = this.#size;
    // Expire the front once it leaves the window (first, so at most period − 1 pairs remain).
    while (size > 0 && idx[front]! <= i - p) {
      front = front + 1 === p ? 0 : front + 1;
      size--;
    }
    if (x === x) {
      const y = this.#sign * x;
      // Drop queued values that can no longer be the extremum: y is at least as large and newer.
      while (size > 0) {
        const back = front + size - 1;
        if (val[back >= p ? back - p : back]! > y) break;
        size--;
      }
      const slot = front + size >= p ? front + size - p : front + size;
      idx[slot] = i;
      val[slot] = y;
      size++;
    } else {
      this.#lastNaN = i;
    }
    this.#front = front;
    this.#size = size;
    this.value = i >= p - 1 && i - this.#lastNaN >= p ? this.#sign * val[front]! : Number.NaN;
    return this.value;
  }
}

/**
 * Rolling maximum, aligned to the input: `out[i] = max(values[i − period + 1 .. i])`, NaN for
 * `i < period − 1` and while a NaN is in the window (±∞ are ordinary values). O(n) total by a
 * monotonic deque (see `SlidingExtremum`).
 *
 * @param values - input series
 * @param period - window length (whole number >= 1)
 * @returns a Float64Array of the same length
 * @throws {FeatureArgumentError} for an invalid period
 * @example rollingMax([1, 3, 2, 0], 2) // Float64Array [NaN, 3, 3, 2]
 */
export function rollingMax(values: ArrayLike<number>, period: number): Float64Array {
  checkPeriod('rollingMax', period);
  const n = values.length;
  const out = new Float64Array(n);
  const e = new SlidingExtremum(period, 1);
  for (let i = 0; i < n; i++) out[i] = e.add(values[i]!);
  return out;
}

/**
 * Streaming rolling maximum: `add(x)` returns the value `rollingMax` has at the same index.
 *
 * @example
 * const m = new RollingMax(2); m.add(1); m.add(3); m.add(2); // 3
 */
export class RollingMax extends SlidingExtremum implements StreamingFeature<number, number> {
  /** @throws {FeatureArgumentError} for an invalid period */
  constructor(period: number) {
    super(period, 1);
  }
}

/** The registered definition of `rollingMax(period)` over the close. */
export function rollingMaxFeature(period: number): FeatureDefinition<Float64Array> {
  checkPeriod('rollingMaxFeature', period);
  return {
    name: `rollingMax(${period})`,
    inputs: ['close'],
    batch: (c) => rollingMax(column('rollingMax', c, 'close'), period),
    stream: () => new RollingMax(period),
  };
}
