/**
 * Turns one symbol's raw rows into a checked {@link BarSeries}: time order and duplicates, price
 * and volume sanity, OHLC consistency, the chosen price adjustment, split-like jumps and gaps
 * against the calendar. The same checks run for every format.
 */
import type { TradingCalendar } from '../calendar/TradingCalendar.js';
import { TimeRangeError } from '../errors.js';
import { DAY_MS, dayOfIsoDate, isoDate, isoDateOfDay } from '../time/civil.js';
import { ZoneOffsets } from '../time/zonedTime.js';
import { type BarSeries, freezeBarSeries, type PriceAdjustment } from './BarSeries.js';
import type { FileRead } from './FileRead.js';
import type { IssueCollector, IssueInit } from './IssueCollector.js';
import { quoteCell } from './quoteCell.js';
import { indexColumn, type RawBars } from './RawBars.js';
import { MAX_TIME_MS, MIN_TIME_MS } from './TimeParser.js';

/** How {@link finishBars} treats the rows. */
export interface FinishOptions {
  readonly file: string;
  readonly read: FileRead;
  readonly issues: IssueCollector;
  readonly adjustment: PriceAdjustment;
  readonly calendar: TradingCalendar | null;
}

/**
 * Common split ratios (old price / new price): a one-bar move by one of these looks like a split.
 * 3:2 moves also happen on news (a takeover bid), so they are flagged only when Adj Close
 * confirms them.
 */
const SPLIT_RATIOS = [2, 3, 4, 5, 8, 10, 20, 1 / 2, 1 / 3, 1 / 4, 1 / 5, 1 / 8, 1 / 10, 1 / 20];
const WEAK_SPLIT_RATIOS = [1.5, 2 / 3];

const COLUMNS = ['time', 'day', 'open', 'high', 'low', 'close', 'adjClose', 'volume', 'position'] as const;
/** A symbol's columns while checking; `position` is `null` when it is the row index. */
type Columns = Record<Exclude<(typeof COLUMNS)[number], 'position'>, Float64Array> & { position: Float64Array | null };

/** Checks and converts; `null` when an error-level issue was recorded for this symbol. */
export function finishBars(raw: RawBars, o: FinishOptions): BarSeries | null {
  const { file, read, issues } = o;
  const symbol = raw.symbol;
  const errorsBefore = issues.errorCount;
  let n = raw.length;
  let c: Columns = {
    time: raw.time.subarray(0, n),
    day: raw.day === null ? raw.time.subarray(0, 0) : raw.day.subarray(0, n),
    open: raw.open.subarray(0, n),
    high: raw.high.subarray(0, n),
    low: raw.low.subarray(0, n),
    close: raw.close.subarray(0, n),
    adjClose: raw.adjClose.subarray(0, Math.min(n, raw.adjClose.length)),
    volume: raw.volume.subarray(0, n),
    position: raw.position === null ? null : raw.position.subarray(0, n),
  };
  const at = (i: number): Pick<IssueInit, 'line' | 'row'> => {
    const p = c.position === null ? i : c.position[i]!;
    return read.positions === 'line' ? { line: p } : { row: p };
  };

  // Times outside 1800..2200 (an Arrow timestamp in year 128,700, a misread epoch unit) are
  // errors before anything formats them (`Date` cannot show them).
  if (!checkTimeRange(c.time, n, o, symbol, at)) return null;

  let daily = raw.day !== null && n > 0;
  for (let i = 0; i < n && daily; i++) daily = !Number.isNaN(c.day[i]!);
  if (daily) c.time = c.day;
  const show = (t: number): string => (daily ? isoDate(t) : new Date(t).toISOString());

  // Time order. Downgrading unsorted_time sorts the rows; downgrading duplicate_time keeps the last.
  // One cheap pass decides whether the detailed passes (which name every offending row) are needed.
  const ordered = isStrictlyIncreasing(c.time, n);
  let unsorted = false;
  for (let i = ordered ? n : 1; i < n; i++) {
    if (c.time[i]! < c.time[i - 1]!) {
      unsorted = true;
      issues.add({
        code: 'unsorted_time',
        file,
        ...at(i),
        column: read.timeColumn,
        value: show(c.time[i]!),
        expected: `a time after ${show(c.time[i - 1]!)}`,
        message: `${symbol}: time ${show(c.time[i]!)} comes after ${show(c.time[i - 1]!)}; expected rows in ascending time`,
        symbol,
      });
    }
  }
  if (unsorted && issues.action('unsorted_time') !== 'error') c = sortColumns(c, n);
  let keep: Uint8Array | null = null;
  for (let i = ordered ? n : 1; i < n; i++) {
    if (c.time[i] === c.time[i - 1]) {
      const action = issues.add({
        code: 'duplicate_time',
        file,
        ...at(i),
        column: read.timeColumn,
        value: show(c.time[i]!),
        expected: 'each time once',
        message: `${symbol}: time ${show(c.time[i]!)} repeats the previous row's; expected each time once`,
        symbol,
      });
      if (action !== 'error') {
        keep ??= new Uint8Array(n).fill(1);
        keep[i - 1] = 0;
      }
    }
  }
  if (keep !== null) {
    c = compact(c, keep);
    n = c.time.length;
  }

  // Values: one pass screens every row (prices, volume, OHLC order, split-sized moves); rows
  // that fail are re-examined by the reporting code, which names the column and value.
  const ohlc = read.fields.includes('open');
  const hasVolume = read.fields.includes('volume');
  const splitCandidates = screenValues(c, n, hasVolume, read.hasAdjClose, (i) => reportValues(c, i, ohlc, hasVolume, o, symbol, show, at));

  // Adjustment by the Adj Close ratio (volume by its inverse, so traded value is unchanged).
  if (o.adjustment === 'adjusted') {
    if (!read.hasAdjClose) {
      issues.add({
        code: 'no_adj_close',
        file,
        message: `${symbol}: adjustment "adjusted" needs an Adj Close column, and the source has none`,
        expected: 'an Adj Close column, or adjustment "raw"',
        symbol,
      });
    } else if (issues.errorCount === errorsBefore) {
      c = adjust(c, n);
      // The engine trades the adjusted values: check them too (an extreme ratio can overflow).
      checkAdjusted(c, n, hasVolume, o, symbol, show, at);
    }
  }
  if (issues.errorCount > errorsBefore) return null;

  checkSplits(c, splitCandidates, o, symbol, show, at);
  if (o.calendar !== null) checkCalendar(c.time, n, daily, o, symbol, at);

  return freezeBarSeries({
    symbol,
    time: c.time,
    open: c.open,
    high: c.high,
    low: c.low,
    close: c.close,
    volume: c.volume,
    fields: read.fields,
    frequency: daily ? 'daily' : 'intraday',
    adjustment: o.adjustment,
    source: file,
  });
}

/**
 * One pass over prices and volume: calls `bad(i)` for every row with a non-positive or non-finite
 * price, a negative volume or inconsistent OHLC, and returns the rows whose open moved from the
 * previous close by at least 3:2 (split candidates). Kept apart so its loop sees only locals.
 */
function screenValues(c: Columns, n: number, hasVolume: boolean, hasAdj: boolean, bad: (i: number) => void): number[] {
  const { open, high, low, close, volume, adjClose } = c;
  const candidates: number[] = [];
  let prevClose = Number.NaN;
  for (let i = 0; i < n; i++) {
    const o = open[i]!;
    const h = high[i]!;
    const l = low[i]!;
    const cl = close[i]!;
    if (
      !(cl > 0 && o > 0 && l > 0 && h >= l && h >= o && h >= cl && l <= o && l <= cl && h < Infinity) ||
      (hasVolume && !(volume[i]! >= 0 && volume[i]! < Infinity)) ||
      (hasAdj && !(adjClose[i]! > 0 && adjClose[i]! < Infinity))
    ) {
      bad(i);
    }
    const r = prevClose / o;
    if (r >= 1.45 || r <= 1 / 1.45) candidates.push(i);
    prevClose = cl;
  }
  return candidates;
}

/** Whether `t[0..n)` strictly increases (a hot loop kept apart so it sees only locals). */
function isStrictlyIncreasing(t: Float64Array, n: number): boolean {
  let prev = t[0]!;
  for (let i = 1; i < n; i++) {
    const v = t[i]!;
    if (!(v > prev)) return false;
    prev = v;
  }
  return true;
}

/** Reports what is wrong with the values of row `i` (found by the screening pass). */
function reportValues(
  c: Columns,
  i: number,
  ohlc: boolean,
  hasVolume: boolean,
  o: FinishOptions,
  symbol: string,
  show: (t: number) => string,
  at: (i: number) => Pick<IssueInit, 'line' | 'row'>,
): void {
  const { issues } = o;
  const names = o.read.columnNames;
  const open = c.open[i]!;
  const high = c.high[i]!;
  const low = c.low[i]!;
  const close = c.close[i]!;
  // NaN and ±Infinity (possible in Arrow and Parquet) first: the other checks assume numbers.
  const values: [string, number][] = [[names.close, close]];
  if (ohlc) values.push([names.open, open], [names.high, high], [names.low, low]);
  if (o.read.hasAdjClose) values.push([names.adjClose, c.adjClose[i]!]);
  if (hasVolume) values.push([names.volume, c.volume[i]!]);
  let nonFinite = false;
  for (const [col, v] of values) {
    if (Number.isFinite(v)) continue;
    nonFinite = true;
    issues.add({
      code: 'non_finite_value',
      file: o.file,
      ...at(i),
      column: col,
      value: String(v),
      expected: 'a finite number',
      message: `${symbol} ${show(c.time[i]!)}: column ${quoteCell(col)} is ${v}; expected a finite number`,
      symbol,
    });
  }
  if (nonFinite) return;
  if (o.read.hasAdjClose && !(c.adjClose[i]! > 0)) {
    issues.add({
      code: 'non_positive_price',
      file: o.file,
      ...at(i),
      column: names.adjClose,
      value: String(c.adjClose[i]),
      expected: 'a price > 0',
      message: `${symbol} ${show(c.time[i]!)}: column ${quoteCell(names.adjClose)} is ${c.adjClose[i]}; expected a price > 0`,
      symbol,
    });
  }
  if (!(close > 0) || (ohlc && !(open > 0 && high > 0 && low > 0))) {
    const [col, v] = !(close > 0)
      ? [names.close, close]
      : !(open > 0)
        ? [names.open, open]
        : !(high > 0)
          ? [names.high, high]
          : [names.low, low];
    issues.add({
      code: 'non_positive_price',
      file: o.file,
      ...at(i),
      column: col,
      value: String(v),
      expected: 'a price > 0',
      message: `${symbol} ${show(c.time[i]!)}: column ${quoteCell(col)} is ${v}; expected a price > 0`,
      symbol,
    });
  }
  if (c.volume[i]! < 0) {
    issues.add({
      code: 'negative_volume',
      file: o.file,
      ...at(i),
      column: names.volume,
      value: String(c.volume[i]),
      expected: 'a volume >= 0',
      message: `${symbol} ${show(c.time[i]!)}: column ${quoteCell(names.volume)} is ${c.volume[i]}; expected a volume >= 0`,
      symbol,
    });
  }
  if (!ohlc) return;
  if (high < Math.max(open, close) || high < low) {
    const found = `high ${high} with open ${open}, low ${low}, close ${close}`;
    issues.add({
      code: 'high_below_body',
      file: o.file,
      ...at(i),
      column: names.high,
      value: String(high),
      expected: `high >= max(open, close, low) = ${Math.max(open, close, low)}`,
      message: `${symbol} ${show(c.time[i]!)}: ${found}; expected high >= open, close and low${high < low ? ' (high and low swapped?)' : ''}`,
      symbol,
    });
  }
  if (low > Math.min(open, close)) {
    issues.add({
      code: 'low_above_body',
      file: o.file,
      ...at(i),
      column: names.low,
      value: String(low),
      expected: `low <= min(open, close) = ${Math.min(open, close)}`,
      message: `${symbol} ${show(c.time[i]!)}: low ${low} with open ${open}, high ${high}, close ${close}; expected low <= open and close`,
      symbol,
    });
  }
}

/** Reports times outside 1800..2200; `false` when there was one. */
function checkTimeRange(
  time: Float64Array,
  n: number,
  o: FinishOptions,
  symbol: string,
  at: (i: number) => Pick<IssueInit, 'line' | 'row'>,
): boolean {
  let ok = true;
  for (let i = 0; i < n; i++) {
    const t = time[i]!;
    if (t >= MIN_TIME_MS && t <= MAX_TIME_MS) continue;
    ok = false;
    const shown = Number.isFinite(t) && Math.abs(t) <= 8.64e15 ? new Date(t).toISOString() : String(t);
    o.issues.add({
      code: 'bad_time',
      file: o.file,
      ...at(i),
      column: o.read.timeColumn,
      value: shown,
      expected: 'a time within 1800-01-01..2200-01-01',
      message: `${symbol}: time ${shown} (${t} ms since 1970) is outside 1800..2200; expected a time within 1800-01-01..2200-01-01 (wrong unit?)`,
      symbol,
    });
  }
  return ok;
}

/** Checks the adjusted prices and volumes the engine will trade: finite and positive. */
function checkAdjusted(
  c: Columns,
  n: number,
  hasVolume: boolean,
  o: FinishOptions,
  symbol: string,
  show: (t: number) => string,
  at: (i: number) => Pick<IssueInit, 'line' | 'row'>,
): void {
  const names = o.read.columnNames;
  for (let i = 0; i < n; i++) {
    const ok =
      c.open[i]! > 0 && c.open[i]! < Infinity && c.high[i]! > 0 && c.high[i]! < Infinity && c.low[i]! > 0 && c.low[i]! < Infinity && c.close[i]! > 0 && c.close[i]! < Infinity &&
      (!hasVolume || (c.volume[i]! >= 0 && c.volume[i]! < Infinity));
    if (ok) continue;
    const bad = !(c.close[i]! > 0 && c.close[i]! < Infinity) ? c.close[i]! : !(c.open[i]! > 0 && c.open[i]! < Infinity) ? c.open[i]! : !(c.high[i]! > 0 && c.high[i]! < Infinity) ? c.high[i]! : !(c.low[i]! > 0 && c.low[i]! < Infinity) ? c.low[i]! : c.volume[i]!;
    o.issues.add({
      code: Number.isFinite(bad) ? 'non_positive_price' : 'non_finite_value',
      file: o.file,
      ...at(i),
      column: names.adjClose,
      value: String(c.adjClose[i]),
      expected: 'adjusted prices > 0 and finite',
      message: `${symbol} ${show(c.time[i]!)}: adjusting by ${quoteCell(names.adjClose)} ${c.adjClose[i]} / close gives ${bad}; expected adjusted prices > 0 and finite`,
      symbol,
    });
  }
}

function sortColumns(c: Columns, n: number): Columns {
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  // Stable: equal times keep file order, so "keep the last duplicate" means the last in the file.
  const sorted = Array.from(order).sort((a, b) => c.time[a]! - c.time[b]! || a - b);
  const out = {} as Columns;
  for (const key of COLUMNS) {
    const src = key === 'position' ? (c.position ?? indexColumn(n)) : c[key];
    const dst = new Float64Array(n);
    for (let i = 0; i < n; i++) dst[i] = src[sorted[i]!]!;
    out[key] = dst;
  }
  return out;
}

function compact(c: Columns, keep: Uint8Array): Columns {
  let m = 0;
  for (const k of keep) m += k;
  const out = {} as Columns;
  for (const key of COLUMNS) {
    const src = key === 'position' ? (c.position ?? indexColumn(keep.length)) : c[key];
    const dst = new Float64Array(m);
    let j = 0;
    for (let i = 0; i < keep.length; i++) if (keep[i] === 1) dst[j++] = src[i]!;
    out[key] = dst;
  }
  return out;
}

function adjust(c: Columns, n: number): Columns {
  const open = new Float64Array(n);
  const high = new Float64Array(n);
  const low = new Float64Array(n);
  const close = new Float64Array(n);
  const volume = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const f = c.adjClose[i]! / c.close[i]!;
    open[i] = c.open[i]! * f;
    high[i] = c.high[i]! * f;
    low[i] = c.low[i]! * f;
    close[i] = c.adjClose[i]!;
    volume[i] = c.volume[i]! / f;
  }
  return { ...c, open, high, low, close, volume };
}

function checkSplits(
  c: Columns,
  candidates: readonly number[],
  o: FinishOptions,
  symbol: string,
  show: (t: number) => string,
  at: (i: number) => Pick<IssueInit, 'line' | 'row'>,
): void {
  const close = c.close;
  const open = c.open;
  for (const i of candidates) {
    const prev = close[i - 1]!;
    const gap = Math.log(prev / open[i]!);
    const move = Math.log(prev / close[i]!);
    for (const k of [...SPLIT_RATIOS, ...WEAK_SPLIT_RATIOS]) {
      const lk = Math.log(k);
      if (Math.abs(gap - lk) < 0.03 && Math.abs(move - lk) < 0.1) {
        const adjRatio = (c.close[i]! / c.adjClose[i]!) / (prev / c.adjClose[i - 1]!);
        const confirmed = Number.isFinite(adjRatio) && Math.abs(Math.log(adjRatio) + lk) < 0.05;
        if (!confirmed && WEAK_SPLIT_RATIOS.includes(k)) break;
        const ratio = k >= 1 ? `${+k.toFixed(3)}:1` : `1:${+(1 / k).toFixed(3)}`;
        o.issues.add({
          code: 'suspected_split',
          file: o.file,
          ...at(i),
          column: o.read.columnNames.open || o.read.columnNames.close,
          value: String(c.open[i]),
          expected: `a price near the previous close ${prev}`,
          message: `${symbol} ${show(c.time[i]!)}: price moved from ${prev} to ${c.open[i]} overnight, a ${ratio} ratio — an unadjusted split?${
            confirmed ? ' (Adj Close confirms it: consider adjustment "adjusted")' : ''
          }`,
          symbol,
        });
        break;
      }
    }
  }
}

/** Session dates of bars and the calendar's sessions, compared: off-calendar bars and gaps. */
function checkCalendar(
  time: Float64Array,
  n: number,
  daily: boolean,
  o: FinishOptions,
  symbol: string,
  at: (i: number) => Pick<IssueInit, 'line' | 'row'>,
): void {
  const cal = o.calendar!;
  const lo = dayOfIsoDate(cal.validFrom);
  const hi = dayOfIsoDate(cal.validTo);
  const { days, rows, outside } = sessionDays(time, n, daily ? null : ZoneOffsets.of(cal.timeZone), lo, hi);
  const first = days.length > 0 ? days[0]! : Number.NaN;
  const last = days.length > 0 ? days[days.length - 1]! : Number.NaN;
  const unique = days;
  for (let k = 0; k < days.length; k++) {
    const d = days[k]!;
    if (!cal.isSession(d * DAY_MS)) {
      o.issues.add({
        code: 'off_calendar',
        file: o.file,
        ...at(rows[k]!),
        column: o.read.timeColumn,
        value: isoDateOfDay(d),
        expected: `a ${cal.name} session`,
        message: `${symbol}: a bar on ${isoDateOfDay(d)}, which is not a ${cal.name} session (weekend or holiday)`,
        symbol,
      });
    }
  }
  if (outside > 0) {
    o.issues.add({
      code: 'outside_calendar',
      file: o.file,
      expected: `dates within ${cal.validFrom}..${cal.validTo}`,
      message: `${symbol}: bars on ${outside} date(s) fall outside the ${cal.name} calendar's ${cal.validFrom}..${cal.validTo} and were not checked against it`,
      symbol,
    });
  }
  if (Number.isNaN(first)) return;
  let sessions: Float64Array;
  try {
    sessions = cal.sessions(first * DAY_MS, last * DAY_MS);
  } catch (err) {
    if (err instanceof TimeRangeError) return;
    throw err;
  }
  let runStart = -1;
  let runLength = 0;
  const flush = (): void => {
    if (runLength === 0) return;
    const from = isoDate(sessions[runStart]!);
    const to = isoDate(sessions[runStart + runLength - 1]!);
    o.issues.add({
      code: 'calendar_gap',
      file: o.file,
      value: runLength === 1 ? from : `${from}..${to}`,
      expected: `a bar on every ${cal.name} session`,
      message: `${symbol}: no bar on ${runLength === 1 ? `session ${from}` : `${runLength} sessions ${from}..${to}`}`,
      symbol,
    });
    runLength = 0;
  };
  let u = 0;
  for (let k = 0; k < sessions.length; k++) {
    const d = sessions[k]! / DAY_MS;
    while (u < unique.length && unique[u]! < d) u++;
    if (unique[u] === d) {
      flush();
    } else {
      if (runLength === 0) runStart = k;
      runLength++;
    }
  }
  flush();
}

/**
 * The distinct session dates (day numbers) of sorted bar times within `[lo, hi]`, with the row of
 * each date's first bar, and the number of dates outside the range. A bar's date is its date label
 * (daily) or its local date in `zone` (intraday); sorted times give non-decreasing dates, so one
 * pass with no set suffices.
 */
function sessionDays(
  time: Float64Array,
  n: number,
  zone: ZoneOffsets | null,
  lo: number,
  hi: number,
): { days: number[]; rows: number[]; outside: number } {
  const days: number[] = [];
  const rows: number[] = [];
  let outside = 0;
  let end = Number.NEGATIVE_INFINITY;
  let d = Number.NaN;
  let last = Number.NaN;
  for (let i = 0; i < n; i++) {
    const t = time[i]!;
    if (zone === null) {
      d = Math.floor(t / DAY_MS);
    } else if (t >= end) {
      d = Math.floor((t + zone.offsetAt(t)) / DAY_MS);
      end = zone.toUtc((d + 1) * DAY_MS);
    } else {
      continue;
    }
    if (d === last) continue;
    if (d < lo || d > hi) {
      outside++;
      continue;
    }
    last = d;
    days.push(d);
    rows.push(i);
  }
  return { days, rows, outside };
}
