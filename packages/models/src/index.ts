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
export { createEstimator, loadEstimator, registerEstimator, registeredEstimators } from './estimatorRegistry.js';

// Splitters
export type { EventTimes, Split } from './cv/eventTimes.js';
export { purgedKFold } from './cv/purgedKFold.js';
export type { PurgedKFoldConfig } from './cv/purgedKFold.js';
export type { CombinatorialPurgedCV, CombinatorialPurgedCVConfig, CombinatorialSplit } from './cv/combinatorialPurgedCV.js';
export { FoldLayout, backtestPaths, combinatorialPurgedCV } from './cv/combinatorialPurgedCV.js';
export type { WalkForwardSplitConfig } from './cv/walkForwardSplits.js';
export { walkForwardSplits } from './cv/walkForwardSplits.js';

// Estimators
export { LinearRegression, Ridge } from './estimators/Ridge.js';
export type { RidgeHyperparameters } from './estimators/Ridge.js';
export { ElasticNet, Lasso } from './estimators/ElasticNet.js';
export type { ElasticNetHyperparameters } from './estimators/ElasticNet.js';
export { LogisticRegression } from './estimators/LogisticRegression.js';
export type { LogisticRegressionHyperparameters } from './estimators/LogisticRegression.js';
export type { StackingMembers } from './estimators/Stacking.js';
export { StackingClassifier, StackingRegressor } from './estimators/Stacking.js';
export { FeatureBinner } from './trees/FeatureBinner.js';
export { TreeModel } from './trees/TreeModel.js';
export { DecisionTreeClassifier, DecisionTreeRegressor } from './trees/DecisionTree.js';
export { RandomForestClassifier, RandomForestRegressor } from './trees/RandomForest.js';
export { GradientBoostingClassifier, GradientBoostingRegressor } from './trees/GradientBoosting.js';

// Labels
export type { LabelDefinition, Labels } from './labels/Labels.js';
export { Barrier } from './labels/Labels.js';
export type { ForwardReturnConfig } from './labels/forwardReturnLabels.js';
export { forwardReturnLabels } from './labels/forwardReturnLabels.js';
export type { TripleBarrierConfig } from './labels/tripleBarrierLabels.js';
export { tripleBarrierLabels } from './labels/tripleBarrierLabels.js';
export { metaLabels } from './labels/metaLabels.js';
export { averageUniqueness } from './labels/averageUniqueness.js';

// Datasets, search, walk-forward
export type { BuildDatasetConfig, Dataset, FeatureColumnsLike } from './training/Dataset.js';
export { buildDataset, subsetRows } from './training/Dataset.js';
export type { SearchConfig, SearchResult, SearchSpace } from './training/hyperparameterSearch.js';
export { candidates, searchHyperparameters } from './training/hyperparameterSearch.js';
export type { OosMetrics, WalkForwardConfig, WalkForwardResult, WalkForwardWindow } from './training/walkForward.js';
export { walkForward } from './training/walkForward.js';

// Metrics
export type { CalibrationBin, ClassificationMetrics, InformationCoefficients, RegressionMetrics } from './metrics/oosMetrics.js';
export { calibration, classificationMetrics, importanceStability, informationCoefficients, pearson, regressionMetrics, rocAuc, spearman } from './metrics/oosMetrics.js';

// Model files and drift
export type { LoadedModel, ModelFileInit } from './persistence/ModelFile.js';
export type { ModelFile } from './persistence/ModelFile.js';
export { MODEL_FORMAT_VERSION, ModelFileError, checkFeatures, hashTrainingData, loadModel, modelFile } from './persistence/ModelFile.js';
export type { FeatureDrift } from './drift/featureDrift.js';
export { featureDrift, ksStatistic, populationStabilityIndex } from './drift/featureDrift.js';

// Predictions as an alpha
export type { PredictionAlphaConfig } from './alpha/PredictionAlpha.js';
export { PredictionAlpha, predictionFeatures } from './alpha/PredictionAlpha.js';
