import type { ReturnSeries } from './MetricOptions.js';
import { dropNaN, sortedCopy, sortedPercentile } from './internal.js';

/**
 * Tail ratio: |95th percentile| / |5th percentile| of the returns (numpy's linear percentile). 0.25
 * means the left tail is four times as wide as the right one.
 *
 * Units: dimensionless; range [0, ∞]. NaN returns are dropped; empty input (or no non-NaN return)
 * gives NaN. A zero 5th percentile divides by 0 as numpy does: +Infinity, or NaN when the 95th is
 * 0 as well (e.g. all-zero returns).
 *
 * @param returns - simple periodic returns, oldest first.
 * @example
 * tailRatio([0.01]); // 1
 * @see empyrical `tail_ratio`
 */
export function tailRatio(returns: ReturnSeries): number {
  const sorted = sortedCopy(dropNaN(returns));
  if (sorted.length === 0) return Number.NaN;
  return Math.abs(sortedPercentile(sorted, 0.95)) / Math.abs(sortedPercentile(sorted, 0.05));
}
