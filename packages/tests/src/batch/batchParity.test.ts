/**
 * Batch/event parity: the batch (vectorised) path must give the event engine's fills and equity
 * curve exactly — same order ids, times, sides, quantities, prices, slippage, fees, and equity bit
 * for bit — on 1,000 seeded random parameter sets of the five built-ins, on real data
 * (backtrader's ORCL 1995–2014, YHOO 1996–2014, NVDA 1999–2014), with and without costs.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  backtest,
  BatchData,
  builtinStrategies,
  CompositeFee,
  FixedBpsSlippage,
  loadBars,
  PercentFee,
  PerShareFee,
  runBatch,
  SeededRandom,
  type BarSeries,
  type BatchCosts,
} from 'qt-backtest';

// ../shared/data beside the repository (CI always has it; QT_REQUIRE_SHARED_DATA makes its absence an error there).
const repoRootDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const sharedDataDir = join(repoRootDir, '..', 'shared', 'data');
const hasSharedData = existsSync(join(sharedDataDir, 'orcl-1995-2014.txt'));
if (!hasSharedData && process.env['QT_REQUIRE_SHARED_DATA'] === '1') throw new Error(`QT_REQUIRE_SHARED_DATA=1 but ${sharedDataDir} has no orcl-1995-2014.txt`);
const needsSharedData = hasSharedData ? '(real data in ../shared/data)' : '(SKIPPED: ../shared/data not found beside the repository; CI provides it)';

const FILES = [
  ['ORCL', 'orcl-1995-2014.txt'],
  ['YHOO', 'yhoo-1996-2014.txt'],
  ['NVDA', 'nvda-1999-2014.txt'],
] as const;

type Values = Record<string, number | boolean>;

/** A random parameter set of each built-in (ranges cover the defaults and the edge rules: shorts, sizePct, tiny windows). */
const draw: Record<string, (r: () => number) => Values> = {
  'sma-cross': (r) => {
    const fast = 1 + Math.floor(r() * 40);
    const v: Values = { fast, slow: fast + 1 + Math.floor(r() * 120) };
    if (r() < 0.4) v['allowShort'] = true;
    if (r() < 0.4) v['sizePct'] = 0.05 + Math.floor(r() * 95) / 100;
    else v['size'] = 1 + Math.floor(r() * 3000);
    return v;
  },
  'rsi-reversion': (r) => {
    const entry = 5 + Math.floor(r() * 45);
    const v: Values = { period: 2 + Math.floor(r() * 30), entry, exit: entry + 1 + Math.floor(r() * (98 - entry)) };
    if (r() < 0.4) v['allowShort'] = true;
    if (r() < 0.5) v['sizePct'] = 0.05 + Math.floor(r() * 95) / 100;
    else v['size'] = 1 + Math.floor(r() * 3000);
    return v;
  },
  'donchian-breakout': (r) => {
    const v: Values = { entry: 2 + Math.floor(r() * 80), exit: 2 + Math.floor(r() * 40), atrPeriod: 1 + Math.floor(r() * 30), atrStop: 0.25 + Math.floor(r() * 40) / 8 };
    if (r() < 0.5) v['sizePct'] = 0.05 + Math.floor(r() * 95) / 100;
    else v['size'] = 1 + Math.floor(r() * 3000);
    return v;
  },
  'momentum-rotation': (r) => ({ lookback: 1 + Math.floor(r() * 250), top: 1 + Math.floor(r() * 3), fraction: 0.2 + Math.floor(r() * 80) / 100 }),
  'buy-and-hold': (r) => ({ fraction: 0.05 + Math.floor(r() * 95) / 100 }),
};

/** The cost settings cycled through: none; per-share with a minimum; percent + slippage; both fees + slippage. */
const COSTS: readonly (() => BatchCosts)[] = [
  () => ({ cash: 100_000 }),
  () => ({ cash: 250_000, fees: new PerShareFee({ perShare: 0.005, minimum: 1 }) }),
  () => ({ cash: 100_000, fees: new PercentFee(0.001), slippage: new FixedBpsSlippage(5) }),
  () => ({ cash: 1_000_000.5, fees: new CompositeFee([new PercentFee(0.0005), new PerShareFee({ perShare: 0.01, minimum: 1.25 })]), slippage: new FixedBpsSlippage(2.5) }),
];

/** How many sets of each built-in: 1,000 in all. */
const SETS: Readonly<Record<string, number>> = { 'sma-cross': 300, 'rsi-reversion': 250, 'donchian-breakout': 200, 'momentum-rotation': 150, 'buy-and-hold': 100 };

const run = hasSharedData ? describe : describe.skip;

run(`batch path = event engine ${needsSharedData}`, () => {
  it('gives the same fills and equity on 1,000 random parameter sets of the five built-ins', async () => {
    const series: BarSeries[] = [];
    for (const [symbol, file] of FILES) series.push((await loadBars(`${sharedDataDir}/${file}`, { symbol })).get(symbol));
    const data = new BatchData(series);
    // One symbol alone: the batch path's one-series fast path (marks between signal bars).
    const alone = new BatchData(series.slice(0, 1));
    const rng = new SeededRandom(20261208);
    const r = (): number => rng.next();
    let compared = 0;
    let fills = 0;
    const mismatches: string[] = [];
    for (const [name, count] of Object.entries(SETS)) {
      for (let n = 0; n < count; n++) {
        const values = draw[name]!(r);
        // One symbol or two (rotation and buy-and-hold always get all three).
        const k = name === 'momentum-rotation' || name === 'buy-and-hold' ? 3 : 1 + Math.floor(r() * 2);
        const symbols = FILES.slice(0, k).map(([s]) => s);
        const costs = COSTS[(compared + n) % COSTS.length]!();
        // Single-symbol sets of every other draw run on that symbol's data alone.
        const solo = k === 1 && n % 2 === 0;
        const event = backtest({ data: solo ? series.slice(0, 1) : series, strategy: builtinStrategies[name]!.create(values, symbols), ...costs });
        const batch = runBatch(name, values, symbols, solo ? alone : data, costs);
        compared++;
        fills += event.fills.length;
        const label = `${name} ${JSON.stringify(values)} on ${symbols.join('+')}${solo ? ' (its data alone)' : ''} (cost set ${(compared - 1 + n) % COSTS.length})`;
        if (JSON.stringify(batch.fills) !== JSON.stringify(event.fills)) {
          const i = event.fills.findIndex((f, j) => JSON.stringify(f) !== JSON.stringify(batch.fills[j]));
          mismatches.push(`${label}: fill ${i < 0 ? batch.fills.length : i} differs: event ${JSON.stringify(event.fills[i])} batch ${JSON.stringify(batch.fills[i < 0 ? event.fills.length : i])}`);
          continue;
        }
        const t = event.equity.findIndex((e, j) => !Object.is(e, batch.equity[j]));
        if (t >= 0 || batch.equity.length !== event.equity.length) mismatches.push(`${label}: equity differs at bar ${t}: event ${event.equity[t]} batch ${batch.equity[t]}`);
        if (!Object.is(batch.finalCash, event.finalCash)) mismatches.push(`${label}: final cash event ${event.finalCash} batch ${batch.finalCash}`);
      }
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
    expect(compared).toBe(1000);
    // The sets trade: the comparison is not one of empty fill lists.
    expect(fills).toBeGreaterThan(50_000);
  }, 300_000);

  it('refuses a strategy without a batch path and bad parameters with the factory message', async () => {
    const data = new BatchData([(await loadBars(`${sharedDataDir}/orcl-2014.txt`, { symbol: 'ORCL' })).get('ORCL')]);
    expect(() => runBatch('pairs', {}, ['ORCL'], data)).toThrow(/strategy "pairs" has no batch path/);
    expect(() => runBatch('sma-cross', { fast: 30, slow: 10 }, ['ORCL'], data)).toThrow(/"slow" must be greater than "fast" \(30\), got 10/);
    expect(() => runBatch('sma-cross', {}, ['MSFT'], data)).toThrow(/symbol "MSFT" is not in the batch data \(ORCL\)/);
  });
});
