/**
 * Batch/event parity on the engine-v2 paths the 1,000-set parity test does not reach with its
 * data: a symbol whose data ends early (delisting: working orders cancelled, the position closed
 * at its last close), a slippage that would take a fill price below zero (`slippage_exceeds_price`),
 * and ruin (equity <= 0), which the batch path refuses and runs on the engine.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { backtest, BatchData, builtinStrategies, loadBars, PerShareFee, PercentFee, FixedBpsSlippage, runBatch, tryRunBatch, type BarSeries, type BatchCosts, type SlippageModel } from 'qt-backtest';

const repoRootDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const sharedDataDir = join(repoRootDir, '..', 'shared', 'data');
const hasSharedData = existsSync(join(sharedDataDir, 'orcl-1995-2014.txt'));
if (!hasSharedData && process.env['QT_REQUIRE_SHARED_DATA'] === '1') throw new Error(`QT_REQUIRE_SHARED_DATA=1 but ${sharedDataDir} has no orcl-1995-2014.txt`);
const needsSharedData = hasSharedData ? '(real data in ../shared/data)' : '(SKIPPED: ../shared/data not found beside the repository; CI provides it)';
const run = hasSharedData ? describe : describe.skip;

/** The first `n` bars of `s` (its data ends early: the engine delists it). */
function head(s: BarSeries, n: number): BarSeries {
  return { ...s, length: n, time: s.time.subarray(0, n), open: s.open.subarray(0, n), high: s.high.subarray(0, n), low: s.low.subarray(0, n), close: s.close.subarray(0, n), volume: s.volume.subarray(0, n) };
}

run(`batch path = event engine on delistings and ruin ${needsSharedData}`, () => {
  it('delists like the engine: same fills (the delisting close included) and equity', async () => {
    const orcl = (await loadBars(`${sharedDataDir}/orcl-1995-2014.txt`, { symbol: 'ORCL' })).get('ORCL');
    const yhoo = (await loadBars(`${sharedDataDir}/yhoo-1996-2014.txt`, { symbol: 'YHOO' })).get('YHOO');
    const series = [orcl, head(yhoo, 3000)];
    const data = new BatchData(series);
    const sets: [string, Record<string, number | boolean>][] = [
      ['sma-cross', { fast: 5, slow: 20, sizePct: 0.4 }],
      ['sma-cross', { fast: 3, slow: 50, allowShort: true, size: 500 }],
      ['rsi-reversion', { period: 2, entry: 40, exit: 60, sizePct: 0.3 }],
      ['donchian-breakout', { entry: 10, exit: 5, atrPeriod: 10, atrStop: 2, sizePct: 0.4 }],
      ['momentum-rotation', { lookback: 20, top: 1, fraction: 0.9 }],
      ['buy-and-hold', { fraction: 0.9 }],
    ];
    const costs: BatchCosts[] = [{ cash: 100_000 }, { cash: 100_000, fees: new PercentFee(0.001), slippage: new FixedBpsSlippage(5) }];
    let delistedPositions = 0;
    for (const [name, values] of sets) {
      for (const c of costs) {
        const event = backtest({ data: series, strategy: builtinStrategies[name]!.create(values, ['ORCL', 'YHOO']), ...c });
        const batch = tryRunBatch(name, values, ['ORCL', 'YHOO'], data, c);
        expect(batch, `${name} ran on the batch path`).toBeDefined();
        expect(event.delistings.map((d) => d.symbol)).toEqual(['YHOO']);
        if (event.delistings[0]!.quantity !== 0) delistedPositions++;
        expect(JSON.stringify(batch!.fills), `${name} ${JSON.stringify(values)} fills`).toBe(JSON.stringify(event.fills));
        expect(Array.from(batch!.equity), `${name} ${JSON.stringify(values)} equity`).toEqual(Array.from(event.equity));
        expect(batch!.finalCash).toBe(event.finalCash);
      }
    }
    // Some sets held YHOO when its data ended: the delisting fill was compared, not only orders.
    expect(delistedPositions).toBeGreaterThan(0);
  });

  it('rejects a fill whose slippage would cross zero, like the engine', async () => {
    const orcl = (await loadBars(`${sharedDataDir}/orcl-1995-2014.txt`, { symbol: 'ORCL' })).get('ORCL');
    const data = new BatchData([orcl]);
    // Sells on bars opening below $10 would fill at a negative price: rejected, the position kept.
    const slippage: SlippageModel = { name: 'CrossesZeroBelow10', slippage: ({ side, price }) => (side === 'sell' && price < 10 ? price + 1 : 0) };
    const costs: BatchCosts = { cash: 100_000, slippage };
    for (const values of [{ fast: 5, slow: 20, sizePct: 0.5 }, { fast: 10, slow: 40, size: 300, allowShort: true }]) {
      const event = backtest({ data: [orcl], strategy: builtinStrategies['sma-cross']!.create(values, ['ORCL']), ...costs, recordEvents: true });
      expect(event.events.some((e) => e.type === 'rejected' && e.reason === 'slippage_exceeds_price')).toBe(true);
      const batch = tryRunBatch('sma-cross', values, ['ORCL'], data, costs);
      expect(batch).toBeDefined();
      expect(JSON.stringify(batch!.fills)).toBe(JSON.stringify(event.fills));
      expect(Array.from(batch!.equity)).toEqual(Array.from(event.equity));
      expect(batch!.finalCash).toBe(event.finalCash);
    }
  });

  it('refuses a ruined account (tryRunBatch undefined) and runBatch returns the engine result', async () => {
    const orcl = (await loadBars(`${sharedDataDir}/orcl-1995-2014.txt`, { symbol: 'ORCL' })).get('ORCL');
    const data = new BatchData([orcl]);
    // A $600 minimum fee on a $1,000 account: the first sell's fee takes cash, and equity, below zero.
    const costs: BatchCosts = { cash: 1000, fees: new PerShareFee({ perShare: 0.005, minimum: 600 }) };
    const values = { fast: 5, slow: 20, size: 1 };
    const event = backtest({ data: [orcl], strategy: builtinStrategies['sma-cross']!.create(values, ['ORCL']), ...costs });
    expect(event.ruin).not.toBeNull();
    expect(tryRunBatch('sma-cross', values, ['ORCL'], data, costs)).toBeUndefined();
    const batch = runBatch('sma-cross', values, ['ORCL'], data, costs);
    expect(JSON.stringify(batch.fills)).toBe(JSON.stringify(event.fills));
    expect(Array.from(batch.equity)).toEqual(Array.from(event.equity));
    expect(batch.finalCash).toBe(event.finalCash);
  });
});
