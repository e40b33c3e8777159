/**
 * The annualisation factor of a time index, from its bar frequency and the exchange calendar —
 * never a hard-coded 252.
 */
import { nyseCalendar } from '../calendar/NyseCalendar.js';
import type { TradingCalendar } from '../calendar/TradingCalendar.js';
import { TimeRangeError } from '../errors.js';
import { DAY_MS } from '../time/civil.js';

/**
 * Bars per year of a time index: for daily data (date labels), the calendar's mean sessions per
 * year over the whole years the index spans (its full range when it spans less than a year); for
 * intraday data, that times the median number of bars per session.
 *
 * @example periodsPerYearFor(result.time) // 251.67… for 2015–2024 NYSE daily bars
 */
export function periodsPerYearFor(time: Float64Array, calendar: TradingCalendar = nyseCalendar): number {
  const n = time.length;
  if (n === 0) return Number.NaN;
  let sessions: number;
  try {
    sessions = calendar.sessionsPerYear(time[0]!, time[n - 1]!);
  } catch (err) {
    if (!(err instanceof TimeRangeError)) throw err;
    sessions = calendar.sessionsPerYear();
  }
  if (time.every((t) => t % DAY_MS === 0)) return sessions;
  // Intraday: median bars per day.
  const perDay: number[] = [];
  let day = Math.floor(time[0]! / DAY_MS);
  let count = 0;
  for (const t of time) {
    const d = Math.floor(t / DAY_MS);
    if (d !== day) {
      perDay.push(count);
      day = d;
      count = 0;
    }
    count++;
  }
  perDay.push(count);
  perDay.sort((a, b) => a - b);
  return sessions * perDay[perDay.length >> 1]!;
}
