/**
 * Relative strength index (RSI, Wilder 1978) with Wilder smoothing.
 */
import { ExactRollingSum } from '../core/ExactRollingSum.js';
import { checkPeriod, column } from '../core/errors.js';
import type { FeatureDefinition, StreamingFeature } from '../core/types.js';

/** RSI from the average gain and loss: TA-Lib's `100·g/(g + l)`, 50 when both are 0. */
function rsiOf(gain: number, loss: number): number {
  const total = gain + loss;
  // No movement at all over the smoothing window: neither overbought nor oversold. (TA-Lib
  // returns 0 here, which reads as "maximally oversold".)
  return total === 0 ? 50 : 100 * (gain / total);
}

/**
 * Scratch sums of `rsi`, reused by every call: a per-call object lets V8 discard the kernel's
 * optimised code at each garbage collection ("weak objects" deopt, up to 3× slower; see `ema`).
 * Safe: the kernel clears them first and runs to completion without calling user code.
 */
const RSI_SEED_GAIN = new ExactRollingSum();
const RSI_SEED_LOSS = new ExactRollingSum();

/**
 * Relative strength index, aligned to the input, in [0, 100] (TA-Lib conventions). With the
 * changes `d = x[t] − x[t − 1]`, gains `max(d, 0)` and losses `max(−d, 0)`: the average gain and
 * loss are seeded with the means of the first `period` gains and losses (exactly rounded), then
 * smoothed Wilder's way, `avg = (avg·(period − 1) + new)/period` (α = 1/period). RSI =
 * `100·avgGain/(avgGain + avgLoss)`, equal to `100 − 100/(1 + RS)` with RS = avgGain/avgLoss.
 *
 * First value at index `period` (it needs `period` changes); earlier values are NaN. Edge cases:
 * 100 when the average loss is 0 and the average gain is not; 0 in the mirror case; 50 when both
 * are 0 (a flat window; TA-Lib gives 0 there).
 *
 * Missing values: a NaN (or ±Infinity) input gives NaN and restarts the computation as if the
 * series began after it (values reappear `period + 1` inputs later).
 *
 * @param values - input series (typically closes)
 * @param period - smoothing period (whole number >= 1; 14 is Wilder's)
 * @returns a Float64Array of the same length, values in [0, 100]
 * @throws {FeatureArgumentError} for an invalid period
 * @example rsi([10, 11, 13, 12, 15, 14], 3) // Float64Array [NaN, NaN, NaN, 75, 88.235…, 69.767…]
 */
export function rsi(values: ArrayLike<number>, period: number): Float64Array {
  checkPeriod('rsi', period);
  const n = values.length;
  const out = new Float64Array(n);
  const m = period - 1;
  const seedGain = RSI_SEED_GAIN;
  seedGain.clear();
  const seedLoss = RSI_SEED_LOSS;
  seedLoss.clear();
  // Same arithmetic as Rsi.add, with the state in locals for speed.
  let count = 0;
  let prev = Number.NaN;
  let gain = Number.NaN;
  let loss = Number.NaN;
  for (let i = 0; i < n; i++) {
    const x = values[i]!;
    if (count === period && x - x === 0) {
      const d = x - prev;
      prev = x;
      // Adding the zero side is exact, so this equals TA-Lib's branchy update bit for bit.
      gain = (gain * m + Math.max(d, 0)) / period;
      loss = (loss * m + Math.max(-d, 0)) / period;
      out[i] = rsiOf(gain, loss);
    } else if (x - x !== 0) {
      count = 0;
      prev = Number.NaN;
      seedGain.clear();
      seedLoss.clear();
      out[i] = Number.NaN;
    } else if (prev !== prev) {
      prev = x;
      out[i] = Number.NaN;
    } else {
      const d = x - prev;
      prev = x;
      seedGain.add(Math.max(d, 0));
      seedLoss.add(Math.max(-d, 0));
      if (++count < period) {
        out[i] = Number.NaN;
      } else {
        gain = seedGain.sum() / period;
        loss = seedLoss.sum() / period;
        seedGain.clear();
        seedLoss.clear();
        out[i] = rsiOf(gain, loss);
      }
    }
  }
  return out;
}

/**
 * Streaming RSI: `add(x)` returns the RSI including `x` (NaN for the first `period` inputs and
 * after a missing value until re-seeded), equal to `rsi(values, period)` at the same index.
 *
 * @example
 * const r = new Rsi(3);
 * [10, 11, 13].forEach((x) => r.add(x));
 * r.add(12); // 75
 */
export class Rsi implements StreamingFeature<number, number> {
  readonly period: number;
  readonly warmUp: number;
  value = Number.NaN;
  readonly #seedGain = new ExactRollingSum();
  readonly #seedLoss = new ExactRollingSum();
  #count = 0;
  #prev = Number.NaN;
  #gain = Number.NaN;
  #loss = Number.NaN;

  /** @throws {FeatureArgumentError} for an invalid period */
  constructor(period: number) {
    checkPeriod('Rsi', period);
    this.period = period;
    this.warmUp = period + 1;
  }

  get isReady(): boolean {
    return !Number.isNaN(this.value);
  }

  add(x: number): number {
    const p = this.period;
    if (x - x !== 0) {
      this.#count = 0;
      this.#prev = Number.NaN;
      this.#seedGain.clear();
      this.#seedLoss.clear();
      return (this.value = Number.NaN);
    }
    const prev = this.#prev;
    this.#prev = x;
    if (prev !== prev) return (this.value = Number.NaN);
    const d = x - prev;
    if (this.#count === p) {
      this.#gain = (this.#gain * (p - 1) + Math.max(d, 0)) / p;
      this.#loss = (this.#loss * (p - 1) + Math.max(-d, 0)) / p;
      return (this.value = rsiOf(this.#gain, this.#loss));
    }
    this.#seedGain.add(Math.max(d, 0));
    this.#seedLoss.add(Math.max(-d, 0));
    if (++this.#count < p) return (this.value = Number.NaN);
    this.#gain = this.#seedGain.sum() / p;
    this.#loss = this.#seedLoss.sum() / p;
    this.#seedGain.clear();
    this.#seedLoss.clear();
    return (this.value = rsiOf(this.#gain, this.#loss));
  }
}

/** The registered definition of `rsi(period)` over the close. */
export function rsiFeature(period: number): FeatureDefinition<Float64Array> {
  return {
    name: `rsi(${period})`,
    inputs: ['close'],
    batch: (c) => rsi(column('rsi', c, 'close'), period),
    stream: () => new Rsi(period),
  };
}
