/**
 * What a strategy sees and does during a bar: the current time, data up to and including the
 * current bar (never later), the account, and order entry. The same interface serves backtests and,
 * later, live trading.
 */
import type { BarField } from '../data/BarSeries.js';
import type { Order, OrderId, OrderRequest, OrderType, TimeInForce } from '../orders/Order.js';
import type { BarSnapshot } from '../simulator/SlippageModel.js';
import type { SeriesView } from './SeriesView.js';

/** One bar of one symbol. */
export interface Bar extends BarSnapshot {
  readonly symbol: string;
}

/** A position as plain numbers (converted from the exact ledger). */
export interface PositionSnapshot {
  readonly symbol: string;
  /** Signed shares: negative when short, 0 when flat. */
  readonly quantity: number;
  /** Mean entry price of the open lots (NaN when flat). */
  readonly averagePrice: number;
  /** Last known close (NaN before the first bar). */
  readonly price: number;
  /** `quantity × price`. */
  readonly marketValue: number;
  /** `(price − averagePrice) × quantity`. */
  readonly unrealisedPnl: number;
  /** Realised P&L of this symbol so far (FIFO). */
  readonly realisedPnl: number;
}

/** Options shared by the order shortcuts. */
export interface OrderOptions {
  readonly type?: OrderType;
  readonly limitPrice?: number;
  readonly stopPrice?: number;
  readonly trailAmount?: number;
  readonly trailPercent?: number;
  readonly timeInForce?: TimeInForce;
  readonly tag?: string;
  /**
   * `orderTargetPercent` only: `'signal'` (default) sizes at the last close when the order is
   * submitted; `'fill'` sizes again at the fill price, against equity revalued there (a market
   * order), so a gap at the next open cannot turn "99 % of equity" into a rejection.
   */
  readonly at?: 'signal' | 'fill';
}

/** Options of the notional order shortcuts (market orders). */
export interface NotionalOptions {
  readonly timeInForce?: TimeInForce;
  readonly tag?: string;
}

/** A bracket: an entry order plus a take-profit limit and a stop-loss, one cancelling the other. */
export interface BracketRequest {
  readonly symbol: string;
  readonly side: 'buy' | 'sell';
  readonly quantity: number;
  /** The entry (default: a market order). */
  readonly entry?: Pick<OrderOptions, 'type' | 'limitPrice' | 'stopPrice' | 'timeInForce'>;
  /** Limit price of the take-profit exit. */
  readonly takeProfit: number;
  /** Trigger of the stop-loss exit (with `stopLimit`, a stop-limit). */
  readonly stopLoss: number;
  readonly stopLimit?: number;
  readonly tag?: string;
}

/** The three orders of a bracket. */
export interface BracketOrders {
  readonly entry: Order;
  readonly takeProfit: Order;
  readonly stopLoss: Order;
}

/** The strategy's window on the engine during one bar. */
export interface StrategyContext {
  /** Time label of the current bar (epoch ms; a date label for daily data). */
  readonly time: number;
  /** Index of the current bar on the engine's time index, from 0. */
  readonly index: number;
  /** Every symbol in the data. */
  readonly symbols: readonly string[];
  /** A uniform number in [0, 1) from the run's seeded generator (same seed, same draws). */
  random(): number;
  /** Cash balance (negative: borrowed on margin). */
  readonly cash: number;
  /** Cash plus positions marked at their last known close. */
  readonly equity: number;
  /**
   * Market value of new long positions the account can still open under its margin model, at the
   * last closes: `(equity − initial requirement) / requirement per unit` (a cash account: equity
   * minus gross exposure; Reg T 50 %: twice that). Size entries from this or `equity`, never from
   * `cash`, which includes short-sale proceeds.
   */
  readonly buyingPower: number;
  /** The symbol's bar at the current time, or `undefined` when it has none (not traded, delisted). */
  bar(symbol: string): Bar | undefined;
  /** Whether the symbol has a bar at the current time — `bar(symbol) !== undefined` without allocating. */
  hasBar(symbol: string): boolean;
  /**
   * A field of the symbol's bar `ago` of its own bars back (0 = its latest bar, which is the
   * current one when `hasBar`), without allocating. `ago` counts the symbol's own bars whatever the
   * input (series or panel), so a gap or a late start never shifts it.
   *
   * @throws {LookAheadError} for a negative `ago`.
   * @returns NaN when the symbol has fewer bars.
   */
  value(symbol: string, field: BarField, ago?: number): number;
  /** Last known close (NaN before the symbol's first bar). */
  price(symbol: string): number;
  /**
   * A precomputed feature (`backtest({ features })`) of a symbol at its latest bar, or `ago` of its
   * own bars back (0 = latest), as in {@link StrategyContext.value}.
   *
   * @throws {LookAheadError} for a negative `ago`.
   * @throws {InvariantError} when the run has no such feature.
   */
  feature(name: string, symbol: string, ago?: number): number;
  /** The last `length` values of a field, ending at the current bar (shorter early on). */
  history(symbol: string, field: BarField, length: number): SeriesView;
  position(symbol: string): PositionSnapshot;
  /** Working orders (accepted or partially filled), all or of one symbol. */
  openOrders(symbol?: string): readonly Order[];
  /** Submits an order; it can fill from the next bar on. */
  order(request: OrderRequest): Order;
  buy(symbol: string, quantity: number, options?: OrderOptions): Order;
  sell(symbol: string, quantity: number, options?: OrderOptions): Order;
  bracket(request: BracketRequest): BracketOrders;
  /** Submits two orders that cancel each other: when one fills, the other is cancelled. */
  oco(first: OrderRequest, second: OrderRequest): readonly [Order, Order];
  /** Orders the difference to reach `target` shares (net of working orders); `null` when already there. */
  orderTargetQuantity(symbol: string, target: number, options?: OrderOptions): Order | null;
  /**
   * Orders toward `fraction × equity` in the symbol at its last close (whole shares unless
   * fractional trading is on); `null` when no order is needed. With `{ at: 'fill' }` a market
   * order is sized again at the fill price (target `fraction × equity at the fill / fill price`,
   * working orders of the symbol not netted then; `target_reached` cancels it when nothing is left).
   */
  orderTargetPercent(symbol: string, fraction: number, options?: OrderOptions): Order | null;
  /**
   * A market buy of `dollars` worth of the symbol, the quantity resolved at the fill price:
   * `floor(dollars / price)` whole shares (fractional when enabled), as Alpaca's notional orders.
   * Until it fills, the order's `quantity` is the estimate at the last close.
   *
   * @example ctx.buyNotional('AAPL', 10_000);
   */
  buyNotional(symbol: string, dollars: number, options?: NotionalOptions): Order;
  /** The selling mirror of {@link StrategyContext.buyNotional}. */
  sellNotional(symbol: string, dollars: number, options?: NotionalOptions): Order;
  /** Orders the position to zero (and cancels the symbol's working orders). */
  closePosition(symbol: string): Order | null;
  /** Cancels a working order; false when it is not working. */
  cancel(orderId: OrderId): boolean;
  /** Cancels every working order, or those of one symbol; returns how many. */
  cancelAll(symbol?: string): number;
}
