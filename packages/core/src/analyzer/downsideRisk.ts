import type { MetricOptions, ReturnSeries } from './MetricOptions.js';
import { periodsPerYearOf, requiredReturnOf } from './MetricOptions.js';
import { downsideDeviation } from './internal.js';

/**
 * Annualised downside deviation below the required return:
 * √(mean(min(r − requiredReturn, 0)²)) × √periodsPerYear, the mean taken over ALL non-NaN
 * observations (returns above the hurdle count as 0), not only the losing ones.
 *
 * Units: fraction per √year; range [0, ∞). NaN returns are dropped (empyrical's `nanmean`). Empty
 * input, or no non-NaN return, gives NaN; a single return gives its own shortfall (0 if above the
 * hurdle).
 *
 * @param returns - simple periodic returns, oldest first.
 * @param options - `periodsPerYear` (required), `requiredReturn` per period (default 0).
 * @throws InvariantError if periodsPerYear is missing or not > 0, or requiredReturn is not finite.
 * @example
 * downsideRisk([0.02, -0.01], { periodsPerYear: 1 }); // √((0 + 0.0001) / 2) ≈ 0.00707
 * @see empyrical `downside_risk`
 */
export function downsideRisk(returns: ReturnSeries, options: MetricOptions): number {
  const periodsPerYear = periodsPerYearOf(options);
  const requiredReturn = requiredReturnOf(options);
  return downsideDeviation(returns, requiredReturn) * Math.sqrt(periodsPerYear);
}
