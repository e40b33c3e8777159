import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from './main.js';
import { searchSpaceOf, snapToAxes } from './sweepCommand.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const mkt = join(root, 'data-fixtures', 'daily', 'MKT.csv');

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qt-sweep-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), cwd: dir });
  return { code, stdout, stderr };
}

describe('qt-backtest sweep --search', () => {
  it('runs a seeded TPE search within its budget, counts the trials, and reports PBO and walk-forward', async () => {
    const args = ['sweep', '--data', mkt, '--strategy', 'sma-cross', '--param', 'fast=2:40', '--param', 'slow=10:200:5', '--search', 'tpe', '--budget', '24', '--seed', '5', '--workers', '1', '--json'];
    const a = await cli(...args, '--out', 'tpe-a');
    expect(a.stderr).toBe('');
    expect(a.code).toBe(0);
    const summary = JSON.parse(a.stdout) as Record<string, unknown> & { trials: number; skipped: number; search: unknown; probabilityOfBacktestOverfitting: { value: number; splits: number }; walkForward: { windows: number } };
    // Sets with slow <= fast are skipped, never counted as trials; repeats are not trials either.
    expect(summary.trials).toBe(24);
    expect(summary.search).toEqual({ method: 'tpe', budget: 24, seed: 5 });
    expect(summary.probabilityOfBacktestOverfitting.splits).toBe(12870);
    expect(summary.probabilityOfBacktestOverfitting.value).toBeGreaterThanOrEqual(0);
    expect(summary.probabilityOfBacktestOverfitting.value).toBeLessThanOrEqual(1);
    expect(summary.walkForward.windows).toBe(5);
    const manifest = JSON.parse(await readFile(join(dir, 'tpe-a', 'manifest.json'), 'utf8')) as { trials: number };
    expect(manifest.trials).toBe(24);
    const trials = (await readFile(join(dir, 'tpe-a', 'trials.csv'), 'utf8')).trim().split('\n');
    expect(trials).toHaveLength(25);
    expect(new Set(trials.slice(1).map((l) => l.split(',').slice(1, 3).join(','))).size).toBe(24);
    const wf = (await readFile(join(dir, 'tpe-a', 'walk-forward.csv'), 'utf8')).trim().split('\n');
    expect(wf[0]).toBe('window,inSampleFrom,inSampleTo,outOfSampleFrom,outOfSampleTo,trial,fast,slow,inSampleSharpe,outOfSampleReturn');
    expect(wf).toHaveLength(6);
    // Seeded: the same search again gives the same table.
    expect(await cli(...args, '--out', 'tpe-b')).toMatchObject({ code: 0 });
    expect(await readFile(join(dir, 'tpe-b', 'trials.csv'), 'utf8')).toBe(await readFile(join(dir, 'tpe-a', 'trials.csv'), 'utf8'));
  }, 120_000);

  it('rejects a bad search method and budget', async () => {
    expect((await cli('sweep', '--data', mkt, '--strategy', 'sma-cross', '--param', 'fast=2:4', '--search', 'genetic')).code).toBe(2);
    const r = await cli('sweep', '--data', mkt, '--strategy', 'sma-cross', '--param', 'fast=2:4', '--budget', '0');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--budget 0: expected an integer >= 1/);
  });
});

describe('searchSpaceOf / snapToAxes', () => {
  it('turns numeric axes into ranges and snaps proposals onto the listed values', () => {
    const axes = { names: ['fast', 'pct', 'short'], values: [[5, 10, 15], [0.1, 0.5], [true, false]] };
    expect(searchSpaceOf(axes)).toEqual({ fast: { low: 5, high: 15, integer: true }, pct: { low: 0.1, high: 0.5, integer: false }, short: { values: [true, false] } });
    expect(snapToAxes({ fast: 12.4, pct: 0.31, short: false }, axes)).toEqual({ fast: 10, pct: 0.5, short: false });
  });
});
