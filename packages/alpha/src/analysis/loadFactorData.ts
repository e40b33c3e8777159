/**
 * Files → {@link FactorAnalysisInput}: a factor CSV (long `date,symbol,factor` or wide), prices
 * (anything `loadBars` reads: a wide CSV of closes, OHLCV files, a directory) or returns (a wide
 * CSV), and optional groups (`symbol,group`). Every dropped row is counted with its reason.
 */
import { readFile } from 'node:fs/promises';
import { alignBars, DataError, loadBars } from '@qt-backtest/core';
import { parse } from 'csv-parse/sync';
import type { FactorAnalysisInput } from './analyzeFactor.js';

/** Options of {@link loadFactorData}. */
export interface LoadFactorDataOptions {
  /** The factor CSV. */
  readonly factor: string;
  /** Prices: a wide CSV of closes or anything `loadBars` reads. One of `prices`, `returns`. */
  readonly prices?: string;
  /** A wide CSV of one-row simple returns (date column, one column per symbol). */
  readonly returns?: string;
  /** A CSV with header `symbol,group`. */
  readonly groups?: string;
}

/** Factor rows the loader could not place, by reason. */
export interface LoaderDrops {
  /** Factor rows whose date is not a row of the price index. */
  readonly dateNotInPrices: number;
  /** Factor rows whose symbol has no prices. */
  readonly symbolNotInPrices: number;
  /** Empty factor cells (wide files) or `NaN` values. */
  readonly emptyFactor: number;
}

/** Result of {@link loadFactorData}. */
export interface LoadedFactorData {
  readonly input: FactorAnalysisInput;
  readonly drops: LoaderDrops;
  /** Factor rows read (before any drop). */
  readonly factorRows: number;
}

const DATE = /^\d{4}-\d{2}-\d{2}/;

function parseTime(text: string, file: string, line: number): number {
  const t = DATE.test(text) ? Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text) : Number.NaN;
  if (!Number.isFinite(t)) throw new DataError(`${file}:${line}: date "${text}" is not an ISO date (YYYY-MM-DD)`);
  return t;
}

function parseValue(text: string, file: string, line: number, column: string): number {
  const s = text.trim();
  if (s === '' || s.toLowerCase() === 'nan') return Number.NaN;
  if (/^[+-]?inf(inity)?$/i.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
  const v = Number(s);
  if (Number.isNaN(v)) throw new DataError(`${file}:${line}: ${column} "${text}" is not a number`);
  return v;
}

async function rows(file: string): Promise<string[][]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new DataError(`${file}: cannot read (${(e as Error).message})`);
  }
  const out = parse(text, { skip_empty_lines: true, relax_column_count: false, trim: true, bom: true }) as string[][];
  if (out.length < 2) throw new DataError(`${file}: expected a header row and data rows, got ${out.length} row(s)`);
  return out;
}

/** Parses a wide CSV (date column, one column per symbol) into times and columns. */
async function readWide(file: string, what: string): Promise<{ time: number[]; symbols: string[]; columns: Float64Array[] }> {
  const r = await rows(file);
  const symbols = r[0]!.slice(1);
  const time: number[] = [];
  const columns = symbols.map(() => [] as number[]);
  for (let i = 1; i < r.length; i++) {
    const t = parseTime(r[i]![0]!, file, i + 1);
    if (time.length > 0 && !(t > time.at(-1)!)) throw new DataError(`${file}:${i + 1}: date "${r[i]![0]}" is not after the previous row's`);
    time.push(t);
    symbols.forEach((s, j) => columns[j]!.push(parseValue(r[i]![j + 1]!, file, i + 1, `${what} of ${s}`)));
  }
  return { time, symbols, columns: columns.map((c) => Float64Array.from(c)) };
}

/**
 * Loads the factor, prices (or returns) and groups files and aligns the factor on the price index.
 *
 * @throws {DataError} naming the file, line and value for an unreadable file, a bad date or number,
 *   a duplicate (date, symbol) factor row, or a groups file without a group for an analysed symbol.
 * @example
 * const { input, drops } = await loadFactorData({ factor: 'mom.csv', prices: 'closes.csv' });
 * const report = analyzeFactor(input, { periods: [1, 5, 10] });
 */
export async function loadFactorData(options: LoadFactorDataOptions): Promise<LoadedFactorData> {
  if ((options.prices === undefined) === (options.returns === undefined)) {
    throw new DataError('give exactly one of prices and returns');
  }
  let time: ArrayLike<number>;
  let symbols: string[];
  let series: Float64Array[];
  if (options.returns !== undefined) {
    const w = await readWide(options.returns, 'return');
    time = w.time;
    symbols = w.symbols;
    series = w.columns;
  } else {
    const loaded = await loadBars(options.prices!);
    const panel = alignBars(loaded.series.values());
    time = panel.time;
    symbols = [...panel.symbols];
    series = symbols.map((s) => panel.get(s, 'close'));
  }
  const row = new Map<number, number>();
  for (let i = 0; i < time.length; i++) row.set(time[i]!, i);
  const col = new Map(symbols.map((s, j) => [s, j]));
  const factor = symbols.map(() => new Float64Array(time.length).fill(Number.NaN));
  let dateNotInPrices = 0;
  let symbolNotInPrices = 0;
  let emptyFactor = 0;
  let factorRows = 0;
  const place = (t: number, symbol: string, v: number, file: string, line: number): void => {
    factorRows++;
    if (Number.isNaN(v)) {
      emptyFactor++;
      return;
    }
    const j = col.get(symbol);
    if (j === undefined) {
      symbolNotInPrices++;
      return;
    }
    const i = row.get(t);
    if (i === undefined) {
      dateNotInPrices++;
      return;
    }
    if (!Number.isNaN(factor[j]![i]!)) throw new DataError(`${file}:${line}: a second factor value for "${symbol}" on ${new Date(t).toISOString().slice(0, 10)}`);
    factor[j]![i] = v;
  };
  const r = await rows(options.factor);
  const header = r[0]!.map((h) => h.toLowerCase());
  if (header.length === 3 && header[1] === 'symbol' && (header[2] === 'factor' || header[2] === 'value')) {
    for (let i = 1; i < r.length; i++) {
      const [d, s, v] = r[i]!;
      place(parseTime(d!, options.factor, i + 1), s!, parseValue(v!, options.factor, i + 1, 'factor'), options.factor, i + 1);
    }
  } else {
    const names = r[0]!.slice(1);
    for (let i = 1; i < r.length; i++) {
      const t = parseTime(r[i]![0]!, options.factor, i + 1);
      names.forEach((s, j) => place(t, s, parseValue(r[i]![j + 1]!, options.factor, i + 1, `factor of ${s}`), options.factor, i + 1));
    }
  }
  let groups: string[] | undefined;
  if (options.groups !== undefined) {
    const g = await rows(options.groups);
    const h = g[0]!.map((x) => x.toLowerCase());
    if (h[0] !== 'symbol' || h[1] !== 'group') {
      throw new DataError(`${options.groups}:1: expected the header "symbol,group", got "${g[0]!.join(',')}"`);
    }
    const map = new Map(g.slice(1).map((x) => [x[0]!, x[1]!]));
    groups = symbols.map((s, j) => {
      const name = map.get(s);
      if (name === undefined) {
        if (factor[j]!.some((v) => !Number.isNaN(v))) throw new DataError(`${options.groups}: no group for "${s}", which has factor values`);
        return '(none)';
      }
      return name;
    });
  }
  const input: FactorAnalysisInput = {
    time,
    symbols,
    factor,
    ...(options.returns !== undefined ? { returns: series } : { prices: series }),
    ...(groups === undefined ? {} : { groups }),
  };
  return { input, drops: { dateNotInPrices, symbolNotInPrices, emptyFactor }, factorRows };
}
