/**
 * Probabilistic Sharpe ratio (Bailey & López de Prado 2012, "The Sharpe Ratio Efficient Frontier",
 * Journal of Risk 15(2)).
 */
import { InvariantError } from '../errors.js';
import type { MetricOptions, ReturnSeries } from './MetricOptions.js';
import { normalCdf } from './normal.js';
import type { SharpeRatioMoments } from './sharpeRatioMoments.js';
import { sharpeRatioMoments } from './sharpeRatioMoments.js';

/** Options of {@link probabilisticSharpeRatio}. Everything is PER PERIOD, nothing is annualised. */
export interface ProbabilisticSharpeRatioOptions extends Partial<Pick<MetricOptions, 'riskFree'>> {
  /**
   * Benchmark Sharpe ratio SR* per period (an annual Sharpe S over p periods a year is S/√p).
   * Default 0.
   */
  readonly benchmarkSharpe?: number;
}

/**
 * The returns' statistics: from the series itself (NaN dropped), or given directly.
 *
 * @internal shared by probabilisticSharpeRatio, deflatedSharpeRatio and minTrackRecordLength
 */
export function momentsOf(
  input: ReturnSeries | SharpeRatioMoments,
  options: Partial<Pick<MetricOptions, 'riskFree'>>,
): SharpeRatioMoments {
  if (ArrayBuffer.isView(input) || Array.isArray(input)) return sharpeRatioMoments(input as ReturnSeries, options);
  const m = input as SharpeRatioMoments;
  if (typeof m.sharpe !== 'number' || typeof m.skewness !== 'number' || typeof m.kurtosis !== 'number') {
    throw new InvariantError(`expected a return series or { sharpe, skewness, kurtosis, observations }, got "${String(input)}"`);
  }
  if (!Number.isFinite(m.observations) || m.observations < 0) {
    throw new InvariantError(`observations must be a finite number >= 0, got "${String(m.observations)}"`);
  }
  return m;
}

/** The statistic inside Φ: `(ŜR − SR*)·√(n−1) / √(1 − γ3·ŜR + (γ4 − 1)/4·ŜR²)`. */
function psrStatistic(m: SharpeRatioMoments, benchmarkSharpe: number): number {
  if (m.observations < 2) return Number.NaN;
  const sr = m.sharpe;
  return ((sr - benchmarkSharpe) * Math.sqrt(m.observations - 1)) / Math.sqrt(1 - m.skewness * sr + ((m.kurtosis - 1) / 4) * sr * sr);
}

/**
 * Probabilistic Sharpe ratio: the probability that the true Sharpe ratio exceeds a benchmark
 * SR*, given the observed per-period Sharpe ratio ŜR, the track record length n and the
 * non-normality of the returns (skewness γ3, RAW kurtosis γ4):
 *
 * `PSR(SR*) = Φ( (ŜR − SR*)·√(n − 1) / √(1 − γ3·ŜR + (γ4 − 1)/4·ŜR²) )`.
 *
 * Everything is per period: ŜR is NOT annualised (an annual benchmark S over p periods a year is
 * S/√p). From a return series the statistics are {@link sharpeRatioMoments}' (NaN dropped,
 * ŜR with the ddof-1 standard deviation, population skewness and raw kurtosis); they can also be
 * given directly, e.g. to reproduce a paper's example.
 *
 * Range [0, 1]; 0.5 when ŜR = SR*; a PSR ≥ 0.95 rejects "true Sharpe ≤ SR*" at the 5 % level.
 * NaN when fewer than 2 observations, for zero volatility (ŜR infinite, moments undefined), or
 * when the moments are inconsistent (radicand < 0: impossible for moments of real data, since
 * γ4 ≥ 1 + γ3²).
 *
 * @param returns - simple per-period returns, or their {@link SharpeRatioMoments}.
 * @param options - `benchmarkSharpe` SR* per period (default 0), `riskFree` per period (default 0;
 *   ignored when moments are given).
 * @returns the probability in [0, 1], or NaN (see above).
 * @throws InvariantError if `benchmarkSharpe` or `riskFree` is not finite, or the moments object
 *   is malformed.
 * @example
 * // mlfinlab's numerical example: ŜR 1.14, SR* 1, 250 observations, normal moments.
 * probabilisticSharpeRatio({ sharpe: 1.14, skewness: 0, kurtosis: 3, observations: 250 }, { benchmarkSharpe: 1 });
 * // 0.95727…
 * @see mlfinlab `probabilistic_sharpe_ratio`, skfolio `probabilistic_sharpe_ratio`
 */
export function probabilisticSharpeRatio(
  returns: ReturnSeries | SharpeRatioMoments,
  options: ProbabilisticSharpeRatioOptions = {},
): number {
  const benchmark = options.benchmarkSharpe ?? 0;
  if (!Number.isFinite(benchmark)) throw new InvariantError(`benchmarkSharpe must be a finite number (per period), got "${String(benchmark)}"`);
  return normalCdf(psrStatistic(momentsOf(returns, options), benchmark));
}
