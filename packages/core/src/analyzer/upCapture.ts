/**
 * Up-market capture ratio (empyrical's `up_capture`).
 */
import { InvariantError } from '../errors.js';
import type { MetricOptions, ReturnSeries } from './MetricOptions.js';
import { periodsPerYearOf } from './MetricOptions.js';

/**
 * Up-market capture ratio: over the periods where the benchmark return is positive, the strategy's
 * annual return divided by the benchmark's (empyrical `up_capture`):
 *
 * `annualReturn(r[b > 0]) / annualReturn(b[b > 0])`, with empyrical's `annual_return` of the k
 * selected periods `(Π(1 + x))^(1 / (k / periodsPerYear)) − 1` (CAGR as if those k periods were
 * contiguous; a NaN return counts as a period of 0 %).
 *
 * 1 = the strategy gained as much as the benchmark in up markets; > 1 more. Periods with a NaN or
 * zero benchmark return are not up periods. Edge cases: no up period → NaN; a zero benchmark
 * annual return → ±∞ or NaN (division by zero, as numpy); a compounded loss below −100 % → NaN.
 *
 * @param returns - simple per-period returns of the strategy.
 * @param benchmark - simple per-period benchmark returns, aligned with `returns` (same length).
 * @param options - `periodsPerYear` (required).
 * @returns the ratio (dimensionless), ±∞ or NaN.
 * @throws InvariantError if the lengths differ or `periodsPerYear` is missing or not > 0.
 * @example
 * upCapture([0.02, -0.01, 0.01], [0.01, -0.02, 0.005], { periodsPerYear: 252 }); // 7.449
 * @see empyrical `up_capture`, `capture`
 */
export function upCapture(returns: ReturnSeries, benchmark: ReturnSeries, options: MetricOptions): number {
  return captureWhere(returns, benchmark, periodsPerYearOf(options), (b) => b > 0);
}

/** empyrical `capture` over the periods whose benchmark return passes `keep`. */
function captureWhere(returns: ReturnSeries, benchmark: ReturnSeries, periodsPerYear: number, keep: (b: number) => boolean): number {
  const n = returns.length;
  if (benchmark.length !== n) {
    throw new InvariantError(`returns and benchmark must have the same length, got ${n} and ${benchmark.length}`);
  }
  let k = 0;
  let growth = 1;
  let benchmarkGrowth = 1;
  for (let i = 0; i < n; i++) {
    const b = benchmark[i]!;
    if (!keep(b)) continue;
    k++;
    const r = returns[i]!;
    if (!Number.isNaN(r)) growth *= 1 + r;
    benchmarkGrowth *= 1 + b;
  }
  if (k === 0) return Number.NaN;
  const years = k / periodsPerYear;
  return (growth ** (1 / years) - 1) / (benchmarkGrowth ** (1 / years) - 1);
}
