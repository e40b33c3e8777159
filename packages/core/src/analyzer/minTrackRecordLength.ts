/**
 * Minimum track record length (Bailey & López de Prado 2012, "The Sharpe Ratio Efficient
 * Frontier", Journal of Risk 15(2)).
 */
import { InvariantError } from '../errors.js';
import type { MetricOptions, ReturnSeries } from './MetricOptions.js';
import { normalInverseCdf } from './normal.js';
import { momentsOf } from './probabilisticSharpeRatio.js';
import type { SharpeRatioMoments } from './sharpeRatioMoments.js';

/** Options of {@link minTrackRecordLength}. Everything is PER PERIOD, nothing is annualised. */
export interface MinTrackRecordLengthOptions extends Partial<Pick<MetricOptions, 'riskFree'>> {
  /** Benchmark Sharpe ratio SR* per period (annual S over p periods a year is S/√p). Default 0. */
  readonly benchmarkSharpe?: number;
  /** Confidence level p in (0, 1) that the true Sharpe ratio exceeds SR*. Default 0.95. */
  readonly probability?: number;
}

/**
 * Minimum track record length: the number of observations needed for the observed per-period
 * Sharpe ratio ŜR to exceed SR* with confidence p, given the skewness γ3 and RAW kurtosis γ4,
 *
 * `MinTRL = 1 + (1 − γ3·ŜR + (γ4 − 1)/4·ŜR²)·(Φ⁻¹(p) / (ŜR − SR*))²`.
 *
 * In periods of the returns (divide by periodsPerYear for years), not rounded. It is the n at
 * which the probabilistic Sharpe ratio PSR(SR*) equals p. Statistics come from the return series
 * (NaN dropped, ddof-1 Sharpe, population skewness, raw kurtosis) or are given directly; only
 * `observations` is not used.
 *
 * Edge cases: ŜR ≤ SR* → +∞ (no track record is long enough; the bare formula would give a
 * meaningless finite number); NaN if ŜR or the moments are NaN (fewer than 2 observations, zero
 * volatility).
 *
 * @param returns - simple per-period returns, or their {@link SharpeRatioMoments}.
 * @param options - `benchmarkSharpe` per period (default 0), `probability` (default 0.95),
 *   `riskFree` per period for a return series (default 0).
 * @returns the minimum number of observations (≥ 1, possibly fractional), +∞ or NaN.
 * @throws InvariantError if `probability` is not in (0, 1) or `benchmarkSharpe` is not finite.
 * @example
 * // mlfinlab's numerical example: ŜR 1.14, SR* 1, normal moments, 95 %.
 * minTrackRecordLength({ sharpe: 1.14, skewness: 0, kurtosis: 3, observations: 0 }, { benchmarkSharpe: 1 });
 * // 228.73…
 * @see mlfinlab `minimum_track_record_length`
 */
export function minTrackRecordLength(returns: ReturnSeries | SharpeRatioMoments, options: MinTrackRecordLengthOptions = {}): number {
  const benchmark = options.benchmarkSharpe ?? 0;
  const p = options.probability ?? 0.95;
  if (!Number.isFinite(benchmark)) throw new InvariantError(`benchmarkSharpe must be a finite number (per period), got "${String(benchmark)}"`);
  if (!(p > 0 && p < 1)) throw new InvariantError(`probability must be in (0, 1), got "${String(p)}"`);
  const m = momentsOf(returns, options);
  const sr = m.sharpe;
  const radicand = 1 - m.skewness * sr + ((m.kurtosis - 1) / 4) * sr * sr;
  if (Number.isNaN(sr) || Number.isNaN(radicand)) return Number.NaN;
  if (sr <= benchmark) return Number.POSITIVE_INFINITY;
  const z = normalInverseCdf(p) / (sr - benchmark);
  return 1 + radicand * z * z;
}
