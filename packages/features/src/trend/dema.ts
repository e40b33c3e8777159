/**
 * Double exponential moving average (DEMA, Mulloy 1994): 2·EMA − EMA(EMA), an average with less
 * lag than the EMA of the same period.
 */
import { checkPeriod, column } from '../core/errors.js';
import type { FeatureDefinition, StreamingFeature } from '../core/types.js';
import { EmaStage, ema } from './ema.js';

/**
 * Double exponential moving average, aligned to the input: `2·e1 − e2` with `e1 = ema(values,
 * period)` and `e2 = ema(e1, period)`, α = 2/(period + 1).
 *
 * Seeding (TA-Lib convention): each EMA stage is seeded with the mean of its own first `period`
 * inputs, so e1 starts at index `period − 1` (mean of `values[0 .. period − 1]`) and e2 at index
 * `2·period − 2` (mean of `e1[period − 1 .. 2·period − 2]`). The first DEMA value is therefore at
 * index `2·period − 2` (warm-up `2·period − 1` inputs); earlier values are NaN.
 *
 * Missing values: as in `ema`, a NaN (or ±Infinity) input gives NaN and restarts both stages;
 * values reappear `2·period − 1` inputs after it.
 *
 * @param values - input series
 * @param period - smoothing period of both EMAs (whole number >= 1; 1 returns the input)
 * @returns a Float64Array of the same length, in the input's units
 * @throws {FeatureArgumentError} for an invalid period
 * @example dema([2, 4, 6, 8, 4, 10], 3) // Float64Array [NaN, NaN, NaN, NaN, 5, 8.75]
 */
export function dema(values: ArrayLike<number>, period: number): Float64Array {
  checkPeriod('dema', period);
  const e1 = ema(values, period);
  const out = ema(e1, period);
  for (let i = 0; i < out.length; i++) out[i] = 2 * e1[i]! - out[i]!;
  return out;
}

/**
 * Streaming DEMA: `add(x)` returns the DEMA including `x` (NaN for the first `2·period − 2`
 * inputs and after a missing value until both stages are re-seeded), equal to `dema(values,
 * period)` at the same index.
 *
 * @example
 * const d = new Dema(3);
 * [2, 4, 6, 8].forEach((x) => d.add(x));
 * d.add(4); // 5
 */
export class Dema implements StreamingFeature<number, number> {
  readonly period: number;
  readonly warmUp: number;
  value = Number.NaN;
  readonly #e1: EmaStage;
  readonly #e2: EmaStage;

  /** @throws {FeatureArgumentError} for an invalid period */
  constructor(period: number) {
    checkPeriod('Dema', period);
    this.period = period;
    this.warmUp = 2 * period - 1;
    this.#e1 = new EmaStage(period);
    this.#e2 = new EmaStage(period);
  }

  get isReady(): boolean {
    return !Number.isNaN(this.value);
  }

  add(x: number): number {
    const e1 = this.#e1.step(x);
    this.value = 2 * e1 - this.#e2.step(e1);
    return this.value;
  }
}

/** The registered definition of `dema(period)` over the close. */
export function demaFeature(period: number): FeatureDefinition<Float64Array> {
  return {
    name: `dema(${period})`,
    inputs: ['close'],
    batch: (c) => dema(column('dema', c, 'close'), period),
    stream: () => new Dema(period),
  };
}
