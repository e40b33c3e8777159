import type { MetricOptions, ReturnSeries } from './MetricOptions.js';
import { periodsPerYearOf, requiredReturnOf } from './MetricOptions.js';
import { compensatedSum, downsideDeviation } from './internal.js';

/**
 * Annualised Sortino ratio: mean(r − requiredReturn) × periodsPerYear divided by the annualised
 * downside deviation √(mean(min(r − requiredReturn, 0)²)) × √periodsPerYear — so
 * mean/downside × √periodsPerYear. The downside mean runs over ALL non-NaN observations.
 *
 * Units: dimensionless (per √year). NaN returns are dropped from both means (empyrical's
 * `nanmean`). NaN when the series has fewer than 2 entries. No return below the hurdle gives a
 * zero downside deviation and, as in empyrical, +Infinity for a positive mean (its tests expect
 * `inf`), −Infinity for a negative one and NaN for a zero mean.
 *
 * @param returns - simple periodic returns, oldest first.
 * @param options - `periodsPerYear` (required), `requiredReturn` per period (default 0).
 * @throws InvariantError if periodsPerYear is missing or not > 0, or requiredReturn is not finite.
 * @example
 * sortinoRatio([0.02, -0.01], { periodsPerYear: 1 }); // 0.005 / 0.00707 ≈ 0.707
 * @see empyrical `sortino_ratio`
 */
export function sortinoRatio(returns: ReturnSeries, options: MetricOptions): number {
  const periodsPerYear = periodsPerYearOf(options);
  const requiredReturn = requiredReturnOf(options);
  const n = returns.length;
  if (n < 2) return Number.NaN;
  const excess: number[] = [];
  for (let i = 0; i < n; i++) {
    const r = returns[i]!;
    if (!Number.isNaN(r)) excess.push(r - requiredReturn);
  }
  const mean = excess.length === 0 ? Number.NaN : compensatedSum(excess) / excess.length;
  return (mean * periodsPerYear) / (downsideDeviation(returns, requiredReturn) * Math.sqrt(periodsPerYear));
}
