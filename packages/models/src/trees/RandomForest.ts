/**
 * Random forests: bootstrapped CART trees on random feature subsets, averaged (scikit-learn's
 * `RandomForestRegressor` / `RandomForestClassifier`, probabilities averaged over trees).
 */
import type { EstimatorJson, Hyperparameters } from '../Estimator.js';
import { EstimatorKind } from '../Estimator.js';
import { growCart } from './DecisionTree.js';
import type { TreeNodes } from './TreeNodes.js';
import type { TreeEnsembleState, TreeTrainingData } from './TreeModel.js';
import { TreeModel, normalise } from './TreeModel.js';
import { checkRange } from '../estimators/hyperparameters.js';

const BASE = { nEstimators: 100, maxDepth: null, minSamplesLeaf: 1, minSamplesSplit: 2, bootstrap: true, maxBins: 256, seed: 0 };

abstract class RandomForest extends TreeModel {
  protected grow(data: TreeTrainingData): Omit<TreeEnsembleState, 'cols'> {
    const h = this.hyperparameters;
    const nTrees = h['nEstimators'] as number;
    checkRange(this.type, 'nEstimators', nTrees, 1, Infinity, true);
    const n = data.X.rows;
    const trees: TreeNodes[] = [];
    const gains = new Float64Array(data.X.cols);
    const counts = new Uint32Array(n);
    for (let t = 0; t < nTrees; t++) {
      counts.fill(h['bootstrap'] === true ? 0 : 1);
      if (h['bootstrap'] === true) for (let k = 0; k < n; k++) counts[data.rng.int(n)]!++;
      const { tree } = growCart(this.type, data, h, counts);
      trees.push(tree.tree);
      // sklearn averages per-tree normalised importances.
      const g = normalise(tree.gainByFeature);
      for (let j = 0; j < g.length; j++) gains[j]! += g[j]!;
    }
    return { baseScore: 0, scale: 1 / nTrees, link: 'identity', trees, importances: normalise(gains), iterations: nTrees };
  }
}

/**
 * Random forest regressor. Hyperparameters: `nEstimators` (100), `maxDepth` (null), `minSamplesLeaf`
 * (1), `minSamplesSplit` (2), `maxFeatures` (1 = all, like scikit-learn ≥ 1.1), `bootstrap` (true),
 * `maxBins` (256), `seed`.
 *
 * @example
 * const rf = new RandomForestRegressor({ nEstimators: 200, minSamplesLeaf: 5, seed: 1 });
 * rf.fit(X, y);
 */
export class RandomForestRegressor extends RandomForest {
  static readonly typeName = 'RandomForestRegressor';
  readonly type = RandomForestRegressor.typeName;

  constructor(hyperparameters?: Hyperparameters) {
    super(RandomForestRegressor.typeName, EstimatorKind.Regressor, { ...BASE, maxFeatures: 1 }, hyperparameters);
  }

  static fromJSON(json: EstimatorJson): RandomForestRegressor {
    return new RandomForestRegressor(json.hyperparameters).restore(json);
  }
}

/**
 * Random forest classifier for classes 0/1 (`maxFeatures` default 'sqrt'); `predictProba` is the
 * mean of the trees' leaf class-1 shares.
 *
 * @example
 * const rf = new RandomForestClassifier({ nEstimators: 100, seed: 7 });
 * rf.fit(X, y01);
 */
export class RandomForestClassifier extends RandomForest {
  static readonly typeName = 'RandomForestClassifier';
  readonly type = RandomForestClassifier.typeName;
  declare readonly kind: 'classifier';

  constructor(hyperparameters?: Hyperparameters) {
    super(RandomForestClassifier.typeName, EstimatorKind.Classifier, { ...BASE, maxFeatures: 'sqrt' }, hyperparameters);
  }

  static fromJSON(json: EstimatorJson): RandomForestClassifier {
    return new RandomForestClassifier(json.hyperparameters).restore(json);
  }
}
