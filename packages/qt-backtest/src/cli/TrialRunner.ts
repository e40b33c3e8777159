/**
 * Runs one sweep trial — a backtest with one parameter set — and keeps only its metrics. The
 * same code runs in worker threads and, for the best trial and for `--workers 1`, in the main one.
 */
import {
  backtest,
  benchmarkCurve,
  benchmarkReturns,
  createBarSeries,
  type BacktestResult,
  type BarSeries,
  type BarSeriesInit,
} from '@qt-backtest/core';
import { loadStrategy, type ParamValues, type StrategyFactory } from './loadStrategy.js';
import { costModels, type CostSettings } from './prepareRun.js';

/** What a worker needs to run trials: plain data only (it crosses the thread boundary). */
export interface SweepSetup {
  /** `--strategy` as given, and the directory it is relative to. */
  readonly strategy: string;
  readonly cwd: string;
  readonly series: readonly BarSeriesInit[];
  readonly traded: readonly string[];
  readonly benchmark: BarSeriesInit | undefined;
  readonly costs: CostSettings;
  /** Keep each trial's per-bar returns (for the overfitting statistics and walk-forward); default false. */
  readonly keepReturns?: boolean;
}

/** One trial's outcome: its metrics, or why it could not run. */
export interface TrialOutcome {
  readonly id: number;
  readonly metrics?: Readonly<Record<string, number>>;
  readonly error?: string;
  /** Per-bar simple returns of the equity curve, when the setup keeps them. */
  readonly returns?: Float64Array;
}

/** The plain-data form of a series (structured-clone friendly). */
export function seriesInit(s: BarSeries): BarSeriesInit {
  return {
    symbol: s.symbol,
    time: s.time,
    open: s.open,
    high: s.high,
    low: s.low,
    close: s.close,
    volume: s.volume,
    fields: s.fields,
    frequency: s.frequency,
    adjustment: s.adjustment,
    source: s.source,
  };
}

/** Runs trials on one copy of the data. */
export class TrialRunner {
  readonly #factory: StrategyFactory;
  readonly #setup: SweepSetup;
  readonly #series: readonly BarSeries[];
  readonly #benchmark: BarSeries | undefined;
  #benchReturns: Float64Array | undefined;

  private constructor(factory: StrategyFactory, setup: SweepSetup) {
    this.#factory = factory;
    this.#setup = setup;
    this.#series = setup.series.map((s) => createBarSeries(s));
    this.#benchmark = setup.benchmark === undefined ? undefined : createBarSeries(setup.benchmark);
  }

  /** Loads the strategy (a user file is imported once per runner). */
  static async create(setup: SweepSetup): Promise<TrialRunner> {
    return new TrialRunner(await loadStrategy(setup.strategy, setup.cwd), setup);
  }

  /** The whole result of one parameter set. */
  backtest(values: ParamValues): BacktestResult {
    return backtest({
      data: this.#series,
      strategy: this.#factory.create(values, this.#setup.traded),
      ...costModels(this.#setup.costs),
    });
  }

  /** Benchmark returns on the result's bars (the same for every trial: computed once). */
  benchmarkReturns(result: BacktestResult): Float64Array | undefined {
    if (this.#benchmark === undefined) return undefined;
    this.#benchReturns ??= benchmarkReturns(benchmarkCurve(result.time, this.#benchmark));
    return this.#benchReturns;
  }

  /** Runs one trial; an exception becomes the trial's error (the sweep goes on). */
  run(id: number, values: ParamValues): TrialOutcome {
    try {
      const result = this.backtest(values);
      const bench = this.benchmarkReturns(result);
      const metrics = result.metrics(bench === undefined ? {} : { benchmarkReturns: bench });
      const out = { id, metrics: { ...metrics, finalEquity: result.finalEquity, fills: result.fills.length } };
      return this.#setup.keepReturns === true ? { ...out, returns: result.returns } : out;
    } catch (e) {
      return { id, error: e instanceof Error ? e.message : String(e) };
    }
  }
}
