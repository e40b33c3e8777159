/**
 * Rolling lag-k autocorrelation, and the window plumbing shared with `hurstExponent`.
 */
import { checkPeriod, column, FeatureArgumentError } from '../core/errors.js';
import type { FeatureDefinition, StreamingFeature } from '../core/types.js';
import { logRatio, logReturns } from './logReturns.js';

/**
 * What a windowed statistic is computed on: the series as given ('values'), or its one-step log
 * returns ('logReturns': pass prices, the window then holds `period` returns, which takes
 * `period + 1` prices).
 */
export type WindowInput = 'values' | 'logReturns';

/** Validates a {@link WindowInput}; returns it. */
export function checkInput(name: string, input: WindowInput | undefined, fallback: WindowInput): WindowInput {
  const v = input ?? fallback;
  if (v !== 'values' && v !== 'logReturns') throw new FeatureArgumentError(`${name}: input must be "values" or "logReturns", got "${String(v)}"`);
  return v;
}

/** The series a batch statistic runs on: `values` itself or its log returns. */
export function seriesOf(values: ArrayLike<number>, input: WindowInput): ArrayLike<number> {
  return input === 'logReturns' ? logReturns(values) : values;
}

/**
 * Calls `kernel(start)` for every full window `series[start .. start + length)` holding only finite
 * values and writes its result at the window's last index; NaN elsewhere.
 */
export function mapFullWindows(series: ArrayLike<number>, length: number, out: Float64Array, kernel: (start: number) => number): void {
  const n = series.length;
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const x = series[i]!;
    if (x - x !== 0) bad++;
    if (i >= length) {
      const old = series[i - length]!;
      if (old - old !== 0) bad--;
    }
    out[i] = i >= length - 1 && bad === 0 ? kernel(i - length + 1) : Number.NaN;
  }
}

/**
 * Streaming window of the last `length` values of the series (transformed by `input`), copied out
 * oldest first so a kernel sees exactly the batch window.
 */
export class SeriesWindow {
  readonly length: number;
  readonly input: WindowInput;
  /** The window, oldest first, after an `add` that returned true. */
  readonly linear: Float64Array;
  readonly #ring: Float64Array;
  #head = 0;
  #filled = 0;
  #bad = 0;
  #prev = Number.NaN;

  constructor(length: number, input: WindowInput) {
    this.length = length;
    this.input = input;
    this.#ring = new Float64Array(length);
    this.linear = new Float64Array(length);
  }

  /** Feeds one input; returns whether the window is full and finite (then `linear` holds it). */
  add(value: number): boolean {
    let x = value;
    if (this.input === 'logReturns') {
      x = logRatio(value, this.#prev);
      this.#prev = value;
    }
    const ring = this.#ring;
    const h = this.#head;
    if (this.#filled === this.length) {
      const old = ring[h]!;
      if (old - old !== 0) this.#bad--;
    } else {
      this.#filled++;
    }
    if (x - x !== 0) this.#bad++;
    ring[h] = x;
    const next = h + 1 === this.length ? 0 : h + 1;
    this.#head = next;
    if (this.#filled < this.length || this.#bad > 0) return false;
    this.linear.set(ring.subarray(next), 0);
    this.linear.set(ring.subarray(0, next), this.length - next);
    return true;
  }
}

/**
 * Pearson correlation of w[start + lag + j] with w[start + j], j = 0 .. length − lag − 1, each
 * side centred on its own mean (two passes, fixed order). Clamped to [−1, 1]; NaN for a flat side.
 */
function lagCorrelation(w: ArrayLike<number>, start: number, length: number, lag: number): number {
  const m = length - lag;
  let sa = 0;
  let sb = 0;
  for (let j = 0; j < m; j++) {
    sa += w[start + lag + j]!;
    sb += w[start + j]!;
  }
  const ma = sa / m;
  const mb = sb / m;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let j = 0; j < m; j++) {
    const da = w[start + lag + j]! - ma;
    const db = w[start + j]! - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  const r = sab / (Math.sqrt(saa) * Math.sqrt(sbb));
  return r > 1 ? 1 : r < -1 ? -1 : r;
}

/** Options of {@link autocorrelation}. */
export interface AutocorrelationOptions {
  /** Lag in steps (whole number >= 1, default 1). */
  readonly lag?: number;
  /** Computed on the values as given (default) or on their log returns. */
  readonly input?: WindowInput;
}

function checkOptions(name: string, period: number, options: AutocorrelationOptions, fallback: WindowInput): { lag: number; input: WindowInput } {
  const lag = options.lag ?? 1;
  if (!Number.isInteger(lag) || lag < 1) throw new FeatureArgumentError(`${name}: lag must be a whole number >= 1, got "${lag}"`);
  checkPeriod(name, period, lag + 2);
  return { lag, input: checkInput(name, options.input, fallback) };
}

/**
 * Rolling lag-k autocorrelation, aligned to the input: over the window of the last `period` values
 * y (current included), the Pearson correlation of the `period − lag` pairs (y[t], y[t − lag]) that
 * lie inside the window, each side centred on its own mean and scaled by its own standard deviation
 * — pandas' `Series.autocorr(lag)` applied to the window. (The textbook ACF estimator, with one
 * common mean and the full-window variance as denominator, is shrunk towards 0 by about
 * (period − lag)/period; this one is not.) Dimensionless, in [−1, 1]. With `input: 'logReturns'`,
 * pass prices: the window holds the last `period` one-step log returns. First value at index
 * `period − 1` ('values') or `period` ('logReturns'); NaN before it, while a NaN/±∞ is in the
 * window, and when either side is flat. O(period) per value (two passes over the window, so the
 * result depends only on the window, never on history).
 *
 * @param values - input series (returns, or prices with `input: 'logReturns'`)
 * @param period - window length (whole number >= lag + 2)
 * @param options - `lag` (default 1), `input` (default 'values')
 * @returns a Float64Array of the same length
 * @throws {FeatureArgumentError} for an invalid period, lag or input
 * @example autocorrelation([1, 3, 2, 4, 3], 5)[4] // −1/√10 ≈ −0.316
 */
export function autocorrelation(values: ArrayLike<number>, period: number, options: AutocorrelationOptions = {}): Float64Array {
  const { lag, input } = checkOptions('autocorrelation', period, options, 'values');
  const series = seriesOf(values, input);
  const out = new Float64Array(values.length);
  mapFullWindows(series, period, out, (start) => lagCorrelation(series, start, period, lag));
  return out;
}

/**
 * Streaming rolling autocorrelation: `add(x)` returns the value `autocorrelation` has at the same
 * index.
 *
 * @example
 * const a = new Autocorrelation(5); [1, 3, 2, 4, 3].map((x) => a.add(x)); // last ≈ −0.316
 */
export class Autocorrelation implements StreamingFeature<number, number> {
  readonly period: number;
  readonly lag: number;
  readonly input: WindowInput;
  readonly warmUp: number;
  value = Number.NaN;
  readonly #window: SeriesWindow;

  /** @throws {FeatureArgumentError} for an invalid period, lag or input */
  constructor(period: number, options: AutocorrelationOptions = {}) {
    const { lag, input } = checkOptions('Autocorrelation', period, options, 'values');
    this.period = period;
    this.lag = lag;
    this.input = input;
    this.warmUp = input === 'logReturns' ? period + 1 : period;
    this.#window = new SeriesWindow(period, input);
  }

  get isReady(): boolean {
    return !Number.isNaN(this.value);
  }

  add(x: number): number {
    this.value = this.#window.add(x) ? lagCorrelation(this.#window.linear, 0, this.period, this.lag) : Number.NaN;
    return this.value;
  }
}

/**
 * The registered definition of the rolling autocorrelation of the CLOSE's log returns (the
 * feature reads prices, whose autocorrelation is ≈ 1 and uninformative), named
 * `autocorrelation(period,lag=k,logReturns)`; pass `input: 'values'` for the closes themselves.
 */
export function autocorrelationFeature(period: number, options: AutocorrelationOptions = {}): FeatureDefinition<Float64Array> {
  const { lag, input } = checkOptions('autocorrelationFeature', period, options, 'logReturns');
  return {
    name: `autocorrelation(${period},lag=${lag},${input})`,
    inputs: ['close'],
    batch: (c) => autocorrelation(column('autocorrelation', c, 'close'), period, { lag, input }),
    stream: () => new Autocorrelation(period, { lag, input }),
  };
}
