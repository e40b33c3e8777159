/**
 * `qt-backtest sweep`: every parameter set of a grid, backtested on worker threads; the trial table,
 * the best trial's full report, and its deflated Sharpe ratio given the number of trials.
 */
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { benchmarkCurve, deflatedSharpeRatio, toCsv, writeReport } from '@qt-backtest/core';
import { loadStrategy, type ParamValues } from './loadStrategy.js';
import { equityText, runId, summaryRows, table, type CliIo } from './cliOutput.js';
import { prepareData } from './prepareRun.js';
import { ProgressBar } from './ProgressBar.js';
import { runTrials, type Trial } from './runTrials.js';
import { settingsJson, UsageError, type RunSettings } from './runSettings.js';
import { gridOf, sweepAxes } from './sweepGrid.js';
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
export async function sweepCommand(settings: RunSettings, flags: { readonly json?: boolean; readonly quiet?: boolean }, io: CliIo): Promise<number> {
  if (Object.keys(settings.params).length === 0) {
    throw new UsageError('sweep needs parameter ranges: --param fast=5:50:5 --param slow=20,30,50 (or "params" in --config)');
  }
  const metric = settings.metric ?? 'sharpeRatio';
  const factory = await loadStrategy(settings.strategy, io.cwd);
  const axes = sweepAxes(factory, settings.params);
  const data = await prepareData(settings, io.cwd);

  // Inconsistent sets (e.g. fast >= slow) are skipped before any backtest, with the reason.
  const trials: Trial[] = [];
  const skipped: { readonly values: ParamValues; readonly reason: string }[] = [];
  for (const values of gridOf(axes)) {
    try {
      factory.create(values, data.traded);
      trials.push({ id: trials.length + 1, values });
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      skipped.push({ values, reason: e.message });
    }
  }
  if (trials.length === 0) {
    throw new UsageError(`no valid parameter set in the grid (${skipped.length} skipped; first: ${skipped[0]?.reason ?? 'empty grid'})`);
  }

  const setup: SweepSetup = {
    strategy: factory.file ?? factory.spec,
    cwd: io.cwd,
    series: data.series.map(seriesInit),
    traded: data.traded,
    benchmark: data.benchmark === undefined ? undefined : seriesInit(data.benchmark),
    costs: settings,
  };
  // The first set runs here, before any thread starts: it checks the setup and the metric name.
  const started = performance.now();
  const runner = await TrialRunner.create(setup);
  const first = runner.run(trials[0]!.id, trials[0]!.values);
  if (first.metrics !== undefined && !(metric in first.metrics)) {
    throw new UsageError(`--metric ${metric}: not a metric; expected one of: ${Object.keys(first.metrics).join(', ')}`);
  }
  const rest = trials.slice(1);
  const workers = Math.max(1, Math.min(settings.workers ?? availableParallelism(), rest.length));
  const bar = io.stderrIsTTY === true && flags.quiet !== true && flags.json !== true ? new ProgressBar(io.stderr, 'trials') : undefined;
  let outcomes: TrialOutcome[];
  try {
    const others = await runTrials(setup, rest, workers, bar === undefined ? undefined : (done) => bar.update(done + 1, trials.length));
    outcomes = [first, ...others];
  } finally {
    bar?.finish();
  }
  const elapsedMs = performance.now() - started;

  const failed = outcomes.filter((o) => o.error !== undefined);
  const best = bestTrial(outcomes, metric);
  if (best === undefined) {
    throw new Error(`no trial has a finite ${metric}${failed.length > 0 ? ` (${failed.length} failed; first: ${failed[0]!.error})` : ''}`);
  }
  const bestValues = trials[best.id - 1]!.values;
  const result = runner.backtest(bestValues);
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
    workers,
    elapsedMs: Math.round(elapsedMs),
    best: { trial: best.id, params: bestValues, value: best.metrics![metric]!, sharpeRatio: best.metrics!['sharpeRatio']! },
    deflatedSharpeRatio: dsr,
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
    },
  });

  if (flags.json === true) {
    io.stdout(`${JSON.stringify({ ...summary, out: outDir })}\n`);
  } else if (flags.quiet !== true) {
    const benchReturns = runner.benchmarkReturns(result);
    const m = result.metrics(benchReturns === undefined ? {} : { benchmarkReturns: benchReturns });
    io.stdout(
      table([
        ['trials', `${trials.length} run on ${workers} worker(s) in ${(elapsedMs / 1000).toFixed(2)} s${skipped.length > 0 ? `; ${skipped.length} invalid sets skipped` : ''}${failed.length > 0 ? `; ${failed.length} failed` : ''}`],
        ['best', `trial ${best.id}: ${axes.names.map((k) => `${k}=${String(bestValues[k])}`).join(' ')} (${metric} ${best.metrics![metric]!.toFixed(4)})`],
        ...summaryRows(m, equityText(result), [
          ['deflated Sharpe', `${Number.isFinite(dsr) ? dsr.toFixed(3) : 'n/a'} (probability the best Sharpe is real skill, given ${ran} trials)`],
          ['report', outDir],
        ]),
      ]),
    );
  }
  return 0;
}
