/**
 * The fitted state every linear model shares (coefficients and intercept), its prediction and
 * its JSON checks.
 */
import type { EstimatorJson, FeatureMatrix } from '../Estimator.js';
import { EstimatorError } from '../Estimator.js';

/** Fitted linear model: `ŷ = intercept + Σ coef[j] · x[j]`. */
export interface LinearState {
  readonly coef: readonly number[];
  readonly intercept: number;
  /** Iterations the solver took (0 for closed forms). */
  readonly iterations: number;
}

/** `intercept + X · coef` for each row. */
export function linearPredict(X: FeatureMatrix, state: LinearState): Float64Array {
  const { coef, intercept } = state;
  const out = new Float64Array(X.rows);
  const d = X.data;
  const p = X.cols;
  for (let i = 0; i < X.rows; i++) {
    let s = intercept;
    const base = i * p;
    for (let j = 0; j < p; j++) s += coef[j]! * d[base + j]!;
    out[i] = s;
  }
  return out;
}

/** Reads a linear state from JSON, checking its shape. */
export function linearStateFromJson(json: EstimatorJson, type: string): LinearState | null {
  if (json.type !== type) throw new EstimatorError(`${type}.fromJSON got type "${json.type}"`);
  if (json.state === null) return null;
  const s = json.state as Partial<LinearState>;
  if (!Array.isArray(s.coef) || typeof s.intercept !== 'number') throw new EstimatorError(`${type}.fromJSON: state needs coef[] and intercept`);
  return { coef: s.coef.slice(), intercept: s.intercept, iterations: s.iterations ?? 0 };
}

/** |coef| normalised to sum 1 (all equal when every coefficient is 0). */
export function coefImportances(coef: readonly number[]): Float64Array {
  const out = Float64Array.from(coef, Math.abs);
  const s = out.reduce((a, b) => a + b, 0);
  for (let j = 0; j < out.length; j++) out[j] = s > 0 ? out[j]! / s : 1 / out.length;
  return out;
}
