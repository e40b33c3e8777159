/**
 * The one small interface every model in `@qt-backtest/models` implements — linear models, trees,
 * boosting, pipelines here, and neural networks (TensorFlow.js) in the optional entry point — so
 * that splitters, hyperparameter search, walk-forward training, stacking and model files treat them
 * alike.
 *
 * Inputs are plain typed arrays: a row-major {@link FeatureMatrix} (samples × features) or, for
 * sequence models, a {@link SequenceTensor} (samples × steps × features). Targets are one
 * `Float64Array` (a regression target, or class ids 0/1 for binary classifiers).
 */
import { InvariantError } from '@qt-backtest/core';

/**
 * Samples × features in row-major order: feature `j` of sample `i` is `data[i * cols + j]`.
 *
 * @example
 * const X: FeatureMatrix = { data: Float64Array.from([1, 2, 3, 4]), rows: 2, cols: 2 };
 */
export interface FeatureMatrix {
  readonly data: Float64Array;
  readonly rows: number;
  readonly cols: number;
}

/**
 * Samples × steps × features in row-major order (feature `j` at step `s` of sample `i` is
 * `data[(i * steps + s) * cols + j]`), for sequence models such as LSTMs over rolling windows.
 * Step `steps - 1` is the most recent observation of each sample.
 */
export interface SequenceTensor {
  readonly data: Float64Array;
  readonly rows: number;
  readonly steps: number;
  readonly cols: number;
}

/** What an estimator can be fitted on: a feature matrix or a batch of sequences. */
export type EstimatorInput = FeatureMatrix | SequenceTensor;

/** Whether an estimator predicts a number or a class. */
export const EstimatorKind = {
  Regressor: 'regressor',
  Classifier: 'classifier',
} as const;
/** One of {@link EstimatorKind}. */
export type EstimatorKind = (typeof EstimatorKind)[keyof typeof EstimatorKind];

/** A hyperparameter value (what a search space can range over and a model file can hold). */
export type HyperparameterValue = number | string | boolean | null | readonly number[];

/** Hyperparameters of an estimator: a flat, JSON-serialisable object. */
export type Hyperparameters = Readonly<Record<string, HyperparameterValue>>;

/** A held-out set an estimator may use for early stopping (never for fitting its parameters). */
export interface ValidationSet<X extends EstimatorInput = FeatureMatrix> {
  readonly X: X;
  readonly y: Float64Array;
  readonly sampleWeight?: Float64Array;
}

/** Options of one {@link Estimator.fit} call. */
export interface FitOptions<X extends EstimatorInput = FeatureMatrix> {
  /** Non-negative weight per sample (e.g. average uniqueness of labels); default all ones. */
  readonly sampleWeight?: Float64Array | undefined;
  /** Held-out data for early stopping; estimators without early stopping ignore it. */
  readonly validation?: ValidationSet<X> | undefined;
  /**
   * Seed of this fit's random draws; overrides the estimator's `seed` hyperparameter when given
   * (walk-forward passes a per-window seed so every window is reproducible on its own).
   */
  readonly seed?: number | undefined;
  /**
   * Event start/end time of each training row (sorted by start), for estimators that split their
   * training data internally (stacking's level-2 CV, early-stopping holdouts) so they can purge.
   * Without it, rows are taken as consecutive one-bar events.
   */
  readonly events?: { readonly start: ArrayLike<number>; readonly end: ArrayLike<number> } | undefined;
}

/**
 * The serialised form of a fitted (or unfitted) estimator: enough to rebuild it exactly with the
 * class's `fromJSON`. `state` is estimator-specific plain data (numbers, arrays, nested objects).
 */
export interface EstimatorJson {
  /** The estimator's registered type name, e.g. `'Ridge'`. */
  readonly type: string;
  /** Version of this estimator's own JSON layout (bumped when `state` changes shape). */
  readonly version: number;
  readonly hyperparameters: Hyperparameters;
  /** Fitted parameters; `null` when the estimator was never fitted. */
  readonly state: unknown;
}

/**
 * A model that learns from a feature matrix and a target.
 *
 * Contract: `fit` replaces any previous fit (it never continues from it); `predict` is a pure
 * function of the fitted state and `X` and returns one value per row of `X`; `toJSON` followed by
 * the class's `fromJSON` gives an estimator whose predictions are identical bit for bit. `fit` may
 * be asynchronous (TensorFlow.js) — callers always `await` it.
 *
 * @example
 * const model = new Ridge({ alpha: 1 });
 * await model.fit(X, y);
 * const yHat = model.predict(Xnew);
 * const copy = Ridge.fromJSON(model.toJSON());
 */
export interface Estimator<X extends EstimatorInput = FeatureMatrix> {
  /** Registered type name (the `type` of its JSON). */
  readonly type: string;
  readonly kind: EstimatorKind;
  readonly hyperparameters: Hyperparameters;
  /** Whether `fit` has completed. */
  readonly fitted: boolean;
  /**
   * Learns from `X` (rows = samples) and `y` (one target per row).
   *
   * @throws {EstimatorError} on shape mismatches or non-finite inputs.
   */
  fit(X: X, y: Float64Array, options?: FitOptions<X>): void | Promise<void>;
  /**
   * One prediction per row of `X` (for classifiers: the predicted class id 0 or 1).
   *
   * @throws {EstimatorError} when not fitted or `X` has the wrong number of columns.
   */
  predict(X: X): Float64Array;
  /** A fresh, unfitted estimator of the same type with these hyperparameters merged over its own. */
  withHyperparameters(overrides: Hyperparameters): Estimator<X>;
  /** Per-feature importance (non-negative, summing to 1) when the model defines one. */
  featureImportances?(): Float64Array;
  toJSON(): EstimatorJson;
}

/** A binary classifier: class ids 0 and 1; `predictProba` gives P(class 1) per row. */
export interface Classifier<X extends EstimatorInput = FeatureMatrix> extends Estimator<X> {
  readonly kind: 'classifier';
  /** Probability of class 1 for each row, in [0, 1]. */
  predictProba(X: X): Float64Array;
}

/**
 * The static side of an estimator class: construction from hyperparameters and `fromJSON`.
 * Register classes with `registerEstimator` so `loadEstimator` can rebuild any saved model.
 */
export interface EstimatorClass<X extends EstimatorInput = FeatureMatrix, E extends Estimator<X> = Estimator<X>> {
  /** Registered type name, equal to instances' `type`. */
  readonly typeName: string;
  new (hyperparameters?: Hyperparameters): E;
  fromJSON(json: EstimatorJson): E;
}

/** Bad arguments to an estimator (shape mismatch, non-finite value, unfitted use). */
export class EstimatorError extends InvariantError {}

/** Whether an estimator is a {@link Classifier}. */
export function isClassifier<X extends EstimatorInput>(estimator: Estimator<X>): estimator is Classifier<X> {
  return estimator.kind === EstimatorKind.Classifier && typeof (estimator as Classifier<X>).predictProba === 'function';
}

/**
 * Builds a checked {@link FeatureMatrix}.
 *
 * @throws {EstimatorError} when `data.length !== rows * cols`.
 * @example
 * featureMatrix(new Float64Array(6), 3, 2);
 */
export function featureMatrix(data: Float64Array, rows: number, cols: number): FeatureMatrix {
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0 || data.length !== rows * cols) {
    throw new EstimatorError(`feature matrix of ${rows} × ${cols} needs ${rows * cols} values, got ${data.length}`);
  }
  return { data, rows, cols };
}
