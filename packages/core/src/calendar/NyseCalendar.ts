/**
 * The New York Stock Exchange calendar for 1990–2035, computed from the exchange's holiday rules
 * plus a short list of unscheduled closures and irregular closes.
 *
 * Sources (facts only, no code copied):
 * - NYSE "Holidays & Trading Hours" page (nyse.com/markets/hours-calendars) and NYSE Rule 7.2
 *   (New Year's Day on a Saturday is not observed on the Friday before).
 * - pandas_market_calendars (github.com/rsheftel/pandas_market_calendars),
 *   `pandas_market_calendars/holidays/nyse.py` and `calendars/nyse.py`, for the holiday rules, the
 *   historical early closes and the special closures, and
 *   `tests/data/nyse_all_full_day_holidays_since_1928.csv` for the full list of closed weekdays.
 */
import { InvariantError, TimeRangeError } from '../errors.js';
import { DAY_MS, civilFromDays, dayOfIsoDate, daysFromCivil, daysInMonth, isoDateOfDay, weekday } from '../time/civil.js';
import { ClosureKind } from './TradingCalendar.js';
import type { CalendarDate, Closure, Session, TradingCalendar } from './TradingCalendar.js';

const FIRST_YEAR = 1990;
const LAST_YEAR = 2035;
const VALID_FROM = '1990-01-01';
const VALID_TO = '2035-12-31';
const FIRST_DAY = daysFromCivil(FIRST_YEAR, 1, 1);
const LAST_DAY = daysFromCivil(LAST_YEAR, 12, 31);
const DAY_COUNT = LAST_DAY - FIRST_DAY + 1;

const SUN = 0;
const MON = 1;
const TUE = 2;
const WED = 3;
const THU = 4;
const SAT = 6;

/** Wall-clock times in minutes after local midnight (New York). */
const OPEN_MINUTE = 9 * 60 + 30;
const REGULAR_CLOSE_MINUTE = 16 * 60;
const EARLY_CLOSE_MINUTE = 13 * 60;
/** Until 1992 the exchange's standard early close was 14:00; 13:00 from 1993 (pmc). */
const OLD_EARLY_CLOSE_MINUTE = 14 * 60;
const MINUTE_MS = 60_000;

/**
 * Unscheduled full-day closures (pmc `adhoc_holidays` restricted to 1990–2035; pmc lists no weather
 * closure in the range: the last one, Hurricane Gloria, was 1985-09-27).
 */
const SPECIAL_CLOSURES: readonly (readonly [date: string, reason: string])[] = [
  ['1994-04-27', 'National Day of Mourning for President Nixon'],
  ['2001-09-11', 'September 11 attacks'],
  ['2001-09-12', 'September 11 attacks'],
  ['2001-09-13', 'September 11 attacks'],
  ['2001-09-14', 'September 11 attacks'],
  ['2004-06-11', 'National Day of Mourning for President Reagan'],
  ['2007-01-02', 'National Day of Mourning for President Ford'],
  ['2012-10-29', 'Hurricane Sandy'],
  ['2012-10-30', 'Hurricane Sandy'],
  ['2018-12-05', 'National Day of Mourning for President George H. W. Bush'],
  ['2025-01-09', 'National Day of Mourning for President Carter'],
];

/**
 * Early closes that no standing rule produces (pmc `special_closes` / `special_closes_adhoc`,
 * 1990–2035), with the local closing time in minutes. Christmas Eve before 1999 was decided year
 * by year, so those years are listed here rather than ruled.
 */
const IRREGULAR_CLOSES: readonly (readonly [date: string, closeMinute: number])[] = [
  ['1990-12-24', OLD_EARLY_CLOSE_MINUTE], // Christmas Eve
  ['1991-12-24', OLD_EARLY_CLOSE_MINUTE], // Christmas Eve
  ['1992-12-24', OLD_EARLY_CLOSE_MINUTE], // Christmas Eve
  ['1994-02-11', 14 * 60 + 30], // snowstorm
  ['1996-01-08', OLD_EARLY_CLOSE_MINUTE], // snowstorm (the 11:00 late open is not modelled)
  ['1996-12-24', EARLY_CLOSE_MINUTE], // Christmas Eve
  ['1997-10-27', 15 * 60 + 30], // second circuit-breaker halt ended the session
  ['1997-12-24', EARLY_CLOSE_MINUTE], // Christmas Eve
  ['1997-12-26', EARLY_CLOSE_MINUTE], // Friday after Christmas
  ['1998-12-24', EARLY_CLOSE_MINUTE], // Christmas Eve
  ['2003-12-26', EARLY_CLOSE_MINUTE], // Friday after Christmas
  ['2005-06-01', 15 * 60 + 56], // systems communication problem
];

interface DatedName {
  readonly day: number;
  readonly name: string;
  readonly kind: ClosureKind;
}

function nthWeekdayOfMonth(year: number, month: number, dow: number, n: number): number {
  const first = daysFromCivil(year, month, 1);
  return first + ((dow - weekday(first) + 7) % 7) + 7 * (n - 1);
}

function lastWeekdayOfMonth(year: number, month: number, dow: number): number {
  const last = daysFromCivil(year, month, daysInMonth(year, month));
  return last - ((weekday(last) - dow + 7) % 7);
}

/** Easter Sunday (Gregorian computus, the anonymous "Meeus/Jones/Butcher" algorithm). */
function easterSunday(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return daysFromCivil(year, month, day);
}

/**
 * A fixed-date holiday moved off the weekend: Saturday to the Friday before, Sunday to the Monday
 * after (pmc `nearest_workday`), or `null` when it is not observed at all.
 */
function observed(name: string, day: number, observeSaturdayOnFriday: boolean): DatedName | null {
  const dow = weekday(day);
  const kind = ClosureKind.Holiday;
  if (dow === SUN) return { day: day + 1, name: `${name} (observed)`, kind };
  if (dow === SAT) return observeSaturdayOnFriday ? { day: day - 1, name: `${name} (observed)`, kind } : null;
  return { day, name, kind };
}

/** Regular holidays of one year, in no particular order. */
function holidaysOf(year: number): DatedName[] {
  const kind = ClosureKind.Holiday;
  const out: (DatedName | null)[] = [
    // NYSE Rule 7.2: a Saturday New Year's Day is not moved to Friday December 31.
    observed("New Year's Day", daysFromCivil(year, 1, 1), false),
    { day: nthWeekdayOfMonth(year, 2, MON, 3), name: "Washington's Birthday", kind },
    { day: easterSunday(year) - 2, name: 'Good Friday', kind },
    { day: lastWeekdayOfMonth(year, 5, MON), name: 'Memorial Day', kind },
    observed('Independence Day', daysFromCivil(year, 7, 4), true),
    { day: nthWeekdayOfMonth(year, 9, MON, 1), name: 'Labor Day', kind },
    { day: nthWeekdayOfMonth(year, 11, THU, 4), name: 'Thanksgiving Day', kind },
    observed('Christmas Day', daysFromCivil(year, 12, 25), true),
  ];
  // The exchange first closed for Dr. King's birthday in 1998 (pmc USMartinLutherKingJrAfter1998).
  if (year >= 1998) out.push({ day: nthWeekdayOfMonth(year, 1, MON, 3), name: 'Martin Luther King Jr. Day', kind });
  if (year >= 2022) out.push(observed('Juneteenth National Independence Day', daysFromCivil(year, 6, 19), true));
  return out.filter((h): h is DatedName => h !== null);
}

/** Rule-based early closes of one year as `[day, closeMinute]` (irregular ones are listed apart). */
function ruledEarlyClosesOf(year: number): (readonly [number, number])[] {
  const out: (readonly [number, number])[] = [];
  // Day before Independence Day: July 3 on a Monday, Tuesday or Thursday since 1995; when July 4
  // is a Thursday the early close was Friday July 5 from 1996 to 2012 and is Wednesday July 3
  // since 2013 (pmc MonTuesThursBeforeIndependenceDay, FridayAfterIndependenceDayNYSEpre2013,
  // WednesdayBeforeIndependenceDayPost2013). A Friday July 3 is itself the observed holiday.
  const july3 = daysFromCivil(year, 7, 3);
  const july3Dow = weekday(july3);
  if (year >= 1995 && (july3Dow === MON || july3Dow === TUE || july3Dow === THU)) out.push([july3, EARLY_CLOSE_MINUTE]);
  if (year >= 2013 && july3Dow === WED) out.push([july3, EARLY_CLOSE_MINUTE]);
  if (year >= 1996 && year <= 2012 && july3Dow === WED) out.push([july3 + 2, EARLY_CLOSE_MINUTE]);
  // Day after Thanksgiving: first shortened in 1992 (to 14:00), 13:00 since 1993.
  const dayAfterThanksgiving = nthWeekdayOfMonth(year, 11, THU, 4) + 1;
  if (year === 1992) out.push([dayAfterThanksgiving, OLD_EARLY_CLOSE_MINUTE]);
  if (year >= 1993) out.push([dayAfterThanksgiving, EARLY_CLOSE_MINUTE]);
  // Christmas Eve on Monday–Thursday since 1999 (a Friday one is the observed Christmas holiday).
  const christmasEve = daysFromCivil(year, 12, 24);
  const christmasEveDow = weekday(christmasEve);
  if (year >= 1999 && christmasEveDow >= MON && christmasEveDow <= THU) out.push([christmasEve, EARLY_CLOSE_MINUTE]);
  return out;
}

/** Whether New York observes daylight saving time on `day`; exact for every day but the two transition Sundays. */
function isNewYorkDst(day: number): boolean {
  const { year } = civilFromDays(day);
  // Energy Policy Act of 2005 moved the dates from 2007 on; both switch at 02:00 local on a Sunday.
  const start = year >= 2007 ? nthWeekdayOfMonth(year, 3, SUN, 2) : nthWeekdayOfMonth(year, 4, SUN, 1);
  const end = year >= 2007 ? nthWeekdayOfMonth(year, 11, SUN, 1) : lastWeekdayOfMonth(year, 10, SUN);
  return day > start && day < end;
}

/** UTC instant of a New York wall-clock time on a weekday. */
function newYorkInstant(day: number, minute: number): number {
  const utcOffsetMinutes = isNewYorkDst(day) ? 4 * 60 : 5 * 60;
  return day * DAY_MS + (minute + utcOffsetMinutes) * MINUTE_MS;
}

interface Tables {
  /** Per day index: local close minute of the session, 0 when the exchange is closed. */
  readonly closeMinute: Uint16Array;
  /** `sessionsBefore[i]`: sessions on day indices `< i` (length `DAY_COUNT + 1`). */
  readonly sessionsBefore: Int32Array;
  /** Date labels of every session, ascending. */
  readonly labels: Float64Array;
  /** Day numbers of weekday closures, ascending, parallel to `closures`. */
  readonly closureDays: Int32Array;
  readonly closures: readonly Closure[];
  /** Day numbers of early-close sessions, ascending. */
  readonly earlyCloseDays: Int32Array;
  /** Session objects, made on first request. */
  readonly sessionCache: (Session | undefined)[];
}

function buildTables(): Tables {
  const closeMinute = new Uint16Array(DAY_COUNT);
  for (let i = 0; i < DAY_COUNT; i++) {
    const dow = weekday(FIRST_DAY + i);
    closeMinute[i] = dow === SAT || dow === SUN ? 0 : REGULAR_CLOSE_MINUTE;
  }

  const closed: DatedName[] = [];
  for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) closed.push(...holidaysOf(year));
  for (const [date, reason] of SPECIAL_CLOSURES) closed.push({ day: dayOfIsoDate(date), name: reason, kind: ClosureKind.Special });
  // No current rule moves a holiday across a year boundary (a Saturday New Year is not
  // observed), but keep the guard so a rule change cannot write outside the tables.
  const inRange = closed.filter(({ day }) => day >= FIRST_DAY && day <= LAST_DAY).sort((a, b) => a.day - b.day);
  for (const { day, name } of inRange) {
    const i = day - FIRST_DAY;
    // A rule landing on a weekend or on another closure means a rule is wrong: fail loudly.
    if (closeMinute[i] !== REGULAR_CLOSE_MINUTE) {
      throw new InvariantError(`NYSE closure "${name}" falls on ${isoDateOfDay(day)}, which is not an open weekday`);
    }
    closeMinute[i] = 0;
  }

  const early: (readonly [number, number])[] = [];
  for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) early.push(...ruledEarlyClosesOf(year));
  for (const [date, minute] of IRREGULAR_CLOSES) early.push([dayOfIsoDate(date), minute]);
  early.sort((a, b) => a[0] - b[0]);
  for (const [day, minute] of early) {
    const i = day - FIRST_DAY;
    if (closeMinute[i] !== REGULAR_CLOSE_MINUTE) {
      throw new InvariantError(`NYSE early close on ${isoDateOfDay(day)} is not a regular session (closed or listed twice)`);
    }
    closeMinute[i] = minute;
  }

  const sessionsBefore = new Int32Array(DAY_COUNT + 1);
  for (let i = 0; i < DAY_COUNT; i++) sessionsBefore[i + 1] = (sessionsBefore[i] ?? 0) + (closeMinute[i] === 0 ? 0 : 1);
  const labels = new Float64Array(sessionsBefore[DAY_COUNT] ?? 0);
  for (let i = 0, k = 0; i < DAY_COUNT; i++) if (closeMinute[i] !== 0) labels[k++] = (FIRST_DAY + i) * DAY_MS;

  return {
    closeMinute,
    sessionsBefore,
    labels,
    closureDays: Int32Array.from(inRange, (c) => c.day),
    closures: inRange.map(({ day, name, kind }): Closure => Object.freeze({ date: isoDateOfDay(day), name, kind })),
    earlyCloseDays: Int32Array.from(early, ([day]) => day),
    sessionCache: new Array<Session | undefined>(DAY_COUNT),
  };
}

let sharedTables: Tables | undefined;

/** First index of `sorted` whose value is `>= value`. */
function lowerBound(sorted: Int32Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? 0) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The New York Stock Exchange calendar from 1990-01-01 to 2035-12-31, computed from rules:
 * weekends; New Year's Day (a Sunday one observed Monday, a Saturday one not observed — NYSE
 * Rule 7.2); Martin Luther King Jr. Day (3rd Monday of January, from 1998); Washington's Birthday
 * (3rd Monday of February); Good Friday (closed every year in range); Memorial Day (last Monday of
 * May); Juneteenth (June 19, from 2022); Independence Day; Labor Day (1st Monday of September);
 * Thanksgiving (4th Thursday of November); Christmas — the last three fixed-date holidays move
 * Saturday → Friday and Sunday → Monday. Plus the unscheduled closures of 1994, 2001, 2004,
 * 2007, 2012, 2018 and 2025.
 *
 * Sessions open 09:30 and close 16:00 New York time. Early closes: 13:00 on the day before
 * Independence Day (by era), the day after Thanksgiving and Christmas Eve; the historical 14:00
 * closes of 1990–1992 and the few irregular closes pmc lists (e.g. 1997-10-27 15:30). Late opens
 * (e.g. 12:00 on 2002-09-11, 11:00 on 1996-01-08, one-to-three-minute silences) are NOT modelled:
 * `open` is always 09:30. Future years assume today's rules; the exchange may add closures.
 *
 * Lookups are O(1) through per-day tables built on first use (shared by all instances). Dates are
 * ISO `YYYY-MM-DD` strings or epoch-ms times (their UTC date); anything outside 1990–2035 throws.
 *
 * @example
 * const nyse = new NyseCalendar();
 * nyse.isSession('2024-07-04'); // false
 * nyse.session('2024-07-03')?.close; // Date.UTC(2024, 6, 3, 17) — 13:00 EDT
 */
export class NyseCalendar implements TradingCalendar {
  /** `'NYSE'`. */
  readonly name: string = 'NYSE';
  /** `'America/New_York'`. */
  readonly timeZone: string = 'America/New_York';
  /** `'1990-01-01'`: first date the rules cover. */
  readonly validFrom: string = VALID_FROM;
  /** `'2035-12-31'`: last date the rules cover. */
  readonly validTo: string = VALID_TO;

  get #tables(): Tables {
    sharedTables ??= buildTables();
    return sharedTables;
  }

  /** Day number of a calendar date, checked against the valid range. */
  #day(date: CalendarDate): number {
    let day: number;
    if (typeof date === 'string') {
      day = dayOfIsoDate(date);
    } else if (typeof date === 'number' && Number.isFinite(date)) {
      day = Math.floor(date / DAY_MS);
    } else {
      throw new TimeRangeError(`expected an ISO date YYYY-MM-DD or a finite epoch-ms time, got "${String(date)}"`);
    }
    if (day < FIRST_DAY || day > LAST_DAY) {
      const shown = typeof date === 'string' ? date : `${date} (${isoDateOfDay(day)})`;
      throw new TimeRangeError(`the NYSE calendar covers ${VALID_FROM}..${VALID_TO}, got "${shown}"`);
    }
    return day;
  }

  /**
   * Whether the exchange holds a session on the date.
   *
   * @throws {TimeRangeError} for a malformed date or one outside 1990–2035.
   * @example nyseCalendar.isSession('2012-10-29') // false (Hurricane Sandy)
   */
  isSession(date: CalendarDate): boolean {
    return this.#tables.closeMinute[this.#day(date) - FIRST_DAY] !== 0;
  }

  /**
   * The session on the date (open/close as UTC epoch ms), or `null` when the exchange is closed.
   * The returned object is frozen and shared between calls.
   *
   * @throws {TimeRangeError} for a malformed date or one outside 1990–2035.
   * @example nyseCalendar.session('2024-01-02')?.open // Date.UTC(2024, 0, 2, 14, 30) — 09:30 EST
   */
  session(date: CalendarDate): Session | null {
    const day = this.#day(date);
    const i = day - FIRST_DAY;
    const t = this.#tables;
    const closeMinute = t.closeMinute[i] ?? 0;
    if (closeMinute === 0) return null;
    let session = t.sessionCache[i];
    if (session === undefined) {
      session = Object.freeze({
        date: isoDateOfDay(day),
        label: day * DAY_MS,
        open: newYorkInstant(day, OPEN_MINUTE),
        close: newYorkInstant(day, closeMinute),
        earlyClose: closeMinute !== REGULAR_CLOSE_MINUTE,
      });
      t.sessionCache[i] = session;
    }
    return session;
  }

  /**
   * Date labels (epoch ms of UTC midnight) of every session in `[from, to]`, ascending, in a new
   * array; empty when `from > to`.
   *
   * @throws {TimeRangeError} when either bound is malformed or outside 1990–2035.
   * @example nyseCalendar.sessions('2014-01-01', '2014-12-31').length // 252
   */
  sessions(from: CalendarDate, to: CalendarDate): Float64Array {
    const fromDay = this.#day(from);
    const toDay = this.#day(to);
    if (fromDay > toDay) return new Float64Array(0);
    const t = this.#tables;
    const start = t.sessionsBefore[fromDay - FIRST_DAY] ?? 0;
    const end = t.sessionsBefore[toDay - FIRST_DAY + 1] ?? 0;
    return t.labels.slice(start, end);
  }

  /**
   * Weekdays without a session in `[from, to]`, ascending, each with its reason: a holiday name
   * such as `"New Year's Day"`, `'Independence Day (observed)'` (kind `'holiday'`), or an event
   * such as `'Hurricane Sandy'` (kind `'special'`). Empty when `from > to`. This is also the way
   * to list one year's holidays.
   *
   * @throws {TimeRangeError} when either bound is malformed or outside 1990–2035.
   * @example nyseCalendar.closures('2022-06-01', '2022-06-30') // [{ date: '2022-06-20', name: 'Juneteenth National Independence Day (observed)', kind: 'holiday' }]
   */
  closures(from: CalendarDate, to: CalendarDate): readonly Closure[] {
    const fromDay = this.#day(from);
    const toDay = this.#day(to);
    if (fromDay > toDay) return [];
    const t = this.#tables;
    return t.closures.slice(lowerBound(t.closureDays, fromDay), lowerBound(t.closureDays, toDay + 1));
  }

  /**
   * Sessions in `[from, to]` that close before 16:00 New York time, ascending (mostly 13:00;
   * 14:00 in 1990–1992 and a few irregular times). Empty when `from > to`.
   *
   * @throws {TimeRangeError} when either bound is malformed or outside 1990–2035.
   * @example nyseCalendar.earlyCloses('2024-01-01', '2024-12-31').map((s) => s.date) // ['2024-07-03', '2024-11-29', '2024-12-24']
   */
  earlyCloses(from: CalendarDate, to: CalendarDate): readonly Session[] {
    const fromDay = this.#day(from);
    const toDay = this.#day(to);
    if (fromDay > toDay) return [];
    const days = this.#tables.earlyCloseDays;
    const out: Session[] = [];
    for (let k = lowerBound(days, fromDay); k < days.length && (days[k] ?? Infinity) <= toDay; k++) {
      const session = this.session((days[k] ?? 0) * DAY_MS);
      if (session !== null) out.push(session);
    }
    return out;
  }

  /**
   * Mean number of sessions per calendar year, counting only the whole calendar years inside
   * `[from, to]`: the years Y with `from <= Y-01-01` and `Y-12-31 <= to`. Omitted bounds default to
   * 1990-01-01 and 2035-12-31 (so `sessionsPerYear()` averages all 46 years). The annualisation
   * factor for daily returns.
   *
   * @throws {TimeRangeError} when a bound is malformed or outside 1990–2035, or when the range
   *   holds no whole calendar year.
   * @example nyseCalendar.sessionsPerYear('2014-01-01', '2014-12-31') // 252
   */
  sessionsPerYear(from?: CalendarDate, to?: CalendarDate): number {
    const fromDay = from === undefined ? FIRST_DAY : this.#day(from);
    const toDay = to === undefined ? LAST_DAY : this.#day(to);
    const start = civilFromDays(fromDay);
    const end = civilFromDays(toDay);
    const firstYear = start.month === 1 && start.day === 1 ? start.year : start.year + 1;
    const lastYear = end.month === 12 && end.day === 31 ? end.year : end.year - 1;
    if (firstYear > lastYear) {
      throw new TimeRangeError(
        `sessionsPerYear needs at least one whole calendar year, got ${isoDateOfDay(fromDay)}..${isoDateOfDay(toDay)}`,
      );
    }
    const before = this.#tables.sessionsBefore;
    const count =
      (before[daysFromCivil(lastYear, 12, 31) - FIRST_DAY + 1] ?? 0) - (before[daysFromCivil(firstYear, 1, 1) - FIRST_DAY] ?? 0);
    return count / (lastYear - firstYear + 1);
  }
}

/**
 * A shared {@link NyseCalendar} (1990–2035); its tables are built on first use.
 *
 * @example nyseCalendar.sessionsPerYear() // mean sessions per year over 1990–2035
 */
export const nyseCalendar: NyseCalendar = new NyseCalendar();
