/**
 * `@qt-backtest/core`: the data layer (CSV/Arrow loading, validation, calendars), and — as they
 * land — the event-driven engine, simulator, ledger and analyzer.
 *
 * @packageDocumentation
 */

// Errors
export { InvariantError, QtError, TimeRangeError } from './errors.js';

// Civil-date arithmetic
export type { CivilDate } from './time/civil.js';
export {
  DAY_MS,
  civilFromDays,
  dayOfIsoDate,
  daysFromCivil,
  daysInMonth,
  isLeapYear,
  isoDate,
  isoDateOfDay,
  isValidDate,
  weekday,
} from './time/civil.js';

// Calendars
export type { CalendarDate, Closure, Session, TradingCalendar } from './calendar/TradingCalendar.js';
export { ClosureKind } from './calendar/TradingCalendar.js';
export { NyseCalendar, nyseCalendar } from './calendar/NyseCalendar.js';

// Bar data
export type { BarSeries, BarSeriesInit } from './data/BarSeries.js';
export { BAR_FIELDS, BarField, BarFrequency, PriceAdjustment, createBarSeries } from './data/BarSeries.js';
export type { IssueSeverity, ValidationIssue } from './data/ValidationIssue.js';
export { IssueCode } from './data/ValidationIssue.js';

// Loading and validation
export type { LoadBarsOptions, LoadedBars, LoadedSource, ValidatedBars } from './data/loadBars.js';
export { loadBars, validateBars } from './data/loadBars.js';
export type { ColumnMapping, ColumnRole } from './data/columns.js';
export { BarLayout } from './data/columns.js';
export { TimeFormat } from './data/TimeParser.js';
export type { IssueAction, IssuePolicy } from './data/IssueCollector.js';
export { DEFAULT_SEVERITY } from './data/IssueCollector.js';
export type { OmittedIssues, ValidationReport } from './data/ValidationReport.js';
export { formatReport } from './data/ValidationReport.js';
export { DataError } from './data/DataError.js';
export type { AlignOptions, BarPanel } from './data/BarPanel.js';
export { alignBars } from './data/BarPanel.js';
