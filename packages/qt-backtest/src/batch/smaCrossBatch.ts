/**
 * `sma-cross` on the batch path: crossings as an array, then the batch broker.
 */
import { compareSmas, type SmaCrossParams } from '../strategies/SmaCross.js';
import { BatchBroker, type BatchCosts } from './BatchBroker.js';
import type { BatchData } from './BatchData.js';
import type { BatchResult } from './BatchResult.js';

/**
 * The crossings of `SMA(fast)` and `SMA(slow)` of symbol `i`'s closes by own bar: +1 a cross up,
 * −1 a cross down, 0 none — `SmaCross`'s exact rule (signs compared exactly; ties neither cross
 * nor reset the memory). Integer micro-price prefix sums make each bar O(1).
 *
 * @param out - reused output array (length ≥ the symbol's bar count), to avoid an allocation per set
 */
export function smaCrossings(data: BatchData, i: number, fast: number, slow: number, out?: Int8Array): Int8Array {
  const close = data.series[i]!.close;
  const n = close.length;
  const cross = out ?? new Int8Array(n);
  cross.fill(0, 0, n);
  const { sum, other, maxAbs } = data.microPrefix(i);
  const microOk = maxAbs <= Math.floor(Number.MAX_SAFE_INTEGER / slow) && Math.abs(sum[n]!) <= Number.MAX_SAFE_INTEGER;
  let last = 0;
  const view = { length: slow, start: 0, at(k: number): number { return close[this.start + k]!; } };
  // Every close a micro-price and every product below 2^53: the integer comparison needs no check.
  if (microOk && other[n] === 0 && slow * slow * maxAbs <= Number.MAX_SAFE_INTEGER) {
    for (let j = slow - 1; j < n; j++) {
      const top = sum[j + 1]!;
      const a = (top - sum[j + 1 - fast]!) * slow;
      const b = (top - sum[j + 1 - slow]!) * fast;
      const sign = a > b ? 1 : a < b ? -1 : 0;
      if (sign === 0) continue;
      if (last !== 0 && sign !== last) cross[j] = sign;
      last = sign;
    }
    return cross;
  }
  for (let j = slow - 1; j < n; j++) {
    let sign: number;
    const a = (sum[j + 1]! - sum[j + 1 - fast]!) * slow;
    const b = (sum[j + 1]! - sum[j + 1 - slow]!) * fast;
    if (microOk && other[j + 1] === other[j + 1 - slow] && Number.isSafeInteger(a) && Number.isSafeInteger(b)) {
      sign = a > b ? 1 : a < b ? -1 : 0;
    } else {
      view.start = j + 1 - slow;
      sign = compareSmas(view, fast, slow);
    }
    if (sign === 0) continue;
    if (last !== 0 && sign !== last) cross[j] = sign;
    last = sign;
  }
  return cross;
}

/**
 * Runs `SmaCross` with `params` (as normalised by the built-in's factory) on the batch path.
 *
 * @example runSmaCrossBatch(data, { symbols: ['ORCL'], fast: 10, slow: 30 }, { cash: 100_000 })
 */
export function runSmaCrossBatch(data: BatchData, params: SmaCrossParams, costs: BatchCosts = {}, scratch?: Int8Array[], into?: Float64Array): BatchResult {
  const fast = params.fast ?? 10;
  const slow = params.slow ?? 30;
  const idx = params.symbols.map((s) => data.indexOf(s));
  const crosses = idx.map((i, k) => smaCrossings(data, i, fast, slow, scratch?.[k]));
  const broker = new BatchBroker(data.panel, costs, into);
  const T = data.panel.time.length;
  const present = data.panel.present;
  const short = params.allowShort === true;
  const pct = params.sizePct;
  const fixed = params.size ?? 100;
  const decide = (i: number, c: number): void => {
    const held = broker.qty[i]!;
    const size = pct !== undefined ? broker.sizeFor(pct, broker.last[i]!) : fixed;
    if (short) {
      if (c > 0 && held <= 0 && size - held > 0) broker.submit(i, true, size - held);
      if (c < 0 && held >= 0 && size + held > 0) broker.submit(i, false, size + held);
    } else {
      if (c > 0 && held === 0 && size > 0) broker.submit(i, true, size);
      if (c < 0 && held > 0) broker.submit(i, false, held);
    }
  };
  if (idx.length === 1 && data.panel.symbols.length === 1 && data.series[0]!.close.length === T) {
    // One symbol with a bar everywhere (own bar j = panel bar t): only the bars where a cross
    // fires or an order works need the full phases; the rest are marks.
    const cross = crosses[0]!;
    let t = 0;
    while (t < T) {
      if (!broker.busy) {
        let next = t;
        while (next < T && cross[next] === 0) next++;
        broker.markSingle(t, next);
        if (next === T) break;
        t = next;
      }
      broker.beginBar(t);
      const c = cross[t]!;
      if (c !== 0) decide(0, c);
      broker.endBar(t);
      t++;
    }
  } else {
    for (let t = 0; t < T; t++) {
      broker.beginBar(t);
      for (let k = 0; k < idx.length; k++) {
        const i = idx[k]!;
        if (present[i]![t] !== 1) continue;
        const c = crosses[k]![broker.cursor[i]! - 1]!;
        if (c !== 0) decide(i, c);
      }
      broker.endBar(t);
    }
  }
  return { time: data.panel.time, equity: broker.equity, fills: broker.fills, finalCash: broker.cash, longValue: broker.longValue, shortValue: broker.shortValue, lastPrice: broker.last };
}
