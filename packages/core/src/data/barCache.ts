/**
 * An on-disk cache of parsed and checked CSV bars as Arrow IPC, keyed by the SHA-256 of the
 * source bytes and the load options, so a second load of an unchanged file runs at Arrow speed.
 * Entries are written atomically (temporary file, then rename; the JSON sidecar last, as the
 * commit marker): a crash never leaves an entry that reads as valid.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeVector, Table, tableFromIPC, tableToIPC } from 'apache-arrow';
import type { TradingCalendar } from '../calendar/TradingCalendar.js';
import { type BarField, type BarFrequency, type BarSeries, createBarSeries, type PriceAdjustment } from './BarSeries.js';
import type { BarLayout } from './columns.js';
import type { IssueInit } from './IssueCollector.js';
import { readWholeFile } from './readWholeFile.js';
import type { ValidationIssue } from './ValidationIssue.js';

/** Bump when the cached representation or the checks change meaning. */
const CACHE_VERSION = 1;

/** What a cache entry holds besides the bars. */
export interface CachedBars {
  readonly series: BarSeries[];
  readonly warnings: readonly IssueInit[];
  readonly layout: BarLayout;
  readonly rows: number;
  readonly sha256: string;
}

interface Sidecar {
  readonly version: number;
  readonly layout: BarLayout;
  readonly rows: number;
  readonly sha256: string;
  readonly warnings: readonly IssueInit[];
  readonly series: readonly {
    readonly symbol: string;
    readonly length: number;
    readonly fields: readonly BarField[];
    readonly frequency: BarFrequency;
    readonly adjustment: PriceAdjustment;
    readonly source: string;
  }[];
}

/** Cache key of a file under the given options: `<sha256 of bytes>-<hash of options>`. */
export async function cacheKey(path: string, options: object, calendar: TradingCalendar | null): Promise<string> {
  const hash = createHash('sha256');
  await new Promise<void>((resolve, reject) => {
    createReadStream(path, { highWaterMark: 1 << 20 })
      .on('data', (chunk) => hash.update(chunk))
      .on('end', resolve)
      .on('error', reject);
  });
  const settings = JSON.stringify({ v: CACHE_VERSION, path, calendar: calendar?.name ?? null, options }, (k, v: unknown) =>
    k === 'cache' || k === 'hash' ? undefined : typeof v === 'function' ? String(v) : v,
  );
  const optionsHash = createHash('sha256').update(settings).digest('hex').slice(0, 16);
  return `${hash.digest('hex')}-${optionsHash}`;
}

/** The cached bars for `key`, or `null` on a miss (or an entry from another cache version). */
export async function readCachedBars(dir: string, key: string): Promise<CachedBars | null> {
  let sidecar: Sidecar;
  let bytes: Buffer;
  try {
    sidecar = JSON.parse(await readFile(join(dir, `${key}.json`), 'utf8')) as Sidecar;
    if (sidecar.version !== CACHE_VERSION) return null;
    bytes = await readWholeFile(join(dir, `${key}.arrow`));
  } catch {
    return null;
  }
  const table = tableFromIPC(bytes);
  const column = (name: string): Float64Array => table.getChild(name)!.data[0]!.values as Float64Array;
  const cols = {
    time: column('time'),
    open: column('open'),
    high: column('high'),
    low: column('low'),
    close: column('close'),
    volume: column('volume'),
  };
  let at = 0;
  const series = sidecar.series.map((m) => {
    const view = (a: Float64Array): Float64Array => a.subarray(at, at + m.length);
    const s = createBarSeries({
      symbol: m.symbol,
      time: view(cols.time),
      open: view(cols.open),
      high: view(cols.high),
      low: view(cols.low),
      close: view(cols.close),
      volume: view(cols.volume),
      fields: m.fields,
      frequency: m.frequency,
      adjustment: m.adjustment,
      source: m.source,
    });
    at += m.length;
    return s;
  });
  return { series, warnings: sidecar.warnings, layout: sidecar.layout, rows: sidecar.rows, sha256: sidecar.sha256 };
}

/** Stores bars under `key`, atomically. */
export async function writeCachedBars(dir: string, key: string, entry: CachedBars): Promise<void> {
  await mkdir(dir, { recursive: true });
  const total = entry.series.reduce((n, s) => n + s.length, 0);
  const concat = (field: 'time' | 'open' | 'high' | 'low' | 'close' | 'volume'): Float64Array => {
    const out = new Float64Array(total);
    let at = 0;
    for (const s of entry.series) {
      out.set(s[field], at);
      at += s.length;
    }
    return out;
  };
  const table = new Table({
    time: makeVector(concat('time')),
    open: makeVector(concat('open')),
    high: makeVector(concat('high')),
    low: makeVector(concat('low')),
    close: makeVector(concat('close')),
    volume: makeVector(concat('volume')),
  });
  const sidecar: Sidecar = {
    version: CACHE_VERSION,
    layout: entry.layout,
    rows: entry.rows,
    sha256: entry.sha256,
    warnings: entry.warnings.map(({ severity: _s, ...rest }: IssueInit & { severity?: ValidationIssue['severity'] }) => rest),
    series: entry.series.map((s) => ({
      symbol: s.symbol,
      length: s.length,
      fields: s.fields,
      frequency: s.frequency,
      adjustment: s.adjustment,
      source: s.source,
    })),
  };
  const tmp = `.${process.pid}-${Date.now()}.tmp`;
  await writeFile(join(dir, `${key}.arrow${tmp}`), tableToIPC(table, 'file'));
  await rename(join(dir, `${key}.arrow${tmp}`), join(dir, `${key}.arrow`));
  await writeFile(join(dir, `${key}.json${tmp}`), JSON.stringify(sidecar));
  await rename(join(dir, `${key}.json${tmp}`), join(dir, `${key}.json`));
}
