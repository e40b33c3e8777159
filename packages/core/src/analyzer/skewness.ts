import type { ReturnSeries } from './MetricOptions.js';
import { centralMoments } from './internal.js';

/**
 * Sample skewness, biased (population) moment estimator g1 = m3 / m2^1.5 with
 * m_k = mean((x − x̄)^k) — scipy.stats.skew with its defaults (bias=True, nan_policy='propagate'),
 * which is what pyfolio reports. empyrical has no skewness.
 *
 * Units: dimensionless; 0 for a symmetric sample. A NaN anywhere gives NaN (scipy's default
 * propagation — drop NaNs first if they mean "missing"). Empty input, a single value and
 * (near-)constant data give NaN: scipy's test m2 <= (eps·x̄)² with eps = 2^-52.
 *
 * @param returns - simple periodic returns (any sample).
 * @example
 * skewness([1, 2, 3, 10]); // ≈ 1.0182
 * @see scipy.stats.skew (bias=True)
 */
export function skewness(returns: ReturnSeries): number {
  const moments = centralMoments(returns);
  if (moments === undefined) return Number.NaN;
  return moments.m3 / Math.pow(moments.m2, 1.5);
}
