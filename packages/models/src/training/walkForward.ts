/**
 * Walk-forward training: for each window, choose hyperparameters by purged CV inside the training
 * window, fit on the whole training window, predict the next window — so every prediction, and
 * every metric computed from them, is out of sample.
 */
import type { Estimator, Hyperparameters } from '../Estimator.js';
import { EstimatorError, isClassifier } from '../Estimator.js';
import { walkForwardSplits } from '../cv/walkForwardSplits.js';
import { averageUniqueness } from '../labels/averageUniqueness.js';
import type { CalibrationBin, ClassificationMetrics, InformationCoefficients, RegressionMetrics } from '../metrics/oosMetrics.js';
import { calibration, classificationMetrics, importanceStability, informationCoefficients, regressionMetrics } from '../metrics/oosMetrics.js';
import type { Dataset } from './Dataset.js';
import { subsetRows } from './Dataset.js';
import type { SearchConfig } from './hyperparameterSearch.js';
import { searchHyperparameters } from './hyperparameterSearch.js';

/** Options of {@link walkForward}. */
export interface WalkForwardConfig {
  /** The estimator to train (its hyperparameters are the defaults the search overrides). */
  readonly estimator: Estimator;
  /** Windows: the dataset's time span is cut into `folds` equal spans; the first `minTrainFolds` only train. */
  readonly windows: {
    readonly folds: number;
    readonly minTrainFolds?: number | undefined;
    /** Rolling window of this many folds (default: expanding). */
    readonly maxTrainFolds?: number | undefined;
    /** Gap between training and test as a fraction of samples (default 0). */
    readonly embargo?: number | undefined;
  };
  /** Inner hyperparameter search (default: none, the estimator's own hyperparameters). */
  readonly search?: SearchConfig;
  /** 'uniqueness' weights samples by average label uniqueness within each training window (default). */
  readonly sampleWeights?: 'uniqueness' | 'none';
  /** Seed of every random draw (windows get `seed + window`). Default 0. */
  readonly seed?: number;
  /** Called after each window (progress). */
  readonly onWindow?: (window: WalkForwardWindow, index: number, total: number) => void;
}

/** Metrics computed on out-of-sample predictions only. */
export interface OosMetrics {
  readonly count: number;
  readonly information: InformationCoefficients;
  readonly classification?: ClassificationMetrics;
  readonly regression?: RegressionMetrics;
}

/** One walk-forward window. */
export interface WalkForwardWindow {
  readonly train: { readonly from: number; readonly to: number; readonly rows: number; readonly firstRow: number; readonly lastRow: number };
  readonly test: { readonly from: number; readonly to: number; readonly rows: number; readonly firstRow: number; readonly lastRow: number };
  readonly hyperparameters: Hyperparameters;
  /** Mean inner-CV loss of the chosen hyperparameters (NaN without a search). */
  readonly innerCvLoss: number;
  readonly configurationsTried: number;
  readonly metrics: OosMetrics;
  readonly featureImportances: Float64Array | null;
  /** The fitted model of this window. */
  readonly model: Estimator;
  readonly seed: number;
}

/** Result of {@link walkForward}. */
export interface WalkForwardResult {
  /** Out-of-sample prediction per dataset row (NaN for rows never in a test window). */
  readonly predictions: Float64Array;
  /** Out-of-sample P(class 1) per row for classifiers (else null). */
  readonly probabilities: Float64Array | null;
  /** Target used per row (0/1 class ids for classifiers, the label otherwise). */
  readonly target: Float64Array;
  readonly windows: readonly WalkForwardWindow[];
  /** Metrics over all out-of-sample rows (stitched). */
  readonly metrics: OosMetrics;
  readonly calibration: readonly CalibrationBin[];
  /** Mean pairwise Spearman correlation of the windows' feature importances. */
  readonly importanceStability: number;
  /** Total model configurations evaluated across windows (the trial count behind the result). */
  readonly configurationsTried: number;
  /** Distinct configurations in the search (1 without a search). */
  readonly distinctConfigurations: number;
  readonly classifier: boolean;
}

/**
 * Runs walk-forward training on a dataset. Classifiers get 0/1 targets (label > 0); regressors the
 * label itself. Training labels are purged so none ends after its test window starts.
 *
 * @throws {EstimatorError} when no window has training and test rows.
 * @example
 * const wf = await walkForward(data, {
 *   estimator: new GradientBoostingClassifier({ maxIter: 100 }),
 *   windows: { folds: 8, minTrainFolds: 3 },
 *   search: { space: { maxDepth: [2, 3, 4], learningRate: [0.05, 0.1] } },
 * });
 * wf.metrics.classification?.auc; // out of sample
 */
export async function walkForward(data: Dataset, config: WalkForwardConfig): Promise<WalkForwardResult> {
  const { estimator } = config;
  const classifier = isClassifier(estimator);
  const n = data.X.rows;
  const target = classifier ? data.y.map((v) => (v > 0 ? 1 : 0)) : data.y.slice();
  const predictions = new Float64Array(n).fill(NaN);
  const probabilities = classifier ? new Float64Array(n).fill(NaN) : null;
  const splits = walkForwardSplits(
    { start: data.start, end: data.end },
    { folds: config.windows.folds, minTrainFolds: config.windows.minTrainFolds ?? 1, maxTrainFolds: config.windows.maxTrainFolds, embargo: config.windows.embargo, splitByTime: true },
  ).filter((s) => s.train.length > 0 && s.test.length > 0);
  if (splits.length === 0) throw new EstimatorError(`walk-forward produced no window with both training and test rows (${n} rows, ${config.windows.folds} folds)`);
  const seed0 = config.seed ?? 0;
  const windows: WalkForwardWindow[] = [];
  let tried = 0;
  let distinct = 1;
  for (let k = 0; k < splits.length; k++) {
    const { train, test } = splits[k]!;
    const seed = seed0 + k;
    const tr = subsetRows(data, train);
    const te = subsetRows(data, test);
    const yTr = Float64Array.from(train, (i) => target[i]!);
    const w = config.sampleWeights === 'none' ? undefined : averageUniqueness(tr.start, tr.end, tr.symbol);
    let hyper: Hyperparameters = {};
    let innerLoss = NaN;
    let windowTried = 1;
    if (config.search !== undefined) {
      const res = await searchHyperparameters(estimator, tr, yTr, w, config.search, seed);
      hyper = res.best;
      innerLoss = res.bestScore;
      windowTried = res.tried;
      distinct = res.tried;
    }
    tried += windowTried;
    const model = estimator.withHyperparameters(hyper);
    await model.fit(tr.X, yTr, { sampleWeight: w, seed, events: { start: tr.start, end: tr.end } });
    const pred = model.predict(te.X);
    const proba = isClassifier(model) ? model.predictProba(te.X) : null;
    test.forEach((i, r) => {
      predictions[i] = pred[r]!;
      if (probabilities !== null && proba !== null) probabilities[i] = proba[r]!;
    });
    const window: WalkForwardWindow = {
      train: { from: data.start[train[0]!]!, to: data.start[train[train.length - 1]!]!, rows: train.length, firstRow: train[0]!, lastRow: train[train.length - 1]! },
      test: { from: data.start[test[0]!]!, to: data.start[test[test.length - 1]!]!, rows: test.length, firstRow: test[0]!, lastRow: test[test.length - 1]! },
      hyperparameters: { ...model.hyperparameters },
      innerCvLoss: innerLoss,
      configurationsTried: windowTried,
      metrics: oosMetrics(te, Float64Array.from(test, (i) => target[i]!), pred, proba),
      featureImportances: typeof model.featureImportances === 'function' ? model.featureImportances() : null,
      model,
      seed,
    };
    windows.push(window);
    config.onWindow?.(window, k, splits.length);
  }
  const oos: number[] = [];
  for (let i = 0; i < n; i++) if (!Number.isNaN(predictions[i]!)) oos.push(i);
  const all = subsetRows(data, oos);
  const oosTarget = Float64Array.from(oos, (i) => target[i]!);
  const oosPred = Float64Array.from(oos, (i) => predictions[i]!);
  const oosProba = probabilities === null ? null : Float64Array.from(oos, (i) => probabilities[i]!);
  const importances = windows.map((w) => w.featureImportances).filter((v): v is Float64Array => v !== null);
  return {
    predictions,
    probabilities,
    target,
    windows,
    metrics: oosMetrics(all, oosTarget, oosPred, oosProba),
    calibration: oosProba === null ? [] : calibration(oosProba, oosTarget),
    importanceStability: importanceStability(importances),
    configurationsTried: tried,
    distinctConfigurations: distinct,
    classifier,
  };
}

function oosMetrics(rows: Dataset, target: Float64Array, pred: Float64Array, proba: Float64Array | null): OosMetrics {
  const score = proba ?? pred;
  const information = informationCoefficients(score, rows.realizedReturn, rows.start);
  return proba !== null
    ? { count: target.length, information, classification: classificationMetrics(proba, target) }
    : { count: target.length, information, regression: regressionMetrics(pred, target) };
}
