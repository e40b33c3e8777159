import type { ReturnSeries } from './MetricOptions.js';
import { compoundPath } from './internal.js';

/**
 * Compounded cumulative return after each period: `out[i]` = Π_{j≤i}(1 + r_j) − 1.
 *
 * Units: fraction of the starting capital (0.1 = +10 %), aligned with `returns`; range [−1, ∞) for
 * returns ≥ −1. NaN returns count as 0 (a flat period), so the output never holds NaN for finite
 * input. Empty input gives an empty array. Computed in log space with compensated sums (a few ulps
 * of error at any length), and `expm1` keeps small results accurate.
 *
 * @param returns - simple periodic returns, oldest first.
 * @returns a new Float64Array of the same length.
 * @example
 * cumulativeReturns([0.1, -0.1]); // Float64Array [0.1, -0.01]
 * @see empyrical `cum_returns(returns, starting_value=0)`
 */
export function cumulativeReturns(returns: ReturnSeries): Float64Array {
  const n = returns.length;
  const out = new Float64Array(n);
  if (n === 0) return out;
  const path = compoundPath(returns);
  if (path.kind === 'log') {
    for (let i = 0; i < n; i++) out[i] = Math.expm1(path.logWealth[i]!);
  } else {
    for (let i = 0; i < n; i++) out[i] = path.wealth[i]! - 1;
  }
  return out;
}
