/**
 * Finds the time, price, volume and symbol columns of a bar file from its header, and decides
 * the file's layout. Matching ignores case, spaces, underscores, dots and hyphens, so `Adj Close`,
 * `adj_close` and `AdjClose` are the same column.
 */
import { quoteCell } from './quoteCell.js';

/** The logical columns a bar file can have. */
export type ColumnRole = 'time' | 'date' | 'timeOfDay' | 'open' | 'high' | 'low' | 'close' | 'adjClose' | 'volume' | 'symbol';

/**
 * An explicit mapping from logical columns to header names (matched case-insensitively),
 * overriding detection. `date` + `timeOfDay` name two columns that together form the time.
 */
export type ColumnMapping = Partial<Record<ColumnRole, string>>;

/**
 * How a file lays out its bars.
 * - `ohlcv`: one symbol; time plus open/high/low/close (or close only) and optional volume.
 * - `long`: like `ohlcv` plus a symbol column; rows of many symbols.
 * - `wide`: a time column plus one price column per ticker (close prices; empty cells = missing).
 */
export const BarLayout = { Ohlcv: 'ohlcv', Long: 'long', Wide: 'wide' } as const;
/** {@inheritDoc BarLayout} */
export type BarLayout = (typeof BarLayout)[keyof typeof BarLayout];

const ALIASES: Readonly<Record<ColumnRole, readonly string[]>> = {
  time: ['datetime', 'timestamp', 'date', 'time', 'ts', 'dt', 'day'],
  date: ['date', 'day'],
  timeOfDay: ['time'],
  open: ['open', 'o', 'openprice'],
  high: ['high', 'h', 'highprice'],
  low: ['low', 'l', 'lowprice'],
  close: ['close', 'c', 'closeprice', 'last', 'lastprice', 'price'],
  adjClose: ['adjclose', 'adjustedclose', 'adjcloseprice', 'adjustedcloseprice'],
  volume: ['volume', 'vol', 'v'],
  symbol: ['symbol', 'ticker', 'sym', 'instrument', 'asset', 'code'],
};

/** Header name in the canonical form used for matching. */
export function normaliseHeader(name: string): string {
  return name.replace(/^\uFEFF/, '').trim().toLowerCase().replace(/[\s_.\-()]+/g, '');
}

/** Where each logical column is, as indices into the header. */
export interface ColumnLayout {
  readonly layout: BarLayout;
  /** Index of the single time column, or -1 when time is `date` + `timeOfDay`. */
  readonly time: number;
  readonly date: number;
  readonly timeOfDay: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly adjClose: number;
  readonly volume: number;
  readonly symbol: number;
  /** Wide layout: indices and names of the ticker columns. */
  readonly tickers: readonly { readonly index: number; readonly name: string }[];
}

/**
 * The header names of a layout's price and volume columns (`''` for a column the file lacks), as
 * every reader reports them in `FileRead.columnNames`.
 *
 * @example
 * sourceColumnNames(detectColumns(header), header).close; // 'Close'
 */
export function sourceColumnNames(
  cols: ColumnLayout,
  header: readonly string[],
): Record<'open' | 'high' | 'low' | 'close' | 'adjClose' | 'volume', string> {
  const name = (i: number): string => (i >= 0 ? header[i]! : '');
  return {
    open: name(cols.open),
    high: name(cols.high),
    low: name(cols.low),
    close: name(cols.close),
    adjClose: name(cols.adjClose),
    volume: name(cols.volume),
  };
}

/** A header problem, reported by the caller with file and line. */
export interface HeaderProblem {
  readonly code: 'missing_column' | 'bad_header';
  readonly column: string;
  readonly message: string;
  readonly expected: string;
}

/**
 * Works out the column layout of a header.
 *
 * @param header - column names as written
 * @param mapping - explicit names for some roles (wins over detection)
 * @param layout - a forced layout, or `undefined` to infer it
 * @returns the layout, or the problem that prevents reading the file
 */
export function detectColumns(
  header: readonly string[],
  mapping: ColumnMapping = {},
  layout?: BarLayout,
): ColumnLayout | HeaderProblem {
  const norm = header.map(normaliseHeader);
  const seen = new Map<string, number>();
  for (let i = 0; i < norm.length; i++) {
    const n = norm[i]!;
    if (n === '') continue;
    if (seen.has(n)) {
      return {
        code: 'bad_header',
        column: header[i]!,
        message: `column ${quoteCell(header[i]!, 40)} appears twice in the header (columns ${seen.get(n)! + 1} and ${i + 1})`,
        expected: 'unique column names',
      };
    }
    seen.set(n, i);
  }
  const used = new Set<number>();
  const find = (role: ColumnRole): number | HeaderProblem => {
    const explicit = mapping[role];
    if (explicit !== undefined) {
      const at = seen.get(normaliseHeader(explicit));
      if (at === undefined) {
        return {
          code: 'missing_column',
          column: explicit,
          message: `the column ${quoteCell(explicit, 40)} given for ${role} is not in the header (${describeHeader(header)})`,
          expected: `a header column named "${explicit}"`,
        };
      }
      used.add(at);
      return at;
    }
    for (const alias of ALIASES[role]) {
      const at = seen.get(alias);
      if (at !== undefined && !used.has(at)) {
        used.add(at);
        return at;
      }
    }
    return -1;
  };

  // A separate date and time-of-day column pair is read as one time.
  let time: number | HeaderProblem = -1;
  let date: number | HeaderProblem = -1;
  let timeOfDay: number | HeaderProblem = -1;
  const splitTime =
    mapping.time === undefined &&
    (mapping.date !== undefined ||
      (seen.has('date') && seen.has('time') && !seen.has('datetime') && !seen.has('timestamp')));
  if (splitTime) {
    date = find('date');
    if (typeof date !== 'number') return date;
    timeOfDay = find('timeOfDay');
    if (typeof timeOfDay !== 'number') return timeOfDay;
    if (timeOfDay === -1) time = date;
  } else {
    time = find('time');
    if (typeof time !== 'number') return time;
  }
  if (time === -1 && (date === -1 || timeOfDay === -1)) {
    return {
      code: 'missing_column',
      column: 'time',
      message: `no time column in the header (${describeHeader(header)})${delimiterHint(header)}`,
      expected: 'a column named Date, Datetime, Timestamp or Time (or set columns.time)',
    };
  }
  const roles = ['symbol', 'open', 'high', 'low', 'close', 'adjClose', 'volume'] as const;
  const at: Record<(typeof roles)[number], number> = {
    symbol: -1,
    open: -1,
    high: -1,
    low: -1,
    close: -1,
    adjClose: -1,
    volume: -1,
  };
  for (const role of roles) {
    if (role === 'symbol' && layout === 'wide') continue;
    const r = find(role);
    if (typeof r !== 'number') return r;
    at[role] = r;
  }
  const base = { time, date, timeOfDay, ...at };
  const chosen: BarLayout =
    layout ?? (at.symbol !== -1 ? 'long' : at.close !== -1 || at.open !== -1 ? 'ohlcv' : 'wide');
  if (chosen === 'wide') {
    const tickers: { index: number; name: string }[] = [];
    for (let i = 0; i < header.length; i++) {
      if (i !== time && i !== date && i !== timeOfDay && norm[i] !== '') tickers.push({ index: i, name: header[i]!.trim() });
    }
    if (tickers.length === 0) {
      return {
        code: 'missing_column',
        column: 'close',
        message: `no price column in the header (${describeHeader(header)})${delimiterHint(header)}`,
        expected: 'a Close column, or one price column per ticker (wide layout)',
      };
    }
    return { ...base, layout: 'wide', open: -1, high: -1, low: -1, close: -1, adjClose: -1, volume: -1, symbol: -1, tickers };
  }
  if (at.close === -1) {
    return {
      code: 'missing_column',
      column: 'close',
      message: `no close column in the header (${describeHeader(header)})`,
      expected: 'a column named Close (or Last/Price), or set columns.close',
    };
  }
  const ohlc = [at.open, at.high, at.low].filter((i) => i !== -1).length;
  if (ohlc !== 0 && ohlc !== 3) {
    const missing = (['open', 'high', 'low'] as const).filter((r) => at[r] === -1);
    return {
      code: 'missing_column',
      column: missing[0]!,
      message: `the header has some of open/high/low but not ${missing.join(', ')} (${describeHeader(header)})`,
      expected: 'all of Open, High and Low, or none of them (close-only data)',
    };
  }
  if (chosen === 'long' && at.symbol === -1) {
    return {
      code: 'missing_column',
      column: 'symbol',
      message: `layout "long" needs a symbol column (${describeHeader(header)})`,
      expected: 'a column named Symbol or Ticker (or set columns.symbol)',
    };
  }
  return { ...base, layout: chosen, tickers: [] };
}

function describeHeader(header: readonly string[]): string {
  const shown = header.slice(0, 12).map((h) => quoteCell(h, 24)).join(', ');
  return `header: ${shown}${header.length > 12 ? `, … ${header.length} columns` : ''}`;
}

/** When a one-column header contains another delimiter, say so: the usual cause is a wrong delimiter. */
function delimiterHint(header: readonly string[]): string {
  if (header.length !== 1) return '';
  const h = header[0]!;
  for (const d of [';', '\t', '|', ',']) {
    if (h.includes(d)) return ` — the header is one column containing "${d === '\t' ? '\\t' : d}": is the delimiter right?`;
  }
  return '';
}

/**
 * Columns bar files often carry that no role reads; they are ignored without a warning
 * (normalised names: open interest, VWAP, trade counts, dividends and split factors).
 */
const KNOWN_EXTRA = new Set([
  'openinterest', 'oi', 'vwap', 'wap', 'average', 'trades', 'numtrades', 'tradecount', 'transactions', 'count', 'barcount',
  'n', 'dividends', 'dividend', 'stocksplits', 'splitfactor', 'splitcoefficient', 'splitratio', 'adjopen', 'adjhigh', 'adjlow',
  'adjvolume', 'adjustedopen', 'adjustedhigh', 'adjustedlow', 'adjustedvolume', 'change', 'changepercent', 'pctchange',
  'turnover', 'amount', 'value', 'index', 'unnamed0', 'rowid', 'id',
]);

/** A warning that some header columns match no role; the caller adds file and line. */
export interface UnknownColumns {
  readonly code: 'unknown_column';
  readonly column: string;
  readonly value: string;
  readonly message: string;
  readonly expected: string;
}

/**
 * The header columns that no role of `layout` uses and that are not a known extra (open interest,
 * VWAP, …), as one warning naming them and the columns that were found — a misspelt `Vol-me` or a
 * `Volume\0` silently turned off the volume checks and the volume limit before.
 *
 * @returns the warning, or `null` when every column is used or known (always `null` for the wide
 *   layout, whose other columns are tickers)
 */
export function unknownColumns(header: readonly string[], layout: ColumnLayout): UnknownColumns | null {
  if (layout.layout === 'wide') return null;
  const used = new Set([layout.time, layout.date, layout.timeOfDay, layout.open, layout.high, layout.low, layout.close, layout.adjClose, layout.volume, layout.symbol]);
  const unknown: string[] = [];
  for (let i = 0; i < header.length; i++) {
    if (used.has(i)) continue;
    const n = normaliseHeader(header[i]!);
    if (n === '' || KNOWN_EXTRA.has(n)) continue;
    unknown.push(header[i]!);
  }
  if (unknown.length === 0) return null;
  const show = (names: readonly string[]): string => names.slice(0, 8).map((h) => quoteCell(h, 40)).join(', ') + (names.length > 8 ? `, … (${names.length})` : '');
  const roles: [string, number][] = [
    ['time', layout.time >= 0 ? layout.time : layout.date],
    ['open', layout.open],
    ['high', layout.high],
    ['low', layout.low],
    ['close', layout.close],
    ['adj close', layout.adjClose],
    ['volume', layout.volume],
    ['symbol', layout.symbol],
  ];
  const found = roles.filter(([, i]) => i >= 0).map(([r, i]) => `${r} = ${quoteCell(header[i]!, 40)}`);
  const missing = roles.filter(([r, i]) => i < 0 && r !== 'symbol' && r !== 'adj close').map(([r]) => r);
  return {
    code: 'unknown_column',
    column: unknown[0]!,
    value: unknown.join(', '),
    message: `column${unknown.length === 1 ? '' : 's'} ${show(unknown)} match${unknown.length === 1 ? 'es' : ''} no role and ${unknown.length === 1 ? 'is' : 'are'} ignored; found ${found.join(', ')}${missing.length > 0 ? ` (no ${missing.join(', ')} column: misspelt?)` : ''}`,
    expected: 'columns named Date/Time, Open, High, Low, Close, Adj Close, Volume, Symbol (or set columns)',
  };
}
