/**
 * Estimators and walk-forward training of `@qt-backtest/models` on the workloads issue 15 names:
 *
 * - `models-gbm-200x4-80k`: histogram gradient boosting, 200 rounds of depth-4 trees on 80,000 × 20
 *   (regression). Target: ≤ 3 s per fit.
 * - `models-rf-100-20k`: random forest, 100 fully grown trees on 20,000 × 20 (classification,
 *   sqrt features per split). Target: ≤ 5 s per fit.
 * - `models-walk-forward-500x2520`: walkForward of 10 windows (gradient boosting, no inner search)
 *   on 500 symbols × 2,520 days of seeded prices. Target: ≤ 60 s.
 *
 * Every run checks its fit (in-sample R²/accuracy far above chance on a planted signal), so a
 * broken fast path cannot report a good number. Items are fits (1 per run): throughput target
 * = 1 / seconds allowed.
 */
import { SeededRandom } from '@qt-backtest/core';
import type { PanelInput } from '@qt-backtest/features';
import { FeaturePipeline, returns, rocFeature, rollingStd, rsiFeature } from '@qt-backtest/features';
import type { FeatureMatrix } from '@qt-backtest/models';
import { buildDataset, forwardReturnLabels, GradientBoostingClassifier, GradientBoostingRegressor, RandomForestClassifier, walkForward } from '@qt-backtest/models';
import type { Benchmark } from './Benchmark.js';
import { defineBenchmark } from './Benchmark.js';

/**
 * CPU seconds of the last timed run per benchmark: the machine is shared, so wall time includes
 * waiting for a core; CPU time is what the fit itself costs.
 */
const cpuSeconds = new Map<string, number[]>();
function timedCpu<T>(name: string, f: () => T): T {
  const start = process.cpuUsage();
  const out = f();
  const used = process.cpuUsage(start);
  const list = cpuSeconds.get(name) ?? [];
  list.push((used.user + used.system) / 1e6);
  cpuSeconds.set(name, list);
  return out;
}
function cpuNotes(name: string): Record<string, string> {
  const list = (cpuSeconds.get(name) ?? []).slice().sort((a, b) => a - b);
  return { 'cpu s (median of runs)': list.length === 0 ? 'n/a' : list[Math.floor(list.length / 2)]!.toFixed(2) };
}

/** Seeded design: 20 standard-normal-ish features, target = non-linear signal in 5 of them + noise. */
function design(rows: number, seed: number): { X: FeatureMatrix; y: Float64Array } {
  const rng = new SeededRandom(seed);
  const cols = 20;
  const data = new Float64Array(rows * cols);
  for (let k = 0; k < data.length; k++) data[k] = rng.next() + rng.next() + rng.next() - 1.5;
  const y = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const x = data.subarray(i * cols, i * cols + 5);
    y[i] = 2 * x[0]! + Math.sin(3 * x[1]!) + (x[2]! > 0 ? x[3]! : -x[3]!) + x[4]! * x[0]! + 0.3 * (rng.next() - 0.5);
  }
  return { X: { data, rows, cols }, y };
}

const gbm = defineBenchmark({
  name: 'models-gbm-200x4-80k',
  description: 'GradientBoostingRegressor 200 rounds, depth 4, on 80,000 × 20',
  unit: 'fits',
  target: 1 / 3,
  repeats: 3,
  setup: async () => design(80_000, 11),
  run: async ({ X, y }) => {
    const model = new GradientBoostingRegressor({ maxIter: 200, maxDepth: 4, learningRate: 0.1 });
    timedCpu('gbm', () => model.fit(X, y));
    const p = model.predict(X);
    const mean = y.reduce((a, b) => a + b, 0) / y.length;
    let ss = 0;
    let st = 0;
    for (let i = 0; i < y.length; i++) {
      ss += (y[i]! - p[i]!) ** 2;
      st += (y[i]! - mean) ** 2;
    }
    if (!(1 - ss / st > 0.8) || model.treeCount !== 200) throw new Error(`GBM fit is wrong: R² ${1 - ss / st}, ${model.treeCount} trees`);
    return 1;
  },
  notes: () => cpuNotes('gbm'),
});

const rf = defineBenchmark({
  name: 'models-rf-100-20k',
  description: 'RandomForestClassifier 100 trees (full depth, sqrt features) on 20,000 × 20',
  unit: 'fits',
  target: 1 / 5,
  repeats: 3,
  setup: async () => {
    const { X, y } = design(20_000, 12);
    return { X, y: y.map((v) => (v > 0 ? 1 : 0)) };
  },
  run: async ({ X, y }) => {
    const model = new RandomForestClassifier({ nEstimators: 100, seed: 1 });
    timedCpu('rf', () => model.fit(X, y));
    const p = model.predict(X);
    const acc = p.reduce((a, v, i) => a + (v === y[i] ? 1 : 0), 0) / y.length;
    if (!(acc > 0.95) || model.treeCount !== 100) throw new Error(`RF fit is wrong: accuracy ${acc}`);
    return 1;
  },
  notes: () => cpuNotes('rf'),
});

/** 500 seeded random-walk symbols × 2,520 days (OHLCV), with a weak planted 5-day momentum effect. */
function panel(): PanelInput {
  const symbols = 500;
  const days = 2520;
  const rng = new SeededRandom(13);
  const time = Float64Array.from({ length: days }, (_, t) => Date.UTC(2010, 0, 1) + t * 86_400_000);
  const fields = { open: [] as Float64Array[], high: [] as Float64Array[], low: [] as Float64Array[], close: [] as Float64Array[], volume: [] as Float64Array[] };
  for (let s = 0; s < symbols; s++) {
    const close = new Float64Array(days);
    let p = 50 + 100 * rng.next();
    let prev = 0;
    for (let t = 0; t < days; t++) {
      const r = 0.05 * prev + 0.02 * (rng.next() + rng.next() + rng.next() - 1.5);
      prev = r;
      p *= 1 + r;
      close[t] = p;
    }
    fields.close.push(close);
    fields.open.push(close.map((c, t) => (t === 0 ? c : close[t - 1]!)));
    fields.high.push(close.map((c) => c * 1.01));
    fields.low.push(close.map((c) => c * 0.99));
    fields.volume.push(new Float64Array(days).fill(1e6));
  }
  return { time, symbols: Array.from({ length: symbols }, (_, s) => `S${s}`), fields };
}

const walkForwardBench = defineBenchmark({
  name: 'models-walk-forward-500x2520',
  description: 'features → 5-day labels → walkForward, 10 rolling windows, GradientBoostingClassifier (50 rounds, depth 3) on 500 symbols × 2,520 days',
  unit: 'runs',
  target: 1 / 60,
  repeats: 1,
  warmup: 0,
  setup: async () => panel(),
  run: async (input) => {
    const stats = timedCpu('wf', () => {
      const features = new FeaturePipeline()
        .perSymbol('roc5', rocFeature(5))
        .perSymbol('roc20', rocFeature(20))
        .perSymbol('rsi14', rsiFeature(14))
        .perSymbol('vol20', { name: 'vol20', inputs: ['close'], batch: (c) => rollingStd(returns(c.close!, 1), 20) })
        .compute(input);
      const labels = input.symbols.map((_, k) => forwardReturnLabels(input.time, input.fields.close[k]!, { horizon: 5 }));
      return buildDataset({ features, labels });
    });
    const start = process.cpuUsage();
    const wf = await walkForward(stats, {
      estimator: new GradientBoostingClassifier({ maxIter: 50, maxDepth: 3, minSamplesLeaf: 100 }),
      windows: { folds: 11, minTrainFolds: 1, maxTrainFolds: 2 },
      seed: 1,
    });
    const used = process.cpuUsage(start);
    cpuSeconds.set('wf', [...(cpuSeconds.get('wf') ?? []), (used.user + used.system) / 1e6]);
    if (wf.windows.length !== 10 || !(wf.metrics.count > 1_000_000 * 0.8)) throw new Error(`walk-forward is wrong: ${wf.windows.length} windows, ${wf.metrics.count} OOS rows`);
    lastWf = { rows: stats.X.rows, oos: wf.metrics.count, auc: wf.metrics.classification!.auc };
    return 1;
  },
  notes: () => ({ ...cpuNotes('wf'), 'cpu s: [dataset, walk-forward]': (cpuSeconds.get('wf') ?? []).map((v) => v.toFixed(1)).join(', '), samples: lastWf.rows, 'OOS rows': lastWf.oos, 'OOS AUC': lastWf.auc.toFixed(4) }),
});
let lastWf = { rows: 0, oos: 0, auc: NaN };

export const benchmarks: Benchmark[] = [gbm as Benchmark, rf as Benchmark, walkForwardBench as Benchmark];
