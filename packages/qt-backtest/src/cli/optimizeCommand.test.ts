import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ledoitWolf, parsePriceCsv, returnsFromPrices, sampleCovariance, selectRows, parseDate, meanHistoricalReturn } from '@qt-backtest/risk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from './main.js';
import type { OptimizeOutput } from './optimizeCommand.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const stocks = join(root, '..', 'shared', 'data', 'stock_prices.csv');
const present = existsSync(stocks);
const note = present ? '(real data in ../shared/data)' : '(SKIPPED: ../shared/data not found beside the repository; CI provides it)';
// PyPortfolioOpt 1.5.6 reference values (packages/risk/reference/pypfopt_reference.py).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const ref: any = JSON.parse(readFileSync(join(root, 'packages/risk/reference/pypfopt-reference.json'), 'utf8'));

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qt-optimize-'));
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

async function optimize(...args: string[]): Promise<OptimizeOutput> {
  const out = join(dir, `o-${Math.random().toString(36).slice(2)}`);
  const r = await cli('optimize', '--prices', stocks, '--out', out, '--json', ...args);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const printed = JSON.parse(r.stdout) as OptimizeOutput;
  expect(JSON.parse(await readFile(join(out, 'optimize.json'), 'utf8'))).toEqual(printed);
  const html = await readFile(join(out, 'report.html'), 'utf8');
  expect(html).toContain('<svg');
  expect(html).not.toMatch(/(src|href)="https?:/);
  return printed;
}

const maxAbsDiff = (a: readonly number[], b: readonly number[]): number => Math.max(...a.map((x, i) => Math.abs(x - b[i]!)));

describe.skipIf(!present)(`qt-backtest optimize ${note}`, () => {
  it('max-sharpe: the fixed JSON shape, and PyPortfolioOpt’s test_max_sharpe_long_only numbers', async () => {
    const o = await optimize('--method', 'max-sharpe', '--risk-free', '0.02');
    expect(o.method).toBe('max-sharpe');
    expect(Object.keys(o.weights)).toEqual(ref.symbols);
    expect(Object.keys(o.performance).sort()).toEqual(['expectedReturn', 'sharpeRatio', 'volatility']);
    expect(o.covariance.symbols).toEqual(ref.symbols);
    expect(o.covariance.matrix.length).toBe(20);
    expect(o.covariance.matrix.every((r) => r.length === 20)).toBe(true);
    expect(Object.values(o.weights).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    const lit = ref.optimisers.testLiterals.maxSharpe as number[];
    expect(Math.abs(o.performance.expectedReturn - lit[0]!) / lit[0]!).toBeLessThan(1e-6);
    expect(Math.abs(o.performance.volatility - lit[1]!) / lit[1]!).toBeLessThan(1e-6);
    expect(Math.abs(o.performance.sharpeRatio - lit[2]!) / lit[2]!).toBeLessThan(1e-6);
    expect(maxAbsDiff(Object.values(o.weights), ref.optimisers.maxSharpe.weights)).toBeLessThan(1e-4);
  });

  it('defaults: geometric mean returns and the sample covariance; min-volatility matches PyPortfolioOpt', async () => {
    const o = await optimize('--method', 'min-volatility');
    expect(maxAbsDiff(Object.values(o.expectedReturns), ref.expectedReturns.meanGeometric)).toBeLessThan(1e-12);
    expect(maxAbsDiff(o.covariance.matrix.flat(), ref.covariance.sample.flat())).toBeLessThan(1e-12);
    expect(maxAbsDiff(Object.values(o.weights), ref.optimisers.minVolatility.weights)).toBeLessThan(1e-4);
  });

  it('hrp defaults to the sample covariance and single linkage: PyPortfolioOpt HRPOpt weights to 1e-8; ward too', async () => {
    const single = await optimize('--method', 'hrp');
    expect(maxAbsDiff(Object.values(single.weights), ref.hrp.single.weights)).toBeLessThan(1e-8);
    expect(single.clusterOrder).toEqual(ref.hrp.single.order);
    const ward = await optimize('--method', 'hrp', '--linkage', 'ward');
    expect(maxAbsDiff(Object.values(ward.weights), ref.hrp.ward.weights)).toBeLessThan(1e-8);
  });

  it("--covariance ledoit-wolf is scikit-learn's constant-variance target (1/T, ×252)", async () => {
    const o = await optimize('--method', 'min-volatility', '--covariance', 'ledoit-wolf');
    const e = ref.covariance.ledoitWolfConstantVariance.flat() as number[];
    o.covariance.matrix.flat().forEach((v, i) => expect(Math.abs(v - e[i]!)).toBeLessThan(1e-10 * Math.abs(e[i]!) + 1e-15));
  });

  it('the other Ledoit–Wolf targets by their own names', async () => {
    const sf = await optimize('--method', 'min-volatility', '--covariance', 'ledoit-wolf-single-factor');
    const e = ref.covariance.ledoitWolfSingleFactor.flat() as number[];
    sf.covariance.matrix.flat().forEach((v, i) => expect(Math.abs(v - e[i]!)).toBeLessThan(1e-10 * Math.abs(e[i]!) + 1e-13));
    const cc = await optimize('--method', 'min-volatility', '--covariance', 'ledoit-wolf-constant-correlation');
    const f = ref.covariance.ledoitWolfConstantCorrelation.flat() as number[];
    cc.covariance.matrix.flat().forEach((v, i) => expect(Math.abs(v - f[i]!)).toBeLessThan(1e-10 * Math.abs(f[i]!) + 1e-13));
  });

  it('--from/--to select price rows inclusively before returns are computed', async () => {
    const o = await optimize('--method', 'min-volatility', '--from', '2015-01-02', '--to', '2016-12-30', '--bounds', '0,0.3');
    const all = parsePriceCsv(readFileSync(stocks, 'utf8'), stocks);
    const rows = selectRows(all, parseDate('2015-01-02'), parseDate('2016-12-30'));
    expect(o.data.first).toBe('2015-01-02');
    expect(o.data.last).toBe('2016-12-30');
    expect(o.data.rows).toBe(rows.times.length);
    const returns = returnsFromPrices(rows);
    expect(o.covariance.matrix.flat()).toEqual(Array.from(sampleCovariance(returns).matrix));
    expect(Object.values(o.expectedReturns)).toEqual(Array.from(meanHistoricalReturn(returns)));
    expect(Math.max(...Object.values(o.weights))).toBeLessThanOrEqual(0.3 + 1e-12);
    expect(ledoitWolf(returns).matrix.length).toBe(400);
  });

  it('efficient-risk / efficient-return reach their targets; black-litterman uses the posterior', async () => {
    const er = await optimize('--method', 'efficient-risk', '--target', '0.19');
    expect(er.performance.volatility).toBeCloseTo(0.19, 9);
    const et = await optimize('--method', 'efficient-return', '--target', '0.25');
    expect(et.performance.expectedReturn).toBeCloseTo(0.25, 9);
    const views = join(dir, 'views.json');
    await writeFile(views, JSON.stringify({ AAPL: 0.2, BBY: -0.3 }));
    const bl = await optimize('--method', 'black-litterman', '--views', views);
    expect(bl.expectedReturns['AAPL']).not.toBe(ref.expectedReturns.meanGeometric[1]);
    for (const m of ['risk-parity', 'cla-min-volatility', 'cla-max-sharpe']) {
      const o = await optimize('--method', m);
      expect(Object.values(o.weights).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
    }
  });
});

describe('qt-backtest optimize usage errors', () => {
  it('exit 2 with a one-line message for a bad method, missing target or bad bounds', async () => {
    const bad = await cli('optimize', '--prices', 'p.csv', '--method', 'nope');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--method: "nope" is not one of min-volatility/);
    const noTarget = await cli('optimize', '--prices', 'p.csv', '--method', 'efficient-risk');
    expect(noTarget.code).toBe(2);
    expect(noTarget.stderr).toMatch(/needs --target/);
    expect((await cli('optimize', '--prices', 'p.csv', '--method', 'hrp', '--bounds', '0.5')).code).toBe(2);
  });
  it('exit 1 naming file, line and value for a malformed price', async () => {
    const p = join(dir, 'bad.csv');
    await writeFile(p, 'date,A,B\n2020-01-01,1,2\n2020-01-02,1,x\n2020-01-03,2,3\n');
    const r = await cli('optimize', '--prices', p, '--method', 'min-volatility', '--out', join(dir, 'bad-out'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad\.csv:3: column B: "x" is not a positive price/);
    expect(existsSync(join(dir, 'bad-out'))).toBe(false);
  });
});
