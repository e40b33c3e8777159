import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeSeries, type TestRow } from '../internal/makeSeries.js';
import type { OrderRequest } from '../orders/Order.js';
import { FixedBpsSlippage } from '../simulator/FixedBpsSlippage.js';
import { FixedRateBorrow } from '../simulator/FixedRateBorrow.js';
import { FixedRateInterest } from '../simulator/FixedRateInterest.js';
import { PercentFee } from '../simulator/PercentFee.js';
import { isoDateOfDay } from '../time/civil.js';
import { backtest } from '../backtest/backtest.js';
import type { BacktestConfig } from './BacktestConfig.js';
import type { BacktestResult } from '../backtest/BacktestResult.js';
import { Strategy } from './Strategy.js';
import type { StrategyContext } from './StrategyContext.js';

type Action =
  | { kind: 'order'; symbol: number; request: Omit<OrderRequest, 'symbol'>; around: number }
  | { kind: 'target'; symbol: number; fraction: number }
  | { kind: 'close'; symbol: number }
  | { kind: 'cancelAll' };

const SYMBOLS = ['A', 'B', 'C'];

/** Consistent OHLC bars for one symbol: a random walk of closes, opens gapping from them. */
const rowsArb = (n: number): fc.Arbitrary<TestRow[]> =>
  fc.array(fc.tuple(fc.double({ min: -0.15, max: 0.15, noNaN: true }), fc.double({ min: -0.05, max: 0.05, noNaN: true }), fc.double({ min: 0, max: 0.05, noNaN: true }), fc.double({ min: 0, max: 0.05, noNaN: true }), fc.integer({ min: 0, max: 5000 })), { minLength: n, maxLength: n }).map((steps) => {
    let close = 50;
    return steps.map(([r, gap, up, down, volume], i) => {
      const open = Math.round(close * (1 + gap) * 100) / 100;
      close = Math.max(1, Math.round(close * (1 + r) * 100) / 100);
      const high = Math.round(Math.max(open, close) * (1 + up) * 100) / 100;
      const low = Math.max(0.01, Math.round(Math.min(open, close) * (1 - down) * 100) / 100);
      return [isoDateOfDay(19_723 + i), open, high, low, close, volume] as TestRow;
    });
  });

const actionArb: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('order' as const),
      symbol: fc.integer({ min: 0, max: 2 }),
      around: fc.double({ min: 0.85, max: 1.15, noNaN: true }),
      request: fc.record({
        side: fc.constantFrom('buy' as const, 'sell' as const),
        quantity: fc.integer({ min: 1, max: 400 }),
        type: fc.constantFrom('market' as const, 'limit' as const, 'stop' as const, 'stop_limit' as const, 'trailing_stop' as const),
        timeInForce: fc.constantFrom('gtc' as const, 'day' as const, 'ioc' as const, 'opg' as const),
      }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('target' as const), symbol: fc.integer({ min: 0, max: 2 }), fraction: fc.double({ min: -0.5, max: 0.5, noNaN: true }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('close' as const), symbol: fc.integer({ min: 0, max: 2 }) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'cancelAll' as const }) },
);

class RandomTrader extends Strategy<{ script: readonly (readonly Action[])[] }> {
  override onBar(ctx: StrategyContext): void {
    for (const a of this.params.script[ctx.index] ?? []) {
      if (a.kind === 'cancelAll') {
        ctx.cancelAll();
        continue;
      }
      const symbol = SYMBOLS[a.symbol]!;
      const price = ctx.price(symbol);
      if (a.kind === 'close') ctx.closePosition(symbol);
      else if (a.kind === 'target') ctx.orderTargetPercent(symbol, a.fraction);
      else if (!Number.isNaN(price)) {
        const level = Math.round(price * a.around * 100) / 100;
        ctx.order({
          ...a.request,
          symbol,
          ...(a.request.type === 'limit' || a.request.type === 'stop_limit' ? { limitPrice: level } : {}),
          ...(a.request.type === 'stop' || a.request.type === 'stop_limit' ? { stopPrice: level } : {}),
          ...(a.request.type === 'trailing_stop' ? { trailAmount: Math.max(0.01, Math.abs(price - level)) } : {}),
        });
      }
    }
  }
}

const scenarioArb = fc.integer({ min: 3, max: 30 }).chain((n) =>
  fc.record({
    bars: fc.tuple(rowsArb(n), rowsArb(n), rowsArb(n)),
    script: fc.array(fc.array(actionArb, { maxLength: 3 }), { minLength: n, maxLength: n }),
    costs: fc.boolean(),
    financing: fc.boolean(),
    margin: fc.constantFrom({ initial: 1 }, { initial: 0.5, maintenance: 0.3 }),
    volumeLimit: fc.option(fc.constantFrom(0.01, 0.1, 0.5), { nil: undefined }),
    ocoPriority: fc.constantFrom('pessimistic' as const, 'optimistic' as const, 'path' as const),
  }),
);

function runScenario(s: Parameters<typeof configOf>[0]): BacktestResult {
  return backtest(configOf(s));
}

function configOf(s: {
  bars: readonly [TestRow[], TestRow[], TestRow[]];
  script: readonly (readonly Action[])[];
  costs: boolean;
  financing: boolean;
  margin: { initial: number; maintenance?: number };
  volumeLimit: number | undefined;
  ocoPriority: 'pessimistic' | 'optimistic' | 'path';
}): BacktestConfig {
  return {
    data: s.bars.map((rows, k) => makeSeries(SYMBOLS[k]!, rows)),
    strategy: new RandomTrader({ script: s.script }),
    cash: 10_000,
    margin: s.margin,
    ocoPriority: s.ocoPriority,
    ...(s.volumeLimit === undefined ? {} : { volumeLimit: s.volumeLimit }),
    ...(s.costs ? { fees: new PercentFee(0.001), slippage: new FixedBpsSlippage(5) } : {}),
    ...(s.financing ? { borrow: new FixedRateBorrow({ annualRate: 0.05 }), interest: new FixedRateInterest({ cashRate: 0.02, marginRate: 0.08 }) } : {}),
  };
}

describe('the engine on random order streams (property)', () => {
  it('scenarios trade: fills, rejections, partial fills and margin calls all occur', () => {
    let fills = 0;
    let rejected = 0;
    let partial = 0;
    let calls = 0;
    for (const s of fc.sample(scenarioArb, { numRuns: 300, seed: 42 })) {
      const r = runScenario(s);
      fills += r.fills.length;
      rejected += r.orders.filter((o) => o.status === 'rejected').length;
      partial += r.orders.filter((o) => o.filledQuantity > 0 && o.filledQuantity < o.quantity).length;
      calls += r.marginCalls.length;
    }
    expect(fills, 'fills').toBeGreaterThan(1000);
    expect(rejected, 'rejections').toBeGreaterThan(10);
    expect(partial, 'partial fills').toBeGreaterThan(10);
    expect(calls, 'margin calls').toBeGreaterThan(0);
  });

  it('never fills on the signal bar, fills inside the bar, and keeps positions and equity consistent', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const result = runScenario(s);
        const bars = new Map(s.bars.map((rows, k) => [SYMBOLS[k]!, new Map(rows.map((r) => [Date.parse(r[0]), r]))]));
        const orders = new Map(result.orders.map((o) => [o.id, o]));
        const net = new Map<string, number>();
        for (const f of result.fills) {
          const order = orders.get(f.orderId)!;
          expect(f.time, 'a fill comes after the bar that produced its order').toBeGreaterThan(order.submittedAt);
          const row = bars.get(f.symbol)!.get(f.time)!;
          const rulePrice = f.side === 'buy' ? f.price - f.slippage : f.price + f.slippage;
          expect(rulePrice).toBeGreaterThanOrEqual(row[3] - 1e-9);
          expect(rulePrice).toBeLessThanOrEqual(row[2] + 1e-9);
          net.set(f.symbol, (net.get(f.symbol) ?? 0) + (f.side === 'buy' ? f.quantity : -f.quantity));
        }
        const last = result.time.length - 1;
        let marked = result.finalCash;
        for (const symbol of SYMBOLS) {
          const q = result.positions.get(symbol)![last]!;
          expect(q, `${symbol} position = signed sum of its fills`).toBeCloseTo(net.get(symbol) ?? 0, 9);
          const rows = s.bars[SYMBOLS.indexOf(symbol)]!;
          marked += q * rows[rows.length - 1]![4];
        }
        expect(result.finalEquity).toBeCloseTo(marked, 6);
        expect(result.equity[last]).toBeCloseTo(result.finalEquity, 6);
        expect(Number(result.exact.finalEquity)).toBeCloseTo(result.finalEquity, 9);
      }),
      { numRuns: 300 },
    );
  });

  it('gives identical results for identical inputs', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const { wallTimeMs: _a, metrics: _ma, toJSON: _ja, toArrow: _aa, writeReport: _ra, ...a } = runScenario(s);
        const { wallTimeMs: _b, metrics: _mb, toJSON: _jb, toArrow: _ab, writeReport: _rb, ...b } = runScenario(s);
        expect(a).toEqual(b);
      }),
      { numRuns: 100 },
    );
  });
});
