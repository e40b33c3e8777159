/**
 * Engine benchmarks: the event path of one symbol over a million bars, and a 500-symbol,
 * ten-year daily portfolio rebalanced monthly to equal weights (time and memory).
 */
import {
  backtest,
  type BarSeries,
  civilFromDays,
  createBarSeries,
  DAY_MS,
  SeededRandom,
  Strategy,
  type StrategyContext,
} from '@qt-backtest/core';
import { defineBenchmark } from './Benchmark.js';

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
