/**
 * Rolling z-score: how many window standard deviations the current value is from the window mean.
 */
import { checkPeriod, column } from '../core/errors.js';
import type { FeatureDefinition, StreamingFeature } from '../core/types.js';
import { checkDdof, RollingMoments, rollingMoments, type RollingStdOptions } from './rollingStd.js';

/** Options of {@link rollingZScore}: `ddof` of the standard deviation (default 1, sample). */
export type RollingZScoreOptions = RollingStdOptions;

/**
 * Rolling z-score, aligned to the input: `out[i] = (x[i] − mean) / std` where mean and std are
 * over `values[i − period + 1 .. i]`, a window that INCLUDES `x[i]` (so no look-ahead, and |z| is
 * bounded by Samuelson's inequality: (period − 1)/sqrt(period) for ddof = 1, sqrt(period − 1) for
 * ddof = 0, whatever the data). std uses divisor `period − ddof`
 * (sample, ddof = 1, by default: pandas' `(x − x.rolling(n).mean()) / x.rolling(n).std()`).
 * Dimensionless. NaN for `i < period − 1`, while a NaN or ±∞ is in the window, and when std = 0
 * (a flat window, or one so narrow that its squared deviations underflow, e.g. [0, 5e-324]). Mean and std are the stable ones of `rollingStd`.
 *
 * @param values - input series
 * @param period - window length (whole number >= 2 with the default ddof; >= ddof + 1)
 * @param options - `ddof` (default 1)
 * @returns a Float64Array of the same length
 * @throws {FeatureArgumentError} for an invalid period or ddof
 * @example rollingZScore([1, 2, 3], 3) // Float64Array [NaN, NaN, 1] ((3 − 2) / 1)
 */
export function rollingZScore(values: ArrayLike<number>, period: number, options: RollingZScoreOptions = {}): Float64Array {
  checkPeriod('rollingZScore', period);
  const divisor = period - checkDdof('rollingZScore', period, options.ddof ?? 1);
  const n = values.length;
  const mean = new Float64Array(n);
  const out = new Float64Array(n);
  rollingMoments(values, period, mean, out);
  for (let i = 0; i < n; i++) out[i] = zScore(values[i]!, mean[i]!, Math.sqrt(out[i]! / divisor));
  return out;
}

/** (x − mean)/std, NaN unless std > 0 (a flat window, or one so narrow its squares underflow). */
function zScore(x: number, mean: number, std: number): number {
  return std > 0 ? (x - mean) / std : Number.NaN;
}

/**
 * Streaming rolling z-score: `add(x)` returns the value `rollingZScore` has at the same index.
 *
 * @example
 * const z = new RollingZScore(3); z.add(1); z.add(2); z.add(3); // 1
 */
export class RollingZScore implements StreamingFeature<number, number> {
  readonly period: number;
  readonly ddof: number;
  readonly warmUp: number;
  value = Number.NaN;
  readonly #moments: RollingMoments;
  readonly #divisor: number;

  /** @throws {FeatureArgumentError} for an invalid period or ddof */
  constructor(period: number, options: RollingZScoreOptions = {}) {
    checkPeriod('RollingZScore', period);
    this.period = period;
    this.ddof = checkDdof('RollingZScore', period, options.ddof ?? 1);
    this.warmUp = period;
    this.#divisor = period - this.ddof;
    this.#moments = new RollingMoments(period);
  }

  get isReady(): boolean {
    return !Number.isNaN(this.value);
  }

  add(x: number): number {
    const mo = this.#moments;
    mo.add(x);
    this.value = zScore(x, mo.mean, Math.sqrt(mo.m2 / this.#divisor));
    return this.value;
  }
}

/** The registered definition of `rollingZScore(period)` over the close (`rollingZScore(period,ddof=0)` for population std). */
export function rollingZScoreFeature(period: number, options: RollingZScoreOptions = {}): FeatureDefinition<Float64Array> {
  checkPeriod('rollingZScoreFeature', period);
  const ddof = checkDdof('rollingZScoreFeature', period, options.ddof ?? 1);
  return {
    name: ddof === 1 ? `rollingZScore(${period})` : `rollingZScore(${period},ddof=${ddof})`,
    inputs: ['close'],
    batch: (c) => rollingZScore(column('rollingZScore', c, 'close'), period, { ddof }),
    stream: () => new RollingZScore(period, { ddof }),
  };
}
