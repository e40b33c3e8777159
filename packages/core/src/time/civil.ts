/**
 * Proleptic Gregorian calendar arithmetic on whole days, without `Date` objects, so that it is
 * exact, allocation-free and independent of the host time zone.
 *
 * A *day number* counts days since 1970-01-01 (day 0). A *date label* is the epoch-millisecond
 * time of UTC midnight of a date (`dayNumber * 86_400_000`): the time label qt-backtest gives
 * daily bars, so a date means the same session wherever the code runs.
 */
import { TimeRangeError } from '../errors.js';

/** Milliseconds in one day. */
export const DAY_MS = 86_400_000;

/**
 * Day number (days since 1970-01-01) of a Gregorian date.
 * Algorithm from Howard Hinnant, "chrono-Compatible Low-Level Date Algorithms" (days_from_civil).
 *
 * @param year - full year, e.g. 2024
 * @param month - 1..12
 * @param day - 1..31 (not checked against the month; use {@link isValidDate} for that)
 * @example daysFromCivil(1970, 1, 2) // 1
 */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** A calendar date as numbers. */
export interface CivilDate {
  readonly year: number;
  /** 1..12 */
  readonly month: number;
  /** 1..31 */
  readonly day: number;
}

/**
 * Inverse of {@link daysFromCivil}.
 *
 * @example civilFromDays(19723) // { year: 2024, month: 1, day: 1 }
 */
export function civilFromDays(dayNumber: number): CivilDate {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/**
 * Day of the week of a day number: 0 = Sunday … 6 = Saturday (as `Date#getUTCDay`).
 *
 * @example weekday(0) // 4 (1970-01-01 was a Thursday)
 */
export function weekday(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

/** Whether `year` is a Gregorian leap year. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** Number of days in `month` (1..12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : (MONTH_DAYS[month - 1] ?? Number.NaN);
}

/** Whether year/month/day name a real Gregorian date. */
export function isValidDate(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/**
 * ISO `YYYY-MM-DD` of a day number.
 *
 * @example isoDateOfDay(19723) // '2024-01-01'
 */
export function isoDateOfDay(dayNumber: number): string {
  const { year, month, day } = civilFromDays(dayNumber);
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

/**
 * ISO `YYYY-MM-DD` of the UTC date of an epoch-millisecond time (for a date label: its date).
 *
 * @example isoDate(Date.UTC(2024, 0, 2)) // '2024-01-02'
 */
export function isoDate(epochMs: number): string {
  return isoDateOfDay(Math.floor(epochMs / DAY_MS));
}

/**
 * Day number of an ISO `YYYY-MM-DD` string.
 *
 * @throws {TimeRangeError} when the text is not a valid ISO date.
 * @example dayOfIsoDate('1970-01-02') // 1
 */
export function dayOfIsoDate(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const year = Number(m?.[1]);
  const month = Number(m?.[2]);
  const day = Number(m?.[3]);
  if (m === null || !isValidDate(year, month, day)) {
    throw new TimeRangeError(`expected an ISO date YYYY-MM-DD, got "${text}"`);
  }
  return daysFromCivil(year, month, day);
}
