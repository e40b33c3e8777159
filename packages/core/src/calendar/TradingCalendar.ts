/**
 * The exchange-calendar extension point: which dates are trading sessions, when each opens and
 * closes, and why a weekday is closed. The data layer uses it for gap reports, the analyzer for
 * annualisation, the live adapter for scheduling.
 */

/**
 * A date given to a calendar: an ISO `YYYY-MM-DD` string, or an epoch-millisecond time whose UTC
 * date is taken (a daily bar's date label).
 */
export type CalendarDate = string | number;

/** One trading session. Times are epoch milliseconds (UTC instants). */
export interface Session {
  /** ISO date of the session, e.g. `'2024-11-29'`. */
  readonly date: string;
  /** Date label of the session: epoch ms of UTC midnight of {@link Session.date}. */
  readonly label: number;
  /** Opening instant (09:30 New York time for NYSE). */
  readonly open: number;
  /** Closing instant (16:00 New York time for NYSE, 13:00 on early-close days). */
  readonly close: number;
  /** Whether the session closes early. */
  readonly earlyClose: boolean;
}

/** Why a weekday has no session. */
export const ClosureKind = {
  /** A regular, rule-based holiday (e.g. Thanksgiving), possibly observed on another day. */
  Holiday: 'holiday',
  /** An unscheduled closure (weather, national day of mourning, 2001-09-11). */
  Special: 'special',
} as const;
/** {@inheritDoc ClosureKind} */
export type ClosureKind = (typeof ClosureKind)[keyof typeof ClosureKind];

/** A weekday on which the exchange is closed. */
export interface Closure {
  /** ISO date of the closed weekday. */
  readonly date: string;
  /** Human-readable reason, e.g. `'Independence Day (observed)'`. */
  readonly name: string;
  readonly kind: ClosureKind;
}

/**
 * An exchange calendar. Implementations compute sessions from rules and throw
 * `TimeRangeError` for dates outside `[validFrom, validTo]` rather than guess.
 */
export interface TradingCalendar {
  /** Short identifier, e.g. `'NYSE'`. */
  readonly name: string;
  /** IANA time zone of the exchange, e.g. `'America/New_York'`. */
  readonly timeZone: string;
  /** First ISO date the rules cover. */
  readonly validFrom: string;
  /** Last ISO date the rules cover. */
  readonly validTo: string;
  /** Whether the date is a trading session. */
  isSession(date: CalendarDate): boolean;
  /** The session on that date, or `null` when the exchange is closed. */
  session(date: CalendarDate): Session | null;
  /** Date labels (epoch ms of UTC midnight) of every session in `[from, to]`, ascending. */
  sessions(from: CalendarDate, to: CalendarDate): Float64Array;
  /** Weekday closures in `[from, to]`, ascending. */
  closures(from: CalendarDate, to: CalendarDate): readonly Closure[];
  /** Early-close sessions in `[from, to]`, ascending. */
  earlyCloses(from: CalendarDate, to: CalendarDate): readonly Session[];
  /**
   * Mean number of sessions per calendar year over `[from, to]` (whole years in the range), the
   * annualisation factor for daily returns; over the calendar's full range when omitted.
   */
  sessionsPerYear(from?: CalendarDate, to?: CalendarDate): number;
}
