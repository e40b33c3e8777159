/**
 * The actor (observation → action logits) and critic (observation → state value) networks of the
 * policy-gradient agents: two small tanh MLPs in TensorFlow.js for training, mirrored as plain
 * float64 arrays for acting, so that stepping an environment never waits on TF.js per bar.
 */
import * as tf from '@tensorflow/tfjs';

/** Weights of one dense layer, row-major `[inputs, outputs]`, and its bias. */
interface DenseWeights {
  readonly kernel: Float64Array;
  readonly bias: Float64Array;
  readonly inputs: number;
  readonly outputs: number;
}

function mlp(inputs: number, hidden: readonly number[], outputs: number, seed: number, outputScale: number): tf.Sequential {
  const model = tf.sequential();
  let s = seed;
  hidden.forEach((units, i) => {
    model.add(
      tf.layers.dense({
        units,
        activation: 'tanh',
        kernelInitializer: tf.initializers.glorotUniform({ seed: s++ }),
        ...(i === 0 ? { inputShape: [inputs] } : {}),
      }),
    );
  });
  model.add(
    tf.layers.dense({
      units: outputs,
      kernelInitializer: tf.initializers.randomUniform({ minval: -outputScale, maxval: outputScale, seed: s++ }),
      ...(hidden.length === 0 ? { inputShape: [inputs] } : {}),
    }),
  );
  return model;
}

function denseWeights(model: tf.Sequential): DenseWeights[] {
  return model.layers.map((layer) => {
    const [kernel, bias] = layer.getWeights();
    const [inputs, outputs] = kernel!.shape as [number, number];
    return { kernel: Float64Array.from(kernel!.dataSync()), bias: Float64Array.from(bias!.dataSync()), inputs, outputs };
  });
}

function forward(layers: readonly DenseWeights[], x: Float64Array, out: Float64Array): void {
  let input = x;
  layers.forEach((layer, li) => {
    const last = li === layers.length - 1;
    const y = last ? out : new Float64Array(layer.outputs);
    for (let o = 0; o < layer.outputs; o++) {
      let s = layer.bias[o]!;
      for (let i = 0; i < layer.inputs; i++) s += input[i]! * layer.kernel[i * layer.outputs + o]!;
      y[o] = last ? s : Math.tanh(s);
    }
    input = y;
  });
}

/** The two networks of an actor-critic agent. */
export class ActorCritic {
  readonly actor: tf.Sequential;
  readonly critic: tf.Sequential;
  readonly observationSize: number;
  readonly actionCount: number;
  #actorMirror: DenseWeights[];
  #criticMirror: DenseWeights[];

  constructor(observationSize: number, actionCount: number, hidden: readonly number[], seed: number) {
    this.observationSize = observationSize;
    this.actionCount = actionCount;
    // Small final-layer weights start the policy near uniform (a common PPO initialisation).
    this.actor = mlp(observationSize, hidden, actionCount, seed, 0.01);
    this.critic = mlp(observationSize, hidden, 1, seed + 1000, 0.1);
    this.#actorMirror = denseWeights(this.actor);
    this.#criticMirror = denseWeights(this.critic);
  }

  /** Trainable variables of both networks. */
  get variables(): tf.Variable[] {
    return [...this.actor.trainableWeights, ...this.critic.trainableWeights].map((w) => w.read() as tf.Variable);
  }

  /** Copies the TF.js weights into the float64 mirrors used for acting (after each update). */
  sync(): void {
    this.#actorMirror = denseWeights(this.actor);
    this.#criticMirror = denseWeights(this.critic);
  }

  /** Action probabilities for one observation (softmax of the actor's logits), into `out`. */
  probabilities(observation: Float64Array, out: Float64Array): void {
    forward(this.#actorMirror, observation, out);
    let max = -Infinity;
    for (let a = 0; a < out.length; a++) max = Math.max(max, out[a]!);
    let sum = 0;
    for (let a = 0; a < out.length; a++) {
      out[a] = Math.exp(out[a]! - max);
      sum += out[a]!;
    }
    for (let a = 0; a < out.length; a++) out[a] = out[a]! / sum;
  }

  /** The critic's value of one observation. */
  value(observation: Float64Array): number {
    const out = new Float64Array(1);
    forward(this.#criticMirror, observation, out);
    return out[0]!;
  }

  /** All weights as one float32 array plus shapes (actor layers first, then critic). */
  weights(): { readonly shapes: number[][]; readonly data: Float32Array } {
    const tensors = [...this.actor.getWeights(), ...this.critic.getWeights()];
    const data = new Float32Array(tensors.reduce((n, t) => n + t.size, 0));
    let offset = 0;
    for (const t of tensors) {
      data.set(t.dataSync() as Float32Array, offset);
      offset += t.size;
    }
    return { shapes: tensors.map((t) => [...t.shape]), data };
  }

  /** Installs weights from {@link ActorCritic.weights}. @throws {Error} on a shape mismatch. */
  setWeights(shapes: readonly (readonly number[])[], data: Float32Array): void {
    const current = [...this.actor.getWeights(), ...this.critic.getWeights()];
    if (current.map((t) => t.shape.join('×')).join(',') !== shapes.map((s) => s.join('×')).join(',')) {
      throw new Error(`saved agent weight shapes [${shapes.map((s) => s.join('×')).join(', ')}] do not match the networks`);
    }
    let offset = 0;
    const tensors = shapes.map((shape) => {
      const size = shape.reduce((a, b) => a * b, 1);
      const t = tf.tensor(data.subarray(offset, offset + size), [...shape]);
      offset += size;
      return t;
    });
    if (offset !== data.length) throw new Error(`${data.length} saved agent weights for ${offset} parameters`);
    const nActor = this.actor.getWeights().length;
    this.actor.setWeights(tensors.slice(0, nActor));
    this.critic.setWeights(tensors.slice(nActor));
    tensors.forEach((t) => t.dispose());
    this.sync();
  }

  dispose(): void {
    this.actor.dispose();
    this.critic.dispose();
  }
}
