import type { MetricOptions, ReturnSeries } from './MetricOptions.js';
import { periodsPerYearOf, riskFreeOf } from './MetricOptions.js';
import { dropNaN, meanOf, sampleStd } from './internal.js';

/**
 * Annualised Sharpe ratio: mean(r − riskFree) / std(r − riskFree) × √periodsPerYear, with the
 * sample standard deviation (ddof = 1).
 *
 * Units: dimensionless (per √year). NaN returns are dropped (empyrical's `nanmean`/`nanstd`). NaN
 * when the series has fewer than 2 entries or fewer than 2 non-NaN returns. Zero volatility
 * (constant returns) divides by an exact 0 as empyrical does: ±Infinity with the sign of the mean
 * excess return, NaN when that is 0 too (empyrical's test expects `inf` for a flat 1 % line; its
 * numpy std can be a rounding residue instead of 0 on long series, ours is exactly 0).
 *
 * @param returns - simple periodic returns, oldest first.
 * @param options - `periodsPerYear` (required), `riskFree` per period (default 0).
 * @throws InvariantError if periodsPerYear is missing or not > 0, or riskFree is not finite.
 * @example
 * sharpeRatio([0.01, 0.02, -0.01], { periodsPerYear: 252 }); // (0.00667 / 0.01528)·√252 ≈ 6.93
 * @see empyrical `sharpe_ratio`
 */
export function sharpeRatio(returns: ReturnSeries, options: MetricOptions): number {
  const periodsPerYear = periodsPerYearOf(options);
  const riskFree = riskFreeOf(options);
  if (returns.length < 2) return Number.NaN;
  const values = dropNaN(returns);
  if (riskFree !== 0) for (let i = 0; i < values.length; i++) values[i] = values[i]! - riskFree;
  if (values.length < 2) return Number.NaN;
  return (meanOf(values) / sampleStd(values)) * Math.sqrt(periodsPerYear);
}
