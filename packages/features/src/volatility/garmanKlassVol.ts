/**
 * Garman–Klass (1980) open-high-low-close volatility.
 */
import { checkPeriod, sameLength } from '../core/errors.js';
import type { BarInput, FeatureDefinition, StreamingFeature } from '../core/types.js';
import { logRatio } from '../statistics/logReturns.js';
import { annualisation, barField, type OhlcColumns, ohlcColumns, type RealizedVolOptions, RollingTermSum, rollingTermSum } from './parkinsonVol.js';

const TWO_LN2_MINUS_1 = 2 * Math.LN2 - 1;

function garmanKlassTerm(open: number, high: number, low: number, close: number): number {
  const hl = logRatio(high, low);
  const co = logRatio(close, open);
  return 0.5 * hl * hl - TWO_LN2_MINUS_1 * co * co;
}

/**
 * Garman–Klass volatility, aligned to the input (M. B. Garman and M. J. Klass, "On the Estimation
 * of Security Price Volatilities from Historical Data", Journal of Business 53(1), 1980, 67–78; the
 * practical form of their estimator that everyone uses):
 *
 *     σ² = 1/n · Σ [ ½·ln(Hᵢ/Lᵢ)² − (2·ln 2 − 1)·ln(Cᵢ/Oᵢ)² ]      over the last n = period bars
 *
 * The result is σ, the volatility of log returns PER BAR (×sqrt(periodsPerYear) when that option is
 * given). Assumes a driftless Brownian log price within each bar and no opening jump: it measures
 * open-to-close variance only, so it misses overnight gaps (see `yangZhangVol`). Each bar's term is
 * >= 0 when O and C lie within [L, H]. First value at index `period − 1`; NaN before it and while
 * a bar with a NaN (or non-positive) price is in the window. The window sum is exactly rounded.
 *
 * @param columns - `{ open, high, low, close }` of equal length (positive prices)
 * @param period - bars in the window (whole number >= 1)
 * @param options - `periodsPerYear` to annualise
 * @returns a Float64Array of the same length
 * @throws {FeatureArgumentError} for an invalid period or periodsPerYear, or columns of different lengths
 * @example garmanKlassVol({ open: [1], high: [2], low: [1], close: [1] }, 1)[0] // sqrt(ln(2)²/2) = ln(2)/√2
 */
export function garmanKlassVol(
  columns: OhlcColumns,
  period: number,
  options: RealizedVolOptions = {},
): Float64Array {
  checkPeriod('garmanKlassVol', period);
  const annual = annualisation('garmanKlassVol', options);
  const { open, high, low, close } = columns;
  const n = sameLength('garmanKlassVol', open, high, low, close);
  const terms = new Float64Array(n);
  for (let i = 0; i < n; i++) terms[i] = garmanKlassTerm(open[i]!, high[i]!, low[i]!, close[i]!);
  const out = new Float64Array(n);
  rollingTermSum(terms, period, out);
  for (let i = 0; i < n; i++) out[i] = Math.sqrt(out[i]! / period) * annual;
  return out;
}

/**
 * Streaming Garman–Klass volatility: `add({ open, high, low, close })` returns the value
 * `garmanKlassVol` has at the same index.
 *
 * @example
 * const v = new GarmanKlassVol(20, { periodsPerYear: 252 }); v.add({ open: 10, high: 11, low: 9.5, close: 10.5 });
 */
export class GarmanKlassVol implements StreamingFeature<BarInput, number> {
  readonly period: number;
  readonly warmUp: number;
  value = Number.NaN;
  readonly #sum: RollingTermSum;
  readonly #annual: number;

  /** @throws {FeatureArgumentError} for an invalid period or periodsPerYear */
  constructor(period: number, options: RealizedVolOptions = {}) {
    checkPeriod('GarmanKlassVol', period);
    this.#annual = annualisation('GarmanKlassVol', options);
    this.period = period;
    this.warmUp = period;
    this.#sum = new RollingTermSum(period);
  }

  get isReady(): boolean {
    return !Number.isNaN(this.value);
  }

  /** @throws {FeatureArgumentError} when the bar lacks open, high, low or close */
  add(bar: BarInput): number {
    const name = 'GarmanKlassVol';
    const t = garmanKlassTerm(barField(name, bar, 'open'), barField(name, bar, 'high'), barField(name, bar, 'low'), barField(name, bar, 'close'));
    this.value = Math.sqrt(this.#sum.add(t) / this.period) * this.#annual;
    return this.value;
  }
}

/** The registered definition of `garmanKlassVol(period)` (`garmanKlassVol(period,ppy=252)` when annualised) over OHLC. */
export function garmanKlassVolFeature(period: number, options: RealizedVolOptions = {}): FeatureDefinition<Float64Array> {
  const opts: RealizedVolOptions = { ...options }; // a later change to `options` must not change the feature
  checkPeriod('garmanKlassVolFeature', period);
  annualisation('garmanKlassVolFeature', opts);
  const name = 'garmanKlassVol';
  return {
    name: opts.periodsPerYear === undefined ? `${name}(${period})` : `${name}(${period},ppy=${opts.periodsPerYear})`,
    inputs: ['open', 'high', 'low', 'close'],
    batch: (c) => garmanKlassVol(ohlcColumns(name, c), period, opts),
    stream: () => new GarmanKlassVol(period, opts),
  };
}
