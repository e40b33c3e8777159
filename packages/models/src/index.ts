/**
 * `@qt-backtest/models`: labels, purged and combinatorial cross-validation, walk-forward training,
 * estimators on typed arrays and model persistence — every reported metric out of sample.
 *
 * @packageDocumentation
 */

// Estimator interface
export type {
  Classifier,
  Estimator,
  EstimatorClass,
  EstimatorInput,
  EstimatorJson,
  FeatureMatrix,
  FitOptions,
  HyperparameterValue,
  Hyperparameters,
  SequenceTensor,
  ValidationSet,
} from './Estimator.js';
export { EstimatorError, EstimatorKind, featureMatrix, isClassifier } from './Estimator.js';
export { loadEstimator, registerEstimator, registeredEstimators } from './estimatorRegistry.js';
