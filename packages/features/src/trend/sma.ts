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
  // The window sum is kept exactly as hi + lo (hi the running sum, lo its exact rounding errors,
  // both chains independent), inlined here because this is the hottest kernel; should an error
  // term itself round, the rest of the series goes through the general ExactRollingSum.
  let hi = 0;
  let lo = 0;
  let nans = 0;
  for (let i = 0; i < n; i++) {
    const x = values[i]!;
    let err = 0;
    if (x - x === 0) {
      const s = hi + x;
      const bs = s - hi;
      const e = hi - (s - bs) + (x - bs);
      hi = s;
      const t = lo + e;
      const bt = t - lo;
      err = lo - (t - bt) + (e - bt);
      lo = t;
    } else {
      nans++;
    }
    if (i >= period) {
      const old = values[i - period]!;
      if (old - old === 0) {
        const y = -old;
        const s = hi + y;
        const bs = s - hi;
        const e = hi - (s - bs) + (y - bs);
        hi = s;
        const t = lo + e;
        const bt = t - lo;
        err += lo - (t - bt) + (e - bt);
        lo = t;
      } else {
        nans--;
      }
    }
    if (err !== 0) return smaSlow(values, period, out, i);
    if ((i & 63) === 63) {
      const h = hi + lo;
      const bh = h - hi;
      lo = hi - (h - bh) + (lo - bh);
      hi = h;
    }
    out[i] = i >= period - 1 && nans === 0 ? (hi + lo) / period : Number.NaN;
  }
  return out;
}

/**
 * Scratch sums of `sma`, reused by every call: a per-call object lets V8 discard the kernel's
 * optimised code at each garbage collection ("weak objects" deopt, up to 3× slower; see `ema`).
 * Safe: the kernel clears them first and runs to completion without calling user code.
 */
const SMA_SUM = new ExactRollingSum();

/** The general path, from index `from` on (rebuilding the window as of `from − 1` exactly). */
function smaSlow(values: ArrayLike<number>, period: number, out: Float64Array, from: number): Float64Array {
  const sum = SMA_SUM;
  sum.clear();
  for (let i = Math.max(0, from - period); i < from; i++) sum.add(values[i]!);
  for (let i = from; i < values.length; i++) {
    sum.add(values[i]!);
    if (i >= period) sum.remove(values[i - period]!);
    const v = sum.sum();
    out[i] = i >= period - 1 && v - v === 0 ? v / period : Number.NaN;
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
