/**
 * Neural-network estimators on TensorFlow.js behind the models package's `Estimator` interface:
 * `NetworkRegressor` and `NetworkClassifier`, each an MLP over feature rows or an LSTM, TCN or
 * Transformer encoder over sequence windows, chosen by hyperparameters.
 *
 * Training is a seeded mini-batch loop that fills one reused batch buffer at a time (from a dense
 * tensor or lazily from {@link WindowedSequences}), so memory is bounded by the batch, not the
 * dataset. Early stopping watches a validation set: the caller's, or the last `validationFraction`
 * of the (time-ordered) samples with `embargo` samples dropped before it so that labels whose
 * horizons overlap the validation period never train the model (a purged split).
 */
import * as tf from '@tensorflow/tfjs';
import { SeededRandom } from '@qt-backtest/core';
import type {
  Classifier,
  Estimator,
  EstimatorInput,
  EstimatorJson,
  FeatureMatrix,
  FitOptions,
  Hyperparameters,
  SequenceTensor,
} from '@qt-backtest/models';
import { EstimatorError, EstimatorKind } from '@qt-backtest/models';
import type { NetworkShape } from './NetworkArchitecture.js';
import { NetworkArchitecture, buildNetwork, isSequenceArchitecture } from './NetworkArchitecture.js';
import { WindowedSequences } from './WindowedSequences.js';

/** What a network estimator trains and predicts on: rows, dense sequences or lazy windows. */
export type NetworkInput = EstimatorInput | WindowedSequences;

/** Per-epoch record of one fit. */
export interface TrainingHistory {
  /** Sample-weighted mean training loss of each epoch run. */
  readonly trainLoss: readonly number[];
  /** Validation loss after each epoch (empty without a validation set). */
  readonly validationLoss: readonly number[];
  /** Epoch (0-based) whose weights were kept: the best validation loss, else the last epoch. */
  readonly bestEpoch: number;
  /** Largest number of bytes held by TensorFlow.js tensors during the fit (weights, optimiser state, one batch). */
  readonly peakTensorBytes: number;
  /** Training and validation sample counts, and samples dropped by the embargo. */
  readonly trainSamples: number;
  readonly validationSamples: number;
  readonly embargoedSamples: number;
}

/** Defaults of every hyperparameter (see {@link NetworkRegressor}). */
export const NETWORK_DEFAULTS = {
  architecture: 'mlp',
  units: [32] as readonly number[],
  kernelSize: 3,
  modelWidth: 16,
  heads: 2,
  blocks: 1,
  feedForward: 32,
  epochs: 20,
  batchSize: 64,
  learningRate: 0.001,
  weightDecay: 0,
  patience: 5,
  validationFraction: 0.2,
  embargo: 0,
  seed: 0,
} as const;

const JSON_VERSION = 1;
const PREDICT_BATCH = 2048;

interface Settings {
  readonly shape: Omit<NetworkShape, 'output' | 'seed'>;
  readonly epochs: number;
  readonly batchSize: number;
  readonly learningRate: number;
  readonly weightDecay: number;
  readonly patience: number;
  readonly validationFraction: number;
  readonly embargo: number;
  readonly seed: number;
}

function num(h: Hyperparameters, key: keyof typeof NETWORK_DEFAULTS, min: number, integer: boolean): number {
  const v = h[key] ?? NETWORK_DEFAULTS[key];
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || (integer && !Number.isInteger(v))) {
    throw new EstimatorError(`hyperparameter "${key}" must be ${integer ? 'an integer' : 'a number'} ≥ ${min}, got "${String(v)}"`);
  }
  return v;
}

function settingsOf(h: Hyperparameters): Settings {
  const architecture = h['architecture'] ?? NETWORK_DEFAULTS.architecture;
  if (typeof architecture !== 'string' || !Object.values(NetworkArchitecture).includes(architecture as NetworkArchitecture)) {
    throw new EstimatorError(`hyperparameter "architecture" must be one of mlp, lstm, tcn, transformer; got "${String(architecture)}"`);
  }
  const unitsRaw = h['units'] ?? NETWORK_DEFAULTS.units;
  const units = typeof unitsRaw === 'number' ? [unitsRaw] : unitsRaw;
  if (!Array.isArray(units) || units.length === 0 || !units.every((u) => Number.isInteger(u) && u >= 1)) {
    throw new EstimatorError(`hyperparameter "units" must be a non-empty list of positive integers, got "${JSON.stringify(unitsRaw)}"`);
  }
  const validationFraction = num(h, 'validationFraction', 0, false);
  if (validationFraction >= 1) throw new EstimatorError(`hyperparameter "validationFraction" must be < 1, got "${validationFraction}"`);
  return {
    shape: {
      architecture: architecture as NetworkArchitecture,
      units: units as number[],
      kernelSize: num(h, 'kernelSize', 1, true),
      modelWidth: num(h, 'modelWidth', 1, true),
      heads: num(h, 'heads', 1, true),
      blocks: num(h, 'blocks', 1, true),
      feedForward: num(h, 'feedForward', 1, true),
    },
    epochs: num(h, 'epochs', 1, true),
    batchSize: num(h, 'batchSize', 1, true),
    learningRate: num(h, 'learningRate', Number.MIN_VALUE, false),
    weightDecay: num(h, 'weightDecay', 0, false),
    patience: num(h, 'patience', 1, true),
    validationFraction,
    embargo: num(h, 'embargo', 0, true),
    seed: num(h, 'seed', -(2 ** 31), true),
  };
}

/** Reads batches of samples from any {@link NetworkInput} into a reused Float32Array. */
interface BatchSource {
  readonly rows: number;
  /** Per-sample shape: `[cols]` or `[steps, cols]`. */
  readonly sampleShape: readonly number[];
  readonly span: number;
  fill(indices: ArrayLike<number>, from: number, to: number, out: Float32Array): void;
}

function sourceOf(X: NetworkInput, sequence: boolean, context: string): BatchSource {
  if (X instanceof WindowedSequences) {
    if (!sequence) throw new EstimatorError(`${context}: the mlp architecture takes a feature matrix, not sequence windows`);
    return {
      rows: X.rows,
      sampleShape: [X.steps, X.cols],
      span: X.steps * X.cols,
      fill: (idx, from, to, out) => X.copyWindows(idx, from, to, out),
    };
  }
  const steps = 'steps' in X ? (X as SequenceTensor).steps : undefined;
  if (sequence && steps === undefined) {
    throw new EstimatorError(`${context}: sequence architectures take a SequenceTensor or WindowedSequences, got a feature matrix`);
  }
  if (!sequence && steps !== undefined) {
    throw new EstimatorError(`${context}: the mlp architecture takes a feature matrix, got a sequence tensor`);
  }
  const span = (steps ?? 1) * X.cols;
  if (X.data.length !== X.rows * span) {
    throw new EstimatorError(`${context}: input of ${X.rows} samples × ${span} values has ${X.data.length} values`);
  }
  const data = X.data;
  return {
    rows: X.rows,
    sampleShape: steps === undefined ? [X.cols] : [steps, X.cols],
    span,
    fill(idx, from, to, out) {
      for (let k = from; k < to; k++) {
        const s = idx[k]! * span;
        const o = (k - from) * span;
        for (let j = 0; j < span; j++) {
          const v = data[s + j]!;
          if (!Number.isFinite(v)) {
            throw new EstimatorError(`${context}: sample ${idx[k]} has "${v}" at value ${j} (features must be finite)`);
          }
          out[o + j] = v;
        }
      }
    },
  };
}

function encodeFloat32(values: Float32Array): string {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64');
}

function decodeFloat32(text: string): Float32Array {
  const bytes = Buffer.from(text, 'base64');
  const out = new Float32Array(bytes.byteLength / 4);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}

/** Fitted state held in JSON: the input shape, weight shapes and the float32 weights. */
export interface NetworkState {
  readonly inputShape: readonly number[];
  readonly weightShapes: readonly (readonly number[])[];
  /** Concatenated float32 weights, little-endian, base64 (or absent when held in a side file). */
  readonly weights?: string;
  readonly history: TrainingHistory;
}

/** The weights of a fitted network as one float32 buffer plus shapes (for binary model files). */
export interface NetworkWeights {
  readonly shapes: readonly (readonly number[])[];
  readonly data: Float32Array;
}

abstract class NetworkEstimator {
  abstract readonly type: string;
  abstract readonly kind: EstimatorKind;
  readonly hyperparameters: Hyperparameters;
  readonly #settings: Settings;
  #model: tf.LayersModel | null = null;
  #inputShape: readonly number[] = [];
  #history: TrainingHistory | null = null;

  constructor(hyperparameters: Hyperparameters = {}) {
    this.#settings = settingsOf(hyperparameters);
    this.hyperparameters = Object.freeze({ ...hyperparameters });
  }

  protected abstract readonly output: 'linear' | 'sigmoid';

  /** Whether `fit` has completed (or the estimator was loaded fitted). */
  get fitted(): boolean {
    return this.#model !== null;
  }

  /** The last fit's per-epoch losses, kept epoch and peak tensor memory; `null` before fitting. */
  get history(): TrainingHistory | null {
    return this.#history;
  }

  /** Whether this estimator's architecture consumes sequence windows. */
  get sequence(): boolean {
    return isSequenceArchitecture(this.#settings.shape.architecture);
  }

  protected abstract checkTargets(y: Float64Array): void;

  /**
   * Trains a fresh network (never continuing a previous fit). `y` has one target per sample.
   * Call `await useTensorFlowBackend()` first to choose the backend (WASM by default).
   *
   * @throws {EstimatorError} on shape mismatches, non-finite inputs or bad hyperparameters.
   */
  async fit(X: NetworkInput, y: Float64Array, options: FitOptions<EstimatorInput> = {}): Promise<void> {
    const s = this.#settings;
    const source = sourceOf(X, this.sequence, `${this.type}.fit`);
    if (y.length !== source.rows) throw new EstimatorError(`${this.type}.fit: ${source.rows} samples but ${y.length} targets`);
    this.checkTargets(y);
    const weights = options.sampleWeight ?? new Float64Array(source.rows).fill(1);
    if (weights.length !== source.rows || weights.some((w) => !(w >= 0) || !Number.isFinite(w))) {
      throw new EstimatorError(`${this.type}.fit: sample weights must be ${source.rows} finite non-negative numbers`);
    }
    const seed = options.seed ?? s.seed;

    // Validation: the caller's set, or a purged tail of the time-ordered samples.
    let trainCount = source.rows;
    let validation: { source: BatchSource; y: Float64Array; w: Float64Array; indices: Int32Array } | null = null;
    let embargoed = 0;
    if (options.validation !== undefined) {
      const v = options.validation;
      const vs = sourceOf(v.X, this.sequence, `${this.type}.fit (validation)`);
      if (v.y.length !== vs.rows) throw new EstimatorError(`${this.type}.fit: validation has ${vs.rows} samples but ${v.y.length} targets`);
      validation = { source: vs, y: v.y, w: v.sampleWeight ?? new Float64Array(vs.rows).fill(1), indices: range(0, vs.rows) };
    } else if (s.validationFraction > 0) {
      const nVal = Math.floor(source.rows * s.validationFraction);
      embargoed = Math.min(s.embargo, source.rows - nVal);
      trainCount = source.rows - nVal - embargoed;
      if (nVal >= 1 && trainCount >= 1) {
        validation = { source, y, w: weights, indices: range(source.rows - nVal, source.rows) };
      } else {
        trainCount = source.rows;
        embargoed = 0;
      }
    }
    if (trainCount < 1) throw new EstimatorError(`${this.type}.fit: no training samples left after the validation split`);

    this.#model?.dispose();
    this.#model = null;
    const model = buildNetwork({ ...s.shape, output: this.output, seed }, source.sampleShape);
    const optimizer = tf.train.adam(s.learningRate);
    const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
    const kernels = variables.filter((v) => /kernel|wq|wk|wv|wo/.test(v.name));
    const rng = new SeededRandom(seed);
    const order = range(0, trainCount);
    const batch = Math.min(s.batchSize, trainCount);
    const xBuf = new Float32Array(batch * source.span);
    const yBuf = new Float32Array(batch);
    const wBuf = new Float32Array(batch);
    const trainLoss: number[] = [];
    const validationLoss: number[] = [];
    let best = Infinity;
    let bestEpoch = 0;
    let bestWeights: tf.Tensor[] | null = null;
    let wait = 0;
    let peak = 0;

    try {
      for (let epoch = 0; epoch < s.epochs; epoch++) {
        for (let i = order.length - 1; i > 0; i--) {
          const j = rng.int(i + 1);
          const t = order[i]!;
          order[i] = order[j]!;
          order[j] = t;
        }
        let lossSum = 0;
        let weightSum = 0;
        for (let from = 0; from < trainCount; from += batch) {
          const to = Math.min(trainCount, from + batch);
          const n = to - from;
          source.fill(order, from, to, xBuf);
          let wTotal = 0;
          for (let k = 0; k < n; k++) {
            yBuf[k] = y[order[from + k]!]!;
            wBuf[k] = weights[order[from + k]!]!;
            wTotal += wBuf[k]!;
          }
          if (wTotal === 0) continue;
          const loss = tf.tidy((): tf.Scalar => {
            const xs = tf.tensor(xBuf.subarray(0, n * source.span), [n, ...source.sampleShape]);
            const ys = tf.tensor2d(yBuf.subarray(0, n), [n, 1]);
            const ws = tf.tensor2d(wBuf.subarray(0, n), [n, 1]);
            return optimizer.minimize(
              () => {
                const out = model.apply(xs, { training: true }) as tf.Tensor;
                let l = this.weightedLoss(out, ys, ws, wTotal);
                if (s.weightDecay > 0) for (const k of kernels) l = l.add(k.square().sum().mul(s.weightDecay));
                peak = Math.max(peak, tf.memory().numBytes);
                return l as tf.Scalar;
              },
              true,
              variables,
            )!;
          });
          lossSum += loss.dataSync()[0]! * wTotal;
          weightSum += wTotal;
          loss.dispose();
        }
        trainLoss.push(weightSum > 0 ? lossSum / weightSum : NaN);
        if (validation === null) {
          bestEpoch = epoch;
          continue;
        }
        const vLoss = this.#evaluate(model, validation.source, validation.indices, validation.y, validation.w);
        validationLoss.push(vLoss);
        if (vLoss < best) {
          best = vLoss;
          bestEpoch = epoch;
          bestWeights?.forEach((w: tf.Tensor) => w.dispose());
          bestWeights = model.getWeights().map((w) => w.clone());
          wait = 0;
        } else if (++wait >= s.patience) {
          break;
        }
      }
      if (bestWeights !== null) model.setWeights(bestWeights);
    } catch (error) {
      model.dispose();
      throw error;
    } finally {
      bestWeights?.forEach((w) => w.dispose());
      optimizer.dispose();
    }
    this.#model = model;
    this.#inputShape = source.sampleShape;
    this.#history = {
      trainLoss,
      validationLoss,
      bestEpoch,
      peakTensorBytes: peak,
      trainSamples: trainCount,
      validationSamples: validation === null ? 0 : validation.indices.length,
      embargoedSamples: embargoed,
    };
  }

  protected abstract weightedLoss(out: tf.Tensor, ys: tf.Tensor, ws: tf.Tensor, wTotal: number): tf.Tensor;

  #evaluate(model: tf.LayersModel, source: BatchSource, indices: Int32Array, y: Float64Array, w: Float64Array): number {
    const raw = this.#forward(model, source, indices);
    let sum = 0;
    let weight = 0;
    for (let k = 0; k < indices.length; k++) {
      const i = indices[k]!;
      sum += w[i]! * this.pointLoss(raw[k]!, y[i]!);
      weight += w[i]!;
    }
    return weight > 0 ? sum / weight : NaN;
  }

  protected abstract pointLoss(prediction: number, target: number): number;

  #forward(model: tf.LayersModel, source: BatchSource, indices: ArrayLike<number>): Float64Array {
    const out = new Float64Array(indices.length);
    const batch = Math.min(PREDICT_BATCH, Math.max(1, indices.length));
    const buf = new Float32Array(batch * source.span);
    for (let from = 0; from < indices.length; from += batch) {
      const to = Math.min(indices.length, from + batch);
      const n = to - from;
      source.fill(indices, from, to, buf);
      const values = tf.tidy(() => (model.predict(tf.tensor(buf.subarray(0, n * source.span), [n, ...source.sampleShape])) as tf.Tensor).dataSync());
      for (let k = 0; k < n; k++) out[from + k] = values[k]!;
    }
    return out;
  }

  /** The network's raw output per sample (the regression value, or P(class 1)). */
  protected raw(X: NetworkInput): Float64Array {
    const model = this.#model;
    if (model === null) throw new EstimatorError(`${this.type}.predict: the estimator is not fitted`);
    const source = sourceOf(X, this.sequence, `${this.type}.predict`);
    if (source.sampleShape.join('×') !== this.#inputShape.join('×')) {
      throw new EstimatorError(`${this.type}.predict: samples of shape [${source.sampleShape}] but the network was fitted on [${this.#inputShape}]`);
    }
    return this.#forward(model, source, range(0, source.rows));
  }

  /** The fitted weights as one float32 buffer and their shapes (for binary model files). */
  weights(): NetworkWeights {
    const model = this.#model;
    if (model === null) throw new EstimatorError(`${this.type}: the estimator is not fitted`);
    const tensors = model.getWeights();
    const shapes = tensors.map((t) => [...t.shape]);
    const data = new Float32Array(tensors.reduce((n, t) => n + t.size, 0));
    let offset = 0;
    for (const t of tensors) {
      data.set(t.dataSync() as Float32Array, offset);
      offset += t.size;
    }
    return { shapes, data };
  }

  /** JSON with the weights inline (base64 float32); {@link saveNetworkModel} writes them to a side file instead. */
  toJSON(): EstimatorJson {
    if (this.#model === null) return { type: this.type, version: JSON_VERSION, hyperparameters: this.hyperparameters, state: null };
    const { shapes, data } = this.weights();
    const state: NetworkState = { inputShape: this.#inputShape, weightShapes: shapes, weights: encodeFloat32(data), history: this.#history! };
    return { type: this.type, version: JSON_VERSION, hyperparameters: this.hyperparameters, state };
  }

  /** Rebuilds the network from hyperparameters and installs saved weights (synchronous). */
  protected restore(state: NetworkState, weights: Float32Array): void {
    const s = this.#settings;
    const model = buildNetwork({ ...s.shape, output: this.output, seed: s.seed }, state.inputShape);
    const expected = model.getWeights().map((t) => t.shape.join('×'));
    const saved = state.weightShapes.map((sh) => sh.join('×'));
    if (expected.join(',') !== saved.join(',')) {
      model.dispose();
      throw new EstimatorError(`${this.type}: saved weight shapes [${saved.join(', ')}] do not match the architecture's [${expected.join(', ')}]`);
    }
    let offset = 0;
    const tensors = state.weightShapes.map((shape) => {
      const size = shape.reduce((a, b) => a * b, 1);
      const t = tf.tensor(weights.subarray(offset, offset + size), [...shape]);
      offset += size;
      return t;
    });
    if (offset !== weights.length) {
      model.dispose();
      throw new EstimatorError(`${this.type}: ${weights.length} saved weights for ${offset} parameters`);
    }
    model.setWeights(tensors);
    tensors.forEach((t) => t.dispose());
    this.#model = model;
    this.#inputShape = state.inputShape;
    this.#history = state.history;
  }

  /** Frees the network's tensors; the estimator is unfitted afterwards. */
  dispose(): void {
    this.#model?.dispose();
    this.#model = null;
  }
}

function range(from: number, to: number): Int32Array {
  const out = new Int32Array(Math.max(0, to - from));
  for (let i = 0; i < out.length; i++) out[i] = from + i;
  return out;
}

function checkJson(json: EstimatorJson, type: string): NetworkState | null {
  if (json.type !== type) throw new EstimatorError(`expected a "${type}" JSON, got "${json.type}"`);
  if (json.version !== JSON_VERSION) throw new EstimatorError(`${type} JSON version "${json.version}" is not supported (expected ${JSON_VERSION})`);
  return json.state as NetworkState | null;
}

/**
 * A neural-network regressor (weighted mean squared error). Hyperparameters and defaults
 * ({@link NETWORK_DEFAULTS}): `architecture` (`mlp` | `lstm` | `tcn` | `transformer`), `units`
 * (hidden widths / LSTM widths / TCN filters per level), `kernelSize`, `modelWidth`, `heads`,
 * `blocks`, `feedForward` (Transformer), `epochs`, `batchSize`, `learningRate` (Adam),
 * `weightDecay` (L2 on kernels), `patience` (early stopping, epochs), `validationFraction`,
 * `embargo` (samples dropped between training and the validation tail), `seed`.
 *
 * @example
 * await useTensorFlowBackend('wasm');
 * const lstm = new NetworkRegressor({ architecture: 'lstm', units: [32], epochs: 10, seed: 7 });
 * await lstm.fit(new WindowedSequences({ features, steps: 60 }), y);
 * const yHat = lstm.predict(windows);
 */
export class NetworkRegressor extends NetworkEstimator implements Estimator<EstimatorInput> {
  static readonly typeName = 'NetworkRegressor';
  readonly type = NetworkRegressor.typeName;
  readonly kind = EstimatorKind.Regressor;
  protected readonly output = 'linear' as const;

  protected checkTargets(y: Float64Array): void {
    const bad = y.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) throw new EstimatorError(`${this.type}.fit: target ${bad} is "${y[bad]}" (must be finite)`);
  }
  protected weightedLoss(out: tf.Tensor, ys: tf.Tensor, ws: tf.Tensor, wTotal: number): tf.Tensor {
    return out.sub(ys).square().mul(ws).sum().div(wTotal);
  }
  protected pointLoss(p: number, t: number): number {
    return (p - t) ** 2;
  }
  /** One prediction per sample. @throws {EstimatorError} when unfitted or shapes differ. */
  predict(X: NetworkInput): Float64Array {
    return this.raw(X);
  }
  withHyperparameters(overrides: Hyperparameters): NetworkRegressor {
    return new NetworkRegressor({ ...this.hyperparameters, ...overrides });
  }
  /** Rebuilds a regressor from {@link NetworkRegressor.toJSON}. */
  static fromJSON(json: EstimatorJson): NetworkRegressor {
    const state = checkJson(json, NetworkRegressor.typeName);
    const est = new NetworkRegressor(json.hyperparameters);
    if (state !== null) est.restore(state, decodeFloat32(state.weights ?? ''));
    return est;
  }
  /** @internal Installs weights read from a model file's binary side file. */
  static fromState(hyperparameters: Hyperparameters, state: NetworkState, weights: Float32Array): NetworkRegressor {
    const est = new NetworkRegressor(hyperparameters);
    est.restore(state, weights);
    return est;
  }
}

/**
 * A neural-network binary classifier (sigmoid output, weighted binary cross-entropy; targets 0/1).
 * Same hyperparameters as {@link NetworkRegressor}; `predict` gives class ids (P ≥ 0.5 → 1).
 *
 * @example
 * const clf = new NetworkClassifier({ architecture: 'mlp', units: [16], seed: 1 });
 * await clf.fit(X, labels);
 * clf.predictProba(X);
 */
export class NetworkClassifier extends NetworkEstimator implements Classifier<EstimatorInput> {
  static readonly typeName = 'NetworkClassifier';
  readonly type = NetworkClassifier.typeName;
  readonly kind = EstimatorKind.Classifier;
  protected readonly output = 'sigmoid' as const;

  protected checkTargets(y: Float64Array): void {
    const bad = y.findIndex((v) => v !== 0 && v !== 1);
    if (bad >= 0) throw new EstimatorError(`${this.type}.fit: target ${bad} is "${y[bad]}" (class ids must be 0 or 1)`);
  }
  protected weightedLoss(out: tf.Tensor, ys: tf.Tensor, ws: tf.Tensor, wTotal: number): tf.Tensor {
    const p = out.clipByValue(1e-7, 1 - 1e-7);
    const ce = ys.mul(p.log()).add(tf.scalar(1).sub(ys).mul(tf.scalar(1).sub(p).log())).neg();
    return ce.mul(ws).sum().div(wTotal);
  }
  protected pointLoss(p: number, t: number): number {
    const q = Math.min(1 - 1e-7, Math.max(1e-7, p));
    return -(t * Math.log(q) + (1 - t) * Math.log(1 - q));
  }
  /** P(class 1) per sample. */
  predictProba(X: NetworkInput): Float64Array {
    return this.raw(X);
  }
  /** Class id per sample (1 when P(class 1) ≥ 0.5). */
  predict(X: NetworkInput): Float64Array {
    return this.raw(X).map((p) => (p >= 0.5 ? 1 : 0));
  }
  withHyperparameters(overrides: Hyperparameters): NetworkClassifier {
    return new NetworkClassifier({ ...this.hyperparameters, ...overrides });
  }
  /** Rebuilds a classifier from {@link NetworkClassifier.toJSON}. */
  static fromJSON(json: EstimatorJson): NetworkClassifier {
    const state = checkJson(json, NetworkClassifier.typeName);
    const est = new NetworkClassifier(json.hyperparameters);
    if (state !== null) est.restore(state, decodeFloat32(state.weights ?? ''));
    return est;
  }
  /** @internal Installs weights read from a model file's binary side file. */
  static fromState(hyperparameters: Hyperparameters, state: NetworkState, weights: Float32Array): NetworkClassifier {
    const est = new NetworkClassifier(hyperparameters);
    est.restore(state, weights);
    return est;
  }
}

export type { FeatureMatrix };
