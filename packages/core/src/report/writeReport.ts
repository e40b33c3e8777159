/**
 * Writes a result's report directory — all files or none.
 */
import { benchmarkReturns } from '../analyzer/benchmarkCurve.js';
import { resultMetrics, type ResultMetricsOptions } from '../analyzer/resultMetrics.js';
import type { BacktestResult } from '../backtest/BacktestResult.js';
import { InvariantError } from '../errors.js';
import type { WriteReportOptions } from './reportOptions.js';
import { createManifest } from './RunManifest.js';
import { resultToArrow, tableBytes } from './resultToArrow.js';
import { jsonChunks } from './jsonChunks.js';
import { equityCsvChunks, fillsCsv, resultJsonDocument, tradesCsv } from './resultToJson.js';
import { renderTearSheet, type TearSheetOptions } from './tearSheet.js';
import { tearSheetExtrasToJson } from './tearSheetExtras.js';
import { writeDirectoryAtomically } from './writeDirectoryAtomically.js';

export type { WriteReportOptions } from './reportOptions.js';

/**
 * Writes `result.json` (with the headline metrics, the config, the benchmark and the data warnings
 * when given),
 * `report.html` (the offline tear sheet), `manifest.json`, `equity.csv`, `trades.csv`, `fills.csv`
 * and Arrow copies of the three tables into `dir`, atomically (see `writeDirectoryAtomically`).
 * The per-bar files are streamed in chunks, so a 10,000,000-bar result writes within bounded
 * memory; each file is produced only when it is written.
 *
 * @returns the file names written
 * @throws InvariantError when the benchmark is not aligned with `result.time`.
 * @example
 * await writeReport(result, 'qt-out/run-1', { sources: loaded.sources });
 */
export async function writeReport(result: BacktestResult, dir: string, options: WriteReportOptions = {}): Promise<readonly string[]> {
  const bench = options.benchmark;
  if (bench !== undefined && bench.equity.length !== result.time.length) {
    throw new InvariantError(`benchmark "${bench.name}" has ${bench.equity.length} values, the result has ${result.time.length} bars`);
  }
  const manifest = await createManifest(result, options);
  const metricOptions: ResultMetricsOptions =
    bench === undefined || options.metrics?.benchmarkReturns !== undefined
      ? (options.metrics ?? {})
      : { ...options.metrics, benchmarkReturns: benchmarkReturns(bench.equity) };
  const metrics = resultMetrics(result, metricOptions);
  const tearSheet: TearSheetOptions = bench === undefined || options.tearSheet?.benchmark !== undefined ? (options.tearSheet ?? {}) : { ...options.tearSheet, benchmark: bench };
  // Each table is built when its file is written and dropped after it (bounded peak memory).
  const table = (name: 'equity' | 'trades' | 'fills'): Uint8Array => tableBytes(resultToArrow(result)[name]);
  const extra = {
    ...(options.config === undefined ? {} : { config: options.config }),
    ...(bench === undefined ? {} : { benchmark: { name: bench.name, equity: bench.equity } }),
    ...(options.dataWarnings === undefined ? {} : { dataWarnings: manifest.dataWarnings }),
  };
  // Price charts, robustness re-runs and a sweep: stored so that `report` redraws the same page.
  const extras = tearSheetExtrasToJson(result, tearSheet);
  if (extras !== undefined) Object.assign(extra, { tearSheet: extras });
  const files = {
    'result.json': () => jsonChunks({ ...resultJsonDocument(result), metrics, ...extra, manifest }),
    'report.html': () => renderTearSheet(result, tearSheet),
    'manifest.json': `${JSON.stringify(manifest, null, 2)}\n`,
    'equity.csv': () => equityCsvChunks(result),
    'trades.csv': () => tradesCsv(result),
    'fills.csv': () => fillsCsv(result),
    'equity.arrow': () => table('equity'),
    'trades.arrow': () => table('trades'),
    'fills.arrow': () => table('fills'),
  };
  for (const name of Object.keys(options.files ?? {})) {
    if (name in files) throw new InvariantError(`extra report file "${name}" clashes with a file writeReport writes`);
  }
  await writeDirectoryAtomically(dir, { ...files, ...options.files });
  return [...Object.keys(files), ...Object.keys(options.files ?? {})];
}
