/**
 * Exponential moving average (EMA) with TA-Lib's seeding, and the EMA stage that DEMA, TEMA and
 * MACD are built from (so their batch and streaming faces do the same arithmetic).
 */
import { ExactRollingSum } from '../core/ExactRollingSum.js';
import { checkPeriod, column } from '../core/errors.js';
import type { FeatureDefinition, StreamingFeature } from '../core/types.js';

/**
 * One EMA stage (TA-Lib convention): seeded with the mean of its first `period` inputs (exactly
 * rounded, see `ExactRollingSum`), then `prev = (x − prev)·α + prev` with α = 2/(period + 1), in
 * TA-Lib's operation order. A missing input (NaN or ±Infinity) returns NaN and resets the stage:
 * it restarts as if the series began after it, so a NaN cannot poison every later value.
 *
 * Internal building block (not part of the package's public API).
 *
 * @internal
 */
export class EmaStage {
  readonly #period: number;
  readonly #alpha: number;
  readonly #seed = new ExactRollingSum();
  #count = 0;
  #prev = Number.NaN;

  constructor(period: number) {
    this.#period = period;
    this.#alpha = 2 / (period + 1);
  }

  /** Feeds one input; returns the EMA including it, or NaN during (re-)seeding. */
  step(x: number): number {
    // x − x is 0 for finite x and NaN for NaN and ±Infinity.
    if (x - x !== 0) {
      this.#count = 0;
      this.#seed.clear();
      this.#prev = Number.NaN;
      return Number.NaN;
    }
    if (this.#count === this.#period) {
      this.#prev = (x - this.#prev) * this.#alpha + this.#prev;
      return this.#prev;
    }
    this.#seed.add(x);
    if (++this.#count < this.#period) return Number.NaN;
    this.#prev = this.#seed.sum() / this.#period;
    this.#seed.clear();
    return this.#prev;
  }
}

/**
 * The seed sum of `ema`, shared by every call: a per-call object would make V8 discard the
 * function's optimised code at each garbage collection ("weak objects" deopt), tripling its
 * run time. Safe because `ema` runs to completion without calling user code.
 */
const SCRATCH_SEED = new ExactRollingSum();

/**
 * Exponential moving average, aligned to the input (TA-Lib convention): the first value, at index
 * `period − 1`, is the mean of the first `period` values; after it `ema = (x − prev)·α + prev`
 * with α = 2/(period + 1). NaN before index `period − 1`.
 *
 * Missing values: a NaN (or ±Infinity) input gives NaN and restarts the average, which is NaN
 * again until `period` further values have arrived and is then seeded with their mean — the same
 * recovery as `sma`. Without the restart one missing bar (or a late listing's leading NaNs in an
 * aligned panel) would make every later value NaN.
 *
 * @param values - input series
 * @param period - smoothing period (whole number >= 1; 1 returns the input)
 * @returns a Float64Array of the same length, in the input's units
 * @throws {FeatureArgumentError} for an invalid period
 * @example ema([2, 4, 6, 8, 3], 3) // Float64Array [NaN, NaN, 4, 6, 4.5]
 */
export function ema(values: ArrayLike<number>, period: number): Float64Array {
  checkPeriod('ema', period);
  const n = values.length;
  const out = new Float64Array(n);
  const alpha = 2 / (period + 1);
  const seed = SCRATCH_SEED;
  let i = 0;
  // Two loops — seeding, then the bare recursion until a missing value — so that the hot loop
  // carries no phase branch. Same arithmetic as EmaStage.step.
  while (i < n) {
    let count = 0;
    seed.clear();
    while (i < n && count < period) {
      const x = values[i]!;
      if (x - x !== 0) {
        // x − x is 0 for finite x and NaN for NaN and ±Infinity: restart the seed.
        count = 0;
        seed.clear();
        out[i++] = Number.NaN;
        continue;
      }
      seed.add(x);
      out[i++] = ++count < period ? Number.NaN : seed.sum() / period;
    }
    if (count < period) break;
    let prev = out[i - 1]!;
    for (; i < n; i++) {
      const x = values[i]!;
      if (x - x !== 0) break;
      prev = (x - prev) * alpha + prev;
      out[i] = prev;
    }
  }
  return out;
}

/**
 * Streaming EMA: `add(x)` returns the EMA including `x` (NaN during warm-up and after a missing
 * value until re-seeded), equal to `ema(values, period)` at the same index.
 *
 * @example
 * const e = new Ema(3); e.add(2); e.add(4); e.add(6); // 4
 * e.add(8); // 6
 */
export class Ema implements StreamingFeature<number, number> {
  readonly period: number;
  readonly warmUp: number;
  value = Number.NaN;
  readonly #stage: EmaStage;

  /** @throws {FeatureArgumentError} for an invalid period */
  constructor(period: number) {
    checkPeriod('Ema', period);
    this.period = period;
    this.warmUp = period;
    this.#stage = new EmaStage(period);
  }

  get isReady(): boolean {
    return !Number.isNaN(this.value);
  }

  add(x: number): number {
    this.value = this.#stage.step(x);
    return this.value;
  }
}

/** The registered definition of `ema(period)` over the close. */
export function emaFeature(period: number): FeatureDefinition<Float64Array> {
  return {
    name: `ema(${period})`,
    inputs: ['close'],
    batch: (c) => ema(column('ema', c, 'close'), period),
    stream: () => new Ema(period),
  };
}
