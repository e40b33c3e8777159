/**
 * `qt-backtest sweep`: every parameter set of a grid, backtested on worker threads; the trial table,
 * the best trial's full report, and its deflated Sharpe ratio given the number of trials.
 */
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { benchmarkCurve, deflatedSharpeRatio, isoDate, toCsv, writeReport } from '@qt-backtest/core';
import { loadStrategy, type ParamValues } from './loadStrategy.js';
import { equityText, runId, summaryRows, table, type CliIo } from './cliOutput.js';
import { prepareData } from './prepareRun.js';
import { ProgressBar } from './ProgressBar.js';
import { LocalSweepExecutor } from '../sweep/LocalSweepExecutor.js';
import { RedisSweepExecutor } from '../sweep/RedisSweepExecutor.js';
import type { SweepDataSettings, SweepExecutor, SweepSpec, SweepTrial } from '../sweep/SweepExecutor.js';
import { sha256Hex, trialKey } from '../sweep/trialKey.js';
import { probabilityOfBacktestOverfitting } from '../sweep/probabilityOfBacktestOverfitting.js';
import { RandomSearch } from '../sweep/RandomSearch.js';
import type { ChoiceDimension, Observation, ParamSet, RangeDimension, SearchSpace } from '../sweep/SearchSpace.js';
import { TpeSearch } from '../sweep/TpeSearch.js';
import { walkForwardFromReturns, walkForwardWindows, type WalkForwardResult } from '../sweep/walkForward.js';
import { settingsJson, UsageError, type RunSettings } from './runSettings.js';
import { gridOf, sweepAxes, type SweepAxes } from './sweepGrid.js';
import { seriesInit, TrialRunner, type SweepSetup, type TrialOutcome } from './TrialRunner.js';

/** Metrics where lower is better; every other metric is maximised (drawdowns are negative numbers). */
export const MINIMISED_METRICS: ReadonlySet<string> = new Set(['annualVolatility', 'downsideRisk', 'turnover', 'feesPaid', 'maxGrossExposure', 'averageGrossExposure']);

/** Picks the best finite value of `metric`; ties go to the earlier trial. */
export function bestTrial(outcomes: readonly TrialOutcome[], metric: string): TrialOutcome | undefined {
  const sign = MINIMISED_METRICS.has(metric) ? -1 : 1;
  let best: TrialOutcome | undefined;
  for (const o of outcomes) {
    const v = o.metrics?.[metric];
    if (v === undefined || !Number.isFinite(v)) continue;
    if (best === undefined || sign * v > sign * best.metrics![metric]!) best = o;
  }
  return best;
}

/**
 * Runs the sweep and writes its output directory atomically: the best trial's report files
 * (its manifest records the trial count) plus `trials.csv` and `trials.json`.
 */
export async function sweepCommand(
  settings: RunSettings,
  flags: { readonly json?: boolean; readonly quiet?: boolean; readonly executor?: string; readonly search?: 'grid' | 'random' | 'tpe'; readonly budget?: number },
  io: CliIo,
): Promise<number> {
  if (Object.keys(settings.params).length === 0) {
    throw new UsageError('sweep needs parameter ranges: --param fast=5:50:5 --param slow=20,30,50 (or "params" in --config)');
  }
  const metric = settings.metric ?? 'sharpeRatio';
  const factory = await loadStrategy(settings.strategy, io.cwd);
  const axes = sweepAxes(factory, settings.params);
  const data = await prepareData(settings, io.cwd);

  // What identifies every trial: the strategy (a file by its contents too), the data by hash, the
  // settings that change results, the seed and the library version (trialKey).
  const dataSettings: SweepDataSettings = {
    data: settings.data,
    symbol: settings.symbol,
    adjusted: settings.adjusted,
    from: settings.from,
    to: settings.to,
    benchmark: settings.benchmark,
    cash: settings.cash,
    feePct: settings.feePct,
    feePerShare: settings.feePerShare,
    feeMin: settings.feeMin,
    slippageBps: settings.slippageBps,
    volumeLimit: settings.volumeLimit,
    seed: settings.seed,
  };
  const dataHashes = data.sources.map((s) => s.sha256 ?? '');
  const strategyHash = factory.file === undefined ? undefined : sha256Hex(await readFile(factory.file, 'utf8'));
  const spec: SweepSpec = { strategy: settings.strategy, settings: dataSettings, dataHashes };
  const identity = { ...dataSettings, data: undefined, seed: undefined, strategyHash };

  const setup: SweepSetup = {
    strategy: factory.file ?? factory.spec,
    cwd: io.cwd,
    series: data.series.map(seriesInit),
    traded: data.traded,
    benchmark: data.benchmark === undefined ? undefined : seriesInit(data.benchmark),
    costs: settings,
    keepReturns: true,
  };
  const sign = MINIMISED_METRICS.has(metric) ? -1 : 1;
  const method = flags.search ?? 'grid';
  const gridSize = axes.values.reduce((n, v) => n * v.length, 1);
  const budget = flags.budget ?? (method === 'grid' ? gridSize : 100);
  // Each trial's returns are kept for PBO and walk-forward while the memory stays modest.
  const keepReturns = budget * data.series[0]!.time.length <= 10_000_000;
  const runSetup: SweepSetup = { ...setup, keepReturns };
  const runSpec: SweepSpec = { ...spec, keepReturns };

  // Inconsistent sets (e.g. fast >= slow) are skipped before any backtest, with the reason.
  const trials: SweepTrial[] = [];
  const skipped: { readonly values: ParamValues; readonly reason: string }[] = [];
  const byKey = new Map<string, TrialOutcome>();
  /** The trial for a set, or undefined when the set is invalid (recorded as skipped). */
  const trialOf = (values: ParamValues): SweepTrial | undefined => {
    try {
      factory.create(values, data.traded);
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      skipped.push({ values, reason: e.message });
      return undefined;
    }
    const key = trialKey({ strategy: settings.strategy, params: values, dataHashes, seed: settings.seed ?? 0, settings: identity });
    return { id: trials.length + 1, key, values };
  };

  const started = performance.now();
  const runner = await TrialRunner.create(runSetup);
  const workers = Math.max(1, settings.workers ?? availableParallelism());
  const bar = io.stderrIsTTY === true && flags.quiet !== true && flags.json !== true ? new ProgressBar(io.stderr, 'trials') : undefined;
  let executor: SweepExecutor;
  try {
    executor = flags.executor === undefined ? new LocalSweepExecutor({ threads: workers }) : new RedisSweepExecutor({ url: flags.executor, log: (line) => io.stderr(`${line}\n`) });
  } catch (e) {
    if (e instanceof RangeError) throw new UsageError(`--executor: ${e.message}`);
    throw e;
  }
  const outcomes: TrialOutcome[] = [];
  /** Runs new trials: the very first in this thread (it checks the setup and the metric name), the rest on the executor. */
  const runTrialsOf = async (batch: SweepTrial[]): Promise<void> => {
    let rest = batch;
    if (trials.length === 0 && batch.length > 0) {
      const first = runner.run(batch[0]!.id, batch[0]!.values);
      if (first.metrics !== undefined && !(metric in first.metrics)) {
        throw new UsageError(`--metric ${metric}: not a metric; expected one of: ${Object.keys(first.metrics).join(', ')}`);
      }
      trials.push(batch[0]!);
      outcomes.push(first);
      byKey.set(batch[0]!.key, first);
      rest = batch.slice(1);
    }
    if (rest.length === 0) return;
    const done = trials.length;
    trials.push(...rest);
    const got = await executor.run({
      setup: runSetup,
      spec: runSpec,
      trials: rest,
      ...(bar === undefined ? {} : { onResult: (_o: TrialOutcome, n: number) => bar.update(done + n, Math.max(budget, done + rest.length)) }),
    });
    got.forEach((o, i) => {
      outcomes.push(o);
      byKey.set(rest[i]!.key, o);
    });
  };
  const score = (o: TrialOutcome | undefined): number => {
    const v = o?.metrics?.[metric];
    return v === undefined || !Number.isFinite(v) ? Number.NaN : sign * v;
  };

  try {
    if (method === 'grid') {
      const batch: SweepTrial[] = [];
      for (const values of gridOf(axes)) {
        if (batch.length >= budget) break;
        const t = trialOf(values);
        if (t !== undefined) batch.push({ ...t, id: batch.length + 1 });
      }
      if (batch.length === 0) {
        throw new UsageError(`no valid parameter set in the grid (${skipped.length} skipped; first: ${skipped[0]?.reason ?? 'empty grid'})`);
      }
      await runTrialsOf(batch);
    } else {
      const search = method === 'tpe' ? new TpeSearch(searchSpaceOf(axes), { seed: settings.seed ?? 0 }) : new RandomSearch(searchSpaceOf(axes), { seed: settings.seed ?? 0 });
      const history: Observation[] = [];
      const batchSize = flags.executor === undefined ? Math.max(4, 2 * workers) : 16;
      let stale = 0;
      while (trials.length < budget && stale < 20) {
        const proposed = search.propose(Math.min(batchSize, budget - trials.length), history).map((p) => snapToAxes(p, axes));
        if (proposed.length === 0) break;
        const batch: SweepTrial[] = [];
        const seen = new Set<string>();
        for (const values of proposed) {
          const t = trialOf(values);
          if (t === undefined) {
            history.push({ params: values, score: Number.NaN });
            continue;
          }
          const previous = byKey.get(t.key);
          if (previous !== undefined || seen.has(t.key)) {
            // Already tried: its score informs the search again, but it is not a new trial.
            history.push({ params: values, score: score(previous) });
            continue;
          }
          seen.add(t.key);
          batch.push({ ...t, id: trials.length + batch.length + 1 });
        }
        stale = batch.length === 0 ? stale + 1 : 0;
        await runTrialsOf(batch);
        for (const t of batch) history.push({ params: t.values, score: score(byKey.get(t.key)) });
      }
      if (trials.length === 0) throw new UsageError(`the ${method} search found no valid parameter set (${skipped.length} skipped; first: ${skipped[0]?.reason ?? 'none'})`);
    }
  } finally {
    bar?.finish();
    await executor.close();
  }
  const elapsedMs = performance.now() - started;

  const failed = outcomes.filter((o) => o.error !== undefined);
  const best = bestTrial(outcomes, metric);
  if (best === undefined) {
    throw new Error(`no trial has a finite ${metric}${failed.length > 0 ? ` (${failed.length} failed; first: ${failed[0]!.error})` : ''}`);
  }
  const bestValues = trials[best.id - 1]!.values;
  const result = runner.backtest(bestValues);
  const overfitting = overfittingReport(trials, outcomes, result.time);
  // Per-period Sharpe ratios of every trial that ran: the search the deflated Sharpe ratio corrects for.
  const trialSharpes = Float64Array.from(outcomes, (o) => (o.metrics === undefined ? Number.NaN : o.metrics['sharpeRatio']! / Math.sqrt(o.metrics['periodsPerYear']!)));
  const ran = trialSharpes.filter((s) => !Number.isNaN(s)).length;
  const dsr = deflatedSharpeRatio(result.returns, { trialSharpes });
  const bench = data.benchmark === undefined ? undefined : { name: data.benchmark.symbol, equity: benchmarkCurve(result.time, data.benchmark) };

  const metricNames = Object.keys(outcomes.find((o) => o.metrics !== undefined)?.metrics ?? {});
  const rows = outcomes.map((o) => {
    const values = trials[o.id - 1]!.values;
    return [o.id, ...axes.names.map((k) => values[k]), ...metricNames.map((k) => o.metrics?.[k]), o.error ?? ''];
  });
  const summary = {
    metric,
    trials: trials.length,
    trialsWithSharpe: ran,
    skipped: skipped.length,
    failed: failed.length,
    workers: flags.executor === undefined ? Math.max(1, Math.min(workers, trials.length - 1)) : 0,
    executor: executor.name,
    search: { method, budget, ...(method === 'grid' ? {} : { seed: settings.seed ?? 0 }) },
    elapsedMs: Math.round(elapsedMs),
    best: { trial: best.id, params: bestValues, value: best.metrics![metric]!, sharpeRatio: best.metrics!['sharpeRatio']! },
    deflatedSharpeRatio: dsr,
    probabilityOfBacktestOverfitting: overfitting.pbo,
    walkForward: overfitting.walkForward === undefined ? null : overfitting.walkForward.summary,
  };
  const trialsJson = {
    ...summary,
    grid: Object.fromEntries(axes.names.map((k, i) => [k, axes.values[i]])),
    results: outcomes.map((o) => ({ trial: o.id, params: trials[o.id - 1]!.values, ...(o.metrics === undefined ? { error: o.error } : { metrics: o.metrics }) })),
    skippedSets: skipped,
  };
  const outDir = resolve(io.cwd, settings.out ?? `qt-out/sweep-${runId(settings.strategy)}`);
  await writeReport(result, outDir, {
    sources: data.sources,
    trials: ran,
    config: { ...settingsJson(settings), sweep: summary },
    ...(bench === undefined ? {} : { benchmark: bench }),
    tearSheet: {
      title: `${result.strategy} sweep: best of ${trials.length} trials`,
      prices: data.series.filter((s) => s.symbol !== data.benchmark?.symbol),
      sweep: {
        metric,
        swept: axes.names.filter((_, i) => (axes.values[i]?.length ?? 0) > 1),
        trials: trialsJson.results,
        best: best.id,
        deflatedSharpeRatio: dsr,
        skipped: skipped.length,
      },
    },
    files: {
      'trials.csv': () => toCsv(['trial', ...axes.names, ...metricNames, 'error'], rows),
      'trials.json': () => `${JSON.stringify(trialsJson, null, 2)}\n`,
      ...(overfitting.walkForward === undefined
        ? {}
        : {
            'walk-forward.csv': () => overfitting.walkForward!.windowsCsv(axes.names),
            'oos-equity.csv': () => overfitting.walkForward!.equityCsv(),
          }),
    },
  });

  if (flags.json === true) {
    io.stdout(`${JSON.stringify({ ...summary, out: outDir })}\n`);
  } else if (flags.quiet !== true) {
    const benchReturns = runner.benchmarkReturns(result);
    const m = result.metrics(benchReturns === undefined ? {} : { benchmarkReturns: benchReturns });
    io.stdout(
      table([
        ['trials', `${trials.length} run on ${flags.executor === undefined ? `${workers} worker(s)` : executor.name} in ${(elapsedMs / 1000).toFixed(2)} s${skipped.length > 0 ? `; ${skipped.length} invalid sets skipped` : ''}${failed.length > 0 ? `; ${failed.length} failed` : ''}`],
        ['best', `trial ${best.id}: ${axes.names.map((k) => `${k}=${String(bestValues[k])}`).join(' ')} (${metric} ${best.metrics![metric]!.toFixed(4)})`],
        ...summaryRows(m, equityText(result), [
          ['deflated Sharpe', `${Number.isFinite(dsr) ? dsr.toFixed(3) : 'n/a'} (probability the best Sharpe is real skill, given ${ran} trials)`],
          ['overfitting', overfitting.pbo === null ? 'n/a (needs 2+ trials with returns)' : `PBO ${overfitting.pbo.value.toFixed(3)} (CSCV, ${overfitting.pbo.partitions} blocks, ${overfitting.pbo.splits} splits: how often the in-sample best is below the median out of sample)`],
          [
            'walk-forward',
            overfitting.walkForward === undefined
              ? 'n/a (too few bars or no scoring trial)'
              : `${overfitting.walkForward.summary.windows} out-of-sample windows: return ${(overfitting.walkForward.summary.totalReturn * 100).toFixed(2)}%, OOS Sharpe ${overfitting.walkForward.summary.sharpeRatio.toFixed(3)} (walk-forward.csv, oos-equity.csv)`,
          ],
          ['report', outDir],
        ]),
      ]),
    );
  }
  return 0;
}

/** A sweep axis list as a search space: numeric lists as ranges (integers when all are), others as choices. */
export function searchSpaceOf(axes: SweepAxes): SearchSpace {
  const space: Record<string, RangeDimension | ChoiceDimension> = {};
  axes.names.forEach((name, i) => {
    const values = axes.values[i]!;
    if (values.length > 1 && values.every((v) => typeof v === 'number')) {
      const xs = values as readonly number[];
      space[name] = { low: Math.min(...xs), high: Math.max(...xs), integer: xs.every(Number.isInteger) };
    } else {
      space[name] = { values };
    }
  });
  return space;
}

/** A proposed set moved onto the axis values (the nearest listed value of each numeric axis). */
export function snapToAxes(params: ParamSet, axes: SweepAxes): ParamValues {
  const out: Record<string, number | boolean | string> = {};
  axes.names.forEach((name, i) => {
    const values = axes.values[i]!;
    const v = params[name]!;
    if (typeof v !== 'number' || values.length === 0 || typeof values[0] !== 'number') {
      out[name] = v;
      return;
    }
    let best = values[0] as number;
    for (const x of values as readonly number[]) if (Math.abs(x - v) < Math.abs(best - v)) best = x;
    out[name] = best;
  });
  return out as ParamValues;
}

/** Per-period Sharpe ratio (ddof 1) of some returns; NaN when flat. */
function periodSharpe(r: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < r.length; i++) s += r[i]!;
  const mean = s / r.length;
  let ss = 0;
  for (let i = 0; i < r.length; i++) ss += (r[i]! - mean) ** 2;
  const sd = Math.sqrt(ss / (r.length - 1));
  return sd > 0 ? mean / sd : Number.NaN;
}

/** What the sweep reports about overfitting: PBO (CSCV) and a walk-forward of the trials. */
interface OverfittingReport {
  readonly pbo: { readonly value: number; readonly partitions: number; readonly splits: number } | null;
  readonly walkForward:
    | {
        readonly summary: { readonly windows: number; readonly totalReturn: number; readonly sharpeRatio: number; readonly chosenTrials: readonly number[] };
        windowsCsv(names: readonly string[]): string;
        equityCsv(): string;
      }
    | undefined;
}

/**
 * PBO by CSCV over the trials' per-bar returns (16 blocks, or 10 beyond 480 trials to bound the
 * work), and a rolling walk-forward: 5 windows, in-sample 2/7 of the bars, out-of-sample 1/7 each,
 * the trial with the best in-sample per-period Sharpe ratio traded on the next window (each trial
 * runs continuously, so indicators and positions are warm at every window start).
 */
function overfittingReport(trials: readonly SweepTrial[], outcomes: readonly TrialOutcome[], time: Float64Array): OverfittingReport {
  const usable = outcomes.filter((o) => o.metrics !== undefined && o.returns !== undefined && o.returns.every(Number.isFinite));
  if (usable.length < 2) return { pbo: null, walkForward: undefined };
  const returns = usable.map((o) => o.returns!);
  const T = returns[0]!.length;
  const periodsPerYear = usable[0]!.metrics!['periodsPerYear'] ?? 252;
  const partitions = usable.length <= 480 ? 16 : 10;
  let pbo: OverfittingReport['pbo'] = null;
  if (Math.floor(T / partitions) >= 2) {
    const r = probabilityOfBacktestOverfitting(returns, { partitions });
    pbo = { value: r.pbo, partitions, splits: r.splits };
  }
  const oos = Math.floor(T / 7);
  if (oos < 2) return { pbo, walkForward: undefined };
  let wf: WalkForwardResult<number>;
  try {
    wf = walkForwardFromReturns(returns, walkForwardWindows(T, { inSample: 2 * oos, outOfSample: oos }), periodSharpe);
  } catch (e) {
    if (e instanceof RangeError) return { pbo, walkForward: undefined };
    throw e;
  }
  const day = (t: number): string => isoDate(time[t]!);
  const chosenTrials = wf.steps.map((s) => usable[s.chosen]!.id);
  return {
    pbo,
    walkForward: {
      summary: { windows: wf.steps.length, totalReturn: wf.equity[wf.equity.length - 1]! - 1, sharpeRatio: periodSharpe(wf.returns) * Math.sqrt(periodsPerYear), chosenTrials },
      windowsCsv: (names) =>
        toCsv(
          ['window', 'inSampleFrom', 'inSampleTo', 'outOfSampleFrom', 'outOfSampleTo', 'trial', ...names, 'inSampleSharpe', 'outOfSampleReturn'],
          wf.steps.map((s, k) => {
            const trial = trials[chosenTrials[k]! - 1]!;
            const growth = s.outOfSampleReturns.reduce((g, x) => g * (1 + x), 1) - 1;
            return [k + 1, day(s.window.inSample.start), day(s.window.inSample.end - 1), day(s.window.outOfSample.start), day(s.window.outOfSample.end - 1), trial.id, ...names.map((n) => trial.values[n]), s.inSampleScore, growth];
          }),
        ),
      equityCsv: () => {
        const start = wf.steps[0]!.window.outOfSample.start;
        return toCsv(['date', 'equity'], Array.from(wf.equity, (e, i) => [day(start + i), e]));
      },
    },
  };
}
