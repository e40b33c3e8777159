/**
 * Rolling Hurst exponent by rescaled-range (R/S) analysis.
 */
import { checkPeriod, column, FeatureArgumentError } from '../core/errors.js';
import type { FeatureDefinition, StreamingFeature } from '../core/types.js';
import { checkInput, mapFullWindows, SeriesWindow, seriesOf, type WindowInput } from './autocorrelation.js';

/** Options of {@link hurstExponent}. */
export interface HurstOptions {
  /** Smallest chunk length of the R/S ladder (whole number >= 2, default 8). */
  readonly minChunk?: number;
  /** Analyse the values as given (default: they are the increments, e.g. returns) or the log returns of prices. */
  readonly input?: WindowInput;
}

/**
 * Slope of ln(mean R/S) on ln(size) over the chunk sizes minChunk, 2·minChunk, 4·minChunk, … <= N
 * for the window w[start .. start + N). `xs`/`ys` are scratch of at least log2(N/minChunk) + 1.
 */
function rescaledRangeSlope(w: ArrayLike<number>, start: number, N: number, minChunk: number, xs: Float64Array, ys: Float64Array): number {
  let points = 0;
  for (let size = minChunk; size <= N; size *= 2) {
    const chunks = Math.floor(N / size);
    // Chunks end at the newest value; a remainder at the window's start is left out.
    const first = start + N - chunks * size;
    let total = 0;
    let valid = 0;
    for (let c = 0; c < chunks; c++) {
      const s0 = first + c * size;
      let sum = 0;
      for (let j = 0; j < size; j++) sum += w[s0 + j]!;
      const mean = sum / size;
      let cum = 0;
      let hi = 0;
      let lo = 0;
      let ss = 0;
      for (let j = 0; j < size; j++) {
        const d = w[s0 + j]! - mean;
        cum += d;
        if (cum > hi) hi = cum;
        else if (cum < lo) lo = cum;
        ss += d * d;
      }
      if (ss > 0) {
        total += (hi - lo) / Math.sqrt(ss / size);
        valid++;
      }
    }
    if (valid > 0) {
      xs[points] = Math.log(size);
      ys[points] = Math.log(total / valid);
      points++;
    }
  }
  if (points < 2) return Number.NaN;
  let mx = 0;
  let my = 0;
  for (let k = 0; k < points; k++) {
    mx += xs[k]!;
    my += ys[k]!;
  }
  mx /= points;
  my /= points;
  let sxy = 0;
  let sxx = 0;
  for (let k = 0; k < points; k++) {
    const dx = xs[k]! - mx;
    sxy += dx * (ys[k]! - my);
    sxx += dx * dx;
  }
  return sxy / sxx;
}

function checkOptions(name: string, period: number, options: HurstOptions, fallback: WindowInput): { minChunk: number; input: WindowInput } {
  const minChunk = options.minChunk ?? 8;
  if (!Number.isInteger(minChunk) || minChunk < 2) throw new FeatureArgumentError(`${name}: minChunk must be a whole number >= 2, got "${minChunk}"`);
  checkPeriod(name, period, 2 * minChunk);
  return { minChunk, input: checkInput(name, options.input, fallback) };
}

const ladder = (period: number, minChunk: number): number => Math.floor(Math.log2(period / minChunk)) + 1;

/**
 * Rolling Hurst exponent by rescaled range (H. E. Hurst, "Long-term storage capacity of
 * reservoirs", Trans. ASCE 116, 1951; B. Mandelbrot and J. Wallis, Water Resources Research 5,
 * 1969), aligned to the input. For the window of the last N = `period` increments (current
 * included) and each chunk size n = minChunk, 2·minChunk, 4·minChunk, … <= N: split the newest
 * ⌊N/n⌋·n values into non-overlapping chunks; in each, R = max(0, Y₁..Yₙ) − min(0, Y₁..Yₙ) with
 * Yₖ the cumulative deviations from the chunk mean, S = the chunk's population standard deviation;
 * average R/S over the chunks with S > 0. H is the OLS slope of ln(mean R/S) on ln n. Dimensionless,
 * usually in (0, 1): ≈ 0.5 for independent increments, > 0.5 persistent (trending), < 0.5
 * anti-persistent (mean-reverting).
 *
 * BIAS: this is the raw (uncorrected) R/S estimator. For short chunks E[R/S] grows faster than
 * √n (Anis & Lloyd, Biometrika 63, 1976), so H is biased UPWARDS for independent increments, the
 * more so the shorter the window. Measured on i.i.d. normal increments with minChunk = 8 (mean over
 * non-overlapping windows): 0.59 for N = 32, 0.57 for N = 128, 0.56 for N = 512, 0.55 for
 * N = 1024, falling slowly towards 0.5 (see the tests). Compare values computed with the same
 * window and minChunk; do not read 0.5 as the random-walk threshold. It is also noisy (standard
 * deviation across windows ≈ 0.08 for N = 128: only 5 regression points).
 *
 * Pass increments (e.g. returns) with the default `input: 'values'`, or prices with
 * `input: 'logReturns'` (the window then holds the last N one-step log returns, which takes N + 1
 * prices). First value at index `period − 1` ('values') or `period` ('logReturns'); NaN before it,
 * while a NaN/±∞ is in the window, and when fewer than two chunk sizes have a chunk with S > 0.
 * O(N·log(N/minChunk)) per value; the result depends only on the window.
 *
 * @param values - increments (returns), or prices with `input: 'logReturns'`
 * @param period - window length N (whole number >= 2·minChunk)
 * @param options - `minChunk` (default 8), `input` (default 'values')
 * @returns a Float64Array of the same length
 * @throws {FeatureArgumentError} for an invalid period, minChunk or input
 * @example hurstExponent([1, 3, 2, 6], 4, { minChunk: 2 })[3] // (ln 3 − ½ ln 3.5)/ln 2 ≈ 0.681
 */
export function hurstExponent(values: ArrayLike<number>, period: number, options: HurstOptions = {}): Float64Array {
  const { minChunk, input } = checkOptions('hurstExponent', period, options, 'values');
  const series = seriesOf(values, input);
  const k = ladder(period, minChunk);
  const xs = new Float64Array(k);
  const ys = new Float64Array(k);
  const out = new Float64Array(values.length);
  mapFullWindows(series, period, out, (start) => rescaledRangeSlope(series, start, period, minChunk, xs, ys));
  return out;
}

/**
 * Streaming rolling Hurst exponent: `add(x)` returns the value `hurstExponent` has at the same
 * index.
 *
 * @example
 * const h = new HurstExponent(4, { minChunk: 2 }); [1, 3, 2, 6].map((x) => h.add(x)); // last ≈ 0.681
 */
export class HurstExponent implements StreamingFeature<number, number> {
  readonly period: number;
  readonly minChunk: number;
  readonly input: WindowInput;
  readonly warmUp: number;
  value = Number.NaN;
  readonly #window: SeriesWindow;
  readonly #xs: Float64Array;
  readonly #ys: Float64Array;

  /** @throws {FeatureArgumentError} for an invalid period, minChunk or input */
  constructor(period: number, options: HurstOptions = {}) {
    const { minChunk, input } = checkOptions('HurstExponent', period, options, 'values');
    this.period = period;
    this.minChunk = minChunk;
    this.input = input;
    this.warmUp = input === 'logReturns' ? period + 1 : period;
    this.#window = new SeriesWindow(period, input);
    const k = ladder(period, minChunk);
    this.#xs = new Float64Array(k);
    this.#ys = new Float64Array(k);
  }

  get isReady(): boolean {
    return !Number.isNaN(this.value);
  }

  add(x: number): number {
    const w = this.#window;
    this.value = w.add(x) ? rescaledRangeSlope(w.linear, 0, this.period, this.minChunk, this.#xs, this.#ys) : Number.NaN;
    return this.value;
  }
}

/**
 * The registered definition of the rolling Hurst exponent of the CLOSE's log returns (the feature
 * reads prices; R/S analysis needs increments), named `hurstExponent(period,logReturns)` (plus
 * `,minChunk=m` when not 8); pass `input: 'values'` to analyse the closes as given.
 */
export function hurstExponentFeature(period: number, options: HurstOptions = {}): FeatureDefinition<Float64Array> {
  const { minChunk, input } = checkOptions('hurstExponentFeature', period, options, 'logReturns');
  return {
    name: `hurstExponent(${period},${input}${minChunk === 8 ? '' : `,minChunk=${minChunk}`})`,
    inputs: ['close'],
    batch: (c) => hurstExponent(column('hurstExponent', c, 'close'), period, { minChunk, input }),
    stream: () => new HurstExponent(period, { minChunk, input }),
  };
}
