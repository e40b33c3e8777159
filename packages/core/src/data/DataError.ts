/**
 * The error `loadBars` throws when data cannot be used: it carries every issue found, and its
 * message names the first one's file, line, column, value and expectation.
 */
import { QtError } from '../errors.js';
import type { ValidationIssue } from './ValidationIssue.js';
import { issueLocation, type ValidationReport } from './ValidationReport.js';

/**
 * Bad input data. `issues` lists the errors (and the report holds the warnings too); the
 * convenience fields repeat the first error's location.
 *
 * @example
 * try { await loadBars('prices.csv'); }
 * catch (e) { if (e instanceof DataError) console.error(e.file, e.line, e.column, e.value); }
 */
export class DataError extends QtError {
  /** The errors found (up to the per-code limit; see `report.omitted`). */
  readonly issues: readonly ValidationIssue[];
  /** The full validation report, warnings included. */
  readonly report: ValidationReport;
  readonly file: string;
  readonly line: number | undefined;
  readonly row: number | undefined;
  readonly column: string | undefined;
  readonly value: string | undefined;
  readonly expected: string | undefined;

  constructor(report: ValidationReport) {
    const first = report.errors[0];
    const more = report.errorCount - 1;
    super(
      first === undefined
        ? 'bar data failed validation'
        : `${issueLocation(first)}: ${first.message}${more > 0 ? ` (and ${more} more error${more > 1 ? 's' : ''})` : ''}`,
    );
    this.issues = report.errors;
    this.report = report;
    this.file = first?.file ?? '';
    this.line = first?.line;
    this.row = first?.row;
    this.column = first?.column;
    this.value = first?.value;
    this.expected = first?.expected;
  }
}
