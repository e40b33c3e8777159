import { describe, expect, it } from 'vitest';
import { backtest } from '../backtest/backtest.js';
import type { StrategyContext } from '../engine/StrategyContext.js';
import { makeSeries, type TestRow } from '../internal/makeSeries.js';
import type { AlphaModel, AlphaModelParams } from './AlphaModel.js';
import { EqualWeightingPortfolio } from './EqualWeightingPortfolio.js';
import { FrameworkStrategy, type RebalanceConfig } from './FrameworkStrategy.js';
import { createInsight, type Insight, InsightError, type InsightInit } from './Insight.js';
import type { PortfolioTarget } from './PortfolioTarget.js';
import { targetWeight } from './PortfolioTarget.js';
import type { RiskManagementModel, RiskManagementParams } from './RiskManagementModel.js';

// Ten weekdays; A rises 100 → 109, B flat at 50 (whole-share arithmetic stays easy to check).
const DAYS = ['2024-01-08', '2024-01-09', '2024-01-10', '2024-01-11', '2024-01-12', '2024-01-15', '2024-01-16', '2024-01-17', '2024-01-18', '2024-01-19'];
const rowsA: TestRow[] = DAYS.map((d, i) => [d, 100 + i, 100 + i, 100 + i, 100 + i]);
const rowsB: TestRow[] = DAYS.map((d) => [d, 50, 50, 50, 50]);

type Emit = Partial<Omit<InsightInit, 'sourceAlpha' | 'generatedTime' | 'generatedIndex'>> & { symbol: string };

/** Emits the scripted insights at each bar index. */
class ScriptedAlpha implements AlphaModel {
  readonly name = 'Scripted';
  readonly script: Readonly<Record<number, readonly Emit[]>>;
  constructor(script: Readonly<Record<number, readonly Emit[]>>) {
    this.script = script;
  }
  update({ market }: AlphaModelParams): readonly Insight[] {
    return (this.script[market.index] ?? []).map((e) =>
      createInsight({ direction: 1, ...e, sourceAlpha: this.name, generatedTime: market.time, generatedIndex: market.index }),
    );
  }
}

function run(script: Record<number, readonly Emit[]>, rebalance: RebalanceConfig = {}, risk?: RiskManagementModel) {
  const strategy = new FrameworkStrategy({
    alpha: new ScriptedAlpha(script),
    portfolio: new EqualWeightingPortfolio({ gross: 0.9 }),
    ...(risk === undefined ? {} : { risk }),
    rebalance,
  });
  const result = backtest({ data: [makeSeries('A', rowsA), makeSeries('B', rowsB)], strategy, cash: 10_000 });
  return { strategy, result, at: strategy.rebalances.map((r) => [r.index, [...r.reasons]]) };
}

describe('FrameworkStrategy rebalance semantics', () => {
  it('rebalances when an insight appears and again when it expires (horizon counts its own bar)', () => {
    const { at, strategy, result } = run({ 0: [{ symbol: 'A', horizonBars: 3 }] });
    expect(at).toEqual([
      [0, ['insight_changed']],
      [3, ['insight_expired']],
    ]);
    expect(strategy.rebalances[0]!.targets).toEqual([targetWeight('A', 0.9)]);
    expect(strategy.rebalances[1]!.targets, 'the held symbol is closed').toEqual([targetWeight('A', 0)]);
    // 0.9 × 10,000 / 100 = 90 shares ordered on bar 0, filled at bar 1's open (101); sold at bar 4's open (104).
    expect(result.fills.map((f) => [f.side, f.quantity, f.price, new Date(f.time).toISOString().slice(0, 10)])).toEqual([
      ['buy', 90, 101, '2024-01-09'],
      ['sell', 90, 104, '2024-01-12'],
    ]);
  });

  it('a re-emitted identical insight extends its expiry without a rebalance', () => {
    const script: Record<number, Emit[]> = {};
    for (let i = 0; i <= 4; i++) script[i] = [{ symbol: 'A', horizonBars: 2 }];
    const { at } = run(script);
    // last emission at bar 4 is active on bars 4 and 5, expires at 6
    expect(at).toEqual([
      [0, ['insight_changed']],
      [6, ['insight_expired']],
    ]);
  });

  it('a changed view (confidence) rebalances; weights are not re-traded as prices drift', () => {
    const { at, result } = run({ 0: [{ symbol: 'A', horizonBars: 10 }], 5: [{ symbol: 'A', horizonBars: 10, confidence: 0.5 }] });
    expect(at).toEqual([
      [0, ['insight_changed']],
      [5, ['insight_changed']],
    ]);
    // Bar 0: 90 shares (0.9 × 10,000 / 100), filled at 101. Nothing is traded on bars 1–4 although A
    // drifts up. Bar 5 (close 105): equity 10,000 − 9,090 + 90 × 105 = 10,360 → trunc(0.9 × 10,360 / 105) = 88
    // shares: sell 2 at bar 6's open (106).
    expect(result.fills.map((f) => [f.side, f.quantity, f.price])).toEqual([
      ['buy', 90, 101],
      ['sell', 2, 106],
    ]);
  });

  it('a new symbol is a change: the book is rebuilt over all active insights', () => {
    const { strategy } = run({ 0: [{ symbol: 'A', horizonBars: 10 }], 2: [{ symbol: 'B', horizonBars: 10, direction: -1 }] });
    expect(strategy.rebalances.map((r) => r.index)).toEqual([0, 2]);
    expect(strategy.rebalances[1]!.targets).toEqual([targetWeight('A', 0.45), targetWeight('B', -0.45)]);
  });

  it('everyBars schedules rebalances at index 0, n, 2n… on top of changes', () => {
    const { at, strategy } = run({ 1: [{ symbol: 'A', horizonBars: 20 }] }, { everyBars: 4 });
    expect(strategy.rebalances[0]!.targets, 'bar 0 is scheduled; with no insight the book is empty').toEqual([]);
    expect(at).toEqual([
      [0, ['scheduled']],
      [1, ['insight_changed']],
      [4, ['scheduled']],
      [8, ['scheduled']],
    ]);
  });

  it('with onInsightChange off, a new insight waits for the schedule', () => {
    const { at } = run({ 1: [{ symbol: 'A', horizonBars: 20 }] }, { everyBars: 3, onInsightChange: false });
    expect(at).toEqual([
      [0, ['scheduled']],
      [3, ['scheduled']],
      [6, ['scheduled']],
      [9, ['scheduled']],
    ]);
  });

  it('with onExpiry off, an expired insight stays held until the next scheduled rebalance', () => {
    const { at, strategy } = run({ 0: [{ symbol: 'A', horizonBars: 2 }] }, { everyBars: 5, onExpiry: false });
    expect(at).toEqual([
      [0, ['insight_changed', 'scheduled']],
      [5, ['scheduled']],
    ]);
    expect(strategy.rebalances[1]!.targets).toEqual([targetWeight('A', 0)]);
  });

  it('a custom schedule function fires on the bars it chooses', () => {
    const { at } = run({ 0: [{ symbol: 'A', horizonBars: 20 }] }, { schedule: (_t, i) => i === 7 });
    expect(at).toEqual([
      [0, ['insight_changed']],
      [7, ['scheduled']],
    ]);
  });

  it('runs risk on every bar and executes as soon as it changes the book, without a rebalance', () => {
    const seen: number[] = [];
    const stop: RiskManagementModel = {
      name: 'FlattenFrom6',
      manageRisk({ targets, market }: RiskManagementParams): readonly PortfolioTarget[] {
        seen.push(market.index);
        return market.index >= 6 ? targets.map((t) => targetWeight(t.symbol, 0)) : targets;
      },
    };
    const { at, result } = run({ 0: [{ symbol: 'A', horizonBars: 20 }] }, {}, stop);
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(at).toEqual([
      [0, ['insight_changed']],
      [6, []],
    ]);
    expect(result.fills.at(-1)).toMatchObject({ side: 'sell', quantity: 90, price: 107 });
  });

  it('keeps separate insights per source and symbol, and a flat insight replaces a long one', () => {
    const { strategy } = run({ 0: [{ symbol: 'A', horizonBars: 20 }], 3: [{ symbol: 'A', direction: 0, horizonBars: 20 }] });
    expect(strategy.rebalances.map((r) => r.index)).toEqual([0, 3]);
    expect(strategy.activeInsights).toHaveLength(1);
    expect(strategy.activeInsights[0]!.direction).toBe(0);
    expect(strategy.rebalances[1]!.targets).toEqual([targetWeight('A', 0)]);
  });

  it('does nothing before the first insight or schedule', () => {
    const { at, result } = run({});
    expect(at).toEqual([]);
    expect(result.orders).toEqual([]);
  });

  it('can run twice with one instance (state resets on start)', () => {
    const { strategy } = run({ 0: [{ symbol: 'A', horizonBars: 3 }] });
    backtest({ data: [makeSeries('A', rowsA), makeSeries('B', rowsB)], strategy, cash: 10_000 });
    expect(strategy.rebalances.map((r) => r.index)).toEqual([0, 3]);
  });
});

describe('FrameworkStrategy rejects bad insights with InsightError', () => {
  class Bad implements AlphaModel {
    readonly name = 'Bad';
    readonly make: (ctx: AlphaModelParams['market']) => readonly Insight[];
    constructor(make: (ctx: AlphaModelParams['market']) => readonly Insight[]) {
      this.make = make;
    }
    update({ market }: AlphaModelParams): readonly Insight[] {
      return this.make(market);
    }
  }
  const go = (make: (ctx: AlphaModelParams['market']) => readonly Insight[]) =>
    backtest({
      data: [makeSeries('A', rowsA)],
      strategy: new FrameworkStrategy({ alpha: new Bad(make), portfolio: new EqualWeightingPortfolio() }),
    });
  const base = (m: AlphaModelParams['market']) => ({ symbol: 'A', direction: 1 as const, sourceAlpha: 'Bad', generatedTime: m.time, generatedIndex: m.index });

  it('stamped with another bar (a stale or future insight)', () => {
    expect(() => go((m) => [createInsight({ ...base(m), generatedIndex: m.index + 1 })])).toThrow(/says bar 1 .* emitted at bar 0/);
  });
  it('for a symbol not in the data', () => {
    // The engine re-throws strategy exceptions as a StrategyError naming the bar, the original as its cause.
    let caught: unknown;
    try {
      go((m) => [createInsight({ ...base(m), symbol: 'ZZZ' })]);
    } catch (e) {
      caught = e;
    }
    expect((caught as Error | undefined)?.cause ?? caught).toBeInstanceOf(InsightError);
  });
  it('twice for one symbol and source in a bar', () => {
    expect(() => go((m) => [createInsight(base(m)), createInsight(base(m))])).toThrow(/two insights for "A"/);
  });
  it('hand-made with a confidence out of range', () => {
    expect(() => go((m) => [{ ...createInsight(base(m)), confidence: 1.5 }])).toThrow(/confidence 1.5/);
  });
  it('hand-made with a NaN score', () => {
    expect(() => go((m) => [{ ...createInsight(base(m)), score: Number.NaN }])).toThrow(/score NaN/);
  });
});

describe('FrameworkStrategy output checks', () => {
  it('names an unknown symbol targeted by the portfolio model', () => {
    const strategy = new FrameworkStrategy({
      alpha: new ScriptedAlpha({ 0: [{ symbol: 'A' }] }),
      portfolio: { name: 'Rogue', createTargets: () => [targetWeight('ZZZ', 1)] },
    });
    expect(() => backtest({ data: [makeSeries('A', rowsA)], strategy })).toThrow(/Rogue targeted "ZZZ"/);
  });
  it('context passed to models is the strategy context (reads end at the current bar)', () => {
    const lengths: number[] = [];
    const alpha: AlphaModel = {
      name: 'Peek',
      update: ({ market }) => {
        lengths.push(market.history('A', 'close', 100).length);
        return [];
      },
    };
    backtest({ data: [makeSeries('A', rowsA)], strategy: new FrameworkStrategy({ alpha, portfolio: new EqualWeightingPortfolio() }) });
    expect(lengths).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });
});

// Keep the StrategyContext type import used for editors that check unused imports.
export type { StrategyContext };
