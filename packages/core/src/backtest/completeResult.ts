/**
 * Turns an engine record (plus its frequency and diagnostics) into a `BacktestResult` with the
 * metric and report methods. The one place where the engine's output meets the analyzer and the
 * report layer.
 */
import type { FrequencyInfo } from '../analyzer/inferFrequency.js';
import { resultMetrics, type ResultMetricsOptions } from '../analyzer/resultMetrics.js';
import type { EngineRun } from '../engine/EngineRun.js';
import type { WriteReportOptions } from '../report/reportOptions.js';
import { resultToArrow } from '../report/resultToArrow.js';
import { resultToJson } from '../report/resultToJson.js';
import { writeReport } from '../report/writeReport.js';
import type { BacktestResult } from './BacktestResult.js';
import type { Diagnostic } from './Diagnostic.js';

/**
 * A frozen `BacktestResult` from an engine run: the run's fields, `frequency`, `diagnostics`, and
 * `metrics()`, `toJSON()`, `toArrow()`, `writeReport()`.
 *
 * @example
 * const result = completeResult(new BacktestEngine(config).run(), inferFrequency(time), []);
 */
export function completeResult(run: EngineRun, frequency: FrequencyInfo, diagnostics: readonly Diagnostic[]): BacktestResult {
  const result: BacktestResult = Object.freeze({
    ...run,
    frequency,
    diagnostics: Object.freeze(diagnostics.slice()),
    metrics: (options?: ResultMetricsOptions) => resultMetrics(result, { periodsPerYear: frequency.periodsPerYear, ...options }),
    toJSON: () => resultToJson(result),
    toArrow: () => resultToArrow(result),
    writeReport: (dir: string, options?: WriteReportOptions) => writeReport(result, dir, options),
  });
  return result;
}
