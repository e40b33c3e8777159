import type { ReturnSeries } from './MetricOptions.js';
import { allEqual, compensatedSum, dropNaN, meanOf } from './internal.js';

/**
 * Stability of the equity curve: R² of an ordinary least-squares line fitted to the cumulative log
 * returns y_t = Σ_{s≤t} log1p(r_s) against t = 0, 1, …, m − 1.
 *
 * Units: dimensionless; range [0, 1] (1 = perfectly steady compounding, e.g. a constant return).
 * NaN returns are DROPPED before cumulating, as empyrical does (so t counts non-NaN returns only).
 * NaN when the series has fewer than 2 entries (empyrical) or fewer than 2 non-NaN returns, when y is
 * constant (e.g. all-zero returns: current scipy's `linregress` gives rvalue NaN; older scipy
 * gave 0), or when a return <= −1 makes y non-finite. The correlation is clamped to [−1, 1] as in
 * scipy before squaring.
 *
 * @param returns - simple periodic returns, oldest first.
 * @example
 * stabilityOfTimeseries([0.01, 0.01, 0.01]); // 1
 * @see empyrical `stability_of_timeseries`
 */
export function stabilityOfTimeseries(returns: ReturnSeries): number {
  if (returns.length < 2) return Number.NaN;
  const values = dropNaN(returns);
  const m = values.length;
  if (m < 2) return Number.NaN;
  const y = new Float64Array(m);
  let s = 0;
  let c = 0;
  for (let i = 0; i < m; i++) {
    const x = Math.log1p(values[i]!);
    const t = s + x;
    c += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
    s = t;
    y[i] = s + c;
  }
  if (y.some((v) => !Number.isFinite(v))) return Number.NaN;
  if (allEqual(y)) return Number.NaN;
  // x = 0..m−1: mean (m − 1)/2, Σ(x − x̄)² = m(m² − 1)/12 exactly.
  const xMean = (m - 1) / 2;
  const sxx = (m * (m * m - 1)) / 12;
  const yMean = meanOf(y);
  const dy = new Float64Array(m);
  const cross = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const d = y[i]! - yMean;
    dy[i] = d * d;
    cross[i] = (i - xMean) * d;
  }
  const syy = compensatedSum(dy);
  const sxy = compensatedSum(cross);
  if (syy === 0) return Number.NaN;
  let r = sxy / Math.sqrt(sxx * syy);
  if (r > 1) r = 1;
  else if (r < -1) r = -1;
  return r * r;
}
