import type { ReturnSeries } from './MetricOptions.js';
import { cutoffOf, sortedCopy, sortedPercentile } from './internal.js';

/** Options of {@link valueAtRisk} and `conditionalValueAtRisk`. */
export interface ValueAtRiskOptions {
  /** Left-tail probability in [0, 1]. Default 0.05 (empyrical's default). */
  readonly cutoff?: number;
}

/**
 * Historical value at risk: the `cutoff` quantile of the per-period returns, by numpy's default
 * linear interpolation (`np.percentile(returns, 100 * cutoff)`; Hyndman & Fan type 7).
 *
 * Units: a per-period return, signed as the returns are (−0.03 = a 3 % loss at the 5 % level).
 * Like empyrical (which calls `np.percentile` directly), a NaN anywhere gives NaN — drop NaNs
 * first if they mean "missing". Empty input gives NaN.
 *
 * @param returns - simple periodic returns.
 * @param options - `cutoff` (default 0.05).
 * @throws InvariantError if cutoff is not in [0, 1].
 * @example
 * valueAtRisk([1, 81, 82, 83, 84, 85], { cutoff: 0.1 }); // 41
 * @see empyrical `value_at_risk`
 */
export function valueAtRisk(returns: ReturnSeries, options?: ValueAtRiskOptions): number {
  const cutoff = cutoffOf(options?.cutoff);
  const n = returns.length;
  if (n === 0) return Number.NaN;
  const values = Float64Array.from(returns);
  for (let i = 0; i < n; i++) if (Number.isNaN(values[i]!)) return Number.NaN;
  return sortedPercentile(sortedCopy(values), cutoff);
}
