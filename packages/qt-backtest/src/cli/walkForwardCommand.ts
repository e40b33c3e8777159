/**
 * `qt-backtest walk-forward --config wf.json [--out DIR]`: features → labels → walk-forward
 * training with inner purged CV → stitched out-of-sample predictions → a backtest of the
 * prediction alpha with costs and its deflated Sharpe. Writes predictions (CSV), each window's
 * model file, metrics.json, report.html and a manifest. Every reported number is out of sample.
 */
import { resolve } from 'node:path';
import {
  alignBars,
  backtest,
  CompositeFee,
  deflatedSharpeRatio,
  FixedBpsSlippage,
  FrameworkStrategy,
  loadBars,
  LongShortQuantilePortfolio,
  PercentFee,
  VERSION,
  writeDirectoryAtomically,
} from '@qt-backtest/core';
import type { FeatureDefinition, PanelInput } from '@qt-backtest/features';
import { FeaturePipeline, returns, rocFeature, rollingStd, rollingZScoreFeature, rsiFeature, sma } from '@qt-backtest/features';
import type { Labels, WalkForwardResult } from '@qt-backtest/models';
import {
  buildDataset,
  createEstimator,
  featureDrift,
  forwardReturnLabels,
  hashTrainingData,
  modelFile,
  PredictionAlpha,
  predictionFeatures,
  subsetRows,
  tripleBarrierLabels,
  walkForward,
} from '@qt-backtest/models';
import type { CliIo } from './cliOutput.js';
import { table } from './cliOutput.js';
import { UsageError } from './runSettings.js';
import type { WalkForwardFileConfig, WfFeature } from './walkForwardConfig.js';
import { readWalkForwardConfig } from './walkForwardConfig.js';
import type { WalkForwardReportData } from './walkForwardReport.js';
import { renderWalkForwardReport } from './walkForwardReport.js';

/** A feature of the config as a pipeline feature definition. */
function featureDefinition(f: WfFeature): FeatureDefinition {
  switch (f.kind) {
    case 'roc':
      return rocFeature(f.period);
    case 'rsi':
      return rsiFeature(f.period);
    case 'zscore':
      return rollingZScoreFeature(f.period);
    case 'volatility':
      return { name: `volatility(${f.period})`, inputs: ['close'], batch: (c) => rollingStd(returns(c.close!, 1), f.period) };
    case 'smaRatio':
      return {
        name: `smaRatio(${f.period})`,
        inputs: ['close'],
        batch: (c) => {
          const s = sma(c.close!, f.period);
          return s.map((v, i) => c.close![i]! / v - 1);
        },
      };
  }
}

/** Estimator types that live in `@qt-backtest/nn` (TensorFlow.js), loaded only when a config names one. */
const NETWORK_TYPES = new Set(['NetworkRegressor', 'NetworkClassifier']);

/** Registers the network estimators (importing `@qt-backtest/nn` registers them) on the WASM backend. */
async function loadNetworkEstimators(config: string): Promise<void> {
  // A computed specifier: @qt-backtest/nn is an optional peer, so users who never train a network never load TF.js.
  const specifier = ['@qt-backtest', 'nn'].join('/');
  let nn: { useTensorFlowBackend(p: string): Promise<string> };
  try {
    nn = (await import(specifier)) as typeof nn;
  } catch (e) {
    throw new UsageError(`${config}: estimator network types need @qt-backtest/nn (npm install @qt-backtest/nn): ${(e as Error).message}`);
  }
  await nn.useTensorFlowBackend('auto');
}

/** Runs the command; resolves to the exit code. */
export async function walkForwardCommand(opts: { config: string; out?: string; quiet?: boolean; json?: boolean }, io: CliIo): Promise<number> {
  const configPath = resolve(io.cwd, opts.config);
  const cfg = readWalkForwardConfig(configPath);
  const outDir = resolve(io.cwd, opts.out ?? cfg.out ?? `qt-out/walk-forward-${new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}`);
  const log = (s: string): void => {
    if (opts.quiet !== true && opts.json !== true) io.stderr(s);
  };
  const started = performance.now();

  const loaded = await loadBars(cfg.data, { adjustment: cfg.adjusted ? 'adjusted' : 'raw', hash: true });
  const symbols = cfg.symbols ?? loaded.symbols;
  for (const s of symbols) if (!loaded.symbols.includes(s)) throw new UsageError(`${opts.config}: symbol "${s}" is not in the data (have ${loaded.symbols.join(', ')})`);
  const panel = alignBars(symbols.map((s) => loaded.get(s)));
  const pipeline = new FeaturePipeline();
  for (const f of cfg.features) pipeline.perSymbol(f.name, featureDefinition(f));
  const features = pipeline.compute(panel as unknown as PanelInput);
  const horizon = cfg.label.horizon;
  const labels: Labels[] = panel.symbols.map((_, k) => {
    const close = panel.fields.close[k]!;
    return cfg.label.kind === 'forwardReturn' ? forwardReturnLabels(panel.time, close, { horizon }) : tripleBarrierLabels(panel.time, close, cfg.label);
  });
  const data = buildDataset({ features, labels });
  log(`walk-forward: ${symbols.length} symbols, ${panel.time.length} bars, ${data.X.rows} samples × ${data.X.cols} features\n`);

  if (NETWORK_TYPES.has(cfg.estimator.type)) await loadNetworkEstimators(opts.config);
  const estimator = createEstimator(cfg.estimator.type, cfg.estimator.hyperparameters);
  const wf = await walkForward(data, {
    estimator,
    windows: cfg.windows,
    ...(cfg.search === undefined ? {} : { search: cfg.search }),
    sampleWeights: cfg.sampleWeights,
    seed: cfg.seed,
    onWindow: (w, k, total) => log(`window ${k + 1}/${total}: trained on ${w.train.rows} rows, predicted ${w.test.rows}\n`),
  });

  // The prediction alpha, backtested with costs on the out-of-sample span only.
  const strategy = new FrameworkStrategy({
    alpha: new PredictionAlpha({ kind: wf.classifier ? 'probability' : 'return', horizonBars: horizon }),
    portfolio: new LongShortQuantilePortfolio({ quantiles: Math.min(cfg.backtest.quantiles, Math.max(2, symbols.length)), short: cfg.backtest.short }),
    rebalance: { everyBars: horizon },
  });
  const result = backtest({
    data: panel,
    strategy,
    features: predictionFeatures(data, wf, panel.time),
    cash: cfg.backtest.cash,
    fees: new CompositeFee([new PercentFee(cfg.backtest.feeBps / 10_000)]),
    slippage: new FixedBpsSlippage(cfg.backtest.slippageBps),
  });
  const firstOos = wf.windows[0]!.test.from;
  let first = 0;
  while (first < result.time.length && result.time[first]! < firstOos) first++;
  const oosReturns = result.returns.subarray(first);
  const equity = result.equity.subarray(first);
  const periodsPerYear = result.metrics().periodsPerYear;
  const sharpe = perPeriodSharpe(oosReturns);
  const windowSharpes = wf.windows.map((w) => {
    let a = first;
    while (a < result.time.length && result.time[a]! < w.test.from) a++;
    let b = a;
    while (b < result.time.length && result.time[b]! <= w.test.to) b++;
    return perPeriodSharpe(result.returns.subarray(a, b));
  });
  const finite = windowSharpes.filter(Number.isFinite);
  const mean = finite.reduce((s, v) => s + v, 0) / Math.max(1, finite.length);
  const variance = finite.reduce((s, v) => s + (v - mean) ** 2, 0) / Math.max(1, finite.length);
  const dsr = oosReturns.length > 3 ? deflatedSharpeRatio(oosReturns, { trials: Math.max(1, wf.configurationsTried), trialSharpeVariance: variance }) : NaN;
  const backtestSummary = {
    from: result.time[first] ?? NaN,
    to: result.time[result.time.length - 1] ?? NaN,
    totalReturn: equity.length > 0 ? equity[equity.length - 1]! / equity[0]! - 1 : NaN,
    annualSharpe: sharpe * Math.sqrt(periodsPerYear),
    deflatedSharpe: dsr,
    trials: wf.configurationsTried,
    trialSharpeVariance: variance,
    trades: result.trades.length,
    feeBps: cfg.backtest.feeBps,
    slippageBps: cfg.backtest.slippageBps,
  };

  // Drift of each feature between the last training window and the last test window.
  const last = wf.windows[wf.windows.length - 1]!;
  const rowsOf = (a: number, b: number): number[] => Array.from({ length: b - a + 1 }, (_, i) => a + i);
  const drift = featureDrift(subsetRows(data, rowsOf(last.train.firstRow, last.train.lastRow)).X, subsetRows(data, rowsOf(last.test.firstRow, last.test.lastRow)).X, data.featureNames);

  const files: Record<string, string> = {};
  files['predictions.csv'] = predictionsCsv(data, wf);
  files['equity.csv'] = `time,equity\n${Array.from(equity, (e, i) => `${new Date(result.time[first + i]!).toISOString().slice(0, 10)},${e}`).join('\n')}\n`;
  wf.windows.forEach((w, k) => {
    const trainRows = rowsOf(w.train.firstRow, w.train.lastRow);
    const tr = subsetRows(data, trainRows);
    const file = modelFile(w.model, {
      featureNames: data.featureNames,
      featureDefinitions: Object.fromEntries(cfg.features.map((f) => [f.name, { kind: f.kind, period: f.period }])),
      label: data.label,
      trainingWindow: { from: w.train.from, to: w.train.to, rows: w.train.rows },
      dataSha256: hashTrainingData(tr.X, Float64Array.from(trainRows, (i) => wf.target[i]!)),
      seed: w.seed,
      oosMetrics: w.metrics,
    });
    files[`model-window-${String(k + 1).padStart(2, "0")}.json`] = `${JSON.stringify(file, null, 1)}\n`;
  });
  const metrics = {
    outOfSample: wf.metrics,
    calibration: wf.calibration,
    importanceStability: wf.importanceStability,
    configurationsTried: wf.configurationsTried,
    distinctConfigurations: wf.distinctConfigurations,
    windows: wf.windows.map((w) => ({ train: w.train, test: w.test, hyperparameters: w.hyperparameters, innerCvLoss: w.innerCvLoss, metrics: w.metrics, featureImportances: w.featureImportances === null ? null : Array.from(w.featureImportances) })),
    backtest: backtestSummary,
    drift,
  };
  files['metrics.json'] = `${JSON.stringify(metrics, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 1)}\n`;
  const reportData: WalkForwardReportData = {
    title: `${cfg.estimator.type} walk-forward on ${symbols.length} symbol(s)`,
    featureNames: data.featureNames,
    result: wf,
    backtest: backtestSummary,
    equityTime: result.time.subarray(first),
    equity,
    drift,
    searched: cfg.search === undefined ? [] : Object.keys(cfg.search.space),
  };
  files['report.html'] = renderWalkForwardReport(reportData);
  files['manifest.json'] = `${JSON.stringify(
    {
      command: 'walk-forward',
      library: { name: 'qt-backtest', version: VERSION },
      config: configPath,
      settings: cfg,
      sources: loaded.sources.map((s) => ({ path: s.path, sha256: s.sha256 })),
      seed: cfg.seed,
      configurationsTried: wf.configurationsTried,
      samples: data.X.rows,
      seconds: (performance.now() - started) / 1000,
    },
    null,
    1,
  )}\n`;
  await writeDirectoryAtomically(outDir, files);

  const ms = wf.metrics;
  if (opts.json === true) io.stdout(files['metrics.json']);
  else if (opts.quiet !== true) {
    const rows: Array<[string, string]> = [
      ['windows', String(wf.windows.length)],
      ['OOS samples', String(ms.count)],
      ['IC / rank IC', `${fmt(ms.information.ic)} / ${fmt(ms.information.rankIc)}`],
      ...(ms.classification === undefined ? [] : ([['accuracy / AUC / log-loss', `${fmt(ms.classification.accuracy)} / ${fmt(ms.classification.auc)} / ${fmt(ms.classification.logLoss)}`]] as Array<[string, string]>)),
      ...(ms.regression === undefined ? [] : ([['R² / MSE', `${fmt(ms.regression.r2)} / ${ms.regression.mse.toExponential(3)}`]] as Array<[string, string]>)),
      ['configurations tried', String(wf.configurationsTried)],
      ['OOS Sharpe (annual) / DSR', `${fmt(backtestSummary.annualSharpe)} / ${fmt(dsr)}`],
      ['report', outDir],
    ];
    io.stdout(table(rows));
  }
  return 0;
}

function fmt(x: number): string {
  return Number.isFinite(x) ? x.toFixed(4) : 'n/a';
}

function perPeriodSharpe(r: ArrayLike<number>): number {
  const n = r.length;
  if (n < 2) return NaN;
  let m = 0;
  for (let i = 0; i < n; i++) m += r[i]!;
  m /= n;
  let v = 0;
  for (let i = 0; i < n; i++) v += (r[i]! - m) ** 2;
  const sd = Math.sqrt(v / (n - 1));
  return sd > 0 ? m / sd : NaN;
}

function predictionsCsv(data: ReturnType<typeof buildDataset>, wf: WalkForwardResult): string {
  const windowOf = new Int32Array(data.X.rows).fill(-1);
  wf.windows.forEach((w, k) => {
    for (let i = w.test.firstRow; i <= w.test.lastRow; i++) if (!Number.isNaN(wf.predictions[i]!)) windowOf[i] = k + 1;
  });
  const lines = ['time,symbol,window,prediction,probability,target,label,realized_return,horizon_end'];
  for (let i = 0; i < data.X.rows; i++) {
    if (Number.isNaN(wf.predictions[i]!)) continue;
    const p = wf.probabilities === null ? '' : String(wf.probabilities[i]);
    lines.push(
      `${new Date(data.start[i]!).toISOString().slice(0, 10)},${data.symbols[data.symbol[i]!]},${windowOf[i]},${wf.predictions[i]},${p},${wf.target[i]},${data.y[i]},${data.realizedReturn[i]},${new Date(data.end[i]!).toISOString().slice(0, 10)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

export type { WalkForwardFileConfig };
