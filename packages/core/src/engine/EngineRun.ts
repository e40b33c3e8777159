/**
 * What the engine produces: the equity curve, positions over time, every order, fill and event,
 * the closed round-trip trades, and the policies that produced them. `backtest()` completes it
 * into a `BacktestResult` (frequency, diagnostics, metrics and report methods); the engine itself
 * knows nothing of the analyzer or the report layer.
 */
import type { Trade } from '../ledger/Trade.js';
import type { Fill, Order } from '../orders/Order.js';
import type { IntrabarPath } from '../orders/fillRules.js';
import type { OcoPriority } from './BacktestConfig.js';
import type { MarginCalled, OrderEvent } from './events.js';

/** The fill and cost policies a result was produced under, stated with it. */
export interface FillPolicy {
  /** Always `next-bar`: an order fills at the earliest on the bar after the one that produced it. */
  readonly fillTiming: 'next-bar';
  /** Name of the fill model and the intrabar path it assumes. */
  readonly fillModel: string;
  readonly intrabarPath: IntrabarPath;
  readonly ocoPriority: OcoPriority;
  readonly fees: string;
  readonly slippage: string;
  readonly borrow: string;
  readonly interest: string;
  readonly volumeLimit: string;
  readonly margin: string;
  readonly fractional: boolean;
  readonly seed: number;
}

/** A position still open at the end of a run (not a trade: trades are closed round trips). */
export interface OpenPosition {
  readonly symbol: string;
  /** Signed shares: negative = short. */
  readonly quantity: number;
  /** Entry price per share of the open FIFO lots. */
  readonly averagePrice: number;
  /** Entry time (epoch ms) of the oldest open lot. */
  readonly entryTime: number;
  /** The symbol's last known close, at which the position is marked. */
  readonly lastPrice: number;
  /** `quantity × lastPrice` (negative for a short). */
  readonly marketValue: number;
  /** `(lastPrice − averagePrice) × quantity`, before fees. */
  readonly unrealisedPnl: number;
}

/** The account's equity reached zero at a bar's close: trading stopped there. */
export interface Ruin {
  /** Epoch ms of the bar whose close took equity to zero or below. */
  readonly time: number;
  /** Index of that bar on the result's time index. */
  readonly index: number;
  /** Equity at that close (<= 0). */
  readonly equity: number;
}

/** A symbol whose data ended before the run did, and how its position was closed. */
export interface Delisting {
  readonly symbol: string;
  /** Epoch ms of the first bar after the symbol's last one (when it was delisted). */
  readonly time: number;
  /** Epoch ms of the symbol's last bar. */
  readonly lastBarTime: number;
  /** Signed shares closed (0 when none were held). */
  readonly quantity: number;
  /** Closing price: the last close × (1 + delisting return). */
  readonly price: number;
}

/** The outcome of one engine run. Money as numbers here; the exact decimals are in `exact`. */
export interface EngineRun {
  /** Strategy class name and parameters. */
  readonly strategy: string;
  readonly params: Readonly<object>;
  readonly symbols: readonly string[];
  /** The engine's time index (epoch ms; date labels for daily data). */
  readonly time: Float64Array;
  /** Equity at each bar's close: cash + positions at their last known close. */
  readonly equity: Float64Array;
  /** Simple periodic returns of the equity curve (the first measured from the initial cash). */
  readonly returns: Float64Array;
  readonly cash: Float64Array;
  /** Market value of long positions at each bar's close (>= 0). */
  readonly longValue: Float64Array;
  /** Absolute market value of short positions at each bar's close (>= 0). */
  readonly shortValue: Float64Array;
  /** Signed shares held at each bar's close, per symbol. */
  readonly positions: ReadonlyMap<string, Float64Array>;
  /** Every order's final state, in submission order. */
  readonly orders: readonly Order[];
  readonly fills: readonly Fill[];
  /** Closed round trips, FIFO (open positions at the end are not trades). */
  readonly trades: readonly Trade[];
  /** Positions still open after the last bar, marked at their last close, in symbol order. */
  readonly openPositions: readonly OpenPosition[];
  /** Every order event, in the order emitted (empty unless `recordEvents` was set). */
  readonly events: readonly OrderEvent[];
  readonly marginCalls: readonly MarginCalled[];
  /**
   * Set when equity reached zero: no order was accepted after that bar, every position was closed
   * at the next open, and `metrics()` measure the run up to that bar.
   */
  readonly ruin: Ruin | null;
  /** Symbols whose data ended before the run, in the order they were delisted. */
  readonly delistings: readonly Delisting[];
  readonly initialCash: number;
  /** Equity at the end, positions at their last close (from the exact ledger). */
  readonly finalEquity: number;
  readonly finalCash: number;
  /** Exact decimal strings from the ledger. */
  readonly exact: { readonly finalEquity: string; readonly finalCash: string };
  readonly totals: { readonly realisedPnl: number; readonly fees: number; readonly borrow: number; readonly interest: number };
  readonly policy: FillPolicy;
  /** Wall-clock run time in milliseconds (the only non-deterministic field). */
  readonly wallTimeMs: number;
}
