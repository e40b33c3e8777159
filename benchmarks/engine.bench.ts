/**
 * Engine benchmarks: the event path of one symbol over a million bars, and a 500-symbol,
 * ten-year daily portfolio rebalanced monthly to equal weights (time and memory).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  backtest,
  type BarSeries,
  civilFromDays,
  createBarSeries,
  DAY_MS,
  loadBars,
  SeededRandom,
  Strategy,
  type StrategyContext,
} from '@qt-backtest/core';
import { builtinStrategies } from 'qt-backtest';
import { defineBenchmark } from './Benchmark.js';

const ORCL = join(import.meta.dirname, '..', '..', 'shared', 'data', 'orcl-1995-2014.txt');

/**
 * ORCL 1995–2014 (raw OHLC, about 5,000 bars) repeated end to end to `n` bars on consecutive day
 * labels: a realistic path for the built-in sma-cross (about 19 round trips per 1,000 bars).
 */
async function orclRepeated(n: number): Promise<BarSeries> {
  const base = (await loadBars(ORCL, { symbol: 'ORCL' })).get('ORCL');
  const fields = ['open', 'high', 'low', 'close', 'volume'] as const;
  const out = Object.fromEntries(fields.map((f) => [f, new Float64Array(n)])) as Record<(typeof fields)[number], Float64Array>;
  const time = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const k = i % base.length;
    for (const f of fields) out[f][i] = base[f][k]!;
    time[i] = i * DAY_MS;
  }
  return createBarSeries({ symbol: 'ORCL', time, ...out, fields: [...fields], frequency: 'daily', adjustment: 'raw', source: 'bench' });
}

/** Does nothing: the engine's own cost per bar. */
class Idle extends Strategy<object> {
  override onBar(): void {}
}

/**
 * The same rule as the built-in sma-cross (10/30, 100 shares, long only, next-open fills) as a
 * hand-written loop over the columns, with cash and position in doubles: the floor a generic
 * engine is measured against. Returns the number of fills.
 */
function handLoop(s: BarSeries, fast = 10, slow = 30, size = 100): { fills: number; cash: number } {
  const close = s.close;
  const open = s.open;
  let fastSum = 0;
  let slowSum = 0;
  let last = 0;
  let held = 0;
  let cash = 1e9;
  let pending = 0;
  let fills = 0;
  for (let t = 0; t < s.length; t++) {
    if (pending !== 0) {
      cash -= pending * open[t]!;
      held += pending;
      pending = 0;
      fills++;
    }
    const c = Math.round(close[t]! * 1e6);
    slowSum += c;
    fastSum += c;
    if (t >= slow) slowSum -= Math.round(close[t - slow]! * 1e6);
    if (t >= fast) fastSum -= Math.round(close[t - fast]! * 1e6);
    if (t + 1 < slow) continue;
    const sign = Math.sign(fastSum * slow - slowSum * fast);
    if (sign > 0 && last < 0 && held === 0) pending = size;
    else if (sign < 0 && last > 0 && held > 0) pending = -held;
    if (sign !== 0) last = sign;
  }
  return { fills, cash };
}

/** A seeded daily random walk with consistent OHLC, labelled from `firstDay` on, one bar a day. */
function randomWalk(symbol: string, n: number, seed: number, firstDay = 0): BarSeries {
  const rng = new SeededRandom(seed);
  const time = new Float64Array(n);
  const open = new Float64Array(n);
  const high = new Float64Array(n);
  const low = new Float64Array(n);
  const close = new Float64Array(n);
  const volume = new Float64Array(n);
  let p = 50 + rng.next() * 50;
  for (let i = 0; i < n; i++) {
    const o = p * (1 + (rng.next() - 0.5) * 0.01);
    const c = o * (1 + (rng.next() - 0.5) * 0.04);
    time[i] = (firstDay + i) * DAY_MS;
    open[i] = o;
    close[i] = c;
    high[i] = Math.max(o, c) * (1 + rng.next() * 0.01);
    low[i] = Math.min(o, c) * (1 - rng.next() * 0.01);
    volume[i] = 1e6 * (0.5 + rng.next());
    p = c;
  }
  return createBarSeries({ symbol, time, open, high, low, close, volume, fields: ['open', 'high', 'low', 'close', 'volume'], frequency: 'daily', adjustment: 'raw', source: 'bench' });
}

/** SMA crossover with running sums over ring buffers: O(1) per bar, no allocation. */
class RollingSmaCross extends Strategy<{ symbol: string; fast: number; slow: number }> {
  readonly #ring: Float64Array;
  #count = 0;
  #fastSum = 0;
  #slowSum = 0;
  #lastSign = 0;

  constructor(params: { symbol: string; fast: number; slow: number }) {
    super(params);
    this.#ring = new Float64Array(params.slow);
  }

  override onBar(ctx: StrategyContext): void {
    const { symbol, fast, slow } = this.params;
    const c = ctx.value(symbol, 'close');
    const k = this.#count % slow;
    if (this.#count >= slow) this.#slowSum -= this.#ring[k]!;
    if (this.#count >= fast) this.#fastSum -= this.#ring[(this.#count - fast) % slow]!;
    this.#ring[k] = c;
    this.#slowSum += c;
    this.#fastSum += c;
    this.#count++;
    if (this.#count < slow) return;
    const sign = Math.sign(this.#fastSum / fast - this.#slowSum / slow);
    if (sign > 0 && this.#lastSign < 0) ctx.orderTargetQuantity(symbol, 100);
    else if (sign < 0 && this.#lastSign > 0) ctx.orderTargetQuantity(symbol, 0);
    if (sign !== 0) this.#lastSign = sign;
  }
}

/** Equal weights over every symbol, rebalanced on the first bar of each month. */
class MonthlyEqualWeight extends Strategy<{ weight: number; sampleLiveMemory: boolean }> {
  #month = -1;
  /** Largest live heap + array buffers seen (sampled after a full GC every 126 bars). */
  peakBytes = 0;

  override onBar(ctx: StrategyContext): void {
    if (this.params.sampleLiveMemory && ctx.index % 126 === 0) {
      gc();
      this.peakBytes = Math.max(this.peakBytes, usedBytes());
    }
    const { year, month } = civilFromDays(Math.floor(ctx.time / DAY_MS));
    const m = year * 12 + month;
    if (m === this.#month) return;
    this.#month = m;
    const target = this.params.weight / ctx.symbols.length;
    // Sells first, so that the buys after them find the cash they release.
    for (const s of ctx.symbols) if (ctx.position(s).marketValue > target * ctx.equity) ctx.orderTargetPercent(s, target);
    for (const s of ctx.symbols) if (ctx.position(s).marketValue <= target * ctx.equity) ctx.orderTargetPercent(s, target);
  }
}

function usedBytes(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

const gc = (): void => (globalThis as { gc?: () => void }).gc?.();

const SYMBOLS = 500;
const DAYS = 2520;

export const benchmarks = [
  defineBenchmark({
    name: 'engine-sma-cross-orcl-1m',
    description: 'backtest: built-in sma-cross (10/30, 100 shares) on ORCL 1995–2014 repeated to 1,000,000 bars (target from issue 10)',
    unit: 'bar-events',
    target: 5_000_000,
    warmup: 1,
    repeats: 5,
    setup: async () => ({ bars: existsSync(ORCL) ? await orclRepeated(1_000_000) : null, fills: 0 }),
    run: async (ctx) => {
      if (ctx.bars === null) throw new Error(`${ORCL} not found (../shared/data)`);
      const result = backtest({ data: [ctx.bars], strategy: builtinStrategies['sma-cross']!.create({}, ['ORCL']), cash: 1e9 });
      ctx.fills = result.fills.length;
      if (ctx.fills < 10_000) throw new Error(`only ${ctx.fills} fills`);
      return result.time.length;
    },
    notes: (ctx) => ({ fills: ctx.fills, 'round trips': Math.floor(ctx.fills / 2) }),
  }),
  defineBenchmark({
    name: 'engine-idle-orcl-1m',
    description: 'backtest: a strategy that does nothing, same 1,000,000 bars (the engine per bar; target from issue 10)',
    unit: 'bar-events',
    target: 15_000_000,
    warmup: 1,
    repeats: 5,
    setup: async () => ({ bars: existsSync(ORCL) ? await orclRepeated(1_000_000) : null }),
    run: async (ctx) => {
      if (ctx.bars === null) throw new Error(`${ORCL} not found (../shared/data)`);
      return backtest({ data: [ctx.bars], strategy: new Idle({}), cash: 1e9 }).time.length;
    },
  }),
  defineBenchmark({
    name: 'engine-hand-loop-orcl-1m',
    description: 'the same sma-cross rule as a hand-written loop over the columns (doubles, no engine): the floor',
    unit: 'bar-events',
    warmup: 2,
    repeats: 7,
    setup: async () => ({ bars: existsSync(ORCL) ? await orclRepeated(1_000_000) : null, fills: 0 }),
    run: async (ctx) => {
      if (ctx.bars === null) throw new Error(`${ORCL} not found (../shared/data)`);
      ctx.fills = handLoop(ctx.bars).fills;
      if (ctx.fills < 10_000) throw new Error(`only ${ctx.fills} fills`);
      return ctx.bars.length;
    },
    notes: (ctx) => ({ fills: ctx.fills }),
  }),
  defineBenchmark({
    name: 'engine-sma-cross-1m',
    description: 'backtest: one symbol, 1,000,000 daily bars, SMA 10/30 crossover, market orders (event path)',
    unit: 'bar-events',
    target: 3_000_000,
    warmup: 2,
    repeats: 7,
    setup: async () => [randomWalk('X', 1_000_000, 1)],
    run: async (data) => {
      const result = backtest({ data, strategy: new RollingSmaCross({ symbol: 'X', fast: 10, slow: 30 }), cash: 1e9 });
      if (result.fills.length < 1000) throw new Error(`only ${result.fills.length} fills: the strategy did not trade`);
      return result.time.length;
    },
  }),
  defineBenchmark({
    name: 'engine-rebalance-500x2520',
    description: 'backtest: 500 symbols × 2,520 days, monthly rebalance to equal weights (target: ≤ 1.5 s)',
    unit: 'symbol-bars',
    target: (SYMBOLS * DAYS) / 1.5,
    warmup: 1,
    repeats: 5,
    setup: async () => {
      // Ten years of weekdays from 2015; every symbol on the same index.
      const data = Array.from({ length: SYMBOLS }, (_, k) => randomWalk(`S${k}`, DAYS, 1000 + k, 16_436));
      const rawBytes = SYMBOLS * DAYS * 6 * 8;
      return { data, rawBytes, fills: 0, rejected: 0 };
    },
    run: async (ctx) => {
      const result = backtest({ data: ctx.data, strategy: new MonthlyEqualWeight({ weight: 0.98, sampleLiveMemory: false }), cash: 10_000_000 });
      ctx.fills = result.fills.length;
      ctx.rejected = result.orders.filter((o) => o.status === 'rejected').length;
      return SYMBOLS * DAYS;
    },
    notes: (ctx) => {
      // Memory is measured in one extra, untimed run: live bytes after a full GC every 126 bars
      // (garbage not yet collected would overstate it). The baseline is taken just before, with
      // the data alive, so what the engine and its result add is `peak − baseline`; the figure
      // compared with the limit is (raw columns + that) / raw columns.
      if ((globalThis as { gc?: unknown }).gc === undefined) return { memory: 'run with NODE_OPTIONS=--expose-gc to measure' };
      gc();
      const baseline = usedBytes();
      const strategy = new MonthlyEqualWeight({ weight: 0.98, sampleLiveMemory: true });
      const result = backtest({ data: ctx.data, strategy, cash: 10_000_000 });
      const peak = Math.max(strategy.peakBytes, usedBytes());
      const added = peak - baseline;
      return {
        'raw column MB': (ctx.rawBytes / 2 ** 20).toFixed(1),
        'engine + result MB': (added / 2 ** 20).toFixed(1),
        '(raw + engine + result) / raw': ((ctx.rawBytes + added) / ctx.rawBytes).toFixed(2),
        fills: ctx.fills,
        rejected: ctx.rejected,
        'final equity': Math.round(result.finalEquity),
      };
    },
  }),
];
