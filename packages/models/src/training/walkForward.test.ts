import { SeededRandom } from '@qt-backtest/core';
import { describe, expect, it } from 'vitest';
import { featureDrift, ksStatistic, populationStabilityIndex } from '../drift/featureDrift.js';
import { forwardReturnLabels } from '../labels/forwardReturnLabels.js';
import { hashTrainingData, loadModel, modelFile } from '../persistence/ModelFile.js';
import { LogisticRegression } from '../estimators/LogisticRegression.js';
import { Ridge } from '../estimators/Ridge.js';
import { GradientBoostingClassifier } from '../trees/GradientBoosting.js';
import { buildDataset } from './Dataset.js';
import type { FeatureColumnsLike } from './Dataset.js';
import { walkForward } from './walkForward.js';

const DAY = 86_400_000;

/** A seeded panel where a known feature predicts the next 5-day return (plus a pure-noise feature). */
function panel(symbols: number, days: number, seed: number): { features: FeatureColumnsLike; labels: ReturnType<typeof forwardReturnLabels>[] } {
  const rng = new SeededRandom(seed);
  const time = Float64Array.from({ length: days }, (_, t) => t * DAY);
  const names = ['signal', 'noise'];
  const cols = new Map<string, Float64Array>();
  const labels = [];
  for (let s = 0; s < symbols; s++) {
    const signal = new Float64Array(days);
    const noise = new Float64Array(days);
    const close = new Float64Array(days);
    close[0] = 100;
    for (let t = 0; t < days; t++) {
      signal[t] = rng.next() - 0.5;
      noise[t] = rng.next() - 0.5;
      // The signal known at t moves the return from t to t + 1 (a causal, learnable effect).
      if (t + 1 < days) close[t + 1] = close[t]! * (1 + 0.004 * signal[t]! + 0.01 * (rng.next() - 0.5));
    }
    signal[0] = NaN; // a warm-up bar, dropped by the dataset
    cols.set(`signal/${s}`, signal);
    cols.set(`noise/${s}`, noise);
    labels.push(forwardReturnLabels(time, close, { horizon: 1 }));
  }
  const syms = Array.from({ length: symbols }, (_, s) => `S${s}`);
  return { features: { time, symbols: syms, names, column: (name, sym) => cols.get(`${name}/${sym.slice(1)}`)! }, labels };
}

describe('walkForward', () => {
  const { features, labels } = panel(12, 300, 1);
  const data = buildDataset({ features, labels });

  it('builds rows in time order without warm-up bars or undefined labels', () => {
    expect(data.X.cols).toBe(2);
    expect(data.X.rows).toBe(12 * (300 - 2)); // first bar (NaN signal) and last bar (no label) dropped
    for (let i = 1; i < data.start.length; i++) expect(data.start[i]!).toBeGreaterThanOrEqual(data.start[i - 1]!);
  });

  it('every prediction is out of sample, training labels close before each test window, metrics are OOS', async () => {
    const wf = await walkForward(data, {
      estimator: new LogisticRegression(),
      windows: { folds: 6, minTrainFolds: 2 },
      search: { space: { C: [0.01, 1, 100] }, folds: 3, embargo: 0.01 },
      seed: 5,
    });
    expect(wf.windows).toHaveLength(4);
    expect(wf.configurationsTried).toBe(12);
    expect(wf.distinctConfigurations).toBe(3);
    for (const w of wf.windows) {
      expect([0.01, 1, 100]).toContain(w.hyperparameters['C']);
      // the last training label closes no later than the test window's first bar (purged)
      expect(data.end[w.train.lastRow]!).toBeLessThanOrEqual(w.test.from);
      expect(w.train.to).toBeLessThan(w.test.from);
    }
    const firstTest = wf.windows[0]!.test.firstRow;
    for (let i = 0; i < firstTest; i++) expect(Number.isNaN(wf.predictions[i]!)).toBe(true);
    const m = wf.metrics.classification!;
    expect(m.count).toBe(wf.windows.reduce((s, w) => s + w.test.rows, 0));
    // The planted signal is learnable out of sample; the metrics say so, and only from OOS rows.
    expect(m.auc).toBeGreaterThan(0.55);
    expect(wf.metrics.information.ic).toBeGreaterThan(0.05);
    expect(wf.calibration.reduce((s, b) => s + b.count, 0)).toBe(m.count);
    expect(wf.importanceStability).toBeGreaterThan(0.5);
  });

  it('regressors and seeded random search', async () => {
    const wf = await walkForward(data, {
      estimator: new Ridge(),
      windows: { folds: 5, minTrainFolds: 2, maxTrainFolds: 2 },
      search: { space: { alpha: [0.1, 1, 10, 100] }, mode: 'random', samples: 2 },
      seed: 9,
    });
    expect(wf.configurationsTried).toBe(3 * 2);
    expect(wf.metrics.regression!.count).toBeGreaterThan(0);
    expect(wf.metrics.information.rankIc).toBeGreaterThan(0.05);
  });

  it('gradient boosting model files round-trip, hash the data and refuse mismatched features', async () => {
    const wf = await walkForward(data, { estimator: new GradientBoostingClassifier({ maxIter: 10 }), windows: { folds: 4, minTrainFolds: 2 }, seed: 2 });
    const w = wf.windows[0]!;
    const file = modelFile(w.model, {
      featureNames: data.featureNames,
      label: data.label,
      trainingWindow: { from: w.train.from, to: w.train.to, rows: w.train.rows },
      dataSha256: hashTrainingData(data.X, data.y),
      seed: w.seed,
      oosMetrics: w.metrics,
    });
    const text = JSON.stringify(file);
    const loaded = loadModel(text);
    expect(loaded.file.formatVersion).toBe(1);
    expect(loaded.file.library.name).toBe('@qt-backtest/models');
    expect(loaded.file.dataSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(loaded.predict(data.X, ['signal', 'noise'])).toEqual(w.model.predict(data.X));
    expect(() => loaded.predict(data.X, ['signal', 'volume'])).toThrow('was trained on features [signal, noise] but the data has [signal, volume]: missing noise; unexpected volume');
    expect(() => loaded.predict(data.X, ['noise', 'signal'])).toThrow('same names in another order');
    expect(() => loadModel('{"format":"other"}', 'm.json')).toThrow('m.json: not a qt-backtest model file');
    expect(() => loadModel({ ...file, formatVersion: 99 })).toThrow('format version 99 is not supported');
  });
});

describe('drift', () => {
  it('PSI ≈ 0 and small KS for the same distribution; large for a shifted one', () => {
    const rng = new SeededRandom(3);
    const a = Float64Array.from({ length: 4000 }, () => rng.next());
    const b = Float64Array.from({ length: 4000 }, () => rng.next());
    const shifted = b.map((v) => v + 0.3);
    expect(populationStabilityIndex(a, b)).toBeLessThan(0.02);
    expect(populationStabilityIndex(a, shifted)).toBeGreaterThan(0.25);
    expect(ksStatistic(a, b)).toBeLessThan(0.04);
    expect(ksStatistic(a, shifted)).toBeCloseTo(0.3, 1);
    // scipy.stats.ks_2samp([1, 2, 3], [2, 3, 4, 5]).statistic = 0.5 (largest CDF gap at x = 1 … 3)
    expect(ksStatistic([1, 2, 3], [2, 3, 4, 5])).toBeCloseTo(0.5, 15);
    const drift = featureDrift({ data: a, rows: 4000, cols: 1 }, { data: shifted, rows: 4000, cols: 1 }, ['x']);
    expect(drift[0]!.feature).toBe('x');
  });
});
