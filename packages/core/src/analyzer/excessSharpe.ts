/**
 * Excess Sharpe ratio: mean active return over tracking error, per period (empyrical's
 * `excess_sharpe`, NOT annualised).
 */
import { InvariantError } from '../errors.js';
import type { ReturnSeries } from './MetricOptions.js';

/**
 * Excess Sharpe ratio `mean(r − b) / std(r − b, ddof 1)`: the mean active return per unit of
 * tracking error, PER PERIOD — not annualised (empyrical's `excess_sharpe`, quantstats'
 * `information_ratio`). {@link informationRatio} is the same ratio annualised by √periodsPerYear.
 *
 * `benchmark` is a series aligned with `returns` or a constant per-period return. A NaN in either
 * drops that period (pairwise, as empyrical's nan-aware mean and std).
 *
 * Edge cases: fewer than 2 periods → NaN (empyrical); zero tracking error (active returns all
 * equal) → ±∞, or NaN when the active mean is 0 too (e.g. a series against itself), as empyrical;
 * fewer than 2 valid pairs → NaN (empyrical turns the NaN tracking error into 0 and returns ±∞ —
 * a deliberate deviation: one observation says nothing about tracking error).
 *
 * @param returns - simple per-period returns of the strategy.
 * @param benchmark - simple per-period benchmark returns (same length), or a constant per-period
 *   return such as a risk-free rate.
 * @returns the per-period excess Sharpe ratio (dimensionless), ±∞ or NaN.
 * @throws InvariantError if `benchmark` is a series of another length, or a non-finite constant.
 * @example
 * excessSharpe([0.01, 0.03, -0.01, 0.02], [0.005, 0.02, -0.01, 0.01]); // 1.3056 (per period)
 * @see empyrical `excess_sharpe`
 */
export function excessSharpe(returns: ReturnSeries, benchmark: ReturnSeries | number): number {
  const n = returns.length;
  const constant = typeof benchmark === 'number';
  if (constant) {
    if (!Number.isFinite(benchmark)) throw new InvariantError(`a constant benchmark must be finite, got "${String(benchmark)}"`);
  } else if (benchmark.length !== n) {
    throw new InvariantError(`returns and benchmark must have the same length, got ${n} and ${benchmark.length}`);
  }
  if (n < 2) return Number.NaN;
  const activeAt = constant ? (i: number) => returns[i]! - benchmark : (i: number) => returns[i]! - benchmark[i]!;
  // Neumaier-compensated mean of the active returns; min/max detect a constant series exactly.
  let m = 0;
  let sum = 0;
  let comp = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const a = activeAt(i);
    if (Number.isNaN(a)) continue;
    const t = sum + a;
    comp += Math.abs(sum) >= Math.abs(a) ? sum - t + a : a - t + sum;
    sum = t;
    m++;
    if (a < min) min = a;
    if (a > max) max = a;
  }
  if (m < 2) return Number.NaN;
  if (min === max) return min / 0;
  const mean = (sum + comp) / m;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const a = activeAt(i);
    if (!Number.isNaN(a)) ss += (a - mean) * (a - mean);
  }
  return mean / Math.sqrt(ss / (m - 1));
}
