import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BarSeries } from '@qt-backtest/core';
import { PerShareFee, FixedBpsSlippage, SeededRandom, createBarSeries, loadBars } from '@qt-backtest/core';
import { hasSharedData, needsSharedData, sharedDataDir } from '../internal/sharedData.js';
import { returnsFeature, rocFeature, rsiFeature } from '@qt-backtest/features';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTensorFlowBackend } from '../tensorflowBackend.js';
import { A2cAgent } from './A2cAgent.js';
import { PpoAgent } from './PpoAgent.js';
import { TradingEnvironment } from './TradingEnvironment.js';
import { loadAgent, saveAgent, trainWithHoldout } from './trainWithHoldout.js';

const DAY = 86_400_000;

/** Returns that persist: tomorrow's return has the sign of today's (flipping regime every ~15 bars). */
function trendingBars(n: number, seed: number): BarSeries {
  const rng = new SeededRandom(seed);
  const close = new Float64Array(n);
  let sign = 1;
  close[0] = 100;
  for (let i = 1; i < n; i++) {
    if (rng.next() < 1 / 15) sign = -sign;
    close[i] = close[i - 1]! * (1 + sign * 0.01 + 0.002 * (rng.next() - 0.5));
  }
  return createBarSeries({
    symbol: 'TREND',
    time: Float64Array.from({ length: n }, (_, i) => Date.UTC(2000, 0, 1) + i * DAY),
    open: close.slice(),
    high: close.map((c) => c * 1.001),
    low: close.map((c) => c * 0.999),
    close,
    volume: new Float64Array(n).fill(1e6),
    fields: ['open', 'high', 'low', 'close', 'volume'],
    frequency: 'daily',
    adjustment: 'raw',
    source: 'synthetic',
  });
}

beforeAll(async () => {
  await useTensorFlowBackend('wasm');
});

describe('policy-gradient agents', () => {
  for (const [name, make] of [
    ['PPO', () => new PpoAgent({ seed: 3, learningRate: 0.003, rolloutSteps: 256, hidden: [16] })],
    ['A2C', () => new A2cAgent({ seed: 3, learningRate: 0.003, rolloutSteps: 32, lambda: 1, hidden: [16] })],
  ] as const) {
    it(`${name} learns to ride a persistent trend out of sample`, async () => {
      const series = trendingBars(900, 5);
      const env = (from: number, to: number) =>
        new TradingEnvironment({ bars: series, features: [returnsFeature(1)], exposures: [0, 0.95], from: Date.UTC(2000, 0, 1) + from * DAY, to: Date.UTC(2000, 0, 1) + to * DAY });
      const agent = make();
      await agent.train(env(0, 499), { iterations: name === 'PPO' ? 12 : 80, validation: env(500, 649) });
      const test = agent.evaluate(env(650, 899));
      // Long after up days, flat after down days: the greedy policy's actions follow the sign.
      expect(agent.act(Float64Array.of(0.01, 0))).toBe(1);
      expect(agent.act(Float64Array.of(-0.01, 0))).toBe(0);
      expect(test.totalReturn, `${name} test return ${test.totalReturn}`).toBeGreaterThan(0.2);
    });
  }

  it('is deterministic for a seed and save → load gives the same actions', async () => {
    const series = trendingBars(400, 9);
    const env = () => new TradingEnvironment({ bars: series, features: [returnsFeature(1), returnsFeature(2)] });
    const run = async () => {
      const agent = new PpoAgent({ seed: 11, rolloutSteps: 128, hidden: [8] });
      await agent.train(env(), { iterations: 2 });
      return agent;
    };
    const a = await run();
    const b = await run();
    expect(Array.from(a.evaluate(env()).actions)).toEqual(Array.from(b.evaluate(env()).actions));
    expect(a.toJSON().weights).toBe(b.toJSON().weights);
    const dir = mkdtempSync(join(tmpdir(), 'qt-rl-'));
    try {
      await saveAgent(a, join(dir, 'agent.json'));
      const loaded = await loadAgent(join(dir, 'agent.json'));
      const original = a.evaluate(env());
      const restored = loaded.evaluate(env());
      expect(Array.from(restored.actions)).toEqual(Array.from(original.actions));
      expect(Array.from(restored.equity)).toEqual(Array.from(original.equity));
      await expect(loadAgent(join(dir, 'missing.json'))).rejects.toThrow(/missing\.json": cannot read the agent file/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(!hasSharedData)(`trainWithHoldout on ORCL ${needsSharedData}`, () => {
  it('PPO trained on 2005–2010, selected on 2011, reports only 2012–2014', async () => {
    const loaded = await loadBars(join(sharedDataDir, 'orcl-1995-2014.txt'), { symbol: 'ORCL', adjustment: 'adjusted' });
    const bars = loaded.get('ORCL')!;
    const periods = {
      train: { from: Date.UTC(2005, 0, 1), to: Date.UTC(2010, 11, 31) },
      validation: { from: Date.UTC(2011, 0, 1), to: Date.UTC(2011, 11, 31) },
      test: { from: Date.UTC(2012, 0, 1), to: Date.UTC(2014, 11, 31) },
    };
    const run = () =>
      trainWithHoldout({
        agent: new PpoAgent({ seed: 1, rolloutSteps: 256, hidden: [16] }),
        bars,
        features: [rsiFeature(14), rocFeature(5), rocFeature(20)],
        ...periods,
        iterations: 4,
        fee: new PerShareFee({ perShare: 0.005, minimum: 1 }),
        slippage: new FixedBpsSlippage(5),
      });
    const report = await run();
    expect(Object.keys(report).sort()).toEqual(['algorithm', 'iterations', 'periods', 'selectedIteration', 'symbol', 'test']);
    const { test } = report;
    expect(test.time[1]!, 'the first reported bar is in 2012').toBeGreaterThanOrEqual(periods.test.from);
    expect(test.time[test.time.length - 1]!).toBeLessThanOrEqual(periods.test.to);
    // The file has 754 sessions in 2012–2014 (250 + 252 + 252, NYSE); the first is the starting point.
    expect(test.actions.length).toBe(753);
    expect(test.equity.length).toBe(754);
    expect(Number.isFinite(test.totalReturn)).toBe(true);
    expect(report.selectedIteration).toBeGreaterThanOrEqual(0);
    const again = await run();
    expect(Array.from(again.test.actions)).toEqual(Array.from(test.actions));
    await expect(trainWithHoldout({ ...{ agent: new PpoAgent(), bars, features: [rsiFeature(14)], iterations: 1 }, ...periods, validation: periods.test, test: periods.validation })).rejects.toThrow(
      /periods must be in order without overlap/,
    );
  });
});
