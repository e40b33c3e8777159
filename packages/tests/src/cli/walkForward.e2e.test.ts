/**
 * `qt-backtest walk-forward` end to end on real data (ORCL, YHOO, NVDA daily bars from
 * ../shared/data): gradient boosting with an inner purged-CV grid search, and checks that every
 * number in the report is out of sample — recomputed here from the written predictions.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { classificationMetrics, loadModel } from '@qt-backtest/models';
import { main } from 'qt-backtest';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const sharedDataDir = join(root, '..', 'shared', 'data');
const hasSharedData = existsSync(join(sharedDataDir, 'orcl-1995-2014.txt'));
if (!hasSharedData && process.env['QT_REQUIRE_SHARED_DATA'] === '1') throw new Error(`QT_REQUIRE_SHARED_DATA=1 but ${sharedDataDir} has no orcl-1995-2014.txt`);
const needsSharedData = hasSharedData ? '(real data in ../shared/data)' : '(SKIPPED: ../shared/data not found beside the repository; CI provides it)';

const work = mkdtempSync(join(tmpdir(), 'qt-wf-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.skipIf(!hasSharedData)(`qt-backtest walk-forward ${needsSharedData}`, () => {
  it('trains gradient boosting on real data and reports only out-of-sample numbers', async () => {
    const config = {
      data: ['orcl-1995-2014.txt', 'yhoo-1996-2014.txt', 'nvda-1999-2014.txt'].map((f) => join(sharedDataDir, f)),
      adjusted: true,
      features: [
        { name: 'roc5', kind: 'roc', period: 5 },
        { name: 'roc20', kind: 'roc', period: 20 },
        { name: 'rsi14', kind: 'rsi', period: 14 },
        { name: 'vol20', kind: 'volatility', period: 20 },
      ],
      label: { kind: 'forwardReturn', horizon: 5 },
      estimator: { type: 'GradientBoostingClassifier', hyperparameters: { maxIter: 25, minSamplesLeaf: 40 } },
      search: { space: { maxDepth: [2, 3] }, folds: 3, embargo: 0.01 },
      windows: { folds: 5, minTrainFolds: 2 },
      seed: 11,
      backtest: { quantiles: 3, feeBps: 1, slippageBps: 5 },
    };
    writeFileSync(join(work, 'wf.json'), JSON.stringify(config));
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(['walk-forward', '--config', 'wf.json', '--out', 'out'], { stdout: (s) => out.push(s), stderr: (s) => err.push(s), cwd: work });
    expect(err.join('')).not.toContain('error');
    expect(code).toBe(0);
    const dir = join(work, 'out');
    const metrics = JSON.parse(readFileSync(join(dir, 'metrics.json'), 'utf8'));
    const windows = metrics.windows as Array<{ train: { from: number; to: number }; test: { from: number; to: number; rows: number } }>;
    expect(windows).toHaveLength(3);
    expect(metrics.configurationsTried).toBe(3 * 2);
    for (const w of windows) expect(w.train.to).toBeLessThan(w.test.from);

    // predictions.csv holds only out-of-sample rows, each inside its own window's test span.
    const lines = readFileSync(join(dir, 'predictions.csv'), 'utf8').trim().split('\n');
    const header = lines[0]!.split(',');
    const rows = lines.slice(1).map((l) => l.split(','));
    const col = (name: string): number => header.indexOf(name);
    expect(rows.length).toBe(metrics.outOfSample.count);
    expect(rows.length).toBe(windows.reduce((s, w) => s + w.test.rows, 0));
    for (const r of rows) {
      const t = Date.parse(`${r[col('time')]}T00:00:00Z`);
      const w = windows[Number(r[col('window')]) - 1]!;
      expect(t).toBeGreaterThanOrEqual(w.test.from - 86_400_000);
      expect(t).toBeLessThanOrEqual(w.test.to + 86_400_000);
    }
    // The reported accuracy/AUC/log-loss are exactly those of the written OOS predictions.
    const proba = Float64Array.from(rows, (r) => Number(r[col('probability')]));
    const target = Float64Array.from(rows, (r) => Number(r[col('target')]));
    const recomputed = classificationMetrics(proba, target);
    expect(metrics.outOfSample.classification.accuracy).toBeCloseTo(recomputed.accuracy, 12);
    expect(metrics.outOfSample.classification.auc).toBeCloseTo(recomputed.auc, 12);
    expect(metrics.outOfSample.classification.logLoss).toBeCloseTo(recomputed.logLoss, 12);
    // No free lunch on daily OHLC features: OOS skill is near chance (an in-sample report would not be).
    expect(Math.abs(recomputed.auc - 0.5)).toBeLessThan(0.1);

    // Each window's model file loads and refuses other features.
    const model = loadModel(readFileSync(join(dir, 'model-window-01.json'), 'utf8'));
    expect(model.file.estimator.type).toBe('GradientBoostingClassifier');
    expect(model.file.features.names).toEqual(['roc5', 'roc20', 'rsi14', 'vol20']);
    expect(model.file.dataSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(() => model.predict({ data: new Float64Array(3), rows: 1, cols: 3 }, ['roc5', 'roc20', 'rsi14'])).toThrow('missing vol20');

    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html).toContain('Every number below is out of sample');
    expect(html).toContain('deflated Sharpe');
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    expect(manifest.sources).toHaveLength(3);
    for (const s of manifest.sources) expect(s.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(out.join('')).toContain('configurations tried');
  });

  it('rejects a bad config with the file, field and value', async () => {
    writeFileSync(join(work, 'bad.json'), JSON.stringify({ data: ['x.csv'], features: [{ name: 'a', kind: 'macd', period: 3 }] }));
    const err: string[] = [];
    const code = await main(['walk-forward', '--config', 'bad.json'], { stdout: () => {}, stderr: (s) => err.push(s), cwd: work });
    expect(code).toBe(2);
    expect(err.join('')).toContain('bad.json: "features[0].kind" is "macd"; expected roc | rsi | zscore | volatility | smaRatio');
  });
});

describe('qt-backtest walk-forward on the bundled fixtures', () => {
  it('trains on the 20 bundled fixture symbols (data-fixtures/daily) with triple-barrier labels', async () => {
    const config = {
      data: join(root, 'data-fixtures', 'daily'),
      adjusted: true,
      features: [
        { name: 'roc10', kind: 'roc', period: 10 },
        { name: 'z20', kind: 'zscore', period: 20 },
        { name: 'sma50', kind: 'smaRatio', period: 50 },
      ],
      label: { kind: 'tripleBarrier', horizon: 10, profitTake: 2, stopLoss: 2, volatilityWindow: 20 },
      estimator: { type: 'GradientBoostingClassifier', hyperparameters: { maxIter: 15, maxDepth: 3, minSamplesLeaf: 100 } },
      windows: { folds: 4, minTrainFolds: 2, maxTrainFolds: 2 },
      seed: 3,
    };
    writeFileSync(join(work, 'wf20.json'), JSON.stringify(config));
    const err: string[] = [];
    const code = await main(['walk-forward', '--config', 'wf20.json', '--out', 'out20', '--quiet'], { stdout: () => {}, stderr: (s) => err.push(s), cwd: work });
    expect(err.join('')).toBe('');
    expect(code).toBe(0);
    const metrics = JSON.parse(readFileSync(join(work, 'out20', 'metrics.json'), 'utf8'));
    const manifest = JSON.parse(readFileSync(join(work, 'out20', 'manifest.json'), 'utf8'));
    expect(manifest.sources).toHaveLength(20);
    expect(metrics.windows).toHaveLength(2);
    expect(metrics.configurationsTried).toBe(2);
    expect(metrics.outOfSample.count).toBe(metrics.windows.reduce((s: number, w: { test: { rows: number } }) => s + w.test.rows, 0));
    expect(metrics.outOfSample.classification.auc).toBeGreaterThan(0.3);
  });
});

describe('qt-backtest walk-forward with a network estimator (@qt-backtest/nn)', () => {
  it('trains a TF.js MLP classifier per window; its model files reload to the written predictions', async () => {
    const config = {
      data: join(root, 'data-fixtures', 'daily'),
      symbols: ['ALFA', 'BRVO', 'CHRL', 'DLTA'],
      adjusted: true,
      features: [
        { name: 'roc10', kind: 'roc', period: 10 },
        { name: 'z20', kind: 'zscore', period: 20 },
      ],
      label: { kind: 'forwardReturn', horizon: 5 },
      estimator: { type: 'NetworkClassifier', hyperparameters: { architecture: 'mlp', units: [8], epochs: 3, batchSize: 128, validationFraction: 0.2, embargo: 5, seed: 2 } },
      windows: { folds: 4, minTrainFolds: 2, maxTrainFolds: 2 },
      seed: 5,
    };
    writeFileSync(join(work, 'wfnn.json'), JSON.stringify(config));
    const err: string[] = [];
    const code = await main(['walk-forward', '--config', 'wfnn.json', '--out', 'outnn', '--quiet'], { stdout: () => {}, stderr: (s) => err.push(s), cwd: work });
    expect(err.join('')).toBe('');
    expect(code).toBe(0);
    const dir = join(work, 'outnn');
    const metrics = JSON.parse(readFileSync(join(dir, 'metrics.json'), 'utf8'));
    expect(metrics.windows).toHaveLength(2);
    expect(metrics.outOfSample.count).toBe(metrics.windows.reduce((s: number, w: { test: { rows: number } }) => s + w.test.rows, 0));
    const model = loadModel(readFileSync(join(dir, 'model-window-01.json'), 'utf8'));
    expect(model.file.estimator.type).toBe('NetworkClassifier');
    expect(model.file.features.names).toEqual(['roc10', 'z20']);
  });
});
