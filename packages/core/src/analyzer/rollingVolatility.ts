import type { ReturnSeries, RollingOptions } from './MetricOptions.js';
import { periodsPerYearOf, windowOf } from './MetricOptions.js';
import { rollingMeanStd } from './rollingMoments.js';

/**
 * Rolling annualised volatility: for each period i, the sample standard deviation (ddof = 1) of the
 * last `window` returns × √periodsPerYear.
 *
 * Aligned with `returns` (same length). NaN during the warm-up (i < window − 1), for any window
 * holding a NaN, and everywhere when window is 1 — pandas' `returns.rolling(window).std()`
 * (min_periods = window) as pyfolio uses it. Exactly 0 for a constant window. Windows up to 64
 * periods are each computed by their own two-pass pass (O(n·window)); longer ones by compensated
 * sliding sums re-anchored every window (O(n), relative error ≈ 1e-13; see rollingMeanStd).
 *
 * @param returns - simple periodic returns, oldest first.
 * @param options - `window` in periods and `periodsPerYear` (both required).
 * @throws InvariantError if window is not a whole number >= 1 or periodsPerYear is not > 0.
 * @example
 * rollingVolatility([0.01, -0.01, 0.02], { window: 2, periodsPerYear: 1 }); // [NaN, 0.01414…, 0.02121…]
 * @see pyfolio `timeseries.rolling_volatility` (fixed 252 there), empyrical `roll_annual_volatility`
 */
export function rollingVolatility(returns: ReturnSeries, options: RollingOptions): Float64Array {
  const window = windowOf(options);
  const scale = Math.sqrt(periodsPerYearOf(options));
  const n = returns.length;
  const out = new Float64Array(n).fill(Number.NaN);
  rollingMeanStd(returns, window, null, out);
  for (let i = 0; i < n; i++) out[i] = out[i]! * scale;
  return out;
}
