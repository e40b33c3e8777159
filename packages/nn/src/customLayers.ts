/**
 * The few layers TensorFlow.js does not ship that our architectures need: the last time step of a
 * sequence, a learned positional embedding and multi-head self-attention (for the Transformer
 * encoder). Every weight takes a seeded initialiser.
 */
import * as tf from '@tensorflow/tfjs';

type Shape = (number | null)[];

/** `[batch, steps, channels]` → `[batch, channels]`: the most recent step. */
export class LastStep extends tf.layers.Layer {
  static readonly className = 'QtLastStep';
  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const s = inputShape as Shape;
    return [s[0]!, s[2]!];
  }
  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor3D;
      const [, steps, channels] = x.shape;
      return x.slice([0, steps - 1, 0], [-1, 1, channels]).reshape([-1, channels]);
    });
  }
}

/**
 * A causal dilated 1-D convolution written as a sum of time-shifted matrix products
 * (`y[t] = b + Σⱼ x[t − j·d] · Wⱼ`, zeros before the first step), so that it trains on every
 * backend: TensorFlow.js's WASM backend has no convolution gradient kernels and no backend has
 * gradients for dilated convolutions. Output step t depends on input steps ≤ t only.
 */
export class CausalConv1D extends tf.layers.Layer {
  static readonly className = 'QtCausalConv1D';
  readonly #filters: number;
  readonly #kernelSize: number;
  readonly #dilation: number;
  readonly #activation: 'relu' | 'linear';
  readonly #seed: number;
  #kernel: tf.LayerVariable | null = null;
  #bias: tf.LayerVariable | null = null;

  constructor(config: { filters: number; kernelSize: number; dilation: number; activation: 'relu' | 'linear'; seed: number; name?: string }) {
    super(config.name === undefined ? {} : { name: config.name });
    this.#filters = config.filters;
    this.#kernelSize = config.kernelSize;
    this.#dilation = config.dilation;
    this.#activation = config.activation;
    this.#seed = config.seed;
  }
  override build(inputShape: Shape | Shape[]): void {
    const channels = (inputShape as Shape)[2]!;
    this.#kernel = this.addWeight('kernel', [this.#kernelSize, channels, this.#filters], 'float32', tf.initializers.glorotUniform({ seed: this.#seed }));
    this.#bias = this.addWeight('bias', [this.#filters], 'float32', tf.initializers.zeros());
    this.built = true;
  }
  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const s = inputShape as Shape;
    return [s[0]!, s[1]!, this.#filters];
  }
  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor3D;
      const [, steps, channels] = x.shape;
      const k = this.#kernelSize;
      const d = this.#dilation;
      const pad = (k - 1) * d;
      const padded = pad > 0 ? tf.pad(x, [[0, 0], [pad, 0], [0, 0]]) : x;
      const kernel = this.#kernel!.read();
      let sum: tf.Tensor | null = null;
      for (let j = 0; j < k; j++) {
        // Tap j reads x[t − j·d]: in padded coordinates that starts at pad − j·d.
        const shifted = padded.slice([0, pad - j * d, 0], [-1, steps, channels]).reshape([-1, channels]);
        const w = kernel.slice([j, 0, 0], [1, channels, this.#filters]).reshape([channels, this.#filters]);
        const term = tf.matMul(shifted as tf.Tensor2D, w as tf.Tensor2D);
        sum = sum === null ? term : sum.add(term);
      }
      const out = sum!.add(this.#bias!.read()).reshape([-1, steps, this.#filters]);
      return this.#activation === 'relu' ? tf.relu(out) : out;
    });
  }
}

/**
 * A long short-term memory layer (Hochreiter & Schmidhuber, 1997; gates laid out as input, forget,
 * output, cell; forget-gate bias 1 as in Keras) written for speed on small per-op backends such as WASM: the input projection
 * of every step is one matrix product before the loop, and each step is one recurrent product, one
 * sigmoid over the three gates and two tanh — about half the operations of tfjs-layers' LSTM.
 */
export class FusedLstm extends tf.layers.Layer {
  static readonly className = 'QtFusedLstm';
  readonly #units: number;
  readonly #returnSequences: boolean;
  readonly #seed: number;
  #kernel: tf.LayerVariable | null = null;
  #recurrent: tf.LayerVariable | null = null;
  #bias: tf.LayerVariable | null = null;

  constructor(config: { units: number; returnSequences: boolean; seed: number; name?: string }) {
    super(config.name === undefined ? {} : { name: config.name });
    this.#units = config.units;
    this.#returnSequences = config.returnSequences;
    this.#seed = config.seed;
  }
  override build(inputShape: Shape | Shape[]): void {
    const features = (inputShape as Shape)[2]!;
    const u = this.#units;
    this.#kernel = this.addWeight('kernel', [features, 4 * u], 'float32', tf.initializers.glorotUniform({ seed: this.#seed }));
    this.#recurrent = this.addWeight('recurrent_kernel', [u, 4 * u], 'float32', tf.initializers.orthogonal({ gain: 1, seed: this.#seed + 1 }));
    const bias = new Float32Array(4 * u);
    bias.fill(1, u, 2 * u); // unit forget bias (Jozefowicz et al., 2015), as Keras does
    this.#bias = this.addWeight('bias', [4 * u], 'float32', tf.initializers.zeros());
    const initial = tf.tensor1d(bias);
    this.#bias.write(initial);
    initial.dispose();
    this.built = true;
  }
  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const s = inputShape as Shape;
    return this.#returnSequences ? [s[0]!, s[1]!, this.#units] : [s[0]!, this.#units];
  }
  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor3D;
      const [batch, steps, features] = x.shape;
      const u = this.#units;
      const projected = tf
        .matMul(x.reshape([batch * steps, features]), this.#kernel!.read() as tf.Tensor2D)
        .add(this.#bias!.read())
        .reshape([batch, steps, 4 * u]);
      const perStep = tf.unstack(projected, 1);
      const recurrent = this.#recurrent!.read() as tf.Tensor2D;
      let h: tf.Tensor2D = tf.zeros([batch, u]);
      let c: tf.Tensor2D = tf.zeros([batch, u]);
      const outputs: tf.Tensor2D[] = [];
      for (let t = 0; t < steps; t++) {
        const z = perStep[t]!.add(tf.matMul(h, recurrent)) as tf.Tensor2D;
        const [ifo, g] = tf.split(z, [3 * u, u], 1) as [tf.Tensor2D, tf.Tensor2D];
        const [i, f, o] = tf.split(tf.sigmoid(ifo), 3, 1) as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
        c = f.mul(c).add(i.mul(tf.tanh(g)));
        h = o.mul(tf.tanh(c));
        if (this.#returnSequences) outputs.push(h);
      }
      return this.#returnSequences ? tf.stack(outputs, 1) : h;
    });
  }
}

/** Adds a trainable `[steps, channels]` position embedding to its input. */
export class PositionEmbedding extends tf.layers.Layer {
  static readonly className = 'QtPositionEmbedding';
  readonly #seed: number;
  #embedding: tf.LayerVariable | null = null;
  constructor(config: { seed: number; name?: string }) {
    super(config.name === undefined ? {} : { name: config.name });
    this.#seed = config.seed;
  }
  override build(inputShape: Shape | Shape[]): void {
    const s = inputShape as Shape;
    this.#embedding = this.addWeight(
      'embedding',
      [s[1]!, s[2]!],
      'float32',
      tf.initializers.randomNormal({ mean: 0, stddev: 0.02, seed: this.#seed }),
    );
    this.built = true;
  }
  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor3D;
      return x.add(this.#embedding!.read());
    });
  }
}

/** Multi-head scaled dot-product self-attention with output projection (no mask: a window is all past). */
export class MultiHeadSelfAttention extends tf.layers.Layer {
  static readonly className = 'QtMultiHeadSelfAttention';
  readonly #heads: number;
  readonly #seed: number;
  #wq: tf.LayerVariable | null = null;
  #wk: tf.LayerVariable | null = null;
  #wv: tf.LayerVariable | null = null;
  #wo: tf.LayerVariable | null = null;

  constructor(config: { heads: number; seed: number; name?: string }) {
    super(config.name === undefined ? {} : { name: config.name });
    this.#heads = config.heads;
    this.#seed = config.seed;
  }
  override build(inputShape: Shape | Shape[]): void {
    const d = (inputShape as Shape)[2]!;
    if (d % this.#heads !== 0) throw new Error(`model width ${d} is not divisible by ${this.#heads} heads`);
    const init = (k: number) => tf.initializers.glorotUniform({ seed: this.#seed + k });
    this.#wq = this.addWeight('wq', [d, d], 'float32', init(0));
    this.#wk = this.addWeight('wk', [d, d], 'float32', init(1));
    this.#wv = this.addWeight('wv', [d, d], 'float32', init(2));
    this.#wo = this.addWeight('wo', [d, d], 'float32', init(3));
    this.built = true;
  }
  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor3D;
      const [, steps, d] = x.shape;
      const h = this.#heads;
      const dh = d / h;
      const flat = x.reshape([-1, d]);
      const split = (w: tf.LayerVariable) =>
        tf.matMul(flat, w.read() as tf.Tensor2D).reshape([-1, steps, h, dh]).transpose([0, 2, 1, 3]);
      const q = split(this.#wq!);
      const k = split(this.#wk!);
      const v = split(this.#wv!);
      const scores = tf.matMul(q, k, false, true).div(Math.sqrt(dh));
      const context = tf.matMul(tf.softmax(scores, -1), v).transpose([0, 2, 1, 3]).reshape([-1, d]);
      return tf.matMul(context, this.#wo!.read() as tf.Tensor2D).reshape([-1, steps, d]);
    });
  }
}

for (const cls of [CausalConv1D, FusedLstm, LastStep, PositionEmbedding, MultiHeadSelfAttention]) tf.serialization.registerClass(cls);
