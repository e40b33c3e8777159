/**
 * Numeric helpers shared by the analyzer's metrics: NaN dropping, compensated sums, two-pass
 * moments, numpy's linear percentile and the compounding kernel. Not part of the public API.
 */

import { InvariantError } from '../errors.js';
import type { ReturnSeries } from './MetricOptions.js';

/** Machine epsilon of float64, 2^-52 (numpy's `finfo(float64).eps`). */
export const EPSILON = 2 ** -52;

/**
 * Neumaier-compensated sum of `values[from .. to)`: the error is about one rounding of the result,
 * independent of the length. NaN and ±∞ propagate as in a plain sum.
 */
export function compensatedSum(values: ArrayLike<number>, from = 0, to = values.length): number {
  let s = 0;
  let c = 0;
  for (let i = from; i < to; i++) {
    const x = values[i]!;
    const t = s + x;
    c += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
    s = t;
  }
  return Number.isFinite(s) ? s + c : s;
}

/** The non-NaN values of `values`, in order (numpy's `x[~np.isnan(x)]`). */
export function dropNaN(values: ReturnSeries): Float64Array {
  const n = values.length;
  let m = 0;
  for (let i = 0; i < n; i++) if (!Number.isNaN(values[i]!)) m++;
  const out = new Float64Array(m);
  let j = 0;
  for (let i = 0; i < n; i++) {
    const x = values[i]!;
    if (!Number.isNaN(x)) out[j++] = x;
  }
  return out;
}

/** Whether `values` (non-empty) holds one value repeated, compared exactly. */
export function allEqual(values: ArrayLike<number>, from = 0, to = values.length): boolean {
  const first = values[from]!;
  for (let i = from + 1; i < to; i++) if (values[i] !== first) return false;
  return true;
}

/** Mean of `values[from .. to)` from the compensated sum; NaN when the range is empty. */
export function meanOf(values: ArrayLike<number>, from = 0, to = values.length): number {
  const n = to - from;
  if (n <= 0) return Number.NaN;
  if (allEqual(values, from, to)) return values[from]!;
  return compensatedSum(values, from, to) / n;
}

/**
 * Σ(x − mean)² over `values[from .. to)` by the corrected two-pass algorithm (Chan, Golub & LeVeque
 * 1983): Σd² − (Σd)²/n with compensated sums. Exactly 0 when all values are equal; never negative.
 */
export function sumSquaredDeviations(values: ArrayLike<number>, mean: number, from = 0, to = values.length): number {
  const n = to - from;
  if (n <= 0) return Number.NaN;
  if (allEqual(values, from, to)) return Number.isFinite(values[from]!) ? 0 : Number.NaN;
  let s = 0;
  let c = 0;
  let sd = 0;
  for (let i = from; i < to; i++) {
    const d = values[i]! - mean;
    sd += d;
    const x = d * d;
    const t = s + x;
    c += s >= x ? s - t + x : x - t + s;
    s = t;
  }
  const m2 = (Number.isFinite(s) ? s + c : s) - (sd * sd) / n;
  return m2 < 0 ? 0 : m2;
}

/**
 * Sample standard deviation (ddof = 1) of `values[from .. to)`: NaN for fewer than two values,
 * exactly 0 for a constant range.
 */
export function sampleStd(values: ArrayLike<number>, from = 0, to = values.length): number {
  const n = to - from;
  if (n < 2) return Number.NaN;
  const mean = meanOf(values, from, to);
  return Math.sqrt(sumSquaredDeviations(values, mean, from, to) / (n - 1));
}

/**
 * numpy's `percentile(a, 100·q)` with the default 'linear' method (Hyndman & Fan type 7) over an
 * ascending-sorted, NaN-free array: virtual index h = (n − 1)·q, then numpy's `_lerp` between the
 * neighbours (a + (b − a)·t, or b − (b − a)·(1 − t) when t ≥ 0.5, for bit-level agreement). NaN for
 * an empty array.
 */
export function sortedPercentile(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * q;
  if (h >= n - 1) return sorted[n - 1]!;
  if (h <= 0) return sorted[0]!;
  const lo = Math.floor(h);
  const t = h - lo;
  const a = sorted[lo]!;
  const b = sorted[lo + 1]!;
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

/** A sorted copy of NaN-free values. */
export function sortedCopy(values: Float64Array): Float64Array {
  return Float64Array.from(values).sort();
}

/**
 * Compounding kernel shared by cumulative returns, total return, CAGR and drawdowns. NaN returns
 * count as 0 (empyrical's `cum_returns` fills them with 0).
 *
 * While every return is ≥ −1 the path is kept in log space: `logWealth[i]` = Σ_{j≤i} log1p(r_j),
 * summed with Neumaier compensation, so wealth = exp(logWealth) carries an error of a few ulps at
 * any length (a running product drifts by up to one rounding per period). A return of exactly −1
 * gives −∞ (wealth 0) from there on. When some return is below −1 (wealth turns negative, only
 * possible with leverage) logs are undefined and `wealth` holds the plain running product Π(1 + r),
 * which is what empyrical computes.
 */
export type CompoundPath =
  | { readonly kind: 'log'; readonly logWealth: Float64Array }
  | { readonly kind: 'product'; readonly wealth: Float64Array };

/** Builds the {@link CompoundPath} of `returns` (see there). */
export function compoundPath(returns: ReturnSeries): CompoundPath {
  const n = returns.length;
  let below = false;
  for (let i = 0; i < n; i++) {
    if (returns[i]! < -1) {
      below = true;
      break;
    }
  }
  if (below) {
    const wealth = new Float64Array(n);
    let w = 1;
    for (let i = 0; i < n; i++) {
      const r = returns[i]!;
      if (!Number.isNaN(r)) w *= 1 + r;
      wealth[i] = w;
    }
    return { kind: 'product', wealth };
  }
  const logWealth = new Float64Array(n);
  let s = 0;
  let c = 0;
  for (let i = 0; i < n; i++) {
    const r = returns[i]!;
    if (!Number.isNaN(r)) {
      const x = Math.log1p(r);
      const t = s + x;
      if (Number.isFinite(t)) {
        c += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
      } else {
        c = 0;
      }
      s = t;
    }
    logWealth[i] = Number.isFinite(s) ? s + c : s;
  }
  return { kind: 'log', logWealth };
}

/**
 * Underwater series with the starting capital as the first peak: `out[i]` = wealth_i / max(1,
 * wealth_0..i) − 1, NaN returns as 0. In log space it is expm1(logWealth_i − max(0, logWealth_0..i)),
 * exactly 0 at every new high.
 */
export function underwater(returns: ReturnSeries): Float64Array {
  const n = returns.length;
  const out = new Float64Array(n);
  if (n === 0) return out;
  const path = compoundPath(returns);
  if (path.kind === 'log') {
    let peak = 0;
    for (let i = 0; i < n; i++) {
      const s = path.logWealth[i]!;
      if (s > peak) peak = s;
      out[i] = Math.expm1(s - peak);
    }
  } else {
    let peak = 1;
    for (let i = 0; i < n; i++) {
      const w = path.wealth[i]!;
      if (w > peak) peak = w;
      out[i] = (w - peak) / peak;
    }
  }
  return out;
}

/** Per-period downside deviation √(mean(min(r − requiredReturn, 0)²)) over the non-NaN returns; NaN when there is no non-NaN return. */
export function downsideDeviation(returns: ReturnSeries, requiredReturn: number): number {
  const n = returns.length;
  const squares: number[] = [];
  for (let i = 0; i < n; i++) {
    const r = returns[i]!;
    if (Number.isNaN(r)) continue;
    const d = r - requiredReturn;
    squares.push(d < 0 ? d * d : 0);
  }
  if (squares.length === 0) return Number.NaN;
  return Math.sqrt(compensatedSum(squares) / squares.length);
}

/** Checks a VaR/CVaR tail probability (default 0.05, empyrical's). */
export function cutoffOf(cutoff: number | undefined): number {
  const c = cutoff ?? 0.05;
  if (!(c >= 0 && c <= 1)) {
    throw new InvariantError(`cutoff must be a probability in [0, 1], got "${String(c)}"`);
  }
  return c;
}

/** m2, m3, m4 of a NaN-free sample with non-negligible variance (scipy's test); undefined otherwise. */
export function centralMoments(returns: ReturnSeries): { m2: number; m3: number; m4: number } | undefined {
  const n = returns.length;
  if (n === 0) return undefined;
  for (let i = 0; i < n; i++) if (Number.isNaN(returns[i]!)) return undefined;
  if (allEqual(returns)) return undefined;
  const mean = meanOf(returns);
  const d2 = new Float64Array(n);
  const d3 = new Float64Array(n);
  const d4 = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const d = returns[i]! - mean;
    const sq = d * d;
    d2[i] = sq;
    d3[i] = sq * d;
    d4[i] = sq * sq;
  }
  const m2 = compensatedSum(d2) / n;
  if (!(m2 > (EPSILON * mean) ** 2)) return undefined;
  return { m2, m3: compensatedSum(d3) / n, m4: compensatedSum(d4) / n };
}

/**
 * empyrical `capture` over the periods whose benchmark return passes `keep` (the up- and
 * down-market capture ratios).
 */
export function captureWhere(returns: ReturnSeries, benchmark: ReturnSeries, periodsPerYear: number, keep: (b: number) => boolean): number {
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
