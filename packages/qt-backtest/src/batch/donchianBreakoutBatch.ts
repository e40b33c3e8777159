/**
 * `donchian-breakout` on the batch path: channel and ATR arrays (shared per window), then the
 * batch broker with the strategy's order bookkeeping (entry → protective stop → exit).
 */
import type { DonchianBreakoutParams } from '../strategies/DonchianBreakout.js';
import { BatchBroker, type BatchCosts } from './BatchBroker.js';
import type { BatchData } from './BatchData.js';
import type { BatchResult } from './BatchResult.js';

/** Runs `DonchianBreakout` with `params` (as normalised by the built-in's factory) on the batch path. */
export function runDonchianBreakoutBatch(data: BatchData, params: DonchianBreakoutParams, costs: BatchCosts = {}): BatchResult {
  const atrStop = params.atrStop ?? 2;
  const pct = params.sizePct;
  const fixed = params.size ?? 100;
  const idx = params.symbols.map((s) => data.indexOf(s));
  const upper = idx.map((i) => data.upperChannel(i, params.entry ?? 20));
  const lower = idx.map((i) => data.lowerChannel(i, params.exit ?? 10));
  const atr = idx.map((i) => data.atr(i, params.atrPeriod ?? 14));
  const slotOf = new Map(idx.map((i, k) => [i, k]));
  const n = idx.length;
  // The strategy's working order per slot (sequence numbers; 0 = none) and the stop fixed at entry.
  const entryId = new Float64Array(n);
  const stopId = new Float64Array(n);
  const exitId = new Float64Array(n);
  const stopPrice = new Float64Array(n).fill(Number.NaN);
  const broker = new BatchBroker(data.panel, costs);
  broker.trackEnded = true;
  const T = data.panel.time.length;
  const present = data.panel.present;
  const close = data.panel.fields.close;
  // Events of orders cancelled in a decide phase reach the strategy after it (the engine's delivery).
  const cancelled: number[] = [];
  const onCancel = (seq: number): void => {
    cancelled.push(seq);
  };
  for (let t = 0; t < T; t++) {
    broker.beginBar(t);
    // onOrderEvent for the orders that ended in the match phase, in order.
    for (const e of broker.ended) {
      const k = slotOf.get(e.symbol);
      if (k === undefined) continue;
      if (e.seq === entryId[k]) {
        entryId[k] = 0;
        if (e.end !== 'filled') continue;
        const previous = stopId[k]!;
        stopId[k] = 0;
        if (previous !== 0) broker.cancel(previous);
        const held = broker.qty[e.symbol]!;
        const stop = stopPrice[k]!;
        if (held > 0 && stop > 0) {
          const placed = broker.submit(e.symbol, false, held, stop);
          if (placed > 0) stopId[k] = placed;
        }
      } else if (e.seq === stopId[k]) {
        stopId[k] = 0;
      } else if (e.seq === exitId[k]) {
        exitId[k] = 0;
      }
    }
    for (let k = 0; k < n; k++) {
      const i = idx[k]!;
      if (present[i]![t] !== 1) continue;
      const j = broker.cursor[i]! - 1;
      const c = close[i]![t]!;
      const held = broker.qty[i]!;
      if (held > 0) {
        if (exitId[k] === 0 && c < lower[k]![j]!) {
          broker.cancelAll(i, onCancel);
          const order = broker.submit(i, false, held);
          if (order > 0) exitId[k] = order;
        }
      } else if (held === 0 && c > upper[k]![j]! && !Number.isNaN(atr[k]![j]!) && entryId[k] === 0 && stopId[k] === 0 && exitId[k] === 0) {
        const size = pct !== undefined ? broker.sizeFor(pct, c) : fixed;
        if (!(size > 0)) continue;
        const order = broker.submit(i, true, size);
        if (order < 0) continue;
        entryId[k] = order;
        stopPrice[k] = c - atrStop * atr[k]![j]!;
      }
    }
    for (const seq of cancelled) {
      for (let k = 0; k < n; k++) {
        if (seq === entryId[k]) entryId[k] = 0;
        else if (seq === stopId[k]) stopId[k] = 0;
        else if (seq === exitId[k]) exitId[k] = 0;
      }
    }
    cancelled.length = 0;
    broker.endBar(t);
  }
  return { time: data.panel.time, equity: broker.equity, fills: broker.fills, finalCash: broker.cash, longValue: broker.longValue, shortValue: broker.shortValue, lastPrice: broker.last };
}
