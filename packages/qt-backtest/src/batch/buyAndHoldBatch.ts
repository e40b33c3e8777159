/**
 * `buy-and-hold` on the batch path: target orders sized at the fill, like the strategy.
 */
import type { BuyAndHoldParams } from '../strategies/BuyAndHold.js';
import { BatchBroker, type BatchCosts } from './BatchBroker.js';
import type { BatchData } from './BatchData.js';
import type { BatchResult } from './BatchResult.js';

/** Runs `BuyAndHold` with `params` (as normalised by the built-in's factory) on the batch path. */
export function runBuyAndHoldBatch(data: BatchData, params: BuyAndHoldParams, costs: BatchCosts = {}): BatchResult {
  const fraction = params.fraction ?? 0.99;
  const idx = params.symbols.map((s) => data.indexOf(s));
  const broker = new BatchBroker(data.panel, costs);
  const T = data.panel.time.length;
  let bought = false;
  for (let t = 0; t < T; t++) {
    broker.beginBar(t);
    if (!bought && idx.every((i) => broker.hasBar(i))) {
      // ctx.orderTargetPercent(symbol, fraction / n, { at: 'fill' }): side and estimate from the
      // last close, the quantity sized again at the fill price.
      const weight = fraction / idx.length;
      for (const i of idx) {
        const price = broker.last[i]!;
        if (!(price > 0)) continue;
        const delta = Math.trunc((weight * broker.equityNow()) / price) - (broker.qty[i]! + broker.pendingNet(i));
        if (delta === 0 || Math.abs(delta) < 1e-12) continue;
        broker.submit(i, delta > 0, Math.abs(delta), Number.NaN, weight);
      }
      bought = true;
    }
    broker.endBar(t);
  }
  return { time: data.panel.time, equity: broker.equity, fills: broker.fills, finalCash: broker.cash, longValue: broker.longValue, shortValue: broker.shortValue, lastPrice: broker.last };
}
