/**
 * Ordinary least squares and ridge regression in closed form on the weighted, centred normal
 * equations (scikit-learn's `LinearRegression` / `Ridge` objective).
 */
import type { Estimator, EstimatorJson, FeatureMatrix, FitOptions, Hyperparameters } from '../Estimator.js';
import { EstimatorKind } from '../Estimator.js';
import { checkPredict, checkTraining, notFitted } from './checks.js';
import { checkRange, resolveHyperparameters } from './hyperparameters.js';
import { choleskySolve, weightedMeans } from './linalg.js';
import type { LinearState } from './linearState.js';
import { coefImportances, linearPredict, linearStateFromJson } from './linearState.js';

const DEFAULTS = { alpha: 1, fitIntercept: true };
/** Hyperparameters of {@link Ridge}. */
export type RidgeHyperparameters = typeof DEFAULTS;

/**
 * Ridge regression: minimises `Σ wᵢ (yᵢ − b − xᵢ·β)² + alpha · ‖β‖²` (the intercept `b` is not
 * penalised), like scikit-learn's `Ridge`. `alpha = 0` is ordinary least squares
 * (see {@link LinearRegression}).
 *
 * @example
 * const model = new Ridge({ alpha: 0.5 });
 * model.fit(X, y);
 * model.predict(X);
 */
export class Ridge implements Estimator {
  static readonly typeName: string = 'Ridge';
  readonly type: string = Ridge.typeName;
  readonly kind = EstimatorKind.Regressor;
  readonly hyperparameters: Readonly<RidgeHyperparameters>;
  #state: LinearState | null = null;

  /** @throws {EstimatorError} for unknown hyperparameters or `alpha < 0`. */
  constructor(hyperparameters?: Hyperparameters) {
    this.hyperparameters = resolveHyperparameters(new.target.typeName, DEFAULTS, hyperparameters);
    checkRange(new.target.typeName, 'alpha', this.hyperparameters.alpha, 0);
  }

  get fitted(): boolean {
    return this.#state !== null;
  }

  /** Fitted coefficients (one per feature). */
  get coef(): readonly number[] {
    return this.#fitted().coef;
  }

  get intercept(): number {
    return this.#fitted().intercept;
  }

  fit(X: FeatureMatrix, y: Float64Array, options?: FitOptions): void {
    const w = checkTraining(this.type, X, y, options?.sampleWeight);
    const { rows, cols, data } = X;
    const center = this.hyperparameters.fitIntercept;
    const m = center ? weightedMeans(data, rows, cols, y, w) : { xMean: new Float64Array(cols), yMean: 0 };
    const A = new Float64Array(cols * cols);
    const b = new Float64Array(cols);
    const xc = new Float64Array(cols);
    for (let i = 0; i < rows; i++) {
      const wi = w[i]!;
      if (wi === 0) continue;
      const base = i * cols;
      for (let j = 0; j < cols; j++) xc[j] = data[base + j]! - m.xMean[j]!;
      const yc = y[i]! - m.yMean;
      for (let j = 0; j < cols; j++) {
        const v = wi * xc[j]!;
        b[j]! += v * yc;
        for (let k = 0; k <= j; k++) A[j * cols + k]! += v * xc[k]!;
      }
    }
    for (let j = 0; j < cols; j++) {
      for (let k = 0; k < j; k++) A[k * cols + j] = A[j * cols + k]!;
      A[j * cols + j]! += this.hyperparameters.alpha;
    }
    const coef = choleskySolve(A, b, cols, `${this.type}.fit`);
    let intercept = m.yMean;
    for (let j = 0; j < cols; j++) intercept -= coef[j]! * m.xMean[j]!;
    this.#state = { coef: Array.from(coef), intercept, iterations: 0 };
  }

  predict(X: FeatureMatrix): Float64Array {
    checkPredict(this.type, X, this.#state?.coef.length);
    return linearPredict(X, this.#fitted());
  }

  /** |coefficient| shares (meaningful on standardised features). */
  featureImportances(): Float64Array {
    return coefImportances(this.#fitted().coef);
  }

  withHyperparameters(overrides: Hyperparameters): Ridge {
    const cls = this.constructor as new (h: Hyperparameters) => Ridge;
    return new cls({ ...this.hyperparameters, ...overrides });
  }

  toJSON(): EstimatorJson {
    return { type: this.type, version: 1, hyperparameters: this.hyperparameters, state: this.#state };
  }

  /** Rebuilds a model from {@link Ridge.toJSON}. */
  static fromJSON(json: EstimatorJson): Ridge {
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
 * Ordinary least squares (`Ridge` with `alpha = 0`), like scikit-learn's `LinearRegression`.
 *
 * @example
 * const ols = new LinearRegression();
 * ols.fit(X, y);
 */
export class LinearRegression extends Ridge {
  static override readonly typeName: string = 'LinearRegression';
  override readonly type: string = LinearRegression.typeName;

  constructor(hyperparameters?: Hyperparameters) {
    super({ ...hyperparameters, alpha: 0 });
  }
}
