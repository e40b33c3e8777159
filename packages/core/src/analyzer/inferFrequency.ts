/**
 * The bar frequency of a time index (daily, weekly, monthly, quarterly, annual or intraday) and
 * its annualisation factor, inferred from the spacing of the times — never assumed.
 */
import { nyseCalendar } from '../calendar/NyseCalendar.js';
import type { TradingCalendar } from '../calendar/TradingCalendar.js';
import { TimeRangeError } from '../errors.js';
import { DAY_MS } from '../time/civil.js';

/** Bar frequencies the analyzer annualises. `irregular`: date labels with no usual spacing. */
export const TimeFrequency = {
  Intraday: 'intraday',
  Daily: 'daily',
  Weekly: 'weekly',
  Monthly: 'monthly',
  Quarterly: 'quarterly',
  Annual: 'annual',
  Irregular: 'irregular',
} as const;
/** {@inheritDoc TimeFrequency} */
export type TimeFrequency = (typeof TimeFrequency)[keyof typeof TimeFrequency];

/** A time index's frequency, as stated in a result. */
export interface FrequencyInfo {
  readonly frequency: TimeFrequency;
  /** Bars per year used to annualise (e.g. 251.7 for NYSE daily, 52.18 weekly, 12 monthly). */
  readonly periodsPerYear: number;
  /** Intraday only: the median number of bars per session (NaN otherwise). */
  readonly barsPerSession: number;
}

const DAYS_PER_YEAR = 365.25;

/**
 * Infers the bar frequency of a time index. Date-labelled times (every time at 00:00 UTC) are
 * classified by the median spacing in calendar days: ≤ 4 daily (the calendar's sessions per year
 * over the index), 5–10 weekly (365.25 / 7), 26–35 monthly (12), 85–95 quarterly (4), 360–370
 * annual (1), anything else irregular (365.25 / median spacing). Other times are intraday: the
 * calendar's sessions per year × the median bars per session (day).
 *
 * @example
 * inferFrequency(weeklyFridays) // { frequency: 'weekly', periodsPerYear: 52.178…, barsPerSession: NaN }
 */
export function inferFrequency(time: Float64Array, calendar: TradingCalendar = nyseCalendar): FrequencyInfo {
  const n = time.length;
  if (n === 0) return { frequency: 'daily', periodsPerYear: Number.NaN, barsPerSession: Number.NaN };
  const sessions = sessionsPerYear(time, calendar);
  let dated = true;
  for (let i = 0; i < n; i++) {
    if (time[i]! % DAY_MS !== 0) {
      dated = false;
      break;
    }
  }
  if (!dated) {
    const perSession = medianBarsPerDay(time);
    return { frequency: 'intraday', periodsPerYear: sessions * perSession, barsPerSession: perSession };
  }
  if (n < 2) return { frequency: 'daily', periodsPerYear: sessions, barsPerSession: Number.NaN };
  // The median spacing's class, from counts per class (one pass, no sort): a class holding more
  // than half the gaps holds the median.
  const classes = [
    { max: 4, info: { frequency: 'daily', periodsPerYear: sessions } },
    { max: 10, info: { frequency: 'weekly', periodsPerYear: DAYS_PER_YEAR / 7 } },
    { max: 35, info: { frequency: 'monthly', periodsPerYear: 12 } },
    { max: 95, info: { frequency: 'quarterly', periodsPerYear: 4 } },
    { max: 370, info: { frequency: 'annual', periodsPerYear: 1 } },
  ] as const;
  const mins = [0, 5, 26, 85, 360];
  const counts = [0, 0, 0, 0, 0];
  for (let i = 1; i < n; i++) {
    const gap = (time[i]! - time[i - 1]!) / DAY_MS;
    for (let c = 0; c < classes.length; c++) {
      if (gap >= mins[c]! && gap <= classes[c]!.max) {
        counts[c]!++;
        break;
      }
    }
  }
  for (let c = 0; c < classes.length; c++) {
    if (counts[c]! * 2 > n - 1) return { ...classes[c]!.info, barsPerSession: Number.NaN };
  }
  const gaps = new Float64Array(n - 1);
  for (let i = 1; i < n; i++) gaps[i - 1] = (time[i]! - time[i - 1]!) / DAY_MS;
  gaps.sort();
  const gap = gaps[(n - 1) >> 1]!;
  for (let c = 0; c < classes.length; c++) if (gap >= mins[c]! && gap <= classes[c]!.max) return { ...classes[c]!.info, barsPerSession: Number.NaN };
  return { frequency: 'irregular', periodsPerYear: DAYS_PER_YEAR / gap, barsPerSession: Number.NaN };
}

function sessionsPerYear(time: Float64Array, calendar: TradingCalendar): number {
  try {
    return calendar.sessionsPerYear(time[0]!, time[time.length - 1]!);
  } catch (err) {
    if (!(err instanceof TimeRangeError)) throw err;
    return calendar.sessionsPerYear();
  }
}

function medianBarsPerDay(time: Float64Array): number {
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
  return perDay[perDay.length >> 1]!;
}
