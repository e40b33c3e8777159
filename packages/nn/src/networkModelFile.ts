/**
 * Network model files: a JSON document (format version, library version, estimator type and
 * hyperparameters, the feature and label definitions, training window, data hash, seed and
 * out-of-sample metrics) with the float32 weights in a binary file beside it, checked by SHA-256.
 */
import { createHash } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { VERSION } from '@qt-backtest/core';
import { EstimatorError } from '@qt-backtest/models';
import type { NetworkState } from './NetworkEstimator.js';
import { NetworkClassifier, NetworkRegressor } from './NetworkEstimator.js';
import type { BackendPreference } from './tensorflowBackend.js';
import { useTensorFlowBackend } from './tensorflowBackend.js';

/** The `format` field of every network model file. */
export const NETWORK_MODEL_FORMAT = 'qt-backtest/network-model';
/** The current layout version of network model files. */
export const NETWORK_MODEL_FORMAT_VERSION = 1;

/** What a model file records beside the network (all optional, all plain JSON). */
export interface NetworkModelInfo {
  /** Feature names in input column order; loading against other features is an error. */
  readonly features?: readonly string[];
  /** The label definition (e.g. `{ kind: 'forwardReturn', horizon: 5 }`). */
  readonly label?: unknown;
  /** First and last training sample times (epoch ms). */
  readonly trainingWindow?: { readonly start: number; readonly end: number };
  /** SHA-256 of the training data. */
  readonly dataSha256?: string;
  /** Out-of-sample metrics by name. */
  readonly metrics?: Readonly<Record<string, number>>;
}

/** A network model file's JSON document. */
export interface NetworkModelDocument extends NetworkModelInfo {
  readonly format: typeof NETWORK_MODEL_FORMAT;
  readonly formatVersion: number;
  readonly libraryVersion: string;
  readonly estimator: {
    readonly type: string;
    readonly version: number;
    readonly hyperparameters: Readonly<Record<string, unknown>>;
    readonly state: Omit<NetworkState, 'weights'>;
  };
  readonly seed: number;
  /** File name of the weights (beside the JSON), its SHA-256 and float32 count. */
  readonly weightsFile: string;
  readonly weightsSha256: string;
  readonly weightCount: number;
}

/**
 * Writes `path` (JSON) and `<path without .json>.weights.bin` (little-endian float32), each
 * through a temporary file and a rename, so a crash never leaves a half-written model.
 *
 * @returns the two paths written.
 * @throws {EstimatorError} when the estimator is not fitted.
 * @example
 * await saveNetworkModel(lstm, 'models/lstm.json', { features: ['ret1', 'ret5', 'vol20'] });
 */
export async function saveNetworkModel(
  estimator: NetworkRegressor | NetworkClassifier,
  path: string,
  info: NetworkModelInfo = {},
): Promise<{ readonly json: string; readonly weights: string }> {
  const json = estimator.toJSON();
  const state = json.state as NetworkState | null;
  if (state === null) throw new EstimatorError(`saveNetworkModel: "${path}": the estimator is not fitted`);
  const { data } = estimator.weights();
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const weightsPath = join(dirname(path), `${basename(path).replace(/\.json$/i, '')}.weights.bin`);
  const { weights: _inline, ...stateWithoutWeights } = state;
  const seed = typeof json.hyperparameters['seed'] === 'number' ? json.hyperparameters['seed'] : 0;
  const doc: NetworkModelDocument = {
    format: NETWORK_MODEL_FORMAT,
    formatVersion: NETWORK_MODEL_FORMAT_VERSION,
    libraryVersion: VERSION,
    ...info,
    estimator: { type: json.type, version: json.version, hyperparameters: json.hyperparameters, state: stateWithoutWeights },
    seed,
    weightsFile: basename(weightsPath),
    weightsSha256: createHash('sha256').update(bytes).digest('hex'),
    weightCount: data.length,
  };
  const tag = `.tmp-${process.pid}-${Date.now()}`;
  try {
    await writeFile(weightsPath + tag, bytes);
    await writeFile(path + tag, `${JSON.stringify(doc, null, 2)}\n`);
    await rename(weightsPath + tag, weightsPath);
    await rename(path + tag, path);
  } catch (error) {
    await rm(weightsPath + tag, { force: true });
    await rm(path + tag, { force: true });
    throw error;
  }
  return { json: path, weights: weightsPath };
}

/** Options of {@link loadNetworkModel}. */
export interface LoadNetworkModelOptions {
  /** The features the caller will predict on, in column order; must equal the file's. */
  readonly features?: readonly string[];
  /** Backend to initialise before rebuilding the network (default `auto`). */
  readonly backend?: BackendPreference;
}

/**
 * Reads a model written by {@link saveNetworkModel}: checks the format, the weights' SHA-256 and
 * size, and (when given) that the caller's features equal the model's, then rebuilds the network.
 *
 * @throws {EstimatorError} naming the file and what does not match.
 * @example
 * const { estimator, document } = await loadNetworkModel('models/lstm.json', { features });
 */
export async function loadNetworkModel(
  path: string,
  options: LoadNetworkModelOptions = {},
): Promise<{ readonly estimator: NetworkRegressor | NetworkClassifier; readonly document: NetworkModelDocument }> {
  let doc: NetworkModelDocument;
  try {
    doc = JSON.parse(await readFile(path, 'utf8')) as NetworkModelDocument;
  } catch (error) {
    throw new EstimatorError(`"${path}": cannot read the model file: ${(error as Error).message}`);
  }
  if (doc?.format !== NETWORK_MODEL_FORMAT) throw new EstimatorError(`"${path}": not a network model file (format "${String(doc?.format)}")`);
  if (doc.formatVersion !== NETWORK_MODEL_FORMAT_VERSION) {
    throw new EstimatorError(`"${path}": format version "${doc.formatVersion}" is not supported (expected ${NETWORK_MODEL_FORMAT_VERSION})`);
  }
  if (options.features !== undefined && doc.features !== undefined && options.features.join('\u0000') !== doc.features.join('\u0000')) {
    throw new EstimatorError(
      `"${path}": the model was trained on features [${doc.features.join(', ')}] but was given [${options.features.join(', ')}]`,
    );
  }
  const weightsPath = join(dirname(path), doc.weightsFile);
  const bytes = await readFile(weightsPath).catch((error: Error) => {
    throw new EstimatorError(`"${weightsPath}": cannot read the model's weights: ${error.message}`);
  });
  const sha = createHash('sha256').update(bytes).digest('hex');
  if (sha !== doc.weightsSha256 || bytes.byteLength !== doc.weightCount * 4) {
    throw new EstimatorError(`"${weightsPath}": weights do not match the model file (SHA-256 ${sha}, expected ${doc.weightsSha256})`);
  }
  const weights = new Float32Array(doc.weightCount);
  new Uint8Array(weights.buffer).set(bytes);
  await useTensorFlowBackend(options.backend ?? 'auto');
  const hp = doc.estimator.hyperparameters as Record<string, never>;
  const state = doc.estimator.state as NetworkState;
  let estimator: NetworkRegressor | NetworkClassifier;
  if (doc.estimator.type === NetworkRegressor.typeName) estimator = NetworkRegressor.fromState(hp, state, weights);
  else if (doc.estimator.type === NetworkClassifier.typeName) estimator = NetworkClassifier.fromState(hp, state, weights);
  else throw new EstimatorError(`"${path}": unknown network estimator type "${doc.estimator.type}"`);
  return { estimator, document: doc };
}
