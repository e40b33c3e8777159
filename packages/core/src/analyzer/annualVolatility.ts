import type { MetricOptions, ReturnSeries } from './MetricOptions.js';
import { periodsPerYearOf } from './MetricOptions.js';
import { dropNaN, sampleStd } from './internal.js';

/**
 * Annualised volatility: sample standard deviation (ddof = 1) of the returns × √periodsPerYear.
 *
 * Units: fraction per √year; range [0, ∞). NaN returns are dropped (empyrical's `nanstd`). NaN
 * when the series has fewer than 2 entries or fewer than 2 non-NaN returns; exactly 0 for constant
 * returns. Two-pass variance with compensated sums.
 *
 * @param returns - simple periodic returns, oldest first.
 * @param options - `periodsPerYear` (required).
 * @throws InvariantError if periodsPerYear is missing, not finite or not > 0.
 * @example
 * annualVolatility([0.01, -0.01], { periodsPerYear: 252 }); // 0.01414… × √252 ≈ 0.2245
 * @see empyrical `annual_volatility` (alpha = 2)
 */
export function annualVolatility(returns: ReturnSeries, options: MetricOptions): number {
  const periodsPerYear = periodsPerYearOf(options);
  if (returns.length < 2) return Number.NaN;
  return sampleStd(dropNaN(returns)) * Math.sqrt(periodsPerYear);
}
