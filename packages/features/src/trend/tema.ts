/**
 * Triple exponential moving average (TEMA, Mulloy 1994): 3·EMA − 3·EMA(EMA) + EMA(EMA(EMA)).
 */
import { checkPeriod, column } from '../core/errors.js';
import type { FeatureDefinition, StreamingFeature } from '../core/types.js';
import { EmaStage, ema } from './ema.js';

/**
 * Triple exponential moving average, aligned to the input: `3·e1 − 3·e2 + e3` with `e1 =
 * ema(values, period)`, `e2 = ema(e1, period)`, `e3 = ema(e2, period)`, α = 2/(period + 1).
 *
 * Seeding (TA-Lib convention): each EMA stage is seeded with the mean of its own first `period`
 * inputs, so e1 starts at index `period − 1`, e2 at `2·period − 2` and e3 at `3·period − 3`: the
 * first TEMA value is at index `3·period − 3` (warm-up `3·period − 2` inputs); earlier values are
 * NaN.
 *
 * Missing values: as in `ema`, a NaN (or ±Infinity) input gives NaN and restarts all three
 * stages; values reappear `3·period − 2` inputs after it.
 *
 * @param values - input series
 * @param period - smoothing period of the three EMAs (whole number >= 1; 1 returns the input)
 * @returns a Float64Array of the same length, in the input's units
 * @throws {FeatureArgumentError} for an invalid period
 * @example tema([2, 4, 6, 8, 4, 10, 1, 7], 3) // Float64Array [NaN ×6, 2.5, 6.03125]
 */
export function tema(values: ArrayLike<number>, period: number): Float64Array {
  checkPeriod('tema', period);
  const e1 = ema(values, period);
  const e2 = ema(e1, period);
  const out = ema(e2, period);
  for (let i = 0; i < out.length; i++) out[i] = 3 * e1[i]! - 3 * e2[i]! + out[i]!;
  return out;
}

/**
 * Streaming TEMA: `add(x)` returns the TEMA including `x` (NaN for the first `3·period − 3`
 * inputs and after a missing value until all stages are re-seeded), equal to `tema(values,
 * period)` at the same index.
 *
 * @example
 * const t = new Tema(3);
 * [2, 4, 6, 8, 4, 10].forEach((x) => t.add(x));
 * t.add(1); // 2.5
 */
export class Tema implements StreamingFeature<number, number> {
  readonly period: number;
  readonly warmUp: number;
  value = Number.NaN;
  readonly #e1: EmaStage;
  readonly #e2: EmaStage;
  readonly #e3: EmaStage;

  /** @throws {FeatureArgumentError} for an invalid period */
  constructor(period: number) {
    checkPeriod('Tema', period);
    this.period = period;
    this.warmUp = 3 * period - 2;
    this.#e1 = new EmaStage(period);
    this.#e2 = new EmaStage(period);
    this.#e3 = new EmaStage(period);
  }

  get isReady(): boolean {
    return !Number.isNaN(this.value);
  }

  add(x: number): number {
    const e1 = this.#e1.step(x);
    const e2 = this.#e2.step(e1);
    this.value = 3 * e1 - 3 * e2 + this.#e3.step(e2);
    return this.value;
  }
}

/** The registered definition of `tema(period)` over the close. */
export function temaFeature(period: number): FeatureDefinition<Float64Array> {
  return {
    name: `tema(${period})`,
    inputs: ['close'],
    batch: (c) => tema(column('tema', c, 'close'), period),
    stream: () => new Tema(period),
  };
}
