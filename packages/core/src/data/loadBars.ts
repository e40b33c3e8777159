/**
 * `loadBars`: the one entry point from files to checked, columnar bars. It resolves the sources,
 * reads each one (CSV through a byte-level scanner, Arrow IPC through apache-arrow, Parquet
 * through hyparquet), runs the same
 * checks on every symbol, and returns everything or throws a {@link DataError}: nothing
 * half-loaded is ever returned.
 */
import { open, readdir, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { nyseCalendar } from '../calendar/NyseCalendar.js';
import type { TradingCalendar } from '../calendar/TradingCalendar.js';
import { InvariantError } from '../errors.js';
import type { BarSeries, PriceAdjustment } from './BarSeries.js';
import { cacheKey, readCachedBars, writeCachedBars } from './barCache.js';
import type { BarLayout, ColumnMapping } from './columns.js';
import { DataError } from './DataError.js';
import type { FileRead, ReadOptions } from './FileRead.js';
import { finishBars } from './finishBars.js';
import { IssueCollector, type IssuePolicy } from './IssueCollector.js';
import { readArrow } from './readArrow.js';
import { readCsv } from './readCsv.js';
import { readParquet } from './readParquet.js';
import type { TimeFormat } from './TimeParser.js';
import type { ValidationIssue } from './ValidationIssue.js';
import type { ValidationReport } from './ValidationReport.js';

/** File endings read when a directory is given. */
const DATA_EXTENSIONS = new Set(['.csv', '.txt', '.tsv', '.arrow', '.arrows', '.feather', '.ipc', '.parquet', '.pq']);
const ARROW_EXTENSIONS = new Set(['.arrow', '.arrows', '.feather', '.ipc']);
const PARQUET_EXTENSIONS = new Set(['.parquet', '.pq']);

/** Options of {@link loadBars}; every one is optional. */
export interface LoadBarsOptions {
  /** Force the format instead of detecting it from magic bytes and the file ending. */
  readonly format?: 'csv' | 'arrow' | 'parquet';
  /** Force the layout instead of detecting it from the columns. */
  readonly layout?: BarLayout;
  /**
   * Symbol of a single-symbol file: a name, or a function of the file path. Default: the file
   * name without its ending (`data/orcl-2014.txt` → `orcl-2014`).
   */
  readonly symbol?: string | ((file: string) => string);
  /** Long and wide files: keep only these symbols. */
  readonly symbols?: readonly string[];
  /** Explicit column names by role (case-insensitive), overriding detection. */
  readonly columns?: ColumnMapping;
  /** CSV delimiter; detected from the header line when omitted. */
  readonly delimiter?: string;
  /** How time cells are written (default `auto`). */
  readonly timeFormat?: TimeFormat;
  /** IANA time zone of date-times without an offset (default `UTC`). */
  readonly timeZone?: string;
  /** `raw` (default) keeps the file's prices; `adjusted` applies the Adj Close ratio. */
  readonly adjustment?: PriceAdjustment;
  /** Calendar for gap and off-calendar checks (default NYSE); `null` turns the checks off. */
  readonly calendar?: TradingCalendar | null;
  /**
   * Severity overrides per issue code: `error` fails the load, `warning` reports and goes on,
   * `ignore` skips the check. Downgrading `unsorted_time` sorts the rows; downgrading
   * `duplicate_time` keeps the last row of a repeated time; downgrading a cell issue drops the row.
   */
  readonly validation?: IssuePolicy;
  /** Issues listed per file and code before they are only counted (default 20). */
  readonly maxIssuesPerCode?: number;
  /**
   * Directory for an Arrow cache of parsed CSVs, keyed by the file's SHA-256 and these options;
   * a second load of the same file runs at Arrow speed. `false` (default) disables it.
   */
  readonly cache?: string | false;
  /**
   * Compute each source's SHA-256 for run manifests (default `false`: on a large Arrow file the hash
   * costs about as much as the load itself). CSV files being cached are always hashed.
   */
  readonly hash?: boolean;
}

/** One source that was read. */
export interface LoadedSource {
  readonly path: string;
  readonly format: 'csv' | 'arrow' | 'parquet';
  readonly layout: BarLayout;
  /** Data rows in the source. */
  readonly rows: number;
  readonly symbols: readonly string[];
  /** SHA-256 of the source bytes (hex), when hashing was on. */
  readonly sha256: string | undefined;
  /** Whether the bars came from the Arrow cache. */
  readonly fromCache: boolean;
}

/** Checked bars of every symbol, with the validation report. */
export interface LoadedBars {
  /** Symbols in load order. */
  readonly symbols: readonly string[];
  readonly series: ReadonlyMap<string, BarSeries>;
  /** Warnings (and no errors: a load with errors throws). */
  readonly report: ValidationReport;
  readonly sources: readonly LoadedSource[];
  /**
   * One symbol's bars.
   *
   * @throws {InvariantError} for an unknown symbol.
   */
  get(symbol: string): BarSeries;
}

/** Result of {@link validateBars}: the report, and the bars when there was no error. */
export interface ValidatedBars {
  readonly report: ValidationReport;
  readonly bars: LoadedBars | null;
}

/**
 * Loads bar data from CSV, Arrow IPC or Parquet files: one file per symbol, a directory of files, a
 * long file with a symbol column, or a wide file of one price column per ticker (CSV). Only
 * regular files are read (a FIFO or a device such as /dev/zero is refused).
 *
 * @param source - a file or directory path, or a list of them
 * @param options - see {@link LoadBarsOptions}
 * @returns every symbol's checked bars and the warnings found
 * @throws {DataError} when any error-level issue is found; it names file, line, column, value and
 *   expectation, and carries the full report.
 * @example
 * const { series, report } = await loadBars('data/orcl-2014.txt', { symbol: 'ORCL' });
 * series.get('ORCL')!.close; // Float64Array(252)
 */
export async function loadBars(source: string | readonly string[], options: LoadBarsOptions = {}): Promise<LoadedBars> {
  const { report, bars } = await validateBars(source, options);
  if (bars === null) throw new DataError(report);
  return bars;
}

/**
 * Like {@link loadBars} but never throws for bad data: returns the report, and the bars only when
 * there was no error. For `qt-backtest validate` and data-quality dashboards.
 *
 * @throws {InvariantError} for contradictory options (not for bad data).
 */
export async function validateBars(
  source: string | readonly string[],
  options: LoadBarsOptions = {},
): Promise<ValidatedBars> {
  const issues = new IssueCollector(options.validation, options.maxIssuesPerCode ?? 20);
  const paths = await resolveSources(typeof source === 'string' ? [source] : source, issues);
  if (typeof options.symbol === 'string' && paths.length > 1) {
    throw new InvariantError(
      `option symbol "${options.symbol}" names one symbol but ${paths.length} files were given; pass a function of the path`,
    );
  }
  const calendar = options.calendar === undefined ? nyseCalendar : options.calendar;
  const adjustment = options.adjustment ?? 'raw';
  const series = new Map<string, BarSeries>();
  const origin = new Map<string, string>();
  const sources: LoadedSource[] = [];

  for (const path of paths) {
    const symbol =
      typeof options.symbol === 'function'
        ? options.symbol(path)
        : (options.symbol ?? basename(path, extname(path)));
    const read: ReadOptions = {
      file: path,
      issues,
      columns: options.columns ?? {},
      layout: options.layout,
      timeFormat: options.timeFormat ?? 'auto',
      timeZone: options.timeZone ?? 'UTC',
      symbol,
      symbols: options.symbols === undefined ? undefined : new Set(options.symbols),
      delimiter: options.delimiter,
      hash: options.hash === true || typeof options.cache === 'string',
    };
    const format = options.format ?? (await sniffFormat(path));
    const key = typeof options.cache === 'string' && format === 'csv' ? await cacheKey(path, { ...options, symbol }, calendar) : null;
    const cached = key === null ? null : await readCachedBars(options.cache as string, key);
    let loaded: BarSeries[];
    let fileRead: Pick<FileRead, 'format' | 'layout' | 'rows' | 'sha256'>;
    if (cached !== null) {
      for (const w of cached.warnings) issues.add(w);
      loaded = cached.series;
      fileRead = { format: 'csv', layout: cached.layout, rows: cached.rows, sha256: cached.sha256 };
    } else {
      const errorsBefore = issues.errorCount;
      const fr = format === 'arrow' ? await readArrow(path, read) : format === 'parquet' ? await readParquet(path, read) : await readCsv(path, read);
      if (fr === null) continue;
      const warningsBefore = issues.issues.length;
      loaded = [];
      for (const raw of fr.bars) {
        if (raw.length === 0) continue;
        const s = finishBars(raw, { file: path, read: fr, issues, adjustment, calendar });
        if (s !== null) loaded.push(s);
      }
      fileRead = fr;
      if (key !== null && issues.errorCount === errorsBefore) {
        const fileIssues = issues.issues.slice(warningsBefore).filter((i) => i.file === path);
        await writeCachedBars(options.cache as string, key, {
          series: loaded,
          warnings: fileIssues,
          layout: fr.layout,
          rows: fr.rows,
          sha256: fr.sha256 ?? '',
        });
      }
    }
    for (const s of loaded) {
      const previous = origin.get(s.symbol);
      if (previous !== undefined) {
        issues.add({
          code: 'duplicate_symbol',
          file: path,
          symbol: s.symbol,
          value: s.symbol,
          expected: 'each symbol from one source',
          message: `symbol "${s.symbol}" comes from both "${previous}" and "${path}"; expected each symbol from one source (name them with the symbol option)`,
        });
        continue;
      }
      origin.set(s.symbol, path);
      series.set(s.symbol, s);
    }
    sources.push({
      path,
      format: fileRead.format,
      layout: fileRead.layout,
      rows: fileRead.rows,
      symbols: loaded.map((s) => s.symbol),
      sha256: fileRead.sha256 === '' ? undefined : fileRead.sha256,
      fromCache: cached !== null,
    });
  }

  const kept = issues.issues;
  const report: ValidationReport = Object.freeze({
    ok: issues.errorCount === 0,
    errorCount: issues.errorCount,
    warningCount: issues.warningCount,
    errors: Object.freeze(kept.filter((i: ValidationIssue) => i.severity === 'error')),
    warnings: Object.freeze(kept.filter((i: ValidationIssue) => i.severity === 'warning')),
    omitted: Object.freeze(issues.omitted()),
  });
  if (!report.ok) return { report, bars: null };
  const symbols = Object.freeze([...series.keys()]);
  const bars: LoadedBars = Object.freeze({
    symbols,
    series,
    report,
    sources: Object.freeze(sources),
    get(symbol: string): BarSeries {
      const s = series.get(symbol);
      if (s === undefined) {
        throw new InvariantError(`no symbol "${symbol}" was loaded; loaded: ${symbols.map((x) => `"${x}"`).join(', ')}`);
      }
      return s;
    },
  });
  return { report, bars };
}

/** Expands directories (their data files, sorted by name) and checks that every path exists. */
async function resolveSources(sources: readonly string[], issues: IssueCollector): Promise<string[]> {
  const out: string[] = [];
  if (sources.length === 0) throw new InvariantError('loadBars needs at least one source path');
  for (const path of sources) {
    let info;
    try {
      info = await stat(path);
    } catch {
      issues.add({ code: 'unreadable', file: path, message: `no such file or directory "${path}"`, expected: 'an existing file or directory' });
      continue;
    }
    if (!info.isDirectory() && !info.isFile()) {
      issues.add({
        code: 'unreadable',
        file: path,
        message: `"${path}" is not a regular file (a FIFO, socket or device such as /dev/zero is never read: it may not end)`,
        expected: 'a regular file or a directory',
      });
      continue;
    }
    if (info.isDirectory()) {
      const names = (await readdir(path)).filter((f) => DATA_EXTENSIONS.has(extname(f).toLowerCase())).sort();
      if (names.length === 0) {
        issues.add({
          code: 'empty_file',
          file: path,
          message: `directory "${path}" holds no data files`,
          expected: `files ending in ${[...DATA_EXTENSIONS].join(', ')}`,
        });
      }
      for (const name of names) {
        const full = join(path, name);
        const entry = await stat(full).catch(() => null);
        if (entry !== null && !entry.isFile()) {
          issues.add({ code: 'unreadable', file: full, message: `"${full}" is not a regular file`, expected: 'a regular file' });
          continue;
        }
        out.push(full);
      }
    } else {
      out.push(path);
    }
  }
  return out;
}

/**
 * Arrow IPC by its magic bytes (file: `ARROW1`; stream: a 0xFFFFFFFF continuation), Parquet by
 * `PAR1`, else by the file ending.
 */
async function sniffFormat(path: string): Promise<'csv' | 'arrow' | 'parquet'> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(8);
    const { bytesRead } = await handle.read(head, 0, 8, 0);
    if (bytesRead >= 6 && head.subarray(0, 6).toString('latin1') === 'ARROW1') return 'arrow';
    if (bytesRead >= 8 && head.readUInt32LE(0) === 0xffffffff) return 'arrow';
    if (bytesRead >= 4 && head.subarray(0, 4).toString('latin1') === 'PAR1') return 'parquet';
  } finally {
    await handle.close();
  }
  const ending = extname(path).toLowerCase();
  return ARROW_EXTENSIONS.has(ending) ? 'arrow' : PARQUET_EXTENSIONS.has(ending) ? 'parquet' : 'csv';
}
