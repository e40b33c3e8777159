/**
 * Weighted moving average (WMA): linear weights 1..period, the newest value weighted most.
 */
import { checkPeriod, column } from '../core/errors.js';
import type { FeatureDefinition, StreamingFeature } from '../core/types.js';

/**
 * Weighted moving average, aligned to the input: `out[i] = Σₖ k·values[i − period + k] /
 * (period·(period + 1)/2)` for k = 1..period (oldest weight 1, newest weight `period`), NaN for
 * `i < period − 1` and while a NaN is in the window.
 *
 * Each window's weighted sum is computed afresh, oldest to newest, rather than updated: a rolling
 * update (TA-Lib's) carries rounding from earlier windows, so equal windows could give different
 * values. Here the value depends only on the window, at O(period) per value.
 *
 * @param values - input series
 * @param period - window length (whole number >= 1)
 * @returns a Float64Array of the same length, in the input's units
 * @throws {FeatureArgumentError} for an invalid period
 * @example wma([3, 6, 9, 12], 3) // Float64Array [NaN, NaN, 7, 10]  ((3 + 12 + 27)/6, (6 + 18 + 36)/6)
 */
export function wma(values: ArrayLike<number>, period: number): Float64Array {
  checkPeriod('wma', period);
  const n = values.length;
  const out = new Float64Array(n);
  const divisor = (period * (period + 1)) / 2;
  const first = Math.min(period - 1, n);
  for (let i = 0; i < first; i++) out[i] = Number.NaN;
  for (let i = period - 1; i < n; i++) {
    const start = i - period + 1;
    let sum = 0;
    for (let k = 1; k <= period; k++) sum += k * values[start + k - 1]!;
    out[i] = sum / divisor;
  }
  return out;
}

/**
 * Streaming WMA: `add(x)` returns the WMA including `x` (NaN during warm-up and while a NaN is in
 * the window), equal to `wma(values, period)` at the same index.
 *
 * @example
 * const w = new Wma(3); w.add(3); w.add(6); w.add(9); // 7
 */
export class Wma implements StreamingFeature<number, number> {
  readonly period: number;
  readonly warmUp: number;
  value = Number.NaN;
  readonly #window: Float64Array;
  readonly #divisor: number;
  #count = 0;

  /** @throws {FeatureArgumentError} for an invalid period */
  constructor(period: number) {
    checkPeriod('Wma', period);
    this.period = period;
    this.warmUp = period;
    this.#window = new Float64Array(period);
    this.#divisor = (period * (period + 1)) / 2;
  }

  get isReady(): boolean {
    return !Number.isNaN(this.value);
  }

  add(x: number): number {
    const p = this.period;
    const w = this.#window;
    const next = this.#count % p;
    w[next] = x;
    this.#count++;
    if (this.#count < p) return (this.value = Number.NaN);
    // The oldest value sits right after the newest in the ring; sum in the batch's order.
    let sum = 0;
    let j = next + 1 === p ? 0 : next + 1;
    for (let k = 1; k <= p; k++) {
      sum += k * w[j]!;
      if (++j === p) j = 0;
    }
    this.value = sum / this.#divisor;
    return this.value;
  }
}

/** The registered definition of `wma(period)` over the close. */
export function wmaFeature(period: number): FeatureDefinition<Float64Array> {
  return {
    name: `wma(${period})`,
    inputs: ['close'],
    batch: (c) => wma(column('wma', c, 'close'), period),
    stream: () => new Wma(period),
  };
}
