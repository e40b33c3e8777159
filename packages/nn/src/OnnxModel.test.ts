import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadOnnxModel } from './OnnxModel.js';
import { readOnnxModelInfo } from './onnxModelInfo.js';

// sequence-mlp.onnx and its reference predictions were made by test-models/make_onnx_model.py
// (onnx 1.12.0, numpy 1.24.2, float32) — see that script for the model and the input formula.
const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'test-models');
const modelPath = join(dir, 'sequence-mlp.onnx');
const reference = JSON.parse(readFileSync(join(dir, 'sequence-mlp.reference.json'), 'utf8')) as {
  featureNames: string[];
  steps: number;
  prediction: number[];
};

function referenceInput(rows: number) {
  const steps = 60;
  const cols = 5;
  const data = new Float64Array(rows * steps * cols);
  for (let i = 0; i < rows; i++) {
    for (let s = 0; s < steps; s++) {
      for (let f = 0; f < cols; f++) data[(i * steps + s) * cols + f] = Math.sin(0.37 * (i * 300 + s * 5 + f)) * (1 + f / 10);
    }
  }
  return { data, rows, steps, cols };
}

describe('readOnnxModelInfo', () => {
  it('reads inputs, outputs and metadata of the test model', () => {
    const info = readOnnxModelInfo(readFileSync(modelPath));
    expect(info.inputs).toEqual([{ name: 'features', elementType: 1, shape: ['batch', 60, 5] }]);
    expect(info.outputs).toEqual([{ name: 'prediction', elementType: 1, shape: ['batch', 1] }]);
    expect(info.metadata).toEqual({ feature_names: 'ret1,ret5,vol20,rsi14,volumeZ', steps: '60' });
  });

  it('rejects bytes that are not a model', () => {
    expect(() => readOnnxModelInfo(Uint8Array.from([0x0a, 0x05, 0x01]))).toThrow(/truncated/);
  });
});

describe('loadOnnxModel', () => {
  it('predicts the reference values computed when the model was made (to 1e-6)', async () => {
    const model = await loadOnnxModel(modelPath, { features: reference.featureNames });
    try {
      expect(model.featureNames).toEqual(['ret1', 'ret5', 'vol20', 'rsi14', 'volumeZ']);
      const pred = await model.predict(referenceInput(64));
      expect(pred).toHaveLength(64);
      pred.forEach((p, i) => expect(Math.abs(p - reference.prediction[i]!), `sample ${i}: ${p} vs ${reference.prediction[i]}`).toBeLessThanOrEqual(1e-6));
    } finally {
      await model.close();
    }
  });

  it('refuses features in another order, data of the wrong shape, and missing files', async () => {
    await expect(loadOnnxModel(modelPath, { features: ['ret5', 'ret1', 'vol20', 'rsi14', 'volumeZ'] })).rejects.toThrow(
      /model's features are \[ret1, ret5, vol20, rsi14, volumeZ\] but were given \[ret5, ret1/,
    );
    const model = await loadOnnxModel(modelPath);
    try {
      await expect(model.predict({ data: new Float64Array(2 * 30 * 5), rows: 2, steps: 30, cols: 5 })).rejects.toThrow(
        /needs size 60 in dimension 1 but the data has 30/,
      );
      await expect(model.predict({ data: new Float64Array(10), rows: 2, cols: 5 })).rejects.toThrow(/rank 3/);
      expect(() => model.fit()).toThrow(/trained elsewhere/);
    } finally {
      await model.close();
    }
    await expect(loadOnnxModel(join(dir, 'missing.onnx'))).rejects.toThrow(/missing\.onnx": cannot read/);
  });
});
