/**
 * The network shapes the estimators build: a multilayer perceptron over feature rows, and three
 * sequence models over windows — a stacked LSTM, a temporal convolutional network (causal dilated
 * convolutions with residual connections) and a small Transformer encoder. Architecture and sizes
 * come from hyperparameters, so a walk-forward search space can range over them.
 */
import * as tf from '@tensorflow/tfjs';
import { CausalConv1D, FusedLstm, LastStep, MultiHeadSelfAttention, PositionEmbedding } from './customLayers.js';

/** The architectures {@link buildNetwork} knows. */
export const NetworkArchitecture = {
  Mlp: 'mlp',
  Lstm: 'lstm',
  Tcn: 'tcn',
  Transformer: 'transformer',
} as const;
/** One of {@link NetworkArchitecture}. */
export type NetworkArchitecture = (typeof NetworkArchitecture)[keyof typeof NetworkArchitecture];

/** Whether an architecture consumes sequence windows (`[steps, features]`) rather than rows. */
export function isSequenceArchitecture(architecture: NetworkArchitecture): boolean {
  return architecture !== NetworkArchitecture.Mlp;
}

/** Sizes of a network; each architecture reads the fields it needs. */
export interface NetworkShape {
  readonly architecture: NetworkArchitecture;
  /** MLP hidden widths, LSTM layer widths, or TCN filters per level. */
  readonly units: readonly number[];
  /** TCN convolution width (default 3). */
  readonly kernelSize: number;
  /** Transformer model width, attention heads, encoder blocks and feed-forward width. */
  readonly modelWidth: number;
  readonly heads: number;
  readonly blocks: number;
  readonly feedForward: number;
  /** Output activation: `linear` for regression, `sigmoid` for binary classification. */
  readonly output: 'linear' | 'sigmoid';
  readonly seed: number;
}

/**
 * Builds an untrained network whose weights depend only on `shape` (seeded initialisers).
 *
 * @param inputShape `[features]` for the MLP, `[steps, features]` for sequence models.
 * @throws {Error} for an unknown architecture or non-positive sizes.
 * @example
 * const model = buildNetwork({ architecture: 'lstm', units: [32], ... }, [60, 5]);
 */
export function buildNetwork(shape: NetworkShape, inputShape: readonly number[]): tf.LayersModel {
  let seed = shape.seed;
  const glorot = () => tf.initializers.glorotUniform({ seed: seed++ });
  for (const u of shape.units) {
    if (!Number.isInteger(u) || u < 1) throw new Error(`network units must be positive integers, got "${u}"`);
  }
  const input = tf.input({ shape: [...inputShape] });
  let x: tf.SymbolicTensor = input;
  switch (shape.architecture) {
    case NetworkArchitecture.Mlp:
      for (const units of shape.units) x = dense(x, units, 'relu', glorot());
      break;
    case NetworkArchitecture.Lstm:
      shape.units.forEach((units, i) => {
        x = new FusedLstm({ units, returnSequences: i < shape.units.length - 1, seed: (seed += 2) }).apply(x) as tf.SymbolicTensor;
      });
      break;
    case NetworkArchitecture.Tcn:
      shape.units.forEach((filters, level) => {
        const dilation = 2 ** level;
        const conv = (t: tf.SymbolicTensor, activation: 'relu' | 'linear' = 'relu') =>
          new CausalConv1D({ filters, kernelSize: shape.kernelSize, dilation, activation, seed: seed++ }).apply(t) as tf.SymbolicTensor;
        const residual =
          x.shape[2] === filters
            ? x
            : (new CausalConv1D({ filters, kernelSize: 1, dilation: 1, activation: 'linear', seed: seed++ }).apply(x) as tf.SymbolicTensor);
        x = tf.layers.add().apply([conv(conv(x)), residual]) as tf.SymbolicTensor;
      });
      x = new LastStep({}).apply(x) as tf.SymbolicTensor;
      break;
    case NetworkArchitecture.Transformer: {
      x = dense(x, shape.modelWidth, 'linear', glorot());
      x = new PositionEmbedding({ seed: seed++ }).apply(x) as tf.SymbolicTensor;
      for (let b = 0; b < shape.blocks; b++) {
        const attention = new MultiHeadSelfAttention({ heads: shape.heads, seed: (seed += 4) }).apply(x) as tf.SymbolicTensor;
        x = tf.layers.layerNormalization().apply(tf.layers.add().apply([x, attention])) as tf.SymbolicTensor;
        const ff = dense(dense(x, shape.feedForward, 'relu', glorot()), shape.modelWidth, 'linear', glorot());
        x = tf.layers.layerNormalization().apply(tf.layers.add().apply([x, ff])) as tf.SymbolicTensor;
      }
      x = new LastStep({}).apply(x) as tf.SymbolicTensor;
      break;
    }
    default:
      throw new Error(`unknown network architecture "${String(shape.architecture)}"; expected mlp, lstm, tcn or transformer`);
  }
  const output = dense(x, 1, shape.output, glorot());
  return tf.model({ inputs: input, outputs: output });
}

function dense(x: tf.SymbolicTensor, units: number, activation: 'relu' | 'linear' | 'sigmoid', kernelInitializer: ReturnType<typeof tf.initializers.glorotUniform>): tf.SymbolicTensor {
  return tf.layers.dense({ units, activation, kernelInitializer }).apply(x) as tf.SymbolicTensor;
}
