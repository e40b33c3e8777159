/**
 * Bollinger Bands: an SMA with bands `k` population standard deviations above and below it.
 */
import { checkPeriod, column, FeatureArgumentError } from '../core/errors.js';
import type { FeatureDefinition, StreamingFeature } from '../core/types.js';
import { RollingMoments, rollingMoments } from '../statistics/rollingStd.js';

/** Options of {@link bollinger}. */
export interface BollingerOptions {
  /** Window length (whole number >= 1, default 20). */
  readonly period?: number;
  /** Band width in standard deviations (finite, >= 0, default 2). */
  readonly k?: number;
}

/** Bollinger outputs, one aligned column each. */
export type BollingerBands = {
  /** SMA(period), equal to `sma(values, period)` bit for bit. */
  readonly middle: Float64Array;
  /** middle + k·σ. */
  readonly upper: Float64Array;
  /** middle − k·σ. */
  readonly lower: Float64Array;
  /** (upper − lower) / middle, a fraction (×100 for the percentage some charts show). */
  readonly bandwidth: Float64Array;
  /** %B = (x − lower) / (upper − lower): 0 at the lower band, 1 at the upper; NaN when σ = 0. */
  readonly percentB: Float64Array;
};

/** One streaming Bollinger value (frozen, a new object per input). */
export type BollingerValue = {
  readonly middle: number;
  readonly upper: number;
  readonly lower: number;
  readonly bandwidth: number;
  readonly percentB: number;
};

function checkOptions(name: string, options: BollingerOptions): { period: number; k: number } {
  const period = options.period ?? 20;
  const k = options.k ?? 2;
  checkPeriod(name, period);
  if (!Number.isFinite(k) || k < 0) throw new FeatureArgumentError(`${name}: k must be a finite number >= 0, got "${k}"`);
  return { period, k };
}

/**
 * Bollinger Bands (J. Bollinger, "Bollinger on Bollinger Bands", 2001), aligned to the input.
 * Convention (TA-Lib's and technicalindicators'): σ is the POPULATION standard deviation of the
 * window (divisor `period`, not `period − 1`); middle = SMA(period), upper/lower = middle ± k·σ,
 * bandwidth = (upper − lower)/middle, %B = (x − lower)/(upper − lower). First value at index
 * `period − 1`; every output is NaN before it and while a NaN or ±∞ is in the window. σ is computed
 * stably (exact window mean, running sums of deviations from a shift re-anchored at least every
 * `period` inputs; see `rollingMoments`): accurate for prices near 1e4 with a tiny variance, no
 * drift over long series. %B is NaN when σ = 0 (a flat window); bandwidth is ±∞/NaN when middle = 0.
 *
 * @param values - input series (usually closes)
 * @param options - `period` (default 20), `k` (default 2)
 * @returns `{ middle, upper, lower, bandwidth, percentB }`, Float64Arrays of the input's length
 * @throws {FeatureArgumentError} for an invalid period or k
 * @example bollinger([1, 2, 3], { period: 3, k: 1 }).upper[2] // 2 + sqrt(2/3)
 */
export function bollinger(values: ArrayLike<number>, options: BollingerOptions = {}): BollingerBands {
  const { period, k } = checkOptions('bollinger', options);
  const n = values.length;
  const middle = new Float64Array(n);
  const upper = new Float64Array(n); // holds M2 until overwritten below
  const lower = new Float64Array(n);
  const bandwidth = new Float64Array(n);
  const percentB = new Float64Array(n);
  rollingMoments(values, period, middle, upper);
  for (let i = 0; i < n; i++) {
    const m = middle[i]!;
    const w = k * Math.sqrt(upper[i]! / period);
    const u = m + w;
    const l = m - w;
    upper[i] = u;
    lower[i] = l;
    bandwidth[i] = (u - l) / m;
    percentB[i] = (values[i]! - l) / (u - l);
  }
  return { middle, upper, lower, bandwidth, percentB };
}

/**
 * Streaming Bollinger Bands: `add(x)` returns a new frozen `{ middle, upper, lower, bandwidth,
 * percentB }` equal to `bollinger(values, options)` at the same index (NaNs during warm-up).
 *
 * @example
 * const b = new Bollinger({ period: 3, k: 1 }); b.add(1); b.add(2); b.add(3).middle; // 2
 */
export class Bollinger implements StreamingFeature<number, BollingerValue> {
  readonly period: number;
  readonly k: number;
  readonly warmUp: number;
  value: BollingerValue = nanValue();
  readonly #moments: RollingMoments;

  /** @throws {FeatureArgumentError} for an invalid period or k */
  constructor(options: BollingerOptions = {}) {
    const { period, k } = checkOptions('Bollinger', options);
    this.period = period;
    this.k = k;
    this.warmUp = period;
    this.#moments = new RollingMoments(period);
  }

  get isReady(): boolean {
    return !Number.isNaN(this.value.middle);
  }

  add(x: number): BollingerValue {
    const mo = this.#moments;
    mo.add(x);
    const m = mo.mean;
    const w = this.k * Math.sqrt(mo.m2 / this.period);
    const u = m + w;
    const l = m - w;
    this.value = Object.freeze({ middle: m, upper: u, lower: l, bandwidth: (u - l) / m, percentB: (x - l) / (u - l) });
    return this.value;
  }
}

function nanValue(): BollingerValue {
  const nan = Number.NaN;
  return Object.freeze({ middle: nan, upper: nan, lower: nan, bandwidth: nan, percentB: nan });
}

/** The registered definition of `bollinger(period,k)` over the close. */
export function bollingerFeature(options: BollingerOptions = {}): FeatureDefinition<BollingerBands> {
  const { period, k } = checkOptions('bollingerFeature', options);
  return {
    name: `bollinger(${period},${k})`,
    inputs: ['close'],
    batch: (c) => bollinger(column('bollinger', c, 'close'), { period, k }),
    stream: () => new Bollinger({ period, k }),
  };
}
