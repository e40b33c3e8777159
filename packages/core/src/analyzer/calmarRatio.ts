import type { MetricOptions, ReturnSeries } from './MetricOptions.js';
import { periodsPerYearOf } from './MetricOptions.js';
import { annualReturn } from './annualReturn.js';
import { maxDrawdown } from './maxDrawdown.js';

/**
 * Calmar ratio: CAGR / |maximum drawdown| (see {@link annualReturn} and {@link maxDrawdown}).
 *
 * Units: dimensionless. NaN when there is no drawdown (max drawdown 0, including all-zero or
 * only-rising returns), for empty input, and when the quotient is ±Infinity — all as empyrical.
 * NaN returns count as flat periods (both parts treat them so).
 *
 * @param returns - simple periodic returns, oldest first.
 * @param options - `periodsPerYear` (required).
 * @throws InvariantError if periodsPerYear is missing, not finite or not > 0.
 * @example
 * calmarRatio([0.1, -0.1, 0.1], { periodsPerYear: 3 }); // 0.089 / 0.1 = 0.89
 * @see empyrical `calmar_ratio`
 */
export function calmarRatio(returns: ReturnSeries, options: MetricOptions): number {
  periodsPerYearOf(options);
  const maxDd = maxDrawdown(returns);
  if (!(maxDd < 0)) return Number.NaN;
  const ratio = annualReturn(returns, options) / Math.abs(maxDd);
  return Number.isFinite(ratio) ? ratio : Number.NaN;
}
