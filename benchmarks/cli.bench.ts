/**
 * CLI benchmark: `qt-backtest sweep` of 1,000 sma-cross parameter sets over 5,000 daily bars on
 * 2 worker threads, through the built binary (`pnpm build` first), whole process timed.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { isoDate, nyseCalendar, SeededRandom } from '@qt-backtest/core';
import { defineBenchmark } from './Benchmark.js';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', 'packages', 'qt-backtest', 'bin', 'qt-backtest.mjs');
const DIST = join(dirname(BIN), '..', 'dist', 'cli', 'bin.js');
const run = promisify(execFile);

/** 5,000 NYSE sessions of a seeded random walk, cent prices, as CSV. */
function walkCsv(bars: number): string {
  const rng = new SeededRandom(11);
  const days = nyseCalendar.sessions('2000-01-01', '2025-12-31').subarray(0, bars);
  let close = 40;
  const lines = ['Date,Open,High,Low,Close,Volume'];
  for (const t of days) {
    const open = Math.round(close * (1 + (rng.next() - 0.5) * 0.01) * 100) / 100;
    close = Math.max(1, Math.round(open * (1 + (rng.next() - 0.5) * 0.04) * 100) / 100);
    const high = Math.max(open, close) + 0.05;
    const low = Math.max(0.01, Math.min(open, close) - 0.05);
    lines.push(`${isoDate(t)},${open.toFixed(2)},${high.toFixed(2)},${low.toFixed(2)},${close.toFixed(2)},1000000`);
  }
  return `${lines.join('\n')}\n`;
}

let lastSweepMs = Number.NaN;
let lastBest = '';

export const benchmark = defineBenchmark({
  name: 'cli-sweep-1000x5000',
  description: 'qt-backtest sweep: 1,000 sma-cross sets (fast 1..20 × slow 22..120 step 2) over 5,000 bars, 2 workers, whole process',
  unit: 'trials',
  target: 200,
  repeats: 5,
  warmup: 1,
  async setup() {
    if (!existsSync(DIST)) throw new Error(`build the packages first (pnpm build): ${DIST} is missing`);
    const dir = mkdtempSync(join(tmpdir(), 'qt-bench-sweep-'));
    const data = join(dir, 'WALK.csv');
    writeFileSync(data, walkCsv(5000));
    return { dir, data };
  },
  async run({ dir, data }) {
    const args = ['sweep', '--data', data, '--strategy', 'sma-cross', '--param', 'fast=1:20', '--param', 'slow=22:120:2', '--workers', '2', '--json', '--out', join(dir, 'out')];
    const { stdout } = await run(process.execPath, [BIN, ...args], { maxBuffer: 1 << 24 });
    const summary = JSON.parse(stdout) as { trials: number; elapsedMs: number; best: { params: Record<string, number> } };
    lastSweepMs = summary.elapsedMs;
    lastBest = JSON.stringify(summary.best.params);
    return summary.trials;
  },
  async teardown({ dir }) {
    rmSync(dir, { recursive: true, force: true });
  },
  notes: () => ({ 'trials only (ms, last run)': lastSweepMs, best: lastBest }),
});
