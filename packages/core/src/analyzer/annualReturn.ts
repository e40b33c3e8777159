import type { MetricOptions, ReturnSeries } from './MetricOptions.js';
import { periodsPerYearOf } from './MetricOptions.js';
import { compoundPath } from './internal.js';

/**
 * Compound annual growth rate (CAGR): (Π(1 + r))^(periodsPerYear / n) − 1, where n counts ALL
 * periods, NaN ones included (empyrical: `len(returns) / annualization` years, `nanprod` for the
 * ending value, so a NaN return is a flat period that still takes time).
 *
 * Units: fraction per year; range [−1, ∞) for returns ≥ −1. A constant per-period return r gives
 * exactly (1 + r)^periodsPerYear − 1 at any length. Empty input gives NaN. Evaluated as
 * expm1(Σlog1p(r) · periodsPerYear / n) with a compensated sum, so small rates keep their digits.
 * If some return is below −1 (negative wealth) the plain empyrical formula is used, which is NaN
 * unless the exponent is a whole number.
 *
 * @param returns - simple periodic returns, oldest first.
 * @param options - `periodsPerYear` (required); riskFree and requiredReturn are ignored.
 * @throws InvariantError if periodsPerYear is missing, not finite or not > 0.
 * @example
 * annualReturn([0.01, 0.01, 0.01], { periodsPerYear: 12 }); // 1.01^12 − 1 ≈ 0.1268
 * @see empyrical `annual_return` (alias `cagr`)
 */
export function annualReturn(returns: ReturnSeries, options: MetricOptions): number {
  const periodsPerYear = periodsPerYearOf(options);
  const n = returns.length;
  if (n === 0) return Number.NaN;
  const path = compoundPath(returns);
  if (path.kind === 'log') return Math.expm1((path.logWealth[n - 1]! * periodsPerYear) / n);
  return Math.pow(path.wealth[n - 1]!, 1 / (n / periodsPerYear)) - 1;
}
