import { InvariantError } from '../errors.js';
import type { MetricOptions, ReturnSeries } from './MetricOptions.js';
import { periodsPerYearOf, requiredReturnOf, riskFreeOf } from './MetricOptions.js';
import { compensatedSum } from './internal.js';

/** Options of {@link omegaRatio}; every field is optional. */
export interface OmegaRatioOptions extends Partial<MetricOptions> {
  /**
   * Threshold given as an ANNUAL return R, converted per period like empyrical's
   * `required_return`: (1 + R)^(1 / periodsPerYear) − 1 (R itself when periodsPerYear is 1; NaN
   * result when R <= −1). Needs `periodsPerYear`; excludes `requiredReturn`.
   */
  readonly annualRequiredReturn?: number;
}

/**
 * Omega ratio: the sum of gains above the threshold over the sum of shortfalls below it,
 * Σ max(x, 0) / Σ max(−x, 0) with x = r − riskFree − threshold.
 *
 * The threshold is `requiredReturn` PER PERIOD (default 0), or `annualRequiredReturn` converted as
 * empyrical does. Units: dimensionless; range [0, ∞). NaN when the series has fewer than 2 entries
 * or no observation falls below the threshold (empyrical: `denom > 0` else NaN). NaN returns are
 * ignored (they fail both comparisons in empyrical).
 *
 * @param returns - simple periodic returns, oldest first.
 * @param options - `riskFree` and `requiredReturn` per period, or `annualRequiredReturn` with `periodsPerYear`.
 * @throws InvariantError if both requiredReturn and annualRequiredReturn are given, if
 *   annualRequiredReturn is given without a valid periodsPerYear, or if a rate is not finite.
 * @example
 * omegaRatio([0.02, -0.01, 0.01]); // 0.03 / 0.01 = 3
 * @see empyrical `omega_ratio` (its `required_return` is annual: use `annualRequiredReturn`)
 */
export function omegaRatio(returns: ReturnSeries, options?: OmegaRatioOptions): number {
  const riskFree = riskFreeOf(options);
  let threshold: number;
  const annual = options?.annualRequiredReturn;
  if (annual !== undefined) {
    if (options?.requiredReturn !== undefined) {
      throw new InvariantError('give either requiredReturn (per period) or annualRequiredReturn, not both');
    }
    if (!Number.isFinite(annual)) {
      throw new InvariantError(`annualRequiredReturn must be a finite number, got "${String(annual)}"`);
    }
    const periodsPerYear = periodsPerYearOf(options);
    if (periodsPerYear === 1) threshold = annual;
    else if (annual <= -1) return Number.NaN;
    else threshold = Math.pow(1 + annual, 1 / periodsPerYear) - 1;
  } else {
    threshold = requiredReturnOf(options);
  }
  const n = returns.length;
  if (n < 2) return Number.NaN;
  const gains: number[] = [];
  const losses: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = returns[i]! - riskFree - threshold;
    if (x > 0) gains.push(x);
    else if (x < 0) losses.push(-x);
  }
  const denominator = compensatedSum(losses);
  return denominator > 0 ? compensatedSum(gains) / denominator : Number.NaN;
}
