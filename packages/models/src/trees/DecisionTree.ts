/**
 * CART decision trees (least squares for regression; for 0/1 classes the same split criterion is
 * the Gini decrease) on the shared histogram kernel.
 */
import type { EstimatorJson, Hyperparameters } from '../Estimator.js';
import { EstimatorKind } from '../Estimator.js';
import { growTree, TreeWorkspace } from './growTree.js';
import type { TreeEnsembleState, TreeTrainingData } from './TreeModel.js';
import { TreeModel, depthLimit, featuresPerSplit, normalise } from './TreeModel.js';

const DEFAULTS = { maxDepth: null, minSamplesLeaf: 1, minSamplesSplit: 2, maxFeatures: 1, maxBins: 256, seed: 0 } as Record<string, number | string | null>;

/** Grows one CART tree on `g = −w·y`, `h = w` (shared by the tree and the forest). */
export function growCart(type: string, data: TreeTrainingData, h: Record<string, unknown>, rowWeight?: Uint32Array): { tree: ReturnType<typeof growTree>; } {
  const { X, y, w, binner, binned, rng } = data;
  const n = X.rows;
  const g = new Float64Array(n);
  const hess = new Float64Array(n);
  const idx = new Uint32Array(n);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const c = rowWeight === undefined ? 1 : rowWeight[i]!;
    if (c === 0 || w[i] === 0) continue;
    hess[i] = w[i]! * c;
    g[i] = -hess[i]! * y[i]!;
    idx[count++] = i;
  }
  const tree = growTree(
    binned,
    binner,
    X.cols,
    g,
    hess,
    idx,
    count,
    {
      maxDepth: depthLimit(type, h['maxDepth'] as number | null),
      minSamplesLeaf: h['minSamplesLeaf'] as number,
      minSamplesSplit: h['minSamplesSplit'] as number,
      minChildWeight: 0,
      l2: 0,
      minGain: 0,
      featuresPerSplit: featuresPerSplit(type, h['maxFeatures'] as number | string, X.cols),
      shrinkage: 1,
    },
    rng,
    new TreeWorkspace(X.cols, binner.maxBins),
  );
  return { tree };
}

abstract class DecisionTree extends TreeModel {
  protected grow(data: TreeTrainingData): Omit<TreeEnsembleState, 'cols'> {
    const { tree } = growCart(this.type, data, this.hyperparameters);
    return { baseScore: 0, scale: 1, link: 'identity', trees: [tree.tree], importances: normalise(tree.gainByFeature), iterations: 1 };
  }
}

/**
 * A regression tree (scikit-learn's `DecisionTreeRegressor`, squared error): leaves hold weighted
 * means. Hyperparameters: `maxDepth` (null = unlimited), `minSamplesLeaf`, `minSamplesSplit`,
 * `maxFeatures`, `maxBins` (≤ 256; features with fewer distinct values split exactly), `seed`.
 *
 * @example
 * const tree = new DecisionTreeRegressor({ maxDepth: 3 });
 * tree.fit(X, y);
 */
export class DecisionTreeRegressor extends DecisionTree {
  static readonly typeName = 'DecisionTreeRegressor';
  readonly type = DecisionTreeRegressor.typeName;

  constructor(hyperparameters?: Hyperparameters) {
    super(DecisionTreeRegressor.typeName, EstimatorKind.Regressor, DEFAULTS, hyperparameters);
  }

  static fromJSON(json: EstimatorJson): DecisionTreeRegressor {
    return new DecisionTreeRegressor(json.hyperparameters).restore(json);
  }
}

/**
 * A classification tree for classes 0/1 (Gini criterion; leaves hold the class-1 share, which is
 * `predictProba`). Same hyperparameters as {@link DecisionTreeRegressor}.
 *
 * @example
 * const tree = new DecisionTreeClassifier({ maxDepth: 4 });
 * tree.fit(X, y01);
 * tree.predictProba(X);
 */
export class DecisionTreeClassifier extends DecisionTree {
  static readonly typeName = 'DecisionTreeClassifier';
  readonly type = DecisionTreeClassifier.typeName;
  declare readonly kind: 'classifier';

  constructor(hyperparameters?: Hyperparameters) {
    super(DecisionTreeClassifier.typeName, EstimatorKind.Classifier, DEFAULTS, hyperparameters);
  }

  static fromJSON(json: EstimatorJson): DecisionTreeClassifier {
    return new DecisionTreeClassifier(json.hyperparameters).restore(json);
  }
}
