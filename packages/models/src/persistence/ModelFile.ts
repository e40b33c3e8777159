/**
 * Model files: a fitted estimator with everything needed to say which model made which prediction
 * and to refuse data it was not trained on — format and library versions, estimator and
 * hyperparameters, feature and label definitions, training window, SHA-256 of the training data,
 * seed and out-of-sample metrics.
 */
import { createHash } from 'node:crypto';
import { VERSION } from '@qt-backtest/core';
import type { Estimator, EstimatorJson, FeatureMatrix } from '../Estimator.js';
import { EstimatorError } from '../Estimator.js';
import { loadEstimator } from '../estimatorRegistry.js';
import type { LabelDefinition } from '../labels/Labels.js';

/** Current model file format version. */
export const MODEL_FORMAT_VERSION = 1;
const FORMAT = 'qt-backtest-model';

/** A model file's content (plain JSON). */
export interface ModelFile {
  readonly format: typeof FORMAT;
  readonly formatVersion: number;
  readonly library: { readonly name: '@qt-backtest/models'; readonly version: string };
  readonly estimator: EstimatorJson;
  /** Feature names in column order, and optional definitions (e.g. pipeline parameters). */
  readonly features: { readonly names: readonly string[]; readonly definitions?: Readonly<Record<string, unknown>> };
  readonly label: LabelDefinition | null;
  /** Training window: first and last event start (epoch ms or bar units) and row count. */
  readonly trainingWindow: { readonly from: number; readonly to: number; readonly rows: number };
  /** SHA-256 (hex) of the training features and targets (see {@link hashTrainingData}). */
  readonly dataSha256: string;
  readonly seed: number;
  /** Out-of-sample metrics of this model (plain JSON), or null. */
  readonly oosMetrics: unknown;
}

/** Bad or mismatched model files. */
export class ModelFileError extends EstimatorError {}

/** SHA-256 of a training matrix and target: shape, then the little-endian float64 bytes. */
export function hashTrainingData(X: FeatureMatrix, y: Float64Array): string {
  const h = createHash('sha256');
  h.update(`${X.rows}x${X.cols};`);
  h.update(new Uint8Array(X.data.buffer, X.data.byteOffset, X.data.byteLength));
  h.update(new Uint8Array(y.buffer, y.byteOffset, y.byteLength));
  return h.digest('hex');
}

/** What {@link modelFile} needs beyond the fitted estimator. */
export interface ModelFileInit {
  readonly featureNames: readonly string[];
  readonly featureDefinitions?: Readonly<Record<string, unknown>>;
  readonly label: LabelDefinition | null;
  readonly trainingWindow: { readonly from: number; readonly to: number; readonly rows: number };
  readonly dataSha256: string;
  readonly seed: number;
  readonly oosMetrics?: unknown;
}

/**
 * The model file of a fitted estimator.
 *
 * @throws {ModelFileError} when the estimator is not fitted.
 * @example
 * const file = modelFile(model, { featureNames, label, trainingWindow, dataSha256: hashTrainingData(X, y), seed: 7 });
 * writeFileSync('model.json', JSON.stringify(file));
 */
export function modelFile(estimator: Estimator, init: ModelFileInit): ModelFile {
  if (!estimator.fitted) throw new ModelFileError(`cannot save an unfitted ${estimator.type}`);
  return {
    format: FORMAT,
    formatVersion: MODEL_FORMAT_VERSION,
    library: { name: '@qt-backtest/models', version: VERSION },
    estimator: JSON.parse(JSON.stringify(estimator.toJSON())) as EstimatorJson,
    features: { names: init.featureNames.slice(), ...(init.featureDefinitions === undefined ? {} : { definitions: init.featureDefinitions }) },
    label: init.label,
    trainingWindow: init.trainingWindow,
    dataSha256: init.dataSha256,
    seed: init.seed,
    oosMetrics: init.oosMetrics === undefined ? null : JSON.parse(JSON.stringify(init.oosMetrics, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v))),
  };
}

/** A loaded model: the estimator and its file. */
export interface LoadedModel {
  readonly estimator: Estimator;
  readonly file: ModelFile;
  /**
   * Predicts on data whose columns are named `featureNames`, checking they match the training features.
   *
   * @throws {ModelFileError} naming missing, unexpected or reordered features.
   */
  predict(X: FeatureMatrix, featureNames: readonly string[]): Float64Array;
}

/**
 * Loads a model file (parsed JSON or its text) for any registered estimator type.
 *
 * @throws {ModelFileError} for another format, a newer format version or a malformed file.
 * @example
 * const { predict } = loadModel(readFileSync('model.json', 'utf8'));
 * predict(X, ['mom20', 'vol20']);
 */
export function loadModel(source: string | ModelFile, origin = 'model file'): LoadedModel {
  let file: ModelFile;
  try {
    file = (typeof source === 'string' ? JSON.parse(source) : source) as ModelFile;
  } catch (e) {
    throw new ModelFileError(`${origin}: not JSON (${(e as Error).message})`);
  }
  if (file === null || typeof file !== 'object' || file.format !== FORMAT) throw new ModelFileError(`${origin}: not a qt-backtest model file (format ${JSON.stringify((file as { format?: unknown } | null)?.format)})`);
  if (!(file.formatVersion >= 1 && file.formatVersion <= MODEL_FORMAT_VERSION)) {
    throw new ModelFileError(`${origin}: format version ${file.formatVersion} is not supported by this library (reads 1–${MODEL_FORMAT_VERSION}); upgrade @qt-backtest/models`);
  }
  if (!Array.isArray(file.features?.names)) throw new ModelFileError(`${origin}: features.names is missing`);
  const estimator = loadEstimator(file.estimator);
  return {
    estimator,
    file,
    predict(X: FeatureMatrix, featureNames: readonly string[]): Float64Array {
      checkFeatures(file.features.names, featureNames, origin);
      return estimator.predict(X);
    },
  };
}

/**
 * Checks data feature names against a model's.
 *
 * @throws {ModelFileError} naming what is missing, unexpected or out of order.
 */
export function checkFeatures(trained: readonly string[], given: readonly string[], origin = 'model'): void {
  if (trained.length === given.length && trained.every((n, i) => n === given[i])) return;
  const missing = trained.filter((n) => !given.includes(n));
  const extra = given.filter((n) => !trained.includes(n));
  const parts = [];
  if (missing.length > 0) parts.push(`missing ${missing.join(', ')}`);
  if (extra.length > 0) parts.push(`unexpected ${extra.join(', ')}`);
  if (parts.length === 0) parts.push('same names in another order');
  throw new ModelFileError(`${origin} was trained on features [${trained.join(', ')}] but the data has [${given.join(', ')}]: ${parts.join('; ')}`);
}
