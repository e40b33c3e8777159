/**
 * The shared base of the tree estimators (decision tree, random forest, gradient boosting): a
 * fitted ensemble is a base score plus scaled sums of trees grown by the one kernel in
 * `growTree`; subclasses only say how the trees are grown.
 */
import { SeededRandom } from '@qt-backtest/core';
import type { Estimator, EstimatorJson, FeatureMatrix, FitOptions, Hyperparameters, HyperparameterValue } from '../Estimator.js';
import { EstimatorError, EstimatorKind } from '../Estimator.js';
import { checkPredict, checkTraining, notFitted } from '../estimators/checks.js';
import { resolveHyperparameters } from '../estimators/hyperparameters.js';
import { sigmoid } from '../estimators/LogisticRegression.js';
import { FeatureBinner } from './FeatureBinner.js';
import type { TreeNodes, TreeNodesJson } from './TreeNodes.js';
import { addTreePrediction, treeFromJson, treeToJson } from './TreeNodes.js';

/** How raw ensemble scores map to predictions. */
export type TreeLink = 'identity' | 'logit';

/** A fitted tree ensemble. */
export interface TreeEnsembleState {
  readonly cols: number;
  readonly baseScore: number;
  /** Each tree's contribution is multiplied by this (1/trees for a forest's average). */
  readonly scale: number;
  readonly link: TreeLink;
  readonly trees: readonly TreeNodes[];
  readonly importances: Float64Array;
  /** Boosting rounds kept (after early stopping); trees otherwise. */
  readonly iterations: number;
}

/** What a subclass's `grow` receives. */
export interface TreeTrainingData {
  readonly X: FeatureMatrix;
  readonly y: Float64Array;
  readonly w: Float64Array;
  readonly binner: FeatureBinner;
  readonly binned: Uint8Array;
  readonly rng: SeededRandom;
  readonly options: FitOptions | undefined;
}

/** Base class of tree estimators; not used directly. */
export abstract class TreeModel implements Estimator {
  abstract readonly type: string;
  readonly kind: EstimatorKind;
  readonly hyperparameters: Readonly<Record<string, HyperparameterValue>>;
  #state: TreeEnsembleState | null = null;

  protected constructor(type: string, kind: EstimatorKind, defaults: Record<string, HyperparameterValue>, given: Hyperparameters | undefined) {
    this.kind = kind;
    this.hyperparameters = resolveHyperparameters(type, defaults, given);
  }

  get fitted(): boolean {
    return this.#state !== null;
  }

  /** Number of trees in the fitted ensemble. */
  get treeCount(): number {
    return this.#fitted().trees.length;
  }

  /** Boosting rounds (after early stopping) or trees. */
  get iterations(): number {
    return this.#fitted().iterations;
  }

  /** Grows the ensemble (subclass-specific). */
  protected abstract grow(data: TreeTrainingData): Omit<TreeEnsembleState, 'cols'>;

  fit(X: FeatureMatrix, y: Float64Array, options?: FitOptions): void {
    const w = checkTraining(this.type, X, y, options?.sampleWeight, this.kind === EstimatorKind.Classifier, true);
    const maxBins = this.hyperparameters['maxBins'] as number;
    const binner = FeatureBinner.fit(X, maxBins);
    const binned = binner.transform(X);
    const seed = options?.seed ?? (this.hyperparameters['seed'] as number);
    const state = this.grow({ X, y, w, binner, binned, rng: new SeededRandom(seed), options });
    this.#state = { ...state, cols: X.cols };
  }

  /** Raw scores: base score + scale × Σ tree values (log-odds for boosting classifiers). */
  rawScores(X: FeatureMatrix): Float64Array {
    const s = this.#fitted();
    checkPredict(this.type, X, s.cols, true);
    const out = new Float64Array(X.rows).fill(s.baseScore);
    for (const tree of s.trees) addTreePrediction(tree, X, out, s.scale);
    return out;
  }

  predict(X: FeatureMatrix): Float64Array {
    if (this.kind === EstimatorKind.Regressor) return this.rawScores(X);
    return this.predictProba(X).map((p) => (p > 0.5 ? 1 : 0));
  }

  /**
   * Probability of class 1 per row (classifiers only).
   *
   * @throws {EstimatorError} for a regressor.
   */
  predictProba(X: FeatureMatrix): Float64Array {
    if (this.kind !== EstimatorKind.Classifier) throw new EstimatorError(`${this.type} is a regressor; it has no predictProba`);
    const s = this.#fitted();
    const raw = this.rawScores(X);
    return s.link === 'logit' ? raw.map(sigmoid) : raw.map((p) => Math.min(1, Math.max(0, p)));
  }

  /** Impurity-decrease (gain) importance per feature, normalised to sum 1 (scikit-learn's `feature_importances_`). */
  featureImportances(): Float64Array {
    return this.#fitted().importances.slice();
  }

  withHyperparameters(overrides: Hyperparameters): TreeModel {
    const cls = this.constructor as new (h: Hyperparameters) => TreeModel;
    return new cls({ ...this.hyperparameters, ...overrides });
  }

  toJSON(): EstimatorJson {
    const s = this.#state;
    return {
      type: this.type,
      version: 1,
      hyperparameters: this.hyperparameters,
      state:
        s === null
          ? null
          : { cols: s.cols, baseScore: s.baseScore, scale: s.scale, link: s.link, iterations: s.iterations, importances: Array.from(s.importances), trees: s.trees.map(treeToJson) },
    };
  }

  /** Restores fitted state from JSON (used by the subclasses' `fromJSON`). */
  protected restore(json: EstimatorJson): this {
    if (json.type !== this.type) throw new EstimatorError(`${this.type}.fromJSON got type "${json.type}"`);
    if (json.state === null) return this;
    const s = json.state as { cols: number; baseScore: number; scale: number; link: TreeLink; iterations: number; importances: number[]; trees: TreeNodesJson[] };
    if (!Number.isInteger(s.cols) || !Array.isArray(s.trees)) throw new EstimatorError(`${this.type}.fromJSON: state needs cols and trees`);
    this.#state = {
      cols: s.cols,
      baseScore: s.baseScore,
      scale: s.scale,
      link: s.link,
      iterations: s.iterations,
      importances: Float64Array.from(s.importances),
      trees: s.trees.map((t) => treeFromJson(t, s.cols)),
    };
    return this;
  }

  #fitted(): TreeEnsembleState {
    if (this.#state === null) throw notFitted(this.type);
    return this.#state;
  }
}

/** Normalises gains to sum 1 (all zeros stay zeros). */
export function normalise(gains: Float64Array): Float64Array {
  const s = gains.reduce((a, b) => a + b, 0);
  return s > 0 ? gains.map((v) => v / s) : gains;
}

/** Features tried per split from a `maxFeatures` hyperparameter ('sqrt', 'log2', a fraction in (0, 1], or a count > 1). */
export function featuresPerSplit(type: string, maxFeatures: HyperparameterValue, cols: number): number {
  if (maxFeatures === 'sqrt') return Math.max(1, Math.floor(Math.sqrt(cols)));
  if (maxFeatures === 'log2') return Math.max(1, Math.floor(Math.log2(cols)));
  if (typeof maxFeatures === 'number' && maxFeatures > 0) {
    return maxFeatures <= 1 ? Math.max(1, Math.floor(maxFeatures * cols)) : Math.min(cols, Math.floor(maxFeatures));
  }
  throw new EstimatorError(`${type} hyperparameter "maxFeatures" must be 'sqrt', 'log2', a fraction in (0, 1] or a count, got ${JSON.stringify(maxFeatures)}`);
}

/** `maxDepth` hyperparameter: null = unlimited. */
export function depthLimit(type: string, maxDepth: HyperparameterValue): number {
  if (maxDepth === null) return Infinity;
  if (typeof maxDepth === 'number' && Number.isInteger(maxDepth) && maxDepth >= 1) return maxDepth;
  throw new EstimatorError(`${type} hyperparameter "maxDepth" must be a positive integer or null, got ${JSON.stringify(maxDepth)}`);
}
