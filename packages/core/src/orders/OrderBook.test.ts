import { describe, expect, it } from 'vitest';
import type { OrderId, OrderRequest } from './Order.js';
import { OrderBook } from './OrderBook.js';
import { WorkingOrder } from './WorkingOrder.js';

let seq = 0;
function order(symbolIndex: number, request: Omit<OrderRequest, 'symbol' | 'quantity'>): WorkingOrder {
  const o = new WorkingOrder(`o-${++seq}` as OrderId, symbolIndex, { symbol: `S${symbolIndex}`, quantity: 1, ...request }, request.type ?? 'market', request.timeInForce ?? 'gtc', 0, 0);
  o.slot = seq;
  return o;
}

describe('OrderBook', () => {
  it('offers only the resting limits a bar can reach, in submission order, and keeps the others', () => {
    const book = new OrderBook(2);
    const limits = Array.from({ length: 200_000 }, (_, k) => order(0, { side: k % 2 === 0 ? 'buy' : 'sell', type: 'limit', limitPrice: k % 2 === 0 ? 1 + (k % 1000) / 100 : 100 + (k % 1000) / 100 }));
    const market = order(0, { side: 'buy' });
    const other = order(1, { side: 'sell' });
    for (const o of [...limits, market, other]) book.add(o);
    // Symbol 0's bar spans 10.95..100.02: buy limits >= 10.95 (k % 1000 in 995..998, even) and
    // sell limits <= 100.02 (k % 1000 in 1) can fill; symbol 1 has no bar.
    const out = book.candidates((i) => (i === 0 ? { low: 10.95, high: 100.02 } : null), []);
    const expected = [...limits.filter((o) => (o.side === 'buy' ? o.limitPrice! >= 10.95 : o.limitPrice! <= 100.02)), market];
    expect(out.length).toBe(expected.length);
    expect(out.length).toBeLessThan(1_000); // proportional to what can fill, not to the book
    expect(out.map((o) => o.slot)).toEqual(expected.map((o) => o.slot).sort((a, b) => a - b));
    // Nothing filled: after settle the same orders are there again, and symbol 1's order too.
    book.settle();
    expect(book.working().length).toBe(200_002);
    expect(book.working(1)).toEqual([other]);
    expect(book.sum(1, () => true)).toBe(-1);
  });

  it('drops finished orders lazily and reports empty once nothing works', () => {
    const book = new OrderBook(1);
    const a = order(0, { side: 'buy', type: 'limit', limitPrice: 5 });
    const b = order(0, { side: 'sell', type: 'stop', stopPrice: 4 });
    book.add(a);
    book.add(b);
    a.status = 'cancelled';
    expect(book.candidates(() => ({ low: 1, high: 10 }), [])).toEqual([b]);
    b.status = 'filled';
    book.candidates(() => ({ low: 1, high: 10 }), []);
    book.settle();
    expect(book.empty).toBe(true);
  });
});
