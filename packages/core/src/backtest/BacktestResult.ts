/**
 * What `backtest` returns: the engine's record of the run (`EngineRun`), the inferred bar
 * frequency, coded diagnostics, and methods for metrics and reports.
 */
import type { ArrowTable } from '../report/ArrowTable.js';
import type { FrequencyInfo } from '../analyzer/inferFrequency.js';
import type { ResultMetrics, ResultMetricsOptions } from '../analyzer/resultMetrics.js';
import type { EngineRun } from '../engine/EngineRun.js';
import type { WriteReportOptions } from '../report/reportOptions.js';
import type { Diagnostic } from './Diagnostic.js';

export type { Delisting, FillPolicy, OpenPosition, Ruin } from '../engine/EngineRun.js';

/** The outcome of one backtest run. Money as numbers here; the exact decimals are in `exact`. */
export interface BacktestResult extends EngineRun {
  /** The bar frequency inferred from the time index, and the annualisation it implies. */
  readonly frequency: FrequencyInfo;
  /**
   * Coded findings about the run (rejections by reason, orders never filled, open positions, ruin,
   * delistings, margin calls, suspicious data, zero trades), warnings first. Empty when there is
   * nothing to say.
   */
  readonly diagnostics: readonly Diagnostic[];
  /**
   * Headline metrics (return, risk, trade and exposure statistics; alpha/beta/information ratio
   * when `benchmarkReturns` are given), computed on demand; see `resultMetrics`. After a ruin they
   * cover the run up to the ruin bar.
   */
  metrics(options?: ResultMetricsOptions): ResultMetrics;
  /** The result as JSON-ready data (called by `JSON.stringify`); see `resultToJson`. */
  toJSON(): Record<string, unknown>;
  /** Arrow tables of the equity curve, trades and fills; see `resultToArrow`. */
  toArrow(): { readonly equity: ArrowTable; readonly trades: ArrowTable; readonly fills: ArrowTable };
  /**
   * Writes the report directory (result.json, report.html, manifest.json, CSV and Arrow tables)
   * atomically; see `writeReport` for the options (`sources` to hash into the manifest, `trials`,
   * `benchmark`, `config`).
   */
  writeReport(dir: string, options?: WriteReportOptions): Promise<readonly string[]>;
}
