/**
 * Log returns over `period` steps.
 */
import { checkPeriod, column } from '../core/errors.js';
import type { FeatureDefinition, StreamingFeature } from '../core/types.js';
import { LagWindow } from '../core/LagWindow.js';

/**
 * ln(x / prev), computed as `log1p((x − prev)/prev)`: the same number mathematically, but the
 * ratio's rounding (up to 1.1e-16 absolute) would be a relative error of 1e-12 on a 1e-4 return,
 * while the difference is exact for prices within a factor of two. NaN for negative ratios and
 * NaN inputs, −∞ for x = 0. Shared by the volatility estimators and `hurstExponent`.
 */
export function logRatio(x: number, prev: number): number {
  return Math.log1p((x - prev) / prev);
}

/**
 * Log returns, aligned to the input: `out[i] = ln(x[i] / x[i − period])` (natural log; 0.01 ≈
 * +1 %), NaN for `i < period` (index 0 with the default period 1) and where either price is NaN or
 * the ratio is negative; −∞ when x[i] = 0. Computed accurately for small returns (see `logRatio`),
 * so it can differ from numpy's `np.log(x[1:] / x[:-1])` in the last bits.
 *
 * @param values - prices (positive)
 * @param period - lag in steps (whole number >= 1, default 1)
 * @returns a Float64Array of the same length
 * @throws {FeatureArgumentError} for an invalid period
 * @example logReturns([100, 200]) // Float64Array [NaN, 0.6931471805599453] (ln 2)
 */
export function logReturns(values: ArrayLike<number>, period = 1): Float64Array {
  checkPeriod('logReturns', period);
  const n = values.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n && i < period; i++) out[i] = Number.NaN;
  for (let i = period; i < n; i++) out[i] = logRatio(values[i]!, values[i - period]!);
  return out;
}

/**
 * Streaming log returns: `add(x)` returns the value `logReturns` has at the same index.
 *
 * @example
 * const r = new LogReturns(); r.add(100); r.add(200); // ln 2
 */
export class LogReturns implements StreamingFeature<number, number> {
  readonly period: number;
  readonly warmUp: number;
  value = Number.NaN;
  readonly #lag: LagWindow;

  /** @throws {FeatureArgumentError} for an invalid period */
  constructor(period = 1) {
    checkPeriod('LogReturns', period);
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
    this.value = full ? logRatio(x, past) : Number.NaN;
    return this.value;
  }
}

/** The registered definition of `logReturns(period)` over the close. */
export function logReturnsFeature(period = 1): FeatureDefinition<Float64Array> {
  checkPeriod('logReturnsFeature', period);
  return {
    name: `logReturns(${period})`,
    inputs: ['close'],
    batch: (c) => logReturns(column('logReturns', c, 'close'), period),
    stream: () => new LogReturns(period),
  };
}
