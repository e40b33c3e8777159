/**
 * Average true range (ATR, Wilder): the Wilder-smoothed true range.
 */
import { ExactRollingSum } from '../core/ExactRollingSum.js';
import { assertHlc, checkPeriod, column, sameLength } from '../core/errors.js';
import type { BarColumns, BarInput, FeatureDefinition, StreamingFeature } from '../core/types.js';
import { trueRangeOf } from './trueRange.js';

/**
 * Scratch sums of `atr`, reused by every call: a per-call object lets V8 discard the kernel's
 * optimised code at each garbage collection ("weak objects" deopt, up to 3× slower; see `ema`).
 * Safe: the kernel clears them first and runs to completion without calling user code.
 */
const ATR_SEED = new ExactRollingSum();

/**
 * Average true range, aligned to the input (TA-Lib `ATR` convention). The true range starts at
 * index 1 (index 0 has no previous close); the first ATR, at index `period`, is the mean of the
 * true ranges at 1..period (exactly rounded sum / period); after that Wilder's smoothing
 * `ATR[i] = (ATR[i−1]·(period − 1) + TR[i]) / period` (α = 1/period). Price units, >= 0.
 *
 * Missing values: a true range that is NaN or ±Infinity (a NaN high or low, or a NaN previous
 * close) makes that ATR NaN and restarts the average, like `ema`: it is seeded again from the mean
 * of the next `period` true ranges, so no value depends on data before a gap (NaN from the gap
 * until `period` further true ranges have arrived), and one bad bar cannot poison every later
 * value.
 *
 * @param columns - `high`, `low`, `close` of equal length
 * @param period - smoothing period (whole number >= 1)
 * @returns a Float64Array of the same length, NaN for `i < period`
 * @throws {FeatureArgumentError} for an invalid period or columns of different lengths
 * @example atr({ high, low, close }, 14)
 */
export function atr(columns: Pick<Required<BarColumns>, 'high' | 'low' | 'close'>, period: number): Float64Array {
  checkPeriod('atr', period);
  const { high, low, close } = columns;
  const n = sameLength('atr', high, low, close);
  const out = new Float64Array(n);
  const seed = ATR_SEED;
  seed.clear();
  const keep = period - 1;
  let previousClose = Number.NaN;
  let run = 0; // consecutive defined true ranges
  let value = Number.NaN;
  for (let i = 0; i < n; i++) {
    const tr = trueRangeOf(high[i]!, low[i]!, previousClose);
    previousClose = close[i]!;
    if (tr - tr !== 0) {
      run = 0;
      seed.clear();
      value = Number.NaN;
    } else if (++run > period) {
      value = (value * keep + tr) / period;
    } else {
      seed.add(tr);
      value = run === period ? seed.sum() / period : Number.NaN;
    }
    out[i] = value;
  }
  return out;
}

/**
 * Streaming ATR: `add(bar)` returns the ATR including `bar` (NaN during warm-up), equal to
 * `atr(columns, period)` at the same index (same arithmetic, same NaN restarts).
 *
 * @example
 * const a = new Atr(14);
 * for (const bar of bars) a.add(bar); // a.value after 15 bars
 */
export class Atr implements StreamingFeature<BarInput, number> {
  readonly period: number;
  readonly warmUp: number;
  readonly #keep: number;
  readonly #seed = new ExactRollingSum();
  #value = Number.NaN;
  #previousClose = Number.NaN;
  #run = 0;

  /** @throws {FeatureArgumentError} for an invalid period */
  constructor(period: number) {
    checkPeriod('Atr', period);
    this.period = period;
    this.warmUp = period + 1;
    this.#keep = period - 1;
  }

  get value(): number {
    return this.#value;
  }

  get isReady(): boolean {
    return !Number.isNaN(this.#value);
  }

  /** @throws {FeatureArgumentError} when the bar lacks `high`, `low` or `close` */
  add(bar: BarInput): number {
    assertHlc('Atr', bar);
    const { high, low, close } = bar;
    const tr = trueRangeOf(high, low, this.#previousClose);
    this.#previousClose = close;
    const period = this.period;
    if (tr - tr !== 0) {
      this.#run = 0;
      this.#seed.clear();
      this.#value = Number.NaN;
    } else if (++this.#run > period) {
      this.#value = (this.#value * this.#keep + tr) / period;
    } else {
      this.#seed.add(tr);
      this.#value = this.#run === period ? this.#seed.sum() / period : Number.NaN;
    }
    return this.#value;
  }
}

/** The registered definition of `atr(period)` over high, low and close. */
export function atrFeature(period: number): FeatureDefinition<Float64Array> {
  checkPeriod('atrFeature', period);
  return {
    name: `atr(${period})`,
    inputs: ['high', 'low', 'close'],
    batch: (c) => atr({ high: column('atr', c, 'high'), low: column('atr', c, 'low'), close: column('atr', c, 'close') }, period),
    stream: () => new Atr(period),
  };
}
