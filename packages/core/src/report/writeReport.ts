/**
 * Writes a result's report directory — all files or none.
 */
import { resultMetrics, type ResultMetricsOptions } from '../analyzer/resultMetrics.js';
import type { BacktestResult } from '../engine/BacktestResult.js';
import { createManifest, type ManifestOptions } from './RunManifest.js';
import { resultToArrow, tableBytes } from './resultToArrow.js';
import { equityCsv, fillsCsv, resultToJson, tradesCsv } from './resultToJson.js';
import { renderTearSheet, type TearSheetOptions } from './tearSheet.js';
import { writeDirectoryAtomically } from './writeDirectoryAtomically.js';

/**
 * Writes `result.json` (with the headline metrics), `report.html` (the offline tear sheet), `manifest.json`, `equity.csv`, `trades.csv`, `fills.csv` and Arrow copies
 * of the three tables into `dir`, atomically (see `writeDirectoryAtomically`).
 *
 * @returns the file names written
 * @example
 * await writeReport(result, 'qt-out/run-1', { sources: loaded.sources });
 */
export async function writeReport(
  result: BacktestResult,
  dir: string,
  options: ManifestOptions & { readonly metrics?: ResultMetricsOptions; readonly tearSheet?: TearSheetOptions } = {},
): Promise<readonly string[]> {
  const manifest = await createManifest(result, options);
  const metrics = resultMetrics(result, options.metrics);
  const tables = resultToArrow(result);
  const files = {
    'result.json': () => `${JSON.stringify({ ...resultToJson(result), metrics, manifest }, null, 2)}\n`,
    'report.html': () => renderTearSheet(result, options.tearSheet),
    'manifest.json': `${JSON.stringify(manifest, null, 2)}\n`,
    'equity.csv': () => equityCsv(result),
    'trades.csv': () => tradesCsv(result),
    'fills.csv': () => fillsCsv(result),
    'equity.arrow': () => tableBytes(tables.equity),
    'trades.arrow': () => tableBytes(tables.trades),
    'fills.arrow': () => tableBytes(tables.fills),
  };
  await writeDirectoryAtomically(dir, files);
  return Object.keys(files);
}
