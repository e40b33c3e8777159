/**
 * The run manifest written with every result: what produced it, from which exact data, under which
 * policies — enough to reproduce the run or to tell that an input changed.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { BacktestResult, FillPolicy } from '../backtest/BacktestResult.js';
import { VERSION } from '../version.js';
import type { ManifestOptions } from './reportOptions.js';
import { timeFormatter } from './resultToJson.js';

export type { ManifestOptions } from './reportOptions.js';

/** One input data file and its content hash. */
export interface ManifestSource {
  readonly path: string;
  /** SHA-256 (hex) of the file's bytes. */
  readonly sha256: string;
  readonly rows?: number;
  readonly symbols?: readonly string[];
}

/** Everything recorded about one run. */
export interface RunManifest {
  readonly library: { readonly name: 'qt-backtest'; readonly version: string };
  /** When the manifest was written (ISO instant; the only field that differs between identical runs). */
  readonly createdAt: string;
  readonly strategy: { readonly name: string; readonly params: Readonly<object> };
  readonly initialCash: number;
  readonly seed: number;
  readonly fillPolicy: FillPolicy;
  readonly symbols: readonly string[];
  readonly start: string;
  readonly end: string;
  readonly bars: number;
  readonly data: readonly ManifestSource[];
  readonly wallTimeMs: number;
  /** Trials behind this result when it came from an optimisation (parameter sweep). */
  readonly trials?: number;
  /** The data loader's warnings: their total, and the listed ones (code, location, message). */
  readonly dataWarnings?: { readonly count: number; readonly issues: readonly ManifestIssue[] };
}

/** One data warning as recorded in the manifest. */
export interface ManifestIssue {
  readonly code: string;
  readonly message: string;
  readonly file: string;
  readonly line?: number;
  readonly row?: number;
  readonly column?: string;
  readonly symbol?: string;
}


/** SHA-256 (hex) of a file, streamed. */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  await new Promise<void>((resolve, reject) => {
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', resolve)
      .on('error', reject);
  });
  return hash.digest('hex');
}

/**
 * Builds the manifest of a result.
 *
 * @example
 * const manifest = await createManifest(result, { sources: loaded.sources });
 */
export async function createManifest(result: BacktestResult, options: ManifestOptions = {}): Promise<RunManifest> {
  const fmt = timeFormatter(result.time);
  const data: ManifestSource[] = [];
  for (const s of options.sources ?? []) {
    data.push({
      path: s.path,
      sha256: s.sha256 ?? (await sha256File(s.path)),
      ...(s.rows === undefined ? {} : { rows: s.rows }),
      ...(s.symbols === undefined ? {} : { symbols: s.symbols }),
    });
  }
  const n = result.time.length;
  return {
    library: { name: 'qt-backtest', version: VERSION },
    createdAt: new Date().toISOString(),
    strategy: { name: result.strategy, params: result.params },
    initialCash: result.initialCash,
    seed: result.policy.seed,
    fillPolicy: result.policy,
    symbols: result.symbols,
    start: n > 0 ? fmt(result.time[0]!) : '',
    end: n > 0 ? fmt(result.time[n - 1]!) : '',
    bars: n,
    data,
    wallTimeMs: result.wallTimeMs,
    ...(options.trials === undefined ? {} : { trials: options.trials }),
    ...(options.dataWarnings === undefined
      ? {}
      : {
          dataWarnings: {
            count: options.dataWarnings.warningCount,
            issues: options.dataWarnings.warnings.map((w) => ({
              code: w.code,
              message: w.message,
              file: w.file,
              ...(w.line === undefined ? {} : { line: w.line }),
              ...(w.row === undefined ? {} : { row: w.row }),
              ...(w.column === undefined ? {} : { column: w.column }),
              ...(w.symbol === undefined ? {} : { symbol: w.symbol }),
            })),
          },
        }),
  };
}
