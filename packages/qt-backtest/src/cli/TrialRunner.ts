/**
 * Runs one sweep trial — a backtest with one parameter set — and keeps only its metrics. The
 * same code runs in worker threads and, for the best trial and for `--workers 1`, in the main one.
 */
import {
  backtest,
  benchmarkCurve,
  benchmarkReturns,
  createBarSeries,
  equityReturns,
  Ledger,
  resultMetrics,
  type MetricsInput,
  type BacktestResult,
  type BarSeries,
  type BarSeriesInit,
} from '@qt-backtest/core';
import { loadStrategy, type ParamValues, type StrategyFactory } from './loadStrategy.js';
import { costModels, type CostSettings } from './prepareRun.js';
import { BatchData } from '../batch/BatchData.js';
import { BATCH_STRATEGIES, tryRunBatch } from '../batch/runBatch.js';
import type { StrategyParamValues } from '../strategies/registry.js';

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
  /** The batch path's data when the strategy and costs allow it (see {@link TrialRunner.usesBatchPath}). */
  readonly #batch: BatchData | undefined;

  private constructor(factory: StrategyFactory, setup: SweepSetup) {
    this.#factory = factory;
    this.#setup = setup;
    this.#series = setup.series.map((s) => createBarSeries(s));
    this.#benchmark = setup.benchmark === undefined ? undefined : createBarSeries(setup.benchmark);
    const batchable = factory.file === undefined && BATCH_STRATEGIES.includes(factory.spec) && setup.costs.volumeLimit === undefined;
    this.#batch = batchable ? new BatchData(this.#series) : undefined;
  }

  /**
   * Whether trials run on the batch path: a built-in with one and no volume limit. Its fills and
   * equity equal the engine's bit for bit (packages/tests/src/batch parity test), so the metrics
   * are the same (a set that would ruin the account runs on the engine); the best trial's report
   * is always re-run on the engine.
   */
  get usesBatchPath(): boolean {
    return this.#batch !== undefined;
  }

  /** What the metrics read, from the batch path: its fills replayed through the exact ledger for trades and totals. */
  #batchResult(values: ParamValues): (MetricsInput & { readonly finalEquity: number; readonly returns: Float64Array }) | undefined {
    const costs = costModels(this.#setup.costs);
    const r = tryRunBatch(this.#factory.spec, values as StrategyParamValues, this.#setup.traded, this.#batch!, {
      ...(costs.cash === undefined ? {} : { cash: costs.cash }),
      ...(costs.fees === undefined ? {} : { fees: costs.fees }),
      ...(costs.slippage === undefined ? {} : { slippage: costs.slippage }),
      exposure: true,
    });
    // Refused (the account would be ruined): the event engine runs the set.
    if (r === undefined) return undefined;
    const initialCash = costs.cash ?? 100_000;
    const ledger = new Ledger(initialCash);
    for (const f of r.fills) ledger.applyFill({ orderId: f.orderId, symbol: f.symbol, side: f.side, quantity: f.quantity, price: f.price, fee: f.fee, time: f.time });
    const symbols = this.#batch!.panel.symbols;
    const last = new Map(symbols.map((s, i) => [s, r.lastPrice[i]!]));
    const totals = ledger.totals();
    return {
      time: r.time,
      equity: r.equity,
      longValue: r.longValue,
      shortValue: r.shortValue,
      fills: r.fills,
      trades: ledger.trades,
      initialCash,
      totals: { fees: Number(totals.fees), borrow: Number(totals.borrow), interest: Number(totals.interest) },
      finalEquity: Number(ledger.equity((s) => (Number.isNaN(last.get(s)!) ? 0 : last.get(s)!))),
      returns: equityReturns({ equity: r.equity, initialCash }),
    };
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
  benchmarkReturns(result: Pick<BacktestResult, 'time'>): Float64Array | undefined {
    if (this.#benchmark === undefined) return undefined;
    this.#benchReturns ??= benchmarkReturns(benchmarkCurve(result.time, this.#benchmark));
    return this.#benchReturns;
  }

  /** Runs one trial; an exception becomes the trial's error (the sweep goes on). */
  run(id: number, values: ParamValues): TrialOutcome {
    try {
      const result = (this.#batch !== undefined ? this.#batchResult(values) : undefined) ?? this.backtest(values);
      const bench = this.benchmarkReturns(result);
      const metrics = resultMetrics(result, bench === undefined ? {} : { benchmarkReturns: bench });
      const out = { id, metrics: { ...metrics, finalEquity: result.finalEquity, fills: result.fills.length } };
      return this.#setup.keepReturns === true ? { ...out, returns: result.returns } : out;
    } catch (e) {
      return { id, error: e instanceof Error ? e.message : String(e) };
    }
  }
}
