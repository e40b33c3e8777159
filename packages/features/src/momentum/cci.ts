/**
 * Commodity channel index (CCI, Lambert): the typical price's distance from its moving average in
 * units of mean absolute deviation.
 */
import { ExactRollingSum } from '../core/ExactRollingSum.js';
import { assertHlc, checkPeriod, column, sameLength } from '../core/errors.js';
import type { BarColumns, BarInput, FeatureDefinition, StreamingFeature } from '../core/types.js';

/** Lambert's constant: scales CCI so roughly 70–80% of values fall within ±100. */
const LAMBERT = 0.015;

/**
 * Scratch sums of `cci`, reused by every call: a per-call object lets V8 discard the kernel's
 * optimised code at each garbage collection ("weak objects" deopt; see `ema`). Safe: the kernel
 * clears them first and runs to completion without calling user code.
 */
const CCI_SUM = new ExactRollingSum();

/**
 * CCI, aligned to the input (TA-Lib `CCI`): typical price `TP = (high + low + close)/3`,
 * `mean` = SMA(period) of TP (exactly rounded window sum), `MD` = mean of `|TP_j − mean|` over the
 * same window (summed oldest to newest), `CCI = (TP − mean) / (0.015·MD)`; 0 when `MD == 0` (a flat
 * window; TA-Lib's choice, tested exactly here, against an epsilon in TA-Lib). Unbounded,
 * dimensionless. First value at index `period − 1`. Cost O(period) per bar (the deviations are
 * taken from the current mean).
 *
 * Missing values: a NaN (or ±Infinity) high, low or close makes CCI NaN while its bar is in the
 * window (a non-finite value never enters the exact window sum, which it would poison).
 *
 * @param columns - `high`, `low`, `close` of equal length
 * @param period - window length (whole number >= 2, TA-Lib's range)
 * @returns a Float64Array of the same length
 * @throws {FeatureArgumentError} for an invalid period or columns of different lengths
 * @example cci({ high, low, close }, 20)
 */
export function cci(columns: Pick<Required<BarColumns>, 'high' | 'low' | 'close'>, period: number): Float64Array {
  checkPeriod('cci', period, 2);
  const { high, low, close } = columns;
  const n = sameLength('cci', high, low, close);
  const tp = new Float64Array(n);
  for (let i = 0; i < n; i++) tp[i] = (high[i]! + low[i]! + close[i]!) / 3;
  const out = new Float64Array(n);
  const sum = CCI_SUM;
  sum.clear();
  let nans = 0;
  for (let i = 0; i < n; i++) {
    const v = tp[i]!;
    if (v - v === 0) sum.add(v);
    else nans++;
    if (i >= period) {
      const old = tp[i - period]!;
      if (old - old === 0) sum.remove(old);
      else nans--;
    }
    if (i < period - 1 || nans !== 0) {
      out[i] = Number.NaN;
      continue;
    }
    const mean = sum.sum() / period;
    let deviation = 0;
    for (let j = i - period + 1; j <= i; j++) deviation += Math.abs(tp[j]! - mean);
    out[i] = deviation !== 0 ? (v - mean) / (LAMBERT * (deviation / period)) : 0;
  }
  return out;
}

/**
 * Streaming CCI: `add(bar)` returns the CCI including `bar` (NaN during warm-up), equal to
 * `cci(columns, period)` at the same index.
 *
 * @example
 * const c = new Cci(20);
 * c.add({ high, low, close });
 */
export class Cci implements StreamingFeature<BarInput, number> {
  readonly period: number;
  readonly warmUp: number;
  readonly #window: Float64Array;
  readonly #sum = new ExactRollingSum();
  #count = 0;
  #nans = 0;
  #value = Number.NaN;

  /** @throws {FeatureArgumentError} for an invalid period (whole number >= 2) */
  constructor(period: number) {
    checkPeriod('Cci', period, 2);
    this.period = period;
    this.warmUp = period;
    this.#window = new Float64Array(period);
  }

  get value(): number {
    return this.#value;
  }

  get isReady(): boolean {
    return !Number.isNaN(this.#value);
  }

  /** @throws {FeatureArgumentError} when the bar lacks `high`, `low` or `close` */
  add(bar: BarInput): number {
    assertHlc('Cci', bar);
    const { high, low, close } = bar;
    const p = this.period;
    const window = this.#window;
    const v = (high + low + close) / 3;
    const k = this.#count % p;
    if (this.#count >= p) {
      const old = window[k]!;
      if (old - old === 0) this.#sum.remove(old);
      else this.#nans--;
    }
    window[k] = v;
    if (v - v === 0) this.#sum.add(v);
    else this.#nans++;
    this.#count++;
    if (this.#count < p || this.#nans !== 0) {
      this.#value = Number.NaN;
      return this.#value;
    }
    const mean = this.#sum.sum() / p;
    // Oldest to newest, the batch order, so both faces round identically.
    let deviation = 0;
    for (let j = k + 1; j < p; j++) deviation += Math.abs(window[j]! - mean);
    for (let j = 0; j <= k; j++) deviation += Math.abs(window[j]! - mean);
    this.#value = deviation !== 0 ? (v - mean) / (LAMBERT * (deviation / p)) : 0;
    return this.#value;
  }
}

/** The registered definition of `cci(period)` over high, low and close. */
export function cciFeature(period: number): FeatureDefinition<Float64Array> {
  checkPeriod('cciFeature', period, 2);
  return {
    name: `cci(${period})`,
    inputs: ['high', 'low', 'close'],
    batch: (c) => cci({ high: column('cci', c, 'high'), low: column('cci', c, 'low'), close: column('cci', c, 'close') }, period),
    stream: () => new Cci(period),
  };
}
