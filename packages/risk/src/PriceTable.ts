/**
 * Wide tables of prices or returns: one row per date, one column per symbol, row-major
 * `Float64Array`, `NaN` for a missing value (never forward-filled) — the layout of a pandas
 * DataFrame read from PyPortfolioOpt's `stock_prices.csv`.
 */
import { RiskInputError } from './RiskError.js';

/** Prices (or returns) for `symbols` at `times` (epoch ms, UTC midnight for dates). */
export interface PriceTable {
  readonly symbols: readonly string[];
  /** One time per row, strictly increasing. */
  readonly times: Float64Array;
  /** `times.length × symbols.length`, row-major; `NaN` = missing. */
  readonly values: Float64Array;
}

/** A table of simple (or log) returns, same layout as {@link PriceTable}. */
export type ReturnTable = PriceTable;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?/;

/** Parses `YYYY-MM-DD` (optionally with a time) as UTC epoch ms, or `NaN`. */
export function parseDate(text: string): number {
  const m = ISO_DATE.exec(text.trim());
  if (m === null) return Number.NaN;
  const t = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
  const d = new Date(t);
  return d.getUTCDate() === +m[3]! ? t : Number.NaN;
}

/** Formats epoch ms as `YYYY-MM-DD`. */
export function formatDate(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

/**
 * Parses a wide CSV of prices: a header `date,SYM1,SYM2,…`, then one row per date; an empty cell
 * is a missing price. Dates must be ISO 8601 and strictly increasing; prices finite and > 0.
 *
 * @param text the file's contents
 * @param file the file name quoted in errors
 * @throws RiskInputError naming file, line and value on any malformed cell
 * @example
 * const prices = parsePriceCsv(readFileSync('stock_prices.csv', 'utf8'), 'stock_prices.csv');
 */
export function parsePriceCsv(text: string, file: string): PriceTable {
  const lines = text.split(/\r?\n/);
  const header = (lines[0] ?? '').replace(/^\uFEFF/, '').split(',').map((s) => s.trim());
  if (header.length < 2) throw new RiskInputError(`${file}:1: expected a header "date,SYMBOL,…", got "${lines[0] ?? ''}"`);
  const symbols = header.slice(1);
  const seen = new Set<string>();
  for (const s of symbols) {
    if (s === '' || seen.has(s)) throw new RiskInputError(`${file}:1: empty or duplicate symbol "${s}" in the header`);
    seen.add(s);
  }
  const n = symbols.length;
  const times: number[] = [];
  const values: number[] = [];
  for (let li = 1; li < lines.length; li++) {
    const line = lines[li]!;
    if (line.trim() === '') continue;
    const cells = line.split(',');
    if (cells.length !== n + 1) {
      throw new RiskInputError(`${file}:${li + 1}: expected ${n + 1} columns, found ${cells.length}`);
    }
    const t = parseDate(cells[0]!);
    if (Number.isNaN(t)) throw new RiskInputError(`${file}:${li + 1}: column date: "${cells[0]}" is not an ISO date`);
    if (times.length > 0 && t <= times[times.length - 1]!) {
      throw new RiskInputError(`${file}:${li + 1}: date ${cells[0]} is not after the previous row's`);
    }
    times.push(t);
    for (let j = 1; j <= n; j++) {
      const c = cells[j]!.trim();
      if (c === '' || c === 'NaN' || c === 'nan') {
        values.push(Number.NaN);
        continue;
      }
      const v = Number(c);
      if (!Number.isFinite(v) || v <= 0) {
        throw new RiskInputError(`${file}:${li + 1}: column ${symbols[j - 1]}: "${c}" is not a positive price`);
      }
      values.push(v);
    }
  }
  if (times.length < 2) throw new RiskInputError(`${file}: needs at least 2 rows of prices, found ${times.length}`);
  return { symbols, times: Float64Array.from(times), values: Float64Array.from(values) };
}

/**
 * The rows whose time lies in `[from, to]` (inclusive; either may be omitted).
 * @throws RiskInputError when fewer than 2 rows remain
 */
export function selectRows(table: PriceTable, from?: number, to?: number): PriceTable {
  const lo = from ?? -Infinity;
  const hi = to ?? Infinity;
  let a = 0;
  while (a < table.times.length && table.times[a]! < lo) a++;
  let b = table.times.length;
  while (b > a && table.times[b - 1]! > hi) b--;
  if (b - a < 2) {
    throw new RiskInputError(`only ${b - a} rows between ${formatDate(lo)} and ${formatDate(hi)}; need at least 2`);
  }
  const n = table.symbols.length;
  return { symbols: table.symbols, times: table.times.slice(a, b), values: table.values.slice(a * n, b * n) };
}

/** The columns named by `symbols`, in that order. */
export function selectSymbols(table: PriceTable, symbols: readonly string[]): PriceTable {
  const idx = symbols.map((s) => {
    const i = table.symbols.indexOf(s);
    if (i < 0) throw new RiskInputError(`unknown symbol "${s}" (have ${table.symbols.join(', ')})`);
    return i;
  });
  const rows = table.times.length;
  const n = table.symbols.length;
  const out = new Float64Array(rows * idx.length);
  for (let t = 0; t < rows; t++) for (let k = 0; k < idx.length; k++) out[t * idx.length + k] = table.values[t * n + idx[k]!]!;
  return { symbols: [...symbols], times: table.times, values: out };
}

/**
 * Period returns from prices, as pandas `prices.pct_change(fill_method=None).dropna(how="all")`:
 * a return is `NaN` unless both prices exist (no forward fill), and rows where every return is
 * `NaN` (always the first) are dropped. With `log`, `log(1 + r)`.
 */
export function returnsFromPrices(prices: PriceTable, options: { readonly log?: boolean } = {}): ReturnTable {
  const n = prices.symbols.length;
  const rows = prices.times.length;
  const times: number[] = [];
  const out = new Float64Array(Math.max(0, rows - 1) * n);
  let r = 0;
  for (let t = 1; t < rows; t++) {
    let any = false;
    const base = r * n;
    for (let j = 0; j < n; j++) {
      const p0 = prices.values[(t - 1) * n + j]!;
      const p1 = prices.values[t * n + j]!;
      let v = p1 / p0 - 1;
      if (options.log === true) v = Math.log(1 + v);
      out[base + j] = v;
      if (!Number.isNaN(v)) any = true;
    }
    if (any) {
      times.push(prices.times[t]!);
      r++;
    }
  }
  return { symbols: prices.symbols, times: Float64Array.from(times), values: out.slice(0, r * n) };
}
