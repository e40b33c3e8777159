import { describe, expect, it } from 'vitest';
import { makeSeries, type TestRow } from '../internal/makeSeries.js';
import { PerOrderFee } from '../simulator/PerOrderFee.js';
import { backtest } from '../backtest/backtest.js';
import type { BacktestConfig } from './BacktestConfig.js';
import { Strategy } from './Strategy.js';
import type { StrategyContext } from './StrategyContext.js';

type Step = (ctx: StrategyContext) => void;
class Script extends Strategy<{ steps: Readonly<Record<number, Step>> }> {
  override onBar(ctx: StrategyContext): void {
    this.params.steps[ctx.index]?.(ctx);
  }
}
const run = (steps: Record<number, Step>, rows: readonly TestRow[], config: Partial<BacktestConfig> = {}) =>
  backtest({ data: [makeSeries('A', rows)], strategy: new Script({ steps }), cash: 10_000, ...config });

// Signal close 100; the next open gaps up 10 %.
const GAP: TestRow[] = [
  ['2024-01-08', 100, 100, 100, 100],
  ['2024-01-09', 110, 112, 108, 111],
  ['2024-01-10', 111, 111, 111, 111],
];

describe('orders sized at the fill price', () => {
  it('orderTargetPercent(…, { at: "fill" }) buys floor(fraction × equity / open) after a gap up, where the signal-sized order is rejected', () => {
    const atSignal = run({ 0: (ctx) => ctx.orderTargetPercent('A', 0.99) }, GAP);
    // 99 shares × 110 = 10,890 > 10,000.
    expect(atSignal.orders[0]).toMatchObject({ status: 'rejected', rejectReason: 'insufficient_funds' });
    const atFill = run({ 0: (ctx) => ctx.orderTargetPercent('A', 0.99, { at: 'fill' }) }, GAP);
    expect(atFill.fills.map((f) => [f.quantity, f.price])).toEqual([[90, 110]]); // floor(9,900 / 110)
    expect(atFill.orders[0]).toMatchObject({ status: 'filled', quantity: 90, targetPercent: 0.99 });
  });

  it('a fill-time target sells down against equity revalued at the fill, and is cancelled (target_reached) when nothing is left', () => {
    const r = run(
      {
        0: (ctx) => ctx.buy('A', 50),
        1: (ctx) => {
          ctx.orderTargetPercent('A', 0.25, { at: 'fill' }); // at 111: equity 10,000 + 50 × 1 = 10,050 → 22 shares
        },
      },
      [...GAP, ['2024-01-11', 111, 111, 111, 111]],
    );
    expect(r.fills.map((f) => [f.side, f.quantity, f.price])).toEqual([
      ['buy', 50, 110],
      ['sell', 28, 111],
    ]);
    const flat = run({ 0: (ctx) => ctx.orderTargetPercent('A', 0.0105, { at: 'fill' }) }, GAP); // estimate 105 / 100 → 1 share; 105 / 110 → 0 at the fill
    expect(flat.orders[0]).toMatchObject({ status: 'cancelled', cancelReason: 'target_reached' });
  });

  it('buyNotional buys floor(dollars / fill price); sellNotional mirrors it; below one share is rejected', () => {
    const r = run({ 0: (ctx) => ctx.buyNotional('A', 5_000), 1: (ctx) => ctx.sellNotional('A', 1_000) }, GAP);
    expect(r.fills.map((f) => [f.side, f.quantity, f.price])).toEqual([
      ['buy', 45, 110], // floor(5,000 / 110)
      ['sell', 9, 111], // floor(1,000 / 111)
    ]);
    expect(r.orders[0]).toMatchObject({ notional: 5_000, quantity: 45 });
    const tiny = run({ 0: (ctx) => ctx.buyNotional('A', 50) }, GAP);
    expect(tiny.orders[0]).toMatchObject({ status: 'rejected', rejectReason: 'invalid_quantity' });
    const fractional = run({ 0: (ctx) => ctx.buyNotional('A', 55) }, GAP, { fractional: true });
    expect(fractional.fills[0]!.quantity).toBe(0.5);
  });

  it('fill-time sizing takes market orders only, one sizing at a time', () => {
    const r = run(
      {
        0: (ctx) => {
          ctx.order({ symbol: 'A', side: 'buy', quantity: 1, type: 'limit', limitPrice: 100, notional: 1_000 });
          ctx.order({ symbol: 'A', side: 'buy', quantity: 1, notional: 1_000, targetPercent: 0.5 });
          ctx.order({ symbol: 'A', side: 'buy', quantity: 1, notional: -5 });
        },
      },
      GAP,
    );
    expect(r.orders.map((o) => o.rejectReason)).toEqual(['invalid_quantity', 'invalid_quantity', 'invalid_quantity']);
  });

  it('fees are charged on the resolved quantity', () => {
    const r = run({ 0: (ctx) => ctx.buyNotional('A', 5_000) }, GAP, { fees: new PerOrderFee(1) });
    expect(r.fills[0]).toMatchObject({ quantity: 45, fee: 1 });
    expect(r.finalCash).toBe(10_000 - 45 * 110 - 1);
  });
});
