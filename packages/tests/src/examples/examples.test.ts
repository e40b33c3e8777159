/**
 * The runnable examples in `examples/`: each is executed as a user runs it (Node with the tsx
 * loader and the `@qt-backtest/source` condition, from the repository root) into a temporary
 * directory. It must exit 0 and print nothing on stderr; the numbers it prints must equal the same
 * computation done here through the library API (the examples export their strategies, models and
 * settings for this); and its report files must exist and agree with it.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { testFeeModelContract, testSlippageModelContract } from '@qt-backtest/core/testing';
import { type BacktestResult, benchmarkCurve, benchmarkReturns, type Fill, type LoadedBars, totalReturn } from 'qt-backtest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as customCosts from '../../../../examples/customCosts.js';
import * as rotation from '../../../../examples/rotationWithBenchmark.js';
import * as stopLoss from '../../../../examples/stopLoss.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const REPORT_FILES = ['equity.arrow', 'equity.csv', 'fills.arrow', 'fills.csv', 'manifest.json', 'report.html', 'result.json', 'trades.arrow', 'trades.csv'];

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly outDir: string;
}

let tmp = '';
const runs = new Map<string, Promise<Run>>();

/** Runs `examples/<name>.ts <outDir>` in a child process, as `npx tsx --conditions=@qt-backtest/source` would. */
function runExample(name: string): Promise<Run> {
  const outDir = join(tmp, name);
  const args = ['--conditions=@qt-backtest/source', '--import', 'tsx', join('examples', `${name}.ts`), outDir];
  return new Promise((done) => {
    execFile(process.execPath, args, { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      done({ code, stdout, stderr, outDir });
    });
  });
}

/** The example's run (all three start together, in parallel with the recomputation below). */
function run(name: string): Promise<Run> {
  const r = runs.get(name);
  if (r === undefined) throw new Error(`example ${name} was not started`);
  return r;
}

/** The capture groups of `pattern` in `text`, failing with the text when it does not match. */
function capture(text: string, pattern: RegExp): string[] {
  const m = pattern.exec(text);
  expect(m, `no match for ${pattern} in:\n${text}`).not.toBeNull();
  return m!.slice(1);
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const slippagePaid = (fills: readonly Fill[]): number => fills.reduce((s, f) => s + f.slippage * f.quantity, 0);

/** Checks the report directory: every file, and result.json agreeing with the recomputed result. */
function expectReport(outDir: string, result: BacktestResult): Record<string, unknown> {
  expect(readdirSync(outDir).sort()).toEqual(REPORT_FILES);
  const json = JSON.parse(readFileSync(join(outDir, 'result.json'), 'utf8')) as Record<string, unknown>;
  expect(json['finalEquity']).toBe(result.finalEquity);
  expect((json['trades'] as unknown[]).length).toBe(result.trades.length);
  expect((json['fills'] as unknown[]).length).toBe(result.fills.length);
  expect(readFileSync(join(outDir, 'report.html'), 'utf8')).toContain('</html>');
  return json;
}

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'qt-examples-'));
  for (const name of ['stopLoss', 'rotationWithBenchmark', 'customCosts']) runs.set(name, runExample(name));
});

afterAll(async () => {
  await Promise.all(runs.values());
  if (tmp !== '') rmSync(tmp, { recursive: true, force: true });
});

describe('examples/stopLoss.ts', () => {
  it('exits 0, prints the stop-outs, final equity and trades the library computes, and writes its report', async () => {
    const data = await stopLoss.loadData(repoRoot);
    const result = stopLoss.runBacktest(data);
    const { stopOuts, trendExits } = stopLoss.exitCounts(result);
    const { stdout, stderr, code, outDir } = await run('stopLoss');
    expect(stderr).toBe('');
    expect(code).toBe(0);

    const [equity, from] = capture(stdout, /final equity +(-?\d+\.\d\d) \(from (\d+\.\d\d)\)/);
    expect(equity).toBe(result.finalEquity.toFixed(2));
    expect(from).toBe('100000.00');
    const [trades, stops, exits] = capture(stdout, /trades +(\d+) round trips: (\d+) stopped out, (\d+) trend exits/);
    expect([trades, stops, exits].map(Number)).toEqual([result.trades.length, stopOuts, trendExits]);
    const [fees] = capture(stdout, /costs +fees (\d+\.\d\d)/);
    expect(fees).toBe(result.totals.fees.toFixed(2));

    // The stop really is a stop: some round trips end on it, each one at or below its stop price
    // (the price paid less 8 %, to the cent; a gap fills lower), never on the entry's own bar.
    expect(stopOuts).toBeGreaterThan(0);
    expect(trendExits).toBeGreaterThan(0);
    const stopIds = new Set(result.orders.filter((o) => o.tag === 'stop-loss').map((o) => o.id));
    for (const t of result.trades.filter((x) => stopIds.has(x.exitOrderId))) {
      expect(t.exitPrice).toBeLessThanOrEqual(Math.round(t.entryPrice * (1 - stopLoss.settings.params.stopLoss) * 100) / 100);
      expect(t.exitTime).toBeGreaterThan(t.entryTime);
    }

    expectReport(outDir, result);
  });
});

describe('examples/rotationWithBenchmark.ts', () => {
  it('exits 0, prints the alpha, beta and information ratio against MKT, and writes the report with the benchmark', async () => {
    const data: LoadedBars = await rotation.loadData(repoRoot);
    const result = rotation.runBacktest(data);
    const curve = benchmarkCurve(result.time, data.get('MKT'));
    const m = result.metrics({ benchmarkReturns: benchmarkReturns(curve) });
    const { stdout, stderr, code, outDir } = await run('rotationWithBenchmark');
    expect(stderr).toBe('');
    expect(code).toBe(0);

    const [alpha, beta, ir] = capture(stdout, /alpha (-?\d+\.\d%) a year, beta (-?\d+\.\d\d), information ratio (-?\d+\.\d\d)/);
    expect(alpha).toBe(pct(m.alpha!));
    expect(beta).toBe(m.beta!.toFixed(2));
    expect(ir).toBe(m.informationRatio!.toFixed(2));
    const [equity] = capture(stdout, /final equity +(-?\d+\.\d\d) \(from 1000000\.00\)/);
    expect(equity).toBe(result.finalEquity.toFixed(2));
    const [fills, trades] = capture(stdout, /trading +(\d+) fills, (\d+) round trips/);
    expect([fills, trades].map(Number)).toEqual([result.fills.length, result.trades.length]);

    // The benchmark column is MKT buy and hold, whose total return follows from its closes alone.
    const mkt = data.get('MKT');
    const [strategyTotal, mktTotal] = capture(stdout, /total return +(-?\d+\.\d%) +(-?\d+\.\d%)/);
    expect(strategyTotal).toBe(pct(m.totalReturn));
    expect(mktTotal).toBe(pct(mkt.close[mkt.length - 1]! / mkt.close[0]! - 1));
    expect(mktTotal).toBe(pct(totalReturn(benchmarkReturns(curve))));
    // MKT is the benchmark only: never traded.
    expect(result.fills.some((f) => f.symbol === 'MKT')).toBe(false);
    expect(result.fills.length).toBeGreaterThan(100);

    const json = expectReport(outDir, result);
    const bench = json['benchmark'] as { name: string; equity: number[] };
    expect(bench.name).toBe('MKT');
    expect(bench.equity).toEqual(Array.from(curve));
    expect((json['metrics'] as { beta: number }).beta).toBe(m.beta);
    expect(readFileSync(join(outDir, 'report.html'), 'utf8')).toContain('Equity curve vs MKT');
  });
});

describe('examples/customCosts.ts', () => {
  it('exits 0, prints the costs its own models charged against a zero-cost run, and writes its report', async () => {
    const data = await customCosts.loadData(repoRoot);
    const withCosts = customCosts.runBacktest(data, true);
    const free = customCosts.runBacktest(data, false);
    const { stdout, stderr, code, outDir } = await run('customCosts');
    expect(stderr).toBe('');
    expect(code).toBe(0);

    const [freeEquity, costEquity] = capture(stdout, /final equity +(\d+\.\d\d) +(\d+\.\d\d)/);
    expect([freeEquity, costEquity]).toEqual([free.finalEquity.toFixed(2), withCosts.finalEquity.toFixed(2)]);
    const [freeFees, fees] = capture(stdout, /commission paid +(\d+\.\d\d) +(\d+\.\d\d)/);
    expect([freeFees, fees]).toEqual(['0.00', withCosts.totals.fees.toFixed(2)]);
    const [freeSlip, slip] = capture(stdout, /slippage paid +(\d+\.\d\d) +(\d+\.\d\d)/);
    expect([freeSlip, slip]).toEqual(['0.00', slippagePaid(withCosts.fills).toFixed(2)]);
    const [fillsFree, fillsCost] = capture(stdout, /fills +(\d+) +(\d+)/);
    expect([fillsFree, fillsCost].map(Number)).toEqual([free.fills.length, withCosts.fills.length]);
    const [paid, drag] = capture(stdout, /costs paid (\d+\.\d\d) .*; final equity (-?\d+\.\d\d) lower/);
    expect(paid).toBe((withCosts.totals.fees + slippagePaid(withCosts.fills)).toFixed(2));
    expect(drag).toBe((free.finalEquity - withCosts.finalEquity).toFixed(2));
    expect(stdout).toContain(new customCosts.TieredCommission().name);
    expect(stdout).toContain(new customCosts.RangeImpactSlippage().name);
    // The worked example: 500 × 0.005 + 1 500 × 0.003 = 7.00 for 2 000 shares.
    expect(stdout).toMatch(/buy +2000 @ 100 .*commission 7\.00,/);

    // The engine charged exactly what the custom models say, fill by fill.
    expect(withCosts.totals.fees).toBeGreaterThan(0);
    const fee = new customCosts.TieredCommission();
    const slippage = new customCosts.RangeImpactSlippage();
    const orders = new Map(withCosts.orders.map((o) => [o.id, o]));
    const seen = new Set<string>();
    for (const f of withCosts.fills) {
      const bars = data.get(f.symbol);
      const i = bars.time.indexOf(f.time);
      const bar = { time: f.time, open: bars.open[i]!, high: bars.high[i]!, low: bars.low[i]!, close: bars.close[i]!, volume: bars.volume[i]! };
      const rulePrice = f.side === 'buy' ? f.price - f.slippage : f.price + f.slippage;
      expect(f.slippage).toBeCloseTo(slippage.slippage({ symbol: f.symbol, side: f.side, price: rulePrice, quantity: f.quantity, bar }), 9);
      const order = orders.get(f.orderId)!;
      const firstFill = !seen.has(f.orderId);
      seen.add(f.orderId);
      expect(f.fee).toBeCloseTo(fee.fee({ symbol: f.symbol, side: f.side, price: f.price, quantity: f.quantity, orderQuantity: order.quantity, firstFill, bar }), 9);
    }

    expectReport(outDir, withCosts);
  });
});

// The example's models meet the published contracts (what its JSDoc tells users to run).
testFeeModelContract('TieredCommission (examples/customCosts.ts)', () => new customCosts.TieredCommission());
testSlippageModelContract('RangeImpactSlippage (examples/customCosts.ts)', () => new customCosts.RangeImpactSlippage());
