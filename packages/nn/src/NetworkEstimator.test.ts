import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SeededRandom } from '@qt-backtest/core';
import { loadEstimator } from '@qt-backtest/models';
import { beforeAll, describe, expect, it } from 'vitest';
import { NetworkClassifier, NetworkRegressor } from './NetworkEstimator.js';
import { WindowedSequences } from './WindowedSequences.js';
import { loadNetworkModel, saveNetworkModel } from './networkModelFile.js';
import { useTensorFlowBackend } from './tensorflowBackend.js';
import './index.js';

function normal(rng: SeededRandom): number {
  return Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
}

/** y = 2·x0 − x1 + 0.5·x2 (+ tiny noise): a linear target an MLP must fit closely. */
function linearData(rows: number, seed: number) {
  const rng = new SeededRandom(seed);
  const data = new Float64Array(rows * 3);
  const y = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < 3; j++) data[i * 3 + j] = normal(rng);
    y[i] = 2 * data[i * 3]! - data[i * 3 + 1]! + 0.5 * data[i * 3 + 2]! + 0.01 * normal(rng);
  }
  return { X: { data, rows, cols: 3 }, y };
}

/** A time series of 2 features; the target of the window ending at t is the mean of feature 0 over its last 5 steps. */
function sequenceData(rows: number, steps: number, seed: number) {
  const rng = new SeededRandom(seed);
  const data = new Float64Array(rows * 2);
  for (let i = 0; i < rows; i++) {
    data[i * 2] = normal(rng);
    data[i * 2 + 1] = normal(rng);
  }
  const windows = new WindowedSequences({ features: { data, rows, cols: 2 }, steps });
  const y = new Float64Array(windows.rows);
  for (let w = 0; w < windows.rows; w++) {
    const end = windows.endOf(w);
    let s = 0;
    for (let k = 0; k < 5; k++) s += data[(end - k) * 2]!;
    y[w] = s / 5;
  }
  return { windows, y };
}

const mse = (a: Float64Array, b: Float64Array) => a.reduce((s, v, i) => s + (v - b[i]!) ** 2, 0) / a.length;
const variance = (a: Float64Array) => {
  const m = a.reduce((s, v) => s + v, 0) / a.length;
  return a.reduce((s, v) => s + (v - m) ** 2, 0) / a.length;
};

beforeAll(async () => {
  expect(await useTensorFlowBackend('wasm')).toBe('wasm');
});

describe('NetworkRegressor (MLP)', () => {
  it('fits a linear target to a small out-of-sample error', async () => {
    const train = linearData(2000, 1);
    const test = linearData(500, 2);
    const mlp = new NetworkRegressor({ architecture: 'mlp', units: [16], epochs: 30, batchSize: 32, learningRate: 0.01, seed: 3, patience: 10 });
    await mlp.fit(train.X, train.y);
    const err = mse(mlp.predict(test.X), test.y);
    expect(err, `out-of-sample MSE ${err} vs target variance ${variance(test.y)}`).toBeLessThan(0.02 * variance(test.y));
  });

  it('gives bit-identical predictions for identical seeds and different ones for another seed', async () => {
    const { X, y } = linearData(300, 4);
    const fit = async (seed: number) => {
      const m = new NetworkRegressor({ architecture: 'mlp', units: [8], epochs: 3, seed });
      await m.fit(X, y);
      return m.predict(X);
    };
    const a = await fit(11);
    const b = await fit(11);
    const c = await fit(12);
    expect(Buffer.from(a.buffer).equals(Buffer.from(b.buffer))).toBe(true);
    expect(Buffer.from(a.buffer).equals(Buffer.from(c.buffer))).toBe(false);
  });

  it('holds out a purged validation tail and keeps the best epoch', async () => {
    const { X, y } = linearData(100, 5);
    const m = new NetworkRegressor({ architecture: 'mlp', units: [4], epochs: 40, validationFraction: 0.2, embargo: 5, patience: 3, learningRate: 0.05, seed: 1 });
    await m.fit(X, y);
    const h = m.history!;
    expect([h.trainSamples, h.validationSamples, h.embargoedSamples]).toEqual([75, 20, 5]);
    expect(h.validationLoss[h.bestEpoch]).toBe(Math.min(...h.validationLoss));
    // Training is deterministic, so stopping at the best epoch reproduces the kept weights exactly.
    const again = new NetworkRegressor({ ...m.hyperparameters, epochs: h.bestEpoch + 1, patience: 1000 });
    await again.fit(X, y);
    expect(Array.from(again.predict(X))).toEqual(Array.from(m.predict(X)));
  });

  it('round-trips through JSON, loadEstimator and a binary model file with identical predictions', async () => {
    const { X, y } = linearData(200, 6);
    const m = new NetworkRegressor({ architecture: 'mlp', units: [8, 4], epochs: 2, seed: 9 });
    await m.fit(X, y);
    const expected = Array.from(m.predict(X));
    expect(Array.from(NetworkRegressor.fromJSON(JSON.parse(JSON.stringify(m.toJSON()))).predict(X))).toEqual(expected);
    expect(Array.from(loadEstimator(m.toJSON()).predict(X))).toEqual(expected);
    const dir = mkdtempSync(join(tmpdir(), 'qt-nn-'));
    try {
      const paths = await saveNetworkModel(m, join(dir, 'mlp.json'), { features: ['a', 'b', 'c'], label: { kind: 'forwardReturn', horizon: 1 } });
      expect(paths.weights).toBe(join(dir, 'mlp.weights.bin'));
      const doc = JSON.parse(readFileSync(paths.json, 'utf8'));
      expect(doc).toMatchObject({ format: 'qt-backtest/network-model', formatVersion: 1, features: ['a', 'b', 'c'], seed: 9 });
      expect(doc.estimator.state.weights).toBeUndefined();
      const { estimator } = await loadNetworkModel(paths.json, { features: ['a', 'b', 'c'], backend: 'wasm' });
      expect(Array.from(estimator.predict(X))).toEqual(expected);
      await expect(loadNetworkModel(paths.json, { features: ['a', 'c', 'b'] })).rejects.toThrow(
        /trained on features \[a, b, c\] but was given \[a, c, b\]/,
      );
      const bin = readFileSync(paths.weights);
      bin[0] = bin[0]! ^ 1;
      writeFileSync(paths.weights, bin);
      await expect(loadNetworkModel(paths.json)).rejects.toThrow(/weights do not match the model file/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects bad input with named errors', async () => {
    const m = new NetworkRegressor({ architecture: 'mlp' });
    await expect(m.fit({ data: Float64Array.from([1, NaN]), rows: 1, cols: 2 }, Float64Array.of(1))).rejects.toThrow(/sample 0 has "NaN"/);
    await expect(m.fit({ data: new Float64Array(4), rows: 2, cols: 2 }, Float64Array.of(1))).rejects.toThrow(/2 samples but 1 targets/);
    expect(() => m.predict({ data: new Float64Array(2), rows: 1, cols: 2 })).toThrow(/not fitted/);
    expect(() => new NetworkRegressor({ architecture: 'gru' })).toThrow(/one of mlp, lstm, tcn, transformer; got "gru"/);
    const lstm = new NetworkRegressor({ architecture: 'lstm' });
    await expect(lstm.fit({ data: new Float64Array(4), rows: 2, cols: 2 }, new Float64Array(2))).rejects.toThrow(/take a SequenceTensor or WindowedSequences/);
  });
});

describe('NetworkClassifier', () => {
  it('separates two classes and gives probabilities in [0, 1]', async () => {
    const { X, y: score } = linearData(1500, 7);
    const y = score.map((v) => (v > 0 ? 1 : 0));
    const clf = new NetworkClassifier({ architecture: 'mlp', units: [8], epochs: 30, learningRate: 0.01, seed: 2 });
    await clf.fit(X, y);
    const test = linearData(500, 8);
    const truth = test.y.map((v) => (v > 0 ? 1 : 0));
    const predicted = clf.predict(test.X);
    const accuracy = predicted.reduce((s, p, i) => s + (p === truth[i] ? 1 : 0), 0) / truth.length;
    expect(accuracy).toBeGreaterThan(0.95);
    expect(clf.predictProba(test.X).every((p) => p >= 0 && p <= 1)).toBe(true);
    await expect(clf.fit(X, score)).rejects.toThrow(/class ids must be 0 or 1/);
  });
});

describe('sequence networks', () => {
  it('LSTM on lazy windows equals LSTM on the same windows materialised', async () => {
    const { windows, y } = sequenceData(300, 12, 21);
    const hp = { architecture: 'lstm', units: [8], epochs: 2, batchSize: 32, seed: 5, validationFraction: 0 };
    const lazy = new NetworkRegressor(hp);
    await lazy.fit(windows, y);
    const dense = new NetworkRegressor(hp);
    await dense.fit(windows.materialize(), y);
    expect(Array.from(lazy.predict(windows))).toEqual(Array.from(dense.predict(windows.materialize())));
  });

  it('peak tensor memory of a fit does not grow with the number of windows', async () => {
    const peak = async (rows: number) => {
      const { windows, y } = sequenceData(rows, 20, 3);
      const m = new NetworkRegressor({ architecture: 'lstm', units: [8], epochs: 1, batchSize: 64, seed: 1, validationFraction: 0 });
      await m.fit(windows, y);
      const bytes = m.history!.peakTensorBytes;
      m.dispose();
      return bytes;
    };
    const small = await peak(300);
    const large = await peak(3000);
    expect(small).toBeGreaterThan(0);
    expect(large, `peak bytes ${large} for 10× the windows vs ${small}`).toBe(small);
  });

  for (const hp of [
    { architecture: 'lstm', units: [16] },
    { architecture: 'tcn', units: [8, 8, 8], kernelSize: 2 },
    { architecture: 'transformer', modelWidth: 16, heads: 2, blocks: 1, feedForward: 32 },
  ]) {
    it(`${hp.architecture} learns a rolling mean of its window out of sample`, async () => {
      const { windows, y } = sequenceData(600, 10, 31);
      const m = new NetworkRegressor({ ...hp, epochs: 15, batchSize: 32, learningRate: 0.01, seed: 4, validationFraction: 0.2, patience: 4 });
      await m.fit(windows, y);
      const test = sequenceData(300, 10, 32);
      const err = mse(m.predict(test.windows), test.y);
      expect(err, `${hp.architecture}: OOS MSE ${err}, target variance ${variance(test.y)}`).toBeLessThan(0.5 * variance(test.y));
      const again = NetworkRegressor.fromJSON(m.toJSON());
      expect(Array.from(again.predict(test.windows))).toEqual(Array.from(m.predict(test.windows)));
    });
  }
});

describe('TCN causality', () => {
  it('the prediction for a window does not change when only its earliest steps beyond the receptive field change, and changes with the last step', async () => {
    const { windows, y } = sequenceData(200, 10, 41);
    const m = new NetworkRegressor({ architecture: 'tcn', units: [4], kernelSize: 2, epochs: 1, seed: 1, validationFraction: 0 });
    await m.fit(windows, y);
    const base = windows.materialize();
    const perturb = (step: number) => {
      const data = Float64Array.from(base.data);
      data[(0 * base.steps + step) * base.cols] = 100;
      return m.predict({ ...base, data })[0]!;
    };
    const p0 = m.predict(base)[0]!;
    // One level, kernel 2, two convolutions: the last step sees steps ≥ steps − 3 only.
    expect(perturb(0)).toBe(p0);
    expect(perturb(base.steps - 1)).not.toBe(p0);
  });
});
