/**
 * The per-period Sharpe ratio and higher moments that the probabilistic and deflated Sharpe ratios
 * and the minimum track record length are built on (Bailey & López de Prado).
 */
import type { MetricOptions, ReturnSeries } from './MetricOptions.js';
import { riskFreeOf } from './MetricOptions.js';

/** Machine epsilon of float64, 2^-52. */
const EPSILON = 2 ** -52;

/**
 * Sample statistics of a return series, all PER PERIOD (never annualised).
 *
 * @example
 * const m: SharpeRatioMoments = { sharpe: 0.1, skewness: -0.5, kurtosis: 4, observations: 1250 };
 */
export interface SharpeRatioMoments {
  /** Per-period Sharpe ratio `mean(r − riskFree) / std(r − riskFree, ddof 1)`. */
  readonly sharpe: number;
  /** Skewness γ3 = m3 / m2^(3/2) (population central moments; 0 for a normal distribution). */
  readonly skewness: number;
  /** RAW (non-excess) kurtosis γ4 = m4 / m2² (population central moments; 3 for a normal). */
  readonly kurtosis: number;
  /**
   * Number of (non-NaN) observations the statistics come from; given by hand it may be fractional
   * (e.g. a what-if track record length).
   */
  readonly observations: number;
}

/** Options of {@link sharpeRatioMoments}: only the per-period risk-free rate is used. */
export type SharpeRatioMomentsOptions = Partial<Pick<MetricOptions, 'riskFree'>>;

/**
 * Per-period Sharpe ratio, skewness and raw kurtosis of a return series, as the probabilistic
 * Sharpe ratio (Bailey & López de Prado 2012) needs them.
 *
 * Estimators: the Sharpe ratio uses the sample standard deviation (ddof 1, as empyrical's
 * `sharpe_ratio` without the √periodsPerYear); skewness and kurtosis are the moment ratios of
 * population central moments, `m3/m2^1.5` and `m4/m2²` (scipy `skew(x)` and
 * `kurtosis(x, fisher=False)` with their default `bias=True`; the popular PSR reimplementations
 * use the same). NaN observations are dropped first; infinite ones make the result NaN.
 *
 * Edge cases: no observation → all NaN (observations 0); one observation → Sharpe NaN (no sample
 * standard deviation), skewness/kurtosis NaN; zero volatility (all returns equal) → Sharpe ±∞
 * (NaN if the excess mean is 0 too, as empyrical's `sharpe_ratio`), skewness and kurtosis NaN —
 * also when the variance is only rounding noise, m2 ≤ (2⁻⁵²·mean)² (scipy's test).
 *
 * @param returns - simple per-period returns.
 * @param options - `riskFree` per period (default 0).
 * @returns the per-period Sharpe ratio, skewness, raw kurtosis and the observation count.
 * @throws InvariantError if `riskFree` is given but not finite.
 * @example
 * sharpeRatioMoments([0.01, -0.02, 0.03, 0.01]);
 * // { sharpe: 0.3638…, skewness: −0.4118…, kurtosis: 2.0381…, observations: 4 }
 * @see empyrical `sharpe_ratio` (non-annualised), scipy.stats `skew` / `kurtosis(fisher=False)`
 */
export function sharpeRatioMoments(returns: ReturnSeries, options: SharpeRatioMomentsOptions = {}): SharpeRatioMoments {
  const rf = riskFreeOf(options);
  const n = returns.length;
  // Neumaier-compensated mean of the non-NaN excess returns; min/max detect a flat series exactly.
  let count = 0;
  let sum = 0;
  let comp = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const r = returns[i]!;
    if (Number.isNaN(r)) continue;
    const x = r - rf;
    const t = sum + x;
    comp += Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum;
    sum = t;
    count++;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  if (count === 0 || !Number.isFinite(min) || !Number.isFinite(max)) {
    return { sharpe: Number.NaN, skewness: Number.NaN, kurtosis: Number.NaN, observations: count };
  }
  const mean = min === max ? min : (sum + comp) / count;
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  if (min !== max) {
    for (let i = 0; i < n; i++) {
      const r = returns[i]!;
      if (Number.isNaN(r)) continue;
      const d = r - rf - mean;
      const d2 = d * d;
      s2 += d2;
      s3 += d2 * d;
      s4 += d2 * d2;
    }
  }
  const sharpe = count < 2 ? Number.NaN : mean / Math.sqrt(s2 / (count - 1));
  const m2 = s2 / count;
  // scipy's guard against a variance that is only rounding noise: m2 <= (eps·mean)² → NaN.
  const defined = m2 > (EPSILON * mean) ** 2;
  const skewness = defined ? s3 / count / (m2 * Math.sqrt(m2)) : Number.NaN;
  const kurtosis = defined ? s4 / count / (m2 * m2) : Number.NaN;
  return { sharpe, skewness, kurtosis, observations: count };
}
