/**
 * Elastic net and lasso by cyclic coordinate descent, on scikit-learn's objective scaling.
 */
import type { Estimator, EstimatorJson, FeatureMatrix, FitOptions, Hyperparameters } from '../Estimator.js';
import { EstimatorKind } from '../Estimator.js';
import { checkPredict, checkTraining, notFitted } from './checks.js';
import { checkRange, resolveHyperparameters } from './hyperparameters.js';
import { weightedMeans } from './linalg.js';
import type { LinearState } from './linearState.js';
import { coefImportances, linearPredict, linearStateFromJson } from './linearState.js';

const DEFAULTS = { alpha: 1, l1Ratio: 0.5, fitIntercept: true, maxIter: 10_000, tol: 1e-10 };
/** Hyperparameters of {@link ElasticNet}. */
export type ElasticNetHyperparameters = typeof DEFAULTS;

/**
 * Elastic net: minimises `1/(2 Σw) · Σ wᵢ (yᵢ − b − xᵢ·β)² + alpha · l1Ratio · ‖β‖₁ +
 * alpha · (1 − l1Ratio)/2 · ‖β‖²` (scikit-learn's `ElasticNet` scaling, weights normalised), by
 * cyclic coordinate descent until the largest coefficient change is ≤ `tol` × the largest
 * coefficient (or `maxIter` sweeps).
 *
 * @example
 * const model = new ElasticNet({ alpha: 0.1, l1Ratio: 0.7 });
 * model.fit(X, y);
 */
export class ElasticNet implements Estimator {
  static readonly typeName: string = 'ElasticNet';
  readonly type: string = ElasticNet.typeName;
  readonly kind = EstimatorKind.Regressor;
  readonly hyperparameters: Readonly<ElasticNetHyperparameters>;
  #state: LinearState | null = null;

  /** @throws {EstimatorError} for unknown or out-of-range hyperparameters. */
  constructor(hyperparameters?: Hyperparameters) {
    const type = new.target.typeName;
    this.hyperparameters = resolveHyperparameters(type, DEFAULTS, hyperparameters);
    checkRange(type, 'alpha', this.hyperparameters.alpha, 0);
    checkRange(type, 'l1Ratio', this.hyperparameters.l1Ratio, 0, 1);
    checkRange(type, 'maxIter', this.hyperparameters.maxIter, 1, Infinity, true);
    checkRange(type, 'tol', this.hyperparameters.tol, 0);
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

  /** Coordinate-descent sweeps of the last fit. */
  get iterations(): number {
    return this.#fitted().iterations;
  }

  fit(X: FeatureMatrix, y: Float64Array, options?: FitOptions): void {
    const w = checkTraining(this.type, X, y, options?.sampleWeight);
    const { rows: n, cols: p, data } = X;
    const { alpha, l1Ratio, fitIntercept, maxIter, tol } = this.hyperparameters;
    const m = fitIntercept ? weightedMeans(data, n, p, y, w) : { xMean: new Float64Array(p), yMean: 0, wSum: w.reduce((a, b) => a + b, 0) };
    // Column-major centred copy: coordinate descent walks one column at a time.
    const xc = new Float64Array(n * p);
    const r = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < p; j++) xc[j * n + i] = data[i * p + j]! - m.xMean[j]!;
      r[i] = y[i]! - m.yMean;
    }
    const norm = new Float64Array(p);
    for (let j = 0; j < p; j++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += w[i]! * xc[j * n + i]! ** 2;
      norm[j] = s / m.wSum;
    }
    const l1 = alpha * l1Ratio;
    const l2 = alpha * (1 - l1Ratio);
    const beta = new Float64Array(p);
    let iter = 0;
    while (iter < maxIter) {
      iter++;
      let maxDelta = 0;
      let maxBeta = 0;
      for (let j = 0; j < p; j++) {
        if (norm[j] === 0) continue;
        const old = beta[j]!;
        const col = j * n;
        let rho = 0;
        for (let i = 0; i < n; i++) rho += w[i]! * xc[col + i]! * r[i]!;
        rho = rho / m.wSum + norm[j]! * old;
        const next = Math.sign(rho) * Math.max(Math.abs(rho) - l1, 0) / (norm[j]! + l2);
        const delta = next - old;
        if (delta !== 0) {
          for (let i = 0; i < n; i++) r[i]! -= xc[col + i]! * delta;
          beta[j] = next;
        }
        maxDelta = Math.max(maxDelta, Math.abs(delta));
        maxBeta = Math.max(maxBeta, Math.abs(next));
      }
      if (maxBeta === 0 || maxDelta <= tol * maxBeta) break;
    }
    let intercept = m.yMean;
    for (let j = 0; j < p; j++) intercept -= beta[j]! * m.xMean[j]!;
    this.#state = { coef: Array.from(beta), intercept, iterations: iter };
  }

  predict(X: FeatureMatrix): Float64Array {
    checkPredict(this.type, X, this.#state?.coef.length);
    return linearPredict(X, this.#fitted());
  }

  featureImportances(): Float64Array {
    return coefImportances(this.#fitted().coef);
  }

  withHyperparameters(overrides: Hyperparameters): ElasticNet {
    const cls = this.constructor as new (h: Hyperparameters) => ElasticNet;
    return new cls({ ...this.hyperparameters, ...overrides });
  }

  toJSON(): EstimatorJson {
    return { type: this.type, version: 1, hyperparameters: this.hyperparameters, state: this.#state };
  }

  /** Rebuilds a model from {@link ElasticNet.toJSON}. */
  static fromJSON(json: EstimatorJson): ElasticNet {
    const model = new this(json.hyperparameters);
    model.#state = linearStateFromJson(json, this.typeName);
    return model;
  }

  #fitted(): LinearState {
    if (this.#state === null) throw notFitted(this.type);
    return this.#state;
  }
}

/**
 * Lasso: {@link ElasticNet} with `l1Ratio = 1` (scikit-learn's `Lasso`).
 *
 * @example
 * new Lasso({ alpha: 0.01 }).fit(X, y);
 */
export class Lasso extends ElasticNet {
  static override readonly typeName: string = 'Lasso';
  override readonly type: string = Lasso.typeName;

  constructor(hyperparameters?: Hyperparameters) {
    super({ ...hyperparameters, l1Ratio: 1 });
  }
}
