/**
 * `buy-and-hold` on the batch path.
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
      const budget = (fraction * broker.cash) / idx.length;
      for (const i of idx) {
        const quantity = Math.floor(budget / broker.last[i]!);
        if (quantity > 0) broker.submit(i, true, quantity);
      }
      bought = true;
    }
    broker.endBar(t);
  }
  return { time: data.panel.time, equity: broker.equity, fills: broker.fills, finalCash: broker.cash, longValue: broker.longValue, shortValue: broker.shortValue, lastPrice: broker.last };
}
