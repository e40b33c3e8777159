/**
 * The data of a batch sweep: the engine's panel plus each symbol's own bars, and the indicator
 * arrays parameter sets share (computed once per window, not once per set).
 */
import { alignBars, type BarPanel, type BarSeries } from '@qt-backtest/core';
import { Atr, Rsi, RollingMax, RollingMin } from '@qt-backtest/features';

/** Micro-price prefix sums of one symbol's closes (SmaCross's exact comparison). */
export interface MicroPrefix {
  /** `sum[j]` = Σ of the first j closes in micro-units (`round(close × 1e6)`). */
  readonly sum: Float64Array;
  /** `other[j]` = how many of the first j closes are not whole micro-prices. */
  readonly other: Int32Array;
  /** Largest |micro-price| (for the engine's safe-integer bound). */
  readonly maxAbs: number;
}

/**
 * Panel and per-symbol series of a batch run, with caches. Build once per dataset; share across
 * every parameter set of a sweep.
 *
 * @example const data = new BatchData(loaded.symbols.map((s) => loaded.get(s)));
 */
export class BatchData {
  readonly panel: BarPanel;
  /** Each symbol's own (gap-free) bars, indexed like `panel.symbols`. */
  readonly series: readonly BarSeries[];
  readonly #index: ReadonlyMap<string, number>;
  readonly #micro = new Map<number, MicroPrefix>();
  readonly #rsi = new Map<string, Float64Array>();
  readonly #atr = new Map<string, Float64Array>();
  readonly #upper = new Map<string, Float64Array>();
  readonly #lower = new Map<string, Float64Array>();

  /** @throws {RangeError} for no series. */
  constructor(series: readonly BarSeries[]) {
    if (series.length === 0) throw new RangeError('batch data needs at least one series');
    this.panel = alignBars(series);
    const bySymbol = new Map(series.map((s) => [s.symbol, s]));
    this.series = this.panel.symbols.map((s) => bySymbol.get(s)!);
    this.#index = new Map(this.panel.symbols.map((s, i) => [s, i]));
  }

  /**
   * Panel index of a symbol.
   *
   * @throws {RangeError} for a symbol not in the data.
   */
  indexOf(symbol: string): number {
    const i = this.#index.get(symbol);
    if (i === undefined) throw new RangeError(`symbol "${symbol}" is not in the batch data (${this.panel.symbols.join(', ')})`);
    return i;
  }

  /** Micro-price prefix sums of symbol `i`'s closes. */
  microPrefix(i: number): MicroPrefix {
    let p = this.#micro.get(i);
    if (p === undefined) {
      const close = this.series[i]!.close;
      const n = close.length;
      const sum = new Float64Array(n + 1);
      const other = new Int32Array(n + 1);
      let maxAbs = 0;
      for (let j = 0; j < n; j++) {
        const x = close[j]!;
        const m = Math.round(x * 1e6);
        const whole = m / 1e6 === x;
        sum[j + 1] = sum[j]! + (whole ? m : 0);
        other[j + 1] = other[j]! + (whole ? 0 : 1);
        if (whole && Math.abs(m) > maxAbs) maxAbs = Math.abs(m);
      }
      p = { sum, other, maxAbs };
      this.#micro.set(i, p);
    }
    return p;
  }

  /** Wilder RSI of symbol `i`'s closes by own bar (the streaming `Rsi` the strategy uses). */
  rsi(i: number, period: number): Float64Array {
    const key = `${i}:${period}`;
    let r = this.#rsi.get(key);
    if (r === undefined) {
      const close = this.series[i]!.close;
      const ind = new Rsi(period);
      r = Float64Array.from(close, (x) => ind.add(x));
      this.#rsi.set(key, r);
    }
    return r;
  }

  /** Wilder ATR of symbol `i` by own bar, bar included (the streaming `Atr`). */
  atr(i: number, period: number): Float64Array {
    const key = `${i}:${period}`;
    let r = this.#atr.get(key);
    if (r === undefined) {
      const s = this.series[i]!;
      const ind = new Atr(period);
      r = new Float64Array(s.close.length);
      for (let j = 0; j < r.length; j++) r[j] = ind.add({ open: s.open[j]!, high: s.high[j]!, low: s.low[j]!, close: s.close[j]!, volume: s.volume[j]! });
      this.#atr.set(key, r);
    }
    return r;
  }

  /** Highest high of the `window` own bars BEFORE each bar (NaN until there are that many). */
  upperChannel(i: number, window: number): Float64Array {
    return this.#channel(this.#upper, i, window, true);
  }

  /** Lowest low of the `window` own bars BEFORE each bar (NaN until there are that many). */
  lowerChannel(i: number, window: number): Float64Array {
    return this.#channel(this.#lower, i, window, false);
  }

  #channel(cache: Map<string, Float64Array>, i: number, window: number, upper: boolean): Float64Array {
    const key = `${i}:${window}`;
    let r = cache.get(key);
    if (r === undefined) {
      const s = this.series[i]!;
      const x = upper ? s.high : s.low;
      const ind = upper ? new RollingMax(window) : new RollingMin(window);
      r = new Float64Array(x.length);
      for (let j = 0; j < x.length; j++) {
        r[j] = ind.value;
        ind.add(x[j]!);
      }
      cache.set(key, r);
    }
    return r;
  }
}
