import type { BarSeries } from '@qt-backtest/core';
import { FixedBpsSlippage, PerOrderFee, Strategy, backtest, createBarSeries } from '@qt-backtest/core';
import type { StrategyContext } from '@qt-backtest/core';
import type { FeatureDefinition } from '@qt-backtest/features';
import { CausalityError, returnsFeature } from '@qt-backtest/features';
import { describe, expect, it } from 'vitest';
import { TradingEnvironment } from './TradingEnvironment.js';

const DAY = 86_400_000;

function bars(closes: number[], opens?: number[]): BarSeries {
  const n = closes.length;
  const open = Float64Array.from(opens ?? closes);
  const close = Float64Array.from(closes);
  return createBarSeries({
    symbol: 'TEST',
    time: Float64Array.from({ length: n }, (_, i) => Date.UTC(2020, 0, 1) + i * DAY),
    open,
    high: Float64Array.from(close, (c, i) => Math.max(c, open[i]!) + 1),
    low: Float64Array.from(close, (c, i) => Math.min(c, open[i]!) - 1),
    close,
    volume: new Float64Array(n).fill(1e6),
    fields: ['open', 'high', 'low', 'close', 'volume'],
    frequency: 'daily',
    adjustment: 'raw',
    source: 'test',
  });
}

/** A leaking feature: the NEXT bar's return, known only after that bar. */
const nextReturn: FeatureDefinition<Float64Array> = {
  name: 'nextReturn',
  inputs: ['close'],
  batch: ({ close }) => Float64Array.from({ length: close!.length }, (_, i) => (i + 1 < close!.length ? close![i + 1]! / close![i]! - 1 : NaN)),
};

describe('TradingEnvironment', () => {
  it('fills at the next open with slippage and fees, and rewards the log equity change at the next close (hand-computed)', () => {
    const env = new TradingEnvironment({
      bars: bars([100, 100, 102, 99], [100, 100, 101, 103]),
      features: [returnsFeature(1)],
      exposures: [0, 0.95],
      fee: new PerOrderFee(1),
      slippage: new FixedBpsSlippage(10),
    });
    expect(env.firstIndex).toBe(1); // returns(1) is NaN on the first bar
    const obs = env.reset();
    expect(Array.from(obs)).toEqual([0, 0]);
    // Decision at bar 1 (close 100): target trunc(0.95 × 100,000 / 100) = 950 shares.
    // Fill at bar 2's open 101 + 10 bps slippage = 101.101; fee 1.
    // Cash 100,000 − 950 × 101.101 − 1 = 3,953.05; equity at close 102 = 3,953.05 + 96,900 = 100,853.05.
    const s1 = env.step(1);
    expect(s1.position).toBe(950);
    expect(s1.equity).toBeCloseTo(100_853.05, 6);
    expect(s1.reward).toBeCloseTo(Math.log(100_853.05 / 100_000), 12);
    expect(s1.observation[0]).toBeCloseTo(0.02, 12);
    expect(s1.observation[1]).toBeCloseTo((950 * 102) / 100_853.05, 12);
    expect(s1.done).toBe(false);
    // Flat again: sell 950 at bar 3's open 103 − 0.103 = 102.897; fee 1 → cash 3,953.05 + 97,752.15 − 1.
    const s2 = env.step(0);
    expect(s2.position).toBe(0);
    expect(s2.equity).toBeCloseTo(3_953.05 + 950 * 102.897 - 1, 6);
    expect(s2.done).toBe(true);
    expect(() => env.step(0)).toThrow(/episode has ended/);
  });

  it('refuses a feature that hands the agent the next bar\'s return', () => {
    const closes = Array.from({ length: 60 }, (_, i) => 100 + Math.sin(i) * 5);
    expect(() => new TradingEnvironment({ bars: bars(closes), features: [returnsFeature(1), nextReturn] })).toThrow(CausalityError);
    expect(() => new TradingEnvironment({ bars: bars(closes), features: [nextReturn] })).toThrow(/nextReturn.*depends on later data/);
  });

  it('rejects a buy that cash cannot pay for, whole, instead of resizing it', () => {
    // The open gaps up 20 % after the decision: 950 shares at 120 cost more than the cash.
    const env = new TradingEnvironment({ bars: bars([100, 100, 120, 120], [100, 100, 120, 120]), features: [returnsFeature(1)], exposures: [0, 0.95] });
    env.reset();
    const s = env.step(1);
    expect([s.traded, s.rejected, s.position, s.equity]).toEqual([false, 'insufficient-cash', 0, 100_000]);
  });

  it('checks its settings', () => {
    const b = bars([1, 2, 3, 4]);
    expect(() => new TradingEnvironment({ bars: b, features: [] })).toThrow(/at least one feature/);
    expect(() => new TradingEnvironment({ bars: b, features: [returnsFeature(1)], exposures: [-1, 1] })).toThrow(/need allowShort/);
    expect(() => new TradingEnvironment({ bars: b, features: [returnsFeature(1)], from: Date.UTC(2030, 0, 1) })).toThrow(/no two bars of TEST/);
    const env = new TradingEnvironment({ bars: b, features: [returnsFeature(1)] });
    expect(() => env.step(0)).toThrow(/reset\(\) before step/);
    env.reset();
    expect(() => env.step(7)).toThrow(/action must be an integer in \[0, 2\], got "7"/);
  });

  it('ends with the same equity as the backtest engine running the same target exposures', () => {
    const n = 80;
    const closes = Array.from({ length: n }, (_, i) => 50 + 10 * Math.sin(i / 5) + i * 0.1);
    const opens = closes.map((c, i) => (i === 0 ? c : closes[i - 1]! * (1 + 0.003 * Math.cos(i))));
    const series = bars(closes, opens);
    const actions = Array.from({ length: n }, (_, i) => (Math.floor(i / 7) % 3 === 0 ? 0 : Math.floor(i / 7) % 3 === 1 ? 1 : 2));
    const exposures = [0, 0.5, 0.9];
    const env = new TradingEnvironment({ bars: series, features: [returnsFeature(1)], exposures, fee: new PerOrderFee(1), slippage: new FixedBpsSlippage(5) });
    env.reset();
    let k = 0;
    let last = env.equity;
    for (let done = false; !done; k++) ({ done, equity: last } = env.step(actions[k]!));
    class Replay extends Strategy {
      onBar(ctx: StrategyContext): void {
        if (ctx.index < env.firstIndex || ctx.index >= env.lastIndex) return;
        ctx.orderTargetPercent('TEST', exposures[actions[ctx.index - env.firstIndex]!]!);
      }
    }
    const result = backtest({ data: [series], strategy: new Replay({}), cash: 100_000, fees: new PerOrderFee(1), slippage: new FixedBpsSlippage(5) });
    expect(last).toBeCloseTo(result.finalEquity, 6);
  });
});
