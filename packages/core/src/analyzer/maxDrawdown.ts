import type { ReturnSeries } from './MetricOptions.js';
import { underwater } from './internal.js';

/**
 * Maximum drawdown: the deepest fall of wealth from a running peak, min_i(wealth_i / max(1,
 * wealth_0..i) − 1), with the starting capital as the first peak (a first-period loss counts).
 *
 * Units: fraction (−0.2 = a 20 % fall); range [−1, 0] for returns ≥ −1 (−1 = wiped out), 0 when
 * wealth never falls below a previous high. NaN returns count as 0 (empyrical's `cum_returns`).
 * Empty input gives NaN.
 *
 * @param returns - simple periodic returns, oldest first.
 * @example
 * maxDrawdown([0.1, -0.1, 0.1]); // -0.1
 * @see empyrical `max_drawdown`
 */
export function maxDrawdown(returns: ReturnSeries): number {
  if (returns.length === 0) return Number.NaN;
  const dd = underwater(returns);
  let min = 0;
  for (let i = 0; i < dd.length; i++) if (dd[i]! < min) min = dd[i]!;
  return min;
}
