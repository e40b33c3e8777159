import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinStrategies } from '../strategies/registry.js';
import { main, sizingText } from './main.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const mkt = join(root, 'data-fixtures', 'daily', 'MKT.csv');
const orcl = join(root, '..', 'shared', 'data', 'orcl-1995-2014.txt');
const orclPresent = existsSync(orcl);

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qt-cli-'));
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

const GOOD = 'Date,Open,High,Low,Close,Volume\n2024-01-02,10,11,9,10.5,1000\n2024-01-03,10.5,11,10,10.8,1200\n';
const BAD = 'Date,Open,High,Low,Close,Volume\n2024-01-02,10,11,9,10.5,1000\n2024-01-03,10.5,abc,10,10.8,1200\n';

describe('qt-backtest validate', () => {
  it('exits 0 on clean data', async () => {
    await writeFile(join(dir, 'good.csv'), GOOD);
    const r = await cli('validate', '--data', 'good.csv', '--symbol', 'GOOD');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });

  it('exits 1 on bad data and names file and line', async () => {
    await writeFile(join(dir, 'bad.csv'), BAD);
    const r = await cli('validate', '--data', 'bad.csv');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('bad.csv:3');
    expect(r.stdout).toContain('abc');
  });
});

describe('qt-backtest run', () => {
  it('runs buy-and-hold and writes the report', async () => {
    const out = join(dir, 'bh');
    const r = await cli('run', '--data', mkt, '--strategy', 'buy-and-hold', '--fee-pct', '0.1', '--slippage-bps', '5', '--out', out);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/final equity\s+\d/);
    expect(r.stdout).toMatch(/max drawdown/);
    for (const f of ['result.json', 'report.html', 'manifest.json', 'trades.csv', 'equity.csv']) {
      expect(existsSync(join(out, f)), f).toBe(true);
    }
    const result = JSON.parse(await readFile(join(out, 'result.json'), 'utf8')) as {
      finalEquity: number;
      finalCash: number;
      trades: unknown[];
      fills: { time: string; side: string; fee: number }[];
      metrics: { sharpeRatio: number };
    };
    expect(result.finalEquity).toBeGreaterThan(0);
    expect(result.finalCash).toBeGreaterThanOrEqual(0);
    expect(Array.isArray(result.trades)).toBe(true);
    expect(result.fills).toHaveLength(1);
    expect(result.fills[0]!.time).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(result.fills[0]!.fee).toBeGreaterThan(0);
    expect(typeof result.metrics.sharpeRatio).toBe('number');
  });

  it('slices by --from/--to and prints parseable JSON with --json', async () => {
    const r = await cli(
      'run', '--data', mkt, '--strategy', 'sma-cross', '--param', 'fast=5', '--param', 'slow=20',
      '--from', '2016-01-01', '--to', '2016-12-31', '--out', join(dir, 'json'), '--json',
    );
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as { equity: { time: string }[]; trades: { entryTime: string }[]; metrics: object };
    expect(json.metrics).toHaveProperty('sharpeRatio');
    expect(json.equity[0]!.time >= '2016-01-01').toBe(true);
    expect(json.equity.at(-1)!.time <= '2016-12-31').toBe(true);
    for (const t of json.trades) expect(t.entryTime).toMatch(/^2016-\d{2}-\d{2}$/);
  });

  it('prints nothing with --quiet', async () => {
    const r = await cli('run', '--data', mkt, '--strategy', 'buy-and-hold', '--out', join(dir, 'quiet'), '--quiet');
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('exits 1 with one line naming file and line on bad data', async () => {
    await writeFile(join(dir, 'bad2.csv'), BAD);
    const r = await cli('run', '--data', 'bad2.csv', '--strategy', 'buy-and-hold', '--out', join(dir, 'never'));
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('bad2.csv:3');
    expect(existsSync(join(dir, 'never'))).toBe(false);
  });
});

describe('qt-backtest usage errors', () => {
  const cases: [string, string[], RegExp][] = [
    ['unknown strategy', ['--strategy', 'nope'], /nope/],
    ['non-numeric cash', ['--strategy', 'buy-and-hold', '--cash', 'abc'], /--cash.*abc/],
    ['unknown param', ['--strategy', 'sma-cross', '--param', 'speed=3'], /unknown param "speed"/],
    ['mistyped param', ['--strategy', 'sma-cross', '--param', 'fast=ten'], /fast.*integer/],
    ['inconsistent params', ['--strategy', 'sma-cross', '--param', 'fast=30', '--param', 'slow=10'], /slow/],
    ['bad date', ['--strategy', 'buy-and-hold', '--from', '2016-13-01'], /YYYY-MM-DD/],
    ['unknown option', ['--strategy', 'buy-and-hold', '--frobnicate'], /unknown option/],
  ];
  for (const [name, args, message] of cases) {
    it(`exits 2 on ${name}`, async () => {
      const r = await cli('run', '--data', mkt, '--out', join(dir, 'usage'), ...args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    });
  }

  it('exits 2 on an unknown command', async () => {
    expect((await cli('frobnicate')).code).toBe(2);
  });

  it('exits 2 without a command and 0 on --help', async () => {
    expect((await cli()).code).toBe(2);
    const help = await cli('run', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--strategy');
  });

  it('exits 1 with one line on a missing file', async () => {
    const r = await cli('run', '--data', 'missing.csv', '--strategy', 'buy-and-hold', '--out', join(dir, 'missing'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('missing.csv');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe.skipIf(!orclPresent)(
  `sma-cross reproduces the ORCL 1995–2014 reference ${orclPresent ? '' : '(SKIPPED: ../shared/data not found)'}`,
  () => {
    it('matches fills, first trade and exact final cash', async () => {
      const out = join(dir, 'orcl');
      const r = await cli(
        'run', '--data', orcl, '--symbol', 'ORCL', '--strategy', 'sma-cross',
        '--param', 'fast=10', '--param', 'slow=30', '--param', 'size=100', '--out', out, '--quiet',
      );
      expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
      const result = JSON.parse(await readFile(join(out, 'result.json'), 'utf8')) as {
        fills: { side: string; time: string; price: number; quantity: number }[];
        trades: { entryTime: string; exitTime: string }[];
        exact: { finalCash: string; finalEquity: string };
        totals: { fees: number };
      };
      expect(result.fills).toHaveLength(195);
      expect(result.fills[0]).toMatchObject({ side: 'buy', time: '1995-05-12', price: 2.37037, quantity: 100 });
      expect(result.trades[0]).toMatchObject({ entryTime: '1995-05-12', exitTime: '1995-09-25' });
      expect(result.exact.finalCash).toBe('98149.0651');
      expect(result.exact.finalEquity).toBe('102646.0652');
      expect(result.totals.fees).toBe(0);
    });
  },
);

describe('progress bar', () => {
  it('draws on a TTY stderr, and stays silent otherwise or with --quiet', async () => {
    const run = async (tty: boolean, ...extra: string[]) => {
      let stderr = '';
      const code = await main(['run', '--data', mkt, '--strategy', 'buy-and-hold', '--out', join(dir, `p-${tty}-${extra.length}`), ...extra], {
        stdout: () => {},
        stderr: (s) => (stderr += s),
        cwd: dir,
        stderrIsTTY: tty,
      });
      return { code, stderr };
    };
    const tty = await run(true);
    expect(tty.code).toBe(0);
    // The last draw is the full bar, then the line is cleared for the summary.
    expect(tty.stderr).toContain('\rbars 2,516/2,516 [========================] 100%');
    expect(tty.stderr.endsWith('\r\x1b[K')).toBe(true);
    expect(await run(false)).toEqual({ code: 0, stderr: '' });
    expect(await run(true, '--quiet')).toEqual({ code: 0, stderr: '' });
  });
});

describe('qt-backtest run: issue 11 (findings 7 and 10)', () => {
  it('two runs without --out in the same second get different directories; neither is lost', async () => {
    await writeFile(join(dir, 'good2.csv'), GOOD);
    const [a, b] = await Promise.all([
      cli('run', '--data', 'good2.csv', '--strategy', 'buy-and-hold', '--quiet'),
      cli('run', '--data', 'good2.csv', '--strategy', 'buy-and-hold', '--quiet'),
    ]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const out = (await import('node:fs')).readdirSync(join(dir, 'qt-out')).filter((d) => d.startsWith('buy-and-hold-'));
    expect(out.length).toBeGreaterThanOrEqual(2);
    for (const d of out) expect(existsSync(join(dir, 'qt-out', d, 'result.json')), d).toBe(true);
  });

  it('--out /proc/x fails at once with one line naming the path', async () => {
    await writeFile(join(dir, 'good3.csv'), GOOD);
    const started = Date.now();
    const r = await cli('run', '--data', 'good3.csv', '--strategy', 'buy-and-hold', '--out', '/proc/qt-x/out');
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr.trim()).toBe('error: cannot write the output directory "/proc/qt-x/out": directories cannot be created in "/proc" (ENOENT)');
  });

  it('shows the loader warnings in the summary and records them in result.json and manifest.json', async () => {
    // A 3:1 jump overnight looks like an unadjusted split; "Vol-me" is a misspelt column.
    const rows = ['Date,Open,High,Low,Close,Vol-me', '2024-01-02,30,31,29,30,1000', '2024-01-03,10,10.5,9.8,10.2,1000', '2024-01-04,10.2,10.6,10,10.4,1000'];
    await writeFile(join(dir, 'split.csv'), `${rows.join('\n')}\n`);
    const out = join(dir, 'warned');
    const r = await cli('run', '--data', 'split.csv', '--strategy', 'buy-and-hold', '--out', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/data warnings\s+2/);
    expect(r.stdout).toContain('[suspected_split]');
    expect(r.stdout).toContain('[unknown_column]');
    const result = JSON.parse(await readFile(join(out, 'result.json'), 'utf8')) as { dataWarnings: { count: number; issues: { code: string; line?: number }[] } };
    expect(result.dataWarnings.count).toBe(2);
    expect(result.dataWarnings.issues.map((i) => i.code).sort()).toEqual(['suspected_split', 'unknown_column']);
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')) as { dataWarnings: { count: number } };
    expect(manifest.dataWarnings.count).toBe(2);
  });

  it('--volume-limit on data without a volume column is a usage error', async () => {
    await writeFile(join(dir, 'novol.csv'), 'Date,Open,High,Low,Close,Vol-me\n2024-01-02,10,11,9,10.5,1000\n2024-01-03,10.5,11,10,10.8,1200\n');
    const r = await cli('run', '--data', 'novol.csv', '--strategy', 'buy-and-hold', '--volume-limit', '0.1', '--out', join(dir, 'nv'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--volume-limit needs a volume column');
    expect(existsSync(join(dir, 'nv', 'result.json'))).toBe(false);
  });
});

describe('qt-backtest --version, strategies and run --help (issue 12)', () => {
  it('prints the version of the qt-backtest package with --version and -V', async () => {
    const pkg = JSON.parse(await readFile(join(root, 'packages', 'qt-backtest', 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) {
      const r = await cli(flag);
      expect(r).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
    }
  });

  it('lists every built-in strategy with each parameter, its type and default on one line', async () => {
    const r = await cli('strategies');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--param fast: integer = 10 — fast window in bars');
    expect(r.stdout).toContain('--param sizePct: number = 0.95 — fraction of equity per entry');
    expect(r.stdout).toContain('--param size: number (optional) — fixed shares per entry');
    expect(r.stdout).toContain('--param lookback: integer = 126 — momentum window in bars');
    for (const name of ['buy-and-hold', 'sma-cross', 'rsi-reversion', 'donchian-breakout', 'momentum-rotation']) {
      expect(r.stdout).toMatch(new RegExp(`^${name} +\\S`, 'm'));
    }
  });

  it('shows the same strategy list in run --help', async () => {
    const list = (await cli('strategies')).stdout;
    const help = await cli('run', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain(list);
  });
});

describe('qt-backtest run: what a newcomer needs to read a result (issue 12)', () => {
  it('prints the symbol it inferred from the file name and the sizing in effect, marked default', async () => {
    const r = await cli('run', '--data', mkt, '--strategy', 'sma-cross', '--out', join(dir, 'infer'));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^symbol\s+MKT \(from the file name MKT\.csv\); --symbol/m);
    expect(r.stdout).toMatch(/^sizing\s+sizePct=0\.95 \(default\): fraction of equity per entry/m);
    const named = await cli('run', '--data', mkt, '--symbol', 'IDX', '--strategy', 'sma-cross', '--param', 'size=10', '--out', join(dir, 'named'));
    expect(named.stdout).not.toMatch(/^symbol/m);
    expect(named.stdout).toMatch(/^sizing\s+size=10: fixed shares per entry/m);
  });

  it('sizes by 95 % of cash by default: the first entry holds most of the equity, and result params name only sizePct', async () => {
    const out = join(dir, 'sized');
    const r = await cli('run', '--data', mkt, '--strategy', 'sma-cross', '--out', out, '--quiet');
    expect(r.code).toBe(0);
    const json = JSON.parse(await readFile(join(out, 'result.json'), 'utf8')) as {
      params: Record<string, unknown>;
      fills: { side: string; quantity: number; price: number }[];
      initialCash: number;
    };
    expect(json.params).toMatchObject({ sizePct: 0.95 });
    expect(json.params).not.toHaveProperty('size');
    const first = json.fills[0]!;
    expect(first.side).toBe('buy');
    // floor(0.95 × 100,000 / close(signal bar)) shares, filled at the next open: close to 95 % of cash.
    expect((first.quantity * first.price) / json.initialCash).toBeGreaterThan(0.85);
    expect((first.quantity * first.price) / json.initialCash).toBeLessThan(1.05);
  });

  it('explains a benchmark that starts after the data in dates, suggesting --from', async () => {
    const rows = (days: string[]): string => `Date,Open,High,Low,Close,Volume\n${days.map((d, i) => `${d},${10 + i},${11 + i},${9 + i},${10 + i},1000`).join('\n')}\n`;
    await writeFile(join(dir, 'AAA.csv'), rows(['2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05', '2024-01-08']));
    await writeFile(join(dir, 'LATE.csv'), rows(['2024-01-04', '2024-01-05', '2024-01-08']));
    const r = await cli('run', '--data', 'AAA.csv', 'LATE.csv', '--benchmark', 'LATE', '--strategy', 'buy-and-hold', '--out', join(dir, 'late'));
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(
      'error: --benchmark LATE starts on 2024-01-04, after the first bar of the data (2024-01-02); add --from 2024-01-04 so that the run starts when the benchmark does',
    );
    const fixed = await cli('run', '--data', 'AAA.csv', 'LATE.csv', '--benchmark', 'LATE', '--strategy', 'buy-and-hold', '--from', '2024-01-04', '--out', join(dir, 'late2'), '--quiet');
    expect(fixed.code).toBe(0);
  });
});

describe('sizingText', () => {
  const params = builtinStrategies['sma-cross']!.params;
  it('states the default, a given size, and a given sizePct (which wins over size, as the strategy does)', () => {
    expect(sizingText(params, {})).toBe('sizePct=0.95 (default): fraction of equity per entry: floor(min(sizePct × equity, buying power) / close) shares');
    expect(sizingText(params, { size: 10 })).toBe('size=10: fixed shares per entry (when given, replaces the sizePct default)');
    expect(sizingText(params, { size: 10, sizePct: 0.5 })).toMatch(/^sizePct=0\.5: /);
    expect(sizingText(builtinStrategies['momentum-rotation']!.params, {})).toMatch(/^fraction=0\.98 \(default\): /);
    expect(sizingText(undefined, { size: 1 })).toBeUndefined();
  });
});

describe('qt-backtest report re-renders the run page from result.json alone (price charts, robustness, sweep)', () => {
  it('gives the same report.html as run and as sweep wrote', async () => {
    for (const argv of [
      ['run', '--data', mkt, '--strategy', 'sma-cross', '--out', join(dir, 'rerender-run'), '--quiet'],
      ['sweep', '--data', mkt, '--strategy', 'sma-cross', '--param', 'fast=5,10', '--param', 'slow=30,50', '--workers', '1', '--out', join(dir, 'rerender-sweep'), '--quiet'],
    ]) {
      const out = argv[argv.indexOf('--out') + 1]!;
      expect((await cli(...argv)).code).toBe(0);
      const html = await readFile(join(out, 'report.html'), 'utf8');
      expect(html).toContain(argv[0] === 'run' ? 'data-section="robustness"' : 'data-section="sweep"');
      expect(html).toContain('class="marker-up"');
      const again = join(out, 'again.html');
      expect((await cli('report', join(out, 'result.json'), '--out', again, '--quiet')).code).toBe(0);
      expect(await readFile(again, 'utf8')).toBe(html);
    }
  });
});
