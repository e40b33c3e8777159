/**
 * Histogram gradient boosting (squared error for regression, log loss for 0/1 classification) on
 * the shared tree kernel, in the manner of scikit-learn's `HistGradientBoosting*` with depth-limited
 * trees, optional row subsampling and early stopping on a validation set.
 */
import type { EstimatorJson, Hyperparameters } from '../Estimator.js';
import { EstimatorKind } from '../Estimator.js';
import { checkRange } from '../estimators/hyperparameters.js';
import { sigmoid } from '../estimators/LogisticRegression.js';
import { growTree, TreeWorkspace } from './growTree.js';
import type { TreeNodes } from './TreeNodes.js';
import { addTreePrediction } from './TreeNodes.js';
import type { TreeEnsembleState, TreeTrainingData } from './TreeModel.js';
import { TreeModel, depthLimit, featuresPerSplit, normalise } from './TreeModel.js';

const DEFAULTS = {
  maxIter: 100,
  learningRate: 0.1,
  maxDepth: 4,
  minSamplesLeaf: 20,
  minChildWeight: 1e-3,
  l2Regularization: 0,
  maxFeatures: 1,
  subsample: 1,
  maxBins: 256,
  nIterNoChange: 10,
  seed: 0,
} as Record<string, number | string | null>;

abstract class GradientBoosting extends TreeModel {
  protected grow(data: TreeTrainingData): Omit<TreeEnsembleState, 'cols'> {
    const h = this.hyperparameters;
    const type = this.type;
    const maxIter = h['maxIter'] as number;
    const lr = h['learningRate'] as number;
    const subsample = h['subsample'] as number;
    checkRange(type, 'maxIter', maxIter, 1, Infinity, true);
    checkRange(type, 'learningRate', lr, Number.MIN_VALUE, 1);
    checkRange(type, 'subsample', subsample, Number.MIN_VALUE, 1);
    checkRange(type, 'nIterNoChange', h['nIterNoChange'] as number, 1, Infinity, true);
    const classifier = this.kind === EstimatorKind.Classifier;
    const { X, y, w, binner, binned, rng, options } = data;
    const n = X.rows;
    let sw = 0;
    let swy = 0;
    for (let i = 0; i < n; i++) {
      sw += w[i]!;
      swy += w[i]! * y[i]!;
    }
    const mean = swy / sw;
    const eps = 1e-15;
    const baseScore = classifier ? Math.log(Math.max(mean, eps) / Math.max(1 - mean, eps)) : mean;
    const raw = new Float64Array(n).fill(baseScore);
    const g = new Float64Array(n);
    const hess = new Float64Array(n);
    const idx = new Uint32Array(n);
    const leafOut = new Float64Array(n);
    const ws = new TreeWorkspace(X.cols, binner.maxBins);
    const config = {
      maxDepth: depthLimit(type, h['maxDepth'] as number | null),
      minSamplesLeaf: h['minSamplesLeaf'] as number,
      minSamplesSplit: 2,
      minChildWeight: h['minChildWeight'] as number,
      l2: h['l2Regularization'] as number,
      minGain: 0,
      featuresPerSplit: featuresPerSplit(type, h['maxFeatures'] as number | string, X.cols),
      shrinkage: lr,
      unitHessian: !classifier && w.every((v) => v === 1),
    };
    const validation = options?.validation;
    const vRaw = validation === undefined ? null : new Float64Array(validation.X.rows).fill(baseScore);
    const patience = h['nIterNoChange'] as number;
    let bestLoss = Infinity;
    let bestIter = 0;
    const trees: TreeNodes[] = [];
    const gains = new Float64Array(X.cols);
    const gainsPerTree: Float64Array[] = [];
    for (let it = 0; it < maxIter; it++) {
      for (let i = 0; i < n; i++) {
        if (classifier) {
          const p = sigmoid(raw[i]!);
          g[i] = w[i]! * (p - y[i]!);
          hess[i] = w[i]! * Math.max(p * (1 - p), 1e-16);
        } else {
          g[i] = w[i]! * (raw[i]! - y[i]!);
          hess[i] = w[i]!;
        }
      }
      let count = 0;
      for (let i = 0; i < n; i++) if (w[i]! > 0 && (subsample >= 1 || rng.next() < subsample)) idx[count++] = i;
      leafOut.fill(0);
      const grown = growTree(binned, binner, X.cols, g, hess, idx, count, config, rng, ws, leafOut);
      // Every sampled row's leaf is known from the growth; rows left out of a subsample are traversed.
      if (subsample >= 1) for (let i = 0; i < n; i++) raw[i]! += leafOut[i]!;
      else addTreePrediction(grown.tree, X, raw);
      trees.push(grown.tree);
      gainsPerTree.push(grown.gainByFeature);
      if (validation !== undefined && vRaw !== null) {
        addTreePrediction(grown.tree, validation.X, vRaw);
        const loss = validationLoss(vRaw, validation.y, validation.sampleWeight, classifier);
        if (loss < bestLoss - 1e-12 * Math.abs(bestLoss)) {
          bestLoss = loss;
          bestIter = it + 1;
        } else if (it + 1 - bestIter >= patience) break;
      }
    }
    const kept = validation === undefined ? trees.length : Math.max(1, bestIter);
    for (let t = 0; t < kept; t++) for (let j = 0; j < gains.length; j++) gains[j]! += gainsPerTree[t]![j]!;
    return { baseScore, scale: 1, link: classifier ? 'logit' : 'identity', trees: trees.slice(0, kept), importances: normalise(gains), iterations: kept };
  }
}

function validationLoss(raw: Float64Array, y: Float64Array, w: Float64Array | undefined, classifier: boolean): number {
  let s = 0;
  let sw = 0;
  for (let i = 0; i < raw.length; i++) {
    const wi = w === undefined ? 1 : w[i]!;
    const z = raw[i]!;
    s += wi * (classifier ? Math.max(z, 0) - z * y[i]! + Math.log1p(Math.exp(-Math.abs(z))) : (z - y[i]!) ** 2);
    sw += wi;
  }
  return s / sw;
}

/**
 * Gradient boosting regressor (squared error). Hyperparameters: `maxIter` (100 rounds),
 * `learningRate` (0.1), `maxDepth` (4), `minSamplesLeaf` (20), `minChildWeight` (1e-3),
 * `l2Regularization` (0), `maxFeatures` (1), `subsample` (1), `maxBins` (256), `nIterNoChange`
 * (10; early stopping only when `fit` gets a validation set), `seed`.
 *
 * @example
 * const gbm = new GradientBoostingRegressor({ maxIter: 200, maxDepth: 4 });
 * gbm.fit(X, y, { validation: { X: Xv, y: yv } });
 */
export class GradientBoostingRegressor extends GradientBoosting {
  static readonly typeName = 'GradientBoostingRegressor';
  readonly type = GradientBoostingRegressor.typeName;

  constructor(hyperparameters?: Hyperparameters) {
    super(GradientBoostingRegressor.typeName, EstimatorKind.Regressor, DEFAULTS, hyperparameters);
  }

  static fromJSON(json: EstimatorJson): GradientBoostingRegressor {
    return new GradientBoostingRegressor(json.hyperparameters).restore(json);
  }
}

/**
 * Gradient boosting classifier for classes 0/1 (log loss; `predictProba` = σ(raw score)). Same
 * hyperparameters as {@link GradientBoostingRegressor}.
 *
 * @example
 * const gbm = new GradientBoostingClassifier({ maxIter: 200, learningRate: 0.05 });
 * gbm.fit(X, y01);
 */
export class GradientBoostingClassifier extends GradientBoosting {
  static readonly typeName = 'GradientBoostingClassifier';
  readonly type = GradientBoostingClassifier.typeName;
  declare readonly kind: 'classifier';

  constructor(hyperparameters?: Hyperparameters) {
    super(GradientBoostingClassifier.typeName, EstimatorKind.Classifier, DEFAULTS, hyperparameters);
  }

  static fromJSON(json: EstimatorJson): GradientBoostingClassifier {
    return new GradientBoostingClassifier(json.hyperparameters).restore(json);
  }
}
