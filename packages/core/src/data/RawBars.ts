/**
 * Growable columns for one symbol's bars as they are read, before checks and trimming. Capacity
 * doubles, so memory stays proportional to the output columns, never to the input text.
 */
export class RawBars {
  readonly symbol: string;
  /** Number of rows held. */
  length = 0;
  /** Epoch-ms instant of each row. */
  time: Float64Array;
  /** Date label when the row's time is a local midnight, else NaN; `null`: no row is a date. */
  day: Float64Array | null;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  adjClose: Float64Array;
  volume: Float64Array;
  /** Source position: 1-based line (text) or 0-based row (Arrow); `null`: the row index. */
  position: Float64Array | null;

  constructor(symbol: string, capacity = 1024) {
    this.symbol = symbol;
    const c = Math.max(16, capacity);
    this.time = new Float64Array(c);
    this.day = new Float64Array(c);
    this.open = new Float64Array(c);
    this.high = new Float64Array(c);
    this.low = new Float64Array(c);
    this.close = new Float64Array(c);
    this.adjClose = new Float64Array(c);
    this.volume = new Float64Array(c);
    this.position = new Float64Array(c);
  }

  /** Appends one row. */
  push(
    time: number,
    day: number,
    open: number,
    high: number,
    low: number,
    close: number,
    adjClose: number,
    volume: number,
    position: number,
  ): void {
    if (this.length === this.time.length) this.#grow();
    const i = this.length++;
    this.time[i] = time;
    this.day![i] = day;
    this.open[i] = open;
    this.high[i] = high;
    this.low[i] = low;
    this.close[i] = close;
    this.adjClose[i] = adjClose;
    this.volume[i] = volume;
    this.position![i] = position;
  }

  #grow(): void {
    const c = this.time.length * 2;
    const grow = (a: Float64Array): Float64Array => {
      const b = new Float64Array(c);
      b.set(a);
      return b;
    };
    this.time = grow(this.time);
    this.day = grow(this.day!);
    this.open = grow(this.open);
    this.high = grow(this.high);
    this.low = grow(this.low);
    this.close = grow(this.close);
    this.adjClose = grow(this.adjClose);
    this.volume = grow(this.volume);
    this.position = grow(this.position!);
  }
}

/**
 * Columns for {@link rawBarsOf}; every array must have at least `length` values. `day` is `null`
 * when no row is a date (intraday data) and `position` is `null` when positions are row indices:
 * a million-row Arrow table then needs no extra arrays.
 */
export interface RawColumns {
  readonly time: Float64Array;
  readonly day: Float64Array | null;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly adjClose: Float64Array;
  readonly volume: Float64Array;
  readonly position: Float64Array | null;
}

/** Wraps existing columns (e.g. Arrow buffers, without copying) as {@link RawBars}. */
export function rawBarsOf(symbol: string, length: number, columns: RawColumns): RawBars {
  const bars = new RawBars(symbol, 0);
  Object.assign(bars, columns);
  bars.length = length;
  return bars;
}

/** Row indices `0..n-1` as a column, for sources whose positions are row numbers. */
export function indexColumn(n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}
