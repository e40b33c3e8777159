import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { CausalConv1D, FusedLstm } from './customLayers.js';
import { useTensorFlowBackend } from './tensorflowBackend.js';

beforeAll(async () => {
  await useTensorFlowBackend('wasm');
});

/** Reorders the 4 gate blocks of the last axis from ours (i, f, o, c) to Keras/tfjs (i, f, c, o). */
function toKerasOrder(w: tf.Tensor, u: number): tf.Tensor {
  const [i, f, o, c] = tf.split(w, [u, u, u, u], -1);
  return tf.concat([i!, f!, c!, o!], -1);
}

describe('FusedLstm', () => {
  it('equals tfjs-layers\' LSTM (the Keras reference implementation) given the same weights', () => {
    const u = 6;
    const x = tf.randomNormal([4, 9, 3], 0, 1, 'float32', 5);
    for (const returnSequences of [false, true]) {
      const input = tf.input({ shape: [9, 3] });
      const fusedLayer = new FusedLstm({ units: u, returnSequences, seed: 3 });
      const fused = tf.model({ inputs: input, outputs: fusedLayer.apply(input) as tf.SymbolicTensor });
      const keras = tf.sequential({ layers: [tf.layers.lstm({ units: u, returnSequences, recurrentActivation: 'sigmoid', inputShape: [9, 3] })] });
      const [k, r, b] = fused.getWeights();
      keras.setWeights([toKerasOrder(k!, u), toKerasOrder(r!, u), toKerasOrder(b!, u)]);
      const a = (fused.predict(x) as tf.Tensor).dataSync();
      const e = (keras.predict(x) as tf.Tensor).dataSync();
      expect(a.length).toBe(e.length);
      a.forEach((v, i) => expect(Math.abs(v - e[i]!), `output ${i}`).toBeLessThan(1e-5));
      // The forget gate starts with bias 1, the others with 0.
      expect(Array.from(b!.dataSync())).toEqual([...Array(u).fill(0), ...Array(u).fill(1), ...Array(2 * u).fill(0)]);
    }
  });
});

describe('CausalConv1D', () => {
  it('computes y[t] = b + Σⱼ x[t − j·d]·Wⱼ with zeros before the first step (hand-computed)', () => {
    const layer = new CausalConv1D({ filters: 1, kernelSize: 2, dilation: 2, activation: 'linear', seed: 1 });
    const input = tf.input({ shape: [5, 1] });
    const model = tf.model({ inputs: input, outputs: layer.apply(input) as tf.SymbolicTensor });
    model.setWeights([tf.tensor3d([[[2]], [[10]]]), tf.tensor1d([0.5])]);
    const y = (model.predict(tf.tensor3d([[[1], [2], [3], [4], [5]]])) as tf.Tensor).dataSync();
    // Tap 0 weight 2 on x[t]; tap 1 weight 10 on x[t − 2].
    expect(Array.from(y)).toEqual([2.5, 4.5, 16.5, 28.5, 40.5]);
  });
});
