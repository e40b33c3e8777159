import type { ReturnSeries } from './MetricOptions.js';
import { compensatedSum, cutoffOf } from './internal.js';
import type { ValueAtRiskOptions } from './valueAtRisk.js';

/**
 * Conditional value at risk (expected shortfall): the mean of the k lowest returns, with
 * k = ⌊(n − 1)·cutoff⌋ + 1 — empyrical's partition-based definition, which includes the return at
 * the cutoff index (for continuous data the mean of the returns at or below the VaR).
 *
 * Units: a per-period return, signed as the returns are. NaN handling follows empyrical's
 * `np.partition`, which sorts NaN last while n still counts it: the result is NaN only if the k
 * lowest include a NaN (k exceeds the number of non-NaN returns). Empty input gives NaN.
 *
 * @param returns - simple periodic returns.
 * @param options - `cutoff` (default 0.05).
 * @throws InvariantError if cutoff is not in [0, 1].
 * @example
 * conditionalValueAtRisk([-0.05, -0.02, 0.01, 0.03, 0.04], { cutoff: 0.5 }); // mean of 3 lowest ≈ -0.02
 * @see empyrical `conditional_value_at_risk`
 */
export function conditionalValueAtRisk(returns: ReturnSeries, options?: ValueAtRiskOptions): number {
  const cutoff = cutoffOf(options?.cutoff);
  const n = returns.length;
  if (n === 0) return Number.NaN;
  // Float64Array.prototype.sort puts NaN last, as np.partition does.
  const sorted = Float64Array.from(returns).sort();
  const k = Math.floor((n - 1) * cutoff) + 1;
  return compensatedSum(sorted, 0, k) / k;
}
