/**
 * Parkinson (1980) high-low range volatility, and the exact rolling sum of per-bar terms shared by
 * the other range-based estimators.
 */
import { ExactRollingSum } from '../core/ExactRollingSum.js';
import { checkPeriod, column, FeatureArgumentError, sameLength } from '../core/errors.js';
import type { BarColumns, BarInput, FeatureDefinition, StreamingFeature } from '../core/types.js';
import { logRatio } from '../statistics/logReturns.js';

/** Options of the realized-volatility estimators. */
export interface RealizedVolOptions {
  /**
   * Bars per year (e.g. 252 for daily bars) to annualise: the per-bar volatility is multiplied by
   * sqrt(periodsPerYear). Absent: per-bar volatility (not annualised).
   */
  readonly periodsPerYear?: number;
}

/** sqrt(periodsPerYear), or 1; throws for a non-positive or non-finite value. */
export function annualisation(name: string, options: RealizedVolOptions): number {
  const ppy = options.periodsPerYear;
  if (ppy === undefined) return 1;
  if (!Number.isFinite(ppy) || ppy <= 0) throw new FeatureArgumentError(`${name}: periodsPerYear must be a finite number > 0, got "${ppy}"`);
  return Math.sqrt(ppy);
}

/** Open, high, low and close columns of equal length. */
export type OhlcColumns = {
  readonly open: ArrayLike<number>;
  readonly high: ArrayLike<number>;
  readonly low: ArrayLike<number>;
  readonly close: ArrayLike<number>;
};

/** The OHLC columns of `c`, or a FeatureArgumentError naming the missing one. */
export function ohlcColumns(name: string, c: BarColumns): OhlcColumns {
  return { open: column(name, c, 'open'), high: column(name, c, 'high'), low: column(name, c, 'low'), close: column(name, c, 'close') };
}

/** The bar's field, or a FeatureArgumentError naming the feature and the field. */
export function barField(name: string, bar: BarInput, key: keyof BarInput): number {
  const v = bar[key];
  if (v === undefined) throw new FeatureArgumentError(`${name}: bar needs "${key}", got "${JSON.stringify(bar)}"`);
  return v;
}

/**
 * Scratch sum of `rollingTermSum`, reused by every call: a per-call object lets V8 discard the
 * kernel's optimised code at each garbage collection ("weak objects" deopt; see `ema`). Safe: the
 * kernel clears it first and runs to completion without calling user code.
 */
const TERM_SUM = new ExactRollingSum();

/**
 * Exactly rounded rolling sum of per-bar terms: `out[i] = Σ terms[i − period + 1 .. i]` (NaN for
 * `i < period − 1` and while a NaN/±∞ term is in the window). Order-independent (ExactRollingSum),
 * so the streaming {@link RollingTermSum} gives the same bits.
 */
export function rollingTermSum(terms: ArrayLike<number>, period: number, out: Float64Array): void {
  const n = terms.length;
  const sum = TERM_SUM;
  sum.clear();
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const t = terms[i]!;
    if (t - t === 0) sum.add(t);
    else bad++;
    if (i >= period) {
      const old = terms[i - period]!;
      if (old - old === 0) sum.remove(old);
      else bad--;
    }
    out[i] = i >= period - 1 && bad === 0 ? sum.sum() : Number.NaN;
  }
}

/**
 * Streaming face of {@link rollingTermSum}: `add(t)` returns the window sum including `t`.
 *
 * @example
 * const s = new RollingTermSum(2); s.add(1); s.add(2); s.add(3); // 5
 */
export class RollingTermSum {
  readonly period: number;
  readonly #ring: Float64Array;
  readonly #sum = new ExactRollingSum();
  #count = 0;
  #bad = 0;

  /** @throws {FeatureArgumentError} for an invalid period */
  constructor(period: number) {
    checkPeriod('RollingTermSum', period);
    this.period = period;
    this.#ring = new Float64Array(period);
  }

  /** Feeds one term; returns the window sum (NaN during warm-up or while a non-finite term is in the window). */
  add(t: number): number {
    const k = this.#count % this.period;
    if (t - t === 0) this.#sum.add(t);
    else this.#bad++;
    if (this.#count >= this.period) {
      const old = this.#ring[k]!;
      if (old - old === 0) this.#sum.remove(old);
      else this.#bad--;
    }
    this.#ring[k] = t;
    this.#count++;
    return this.#count >= this.period && this.#bad === 0 ? this.#sum.sum() : Number.NaN;
  }
}

const FOUR_LN2 = 4 * Math.LN2;

function parkinsonTerm(high: number, low: number): number {
  const r = logRatio(high, low);
  return r * r;
}

/**
 * Parkinson volatility, aligned to the input (M. Parkinson, "The Extreme Value Method for
 * Estimating the Variance of the Rate of Return", Journal of Business 53(1), 1980, 61–65):
 *
 *     σ² = 1/(4·ln 2 · n) · Σ ln(Hᵢ/Lᵢ)²      over the last n = period bars (current included)
 *
 * The result is σ, the volatility of log returns PER BAR (×sqrt(periodsPerYear) when that option is
 * given). Assumes a driftless Brownian log price with continuous trading: it ignores overnight gaps
 * and drift, and discrete sampling of H/L biases it down. First value at index `period − 1`; NaN
 * before it and while a bar with a NaN (or non-positive) high/low is in the window. The window sum
 * is exactly rounded.
 *
 * @param columns - `{ high, low }` of equal length (positive prices)
 * @param period - bars in the window (whole number >= 1)
 * @param options - `periodsPerYear` to annualise
 * @returns a Float64Array of the same length
 * @throws {FeatureArgumentError} for an invalid period or periodsPerYear, or columns of different lengths
 * @example parkinsonVol({ high: [2], low: [1] }, 1)[0] // sqrt(ln(2)² / (4 ln 2)) = sqrt(ln(2)/4) ≈ 0.416
 */
export function parkinsonVol(
  columns: { readonly high: ArrayLike<number>; readonly low: ArrayLike<number> },
  period: number,
  options: RealizedVolOptions = {},
): Float64Array {
  checkPeriod('parkinsonVol', period);
  const annual = annualisation('parkinsonVol', options);
  const { high, low } = columns;
  const n = sameLength('parkinsonVol', high, low);
  const terms = new Float64Array(n);
  for (let i = 0; i < n; i++) terms[i] = parkinsonTerm(high[i]!, low[i]!);
  const out = new Float64Array(n);
  rollingTermSum(terms, period, out);
  const divisor = FOUR_LN2 * period;
  for (let i = 0; i < n; i++) out[i] = Math.sqrt(out[i]! / divisor) * annual;
  return out;
}

/**
 * Streaming Parkinson volatility: `add({ high, low })` returns the value `parkinsonVol` has at the
 * same index.
 *
 * @example
 * const v = new ParkinsonVol(1); v.add({ high: 2, low: 1 }); // ≈ 0.416
 */
export class ParkinsonVol implements StreamingFeature<BarInput, number> {
  readonly period: number;
  readonly warmUp: number;
  value = Number.NaN;
  readonly #sum: RollingTermSum;
  readonly #annual: number;
  readonly #divisor: number;

  /** @throws {FeatureArgumentError} for an invalid period or periodsPerYear */
  constructor(period: number, options: RealizedVolOptions = {}) {
    checkPeriod('ParkinsonVol', period);
    this.#annual = annualisation('ParkinsonVol', options);
    this.period = period;
    this.warmUp = period;
    this.#divisor = FOUR_LN2 * period;
    this.#sum = new RollingTermSum(period);
  }

  get isReady(): boolean {
    return !Number.isNaN(this.value);
  }

  /** @throws {FeatureArgumentError} when the bar has no high or low */
  add(bar: BarInput): number {
    const s = this.#sum.add(parkinsonTerm(barField('ParkinsonVol', bar, 'high'), barField('ParkinsonVol', bar, 'low')));
    this.value = Math.sqrt(s / this.#divisor) * this.#annual;
    return this.value;
  }
}

/** The registered definition of `parkinsonVol(period)` (`parkinsonVol(period,ppy=252)` when annualised) over high and low. */
export function parkinsonVolFeature(period: number, options: RealizedVolOptions = {}): FeatureDefinition<Float64Array> {
  const opts: RealizedVolOptions = { ...options }; // a later change to `options` must not change the feature
  checkPeriod('parkinsonVolFeature', period);
  annualisation('parkinsonVolFeature', opts);
  return {
    name: opts.periodsPerYear === undefined ? `parkinsonVol(${period})` : `parkinsonVol(${period},ppy=${opts.periodsPerYear})`,
    inputs: ['high', 'low'],
    batch: (c) => parkinsonVol({ high: column('parkinsonVol', c, 'high'), low: column('parkinsonVol', c, 'low') }, period, opts),
    stream: () => new ParkinsonVol(period, opts),
  };
}
