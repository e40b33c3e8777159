/**
 * The outcome of validating bar data: every error and warning found, with counts, and a readable
 * rendering for terminals and logs.
 */
import type { IssueCode, ValidationIssue } from './ValidationIssue.js';

/** Issues counted but not listed, beyond the per-file, per-code limit. */
export interface OmittedIssues {
  readonly file: string;
  readonly code: IssueCode;
  readonly count: number;
}

/** Every issue found while loading, errors first in file order. */
export interface ValidationReport {
  /** True when there is no error (warnings allowed). */
  readonly ok: boolean;
  /** Total errors found, including those not listed. */
  readonly errorCount: number;
  /** Total warnings found, including those not listed. */
  readonly warningCount: number;
  readonly errors: readonly ValidationIssue[];
  readonly warnings: readonly ValidationIssue[];
  readonly omitted: readonly OmittedIssues[];
}

/** Where an issue is, as `file:line` (text) or `file row N` (Arrow). */
export function issueLocation(issue: ValidationIssue): string {
  if (issue.line !== undefined) return `${issue.file}:${issue.line}`;
  if (issue.row !== undefined) return `${issue.file} row ${issue.row}`;
  return issue.file;
}

/**
 * Renders a report as plain text, one issue per line (`error  file:line  code  message`).
 *
 * @example
 * console.log(formatReport(loaded.report));
 */
export function formatReport(report: ValidationReport): string {
  const lines: string[] = [];
  for (const i of [...report.errors, ...report.warnings]) {
    lines.push(`${i.severity === 'error' ? 'error  ' : 'warning'}  ${issueLocation(i)}  [${i.code}]  ${i.message}`);
  }
  for (const o of report.omitted) lines.push(`         ${o.file}  [${o.code}]  … and ${o.count} more`);
  lines.push(`${report.errorCount} error(s), ${report.warningCount} warning(s)`);
  return lines.join('\n');
}
