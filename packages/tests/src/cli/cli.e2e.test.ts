/**
 * End-to-end tests of the published command: `node packages/qt-backtest/bin/qt-backtest.mjs …`,
 * exactly what `npx qt-backtest` runs, on the built packages (built once in `beforeAll`) and on
 * real data (../shared/data) and the bundled fixtures.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { backtest, isoDate, loadBars } from 'qt-backtest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import BreakoutHold from './fixtures/BreakoutHold.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../../../..');
const BIN = join(root, 'packages', 'qt-backtest', 'bin', 'qt-backtest.mjs');
const fixtures = join(root, 'data-fixtures', 'daily');
const shared = join(root, '..', 'shared', 'data');
const orcl = join(shared, 'orcl-1995-2014.txt');
const hasShared = existsSync(orcl);
if (!hasShared && process.env['QT_REQUIRE_SHARED_DATA'] === '1') throw new Error(`QT_REQUIRE_SHARED_DATA=1 but ${orcl} is missing`);
const withShared = hasShared ? '(real data in ../shared/data)' : '(SKIPPED: ../shared/data not found beside the repository; CI provides it)';
const strategyFile = (name: string): string => join(here, 'fixtures', name);

interface Ran {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the binary; never rejects (the exit code is part of the answer). */
function cli(args: readonly string[], cwd: string, env: Readonly<Record<string, string>> = {}): Promise<Ran> {
  return new Promise((done) => {
    execFile(process.execPath, [BIN, ...args], { cwd, maxBuffer: 1 << 26, env: { ...process.env, NO_COLOR: '1', ...env } }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      done({ code, stdout, stderr });
    });
  });
}

/** Builds every package with tsc (as `pnpm build` does), in dependency order. */
function build(): Promise<void> {
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const order = ['core', 'features', 'alpha', 'risk', 'models', 'alpaca', 'qt-backtest'];
  return order.reduce(
    (prev, pkg) =>
      prev.then(
        () =>
          new Promise<void>((ok, fail) => {
            execFile(process.execPath, [tsc, '-p', join(root, 'packages', pkg, 'tsconfig.build.json')], { cwd: root }, (e, out) => (e === null ? ok() : fail(new Error(`build of ${pkg} failed: ${out}`))));
          }),
      ),
    Promise.resolve(),
  );
}

const schema = JSON.parse(readFileSync(join(root, 'packages', 'qt-backtest', 'schema', 'result.schema.json'), 'utf8')) as object;
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);
function expectSchemaValid(json: unknown): void {
  const ok = validate(json);
  expect(ok ? [] : validate.errors?.slice(0, 5)).toEqual([]);
}

let work: string;
/** A project directory inside the workspace, so that user strategy files resolve `qt-backtest`. */
let inWorkspace: string;

beforeAll(async () => {
  await build();
  work = mkdtempSync(join(tmpdir(), 'qt-cli-e2e-'));
  mkdirSync(join(root, 'packages', 'tests', '.e2e-tmp'), { recursive: true });
  inWorkspace = mkdtempSync(join(root, 'packages', 'tests', '.e2e-tmp', 'run-'));
}, 180_000);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  rmSync(inWorkspace, { recursive: true, force: true });
  const parent = dirname(inWorkspace);
  if (readdirSync(parent).length === 0) rmSync(parent, { recursive: true });
});

const readJson = (file: string): Record<string, any> => JSON.parse(readFileSync(file, 'utf8')) as Record<string, any>;

describe('usage and exit codes', () => {
  it('prints help with exit 0, and exits 2 on usage errors with one clear line', async () => {
    const cwd = mkdtempSync(join(work, 'usage-'));
    const help = await cli(['--help'], cwd);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Commands:[\s\S]*validate[\s\S]*run[\s\S]*sweep[\s\S]*report[\s\S]*init/);
    expect((await cli([], cwd)).code).toBe(2);
    const badCash = await cli(['run', '--data', join(fixtures, 'MKT.csv'), '--strategy', 'buy-and-hold', '--cash', 'lots'], cwd);
    expect([badCash.code, badCash.stderr.trim()]).toEqual([2, 'error: --cash "lots": expected a number > 0']);
    const unknownStrategy = await cli(['run', '--data', join(fixtures, 'MKT.csv'), '--strategy', 'moon'], cwd);
    expect(unknownStrategy.code).toBe(2);
    expect(unknownStrategy.stderr).toMatch(/^error: unknown strategy "moon"; expected one of: buy-and-hold, sma-cross, rsi-reversion, donchian-breakout, momentum-rotation/);
    const badParam = await cli(['run', '--data', join(fixtures, 'MKT.csv'), '--strategy', 'sma-cross', '--param', 'fast=ten'], cwd);
    expect([badParam.code, badParam.stderr.trim()]).toEqual([2, 'error: param fast="ten": expected an integer']);
    const inconsistent = await cli(['run', '--data', join(fixtures, 'MKT.csv'), '--strategy', 'sma-cross', '--param', 'fast=30', '--param', 'slow=10'], cwd);
    expect(inconsistent.code).toBe(2);
    expect(inconsistent.stderr).toMatch(/slow/);
    const noData = await cli(['run', '--strategy', 'sma-cross'], cwd);
    expect([noData.code, noData.stderr.trim()]).toEqual([2, 'error: no data: give --data <file|dir>... or "data" in --config']);
    // Usage errors write nothing.
    expect(readdirSync(cwd)).toEqual([]);
  });
});

describe('validate', () => {
  it('exits 0 on good data and 1 on bad data, naming file, line and value', async () => {
    const good = await cli(['validate', '--data', join(fixtures, 'MKT.csv')], work);
    expect(good.code).toBe(0);
    expect(good.stdout).toContain('0 error(s)');
    expect(good.stdout).toContain('ok: 1 symbol(s), 2,516 bars');
    const bad = join(work, 'BAD.csv');
    writeFileSync(bad, 'Date,Open,High,Low,Close,Volume\n2024-01-02,10,11,9,10.5,100\n2024-01-03,10,abc,9,10.5,100\n');
    const res = await cli(['validate', '--data', bad], work);
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/BAD\.csv:3.*"abc"/);
    rmSync(bad);
  });
});

describe(`run: sma-cross on ORCL 1995–2014 ${withShared}`, () => {
  it.skipIf(!hasShared)('fills at the next open with the exact crossover rule (first trades by hand), and writes every output file', async () => {
    const out = join(work, 'orcl');
    const res = await cli(['run', '--data', orcl, '--symbol', 'ORCL', '--strategy', 'sma-cross', '--param', 'fast=10', '--param', 'slow=30', '--param', 'size=100', '--cash', '100000', '--out', out], work);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/final equity\s+102,646\.07 \(from 100,000\.00\)\n/);
    expect(readdirSync(out).sort()).toEqual(['equity.arrow', 'equity.csv', 'fills.arrow', 'fills.csv', 'manifest.json', 'report.html', 'result.json', 'trades.arrow', 'trades.csv']);
    const json = readJson(join(out, 'result.json'));
    expectSchemaValid(json);
    // Hand-computed (see packages/tests/src/acceptance/smaCrossOrcl.test.ts): 1995-05-11 SMA10 2.2842592 > SMA30
    // 2.2820987 after SMA10 < SMA30 → buy at the 1995-05-12 open 2.370370; 1995-09-22 cross down → sell at the
    // 1995-09-25 open 2.935185; 1995-10-20 → buy 1995-10-23 @ 3.120370; 1995-12-07 → sell 1995-12-08 @ 3.351852.
    expect(json['trades'].slice(0, 2)).toEqual([
      expect.objectContaining({ symbol: 'ORCL', side: 'long', quantity: 100, entryTime: '1995-05-12', entryPrice: 2.37037, exitTime: '1995-09-25', exitPrice: 2.935185, pnl: expect.closeTo(56.4815, 9), fees: 0 }),
      expect.objectContaining({ entryTime: '1995-10-23', entryPrice: 3.12037, exitTime: '1995-12-08', exitPrice: 3.351852, pnl: expect.closeTo(23.1482, 9) }),
    ]);
    expect(json['trades']).toHaveLength(97);
    expect([json['finalEquity'], json['finalCash'], json['exact']]).toEqual([102646.0652, 98149.0651, { finalEquity: '102646.0652', finalCash: '98149.0651' }]);
    // Still long 100 shares at the end: an open position, not a trade.
    expect(json['openPositions']).toEqual([expect.objectContaining({ symbol: 'ORCL', quantity: 100, lastPrice: 44.970001 })]);
    expect(json['metrics']['numTrades']).toBe(97);
    expect(json['config']).toMatchObject({ strategy: 'sma-cross', cash: 100000, params: { fast: '10', slow: '30', size: '100' }, symbol: 'ORCL' });
    // Every fill at the open of the bar after its order.
    const bars = (await loadBars(orcl, { symbol: 'ORCL' })).get('ORCL');
    const dates = Array.from(bars.time, (t) => isoDate(t));
    for (const f of json['fills'] as { time: string; price: number; orderId: string }[]) {
      const i = dates.indexOf(f.time);
      expect(f.price).toBe(bars.open[i]);
      expect((json['orders'] as { id: string; submittedAt: string }[]).find((o) => o.id === f.orderId)!.submittedAt).toBe(dates[i - 1]);
    }

    // `report` re-renders the same page from result.json alone.
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    rmSync(join(out, 'report.html'));
    const rep = await cli(['report', join(out, 'result.json')], work);
    expect(rep.code).toBe(0);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toBe(html);
  });
});

describe('run: every built-in strategy on the fixtures', () => {
  const cases: [string, readonly string[]][] = [
    ['buy-and-hold', ['--data', join(fixtures, 'ALFA.csv'), join(fixtures, 'BRVO.csv')]],
    ['rsi-reversion', ['--data', join(fixtures, 'ALFA.csv'), '--param', 'period=10', '--param', 'sizePct=0.5', '--fee-pct', '0.05']],
    ['donchian-breakout', ['--data', join(fixtures, 'CHRL.csv'), '--param', 'entry=30', '--fee-per-share', '0.005', '--fee-min', '1', '--slippage-bps', '5']],
    ['momentum-rotation', ['--data', fixtures, '--benchmark', 'MKT', '--param', 'top=3', '--adjusted', '--cash', '1000000', '--volume-limit', '0.1']],
  ];
  for (const [name, args] of cases) {
    it(`${name}: exit 0, a schema-valid result.json, the report`, async () => {
      const out = join(work, name);
      const res = await cli(['run', '--strategy', name, ...args, '--out', out, '--json'], work);
      expect(res.stderr).toBe('');
      expect(res.code).toBe(0);
      const printed = JSON.parse(res.stdout) as Record<string, any>;
      const json = readJson(join(out, 'result.json'));
      expect(printed).toEqual(json);
      expectSchemaValid(json);
      expect(json['fills'].length).toBeGreaterThan(0);
      expect(json['orders'].filter((o: { status: string }) => o.status === 'rejected')).toEqual([]);
      expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('<svg');
      expect(json['config']['strategy']).toBe(name);
      if (name === 'momentum-rotation') {
        expect(json['benchmark']['name']).toBe('MKT');
        expect(json['symbols']).toContain('MKT');
        expect(json['fills'].some((f: { symbol: string }) => f.symbol === 'MKT')).toBe(false);
        expect(typeof json['metrics']['beta']).toBe('number');
      }
    });
  }
});

describe('user strategy files', () => {
  it('runs a TypeScript strategy without a build step, with the same fills as the library', async () => {
    const out = join(work, 'user');
    const res = await cli(['run', '--data', join(fixtures, 'ECHO.csv'), '--strategy', strategyFile('BreakoutHold.ts'), '--param', 'lookback=15', '--param', 'hold=7', '--out', out], work);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/strategy\s+BreakoutHold on ECHO/);
    const json = readJson(join(out, 'result.json'));
    const data = await loadBars(join(fixtures, 'ECHO.csv'));
    const lib = backtest({ data, strategy: new BreakoutHold({ symbols: ['ECHO'], lookback: 15, hold: 7 }), cash: 100_000 });
    expect(json['fills'].length).toBe(lib.fills.length);
    expect(json['fills'].length).toBeGreaterThan(20);
    expect(json['exact']).toEqual(lib.exact);
    expect(json['params']).toEqual({ symbols: ['ECHO'], lookback: 15, hold: 7 });
  });

  it('rejects a file without a default Strategy export (exit 2) and an undeclared param', async () => {
    const res = await cli(['run', '--data', join(fixtures, 'ECHO.csv'), '--strategy', strategyFile('NoDefaultExport.ts')], work);
    expect(res.code).toBe(2);
    expect(res.stderr.trim()).toBe(
      `error: ${strategyFile('NoDefaultExport.ts')}: no default export (named exports: Forgotten); expected \`export default class MyStrategy extends Strategy { onBar(ctx) { … } }\``,
    );
    const missing = await cli(['run', '--data', join(fixtures, 'ECHO.csv'), '--strategy', './nope.ts'], work);
    expect([missing.code, missing.stderr.trim()]).toEqual([2, `error: --strategy ${join(work, 'nope.ts')}: no such file`]);
    const undeclared = await cli(['run', '--data', join(fixtures, 'ECHO.csv'), '--strategy', strategyFile('BreakoutHold.ts'), '--param', 'speed=3'], work);
    expect([undeclared.code, undeclared.stderr.trim()]).toEqual([2, `error: unknown param "speed" for strategy "${strategyFile('BreakoutHold.ts')}"; expected one of: lookback, hold`]);
  });
});

describe('failed runs', () => {
  it('exit 1 and leave no output files (bad data, a strategy that throws)', async () => {
    const bad = join(work, 'broken.csv');
    writeFileSync(bad, 'Date,Open,High,Low,Close,Volume\n2024-01-02,10,11,9,10.5,100\n2024-01-03,10,11,9,-3,100\n');
    const out1 = join(work, 'failed-1');
    const r1 = await cli(['run', '--data', bad, '--strategy', 'buy-and-hold', '--out', out1], work);
    expect(r1.code).toBe(1);
    expect(r1.stderr).toMatch(/^error: .*broken\.csv:3/);
    expect(r1.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(existsSync(out1)).toBe(false);
    const out2 = join(work, 'failed-2');
    const r2 = await cli(['run', '--data', join(fixtures, 'MKT.csv'), '--strategy', strategyFile('ThrowsMidRun.ts'), '--out', out2], work);
    expect(r2.code).toBe(1);
    expect(r2.stderr).toContain('strategy bug on bar 50');
    expect(r2.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out2)).toBe(false);
    const verbose = await cli(['run', '--data', join(fixtures, 'MKT.csv'), '--strategy', strategyFile('ThrowsMidRun.ts'), '--out', out2, '--verbose'], work);
    expect(verbose.code).toBe(1);
    expect(verbose.stderr).toMatch(/\n\s+at /);
    expect(readdirSync(work).filter((f) => f.startsWith('failed') || f.startsWith('.failed'))).toEqual([]);
    rmSync(bad);
  });
});

describe('user strategy files', () => {
  it('leave no tsx cache in $TMPDIR (issue 11, finding 10)', async () => {
    const tmp = mkdtempSync(join(work, 'tmpdir-'));
    const res = await cli(['run', '--data', join(fixtures, 'MKT.csv'), '--strategy', strategyFile('BreakoutHold.ts'), '--out', join(work, 'ts-run'), '--quiet'], work, { TMPDIR: tmp });
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(readdirSync(tmp)).toEqual([]);
  });
});

describe('--config', () => {
  it('takes settings from the file, lets flags override them, and rejects unknown keys', async () => {
    const dir = join(work, 'cfg');
    mkdirSync(dir);
    writeFileSync(
      join(dir, 'run.json'),
      JSON.stringify({ data: [join(fixtures, 'DLTA.csv')], strategy: 'sma-cross', params: { fast: 5, slow: 20, size: 50 }, cash: 50_000, feePct: 0.1, out: 'out' }),
    );
    const res = await cli(['run', '--config', 'cfg/run.json', '--cash', '80000', '--param', 'size=10', '--quiet'], work);
    expect([res.code, res.stdout, res.stderr]).toEqual([0, '', '']);
    const json = readJson(join(dir, 'out', 'result.json'));
    expect(json['initialCash']).toBe(80_000);
    expect(json['params']).toMatchObject({ fast: 5, slow: 20, size: 10 });
    expect(json['policy']['fees']).toMatch(/Percent/);
    expect(json['fills'].every((f: { quantity: number }) => f.quantity === 10)).toBe(true);
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ data: 'x.csv', strategy: 'sma-cross', slipage: 5 }));
    const bad = await cli(['run', '--config', join(dir, 'bad.json')], work);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^error: .*bad\.json: unknown key "slipage"; expected one of: data, params, symbol/);
  });
});

describe(`sweep ${withShared}`, () => {
  it.skipIf(!hasShared)('runs the grid on 2 workers, writes every trial, and reports the best with its deflated Sharpe', async () => {
    const out = join(work, 'sweep');
    const res = await cli(
      // size=100 as in the reference run above (the built-ins' default sizing is 95 % of cash).
      ['sweep', '--data', orcl, '--symbol', 'ORCL', '--strategy', 'sma-cross', '--param', 'fast=5:25:5', '--param', 'slow=20,30,50', '--param', 'size=100', '--workers', '2', '--out', out],
      work,
    );
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    // fast ∈ {5,…,25} × slow ∈ {20, 30, 50}: 15 sets; fast >= slow in 2 (20/20, 25/20), skipped.
    expect(res.stdout).toMatch(/trials\s+13 run on 2 worker\(s\) in [\d.]+ s; 2 invalid sets skipped/);
    const trials = readJson(join(out, 'trials.json'));
    expect(trials['trials']).toBe(13);
    expect(trials['skipped']).toBe(2);
    expect(trials['results']).toHaveLength(13);
    const sharpes = (trials['results'] as { params: { fast: number; slow: number }; metrics: { sharpeRatio: number } }[]).map((r) => r.metrics.sharpeRatio);
    const bestIndex = sharpes.indexOf(Math.max(...sharpes));
    expect(trials['best']['params']).toEqual(trials['results'][bestIndex]['params']);
    // The 10/30 set is the reference run above.
    const ref = (trials['results'] as { params: { fast: number; slow: number }; metrics: { finalEquity: number; numTrades: number } }[]).find((r) => r.params.fast === 10 && r.params.slow === 30)!;
    expect([ref.metrics.finalEquity, ref.metrics.numTrades]).toEqual([102646.0652, 97]);
    expect(trials['deflatedSharpeRatio']).toBeGreaterThan(0);
    expect(trials['deflatedSharpeRatio']).toBeLessThan(1);
    expect(res.stdout).toContain(`deflated Sharpe  ${trials['deflatedSharpeRatio'].toFixed(3)}`);
    const csv = readFileSync(join(out, 'trials.csv'), 'utf8').trim().split('\n');
    expect(csv).toHaveLength(14);
    expect(csv[0]!.startsWith('trial,fast,slow,size,periodsPerYear,totalReturn')).toBe(true);
    expect(readJson(join(out, 'manifest.json'))['trials']).toBe(13);
    const best = readJson(join(out, 'result.json'));
    expectSchemaValid(best);
    expect(best['params']).toMatchObject(trials['best']['params']);
    expect(best['metrics']['sharpeRatio']).toBe(trials['best']['sharpeRatio']);
  });

  it('runs a user TypeScript strategy on 2 workers, the same as one thread', async () => {
    const args = ['sweep', '--data', join(fixtures, 'FXTR.csv'), '--strategy', strategyFile('BreakoutHold.ts'), '--param', 'lookback=10:30:10', '--param', 'hold=5,10', '--json'];
    const two = await cli([...args, '--workers', '2', '--out', join(work, 'sweep-user-2')], work);
    const one = await cli([...args, '--workers', '1', '--out', join(work, 'sweep-user-1')], work);
    expect([two.code, two.stderr, one.code]).toEqual([0, '', 0]);
    const [a, b] = [readJson(join(work, 'sweep-user-2', 'trials.json')), readJson(join(work, 'sweep-user-1', 'trials.json'))];
    expect(a['trials']).toBe(6);
    expect(a['results']).toEqual(b['results']);
    expect(JSON.parse(two.stdout)).toMatchObject({ trials: 6, workers: 2, best: a['best'] });
  });
});

describe('init', () => {
  it('scaffolds a project that runs as it is', async () => {
    const dir = join(inWorkspace, 'my-research');
    const res = await cli(['init', dir], inWorkspace);
    expect(res.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['.gitignore', 'README.md', 'data', 'package.json', 'run.json', 'strategy.ts', 'tsconfig.json']);
    const run = await cli(['run', '--config', 'run.json'], dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/strategy\s+TrendWithStop on SAMPLE/);
    const json = readJson(join(dir, 'qt-out', 'latest', 'result.json'));
    expect(json['fills'].length).toBeGreaterThan(2);
    expect(json['params']).toMatchObject({ fast: 20, slow: 100, stopPct: 0.08 });
    const again = await cli(['init', dir], inWorkspace);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/exists and is not empty/);
  });
});
