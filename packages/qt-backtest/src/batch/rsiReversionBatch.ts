/**
 * `rsi-reversion` on the batch path: Wilder RSI arrays (shared per period), then the batch broker.
 */
import type { RsiReversionParams } from '../strategies/RsiReversion.js';
import { BatchBroker, type BatchCosts } from './BatchBroker.js';
import type { BatchData } from './BatchData.js';
import type { BatchResult } from './BatchResult.js';

/** Runs `RsiReversion` with `params` (as normalised by the built-in's factory) on the batch path. */
export function runRsiReversionBatch(data: BatchData, params: RsiReversionParams, costs: BatchCosts = {}): BatchResult {
  const period = params.period ?? 14;
  const entry = params.entry ?? 30;
  const exit = params.exit ?? 50;
  const short = params.allowShort === true;
  const pct = params.sizePct;
  const fixed = params.size ?? 100;
  const idx = params.symbols.map((s) => data.indexOf(s));
  const rsis = idx.map((i) => data.rsi(i, period));
  const broker = new BatchBroker(data.panel, costs);
  const T = data.panel.time.length;
  const present = data.panel.present;
  for (let t = 0; t < T; t++) {
    broker.beginBar(t);
    for (let k = 0; k < idx.length; k++) {
      const i = idx[k]!;
      if (present[i]![t] !== 1) continue;
      const rsi = rsis[k]![broker.cursor[i]! - 1]!;
      if (Number.isNaN(rsi)) continue;
      const held = broker.qty[i]!;
      if (held === 0) {
        const long = rsi < entry;
        if (!long && !(short && rsi > 100 - entry)) continue;
        if (broker.openOrders(i) > 0) continue;
        const close = broker.last[i]!;
        const size = pct !== undefined ? broker.sizeFor(pct, close) : fixed;
        if (size > 0) broker.submit(i, long, size);
      } else if (held > 0 ? rsi > exit : rsi < 100 - exit) {
        broker.closePosition(i);
      }
    }
    broker.endBar(t);
  }
  return { time: data.panel.time, equity: broker.equity, fills: broker.fills, finalCash: broker.cash, longValue: broker.longValue, shortValue: broker.shortValue, lastPrice: broker.last };
}
