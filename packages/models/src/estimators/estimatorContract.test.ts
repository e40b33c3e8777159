import { SeededRandom } from '@qt-backtest/core';
import type { Estimator, EstimatorClass, FeatureMatrix } from '../Estimator.js';
import { testEstimatorContract } from '../testing/testEstimatorContract.js';
import { DecisionTreeClassifier, DecisionTreeRegressor } from '../trees/DecisionTree.js';
import { GradientBoostingClassifier, GradientBoostingRegressor } from '../trees/GradientBoosting.js';
import { RandomForestClassifier, RandomForestRegressor } from '../trees/RandomForest.js';
import { ElasticNet, Lasso } from './ElasticNet.js';
import { LogisticRegression } from './LogisticRegression.js';
import { LinearRegression, Ridge } from './Ridge.js';
import { StackingClassifier, StackingRegressor } from './Stacking.js';
// The registry module registers the built-in types that stacking's fromJSON rebuilds its members with.
import '../estimatorRegistry.js';

const rng = new SeededRandom(21);
const matrix = (rows: number, cols: number): FeatureMatrix => ({ data: Float64Array.from({ length: rows * cols }, () => rng.next() - 0.5), rows, cols });
const X = matrix(120, 3);
const y = Float64Array.from({ length: 120 }, (_, i) => X.data[i * 3]! * 2 - X.data[i * 3 + 1]! + 0.1 * (rng.next() - 0.5));
const y01 = y.map((v) => (v > 0 ? 1 : 0));
const Xnew = matrix(15, 3);
const Xwrong = matrix(15, 2);

const cases: Array<[EstimatorClass, () => Estimator, Float64Array]> = [
  [LinearRegression, () => new LinearRegression(), y],
  [Ridge, () => new Ridge({ alpha: 0.5 }), y],
  [Lasso, () => new Lasso({ alpha: 0.01 }), y],
  [ElasticNet, () => new ElasticNet({ alpha: 0.01, l1Ratio: 0.5 }), y],
  [LogisticRegression, () => new LogisticRegression({ C: 2 }), y01],
  [DecisionTreeRegressor, () => new DecisionTreeRegressor({ maxDepth: 4 }), y],
  [DecisionTreeClassifier, () => new DecisionTreeClassifier({ maxDepth: 4 }), y01],
  [RandomForestRegressor, () => new RandomForestRegressor({ nEstimators: 5 }), y],
  [RandomForestClassifier, () => new RandomForestClassifier({ nEstimators: 5 }), y01],
  [GradientBoostingRegressor, () => new GradientBoostingRegressor({ maxIter: 10, subsample: 0.8 }), y],
  [GradientBoostingClassifier, () => new GradientBoostingClassifier({ maxIter: 10 }), y01],
  [StackingRegressor, () => new StackingRegressor({ folds: 3 }, { estimators: [new Ridge(), new DecisionTreeRegressor({ maxDepth: 3 })], final: new LinearRegression() }), y],
  [StackingClassifier, () => new StackingClassifier({ folds: 3 }, { estimators: [new LogisticRegression(), new RandomForestClassifier({ nEstimators: 3 })], final: new LogisticRegression() }), y01],
];
for (const [cls, create, target] of cases) testEstimatorContract({ cls, create, X, y: target, Xnew, Xwrong });
