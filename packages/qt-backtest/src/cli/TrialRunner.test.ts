/**
 * Sweeps run built-ins on the batch path: a trial's metrics there must equal the event engine's
 * for the same set (the best trial's report is always re-run on the engine).
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { benchmarkCurve, benchmarkReturns, loadBars, type BarSeries } from '@qt-backtest/core';
import { seriesInit, TrialRunner, type SweepSetup } from './TrialRunner.js';

const sharedDataDir = join(resolve(dirname(fileURLToPath(import.meta.url)), '../../../..'), '..', 'shared', 'data');
const hasSharedData = existsSync(join(sharedDataDir, 'orcl-1995-2014.txt'));
if (!hasSharedData && process.env['QT_REQUIRE_SHARED_DATA'] === '1') throw new Error(`QT_REQUIRE_SHARED_DATA=1 but ${sharedDataDir} has no orcl-1995-2014.txt`);
const needsSharedData = hasSharedData ? '(real data in ../shared/data)' : '(SKIPPED: ../shared/data not found beside the repository; CI provides it)';

const CASES: readonly [string, Record<string, number | boolean>, readonly string[]][] = [
  ['sma-cross', { fast: 10, slow: 30 }, ['YHOO']],
  ['sma-cross', { fast: 7, slow: 60, allowShort: true, sizePct: 0.4 }, ['YHOO', 'NVDA']],
  ['rsi-reversion', { period: 9, entry: 25, exit: 55, allowShort: true }, ['YHOO', 'NVDA']],
  ['donchian-breakout', { entry: 30, exit: 12, atrStop: 1.5, sizePct: 0.3 }, ['YHOO', 'NVDA']],
  ['momentum-rotation', { lookback: 90, top: 1 }, ['YHOO', 'NVDA']],
  ['buy-and-hold', { fraction: 0.7 }, ['YHOO', 'NVDA']],
];

(hasSharedData ? describe : describe.skip)(`TrialRunner on the batch path ${needsSharedData}`, () => {
  it('gives every metric of the event engine, with costs and a benchmark (ORCL)', async () => {
    const series: BarSeries[] = [];
    for (const [symbol, file] of [['YHOO', 'yhoo-1996-2014.txt'], ['NVDA', 'nvda-1999-2014.txt'], ['ORCL', 'orcl-1995-2014.txt']] as const) {
      series.push((await loadBars(join(sharedDataDir, file), { symbol })).get(symbol));
    }
    // The first case on YHOO's own bars only: the one-symbol fast path of sma-cross.
    for (const [n, [strategy, values, traded]] of CASES.map((c, k) => [k === 0 ? 1 : 2, c] as const)) {
      const setup: SweepSetup = {
        strategy,
        cwd: '.',
        series: series.slice(0, n).map(seriesInit),
        traded,
        benchmark: seriesInit(series[2]!),
        costs: { cash: 250_000, feePct: 0.05, feePerShare: 0.005, feeMin: 1, slippageBps: 3, volumeLimit: undefined, seed: undefined },
        keepReturns: true,
      };
      const runner = await TrialRunner.create(setup);
      expect(runner.usesBatchPath).toBe(true);
      const trial = runner.run(1, values);
      const event = runner.backtest(values);
      const bench = benchmarkReturns(benchmarkCurve(event.time, series[2]!));
      const metrics = { ...event.metrics({ benchmarkReturns: bench }), finalEquity: event.finalEquity, fills: event.fills.length };
      expect(trial.error, strategy).toBeUndefined();
      expect(trial.metrics, `${strategy} ${JSON.stringify(values)}`).toEqual(metrics);
      expect(Buffer.from(trial.returns!.buffer).equals(Buffer.from(event.returns.buffer))).toBe(true);
      expect(event.fills.length).toBeGreaterThan(1);
    }
  }, 120_000);

  it('keeps the engine for a volume limit and for user strategies', async () => {
    const s = (await loadBars(join(sharedDataDir, 'orcl-2014.txt'), { symbol: 'ORCL' })).get('ORCL');
    const costs = { cash: 100_000, feePct: undefined, feePerShare: undefined, feeMin: undefined, slippageBps: undefined, volumeLimit: 0.1, seed: undefined };
    const runner = await TrialRunner.create({ strategy: 'sma-cross', cwd: '.', series: [seriesInit(s)], traded: ['ORCL'], benchmark: undefined, costs });
    expect(runner.usesBatchPath).toBe(false);
  });
});
