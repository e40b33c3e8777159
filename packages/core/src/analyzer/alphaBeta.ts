/**
 * Annualised Jensen's alpha and beta of a strategy against a benchmark, as empyrical computes them.
 */
import { InvariantError } from '../errors.js';
import type { MetricOptions, ReturnSeries } from './MetricOptions.js';
import { periodsPerYearOf, riskFreeOf } from './MetricOptions.js';

/** Alpha (annualised, compounded) and beta of a strategy against a benchmark. */
export interface AlphaBeta {
  /** Annualised alpha `(1 + mean per-period alpha)^periodsPerYear − 1`, a fraction (0.05 = 5 %/yr). */
  readonly alpha: number;
  /** OLS beta of the returns on the benchmark returns (dimensionless). */
  readonly beta: number;
}

/** Variances below this are treated as zero, as empyrical's `beta_aligned` does. */
const MIN_VARIANCE = 1e-30;

/** Neumaier-compensated running sum. */
class Sum {
  #s = 0;
  #c = 0;
  add(x: number): void {
    const t = this.#s + x;
    this.#c += Math.abs(this.#s) >= Math.abs(x) ? this.#s - t + x : x - t + this.#s;
    this.#s = t;
  }
  get value(): number {
    return this.#s + this.#c;
  }
}

/**
 * Alpha and beta of `returns` against `benchmark` (empyrical `alpha_beta_aligned`):
 *
 * - beta = Cov(r, b) / Var(b) over the pairs where both are present (population moments; the
 *   risk-free rate cancels out);
 * - alpha = `(1 + mean(r − rf − beta·(b − rf)))^periodsPerYear − 1`, compounded as empyrical
 *   (≥ 0.5): the per-period alpha compounded over a year, NOT ×periodsPerYear.
 *
 * NaN in either series drops that pair (pairwise, as empyrical). Fewer than 2 periods, or a
 * benchmark variance below 1e-30 over the valid pairs (a flat benchmark, a single valid pair),
 * gives NaN for both. Infinite inputs give NaN or ±∞. Beta is computed from centred products
 * (two-pass) rather than empyrical's half-centred formula, which is algebraically the same; it
 * makes the beta of a series against itself exactly 1 and its alpha exactly 0.
 *
 * @param returns - simple per-period returns of the strategy.
 * @param benchmark - simple per-period benchmark returns, aligned with `returns` (same length).
 * @param options - `periodsPerYear` (required), `riskFree` per period (default 0).
 * @returns `{ alpha, beta }`.
 * @throws InvariantError if the lengths differ, `periodsPerYear` is missing or not > 0, or
 *   `riskFree` is not finite.
 * @example
 * alphaBeta([0.01, 0.1, -0.04, 0.02], [0.0, 0.05, -0.02, 0.01], { periodsPerYear: 252 });
 * // { alpha: 1.0665 (+106.65 %/yr), beta: 1.9615 }
 * @see empyrical `alpha_beta_aligned` (and `alpha`, `beta`)
 */
export function alphaBeta(returns: ReturnSeries, benchmark: ReturnSeries, options: MetricOptions): AlphaBeta {
  const periodsPerYear = periodsPerYearOf(options);
  const rf = riskFreeOf(options);
  const n = returns.length;
  if (benchmark.length !== n) {
    throw new InvariantError(`returns and benchmark must have the same length, got ${n} and ${benchmark.length}`);
  }
  const nan = { alpha: Number.NaN, beta: Number.NaN };
  if (n < 2) return nan;
  const sr = new Sum();
  const sb = new Sum();
  let m = 0;
  for (let i = 0; i < n; i++) {
    const r = returns[i]!;
    const b = benchmark[i]!;
    if (Number.isNaN(r) || Number.isNaN(b)) continue;
    sr.add(r);
    sb.add(b);
    m++;
  }
  if (m === 0) return nan;
  const mr = sr.value / m;
  const mb = sb.value / m;
  let sbb = 0;
  let srb = 0;
  for (let i = 0; i < n; i++) {
    const r = returns[i]!;
    const b = benchmark[i]!;
    if (Number.isNaN(r) || Number.isNaN(b)) continue;
    const db = b - mb;
    sbb += db * db;
    srb += (r - mr) * db;
  }
  const variance = sbb / m;
  if (!(variance >= MIN_VARIANCE)) return nan;
  const beta = srb / m / variance;
  const sa = new Sum();
  for (let i = 0; i < n; i++) {
    const r = returns[i]!;
    const b = benchmark[i]!;
    if (Number.isNaN(r) || Number.isNaN(b)) continue;
    sa.add(r - rf - beta * (b - rf));
  }
  const meanAlpha = sa.value / m;
  // (1 + a)^p − 1, accurately for small a; empyrical's np.power for a ≤ −1.
  const alpha = meanAlpha > -1 ? Math.expm1(periodsPerYear * Math.log1p(meanAlpha)) : (1 + meanAlpha) ** periodsPerYear - 1;
  return { alpha, beta };
}
