/**
 * Streams a delimited text file through csv-parse into per-symbol columns. Memory grows with the
 * output columns only; cells are parsed in place, one record at a time.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { CsvError, parse } from 'csv-parse';
import type { BarField } from './BarSeries.js';
import { detectColumns, type ColumnLayout } from './columns.js';
import type { FileRead, ReadOptions } from './FileRead.js';
import { parseDecimal } from './parseDecimal.js';
import { RawBars } from './RawBars.js';
import { TimeParser } from './TimeParser.js';

/** Cells that mean "no value" in common exports (Yahoo writes `null`). */
const MISSING_TOKENS = new Set(['null', 'NULL', 'Null', 'NaN', 'nan', 'NA', 'N/A', 'n/a', '#N/A', '-', 'None', 'none']);

const SNIFF_BYTES = 65_536;

/** Picks the delimiter that splits the first line most often (outside quotes). */
export function sniffDelimiter(firstLine: string): string {
  let best = ',';
  let bestCount = 0;
  for (const d of [',', ';', '\t', '|']) {
    let count = 0;
    let quoted = false;
    for (const ch of firstLine) {
      if (ch === '"') quoted = !quoted;
      else if (ch === d && !quoted) count++;
    }
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

/**
 * Reads one CSV file.
 *
 * @returns the file's bars, or `null` when a file-level issue (empty, bad header, unreadable) was
 * recorded and nothing could be read.
 */
export async function readCsv(path: string, o: ReadOptions): Promise<FileRead | null> {
  const { file, issues } = o;
  const head = await readHead(path);
  const text = head.replace(/^\uFEFF/, '');
  if (text.trim() === '') {
    issues.add({ code: 'empty_file', file, message: 'the file is empty', expected: 'a header line and data rows' });
    return null;
  }
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = o.delimiter ?? sniffDelimiter(firstLine);
  const expectedRows = await estimateRows(path, head);

  const hash = o.hash ? createHash('sha256') : null;
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  const parser = parse({
    delimiter,
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    trim: false,
  });

  let cols: ColumnLayout | null = null;
  let header: readonly string[] = [];
  let width = 0;
  let rows = 0;
  let failed = false;
  const time = new TimeParser(o.timeFormat, o.timeZone);
  const bySymbol = new Map<string, RawBars>();
  let last: RawBars | null = null;
  let lastSymbol = '';
  // Wide layout: per ticker, the line where a run of empty cells began after the first value.
  let gapStart: Float64Array = new Float64Array(0);
  let seenValue: Uint8Array = new Uint8Array(0);
  let wideBars: (RawBars | null)[] = [];

  const barsFor = (symbol: string): RawBars => {
    let bars = bySymbol.get(symbol);
    if (bars === undefined) {
      bars = new RawBars(symbol);
      bySymbol.set(symbol, bars);
    }
    return bars;
  };

  /** Reads a numeric cell; NaN when empty/non-numeric (issue recorded when `required`). */
  const cell = (rec: string[], idx: number, column: string, line: number, required: boolean): number => {
    if (idx < 0) return Number.NaN;
    const s = rec[idx]!;
    let v = parseDecimal(s);
    if (v === v) return v;
    v = s === '' ? Number.NaN : +s;
    if (v === v && v !== Infinity && v !== -Infinity) return v;
    const t = s.trim();
    if (t === '' || MISSING_TOKENS.has(t)) {
      if (required) {
        issues.add({
          code: 'empty_cell',
          file,
          line,
          column,
          value: s,
          expected: 'a number',
          message: `column "${column}" is ${t === '' ? 'empty' : `"${t}" (a missing-value marker)`}; expected a number (row dropped)`,
        });
      }
      return Number.NaN;
    }
    issues.add({
      code: 'not_a_number',
      file,
      line,
      column,
      value: s,
      expected: 'a number',
      message: `column "${column}" holds "${s}"; expected a number (row dropped)`,
    });
    failed = true;
    return Number.NaN;
  };

  const readTime = (rec: string[], c: ColumnLayout, line: number): number => {
    const text = c.time >= 0 ? rec[c.time]! : `${rec[c.date]!.trim()}T${rec[c.timeOfDay]!.trim()}`;
    const t = time.parse(text);
    if (Number.isNaN(t)) {
      const column = c.time >= 0 ? header[c.time]! : `${header[c.date]!}+${header[c.timeOfDay]!}`;
      issues.add({
        code: 'bad_time',
        file,
        line,
        column,
        value: text,
        expected: time.expected,
        message: `column "${column}" holds "${text}", which is not a time: ${time.error}; expected ${time.expected} (row dropped)`,
      });
    }
    return t;
  };

  const onHeader = (rec: string[], line: number): boolean => {
    header = rec;
    width = rec.length;
    const detected = detectColumns(rec, o.columns, o.layout);
    if ('code' in detected) {
      issues.add({ code: detected.code, file, line, column: detected.column, message: detected.message, expected: detected.expected });
      return false;
    }
    cols = detected;
    if (cols.layout === 'ohlcv') {
      // One symbol takes every row: size its columns once instead of growing them by doubling,
      // which on large files touches twice the memory (fresh pages are slow to fault in).
      bySymbol.set(o.symbol, new RawBars(o.symbol, expectedRows));
      last = barsFor(o.symbol);
      lastSymbol = o.symbol;
    } else if (cols.layout === 'wide') {
      wideBars = cols.tickers.map((t) => (o.symbols === undefined || o.symbols.has(t.name) ? barsFor(t.name) : null));
      gapStart = new Float64Array(cols.tickers.length).fill(Number.NaN);
      seenValue = new Uint8Array(cols.tickers.length);
    }
    return true;
  };

  const onRecord = (rec: string[], line: number): void => {
    const c = cols!;
    if (rec.length !== width) {
      issues.add({
        code: 'field_count',
        file,
        line,
        value: rec.join(delimiter),
        expected: `${width} fields as in the header`,
        message: `the row has ${rec.length} field${rec.length === 1 ? '' : 's'} but the header has ${width} (truncated line or wrong delimiter?) (row dropped)`,
      });
      failed = true;
      return;
    }
    rows++;
    const t = readTime(rec, c, line);
    if (Number.isNaN(t)) {
      failed = true;
      return;
    }
    const day = time.dayLabel;
    if (c.layout === 'wide') {
      for (let k = 0; k < c.tickers.length; k++) {
        const bars = wideBars[k];
        if (bars === null || bars === undefined) continue;
        const ticker = c.tickers[k]!;
        const v = cell(rec, ticker.index, ticker.name, line, false);
        if (Number.isNaN(v)) {
          if (seenValue[k] === 1 && Number.isNaN(gapStart[k]!)) gapStart[k] = line;
          continue;
        }
        if (!Number.isNaN(gapStart[k]!)) {
          reportWideGap(o, ticker.name, gapStart[k]!, line - 1);
          gapStart[k] = Number.NaN;
        }
        seenValue[k] = 1;
        bars.push(t, day, v, v, v, v, Number.NaN, Number.NaN, line);
      }
      return;
    }
    let bars = last;
    if (c.layout === 'long') {
      const symbol = rec[c.symbol]!.trim();
      if (symbol !== lastSymbol) {
        if (symbol === '') {
          issues.add({
            code: 'empty_cell',
            file,
            line,
            column: header[c.symbol]!,
            value: '',
            expected: 'a symbol',
            message: `column "${header[c.symbol]}" is empty; expected a symbol (row dropped)`,
          });
          failed = true;
          return;
        }
        lastSymbol = symbol;
        last = o.symbols === undefined || o.symbols.has(symbol) ? barsFor(symbol) : null;
      }
      bars = last;
      if (bars === null) return;
    }
    const close = cell(rec, c.close, header[c.close]!, line, true);
    const hasOhlc = c.open >= 0;
    const open = hasOhlc ? cell(rec, c.open, header[c.open]!, line, true) : close;
    const high = hasOhlc ? cell(rec, c.high, header[c.high]!, line, true) : close;
    const low = hasOhlc ? cell(rec, c.low, header[c.low]!, line, true) : close;
    const adj = c.adjClose >= 0 ? cell(rec, c.adjClose, header[c.adjClose]!, line, true) : Number.NaN;
    const volume = c.volume >= 0 ? cell(rec, c.volume, header[c.volume]!, line, true) : Number.NaN;
    if (
      Number.isNaN(close) ||
      Number.isNaN(open) ||
      Number.isNaN(high) ||
      Number.isNaN(low) ||
      (c.adjClose >= 0 && Number.isNaN(adj)) ||
      (c.volume >= 0 && Number.isNaN(volume))
    ) {
      failed = true;
      return;
    }
    bars!.push(t, day, open, high, low, close, adj, volume, line);
  };

  let headerSeen = false;
  let headerOk = true;
  await new Promise<void>((resolve, reject) => {
    parser.on('data', (rec: string[]) => {
      const line = parser.info.lines;
      if (!headerSeen) {
        headerSeen = true;
        headerOk = onHeader(rec, line);
        if (!headerOk) {
          stream.destroy();
          parser.end();
        }
        return;
      }
      if (headerOk) onRecord(rec, line);
    });
    parser.on('end', resolve);
    parser.on('error', (err: unknown) => {
      stream.destroy();
      reject(err);
    });
    stream.on('error', (err) => {
      parser.destroy();
      reject(err);
    });
    if (hash !== null) stream.on('data', (chunk) => hash.update(chunk));
    stream.pipe(parser);
  }).catch((err: unknown) => {
    const line = err instanceof CsvError ? (err as CsvError & { lines?: number }).lines : undefined;
    issues.add({
      code: 'unreadable',
      file,
      ...(line === undefined ? {} : { line }),
      message: `cannot read the file: ${err instanceof Error ? err.message : String(err)}`,
      expected: 'well-formed delimited text',
    });
    headerOk = false;
  });
  if (!headerOk || cols === null) return null;
  const c: ColumnLayout = cols;
  if (rows === 0 && !failed) {
    issues.add({
      code: 'no_rows',
      file,
      line: 1,
      message: `the file has a header (${header.map((h) => `"${h}"`).join(', ')}) but no data rows`,
      expected: 'at least one data row',
    });
    return null;
  }
  const fields: BarField[] =
    c.layout === 'wide' ? ['close'] : c.open >= 0 ? ['open', 'high', 'low', 'close'] : ['close'];
  if (c.volume >= 0) fields.push('volume');
  const name = (i: number): string => (i >= 0 ? header[i]! : '');
  return {
    format: 'csv',
    layout: c.layout,
    bars: [...bySymbol.values()],
    fields,
    hasAdjClose: c.adjClose >= 0,
    timeColumn: c.time >= 0 ? name(c.time) : `${name(c.date)}+${name(c.timeOfDay)}`,
    columnNames: {
      open: name(c.open),
      high: name(c.high),
      low: name(c.low),
      close: name(c.close),
      adjClose: name(c.adjClose),
      volume: name(c.volume),
    },
    positions: 'line',
    rows,
    sha256: hash?.digest('hex'),
  };
}

function reportWideGap(o: ReadOptions, ticker: string, fromLine: number, toLine: number): void {
  o.issues.add({
    code: 'missing_value',
    file: o.file,
    line: fromLine,
    column: ticker,
    value: '',
    expected: 'a price on every row between the first and last price',
    message:
      fromLine === toLine
        ? `column "${ticker}" is empty inside its history (kept as a missing bar)`
        : `column "${ticker}" is empty on lines ${fromLine}–${toLine} inside its history (kept as missing bars)`,
    symbol: ticker,
  });
}

/** Rows a file probably has, from its size and the mean length of the lines in its head (+5%). */
async function estimateRows(path: string, head: string): Promise<number> {
  const { size } = await stat(path);
  const lines = head.split('\n');
  if (lines.length < 3) return 1024;
  const sampled = Buffer.byteLength(head) - Buffer.byteLength(lines[lines.length - 1]!);
  return Math.ceil((size / (sampled / (lines.length - 1))) * 1.05) + 16;
}

async function readHead(path: string): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
}
