/**
 * What data validation can find, as values: each finding is a {@link ValidationIssue} with a
 * reason code, and the whole load yields a {@link ValidationReport}.
 */

/** Reason codes of data issues. */
export const IssueCode = {
  /** The file has no bytes or only white space. */
  EmptyFile: 'empty_file',
  /** The file has a header but no data rows. */
  NoRows: 'no_rows',
  /** A required column (time, close) could not be found. */
  MissingColumn: 'missing_column',
  /** A mapped or duplicate column name is ambiguous. */
  BadHeader: 'bad_header',
  /** A row has a different number of fields than the header (truncated line, wrong delimiter). */
  FieldCount: 'field_count',
  /** A cell that must hold a number holds text. */
  NotANumber: 'not_a_number',
  /** A cell that must hold a value is empty (or `null` in Arrow). */
  EmptyCell: 'empty_cell',
  /** A time cell cannot be parsed, or is outside the supported range. */
  BadTime: 'bad_time',
  /** A time is earlier than the one before it. */
  UnsortedTime: 'unsorted_time',
  /** A time repeats the one before it. */
  DuplicateTime: 'duplicate_time',
  /** A price is zero or negative. */
  NonPositivePrice: 'non_positive_price',
  /** Volume is negative. */
  NegativeVolume: 'negative_volume',
  /** `high < max(open, close)` or `high < low`. */
  HighBelowBody: 'high_below_body',
  /** `low > min(open, close)`. */
  LowAboveBody: 'low_above_body',
  /** A calendar session with no bar between a symbol's first and last bar. */
  CalendarGap: 'calendar_gap',
  /** A bar on a date that is not a session of the calendar (weekend, holiday). */
  OffCalendar: 'off_calendar',
  /** A one-bar move that matches a common split ratio (an unadjusted split?). */
  SuspectedSplit: 'suspected_split',
  /** A value missing inside a symbol's history in a wide file (kept as an explicit gap). */
  MissingValue: 'missing_value',
  /** An adjustment was asked for but the source has no adjusted-close column. */
  NoAdjClose: 'no_adj_close',
  /** Bars outside the calendar's supported range, which were not checked against it. */
  OutsideCalendar: 'outside_calendar',
  /** The same symbol comes from two sources. */
  DuplicateSymbol: 'duplicate_symbol',
  /** The file cannot be read or decoded (I/O error, unclosed quote, not Arrow IPC, not a regular file). */
  Unreadable: 'unreadable',
  /** Columns that match no role (a misspelt `Vol-me` silently turns off volume checks and limits). */
  UnknownColumn: 'unknown_column',
  /** A column's type cannot hold the values of its role (an Arrow Utf8 or Bool price column). */
  BadColumnType: 'bad_column_type',
  /** A price or volume is NaN or infinite. */
  NonFiniteValue: 'non_finite_value',
} as const;
/** {@inheritDoc IssueCode} */
export type IssueCode = (typeof IssueCode)[keyof typeof IssueCode];

/** `error`: the data cannot be used as is; `warning`: usable, but look at it. */
export type IssueSeverity = 'error' | 'warning';

/** One finding of data validation. */
export interface ValidationIssue {
  readonly severity: IssueSeverity;
  readonly code: IssueCode;
  /** One line that says what is wrong, where, what was found and what was expected. */
  readonly message: string;
  /** File path (or source name). */
  readonly file: string;
  /** 1-based physical line in a text file (the header is line 1); absent for Arrow. */
  readonly line?: number;
  /** 0-based data row (Arrow row index, or the CSV record after the header). */
  readonly row?: number;
  /** Column name as written in the source. */
  readonly column?: string;
  /** The offending value as found. */
  readonly value?: string;
  /** What was expected instead. */
  readonly expected?: string;
  /** Symbol the issue concerns, when known. */
  readonly symbol?: string;
}
