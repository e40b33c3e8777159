/**
 * Many symbols on one time index. Where a symbol has no bar the panel holds `NaN` and a 0 in
 * `present`: missing values stay explicit and are never forward-filled.
 */
import type { TradingCalendar } from '../calendar/TradingCalendar.js';
import { InvariantError, TimeRangeError } from '../errors.js';
import { BAR_FIELDS, type BarField, type BarSeries } from './BarSeries.js';

/** Symbols aligned on a shared, strictly increasing time index. */
export interface BarPanel {
  /** The shared time index (epoch ms), strictly increasing. */
  readonly time: Float64Array;
  readonly symbols: readonly string[];
  /**
   * Per field, per symbol (in `symbols` order): values on `time`, `NaN` where missing. A series
   * that already covers the whole index is shared, not copied: treat the arrays as read-only.
   */
  readonly fields: Readonly<Record<BarField, readonly Float64Array[]>>;
  /** Per symbol: 1 where the symbol has a bar at that time, else 0. */
  readonly present: readonly Uint8Array[];
  /**
   * One symbol's field on the shared index.
   *
   * @throws {InvariantError} for an unknown symbol.
   */
  get(symbol: string, field: BarField): Float64Array;
}

/** Options of {@link alignBars}. */
export interface AlignOptions {
  /**
   * Add every session of this calendar between the first and last bar (daily data), so that a
   * session no symbol traded still appears as an explicit missing row.
   */
  readonly calendar?: TradingCalendar;
}

/**
 * Aligns series on the union of their times (plus the calendar's sessions when given).
 *
 * @throws {InvariantError} when daily and intraday series are mixed, or no series is given.
 * @example
 * const panel = alignBars(loaded.series.values(), { calendar: nyseCalendar });
 * panel.get('AAPL', 'close'); // Float64Array on panel.time, NaN before AAPL's first bar
 */
export function alignBars(series: Iterable<BarSeries>, options: AlignOptions = {}): BarPanel {
  const list = [...series];
  if (list.length === 0) throw new InvariantError('alignBars needs at least one series');
  const daily = list[0]!.frequency === 'daily';
  if (list.some((s) => (s.frequency === 'daily') !== daily)) {
    throw new InvariantError(
      `cannot align daily and intraday series: ${list.map((s) => `"${s.symbol}" (${s.frequency})`).join(', ')}`,
    );
  }
  const calendar = options.calendar !== undefined && daily ? options.calendar : undefined;
  const time = calendar === undefined && sameIndex(list) ? list[0]!.time : unionIndex(list, calendar);
  const m = time.length;
  const fields = {} as Record<BarField, Float64Array[]>;
  for (const f of BAR_FIELDS) fields[f] = [];
  const present: Uint8Array[] = [];
  for (const s of list) {
    if (s.length === m) {
      // The index is the union of all series' times, so a series as long as it is the index:
      // share its arrays instead of copying them.
      for (const f of BAR_FIELDS) fields[f].push(s[f]);
      present.push(new Uint8Array(m).fill(1));
      continue;
    }
    const mask = new Uint8Array(m);
    const out = BAR_FIELDS.map(() => new Float64Array(m).fill(Number.NaN));
    let j = 0;
    for (let i = 0; i < s.length; i++) {
      const t = s.time[i]!;
      while (time[j]! < t) j++;
      mask[j] = 1;
      for (let k = 0; k < BAR_FIELDS.length; k++) out[k]![j] = s[BAR_FIELDS[k]!][i]!;
    }
    BAR_FIELDS.forEach((f, k) => fields[f].push(out[k]!));
    present.push(mask);
  }
  const symbols = Object.freeze(list.map((s) => s.symbol));
  const index = new Map(symbols.map((s, i) => [s, i]));
  return Object.freeze({
    time,
    symbols,
    fields: Object.freeze(fields),
    present: Object.freeze(present),
    get(symbol: string, field: BarField): Float64Array {
      const i = index.get(symbol);
      if (i === undefined) throw new InvariantError(`no symbol "${symbol}" in the panel`);
      return fields[field][i]!;
    },
  });
}

/** Whether every series has exactly the same times (then the index is theirs, shared). */
function sameIndex(list: readonly BarSeries[]): boolean {
  const first = list[0]!.time;
  for (const s of list) {
    if (s.time === first) continue;
    if (s.length !== first.length) return false;
    for (let i = 0; i < first.length; i++) if (s.time[i] !== first[i]) return false;
  }
  return true;
}

/** The sorted union of the series' times, plus the calendar's sessions in their range. */
function unionIndex(list: readonly BarSeries[], calendar: TradingCalendar | undefined): Float64Array {
  let total = 0;
  for (const s of list) total += s.length;
  let extra: Float64Array = new Float64Array(0);
  if (calendar !== undefined) {
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (const s of list) {
      if (s.length === 0) continue;
      lo = Math.min(lo, s.time[0]!);
      hi = Math.max(hi, s.time[s.length - 1]!);
    }
    if (lo <= hi) {
      const from = Math.max(lo, Date.parse(calendar.validFrom));
      const to = Math.min(hi, Date.parse(calendar.validTo));
      try {
        if (from <= to) extra = calendar.sessions(from, to);
      } catch (err) {
        if (!(err instanceof TimeRangeError)) throw err;
      }
    }
  }
  const all = new Float64Array(total + extra.length);
  let at = 0;
  for (const s of list) {
    all.set(s.time, at);
    at += s.length;
  }
  all.set(extra, at);
  all.sort();
  let m = 0;
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[m - 1]) all[m++] = all[i]!;
  return all.slice(0, m);
}
