/**
 * Seeded input files for the ingest benchmarks: one symbol's 1-minute bars over consecutive NYSE
 * sessions from 2015-01-02 (regular hours, 09:30–15:59 New York time), as a CSV with ISO 8601
 * timestamps carrying the New York offset, and the same bars as an Arrow IPC file. Written once
 * into `os.tmpdir()/qt-backtest-bench/` and reused while a marker file says they are complete.
 */
import { mkdir, open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  Field,
  Float64,
  RecordBatch,
  Schema,
  Struct,
  Table,
  TimestampNanosecond,
  makeData,
  tableToIPC,
} from 'apache-arrow';
import type { Data, DataType } from 'apache-arrow';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { nyseCalendar } from '@qt-backtest/core';
import { Random } from '../../data-fixtures/random.js';

/** Rows of the standard ingest files. */
export const INGEST_ROWS = 1_000_000;
/** Seed of the price path. */
export const INGEST_SEED = 1_000_000;
/** Bump when the file layout or the model changes, so stale files are regenerated. */
const FORMAT_VERSION = 2;

/** The generated files. */
export interface IngestFiles {
  readonly dir: string;
  readonly csvPath: string;
  readonly arrowPath: string;
  /** The same bars as Parquet (Snappy pages, TIMESTAMP(MILLIS, UTC) times, DOUBLE values). */
  readonly parquetPath: string;
  readonly rows: number;
  /** ISO timestamps of the first and last bar. */
  readonly first: string;
  readonly last: string;
  /** `false` when existing files were reused. */
  readonly generated: boolean;
}

/** Options of {@link ensureIngestFiles}. */
export interface IngestOptions {
  /** Default `os.tmpdir()/qt-backtest-bench`. */
  readonly dir?: string;
  /** Default {@link INGEST_ROWS}. */
  readonly rows?: number;
}

interface Marker {
  readonly version: number;
  readonly seed: number;
  readonly rows: number;
  readonly csvBytes: number;
  readonly arrowBytes: number;
  readonly parquetBytes: number;
  readonly first: string;
  readonly last: string;
}

/** Columns of the minute bars, with their ISO timestamps. */
interface MinuteBars {
  readonly iso: string[];
  readonly timeMs: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** 09:30 in minutes after midnight. */
const OPEN_MINUTE = 9 * 60 + 30;

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** `-05:00` / `-04:00` for a session whose 09:30 New York open is the UTC instant `openMs`. */
function newYorkOffset(openMs: number): string {
  const utcMinute = (((openMs % DAY_MS) + DAY_MS) % DAY_MS) / MINUTE_MS;
  const offset = OPEN_MINUTE - utcMinute; // local = UTC + offset
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}

/** A random walk of minute bars with a U-shaped intraday volatility and volume profile. */
function simulateMinutes(rows: number): MinuteBars {
  const rng = Random.derive(INGEST_SEED, 'bench:minute-bars');
  const bars: MinuteBars = {
    iso: new Array<string>(rows),
    timeMs: new Float64Array(rows),
    open: new Float64Array(rows),
    high: new Float64Array(rows),
    low: new Float64Array(rows),
    close: new Float64Array(rows),
    volume: new Float64Array(rows),
  };
  const clock = Array.from({ length: 390 }, (_, k) => `${pad2(Math.floor((OPEN_MINUTE + k) / 60))}:${pad2((OPEN_MINUTE + k) % 60)}`);
  const minuteSd = 0.014 / Math.sqrt(390);
  let price = 100;
  let row = 0;
  // 1e6 rows need ~2,570 sessions (ten years); the calendar goes to 2035.
  const labels = nyseCalendar.sessions('2015-01-02', '2035-12-31');
  for (const label of labels) {
    if (row >= rows) break;
    const session = nyseCalendar.session(label)!;
    const minutes = Math.round((session.close - session.open) / MINUTE_MS);
    const offset = newYorkOffset(session.open);
    price *= Math.exp(0.005 * rng.normal()); // overnight gap
    for (let k = 0; k < minutes && row < rows; k++, row++) {
      // Busier and more volatile near the open and the close.
      const u = 1 + 1.6 * Math.exp(-k / 25) + 0.9 * Math.exp(-(minutes - 1 - k) / 20);
      const sd = minuteSd * u * 0.75;
      const o = price;
      const r = sd * rng.normal();
      const c = o * Math.exp(r);
      const spread = Math.sqrt(r * r - 2 * sd * sd * Math.log(rng.uniformPositive()));
      const spread2 = Math.sqrt(r * r - 2 * sd * sd * Math.log(rng.uniformPositive()));
      const lo0 = Math.log(o);
      const hi = Math.exp((2 * lo0 + r + spread) / 2);
      const lo = Math.exp((2 * lo0 + r - spread2) / 2);
      const ro = Number(o.toFixed(2));
      const rc = Number(c.toFixed(2));
      bars.open[row] = ro;
      bars.close[row] = rc;
      bars.high[row] = Math.max(Number(hi.toFixed(2)), ro, rc);
      bars.low[row] = Math.max(0.01, Math.min(Number(lo.toFixed(2)), ro, rc));
      bars.volume[row] = Math.round(Math.exp(Math.log(12_000) + Math.log(u) + 0.5 * rng.normal()));
      bars.timeMs[row] = session.open + k * MINUTE_MS;
      bars.iso[row] = `${session.date}T${clock[k]}:00${offset}`;
      price = c;
    }
  }
  if (row < rows) throw new Error(`the calendar ran out of sessions after ${row} of ${rows} rows`);
  return bars;
}

async function writeCsv(path: string, bars: MinuteBars): Promise<void> {
  const file = await open(path, 'w');
  try {
    const chunk = 20_000;
    await file.write('timestamp,open,high,low,close,volume\n');
    for (let start = 0; start < bars.iso.length; start += chunk) {
      const end = Math.min(start + chunk, bars.iso.length);
      let text = '';
      for (let i = start; i < end; i++) {
        text += `${bars.iso[i]},${bars.open[i]!.toFixed(2)},${bars.high[i]!.toFixed(2)},${bars.low[i]!.toFixed(2)},${bars.close[i]!.toFixed(2)},${bars.volume[i]}\n`;
      }
      await file.write(text);
    }
  } finally {
    await file.close();
  }
}

function toArrow(bars: MinuteBars): Uint8Array {
  const length = bars.timeMs.length;
  const ns = new BigInt64Array(length);
  for (let i = 0; i < length; i++) ns[i] = BigInt(bars.timeMs[i]!) * 1_000_000n;
  const timeType = new TimestampNanosecond('UTC');
  const f64 = new Float64();
  const values = [bars.open, bars.high, bars.low, bars.close, bars.volume];
  const children: Data<DataType>[] = [
    makeData({ type: timeType, length, nullCount: 0, data: ns }),
    ...values.map((data) => makeData({ type: f64, length, nullCount: 0, data })),
  ];
  const fields = [
    new Field('timestamp', timeType, false),
    ...['open', 'high', 'low', 'close', 'volume'].map((name) => new Field(name, f64, false)),
  ];
  const schema = new Schema(fields);
  const batch = new RecordBatch(schema, makeData({ type: new Struct(fields), length, nullCount: 0, children }));
  return tableToIPC(new Table(schema, [batch]), 'file');
}

function toParquet(bars: MinuteBars): Uint8Array {
  const names = ['open', 'high', 'low', 'close', 'volume'] as const;
  const buffer = parquetWriteBuffer({
    rowGroupSize: 250_000,
    columnData: [
      { name: 'timestamp', data: BigInt64Array.from(bars.timeMs, (t) => BigInt(t)) },
      ...names.map((name) => ({ name, data: bars[name] })),
    ],
    schema: [
      { name: 'root', num_children: 6 },
      { name: 'timestamp', type: 'INT64', logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MILLIS' }, repetition_type: 'REQUIRED' },
      ...names.map((name) => ({ name, type: 'DOUBLE' as const, repetition_type: 'REQUIRED' as const })),
    ],
  });
  return new Uint8Array(buffer);
}

async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return -1;
  }
}

async function readMarker(path: string): Promise<Marker | null> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as Marker;
  } catch {
    return null;
  }
}

/**
 * Returns the ingest files, generating them first unless complete ones (same version, seed, row
 * count and sizes as the marker records) already exist.
 *
 * @example
 * const { csvPath, arrowPath } = await ensureIngestFiles();
 */
export async function ensureIngestFiles(options: IngestOptions = {}): Promise<IngestFiles> {
  const dir = options.dir ?? join(tmpdir(), 'qt-backtest-bench');
  const rows = options.rows ?? INGEST_ROWS;
  const stem = rows === INGEST_ROWS ? 'minute-bars-1m' : `minute-bars-${rows}`;
  const csvPath = join(dir, `${stem}.csv`);
  const arrowPath = join(dir, `${stem}.arrow`);
  const parquetPath = join(dir, `${stem}.parquet`);
  const markerPath = join(dir, `${stem}.json`);

  const marker = await readMarker(markerPath);
  if (
    marker !== null &&
    marker.version === FORMAT_VERSION &&
    marker.seed === INGEST_SEED &&
    marker.rows === rows &&
    marker.csvBytes === (await sizeOf(csvPath)) &&
    marker.arrowBytes === (await sizeOf(arrowPath)) &&
    marker.parquetBytes === (await sizeOf(parquetPath))
  ) {
    return { dir, csvPath, arrowPath, parquetPath, rows, first: marker.first, last: marker.last, generated: false };
  }

  await mkdir(dir, { recursive: true });
  await rm(markerPath, { force: true });
  const bars = simulateMinutes(rows);
  // Write under temporary names and rename, so an interrupted run never leaves a file that looks
  // complete.
  const suffix = `.tmp-${process.pid}`;
  await writeCsv(csvPath + suffix, bars);
  await writeFile(arrowPath + suffix, toArrow(bars));
  await writeFile(parquetPath + suffix, toParquet(bars));
  await rename(csvPath + suffix, csvPath);
  await rename(arrowPath + suffix, arrowPath);
  await rename(parquetPath + suffix, parquetPath);
  const written: Marker = {
    version: FORMAT_VERSION,
    seed: INGEST_SEED,
    rows,
    csvBytes: await sizeOf(csvPath),
    arrowBytes: await sizeOf(arrowPath),
    parquetBytes: await sizeOf(parquetPath),
    first: bars.iso[0]!,
    last: bars.iso[rows - 1]!,
  };
  await writeFile(markerPath, `${JSON.stringify(written, null, 2)}\n`);
  return { dir, csvPath, arrowPath, parquetPath, rows, first: written.first, last: written.last, generated: true };
}
