/**
 * Reads Parquet files into per-symbol columns with hyparquet (pure JavaScript, no native code).
 * Uncompressed and Snappy pages are decoded by hyparquet itself; GZIP, Brotli, ZSTD, LZ4 and
 * LZ4_RAW through hyparquet-compressors, loaded only when a file uses them. The same column
 * detection, type checks and errors as for Arrow apply; positions are 0-based rows.
 */
import { createHash } from 'node:crypto';
import type { Compressors, FileMetaData, SchemaElement } from 'hyparquet';
import { QtError } from '../errors.js';
import { DAY_MS } from '../time/civil.js';
import { ZoneOffsets } from '../time/zonedTime.js';
import type { BarField } from './BarSeries.js';
import { detectColumns, unknownColumns, sourceColumnNames } from './columns.js';
import type { FileRead, ReadOptions } from './FileRead.js';
import { quoteCell } from './quoteCell.js';
import { indexColumn, rawBarsOf, type RawBars } from './RawBars.js';
import { readWholeFile } from './readWholeFile.js';
import { TimeParser } from './TimeParser.js';

/** How a time column is stored. */
type TimeKind = 'timestamp' | 'naive-timestamp' | 'date' | 'text' | 'epoch';

/** Codecs hyparquet decodes without hyparquet-compressors. */
const BUILT_IN_CODECS = new Set(['UNCOMPRESSED', 'SNAPPY']);

/** Reads one Parquet file; `null` when nothing could be read (issue recorded). */
export async function readParquet(path: string, o: ReadOptions): Promise<FileRead | null> {
  const bytes = await readWholeFile(path);
  try {
    return await readParquetBytes(bytes, o);
  } catch (err) {
    if (err instanceof QtError) throw err;
    o.issues.add({
      code: 'unreadable',
      file: o.file,
      message: `cannot decode Parquet (a truncated or corrupt file?): ${quoteCell(err instanceof Error ? err.message : String(err))}`,
      expected: 'a complete Parquet file',
    });
    return null;
  }
}

async function readParquetBytes(bytes: Buffer, o: ReadOptions): Promise<FileRead | null> {
  const { file, issues } = o;
  if (bytes.length === 0) {
    issues.add({ code: 'empty_file', file, message: 'the file is empty', expected: 'a Parquet file' });
    return null;
  }
  // Loaded on first use: CSV and Arrow loads (and CLI start-up) do not pay for it.
  const { parquetMetadata, parquetRead, parquetSchema } = await import('hyparquet');
  const buffer =
    bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
      ? (bytes.buffer as ArrayBuffer)
      : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  let metadata: FileMetaData;
  try {
    metadata = parquetMetadata(buffer as ArrayBuffer);
  } catch (err) {
    issues.add({
      code: 'unreadable',
      file,
      message: `cannot decode Parquet metadata: ${quoteCell(err instanceof Error ? err.message : String(err))}`,
      expected: 'a Parquet file (PAR1 … PAR1)',
    });
    return null;
  }
  const fields = parquetSchema(metadata).children.map((c) => c.element);
  const names = fields.map((f) => f.name);
  const cols = detectColumns(names, o.columns, o.layout);
  if ('code' in cols) {
    issues.add({ code: cols.code, file, column: cols.column, message: cols.message, expected: cols.expected });
    return null;
  }
  if (cols.layout === 'wide' || cols.time < 0) {
    issues.add({
      code: 'missing_column',
      file,
      column: cols.layout === 'wide' ? 'close' : 'time',
      message:
        cols.layout === 'wide'
          ? `no close column among the Parquet columns (${names.map((n) => quoteCell(n, 40)).join(', ')})`
          : 'separate date and time-of-day columns are supported for CSV only',
      expected: cols.layout === 'wide' ? 'a Close column (the wide layout is supported for CSV only)' : 'one timestamp column',
    });
    return null;
  }
  const unknown = unknownColumns(names, cols);
  if (unknown !== null) issues.add({ ...unknown, file });
  let badType = false;
  for (const i of [cols.open, cols.high, cols.low, cols.close, cols.adjClose, cols.volume]) {
    if (i < 0 || isNumericElement(fields[i]!)) continue;
    badType = true;
    issues.add({
      code: 'bad_column_type',
      file,
      column: names[i]!,
      value: describeType(fields[i]!),
      expected: 'a floating-point or integer column',
      message: `column ${quoteCell(names[i]!)} has Parquet type ${describeType(fields[i]!)}; expected a floating-point or integer column`,
    });
  }
  const timeKind = timeKindOf(fields[cols.time]!);
  if (timeKind === null) {
    badType = true;
    issues.add({
      code: 'bad_column_type',
      file,
      column: names[cols.time]!,
      value: describeType(fields[cols.time]!),
      expected: 'a TIMESTAMP, DATE, integer epoch or ISO string column',
      message: `column ${quoteCell(names[cols.time]!)} has Parquet type ${describeType(fields[cols.time]!)}; expected a TIMESTAMP, DATE, integer epoch or ISO string column`,
    });
  }
  if (badType || timeKind === null) return null;
  const n = Number(metadata.num_rows);
  if (n === 0) {
    issues.add({ code: 'no_rows', file, message: 'the file has no rows', expected: 'at least one row' });
    return null;
  }

  const roles = [cols.open, cols.high, cols.low, cols.close, cols.adjClose, cols.volume].filter((i) => i >= 0);
  const wanted = [cols.time, ...roles, ...(cols.symbol >= 0 ? [cols.symbol] : [])].map((i) => names[i]!);
  const numeric = new Map<string, Float64Array>(roles.map((i) => [names[i]!, new Float64Array(n)]));
  const time = new Float64Array(n);
  const timeText: (string | null)[] | null = timeKind === 'text' || timeKind === 'epoch' ? new Array<string | null>(n).fill(null) : null;
  const symbols: string[] | null = cols.symbol >= 0 ? new Array<string>(n) : null;
  const nulls: { column: string; row: number }[] = [];
  const timeName = names[cols.time]!;
  const symbolName = cols.symbol >= 0 ? names[cols.symbol]! : '';

  const compressors = await compressorsFor(metadata);
  await parquetRead({
    file: buffer as ArrayBuffer,
    metadata,
    columns: wanted,
    ...(compressors === undefined ? {} : { compressors }),
    utf8: true,
    parsers: {
      timestampFromMilliseconds: (v: bigint) => Number(v),
      timestampFromMicroseconds: (v: bigint) => floorDiv(v, 1000n),
      timestampFromNanoseconds: (v: bigint) => floorDiv(v, 1_000_000n),
      dateFromDays: (d: number) => d * DAY_MS,
    },
    onChunk: ({ columnName, columnData, rowStart, rowEnd }) => {
      const data = columnData as ArrayLike<unknown>;
      const count = Math.min(rowEnd, n) - rowStart;
      const target = numeric.get(columnName);
      if (target !== undefined) {
        for (let k = 0; k < count; k++) {
          const v = data[k];
          if (typeof v === 'number') target[rowStart + k] = v;
          else if (typeof v === 'bigint') target[rowStart + k] = Number(v);
          else if (nulls.length < 10_000) nulls.push({ column: columnName, row: rowStart + k });
        }
      }
      if (columnName === timeName) {
        for (let k = 0; k < count; k++) {
          const v = data[k];
          if (v === null || v === undefined) {
            if (nulls.length < 10_000) nulls.push({ column: columnName, row: rowStart + k });
          } else if (timeText !== null) {
            timeText[rowStart + k] = String(v);
          } else {
            time[rowStart + k] = typeof v === 'number' ? v : v instanceof Date ? v.getTime() : Number(v);
          }
        }
      }
      if (symbols !== null && columnName === symbolName) {
        for (let k = 0; k < count; k++) {
          const v = data[k];
          if (v === null || v === undefined) {
            if (nulls.length < 10_000) nulls.push({ column: columnName, row: rowStart + k });
            symbols[rowStart + k] = '';
          } else {
            symbols[rowStart + k] = String(v).trim();
          }
        }
      }
    },
  });

  for (const { column, row } of nulls) {
    issues.add({
      code: 'empty_cell',
      file,
      row,
      column,
      value: 'null',
      expected: 'a value',
      message: `column ${quoteCell(column)} is null at row ${row}; expected a value`,
    });
  }
  if (nulls.length > 0) return null;

  let day: Float64Array | null = null;
  if (timeText !== null) {
    const parser = new TimeParser(o.timeFormat, o.timeZone);
    day = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const text = timeText[i]!;
      const t = parser.parse(text);
      if (Number.isNaN(t)) {
        issues.add({
          code: 'bad_time',
          file,
          row: i,
          column: timeName,
          value: text,
          expected: parser.expected,
          message: `column ${quoteCell(timeName)} holds ${quoteCell(text)} at row ${i}, which is not a time: ${parser.error}; expected ${parser.expected}`,
        });
        return null;
      }
      time[i] = t;
      day[i] = parser.dayLabel;
    }
  } else {
    let daily = true;
    for (let i = 0; i < n && daily; i++) daily = time[i]! % DAY_MS === 0;
    if (timeKind === 'naive-timestamp' && o.timeZone !== 'UTC') {
      const zone = ZoneOffsets.of(o.timeZone);
      day = daily ? time.slice() : null;
      for (let i = 0; i < n; i++) time[i] = zone.toUtc(time[i]!);
    } else {
      day = daily ? time : null;
    }
  }

  const column = (i: number): Float64Array => (i >= 0 ? numeric.get(names[i]!)! : new Float64Array(n).fill(Number.NaN));
  const close = column(cols.close);
  const hasOhlc = cols.open >= 0;
  const all = {
    time,
    day,
    open: hasOhlc ? column(cols.open) : close,
    high: hasOhlc ? column(cols.high) : close,
    low: hasOhlc ? column(cols.low) : close,
    close,
    adjClose: cols.adjClose >= 0 ? column(cols.adjClose) : new Float64Array(0),
    volume: column(cols.volume),
    position: null,
  };
  const bars: RawBars[] = [];
  if (symbols === null) {
    bars.push(rawBarsOf(o.symbol, n, all));
  } else {
    const rowsOf = new Map<string, number[]>();
    for (let i = 0; i < n; i++) {
      const s = symbols[i]!;
      let rows = rowsOf.get(s);
      if (rows === undefined) rowsOf.set(s, (rows = []));
      rows.push(i);
    }
    for (const [symbol, rows] of rowsOf) {
      if (o.symbols !== undefined && !o.symbols.has(symbol)) continue;
      if (symbol === '') continue;
      const pick = (a: Float64Array | null): Float64Array | null => (a === null ? null : Float64Array.from(rows, (r) => a[r]!));
      const positions = indexColumn(n);
      bars.push(
        rawBarsOf(symbol, rows.length, {
          time: pick(all.time)!,
          day: pick(all.day),
          open: pick(all.open)!,
          high: pick(all.high)!,
          low: pick(all.low)!,
          close: pick(all.close)!,
          adjClose: all.adjClose.length === 0 ? all.adjClose : pick(all.adjClose)!,
          volume: pick(all.volume)!,
          position: pick(positions),
        }),
      );
    }
  }
  const barFields: BarField[] = hasOhlc ? ['open', 'high', 'low', 'close'] : ['close'];
  if (cols.volume >= 0) barFields.push('volume');
  return {
    format: 'parquet',
    layout: cols.layout,
    bars,
    fields: barFields,
    hasAdjClose: cols.adjClose >= 0,
    timeColumn: timeName,
    columnNames: sourceColumnNames(cols, names),
    positions: 'row',
    rows: n,
    sha256: o.hash ? createHash('sha256').update(bytes).digest('hex') : undefined,
  };
}

/** ⌊v / d⌋ for BigInt (BigInt division truncates toward zero), as a number. */
function floorDiv(v: bigint, d: bigint): number {
  const q = v / d;
  return Number(v < 0n && q * d !== v ? q - 1n : q);
}

/** The decompressors a file needs beyond hyparquet's own (loaded on demand: one is WebAssembly). */
async function compressorsFor(metadata: FileMetaData): Promise<Compressors | undefined> {
  for (const group of metadata.row_groups) {
    for (const chunk of group.columns) {
      const codec = chunk.meta_data?.codec;
      if (codec !== undefined && !BUILT_IN_CODECS.has(codec)) {
        const { compressors } = await import('hyparquet-compressors');
        // hyparquet's own Snappy decoder is synchronous and needs no WebAssembly: keep it.
        const { SNAPPY: _snappy, ...others } = compressors;
        return others;
      }
    }
  }
  return undefined;
}

function isNumericElement(e: SchemaElement): boolean {
  if ((e.num_children ?? 0) > 0) return false;
  const logical = e.logical_type?.type;
  if (e.type === 'DOUBLE' || e.type === 'FLOAT') return logical === undefined;
  if (e.type === 'INT32' || e.type === 'INT64') {
    const c = e.converted_type;
    return (logical === undefined || logical === 'INTEGER' || logical === 'DECIMAL') &&
      (c === undefined || c === 'DECIMAL' || c.startsWith('INT_') || c.startsWith('UINT_'));
  }
  return logical === 'FLOAT16';
}

function timeKindOf(e: SchemaElement): TimeKind | null {
  if ((e.num_children ?? 0) > 0) return null;
  const logical = e.logical_type;
  if (logical?.type === 'TIMESTAMP') return logical.isAdjustedToUTC ? 'timestamp' : 'naive-timestamp';
  if (e.converted_type === 'TIMESTAMP_MILLIS' || e.converted_type === 'TIMESTAMP_MICROS' || e.type === 'INT96') return 'timestamp';
  if (logical?.type === 'DATE' || e.converted_type === 'DATE') return 'date';
  if (e.type === 'BYTE_ARRAY' && (logical === undefined || logical.type === 'STRING') && (e.converted_type === undefined || e.converted_type === 'UTF8')) return 'text';
  if ((e.type === 'INT32' || e.type === 'INT64' || e.type === 'DOUBLE' || e.type === 'FLOAT') && (logical === undefined || logical.type === 'INTEGER')) return 'epoch';
  return null;
}

function describeType(e: SchemaElement): string {
  if ((e.num_children ?? 0) > 0) return 'group (nested)';
  const parts = [e.type ?? '?'];
  if (e.logical_type !== undefined) parts.push(e.logical_type.type);
  else if (e.converted_type !== undefined) parts.push(e.converted_type);
  return parts.join(' ');
}
