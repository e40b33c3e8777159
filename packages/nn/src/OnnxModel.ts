/**
 * ONNX model import: a model trained elsewhere (PyTorch, scikit-learn via skl2onnx, Keras via
 * tf2onnx) runs in a backtest or live through onnxruntime-web's WASM runtime (an optional peer
 * dependency: `npm install onnxruntime-web`; onnxruntime-node's install fetches binaries).
 *
 * Feature names and order are checked before anything runs: the model's `feature_names`
 * metadata (comma-separated, in column order) — or, for models with one input per feature, the
 * input names — must equal the caller's features, and the input's fixed sizes must equal the
 * data's steps and columns.
 */
import { readFile } from 'node:fs/promises';
import type { FeatureMatrix, SequenceTensor } from '@qt-backtest/models';
import { EstimatorError } from '@qt-backtest/models';
import type { OnnxModelInfo } from './onnxModelInfo.js';
import { readOnnxModelInfo } from './onnxModelInfo.js';

/** The part of onnxruntime-web's API used here (kept structural so its types stay optional). */
interface OrtTensor {
  readonly data: ArrayLike<number | bigint>;
}
interface OrtSession {
  run(feeds: Record<string, OrtTensor>): Promise<Record<string, OrtTensor>>;
  release(): Promise<void>;
}
interface Ort {
  readonly InferenceSession: { create(model: Uint8Array, options: { executionProviders: string[] }): Promise<OrtSession> };
  readonly Tensor: new (type: 'float32', data: Float32Array, dims: readonly number[]) => OrtTensor;
  readonly env: { wasm: { numThreads: number } };
}

let ortPromise: Promise<Ort> | null = null;

async function loadOrt(): Promise<Ort> {
  ortPromise ??= (async () => {
    try {
      // A computed specifier: onnxruntime-web is an optional peer, resolved only when used.
      const specifier = ['onnxruntime', 'web'].join('-');
      const ort = (await import(specifier)) as Ort & { default?: Ort };
      const api = (ort.InferenceSession === undefined ? ort.default : ort) as Ort;
      // One thread: deterministic, and no worker threads to leak from a notebook or test.
      api.env.wasm.numThreads = 1;
      return api;
    } catch (error) {
      ortPromise = null;
      throw new EstimatorError(`loadOnnxModel needs the optional peer dependency onnxruntime-web (npm install onnxruntime-web): ${(error as Error).message}`);
    }
  })();
  return ortPromise;
}

/** Options of {@link loadOnnxModel}. */
export interface LoadOnnxModelOptions {
  /** The features the caller will pass, in column order; checked against the model's. */
  readonly features?: readonly string[];
  /** Which model output to read (default: the first). */
  readonly output?: string;
}

/**
 * A loaded ONNX model behind the `Estimator` prediction interface (asynchronous, as the runtime
 * is). It predicts only: `fit` is not available for models trained elsewhere.
 *
 * @example
 * const model = await loadOnnxModel('lstm.onnx', { features: ['ret1', 'ret5', 'vol20', 'rsi14', 'volumeZ'] });
 * const yHat = await model.predict({ data, rows: 2000, steps: 60, cols: 5 });
 * await model.close();
 */
export class OnnxModel {
  readonly type = 'OnnxModel';
  /** Source file. */
  readonly path: string;
  /** Inputs, outputs and metadata read from the file. */
  readonly info: OnnxModelInfo;
  /** The model's feature names in column order (from metadata or per-feature input names), or null. */
  readonly featureNames: readonly string[] | null;
  readonly #session: OrtSession;
  readonly #ort: Ort;
  readonly #output: string;

  /** @internal Use {@link loadOnnxModel}. */
  constructor(path: string, info: OnnxModelInfo, session: OrtSession, ort: Ort, output: string) {
    this.path = path;
    this.info = info;
    this.#session = session;
    this.#ort = ort;
    this.#output = output;
    this.featureNames = featureNamesOf(info);
  }

  /** Whether the model takes one input per feature (`[N, 1]` each) rather than one tensor. */
  get perFeatureInputs(): boolean {
    return this.info.inputs.length > 1;
  }

  /**
   * One prediction per sample (the chosen output's first value per row), as float64.
   *
   * @throws {EstimatorError} when the data's steps/columns differ from the model's input shape.
   */
  async predict(X: FeatureMatrix | SequenceTensor): Promise<Float64Array> {
    const steps = 'steps' in X ? X.steps : undefined;
    const feeds: Record<string, OrtTensor> = {};
    if (this.perFeatureInputs) {
      if (steps !== undefined) throw new EstimatorError(`"${this.path}": a model with one input per feature takes a feature matrix, not sequences`);
      if (X.cols !== this.info.inputs.length) {
        throw new EstimatorError(`"${this.path}": the model has ${this.info.inputs.length} feature inputs but the data has ${X.cols} columns`);
      }
      this.info.inputs.forEach((input, j) => {
        const col = new Float32Array(X.rows);
        for (let i = 0; i < X.rows; i++) col[i] = X.data[i * X.cols + j]!;
        feeds[input.name] = new this.#ort.Tensor('float32', col, [X.rows, 1]);
      });
    } else {
      const input = this.info.inputs[0]!;
      const dims = steps === undefined ? [X.rows, X.cols] : [X.rows, steps, X.cols];
      if (input.shape.length !== dims.length) {
        throw new EstimatorError(`"${this.path}": input "${input.name}" has rank ${input.shape.length} [${input.shape.join(', ')}] but the data has shape [${dims.join(', ')}]`);
      }
      input.shape.forEach((d, k) => {
        if (k > 0 && typeof d === 'number' && d !== dims[k]) {
          throw new EstimatorError(`"${this.path}": input "${input.name}" needs size ${d} in dimension ${k} but the data has ${dims[k]} (shape [${dims.join(', ')}])`);
        }
      });
      feeds[input.name] = new this.#ort.Tensor('float32', Float32Array.from(X.data), dims);
    }
    const result = await this.#session.run(feeds);
    const out = result[this.#output];
    if (out === undefined) throw new EstimatorError(`"${this.path}": the model produced no output "${this.#output}"`);
    const values = out.data;
    const per = X.rows === 0 ? 0 : values.length / X.rows;
    const pred = new Float64Array(X.rows);
    for (let i = 0; i < X.rows; i++) pred[i] = Number(values[i * per]);
    return pred;
  }

  /** Training is not available for imported models. @throws {EstimatorError} always. */
  fit(): never {
    throw new EstimatorError(`"${this.path}": ONNX models are trained elsewhere; fit is not available`);
  }

  /** Releases the runtime session. */
  async close(): Promise<void> {
    await this.#session.release();
  }
}

function featureNamesOf(info: OnnxModelInfo): readonly string[] | null {
  const meta = info.metadata['feature_names'];
  if (meta !== undefined && meta.trim() !== '') return meta.split(',').map((s) => s.trim());
  if (info.inputs.length > 1) return info.inputs.map((i) => i.name);
  return null;
}

/**
 * Loads an ONNX model file and checks it against the caller's features.
 *
 * @throws {EstimatorError} naming the file when it cannot be read or parsed, when onnxruntime-web
 *   is not installed, when the model's feature names or order differ from `features`, or when a
 *   requested output does not exist.
 * @example
 * const model = await loadOnnxModel('model.onnx', { features: ['ret1', 'ret5'] });
 */
export async function loadOnnxModel(path: string, options: LoadOnnxModelOptions = {}): Promise<OnnxModel> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new EstimatorError(`"${path}": cannot read the ONNX model: ${(error as Error).message}`);
  }
  let info: OnnxModelInfo;
  try {
    info = readOnnxModelInfo(bytes);
  } catch (error) {
    throw new EstimatorError(`"${path}": not a valid ONNX model (${(error as Error).message})`);
  }
  if (info.inputs.length === 0) throw new EstimatorError(`"${path}": the model has no inputs`);
  const names = featureNamesOf(info);
  if (options.features !== undefined) {
    if (names === null) {
      throw new EstimatorError(`"${path}": the model does not name its features (no "feature_names" metadata), so [${options.features.join(', ')}] cannot be checked`);
    }
    if (names.join('\u0000') !== options.features.join('\u0000')) {
      throw new EstimatorError(`"${path}": the model's features are [${names.join(', ')}] but were given [${options.features.join(', ')}]`);
    }
  }
  const output = options.output ?? info.outputs[0]?.name;
  if (output === undefined || !info.outputs.some((o) => o.name === output)) {
    throw new EstimatorError(`"${path}": no output "${String(output)}"; outputs: ${info.outputs.map((o) => o.name).join(', ')}`);
  }
  const ort = await loadOrt();
  const session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
  return new OnnxModel(path, info, session, ort, output);
}
