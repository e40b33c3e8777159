/**
 * Momentum: the change over `period` values.
 */
import { checkPeriod, column } from '../core/errors.js';
import type { FeatureDefinition, StreamingFeature } from '../core/types.js';
import { LagWindow } from '../core/LagWindow.js';

/**
 * Momentum, aligned to the input: `out[t] = x[t] − x[t − period]` (TA-Lib's MOM). NaN for
 * `t < period` and when either value is NaN.
 *
 * @param values - input series (typically closes)
 * @param period - lag in values (whole number >= 1)
 * @returns a Float64Array of the same length, in the input's units
 * @throws {FeatureArgumentError} for an invalid period
 * @example momentum([4, 8, 2, 4], 2) // Float64Array [NaN, NaN, -2, -4]
 */
export function momentum(values: ArrayLike<number>, period: number): Float64Array {
  checkPeriod('momentum', period);
  const n = values.length;
  const out = new Float64Array(n);
  const first = Math.min(period, n);
  for (let i = 0; i < first; i++) out[i] = Number.NaN;
  for (let i = period; i < n; i++) out[i] = values[i]! - values[i - period]!;
  return out;
}

/**
 * Streaming momentum: `add(x)` returns `x` minus the value `period` inputs earlier (NaN for the
 * first `period` inputs), equal to `momentum(values, period)` at the same index.
 *
 * @example
 * const m = new Momentum(2); m.add(4); m.add(8); m.add(2); // -2
 */
export class Momentum implements StreamingFeature<number, number> {
  readonly period: number;
  readonly warmUp: number;
  value = Number.NaN;
  readonly #lag: LagWindow;

  /** @throws {FeatureArgumentError} for an invalid period */
  constructor(period: number) {
    checkPeriod('Momentum', period);
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
    this.value = full ? x - past : Number.NaN;
    return this.value;
  }
}

/** The registered definition of `momentum(period)` over the close. */
export function momentumFeature(period: number): FeatureDefinition<Float64Array> {
  return {
    name: `momentum(${period})`,
    inputs: ['close'],
    batch: (c) => momentum(column('momentum', c, 'close'), period),
    stream: () => new Momentum(period),
  };
}
