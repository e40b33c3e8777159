/**
 * Binary logistic regression with an L2 penalty, fitted by Newton's method (IRLS) to the exact
 * optimum of scikit-learn's objective.
 */
import type { Classifier, EstimatorJson, FeatureMatrix, FitOptions, Hyperparameters } from '../Estimator.js';
import { EstimatorError, EstimatorKind } from '../Estimator.js';
import { checkPredict, checkTraining, notFitted } from './checks.js';
import { checkRange, resolveHyperparameters } from './hyperparameters.js';
import { choleskySolve } from './linalg.js';
import type { LinearState } from './linearState.js';
import { coefImportances, linearPredict, linearStateFromJson } from './linearState.js';

const DEFAULTS = { C: 1, fitIntercept: true, maxIter: 100, tol: 1e-10 };
/** Hyperparameters of {@link LogisticRegression}. */
export type LogisticRegressionHyperparameters = typeof DEFAULTS;

/**
 * Logistic regression for classes 0/1: minimises `C · Σ wᵢ · logloss(yᵢ, σ(b + xᵢ·β)) + ½‖β‖²`
 * (scikit-learn's convention: larger `C` = weaker penalty; the intercept is not penalised, as with
 * its `lbfgs`/`newton-cg` solvers; `C = Infinity` is unpenalised). Newton steps with a step-halving
 * line search until the largest step component is ≤ `tol`.
 *
 * @example
 * const clf = new LogisticRegression({ C: 0.5 });
 * clf.fit(X, y01);
 * clf.predictProba(X); // P(class 1)
 */
export class LogisticRegression implements Classifier {
  static readonly typeName: string = 'LogisticRegression';
  readonly type: string = LogisticRegression.typeName;
  readonly kind = EstimatorKind.Classifier;
  readonly hyperparameters: Readonly<LogisticRegressionHyperparameters>;
  #state: LinearState | null = null;

  /** @throws {EstimatorError} for unknown or out-of-range hyperparameters. */
  constructor(hyperparameters?: Hyperparameters) {
    const type = new.target.typeName;
    this.hyperparameters = resolveHyperparameters(type, DEFAULTS, hyperparameters);
    if (!(this.hyperparameters.C > 0)) throw new EstimatorError(`${type} hyperparameter "C" must be > 0, got ${this.hyperparameters.C}`);
    checkRange(type, 'maxIter', this.hyperparameters.maxIter, 1, Infinity, true);
  }

  get fitted(): boolean {
    return this.#state !== null;
  }

  get coef(): readonly number[] {
    return this.#fitted().coef;
  }

  get intercept(): number {
    return this.#fitted().intercept;
  }

  fit(X: FeatureMatrix, y: Float64Array, options?: FitOptions): void {
    const w = checkTraining(this.type, X, y, options?.sampleWeight, true);
    const { rows: n, cols: p, data } = X;
    const { C, fitIntercept, maxIter, tol } = this.hyperparameters;
    const q = p + (fitIntercept ? 1 : 0); // parameters: β then b
    const lambda = Number.isFinite(C) ? 1 / C : 0; // objective / C: Σ w·loss + ½λ‖β‖²
    const theta = new Float64Array(q);
    const eta = new Float64Array(n);
    const objective = (t: Float64Array): number => {
      let s = 0;
      for (let i = 0; i < n; i++) {
        let z = fitIntercept ? t[p]! : 0;
        for (let j = 0; j < p; j++) z += t[j]! * data[i * p + j]!;
        // log(1 + e^z) − y z, computed stably
        s += w[i]! * (softplus(z) - y[i]! * z);
      }
      let pen = 0;
      for (let j = 0; j < p; j++) pen += t[j]! ** 2;
      return s + 0.5 * lambda * pen;
    };
    let current = objective(theta);
    let iter = 0;
    for (; iter < maxIter; iter++) {
      const g = new Float64Array(q);
      const H = new Float64Array(q * q);
      const x = new Float64Array(q);
      for (let i = 0; i < n; i++) {
        let z = fitIntercept ? theta[p]! : 0;
        for (let j = 0; j < p; j++) {
          x[j] = data[i * p + j]!;
          z += theta[j]! * x[j]!;
        }
        if (fitIntercept) x[p] = 1;
        eta[i] = z;
        const mu = sigmoid(z);
        const gi = w[i]! * (mu - y[i]!);
        const hi = w[i]! * mu * (1 - mu);
        for (let a = 0; a < q; a++) {
          g[a]! += gi * x[a]!;
          const ha = hi * x[a]!;
          for (let b = 0; b <= a; b++) H[a * q + b]! += ha * x[b]!;
        }
      }
      for (let a = 0; a < q; a++) for (let b = 0; b < a; b++) H[b * q + a] = H[a * q + b]!;
      for (let j = 0; j < p; j++) {
        g[j]! += lambda * theta[j]!;
        H[j * q + j]! += lambda;
      }
      const step = choleskySolve(H, g, q, `${this.type}.fit (separable classes need a finite C)`);
      let t = 1;
      let next = theta.map((v, a) => v - step[a]!);
      let value = objective(next);
      while (value > current && t > 1e-10) {
        t /= 2;
        next = theta.map((v, a) => v - t * step[a]!);
        value = objective(next);
      }
      let maxStep = 0;
      for (let a = 0; a < q; a++) maxStep = Math.max(maxStep, Math.abs(t * step[a]!));
      theta.set(next);
      current = value;
      if (maxStep <= tol) {
        iter++;
        break;
      }
    }
    this.#state = { coef: Array.from(theta.subarray(0, p)), intercept: fitIntercept ? theta[p]! : 0, iterations: iter };
  }

  /** Log-odds of class 1 per row. */
  decisionFunction(X: FeatureMatrix): Float64Array {
    checkPredict(this.type, X, this.#state?.coef.length);
    return linearPredict(X, this.#fitted());
  }

  predictProba(X: FeatureMatrix): Float64Array {
    return this.decisionFunction(X).map(sigmoid);
  }

  predict(X: FeatureMatrix): Float64Array {
    return this.decisionFunction(X).map((z) => (z > 0 ? 1 : 0));
  }

  featureImportances(): Float64Array {
    return coefImportances(this.#fitted().coef);
  }

  withHyperparameters(overrides: Hyperparameters): LogisticRegression {
    return new LogisticRegression({ ...this.hyperparameters, ...overrides });
  }

  toJSON(): EstimatorJson {
    return { type: this.type, version: 1, hyperparameters: { ...this.hyperparameters, C: jsonNumber(this.hyperparameters.C) }, state: this.#state };
  }

  /** Rebuilds a model from {@link LogisticRegression.toJSON}. */
  static fromJSON(json: EstimatorJson): LogisticRegression {
    const h = { ...json.hyperparameters, C: json.hyperparameters['C'] === null ? Infinity : json.hyperparameters['C'] } as Hyperparameters;
    const model = new LogisticRegression(h);
    model.#state = linearStateFromJson(json, LogisticRegression.typeName);
    return model;
  }

  #fitted(): LinearState {
    if (this.#state === null) throw notFitted(this.type);
    return this.#state;
  }
}

/** JSON has no Infinity: an unpenalised C is written as null. */
function jsonNumber(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}

/** The logistic function, stable for large |z|. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}
