/**
 * Collects validation issues under a severity policy, keeping a bounded number per code and file
 * so a million bad rows give a readable report and a count, not a million objects.
 */
import { escapeControls } from './quoteCell.js';
import type { IssueCode, IssueSeverity, ValidationIssue } from './ValidationIssue.js';

/** What to do with issues of a code: report as `error` (the load fails), `warning`, or `ignore`. */
export type IssueAction = IssueSeverity | 'ignore';

/** Per-code overrides of the default severities. */
export type IssuePolicy = Partial<Record<IssueCode, IssueAction>>;

/** Default severity of every issue code. */
export const DEFAULT_SEVERITY: Readonly<Record<IssueCode, IssueAction>> = {
  empty_file: 'error',
  no_rows: 'error',
  missing_column: 'error',
  bad_header: 'error',
  field_count: 'error',
  not_a_number: 'error',
  empty_cell: 'error',
  bad_time: 'error',
  unsorted_time: 'error',
  duplicate_time: 'error',
  non_positive_price: 'error',
  negative_volume: 'error',
  high_below_body: 'error',
  low_above_body: 'error',
  calendar_gap: 'warning',
  off_calendar: 'warning',
  suspected_split: 'warning',
  missing_value: 'warning',
  no_adj_close: 'error',
  outside_calendar: 'warning',
  duplicate_symbol: 'error',
  unreadable: 'error',
  unknown_column: 'warning',
  bad_column_type: 'error',
  non_finite_value: 'error',
};

/** Codes whose failure makes the data unusable whatever the policy says. */
const ALWAYS_ERROR = new Set<IssueCode>(['empty_file', 'no_rows', 'missing_column', 'bad_header', 'unreadable', 'duplicate_symbol', 'bad_column_type']);

/** Longest `value` kept on an issue (a 10 MB cell is cut; messages quote at most 80 characters). */
const MAX_VALUE_CHARS = 200;
/** Longest message kept (a symbol or file name of a megabyte must not make a megabyte message). */
const MAX_MESSAGE_CHARS = 400;

/**
 * The issue with its message on one line (control characters escaped: a quoted newline or a
 * terminal escape sequence in a cell must not reach a terminal raw) and at most 400 characters,
 * and its value cut to 200 characters.
 */
function oneLine(issue: IssueInit): IssueInit {
  const escaped = escapeControls(issue.message);
  const message = escaped.length > MAX_MESSAGE_CHARS ? `${escaped.slice(0, MAX_MESSAGE_CHARS - 1)}…` : escaped;
  const column = issue.column === undefined ? undefined : escapeControls(issue.column);
  const value = issue.value !== undefined && issue.value.length > MAX_VALUE_CHARS ? `${issue.value.slice(0, MAX_VALUE_CHARS)}…` : issue.value;
  if (message === issue.message && column === issue.column && value === issue.value) return issue;
  return { ...issue, message, ...(column === undefined ? {} : { column }), ...(value === undefined ? {} : { value }) };
}

/** An issue before its severity is decided. */
export type IssueInit = Omit<ValidationIssue, 'severity'>;

/** Issues kept and counted for one load. */
export class IssueCollector {
  readonly #policy: IssuePolicy;
  readonly #maxPerCode: number;
  readonly #kept: ValidationIssue[] = [];
  readonly #counts = new Map<string, number>();
  #errors = 0;
  #warnings = 0;

  /**
   * @param policy - per-code severity overrides
   * @param maxPerCode - issues kept per (file, code); the rest are only counted
   */
  constructor(policy: IssuePolicy = {}, maxPerCode = 20) {
    this.#policy = policy;
    this.#maxPerCode = maxPerCode;
  }

  /** The action the policy gives `code`. */
  action(code: IssueCode): IssueAction {
    if (ALWAYS_ERROR.has(code)) return 'error';
    return this.#policy[code] ?? DEFAULT_SEVERITY[code];
  }

  /**
   * Records an issue.
   *
   * @returns the action taken, so callers can skip a row on `error`.
   */
  add(issue: IssueInit): IssueAction {
    const action = this.action(issue.code);
    if (action === 'ignore') return action;
    if (action === 'error') this.#errors++;
    else this.#warnings++;
    const key = `${issue.file}\u0000${issue.code}`;
    const n = (this.#counts.get(key) ?? 0) + 1;
    this.#counts.set(key, n);
    if (n <= this.#maxPerCode) this.#kept.push(Object.freeze({ severity: action, ...oneLine(issue) }));
    return action;
  }

  /** Total errors recorded (kept or not). */
  get errorCount(): number {
    return this.#errors;
  }

  /** Total warnings recorded (kept or not). */
  get warningCount(): number {
    return this.#warnings;
  }

  /** Issues kept, in the order found. */
  get issues(): readonly ValidationIssue[] {
    return this.#kept;
  }

  /** Issues counted but not kept, by file and code. */
  omitted(): { file: string; code: IssueCode; count: number }[] {
    const out: { file: string; code: IssueCode; count: number }[] = [];
    for (const [key, n] of this.#counts) {
      if (n > this.#maxPerCode) {
        const [file, code] = key.split('\u0000') as [string, IssueCode];
        out.push({ file, code, count: n - this.#maxPerCode });
      }
    }
    return out;
  }
}
