/**
 * Neural networks and ONNX (issue 16): LSTM(32) one epoch on 2,000 windows of 60 steps × 5
 * features on the WASM backend (target ≤ 10 s: 200 windows/s), the same on 20,000 windows to
 * show that peak tensor memory does not grow with the dataset, and ONNX inference on
 * 2,000 × 60 × 5 (target ≤ 0.2 s: 10,000 windows/s).
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SeededRandom } from '@qt-backtest/core';
import type { OnnxModel } from '@qt-backtest/nn';
import { NetworkRegressor, WindowedSequences, loadOnnxModel, useTensorFlowBackend } from '@qt-backtest/nn';
import { defineBenchmark } from './Benchmark.js';

const STEPS = 60;
const COLS = 5;

function windows(count: number): { windows: WindowedSequences; y: Float64Array } {
  const rows = count + STEPS - 1;
  const rng = new SeededRandom(1);
  const data = new Float64Array(rows * COLS);
  for (let i = 0; i < data.length; i++) data[i] = rng.next() - 0.5;
  const w = new WindowedSequences({ features: { data, rows, cols: COLS }, steps: STEPS });
  const y = new Float64Array(count);
  for (let i = 0; i < count; i++) y[i] = data[(i + STEPS - 1) * COLS]! * 0.5 + data[(i + STEPS - 2) * COLS + 1]! * 0.25;
  return { windows: w, y };
}

function lstmEpoch(count: number, target: number, repeats: number) {
  let peakTensorBytes = 0;
  let peakRss = 0;
  return defineBenchmark({
    name: `nn-lstm32-epoch-${count}x60x5`,
    description: `LSTM(32) regressor, one epoch (batch 64) over ${count.toLocaleString('en-US')} lazy windows of 60 × 5, WASM backend`,
    unit: 'windows',
    target,
    repeats,
    warmup: 0,
    setup: async () => {
      await useTensorFlowBackend('wasm');
      return windows(count);
    },
    run: async ({ windows: w, y }) => {
      const model = new NetworkRegressor({ architecture: 'lstm', units: [32], epochs: 1, batchSize: 64, validationFraction: 0, seed: 1 });
      await model.fit(w, y);
      const h = model.history!;
      if (!(h.trainLoss.length === 1 && Number.isFinite(h.trainLoss[0]))) throw new Error('the epoch did not run');
      peakTensorBytes = h.peakTensorBytes;
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      model.dispose();
      return count;
    },
    notes: () => ({ peakTensorBytes, peakTensorMiB: +(peakTensorBytes / 2 ** 20).toFixed(3), rssMiB: Math.round(peakRss / 2 ** 20) }),
  });
}

const onnxPath = join(dirname(fileURLToPath(import.meta.url)), '..', 'packages', 'nn', 'test-models', 'sequence-mlp.onnx');

export const benchmarks = [
  lstmEpoch(2_000, 200, 3),
  lstmEpoch(20_000, 200, 1),
  defineBenchmark<{ model: OnnxModel; X: { data: Float64Array; rows: number; steps: number; cols: number } }>({
    name: 'nn-onnx-inference-2000x60x5',
    description: 'ONNX (onnxruntime-web, WASM, 1 thread) predictions for 2,000 windows of 60 × 5 (a 300→16→1 MLP)',
    unit: 'windows',
    target: 10_000,
    repeats: 10,
    warmup: 2,
    setup: async () => {
      const model = await loadOnnxModel(onnxPath, { features: ['ret1', 'ret5', 'vol20', 'rsi14', 'volumeZ'] });
      const rng = new SeededRandom(2);
      const data = new Float64Array(2_000 * STEPS * COLS);
      for (let i = 0; i < data.length; i++) data[i] = rng.next() - 0.5;
      return { model, X: { data, rows: 2_000, steps: STEPS, cols: COLS } };
    },
    run: async ({ model, X }) => {
      const pred = await model.predict(X);
      if (pred.length !== 2_000 || !pred.every(Number.isFinite)) throw new Error('bad ONNX predictions');
      return pred.length;
    },
    teardown: async ({ model }) => model.close(),
  }),
];
