import { backtest, createBarSeries, Strategy, type BarSeries, type StrategyContext } from '@qt-backtest/core';
import { describe, expect, it } from 'vitest';
import { RiskGuard } from './RiskGuard.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 2);

function series(symbol: string, closes: readonly number[]): BarSeries {
  const n = closes.length;
  const close = Float64Array.from(closes);
  const open = Float64Array.from(closes, (c, i) => (i === 0 ? c : closes[i - 1]!));
  return createBarSeries({
    symbol,
    time: Float64Array.from({ length: n }, (_, i) => T0 + i * DAY),
    open,
    high: Float64Array.from(close, (c, i) => Math.max(c, open[i]!)),
    low: Float64Array.from(close, (c, i) => Math.min(c, open[i]!)),
    close,
    volume: new Float64Array(n).fill(1e9),
    fields: ['open', 'high', 'low', 'close', 'volume'],
    frequency: 'daily',
    adjustment: 'raw',
    source: 'test',
  });
}

/** Buys every bar into whatever happens, and keeps a resting limit order working. */
class BuyTheDip extends Strategy {
  attempts = 0;
  blocked = 0;
  override onBar(ctx: StrategyContext): void {
    for (const s of ctx.symbols) {
      this.attempts++;
      if (ctx.buy(s, 60).status === 'rejected') this.blocked++;
      // Far below the market: stays working until cancelled.
      if (ctx.buy(s, 10, { type: 'limit', limitPrice: ctx.price(s) * 0.5, timeInForce: 'gtc' }).status === 'rejected') this.blocked++;
    }
  }
}

// 10 calm bars, then a crash of −6 % a day for 15 bars.
const up = Array.from({ length: 10 }, (_, i) => 100 + i);
const crash = Array.from({ length: 15 }, (_, i) => 109 * 0.94 ** (i + 1));
const data = [series('AAA', [...up, ...crash]), series('BBB', [...up.map((p) => p / 2), ...crash.map((p) => p / 2)])];

describe('RiskGuard drawdown kill switch (issue 14 done-when)', () => {
  it('a strategy buying into a crash is flat with every order cancelled on the bar after the breach, and nothing is accepted afterwards', () => {
    const inner = new BuyTheDip({});
    const guard = new RiskGuard(inner, { maxDrawdown: 0.1 });
    const result = backtest({ data, strategy: guard, cash: 200_000, recordEvents: true });

    const trip = guard.events.find((e) => e.type === 'kill_switch_tripped');
    expect(trip).toBeDefined();
    if (trip?.type !== 'kill_switch_tripped') throw new Error('no trip');
    expect(trip.drawdown).toBeGreaterThanOrEqual(0.1);
    expect(trip.limit).toBe(0.1);
    expect(guard.halted).toBe(true);
    const b = result.time.indexOf(trip.time);
    expect(b).toBeGreaterThan(10);

    // Before the breach the strategy held positions and had working limit orders.
    for (const s of ['AAA', 'BBB']) expect(result.positions.get(s)![b]).toBeGreaterThan(0);
    const workingAtTrip = result.orders.filter((o) => o.type === 'limit' && o.submittedAt < trip.time);
    expect(workingAtTrip.length).toBeGreaterThan(0);

    // On the bar after the breach: every position flat …
    for (const s of ['AAA', 'BBB']) {
      for (let i = b + 1; i < result.time.length; i++) expect(result.positions.get(s)![i]).toBe(0);
    }
    // … and every order that was working at the breach cancelled at the breach.
    const cancelled = new Set(result.events.filter((e) => e.type === 'cancelled' && e.time === trip.time).map((e) => e.order.id));
    for (const o of workingAtTrip) expect(cancelled.has(o.id)).toBe(true);
    expect(result.orders.filter((o) => o.status === 'accepted' || o.status === 'partially_filled')).toEqual([]);
    const cancelEvent = guard.events.find((e) => e.type === 'working_orders_cancelled');
    expect(cancelEvent).toMatchObject({ time: trip.time, count: workingAtTrip.length });

    // No order accepted afterwards: the only orders submitted at or after the breach are the guard's closes.
    const late = result.orders.filter((o) => o.submittedAt >= trip.time);
    expect(late.map((o) => [o.symbol, o.side, o.status])).toEqual([
      ['AAA', 'sell', 'filled'],
      ['BBB', 'sell', 'filled'],
    ]);
    expect(guard.events.filter((e) => e.type === 'position_close_submitted').length).toBe(2);
    // The wrapped strategy kept trying: every attempt from the breach on was blocked with a reason.
    const halts = guard.events.filter((e) => e.type === 'order_blocked' && e.reason === 'halted');
    expect(halts.length).toBe((result.time.length - b) * 2 * 2);
    expect(inner.blocked).toBe(halts.length);
    expect(result.finalEquity).toBeCloseTo(result.finalCash, 6);
  });

  it('reset() lifts the halt', () => {
    const guard = new RiskGuard(new BuyTheDip({}), { maxDrawdown: 0.1 });
    backtest({ data, strategy: guard, cash: 200_000 });
    expect(guard.halted).toBe(true);
    guard.reset(0);
    expect(guard.halted).toBe(false);
    expect(guard.events.at(-1)).toEqual({ type: 'halt_reset', time: 0 });
  });
});

describe('RiskGuard pre-trade limits', () => {
  class Buyer extends Strategy<{ qty: number }> {
    override onBar(ctx: StrategyContext): void {
      if (ctx.index === 1) ctx.buy('AAA', this.params.qty);
    }
  }
  const flat = [series('AAA', Array(5).fill(100)), series('BBB', Array(5).fill(50))];
  const blockedBy = (limits: ConstructorParameters<typeof RiskGuard>[1], qty: number) => {
    const g = new RiskGuard(new Buyer({ qty }), limits);
    const r = backtest({ data: flat, strategy: g, cash: 100_000 });
    return { events: g.events, orders: r.orders };
  };
  it('max weight: 300 × 100 = 30 % of 100,000 breaches a 25 % cap; 200 shares pass', () => {
    const { events, orders } = blockedBy({ maxWeight: 0.25 }, 300);
    expect(orders).toEqual([]);
    expect(events[0]).toMatchObject({ type: 'order_blocked', reason: 'max_weight', limit: 0.25, value: 0.3, symbol: 'AAA', quantity: 300 });
    expect(blockedBy({ maxWeight: 0.25 }, 200).orders.length).toBe(1);
  });
  it('order size, notional, leverage and sector caps each block with their own code', () => {
    expect(blockedBy({ maxOrderQuantity: 100 }, 101).events[0]).toMatchObject({ reason: 'order_quantity', value: 101 });
    expect(blockedBy({ maxOrderNotional: 5_000 }, 60).events[0]).toMatchObject({ reason: 'order_notional', value: 6_000 });
    expect(blockedBy({ maxLeverage: 1 }, 1_100).events[0]).toMatchObject({ reason: 'leverage', value: 1.1 });
    expect(blockedBy({ sectorOf: { AAA: 'Tech' }, sectorCaps: { Tech: 0.05 } }, 60).events[0]).toMatchObject({ reason: 'sector_cap', value: 0.06 });
  });

  it('order rate: the third order in a bar is blocked; gross/net exposure caps in currency and fraction', () => {
    class Burst extends Strategy {
      override onBar(ctx: StrategyContext): void {
        if (ctx.index !== 1) return;
        ctx.buy('AAA', 1);
        ctx.buy('BBB', 1);
        ctx.buy('AAA', 1);
      }
    }
    const g = new RiskGuard(new Burst({}), { maxOrdersPerBar: 2 });
    const r = backtest({ data: flat, strategy: g, cash: 100_000 });
    expect(r.orders.length).toBe(2);
    expect(g.events).toEqual([expect.objectContaining({ type: 'order_blocked', reason: 'order_rate', limit: 2, value: 3 })]);
    expect(blockedBy({ maxGrossExposure: 20_000 }, 201).events[0]).toMatchObject({ reason: 'gross_exposure', value: 20_100 });
    expect(blockedBy({ maxNetExposure: 0.2 }, 201).events[0]).toMatchObject({ reason: 'net_exposure', value: 0.201 });
  });
});

describe('RiskGuard daily loss limit', () => {
  it('after a day losing more than the limit, orders that add risk are blocked that day, reducing ones pass', () => {
    // Day 3 drops 10 %: the held position loses 5 % of equity.
    const closes = [100, 100, 100, 90, 90, 90];
    const data2 = [series('AAA', closes)];
    class Trader extends Strategy {
      override onBar(ctx: StrategyContext): void {
        if (ctx.index === 0) ctx.buy('AAA', 500);
        if (ctx.index === 3) {
          ctx.buy('AAA', 10); // adds risk: blocked
          ctx.sell('AAA', 100); // reduces: allowed
        }
        if (ctx.index === 4) ctx.buy('AAA', 10); // a new day: allowed again
      }
    }
    const g = new RiskGuard(new Trader({}), { dailyLossLimit: 0.04 });
    const r = backtest({ data: data2, strategy: g, cash: 100_000 });
    const breach = g.events.find((e) => e.type === 'daily_loss_breached');
    expect(breach).toMatchObject({ time: T0 + 3 * DAY, limit: 0.04 });
    if (breach?.type !== 'daily_loss_breached') throw new Error('no breach');
    expect(breach.loss).toBeCloseTo((500 * 10) / 100_000, 10);
    expect(g.events.filter((e) => e.type === 'order_blocked').map((e) => e.type === 'order_blocked' && [e.reason, e.side, e.quantity])).toEqual([['daily_loss', 'buy', 10]]);
    expect(r.orders.map((o) => [o.side, o.quantity])).toEqual([
      ['buy', 500],
      ['sell', 100],
      ['buy', 10],
    ]);
  });
});
