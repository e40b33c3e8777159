/**
 * Rate of change (ROC): the percentage change over `period` values.
 */
import { checkPeriod, column } from '../core/errors.js';
import type { FeatureDefinition, StreamingFeature } from '../core/types.js';
import { LagWindow } from '../core/LagWindow.js';

/**
 * Rate of change in percent, aligned to the input: `out[t] = 100·(x[t]/x[t − period] − 1)`
 * (TA-Lib's ROC, same arithmetic order). NaN for `t < period`, when either value is NaN, and when
 * `x[t − period]` is 0 (the change is undefined; TA-Lib writes 0 there).
 *
 * @param values - input series (typically closes)
 * @param period - lag in values (whole number >= 1)
 * @returns a Float64Array of the same length, in percent (10 means +10 %)
 * @throws {FeatureArgumentError} for an invalid period
 * @example roc([4, 8, 2, 4], 1) // Float64Array [NaN, 100, -75, 100]
 */
export function roc(values: ArrayLike<number>, period: number): Float64Array {
  checkPeriod('roc', period);
  const n = values.length;
  const out = new Float64Array(n);
  const first = Math.min(period, n);
  for (let i = 0; i < first; i++) out[i] = Number.NaN;
  for (let i = period; i < n; i++) out[i] = rateOfChange(values[i]!, values[i - period]!);
  return out;
}

function rateOfChange(x: number, past: number): number {
  return past === 0 ? Number.NaN : (x / past - 1) * 100;
}

/**
 * Streaming ROC: `add(x)` returns the rate of change in percent including `x` (NaN for the first
 * `period` inputs), equal to `roc(values, period)` at the same index.
 *
 * @example
 * const r = new Roc(1); r.add(4); r.add(8); // 100
 */
export class Roc implements StreamingFeature<number, number> {
  readonly period: number;
  readonly warmUp: number;
  value = Number.NaN;
  readonly #lag: LagWindow;

  /** @throws {FeatureArgumentError} for an invalid period */
  constructor(period: number) {
    checkPeriod('Roc', period);
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
    this.value = full ? rateOfChange(x, past) : Number.NaN;
    return this.value;
  }
}

/** The registered definition of `roc(period)` over the close. */
export function rocFeature(period: number): FeatureDefinition<Float64Array> {
  return {
    name: `roc(${period})`,
    inputs: ['close'],
    batch: (c) => roc(column('roc', c, 'close'), period),
    stream: () => new Roc(period),
  };
}
