/**
 * Information ratio, annualised: the excess Sharpe ratio × √periodsPerYear.
 */
import { excessSharpe } from './excessSharpe.js';
import type { MetricOptions, ReturnSeries } from './MetricOptions.js';
import { periodsPerYearOf } from './MetricOptions.js';

/**
 * ANNUALISED information ratio `mean(r − b) / std(r − b, ddof 1) × √periodsPerYear`: the mean
 * active return per unit of tracking error, scaled to a year like empyrical's Sharpe ratio.
 *
 * Which is which: {@link excessSharpe} is the same ratio PER PERIOD, not annualised — that is
 * empyrical's `excess_sharpe` and quantstats' `information_ratio`; this function is
 * `excessSharpe × √periodsPerYear` (mlfinlab's annualised `information_ratio`). Compare with a
 * library's "information ratio" only after checking whether it annualises.
 *
 * NaN handling and edge cases as {@link excessSharpe}: pairs with a NaN are dropped; fewer than
 * 2 valid pairs → NaN; zero tracking error → ±∞ (NaN for a series against itself).
 *
 * @param returns - simple per-period returns of the strategy.
 * @param benchmark - simple per-period benchmark returns (same length), or a constant per-period
 *   return.
 * @param options - `periodsPerYear` (required); `riskFree` is not used (it cancels out).
 * @returns the annualised information ratio (dimensionless), ±∞ or NaN.
 * @throws InvariantError if `periodsPerYear` is missing or not > 0, or the benchmark is invalid.
 * @example
 * informationRatio([0.01, 0.03, -0.01, 0.02], [0.005, 0.02, -0.01, 0.01], { periodsPerYear: 252 });
 * // 20.73 = 1.3056 (excessSharpe) × √252
 * @see empyrical `excess_sharpe` (× √periodsPerYear)
 */
export function informationRatio(returns: ReturnSeries, benchmark: ReturnSeries | number, options: MetricOptions): number {
  const periodsPerYear = periodsPerYearOf(options);
  return excessSharpe(returns, benchmark) * Math.sqrt(periodsPerYear);
}
