/**
 * Small dense linear algebra for the linear models: Cholesky solve of a symmetric positive
 * definite system (normal equations, Newton steps). `p` is small (features), so plain loops.
 */
import { EstimatorError } from '../Estimator.js';

/**
 * Solves `A x = b` for symmetric positive definite `A` (row-major p × p), in place on copies.
 *
 * @throws {EstimatorError} when `A` is not positive definite (singular design, say why).
 */
export function choleskySolve(A: Float64Array, b: Float64Array, p: number, what: string): Float64Array {
  const L = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i * p + j]!;
      for (let k = 0; k < j; k++) s -= L[i * p + k]! * L[j * p + k]!;
      if (i === j) {
        if (!(s > 1e-300)) throw new EstimatorError(`${what}: the system is singular (pivot ${i} is ${s}); add regularisation or drop collinear features`);
        L[i * p + i] = Math.sqrt(s);
      } else L[i * p + j] = s / L[j * p + j]!;
    }
  }
  const z = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= L[i * p + k]! * z[k]!;
    z[i] = s / L[i * p + i]!;
  }
  const x = new Float64Array(p);
  for (let i = p - 1; i >= 0; i--) {
    let s = z[i]!;
    for (let k = i + 1; k < p; k++) s -= L[k * p + i]! * x[k]!;
    x[i] = s / L[i * p + i]!;
  }
  return x;
}

/** Weighted column means of row-major X and the weighted mean of y. */
export function weightedMeans(data: Float64Array, rows: number, cols: number, y: Float64Array, w: Float64Array): { xMean: Float64Array; yMean: number; wSum: number } {
  const xMean = new Float64Array(cols);
  let yMean = 0;
  let wSum = 0;
  for (let i = 0; i < rows; i++) {
    const wi = w[i]!;
    wSum += wi;
    yMean += wi * y[i]!;
    const base = i * cols;
    for (let j = 0; j < cols; j++) xMean[j]! += wi * data[base + j]!;
  }
  for (let j = 0; j < cols; j++) xMean[j]! /= wSum;
  return { xMean, yMean: yMean / wSum, wSum };
}
