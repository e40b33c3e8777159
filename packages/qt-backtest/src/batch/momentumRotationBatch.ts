/**
 * `momentum-rotation` on the batch path: month starts and lookback returns as arrays, then the
 * batch broker's target orders.
 */
import type { MomentumRotationParams } from '../strategies/MomentumRotation.js';
import { BatchBroker, type BatchCosts } from './BatchBroker.js';
import type { BatchData } from './BatchData.js';
import type { BatchResult } from './BatchResult.js';

/** Whether each panel bar is the first of its UTC calendar month (the first bar counts). */
export function monthStarts(time: Float64Array): Uint8Array {
  const out = new Uint8Array(time.length);
  let start = Number.NaN;
  let next = Number.NaN;
  for (let t = 0; t < time.length; t++) {
    const x = time[t]!;
    if (x >= start && x < next) continue;
    const d = new Date(x);
    start = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    next = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
    out[t] = 1;
  }
  return out;
}

/** Runs `MomentumRotation` with `params` (as normalised by the built-in's factory) on the batch path. */
export function runMomentumRotationBatch(data: BatchData, params: MomentumRotationParams, costs: BatchCosts = {}): BatchResult {
  const { symbols } = params;
  const lookback = params.lookback ?? 126;
  const top = params.top ?? 5;
  const weight = (params.fraction ?? 0.98) / top;
  const idx = symbols.map((s) => data.indexOf(s));
  const closes = idx.map((i) => data.series[i]!.close);
  const rebalance = monthStarts(data.panel.time);
  const broker = new BatchBroker(data.panel, costs);
  const T = data.panel.time.length;
  const score = new Float64Array(symbols.length);
  const chosen = new Uint8Array(symbols.length);
  const candidates: number[] = [];
  const byScore = (a: number, b: number): number => score[b]! - score[a]! || (symbols[a]! < symbols[b]! ? -1 : symbols[a]! > symbols[b]! ? 1 : 0);
  for (let t = 0; t < T; t++) {
    broker.beginBar(t);
    if (rebalance[t] === 1) {
      candidates.length = 0;
      for (let k = 0; k < symbols.length; k++) {
        const i = idx[k]!;
        if (!broker.hasBar(i)) continue;
        const j = broker.cursor[i]! - 1;
        const r = closes[k]![j]! / (j - lookback >= 0 ? closes[k]![j - lookback]! : Number.NaN) - 1;
        if (Number.isNaN(r)) continue;
        score[k] = r;
        candidates.push(k);
      }
      candidates.sort(byScore);
      chosen.fill(0);
      const n = Math.min(top, candidates.length);
      for (let c = 0; c < n; c++) chosen[candidates[c]!] = 1;
      for (let k = 0; k < symbols.length; k++) if (chosen[k] === 0) broker.closePosition(idx[k]!);
      const equity = broker.equityNow();
      const target = weight * equity;
      for (let pass = 0; pass < 2; pass++) {
        for (let c = 0; c < n; c++) {
          const i = idx[candidates[c]!]!;
          const above = broker.qty[i]! * broker.last[i]! > target;
          if (above !== (pass === 0)) continue;
          // ctx.orderTargetPercent(s, weight)
          const price = broker.last[i]!;
          if (!(price > 0)) continue;
          broker.orderTargetQuantity(i, (weight * equity) / price);
        }
      }
    }
    broker.endBar(t);
  }
  return { time: data.panel.time, equity: broker.equity, fills: broker.fills, finalCash: broker.cash, longValue: broker.longValue, shortValue: broker.shortValue, lastPrice: broker.last };
}
