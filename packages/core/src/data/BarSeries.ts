/**
 * Columnar bar data for one symbol: one `Float64Array` per field, all of the same length,
 * times strictly increasing.
 */
import { InvariantError } from '../errors.js';

/** The price and volume fields of a bar. */
export const BarField = {
  Open: 'open',
  High: 'high',
  Low: 'low',
  Close: 'close',
  Volume: 'volume',
} as const;
/** {@inheritDoc BarField} */
export type BarField = (typeof BarField)[keyof typeof BarField];

/** All bar fields, in OHLCV order. */
export const BAR_FIELDS: readonly BarField[] = ['open', 'high', 'low', 'close', 'volume'];

/** Bar spacing: one bar per session (`daily`), or several per session (`intraday`). */
export const BarFrequency = { Daily: 'daily', Intraday: 'intraday' } as const;
/** {@inheritDoc BarFrequency} */
export type BarFrequency = (typeof BarFrequency)[keyof typeof BarFrequency];

/**
 * How prices were adjusted while loading: `raw` keeps the file's Open/High/Low/Close; `adjusted`
 * scales them by `Adj Close / Close` of the same row (volume by the inverse, so traded value is
 * unchanged).
 */
export const PriceAdjustment = { Raw: 'raw', Adjusted: 'adjusted' } as const;
/** {@inheritDoc PriceAdjustment} */
export type PriceAdjustment = (typeof PriceAdjustment)[keyof typeof PriceAdjustment];

/**
 * One symbol's bars. Treat the arrays as read-only: they may be shared with a cache or an Arrow
 * buffer.
 *
 * Daily bars are labelled with the date label of their session (epoch ms of UTC midnight of the
 * session date); intraday bars with the epoch-ms instant the file gives.
 */
export interface BarSeries {
  readonly symbol: string;
  /** Number of bars. */
  readonly length: number;
  /** Bar time labels, epoch milliseconds, strictly increasing. */
  readonly time: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  /** Traded quantity; `NaN` on every bar when the source has no volume column. */
  readonly volume: Float64Array;
  /**
   * The fields read from the source. A close-only source (a wide price file) has `['close']`:
   * its open, high and low repeat the close, and its volume is `NaN`.
   */
  readonly fields: readonly BarField[];
  readonly frequency: BarFrequency;
  readonly adjustment: PriceAdjustment;
  /** Where the bars came from (a file path, or a caller-given name). */
  readonly source: string;
}

/** The arrays and metadata from which {@link createBarSeries} builds a series. */
export interface BarSeriesInit {
  readonly symbol: string;
  readonly time: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
  readonly fields: readonly BarField[];
  readonly frequency: BarFrequency;
  readonly adjustment: PriceAdjustment;
  readonly source: string;
}

/**
 * Builds a frozen {@link BarSeries}, checking that every array has the same length and that times
 * strictly increase.
 *
 * @throws {InvariantError} on a length mismatch or a time that does not increase.
 * @example
 * const s = createBarSeries({ symbol: 'X', time, open, high, low, close, volume,
 *   fields: BAR_FIELDS, frequency: 'daily', adjustment: 'raw', source: 'x.csv' });
 */
export function createBarSeries(init: BarSeriesInit): BarSeries {
  const length = init.time.length;
  for (const field of BAR_FIELDS) {
    if (init[field].length !== length) {
      throw new InvariantError(
        `series "${init.symbol}": field "${field}" has ${init[field].length} values, time has ${length}`,
      );
    }
  }
  const t = init.time;
  for (let i = 1; i < length; i++) {
    if (!(t[i]! > t[i - 1]!)) {
      throw new InvariantError(
        `series "${init.symbol}": time must strictly increase, got "${t[i - 1]}" then "${t[i]}" at index ${i}`,
      );
    }
  }
  return freezeBarSeries(init);
}

/**
 * {@link createBarSeries} without the checks, for callers that have just established them (the
 * loader validates every row): a second pass over a million times is not free. Not public.
 */
export function freezeBarSeries(init: BarSeriesInit): BarSeries {
  return Object.freeze({ ...init, length: init.time.length, fields: Object.freeze([...init.fields]) });
}
