import type { BrokerOrder, BrokerOrderUpdate } from '@qt-backtest/core';
import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { LivePortfolio } from './LivePortfolio.js';
import { OrderTracker } from './OrderTracker.js';

function order(filled: Decimal, notional: Decimal, status: string): BrokerOrder {
  return {
    id: 'o1',
    clientOrderId: 'c1',
    symbol: 'AAPL',
    side: 'buy',
    type: 'market',
    timeInForce: 'day',
    quantity: '100',
    filledQuantity: filled.toString(),
    averageFillPrice: filled.isZero() ? null : notional.div(filled).toString(),
    limitPrice: null,
    stopPrice: null,
    status,
    submittedAt: null,
  };
}

/** The stream events of executions (qty, price in cents) of one 100-share order. */
function events(execs: readonly [number, number][]): BrokerOrderUpdate[] {
  let filled = new Decimal(0);
  let notional = new Decimal(0);
  return execs.map(([q, cents], i) => {
    filled = filled.add(q);
    notional = notional.add(new Decimal(cents).div(100).mul(q));
    const done = i === execs.length - 1;
    return { event: done ? 'fill' : 'partial_fill', executionId: `e${i}`, quantity: String(q), price: new Decimal(cents).div(100).toString(), order: order(filled, notional, done ? 'filled' : 'partially_filled') };
  });
}

const execsArb = fc
  .array(fc.tuple(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 9000, max: 11000 })), { minLength: 1, maxLength: 6 })
  .map((xs) => {
    const total = xs.reduce((a, [q]) => a + q, 0);
    return xs.map(([q, p], i) => [i === xs.length - 1 ? q + (100 - total) : q, p] as [number, number]).filter(([q]) => q > 0);
  })
  .filter((xs) => xs.reduce((a, [q]) => a + q, 0) === 100 && xs.every(([q]) => q > 0));

it('any duplication and reordering of fill events books exactly the executions (quantity and cash), exactly', () => {
  fc.assert(
    fc.property(execsArb, fc.array(fc.nat(), { maxLength: 12 }), fc.integer(), (execs, dupPicks, seed) => {
      const evs = events(execs);
      const stream = [...evs, ...dupPicks.map((k) => evs[k % evs.length]!)];
      // Deterministic shuffle.
      let s = seed;
      for (let i = stream.length - 1; i > 0; i--) {
        s = (s * 1103515245 + 12345) & 0x7fffffff;
        const j = s % (i + 1);
        [stream[i], stream[j]] = [stream[j]!, stream[i]!];
      }
      const tracker = new OrderTracker();
      tracker.track({ clientOrderId: 'c1', symbol: 'AAPL', side: 'buy', quantity: '100' });
      const book = new LivePortfolio('100000');
      for (const u of stream) {
        const r = tracker.onUpdate(u);
        if (r.fill !== null) book.applyFill('AAPL', 'buy', r.fill.quantity, r.fill.price, r.fill.notional);
      }
      const cost = execs.reduce((a, [q, c]) => a.add(new Decimal(c).div(100).mul(q)), new Decimal(0));
      expect(book.holding('AAPL').quantity.toString()).toBe('100');
      expect(book.cash.toString()).toBe(new Decimal(100000).sub(cost).toString());
      expect(tracker.get('c1')!.status).toBe('filled');
    }),
    { numRuns: 300 },
  );
});

it('infers fills missed on the stream from a REST snapshot, at the right average price', () => {
  const evs = events([
    [40, 62998],
    [60, 63000],
  ]);
  const tracker = new OrderTracker();
  tracker.track({ clientOrderId: 'c1', symbol: 'AAPL', side: 'buy', quantity: '100' });
  const first = tracker.onUpdate(evs[0]!);
  expect(first.fill?.quantity.toString()).toBe('40');
  const inferred = tracker.onSnapshot(evs[1]!.order);
  expect(inferred.fill).toMatchObject({ source: 'inferred' });
  expect(inferred.fill!.quantity.toString()).toBe('60');
  expect(inferred.fill!.price.toString()).toBe('630');
  expect(tracker.onUpdate(evs[1]!).fill).toBeNull(); // the late stream event adds nothing
});

it('keeps exact average prices and realised P&L through a flip', () => {
  const book = new LivePortfolio('0');
  book.applyFill('X', 'buy', '10', '100.10');
  book.applyFill('X', 'buy', '10', '100.20');
  expect(book.holding('X').averagePrice.toString()).toBe('100.15');
  book.applyFill('X', 'sell', '25', '101');
  expect(book.holding('X').quantity.toString()).toBe('-5');
  expect(book.holding('X').averagePrice.toString()).toBe('101');
  expect(book.holding('X').realised.toString()).toBe('17');
  expect(book.cash.toString()).toBe('522');
});
