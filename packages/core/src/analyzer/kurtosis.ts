import type { ReturnSeries } from './MetricOptions.js';
import { centralMoments } from './internal.js';

/**
 * Sample EXCESS kurtosis (Fisher), biased (population) moment estimator g2 = m4 / m2² − 3 with
 * m_k = mean((x − x̄)^k) — scipy.stats.kurtosis with its defaults (fisher=True, bias=True,
 * nan_policy='propagate'), which is what pyfolio reports. A normal sample gives about 0; add 3 for
 * the raw (Pearson) kurtosis m4 / m2². empyrical has no kurtosis.
 *
 * Units: dimensionless; range [−2, ∞). A NaN anywhere gives NaN (scipy's default propagation —
 * drop NaNs first if they mean "missing"). Empty input, a single value and (near-)constant data
 * give NaN: scipy's test m2 <= (eps·x̄)² with eps = 2^-52.
 *
 * @param returns - simple periodic returns (any sample).
 * @example
 * kurtosis([1, 2, 3, 4]); // -1.36
 * @see scipy.stats.kurtosis (fisher=True, bias=True)
 */
export function kurtosis(returns: ReturnSeries): number {
  const moments = centralMoments(returns);
  if (moments === undefined) return Number.NaN;
  return moments.m4 / (moments.m2 * moments.m2) - 3;
}
