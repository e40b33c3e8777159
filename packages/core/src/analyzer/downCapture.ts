/**
 * Down-market capture ratio (empyrical's `down_capture`).
 */
import type { MetricOptions, ReturnSeries } from './MetricOptions.js';
import { periodsPerYearOf } from './MetricOptions.js';
import { captureWhere } from './internal.js';

/**
 * Down-market capture ratio: over the periods where the benchmark return is negative, the strategy's
 * annual return divided by the benchmark's (empyrical `down_capture`):
 *
 * `annualReturn(r[b < 0]) / annualReturn(b[b < 0])`, with empyrical's `annual_return` of the k
 * selected periods `(Π(1 + x))^(1 / (k / periodsPerYear)) − 1` (CAGR as if those k periods were
 * contiguous; a NaN return counts as a period of 0 %).
 *
 * 1 = the strategy lost as much as the benchmark in down markets; < 1 less (negative: it gained).
 * Periods with a NaN or zero benchmark return are not down periods. Edge cases: no down period →
 * NaN; a zero benchmark annual return → ±∞ or NaN (division by zero, as numpy); a compounded loss
 * below −100 % → NaN.
 *
 * @param returns - simple per-period returns of the strategy.
 * @param benchmark - simple per-period benchmark returns, aligned with `returns` (same length).
 * @param options - `periodsPerYear` (required).
 * @returns the ratio (dimensionless), ±∞ or NaN.
 * @throws InvariantError if the lengths differ or `periodsPerYear` is missing or not > 0.
 * @example
 * downCapture([0.02, -0.01, 0.01], [0.01, -0.02, 0.005], { periodsPerYear: 252 }); // 0.926
 * @see empyrical `down_capture`, `capture`
 */
export function downCapture(returns: ReturnSeries, benchmark: ReturnSeries, options: MetricOptions): number {
  return captureWhere(returns, benchmark, periodsPerYearOf(options), (b) => b < 0);
}
