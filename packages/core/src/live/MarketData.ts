/**
 * The data side of live trading: historical bars for warm-up and a live bar stream.
 * `@qt-backtest/alpaca` implements it; {@link NullMarketData} is the do-nothing implementation.
 */
import type { StreamStatus, StreamSubscription } from './Broker.js';

/** One bar of one symbol. Prices are data (`number`), as in backtests. */
export interface LiveBar {
  readonly symbol: string;
  /** Time label in epoch ms: the bar's start for intraday bars, the UTC midnight of its date for daily bars. */
  readonly time: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

/** Bar sizes the live runner understands. */
export type LiveTimeframe = '1Min' | '1Day';

/** Parameters of {@link MarketData.historicalBars}. */
export interface HistoricalBarsParams {
  readonly symbols: readonly string[];
  readonly timeframe: LiveTimeframe;
  /** Epoch ms, inclusive. */
  readonly start: number;
  /** Epoch ms, inclusive. */
  readonly end: number;
}

/** Parameters of {@link MarketData.subscribeBars}. */
export interface BarStreamParams {
  readonly symbols: readonly string[];
  readonly onBar: (bar: LiveBar) => void;
  readonly onStatus?: (status: StreamStatus) => void;
}

/**
 * Bars for live trading.
 *
 * @example
 * const warmup = await data.historicalBars({ symbols: ['AAPL'], timeframe: '1Min', start, end });
 * const sub = data.subscribeBars({ symbols: ['AAPL'], onBar: (b) => queue.push(b) });
 */
export interface MarketData {
  readonly name: string;
  /** Every bar in the window, sorted by time then symbol (all pages fetched). */
  historicalBars(params: HistoricalBarsParams): Promise<readonly LiveBar[]>;
  /** Pushes each completed bar as it arrives, until closed. */
  subscribeBars(params: BarStreamParams): StreamSubscription;
}
