/**
 * Input checks shared by the estimators: shapes, finiteness, class ids, sample weights.
 */
import type { FeatureMatrix } from '../Estimator.js';
import { EstimatorError } from '../Estimator.js';

/**
 * Checks training inputs and returns the sample weights (all ones when none were given).
 *
 * @throws {EstimatorError} on shape mismatch, non-finite values, negative or all-zero weights,
 * or (for classifiers) targets other than 0 and 1.
 */
export function checkTraining(type: string, X: FeatureMatrix, y: Float64Array, sampleWeight: Float64Array | undefined, binary = false, allowNaN = false): Float64Array {
  checkMatrix(type, X, allowNaN);
  if (y.length !== X.rows) throw new EstimatorError(`${type}.fit: y has ${y.length} values for ${X.rows} rows of X`);
  if (X.rows === 0) throw new EstimatorError(`${type}.fit: no training samples`);
  for (let i = 0; i < y.length; i++) {
    const v = y[i]!;
    if (!Number.isFinite(v)) throw new EstimatorError(`${type}.fit: y[${i}] is ${v}`);
    if (binary && v !== 0 && v !== 1) throw new EstimatorError(`${type}.fit: class ids must be 0 or 1, y[${i}] = ${v}`);
  }
  if (sampleWeight === undefined) return new Float64Array(X.rows).fill(1);
  if (sampleWeight.length !== X.rows) throw new EstimatorError(`${type}.fit: sampleWeight has ${sampleWeight.length} values for ${X.rows} rows`);
  let sum = 0;
  for (let i = 0; i < sampleWeight.length; i++) {
    const w = sampleWeight[i]!;
    if (!(w >= 0) || !Number.isFinite(w)) throw new EstimatorError(`${type}.fit: sampleWeight[${i}] = ${w} (must be finite and ≥ 0)`);
    sum += w;
  }
  if (!(sum > 0)) throw new EstimatorError(`${type}.fit: sample weights sum to 0`);
  return sampleWeight;
}

/** Checks a matrix's shape and values. */
export function checkMatrix(type: string, X: FeatureMatrix, allowNaN = false): void {
  if (X.data.length !== X.rows * X.cols) throw new EstimatorError(`${type}: X of ${X.rows} × ${X.cols} has ${X.data.length} values`);
  const d = X.data;
  for (let k = 0; k < d.length; k++) {
    const v = d[k]!;
    if (!Number.isFinite(v) && !(allowNaN && Number.isNaN(v))) {
      throw new EstimatorError(`${type}: X[${Math.floor(k / X.cols)}, ${k % X.cols}] is ${v}`);
    }
  }
}

/** Checks a prediction input against the fitted column count. */
export function checkPredict(type: string, X: FeatureMatrix, cols: number | undefined, allowNaN = false): number {
  if (cols === undefined) throw notFitted(type);
  if (X.cols !== cols) throw new EstimatorError(`${type}.predict: X has ${X.cols} columns, the model was fitted on ${cols}`);
  checkMatrix(type, X, allowNaN);
  return X.rows;
}

/** The error for using an unfitted estimator. */
export function notFitted(type: string): EstimatorError {
  return new EstimatorError(`${type} is not fitted; call fit first`);
}
