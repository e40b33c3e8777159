/**
 * The registry that maps an estimator JSON's `type` to its class, so one `loadEstimator` rebuilds
 * any saved model — the built-in estimators are always registered; other entry points (neural
 * networks) and users register their own classes.
 */
import type { Estimator, EstimatorClass, EstimatorInput, EstimatorJson, Hyperparameters } from './Estimator.js';
import { EstimatorError } from './Estimator.js';
import { estimatorTypes } from './estimatorTypes.js';
import { StackingClassifier, StackingRegressor } from './estimators/Stacking.js';
import { ElasticNet, Lasso } from './estimators/ElasticNet.js';
import { LogisticRegression } from './estimators/LogisticRegression.js';
import { LinearRegression, Ridge } from './estimators/Ridge.js';
import { DecisionTreeClassifier, DecisionTreeRegressor } from './trees/DecisionTree.js';
import { GradientBoostingClassifier, GradientBoostingRegressor } from './trees/GradientBoosting.js';
import { RandomForestClassifier, RandomForestRegressor } from './trees/RandomForest.js';

type AnyEstimatorClass = EstimatorClass<EstimatorInput, Estimator<EstimatorInput>>;

const BUILT_IN = [
  LinearRegression,
  Ridge,
  Lasso,
  ElasticNet,
  LogisticRegression,
  DecisionTreeRegressor,
  DecisionTreeClassifier,
  RandomForestRegressor,
  RandomForestClassifier,
  GradientBoostingRegressor,
  GradientBoostingClassifier,
] as unknown as AnyEstimatorClass[];

const registry = estimatorTypes;
for (const cls of BUILT_IN) registry.set(cls.typeName, cls);
registry.set(StackingRegressor.typeName, StackingRegressor as unknown as AnyEstimatorClass);
registry.set(StackingClassifier.typeName, StackingClassifier as unknown as AnyEstimatorClass);

/**
 * Makes `loadEstimator` able to rebuild estimators of this class.
 *
 * @throws {EstimatorError} when a different class is already registered under the same type name.
 * @example
 * registerEstimator(MyEstimator);
 */
export function registerEstimator<X extends EstimatorInput, E extends Estimator<X>>(cls: EstimatorClass<X, E>): void {
  const existing = registry.get(cls.typeName);
  if (existing !== undefined && existing !== (cls as unknown)) {
    throw new EstimatorError(`estimator type "${cls.typeName}" is already registered by another class`);
  }
  registry.set(cls.typeName, cls as unknown as EstimatorClass<EstimatorInput, Estimator<EstimatorInput>>);
}

/**
 * Rebuilds an estimator from its JSON (see `Estimator.toJSON`).
 *
 * @throws {EstimatorError} for an unknown type (naming the registered ones).
 * @example
 * const model = loadEstimator(JSON.parse(text));
 */
export function loadEstimator<X extends EstimatorInput = EstimatorInput>(json: EstimatorJson): Estimator<X> {
  if (json === null || typeof json !== 'object' || typeof json.type !== 'string') {
    throw new EstimatorError(`estimator JSON needs a string "type", got ${JSON.stringify(json)?.slice(0, 80)}`);
  }
  const cls = registry.get(json.type);
  if (cls === undefined) {
    throw new EstimatorError(`unknown estimator type "${json.type}"; registered: ${[...registry.keys()].sort().join(', ') || 'none'}`);
  }
  return cls.fromJSON(json) as unknown as Estimator<X>;
}

/** Type names currently registered, sorted. */
export function registeredEstimators(): string[] {
  return [...registry.keys()].sort();
}

/**
 * A new, unfitted estimator of a registered type.
 *
 * @throws {EstimatorError} for an unknown type (naming the registered ones) or bad hyperparameters.
 * @example
 * createEstimator('GradientBoostingClassifier', { maxIter: 200 });
 */
export function createEstimator(type: string, hyperparameters: Hyperparameters = {}): Estimator {
  const cls = registry.get(type);
  if (cls === undefined) throw new EstimatorError(`unknown estimator type "${type}"; registered: ${[...registry.keys()].sort().join(', ')}`);
  return new cls(hyperparameters) as unknown as Estimator;
}
