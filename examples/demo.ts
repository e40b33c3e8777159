/**
 * The Quick start demo: load the bundled fixture data (20 symbols × 10 years on the NYSE
 * calendar) from CSV and from Arrow, validate it, and print a summary.
 *
 * Run: `npx pnpm@10.34.8 demo` (until the engine lands; then the demo runs a real backtest).
 */
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { alignBars, type BarSeries, formatReport, isoDate, loadBars, nyseCalendar } from '@qt-backtest/core';

// Relative paths keep the report's file names short and readable.
const fixtures = relative(process.cwd(), join(dirname(fileURLToPath(import.meta.url)), '..', 'data-fixtures')) || '.';

const ms = (t0: number): string => `${(performance.now() - t0).toFixed(0)} ms`;

let t0 = performance.now();
const csv = await loadBars(join(fixtures, 'daily'));
const csvTime = ms(t0);
t0 = performance.now();
const arrow = await loadBars(join(fixtures, 'daily.arrow'));
const arrowTime = ms(t0);
t0 = performance.now();
const adjusted = await loadBars(join(fixtures, 'daily'), { adjustment: 'adjusted' });
const adjustedTime = ms(t0);

const bars = (loaded: typeof csv): number => [...loaded.series.values()].reduce((n, s) => n + s.length, 0);
console.log('qt-backtest demo — bundled fixture data (data-fixtures/)\n');
console.log(`CSV   (one file per symbol): ${csv.symbols.length} symbols, ${bars(csv)} bars in ${csvTime}`);
console.log(`Arrow (one long table):      ${arrow.symbols.length} symbols, ${bars(arrow)} bars in ${arrowTime}`);
console.log(`CSV, split/dividend adjusted: ${adjusted.symbols.length} symbols in ${adjustedTime}`);

// The two formats must give bit-identical bars.
const same = (a: BarSeries, b: BarSeries): boolean =>
  a.length === b.length && (['time', 'open', 'high', 'low', 'close', 'volume'] as const).every((f) => a[f].every((v, i) => Object.is(v, b[f][i])));
const mismatched = csv.symbols.filter((s) => !arrow.series.has(s) || !same(csv.get(s), arrow.get(s)));
console.log(mismatched.length === 0 ? 'CSV and Arrow agree bar for bar.\n' : `CSV and Arrow DIFFER for ${mismatched.join(', ')}\n`);

const sessions = nyseCalendar.sessionsPerYear();
const pad = (s: string | number, n: number): string => String(s).padStart(n);
console.log(`${'symbol'.padEnd(6)} ${pad('bars', 5)} ${pad('first', 10)} ${pad('last', 10)} ${pad('last close', 10)} ${pad('total ret', 9)} ${pad('ann. vol', 8)}`);
for (const symbol of adjusted.symbols) {
  const s = adjusted.get(symbol);
  const raw = csv.get(symbol);
  const n = s.length;
  let sum = 0;
  let sumSq = 0;
  for (let i = 1; i < n; i++) {
    const r = Math.log(s.close[i]! / s.close[i - 1]!);
    sum += r;
    sumSq += r * r;
  }
  const mean = sum / (n - 1);
  const vol = Math.sqrt(((sumSq - (n - 1) * mean * mean) / (n - 2)) * sessions);
  const total = s.close[n - 1]! / s.close[0]! - 1;
  console.log(
    `${symbol.padEnd(6)} ${pad(n, 5)} ${pad(isoDate(s.time[0]!), 10)} ${pad(isoDate(s.time[n - 1]!), 10)} ${pad(raw.close[n - 1]!.toFixed(2), 10)} ${pad(`${(total * 100).toFixed(1)}%`, 9)} ${pad(`${(vol * 100).toFixed(1)}%`, 8)}`,
  );
}
console.log(`(total return and volatility from adjusted closes; ${sessions.toFixed(2)} NYSE sessions per year)\n`);

const panel = alignBars(csv.series.values(), { calendar: nyseCalendar });
let missing = 0;
for (const mask of panel.present) for (const p of mask) missing += 1 - p;
console.log(`Panel: ${panel.time.length} sessions × ${panel.symbols.length} symbols, ${missing} explicit missing values (never forward-filled).\n`);

console.log('Validation of the raw CSVs:');
console.log(formatReport(csv.report));
console.log('\nValidation of the adjusted CSVs:');
console.log(formatReport(adjusted.report));
