/**
 * Simple moving average (SMA): the mean of the last `period` values.
 */
import { ExactRollingSum } from '../core/ExactRollingSum.js';
import { checkPeriod, column } from '../core/errors.js';
import type { FeatureDefinition, StreamingFeature } from '../core/types.js';

/**
 * Simple moving average, aligned to the input: `out[i]` is the mean of `values[i − period + 1 ..
 * i]`, NaN for `i < period − 1` and while a NaN is in the window. The window sum is exactly
 * rounded (see `ExactRollingSum`), so the result does not depend on accumulation order.
 *
 * @param values - input series
 * @param period - window length (whole number >= 1)
 * @returns a Float64Array of the same length
 * @throws {FeatureArgumentError} for an invalid period
 * @example sma([1, 2, 3, 4], 2) // Float64Array [NaN, 1.5, 2.5, 3.5]
 */
export function sma(values: ArrayLike<number>, period: number): Float64Array {
  checkPeriod('sma', period);
  const n = values.length;
  const out = new Float64Array(n);
  const sum = new ExactRollingSum();
  let nans = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (v === v) sum.add(v);
    else nans++;
    if (i >= period) {
      const old = values[i - period]!;
      if (old === old) sum.remove(old);
      else nans--;
    }
    out[i] = i >= period - 1 && nans === 0 ? sum.sum() / period : Number.NaN;
  }
  return out;
}

/**
 * Streaming SMA: `add(x)` returns the SMA including `x` (NaN during warm-up), equal to
 * `sma(values, period)` at the same index.
 *
 * @example
 * const s = new Sma(3); s.add(1); s.add(2); s.add(3); // 2
 */
export class Sma implements StreamingFeature<number, number> {
  readonly period: number;
  readonly warmUp: number;
  value = Number.NaN;
  readonly #window: Float64Array;
  readonly #sum = new ExactRollingSum();
  #count = 0;
  #nans = 0;

  /** @throws {FeatureArgumentError} for an invalid period */
  constructor(period: number) {
    checkPeriod('Sma', period);
    this.period = period;
    this.warmUp = period;
    this.#window = new Float64Array(period);
  }

  get isReady(): boolean {
    return !Number.isNaN(this.value);
  }

  add(x: number): number {
    const k = this.#count % this.period;
    if (this.#count >= this.period) {
      const old = this.#window[k]!;
      if (old === old) this.#sum.remove(old);
      else this.#nans--;
    }
    this.#window[k] = x;
    if (x === x) this.#sum.add(x);
    else this.#nans++;
    this.#count++;
    this.value = this.#count >= this.period && this.#nans === 0 ? this.#sum.sum() / this.period : Number.NaN;
    return this.value;
  }
}

/** The registered definition of `sma(period)` over the close. */
export function smaFeature(period: number): FeatureDefinition<Float64Array> {
  return {
    name: `sma(${period})`,
    inputs: ['close'],
    batch: (c) => sma(column('sma', c, 'close'), period),
    stream: () => new Sma(period),
  };
}
