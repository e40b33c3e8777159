import type { ReturnSeries, RollingOptions } from './MetricOptions.js';
import { periodsPerYearOf, riskFreeOf, windowOf } from './MetricOptions.js';
import { rollingMeanStd } from './rollingMoments.js';

/**
 * Rolling annualised Sharpe ratio: for each period i, mean / sample std (ddof = 1) of the last
 * `window` excess returns r − riskFree, × √periodsPerYear.
 *
 * Aligned with `returns` (same length). NaN during the warm-up (i < window − 1), for any window
 * holding a NaN, and everywhere when window is 1 — pandas' `rolling(window).mean() /
 * rolling(window).std()` (min_periods = window) as pyfolio uses it. A constant window has an exact
 * zero std: ±Infinity with the sign of its mean excess return, NaN when that is 0 too (as
 * {@link sharpeRatio}). Windows up to 64 periods are each computed by their own two-pass pass;
 * longer ones by compensated sliding sums re-anchored every window (O(n); see rollingMeanStd).
 *
 * @param returns - simple periodic returns, oldest first.
 * @param options - `window` in periods, `periodsPerYear` (both required), `riskFree` per period (default 0).
 * @throws InvariantError if window is not a whole number >= 1, periodsPerYear is not > 0 or riskFree is not finite.
 * @example
 * rollingSharpe([0.01, 0.03, 0.02], { window: 2, periodsPerYear: 1 }); // [NaN, 1.414…, 3.535…]
 * @see pyfolio `timeseries.rolling_sharpe` (fixed 252 and no risk-free rate there)
 */
export function rollingSharpe(returns: ReturnSeries, options: RollingOptions): Float64Array {
  const window = windowOf(options);
  const scale = Math.sqrt(periodsPerYearOf(options));
  const riskFree = riskFreeOf(options);
  const n = returns.length;
  const out = new Float64Array(n).fill(Number.NaN);
  const excess = Float64Array.from(returns);
  if (riskFree !== 0) for (let i = 0; i < n; i++) excess[i] = excess[i]! - riskFree;
  const mean = new Float64Array(n).fill(Number.NaN);
  rollingMeanStd(excess, window, mean, out);
  for (let i = 0; i < n; i++) out[i] = (mean[i]! / out[i]!) * scale;
  return out;
}
