/**
 * Reads Arrow IPC (file or stream format) into per-symbol columns. Float64 columns without nulls
 * in one chunk are used in place (zero-copy); 64-bit timestamps are converted to epoch
 * milliseconds exactly, without BigInt arithmetic per row.
 */
import { createHash } from 'node:crypto';
import { type Data, Message, RecordBatchReader, type Table, type Vector, tableFromIPC, Type } from 'apache-arrow';
import type { BarField } from './BarSeries.js';
import { DAY_MS } from '../time/civil.js';
import { ZoneOffsets } from '../time/zonedTime.js';
import { QtError } from '../errors.js';
import { detectColumns, unknownColumns, sourceColumnNames } from './columns.js';
import type { FileRead, ReadOptions } from './FileRead.js';
import { quoteCell } from './quoteCell.js';
import { indexColumn, rawBarsOf, type RawBars, type RawColumns } from './RawBars.js';
import { readWholeFile } from './readWholeFile.js';
import { TimeParser } from './TimeParser.js';

const TWO_32 = 4_294_967_296;

/**
 * Epoch milliseconds from signed 64-bit integers in `unit` (0 s, 1 ms, 2 µs, 3 ns), floored to
 * the millisecond, exactly: the remainder is computed from the 32-bit halves, so no precision is
 * lost even where nanosecond values exceed 2^53.
 */
export function int64ToMs(lo32: Int32Array, length: number, unit: number, out: Float64Array): void {
  // One loop per unit keeps each loop branch-free; `%` is only used on 32-bit integers, where V8
  // emits integer arithmetic (a floating `%` is several times slower).
  if (unit === 1 || unit === 0) {
    const scale = unit === 0 ? 1000 : 1;
    for (let i = 0; i < length; i++) out[i] = (lo32[2 * i + 1]! * TWO_32 + (lo32[2 * i]! >>> 0)) * scale;
  } else if (unit === 2) {
    // Microsecond epochs stay below 2^53, so the double is exact and the floor is too.
    for (let i = 0; i < length; i++) out[i] = Math.floor((lo32[2 * i + 1]! * TWO_32 + (lo32[2 * i]! >>> 0)) / 1000);
  } else {
    for (let i = 0; i < length; i++) {
      const lo = lo32[2 * i]! >>> 0;
      const hi = lo32[2 * i + 1]!;
      // ns mod 1e6 from the halves (2^32 mod 1e6 = 967296): every product below is exact.
      let hm = hi % 1_000_000;
      if (hm < 0) hm += 1_000_000;
      const x = hm * 967_296 + lo;
      // Multiplying by 1e-6 (not exact) is much cheaper than dividing; the two corrections make
      // the remainder exact again, and the final rounding absorbs the rest (error < 0.001 ms).
      let r = x - Math.floor(x * 1e-6) * 1_000_000;
      if (r >= 1_000_000) r -= 1_000_000;
      else if (r < 0) r += 1_000_000;
      out[i] = Math.round((hi * TWO_32 + lo - r) * 1e-6);
    }
  }
}

/**
 * Whether a column's Arrow type can hold a price or volume: floating point (16, 32, 64 bits) or
 * integer. Utf8, Bool, Decimal, dictionary and nested columns are refused (their buffers are not
 * numbers: a Utf8 price column read as raw bytes gave 417 trades instead of 97).
 */
function isNumericType(vector: Vector): boolean {
  const id = (vector.type as { typeId: number }).typeId;
  return id === Type.Float || id === Type.Int;
}

/** Float64 view of a numeric column: the Arrow buffer itself when possible, else a converted copy. */
function numbers(vector: Vector): Float64Array {
  const chunks = vector.data as Data[];
  const only = chunks[0];
  if (chunks.length === 1 && only !== undefined && only.values instanceof Float64Array) {
    return only.values.length === vector.length ? only.values : only.values.subarray(0, vector.length);
  }
  const out = new Float64Array(vector.length);
  let at = 0;
  for (const chunk of chunks) {
    const v = chunk.values as ArrayLike<number | bigint>;
    const half = (chunk.type as { typeId: number; precision?: number }).typeId === Type.Float && (chunk.type as { precision?: number }).precision === 0;
    if (half) {
      // Float16 values are stored as raw 16-bit patterns: decode each.
      for (let i = 0; i < chunk.length; i++) out[at + i] = halfToNumber(v[i] as number);
    } else if (v instanceof BigInt64Array || v instanceof BigUint64Array) {
      for (let i = 0; i < chunk.length; i++) out[at + i] = Number(v[i]);
    } else {
      out.set((v as Float64Array).subarray(0, chunk.length), at);
    }
    at += chunk.length;
  }
  return out;
}

/** IEEE 754 binary16 bits as a number. */
function halfToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24;
  if (exponent === 31) return fraction === 0 ? sign * Infinity : Number.NaN;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}

/** Row indices of nulls in a column (empty when it has none). */
function nullRows(vector: Vector): number[] {
  if (vector.nullCount === 0) return [];
  const rows: number[] = [];
  for (let i = 0; i < vector.length && rows.length < 10_000; i++) if (!vector.isValid(i)) rows.push(i);
  return rows;
}

/** Reads one Arrow IPC file; `null` when nothing could be read (issue recorded). */
export async function readArrow(path: string, o: ReadOptions): Promise<FileRead | null> {
  const bytes = await readWholeFile(path);
  try {
    return readArrowBytes(bytes, o);
  } catch (err) {
    // apache-arrow reads a truncated file lazily and fails later ("Cannot read properties of null").
    if (err instanceof QtError) throw err;
    o.issues.add({
      code: 'unreadable',
      file: o.file,
      message: `cannot decode Arrow IPC${err instanceof TypeError || err instanceof RangeError ? ' (the file is truncated or corrupt)' : `: ${quoteCell(err instanceof Error ? err.message : String(err))}`}`,
      expected: 'a complete Arrow IPC file or stream',
    });
    return null;
  }
}

function readArrowBytes(bytes: Buffer, o: ReadOptions): FileRead | null {
  const { file, issues } = o;
  if (bytes.length === 0) {
    issues.add({ code: 'empty_file', file, message: 'the file is empty', expected: 'an Arrow IPC file or stream' });
    return null;
  }
  let table: Table;
  try {
    table = decodeIpc(bytes);
  } catch (err) {
    issues.add({
      code: 'unreadable',
      file,
      message: `cannot decode Arrow IPC${err instanceof TypeError ? ' (the file is truncated or corrupt)' : `: ${quoteCell(err instanceof Error ? err.message : String(err))}`}`,
      expected: 'an Arrow IPC file or stream',
    });
    return null;
  }
  const names = table.schema.fields.map((f) => f.name);
  if (names.length === 0) {
    // apache-arrow reads some garbage as an empty table instead of failing.
    issues.add({ code: 'unreadable', file, message: 'no Arrow schema found in the file', expected: 'an Arrow IPC file or stream' });
    return null;
  }
  const cols = detectColumns(names, o.columns, o.layout);
  if ('code' in cols) {
    issues.add({ code: cols.code, file, column: cols.column, message: cols.message, expected: cols.expected });
    return null;
  }
  if (cols.layout === 'wide') {
    issues.add({
      code: 'missing_column',
      file,
      column: 'close',
      message: `no close column among the Arrow fields (${names.slice(0, 12).map((n) => quoteCell(n, 24)).join(', ')})`,
      expected: 'a Close column (the wide layout is supported for CSV only)',
    });
    return null;
  }
  if (cols.time < 0) {
    issues.add({
      code: 'missing_column',
      file,
      column: 'time',
      message: 'separate date and time-of-day columns are supported for CSV only',
      expected: 'one timestamp column',
    });
    return null;
  }
  const unknown = unknownColumns(names, cols);
  if (unknown !== null) issues.add({ ...unknown, file });
  let badType = false;
  for (const i of [cols.open, cols.high, cols.low, cols.close, cols.adjClose, cols.volume]) {
    if (i < 0) continue;
    const v = table.getChildAt(i)!;
    if (isNumericType(v)) continue;
    badType = true;
    issues.add({
      code: 'bad_column_type',
      file,
      column: names[i]!,
      value: String(v.type),
      expected: 'a floating-point or integer column',
      message: `column ${quoteCell(names[i]!)} has Arrow type ${quoteCell(String(v.type))}; expected a floating-point or integer column`,
    });
  }
  if (badType) return null;
  const n = table.numRows;
  if (n === 0) {
    issues.add({ code: 'no_rows', file, message: 'the table has no rows', expected: 'at least one row' });
    return null;
  }
  const column = (i: number): Vector => table.getChildAt(i)!;

  // Nulls are errors wherever a value is required.
  let bad = false;
  const required = [cols.time, cols.open, cols.high, cols.low, cols.close, cols.adjClose, cols.volume, cols.symbol];
  for (const i of required) {
    if (i < 0) continue;
    for (const row of nullRows(column(i))) {
      bad = true;
      issues.add({
        code: 'empty_cell',
        file,
        row,
        column: names[i]!,
        value: 'null',
        expected: 'a value',
        message: `column ${quoteCell(names[i]!)} is null at row ${row}; expected a value`,
      });
    }
  }
  if (bad) return null;

  const times = readTimes(column(cols.time), names[cols.time]!, o);
  if (times === null) return null;
  const num = (i: number): Float64Array => (i >= 0 ? numbers(column(i)) : new Float64Array(n).fill(Number.NaN));
  const close = num(cols.close);
  const hasOhlc = cols.open >= 0;
  const open = hasOhlc ? num(cols.open) : close;
  const high = hasOhlc ? num(cols.high) : close;
  const low = hasOhlc ? num(cols.low) : close;
  // Without an Adj Close column nothing reads it: an empty array avoids allocating n NaNs.
  const adjClose = cols.adjClose >= 0 ? num(cols.adjClose) : new Float64Array(0);
  const volume = num(cols.volume);
  const all = { time: times.time, day: times.day, open, high, low, close, adjClose, volume, position: null };

  const bars: RawBars[] = [];
  if (cols.layout === 'ohlcv') {
    bars.push(rawBarsOf(o.symbol, n, all));
  } else {
    for (const [symbol, rows] of symbolRuns(column(cols.symbol))) {
      if (o.symbols !== undefined && !o.symbols.has(symbol)) continue;
      bars.push(rawBarsOf(symbol, rows.length, gather(all, rows)));
    }
  }
  const fields: BarField[] = hasOhlc ? ['open', 'high', 'low', 'close'] : ['close'];
  if (cols.volume >= 0) fields.push('volume');
  return {
    format: 'arrow',
    layout: cols.layout,
    bars,
    fields,
    hasAdjClose: cols.adjClose >= 0,
    timeColumn: names[cols.time]!,
    columnNames: sourceColumnNames(cols, names),
    positions: 'row',
    rows: n,
    sha256: o.hash ? createHash('sha256').update(bytes).digest('hex') : undefined,
  };
}

/**
 * Decodes IPC bytes. For the file format, every block the footer lists is checked first to hold a
 * message of the kind the footer says (a record batch or a dictionary batch) inside the file:
 * apache-arrow's file reader loops forever on a block whose message is of another kind (found by
 * the fuzz test).
 *
 * @throws {Error} for bytes that are not a well-formed IPC file or stream.
 */
function decodeIpc(bytes: Buffer): Table {
  const reader = RecordBatchReader.from(bytes);
  if (reader.isFile()) {
    reader.open();
    const footer = (reader as unknown as { footer: FooterLike | null }).footer;
    if (footer === null) throw new Error('the Arrow file has no footer');
    for (let i = 0; i < footer.numRecordBatches; i++) checkBlock(bytes, footer.getRecordBatch(i), 'record batch');
    for (let i = 0; i < footer.numDictionaries; i++) checkBlock(bytes, footer.getDictionaryBatch(i), 'dictionary batch');
  }
  return tableFromIPC(bytes);
}

interface FileBlockLike {
  readonly offset: number | bigint;
  readonly bodyLength: number | bigint;
}

interface FooterLike {
  readonly numRecordBatches: number;
  readonly numDictionaries: number;
  getRecordBatch(i: number): FileBlockLike | null;
  getDictionaryBatch(i: number): FileBlockLike | null;
}

/** Throws unless `block` points at a message of kind `kind` that lies inside `bytes`. */
function checkBlock(bytes: Buffer, block: FileBlockLike | null, kind: 'record batch' | 'dictionary batch'): void {
  if (block === null) throw new Error(`a footer ${kind} block is missing`);
  const n = bytes.length;
  const offset = Number(block.offset);
  if (!(Number.isSafeInteger(offset) && offset >= 8 && offset + 8 <= n)) throw new Error(`a ${kind} block points outside the file`);
  let start = offset + 4;
  let length = bytes.readInt32LE(offset);
  if (length === -1) {
    length = bytes.readInt32LE(offset + 4);
    start = offset + 8;
  }
  if (!(length > 0 && start + length <= n)) throw new Error(`a ${kind} message runs outside the file`);
  const message = Message.decode(bytes.subarray(start, start + length));
  const ok = kind === 'record batch' ? message.isRecordBatch() : message.isDictionaryBatch();
  if (!ok) throw new Error(`a footer ${kind} block holds another kind of message`);
  if (start + length + Number(message.bodyLength) > n) throw new Error(`a ${kind} body runs past the end of the file`);
}

interface Times {
  readonly time: Float64Array;
  readonly day: Float64Array | null;
}

/** Epoch-ms times and date labels of a time column of any supported Arrow type. */
function readTimes(vector: Vector, name: string, o: ReadOptions): Times | null {
  const n = vector.length;
  const type = vector.type as { typeId: number; unit?: number; timezone?: string | null };
  const chunks = vector.data as Data[];
  const single = chunks.length === 1 ? chunks[0]!.values : null;
  // A 64-bit timestamp column read from our own file buffer is converted in place: each float64
  // millisecond overwrites the 8 bytes of the integer it came from, so no new array is needed.
  const inPlace = single instanceof BigInt64Array && single.length >= n && single.byteOffset % 8 === 0;
  const time = inPlace ? new Float64Array(single.buffer, single.byteOffset, n) : new Float64Array(n);
  let naive = false;
  if (type.typeId === Type.Timestamp || (type.typeId === Type.Date && type.unit === 1)) {
    const unit = type.typeId === Type.Date ? 1 : (type.unit ?? 1);
    naive = type.typeId === Type.Timestamp && (type.timezone === null || type.timezone === undefined || type.timezone === '');
    let at = 0;
    for (const chunk of vector.data as Data[]) {
      const v = chunk.values as BigInt64Array | Int32Array;
      const lo32 = v instanceof BigInt64Array ? new Int32Array(v.buffer, v.byteOffset, chunk.length * 2) : v;
      int64ToMs(lo32, chunk.length, unit, at === 0 && chunk.length === n ? time : time.subarray(at, at + chunk.length));
      at += chunk.length;
    }
  } else if (type.typeId === Type.Date) {
    let at = 0;
    for (const chunk of vector.data as Data[]) {
      const v = chunk.values as Int32Array;
      for (let i = 0; i < chunk.length; i++) time[at + i] = v[i]! * DAY_MS;
      at += chunk.length;
    }
  } else if (type.typeId === Type.Utf8 || type.typeId === Type.LargeUtf8 || type.typeId === Type.Int || type.typeId === Type.Float) {
    const parser = new TimeParser(o.timeFormat, o.timeZone);
    const day = new Float64Array(n);
    const isText = type.typeId === Type.Utf8 || type.typeId === Type.LargeUtf8;
    for (let i = 0; i < n; i++) {
      const raw: unknown = vector.get(i);
      const text = isText ? String(raw) : String(raw);
      const t = parser.parse(text);
      if (Number.isNaN(t)) {
        o.issues.add({
          code: 'bad_time',
          file: o.file,
          row: i,
          column: name,
          value: text,
          expected: parser.expected,
          message: `column ${quoteCell(name)} holds ${quoteCell(text)} at row ${i}, which is not a time: ${parser.error}; expected ${parser.expected}`,
        });
        return null;
      }
      time[i] = t;
      day[i] = parser.dayLabel;
    }
    return { time, day };
  } else {
    o.issues.add({
      code: 'bad_time',
      file: o.file,
      column: name,
      value: String(vector.type),
      expected: 'a Timestamp, Date, integer epoch or ISO string column',
      message: `column ${quoteCell(name)} has Arrow type ${quoteCell(String(vector.type))}; expected a Timestamp, Date, integer epoch or ISO string column`,
    });
    return null;
  }
  // Date labels: a midnight (wall-clock midnight for naive timestamps) is a date.
  let daily = true;
  for (let i = 0; i < n && daily; i++) daily = time[i]! % DAY_MS === 0;
  if (naive && o.timeZone !== 'UTC') {
    const zone = ZoneOffsets.of(o.timeZone);
    const day = daily ? time.slice() : null;
    for (let i = 0; i < n; i++) time[i] = zone.toUtc(time[i]!);
    return { time, day };
  }
  return { time, day: daily ? time : null };
}

/** Row indices per symbol, in order of first appearance. */
function symbolRuns(vector: Vector): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (let i = 0; i < vector.length; i++) {
    const symbol = String(vector.get(i)).trim();
    let rows = out.get(symbol);
    if (rows === undefined) {
      rows = [];
      out.set(symbol, rows);
    }
    rows.push(i);
  }
  return out;
}

/** The rows of `all` at `rows`, as views when the rows are one contiguous run. */
function gather(all: RawColumns, rows: readonly number[]): RawColumns {
  const first = rows[0]!;
  const contiguous = rows[rows.length - 1]! - first === rows.length - 1;
  const out: Record<string, Float64Array | null> = {};
  const withPositions = { ...all, position: all.position ?? indexColumn(all.time.length) };
  for (const [key, column] of Object.entries(withPositions)) {
    if (column === null) {
      out[key] = null;
    } else if (contiguous) {
      out[key] = column.subarray(first, first + rows.length);
    } else {
      const c = new Float64Array(rows.length);
      for (let i = 0; i < rows.length; i++) c[i] = column[rows[i]!]!;
      out[key] = c;
    }
  }
  return out as unknown as RawColumns;
}
