/**
 * What the CLI prints: the I/O it writes to, summary tables and run ids.
 */
import { basename, extname } from 'node:path';
import type { Diagnostic, ResultMetrics } from '@qt-backtest/core';
import { builtinStrategies } from '../strategies/registry.js';

/** Where the CLI writes, which directory relative paths start from, and whether stderr is a terminal. */
export interface CliIo {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  readonly cwd: string;
  /** Draw progress bars on stderr (true only for a TTY); default false. */
  readonly stderrIsTTY?: boolean;
}

/** A compact time stamp for default output directories: `20261121T140501Z`. */
function timestamp(): string {
  return new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

/** The run id used for the default output directory: strategy name (file stem) and time stamp. */
export function runId(strategy: string): string {
  const stem = builtinStrategies[strategy] !== undefined ? strategy : basename(strategy, extname(strategy));
  return `${stem.replace(/[^\w.-]+/g, '_')}-${timestamp()}`;
}

const fmtPct = (x: number | undefined): string => (x !== undefined && Number.isFinite(x) ? `${(x * 100).toFixed(2)}%` : 'n/a');
const fmtNum = (x: number | undefined, digits: number): string => (x !== undefined && Number.isFinite(x) ? x.toFixed(digits) : 'n/a');

/** An amount with thousands separators and cents: `1,655,431.45` (the exact value is in result.json). */
export function formatMoney(x: number): string {
  return Number.isFinite(x) ? x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }) : 'n/a';
}

/** The summary's final equity: `102,646.07 (from 100,000.00)`. */
export function equityText(result: { readonly finalEquity: number; readonly initialCash: number }): string {
  return `${formatMoney(result.finalEquity)} (from ${formatMoney(result.initialCash)})`;
}

/** Two aligned columns. */
export function table(rows: readonly (readonly [string, string])[]): string {
  const width = rows.reduce((w, [k]) => Math.max(w, k.length), 0);
  return `${rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n')}\n`;
}

/** The summary rows every run and the best trial of a sweep print. */
export function summaryRows(m: ResultMetrics, finalEquity: string, extra: readonly (readonly [string, string])[] = []): [string, string][] {
  return [
    ['final equity', finalEquity],
    ['total return', fmtPct(m.totalReturn)],
    ['CAGR', fmtPct(m.annualReturn)],
    ['volatility', fmtPct(m.annualVolatility)],
    ['Sharpe', fmtNum(m.sharpeRatio, 2)],
    ['Sortino', fmtNum(m.sortinoRatio, 2)],
    ['max drawdown', fmtPct(m.maxDrawdown)],
    ['trades', `${m.numTrades} (win rate ${fmtPct(m.winRate)}, profit factor ${fmtNum(m.profitFactor, 2)})`],
    ...(m.beta === undefined ? [] : ([['alpha / beta', `${fmtPct(m.alpha)} / ${fmtNum(m.beta, 2)}`]] as [string, string][])),
    ...extra.map(([k, v]) => [k, v] as [string, string]),
  ];
}


/**
 * The run's diagnostics under the summary, one line each (`!` a warning, `-` context) with its
 * first example; `''` when there are none.
 */
export function diagnosticsText(diagnostics: readonly Pick<Diagnostic, 'severity' | 'message' | 'examples'>[]): string {
  if (diagnostics.length === 0) return '';
  const lines = diagnostics.map((d) => `  ${d.severity === 'warning' ? '!' : '-'} ${d.message}${d.examples.length > 0 ? ` (e.g. ${d.examples[0]})` : ''}`);
  return `diagnostics\n${lines.join('\n')}\n`;
}
