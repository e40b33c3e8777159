import type { ReturnSeries } from './MetricOptions.js';
import { compoundPath } from './internal.js';

/**
 * Total compounded return over the whole series: Π(1 + r) − 1.
 *
 * Units: fraction of the starting capital; range [−1, ∞) for returns ≥ −1. NaN returns count as 0
 * (empyrical uses `nanprod`). Empty input gives NaN, as in empyrical. Equals the last element of
 * {@link cumulativeReturns} bit for bit.
 *
 * @param returns - simple periodic returns, oldest first.
 * @example
 * totalReturn([0.1, -0.1]); // -0.01 (to rounding)
 * @see empyrical `cum_returns_final(returns, starting_value=0)`
 */
export function totalReturn(returns: ReturnSeries): number {
  const n = returns.length;
  if (n === 0) return Number.NaN;
  const path = compoundPath(returns);
  return path.kind === 'log' ? Math.expm1(path.logWealth[n - 1]!) : path.wealth[n - 1]! - 1;
}
