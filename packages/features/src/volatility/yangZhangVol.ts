/**
 * Yang–Zhang (2000) drift-independent open-high-low-close volatility with opening jumps.
 */
import { checkPeriod, sameLength } from '../core/errors.js';
import type { BarInput, FeatureDefinition, StreamingFeature } from '../core/types.js';
import { logRatio } from '../statistics/logReturns.js';
import { RollingMoments, rollingMoments } from '../statistics/rollingStd.js';
import { annualisation, barField, type OhlcColumns, ohlcColumns, type RealizedVolOptions, RollingTermSum, rollingTermSum } from './parkinsonVol.js';

/** Rogers–Satchell term ln(H/C)·ln(H/O) + ln(L/C)·ln(L/O) (>= 0 when O, C lie within [L, H]). */
function rogersSatchellTerm(open: number, high: number, low: number, close: number): number {
  return logRatio(high, close) * logRatio(high, open) + logRatio(low, close) * logRatio(low, open);
}

/** k = 0.34 / (1.34 + (n + 1)/(n − 1)), Yang & Zhang's variance-minimising weight (α = 1.34). */
function yangZhangK(n: number): number {
  return 0.34 / (1.34 + (n + 1) / (n - 1));
}

/**
 * Yang–Zhang volatility, aligned to the input (D. Yang and Q. Zhang, "Drift-Independent
 * Volatility Estimation Based on High, Low, Open, and Close Prices", Journal of Business 73(3),
 * 2000, 477–491). Over the last n = period bars (current included):
 *
 *     oᵢ = ln(Oᵢ/Cᵢ₋₁)  (overnight),   cᵢ = ln(Cᵢ/Oᵢ)  (open to close)
 *     σ²_o = Σ(oᵢ − ō)²/(n − 1),      σ²_c = Σ(cᵢ − c̄)²/(n − 1)
 *     σ²_rs = 1/n · Σ [ln(Hᵢ/Cᵢ)·ln(Hᵢ/Oᵢ) + ln(Lᵢ/Cᵢ)·ln(Lᵢ/Oᵢ)]   (Rogers & Satchell 1991)
 *     σ² = σ²_o + k·σ²_c + (1 − k)·σ²_rs,   k = 0.34 / (1.34 + (n + 1)/(n − 1))
 *
 * The result is σ, the volatility of log returns PER BAR, close to close including the overnight
 * gap (×sqrt(periodsPerYear) when that option is given). Unbiased for any drift and handles opening
 * jumps. Each bar needs the previous close, so the first value is at index `period` (warm-up
 * `period + 1` bars); NaN before it and while the window (or the close before it) holds a NaN or
 * non-positive price. The sample variances are the stable ones of `rollingStd`; the Rogers–Satchell
 * sum is exactly rounded.
 *
 * @param columns - `{ open, high, low, close }` of equal length (positive prices)
 * @param period - bars in the window (whole number >= 2)
 * @param options - `periodsPerYear` to annualise
 * @returns a Float64Array of the same length
 * @throws {FeatureArgumentError} for an invalid period or periodsPerYear, or columns of different lengths
 * @example yangZhangVol({ open, high, low, close }, 20, { periodsPerYear: 252 }) // annualised, first value at index 20
 */
export function yangZhangVol(
  columns: OhlcColumns,
  period: number,
  options: RealizedVolOptions = {},
): Float64Array {
  checkPeriod('yangZhangVol', period, 2);
  const annual = annualisation('yangZhangVol', options);
  const { open, high, low, close } = columns;
  const n = sameLength('yangZhangVol', open, high, low, close);
  const overnight = new Float64Array(n);
  const intraday = new Float64Array(n);
  const rs = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const o = open[i]!;
    const c = close[i]!;
    overnight[i] = logRatio(o, i > 0 ? close[i - 1]! : Number.NaN);
    intraday[i] = logRatio(c, o);
    rs[i] = rogersSatchellTerm(o, high[i]!, low[i]!, c);
  }
  const scratch = new Float64Array(n);
  const m2o = new Float64Array(n);
  const m2c = new Float64Array(n);
  rollingMoments(overnight, period, scratch, m2o);
  rollingMoments(intraday, period, scratch, m2c);
  rollingTermSum(rs, period, scratch);
  const out = rs; // the terms are summed into scratch: reuse their array
  const k = yangZhangK(period);
  for (let i = 0; i < n; i++) out[i] = yangZhang(m2o[i]!, m2c[i]!, scratch[i]!, period, k) * annual;
  return out;
}

function yangZhang(m2Overnight: number, m2Intraday: number, rsSum: number, n: number, k: number): number {
  return Math.sqrt(m2Overnight / (n - 1) + k * (m2Intraday / (n - 1)) + (1 - k) * (rsSum / n));
}

/**
 * Streaming Yang–Zhang volatility: `add({ open, high, low, close })` returns the value
 * `yangZhangVol` has at the same index.
 *
 * @example
 * const v = new YangZhangVol(20, { periodsPerYear: 252 }); v.add({ open: 10, high: 11, low: 9.5, close: 10.5 });
 */
export class YangZhangVol implements StreamingFeature<BarInput, number> {
  readonly period: number;
  readonly warmUp: number;
  value = Number.NaN;
  readonly #overnight: RollingMoments;
  readonly #intraday: RollingMoments;
  readonly #rs: RollingTermSum;
  readonly #annual: number;
  readonly #k: number;
  #prevClose = Number.NaN;

  /** @throws {FeatureArgumentError} for an invalid period or periodsPerYear */
  constructor(period: number, options: RealizedVolOptions = {}) {
    checkPeriod('YangZhangVol', period, 2);
    this.#annual = annualisation('YangZhangVol', options);
    this.period = period;
    this.warmUp = period + 1;
    this.#k = yangZhangK(period);
    this.#overnight = new RollingMoments(period);
    this.#intraday = new RollingMoments(period);
    this.#rs = new RollingTermSum(period);
  }

  get isReady(): boolean {
    return !Number.isNaN(this.value);
  }

  /** @throws {FeatureArgumentError} when the bar lacks open, high, low or close */
  add(bar: BarInput): number {
    const name = 'YangZhangVol';
    const o = barField(name, bar, 'open');
    const h = barField(name, bar, 'high');
    const l = barField(name, bar, 'low');
    const c = barField(name, bar, 'close');
    this.#overnight.add(logRatio(o, this.#prevClose));
    this.#intraday.add(logRatio(c, o));
    const rsSum = this.#rs.add(rogersSatchellTerm(o, h, l, c));
    this.#prevClose = c;
    this.value = yangZhang(this.#overnight.m2, this.#intraday.m2, rsSum, this.period, this.#k) * this.#annual;
    return this.value;
  }
}

/** The registered definition of `yangZhangVol(period)` (`yangZhangVol(period,ppy=252)` when annualised) over OHLC. */
export function yangZhangVolFeature(period: number, options: RealizedVolOptions = {}): FeatureDefinition<Float64Array> {
  const opts: RealizedVolOptions = { ...options }; // a later change to `options` must not change the feature
  checkPeriod('yangZhangVolFeature', period, 2);
  annualisation('yangZhangVolFeature', opts);
  const name = 'yangZhangVol';
  return {
    name: opts.periodsPerYear === undefined ? `${name}(${period})` : `${name}(${period},ppy=${opts.periodsPerYear})`,
    inputs: ['open', 'high', 'low', 'close'],
    batch: (c) => yangZhangVol(ohlcColumns(name, c), period, opts),
    stream: () => new YangZhangVol(period, opts),
  };
}
