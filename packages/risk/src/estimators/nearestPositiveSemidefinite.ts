/**
 * PyPortfolioOpt's `fix_nonpositive_semidefinite`: a matrix that fails a Cholesky test is
 * repaired by clipping its negative eigenvalues to 0 (`spectral`) or by adding 1.1 × |λ_min|
 * to the diagonal (`diag`), with a warning.
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { cholesky } from '../internal/linalg.js';

/** Whether `m + 1e-16 I` has a Cholesky factor (PyPortfolioOpt's PSD test). */
export function isPositiveSemidefinite(m: Float64Array, n: number): boolean {
  const a = Float64Array.from(m);
  for (let i = 0; i < n; i++) a[i * n + i]! += 1e-16;
  return cholesky(a, n) !== null;
}

/**
 * Returns `m` itself when it is positive semidefinite, else the repaired matrix and a warning.
 *
 * @param m n × n symmetric, row-major
 * @example
 * const { matrix, warning } = nearestPositiveSemidefinite(cov, n);
 */
export function nearestPositiveSemidefinite(
  m: Float64Array,
  n: number,
  method: 'spectral' | 'diag' = 'spectral',
): { readonly matrix: Float64Array; readonly warning?: string } {
  if (isPositiveSemidefinite(m, n)) return { matrix: m };
  const rows: number[][] = [];
  for (let i = 0; i < n; i++) rows.push(Array.from(m.subarray(i * n, i * n + n)));
  const eig = new EigenvalueDecomposition(new Matrix(rows), { assumeSymmetric: true });
  const values = eig.realEigenvalues;
  const minEig = Math.min(...values);
  const out = new Float64Array(n * n);
  if (method === 'diag') {
    out.set(m);
    for (let i = 0; i < n; i++) out[i * n + i]! -= 1.1 * minEig;
  } else {
    const v = eig.eigenvectorMatrix;
    for (let k = 0; k < n; k++) {
      const lk = values[k]!;
      if (!(lk > 0)) continue;
      for (let i = 0; i < n; i++) {
        const vik = v.get(i, k) * lk;
        for (let j = 0; j < n; j++) out[i * n + j]! += vik * v.get(j, k);
      }
    }
    for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) out[i * n + j] = out[j * n + i] = (out[i * n + j]! + out[j * n + i]!) / 2;
  }
  return {
    matrix: out,
    warning: `covariance matrix was not positive semidefinite (smallest eigenvalue ${minEig}); repaired by the ${method} method`,
  };
}
