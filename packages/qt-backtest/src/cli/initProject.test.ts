import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isoDate, loadBars, nyseCalendar, VERSION } from '@qt-backtest/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initProject, sampleCsv } from './initProject.js';
import { mergeSettings, readConfigFile, UsageError } from './runSettings.js';

const FILES = ['package.json', 'tsconfig.json', 'run.json', 'strategy.ts', 'README.md', '.gitignore', 'data/SAMPLE.csv'];

let root = '';
let n = 0;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'qt-init-'));
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

/** A fresh parent directory for one test. */
function parent(): string {
  const p = join(root, `case-${n++}`);
  mkdirSync(p);
  return p;
}

/** Every file and directory under `dir`, relative, sorted, with `/` separators. */
function tree(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).map((p) => p.split('\\').join('/')).sort();
}

async function rejected(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected the promise to reject');
}

describe('initProject', () => {
  it('writes exactly the project files into a new directory and returns their paths', async () => {
    const p = parent();
    const dir = join(p, 'my-research');
    const written = await initProject(dir);
    expect(written).toEqual(FILES);
    expect(tree(dir)).toEqual(['.gitignore', 'README.md', 'data', 'data/SAMPLE.csv', 'package.json', 'run.json', 'strategy.ts', 'tsconfig.json']);
    // the temporary sibling is gone
    expect(readdirSync(p)).toEqual(['my-research']);
  });

  it('creates missing parent directories', async () => {
    const dir = join(parent(), 'a', 'b', 'proj');
    await initProject(dir);
    expect(tree(dir)).toContain('data/SAMPLE.csv');
    expect(readdirSync(join(dir, '..'))).toEqual(['proj']);
  });

  it('names the package after the directory, lower-cased and sanitised, depending on this version', async () => {
    const dir = join(parent(), 'My Project!');
    await initProject(dir);
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(pkg).toEqual({
      name: 'my-project-',
      private: true,
      type: 'module',
      scripts: { backtest: 'qt-backtest run --config run.json', sweep: 'qt-backtest sweep --config run.json --param fast=10:40:10 --param slow=60,100,150' },
      dependencies: { 'qt-backtest': `^${VERSION}` },
    });
    expect(readFileSync(join(dir, 'README.md'), 'utf8').startsWith('# my-project-\n')).toBe(true);
  });

  it('writes a strict tsconfig, a .gitignore and a strategy declaring the parameters run.json sets', async () => {
    const dir = join(parent(), 'p');
    await initProject(dir);
    const tsconfig = JSON.parse(readFileSync(join(dir, 'tsconfig.json'), 'utf8')) as { compilerOptions: Record<string, unknown> };
    expect(tsconfig.compilerOptions).toMatchObject({ strict: true, noEmit: true, module: 'NodeNext' });
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toBe('node_modules/\nqt-out/\n');
    const strategy = readFileSync(join(dir, 'strategy.ts'), 'utf8');
    expect(strategy).toMatch(/^export default class TrendWithStop extends Strategy<TrendParams> \{$/m);
    const run = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as { params: Record<string, unknown> };
    for (const name of Object.keys(run.params)) expect(strategy).toContain(`{ name: '${name}', type: `);
  });

  it('writes a run.json that readConfigFile accepts, with paths taken from the project', async () => {
    const dir = join(parent(), 'cfg');
    await initProject(dir);
    const config = readConfigFile(join(dir, 'run.json'));
    expect(config).toEqual({
      data: [join(dir, 'data', 'SAMPLE.csv')],
      strategy: join(dir, 'strategy.ts'),
      params: { fast: 20, slow: 100, stopPct: 0.08 },
      cash: 100_000,
      feePerShare: 0.005,
      feeMin: 1,
      slippageBps: 5,
      out: join(dir, 'qt-out', 'latest'),
    });
    // and the settings are consistent (fee-min comes with fee-per-share)
    expect(mergeSettings(config, {}, [])).toMatchObject({ strategy: join(dir, 'strategy.ts'), cash: 100_000, feeMin: 1, feePerShare: 0.005 });
  });

  it('accepts an existing empty directory', async () => {
    const p = parent();
    const dir = join(p, 'empty');
    mkdirSync(dir);
    expect(await initProject(dir)).toEqual(FILES);
    expect(tree(dir)).toHaveLength(8);
    expect(readdirSync(p)).toEqual(['empty']);
  });

  it('refuses a non-empty directory and changes nothing', async () => {
    const p = parent();
    const dir = join(p, 'busy');
    mkdirSync(dir);
    writeFileSync(join(dir, 'notes.txt'), 'keep me');
    const e = await rejected(initProject(dir));
    expect(e).toBeInstanceOf(UsageError);
    expect(e.message).toBe(`${dir} exists and is not empty; init needs a new or empty directory`);
    expect(tree(dir)).toEqual(['notes.txt']);
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('keep me');
    expect(readdirSync(p)).toEqual(['busy']);
  });

  it('refuses a directory holding only a hidden file', async () => {
    const dir = join(parent(), 'hidden');
    mkdirSync(dir);
    writeFileSync(join(dir, '.env'), 'X=1');
    await expect(initProject(dir)).rejects.toBeInstanceOf(UsageError);
    expect(tree(dir)).toEqual(['.env']);
  });

  it('writes the sample data exactly as sampleCsv() gives it', async () => {
    const dir = join(parent(), 's');
    await initProject(dir);
    expect(readFileSync(join(dir, 'data', 'SAMPLE.csv'), 'utf8')).toBe(sampleCsv());
  });
});

describe('sampleCsv', () => {
  const sessions = nyseCalendar.sessions('2021-01-04', '2024-12-31');

  it('is deterministic for a seed, the default seed being 7', () => {
    expect(sampleCsv()).toBe(sampleCsv());
    expect(sampleCsv(7)).toBe(sampleCsv());
    expect(sampleCsv(8)).toBe(sampleCsv(8));
    expect(sampleCsv(8)).not.toBe(sampleCsv(7));
  });

  it('has a header and one line per NYSE session 2021-01-04..2024-12-31, in order', () => {
    const lines = sampleCsv().trimEnd().split('\n');
    expect(lines[0]).toBe('Date,Open,High,Low,Close,Volume');
    expect(lines).toHaveLength(sessions.length + 1);
    expect(sessions.length).toBe(252 + 251 + 250 + 252); // 2021, 2022, 2023, 2024
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(Array.from(sessions, (t) => isoDate(t)));
    expect(sampleCsv().endsWith('\n')).toBe(true);
    for (const line of lines.slice(1)) expect(line).toMatch(/^\d{4}-\d{2}-\d{2},\d+\.\d{2},\d+\.\d{2},\d+\.\d{2},\d+\.\d{2},\d+$/);
  });

  it('loads through loadBars without errors or warnings, one bar per session, high/low bounding open/close', async () => {
    const dir = parent();
    const path = join(dir, 'SAMPLE.csv');
    writeFileSync(path, sampleCsv());
    const bars = await loadBars(path, { symbol: 'SAMPLE' });
    expect(bars.symbols).toEqual(['SAMPLE']);
    expect(bars.report.errorCount).toBe(0);
    expect(bars.report.warningCount).toBe(0);
    const s = bars.get('SAMPLE');
    expect(s.length).toBe(sessions.length);
    expect(Array.from(s.time)).toEqual(Array.from(sessions));
    for (let i = 0; i < s.length; i++) {
      const [o, h, l, c, v] = [s.open[i]!, s.high[i]!, s.low[i]!, s.close[i]!, s.volume[i]!];
      expect(h).toBeGreaterThanOrEqual(Math.max(o, c));
      expect(l).toBeLessThanOrEqual(Math.min(o, c));
      expect(l).toBeGreaterThan(0);
      expect(v).toBeGreaterThan(0);
      expect(Number.isInteger(v)).toBe(true);
    }
    // prices are in cents, and each open starts from the previous close (a random walk from 50)
    expect(s.open[0]! / 50).toBeGreaterThan(0.9);
    expect(s.open[0]! / 50).toBeLessThan(1.1);
  });
});
