/**
 * Dense least squares by Householder QR (numerically stable; small column counts), with the
 * statistics the unit-root tests need: coefficients, residual sum of squares and coefficient
 * standard errors.
 */
import { InvariantError } from '@qt-backtest/core';

/** Result of {@link leastSquares}. */
export interface LeastSquaresFit {
  readonly coefficients: Float64Array;
  /** Standard errors, `sqrt(s² · diag((XᵀX)⁻¹))` with `s² = SSR / (n − k)`. */
  readonly standardErrors: Float64Array;
  readonly residuals: Float64Array;
  /** Sum of squared residuals. */
  readonly ssr: number;
  readonly nobs: number;
}

/**
 * Solves `min ‖y − Xβ‖²` for `columns` (the k columns of X, each of length n).
 *
 * @throws {InvariantError} for n <= k, unequal lengths, or a rank-deficient X.
 * @example
 * leastSquares([ones, x], y).coefficients; // [intercept, slope]
 */
export function leastSquares(columns: readonly ArrayLike<number>[], y: ArrayLike<number>): LeastSquaresFit {
  const k = columns.length;
  const n = y.length;
  if (!(n > k) || columns.some((c) => c.length !== n)) throw new InvariantError(`leastSquares: need n > k and equal lengths (n ${n}, k ${k})`);
  const a = columns.map((c) => Float64Array.from(c)); // column-major copy, overwritten by R and the reflectors
  const b = Float64Array.from(y);
  const rdiag = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    const col = a[j]!;
    let norm = 0;
    for (let i = j; i < n; i++) norm = Math.hypot(norm, col[i]!);
    if (norm === 0) throw new InvariantError(`leastSquares: column ${j} is linearly dependent on the others`);
    if (col[j]! > 0) norm = -norm;
    for (let i = j; i < n; i++) col[i]! /= -norm;
    col[j]! += 1;
    for (let c = j + 1; c < k; c++) {
      const other = a[c]!;
      let s = 0;
      for (let i = j; i < n; i++) s += col[i]! * other[i]!;
      s = -s / col[j]!;
      for (let i = j; i < n; i++) other[i]! += s * col[i]!;
    }
    let s = 0;
    for (let i = j; i < n; i++) s += col[i]! * b[i]!;
    s = -s / col[j]!;
    for (let i = j; i < n; i++) b[i]! += s * col[i]!;
    rdiag[j] = norm;
  }
  const R = (i: number, j: number) => (i === j ? rdiag[i]! : a[j]![i]!); // upper triangle
  const beta = new Float64Array(k);
  for (let i = k - 1; i >= 0; i--) {
    let s = b[i]!;
    for (let j = i + 1; j < k; j++) s -= R(i, j) * beta[j]!;
    beta[i] = s / R(i, i);
  }
  const residuals = new Float64Array(n);
  let ssr = 0;
  for (let i = 0; i < n; i++) {
    let f = 0;
    for (let j = 0; j < k; j++) f += columns[j]![i]! * beta[j]!;
    residuals[i] = y[i]! - f;
    ssr += residuals[i]! * residuals[i]!;
  }
  // (XᵀX)⁻¹ = R⁻¹ R⁻ᵀ: invert the triangle, then the diagonal is the row sums of squares
  const rinv = Array.from({ length: k }, () => new Float64Array(k));
  for (let j = 0; j < k; j++) {
    rinv[j]![j] = 1 / R(j, j);
    for (let i = j - 1; i >= 0; i--) {
      let s = 0;
      for (let m = i + 1; m <= j; m++) s += R(i, m) * rinv[m]![j]!;
      rinv[i]![j] = -s / R(i, i);
    }
  }
  const s2 = ssr / (n - k);
  const standardErrors = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    let d = 0;
    for (let j = i; j < k; j++) d += rinv[i]![j]! ** 2;
    standardErrors[i] = Math.sqrt(s2 * d);
  }
  if (rdiag.some((r) => Math.abs(r) < 1e-12 * Math.max(...Array.from(rdiag, Math.abs)))) {
    throw new InvariantError('leastSquares: X is (numerically) rank deficient');
  }
  return { coefficients: beta, standardErrors, residuals, ssr, nobs: n };
}
