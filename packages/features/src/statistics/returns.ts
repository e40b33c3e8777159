/**
 * Simple returns over `period` steps.
 */
import { checkPeriod, column } from '../core/errors.js';
import type { FeatureDefinition, StreamingFeature } from '../core/types.js';
import { LagWindow } from '../core/LagWindow.js';

/**
 * Simple returns, aligned to the input: `out[i] = x[i]/x[i − period] − 1` (a fraction: 0.01 is
 * +1 %), NaN for `i < period` (index 0 with the default period 1) and where either price is NaN.
 * Computed as `(x[i] − x[i − period]) / x[i − period]`, which is the same number mathematically but
 * correctly rounded when the prices are within a factor of two (the subtraction is then exact), while
 * `x/prev − 1` loses the low bits of small returns (101/100 − 1 = 0.010000000000000009); so results
 * can differ from pandas' `pct_change` in the last bits. A zero previous price gives ±∞ (or NaN for
 * 0/0).
 *
 * @param values - prices (or any positive series)
 * @param period - lag in steps (whole number >= 1, default 1)
 * @returns a Float64Array of the same length
 * @throws {FeatureArgumentError} for an invalid period
 * @example returns([100, 101, 50.5]) // Float64Array [NaN, 0.01, -0.5]
 */
export function returns(values: ArrayLike<number>, period = 1): Float64Array {
  checkPeriod('returns', period);
  const n = values.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n && i < period; i++) out[i] = Number.NaN;
  for (let i = period; i < n; i++) {
    const prev = values[i - period]!;
    out[i] = (values[i]! - prev) / prev;
  }
  return out;
}

/**
 * Streaming simple returns: `add(x)` returns the value `returns` has at the same index.
 *
 * @example
 * const r = new Returns(); r.add(100); r.add(101); // 0.01
 */
export class Returns implements StreamingFeature<number, number> {
  readonly period: number;
  readonly warmUp: number;
  value = Number.NaN;
  readonly #lag: LagWindow;

  /** @throws {FeatureArgumentError} for an invalid period */
  constructor(period = 1) {
    checkPeriod('Returns', period);
    this.period = period;
    this.warmUp = period + 1;
    this.#lag = new LagWindow(period);
  }

  get isReady(): boolean {
    return !Number.isNaN(this.value);
  }

  add(x: number): number {
    const full = this.#lag.full;
    const past = this.#lag.push(x);
    this.value = full ? (x - past) / past : Number.NaN;
    return this.value;
  }
}

/** The registered definition of `returns(period)` over the close. */
export function returnsFeature(period = 1): FeatureDefinition<Float64Array> {
  checkPeriod('returnsFeature', period);
  return {
    name: `returns(${period})`,
    inputs: ['close'],
    batch: (c) => returns(column('returns', c, 'close'), period),
    stream: () => new Returns(period),
  };
}
