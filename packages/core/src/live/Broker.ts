/**
 * The execution side of live trading as core sees it: a broker that takes orders and reports
 * orders, positions, the account and the market's clock and calendar. `@qt-backtest/alpaca`
 * implements it; {@link NullBroker} is the do-nothing implementation.
 *
 * Money and quantities cross this interface as **decimal strings** (`"10"`, `"629.98"`) so that
 * nothing is rounded through a binary `number` on its way into the exact ledger.
 */

/** A decimal number as text, exactly as the broker sent it (`"0.5"`, `"-10"`, `"101.25"`). */
export type DecimalString = string;

/**
 * Order states a broker reports. Open-ended: brokers add states without notice, so unknown values
 * are kept as strings rather than rejected.
 */
export type BrokerOrderStatus =
  | 'new'
  | 'accepted'
  | 'pending_new'
  | 'partially_filled'
  | 'filled'
  | 'canceled'
  | 'expired'
  | 'rejected'
  | 'replaced'
  | 'pending_cancel'
  | 'pending_replace'
  | 'done_for_day'
  | 'held'
  | (string & {});

/** States after which an order can never fill again. */
export const TERMINAL_ORDER_STATUSES: ReadonlySet<string> = new Set(['filled', 'canceled', 'expired', 'rejected', 'replaced']);

/** An order as the broker reports it (one snapshot). */
export interface BrokerOrder {
  /** The broker's id (changes on replace). */
  readonly id: string;
  /** Our own idempotency key, unique per account forever. */
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: 'buy' | 'sell' | (string & {});
  readonly type: 'market' | 'limit' | 'stop' | 'stop_limit' | 'trailing_stop' | (string & {});
  readonly timeInForce: string;
  /** Ordered shares (null for a notional order). */
  readonly quantity: DecimalString | null;
  /** Cumulative filled shares. */
  readonly filledQuantity: DecimalString;
  /** Cumulative average fill price (null before the first fill). */
  readonly averageFillPrice: DecimalString | null;
  readonly limitPrice: DecimalString | null;
  readonly stopPrice: DecimalString | null;
  readonly status: BrokerOrderStatus;
  /** RFC 3339 submission time as sent (null when the broker gave none). */
  readonly submittedAt: string | null;
}

/** What to submit. `clientOrderId` is required: it is what makes a resend safe. */
export interface SubmitOrderParams {
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: 'buy' | 'sell';
  /** Shares, > 0. */
  readonly quantity: DecimalString;
  readonly type: 'market' | 'limit' | 'stop' | 'stop_limit' | 'trailing_stop';
  readonly timeInForce: 'day' | 'gtc' | 'ioc' | 'opg' | 'cls' | 'fok';
  readonly limitPrice?: DecimalString;
  readonly stopPrice?: DecimalString;
  readonly trailPrice?: DecimalString;
  readonly trailPercent?: DecimalString;
}

/** Changes to a working order (every field optional; `clientOrderId` names the replacement). */
export interface ReplaceOrderParams {
  readonly orderId: string;
  readonly quantity?: DecimalString;
  readonly limitPrice?: DecimalString;
  readonly stopPrice?: DecimalString;
  readonly timeInForce?: SubmitOrderParams['timeInForce'];
  readonly clientOrderId?: string;
}

/** Which orders to list. */
export interface OrderFilter {
  /** Default `open`. */
  readonly status?: 'open' | 'closed' | 'all';
  /** Only orders submitted strictly after this RFC 3339 time. */
  readonly after?: string;
  readonly symbols?: readonly string[];
}

/** One open position. Quantity is negative for a short. */
export interface BrokerPosition {
  readonly symbol: string;
  readonly quantity: DecimalString;
  readonly averageEntryPrice: DecimalString;
}

/** The account's balances and flags. */
export interface BrokerAccount {
  readonly id: string;
  readonly status: string;
  readonly currency: string;
  readonly cash: DecimalString;
  readonly equity: DecimalString;
  readonly buyingPower: DecimalString;
  /** True when the broker refuses new orders on this account. */
  readonly tradingBlocked: boolean;
}

/** The market's clock, from the broker (never the host's clock). */
export interface MarketClock {
  /** Market time in epoch ms. */
  readonly time: number;
  /** Whether the regular session is open. */
  readonly isOpen: boolean;
  /** Epoch ms of the next regular open and close. */
  readonly nextOpen: number;
  readonly nextClose: number;
}

/** One trading day of the broker's calendar (regular session bounds in epoch ms). */
export interface CalendarDay {
  /** `YYYY-MM-DD` (exchange-local date). */
  readonly date: string;
  readonly open: number;
  readonly close: number;
}

/** What the broker says about a tradable instrument. */
export interface BrokerAsset {
  readonly symbol: string;
  readonly tradable: boolean;
  readonly shortable: boolean;
  readonly fractionable: boolean;
}

/** An order event pushed by the broker (a fill carries its own execution id, quantity and price). */
export interface BrokerOrderUpdate {
  /** `new`, `partial_fill`, `fill`, `canceled`, … (open-ended). */
  readonly event: string;
  /** The order after this event. */
  readonly order: BrokerOrder;
  /** Unique per execution: the de-duplication key of fills. */
  readonly executionId?: string;
  /** This execution's shares and price (fills only). */
  readonly quantity?: DecimalString;
  readonly price?: DecimalString;
}

/** Connection states of a live stream. */
export type StreamState = 'connecting' | 'connected' | 'reconnecting' | 'stale' | 'closed' | 'fatal';

/** A change of a stream's state (for logs, metrics and reconciliation). */
export interface StreamStatus {
  readonly state: StreamState;
  /** Reconnect attempt number (0 on the first connection). */
  readonly attempt: number;
  /** Why, in one line (never containing credentials). */
  readonly reason?: string;
}

/** A running subscription. */
export interface StreamSubscription {
  /** Resolves once the stream is authenticated and subscribed for the first time. */
  readonly ready: Promise<void>;
  /** Stops the stream (no reconnect afterwards). */
  close(): Promise<void>;
}

/** Parameters of {@link Broker.subscribeOrderUpdates}. */
export interface OrderUpdateParams {
  readonly onUpdate: (update: BrokerOrderUpdate) => void;
  /** Called on every state change; `connected` after a reconnect is the cue to reconcile. */
  readonly onStatus?: (status: StreamStatus) => void;
}

/**
 * A broker: order entry, order/position/account queries, the market clock and calendar, and a
 * stream of order updates. Implementations must make `submitOrder` idempotent on `clientOrderId`.
 *
 * @example
 * const order = await broker.submitOrder({ clientOrderId: 'run1-1', symbol: 'AAPL', side: 'buy',
 *   quantity: '10', type: 'market', timeInForce: 'day' });
 */
export interface Broker {
  readonly name: string;
  /** Submits an order once; a resend with the same `clientOrderId` must never create a second one. */
  submitOrder(params: SubmitOrderParams): Promise<BrokerOrder>;
  /** Requests a cancel; false when the order is not cancelable (already done, unknown). */
  cancelOrder(params: { readonly orderId: string }): Promise<boolean>;
  /** Replaces a working order; returns the new order. */
  replaceOrder(params: ReplaceOrderParams): Promise<BrokerOrder>;
  listOrders(filter?: OrderFilter): Promise<readonly BrokerOrder[]>;
  /** The order with this client id, or null when the broker does not know it. */
  orderByClientId(params: { readonly clientOrderId: string }): Promise<BrokerOrder | null>;
  positions(): Promise<readonly BrokerPosition[]>;
  account(): Promise<BrokerAccount>;
  clock(): Promise<MarketClock>;
  /** Trading days from `start` to `end` inclusive (`YYYY-MM-DD`). */
  calendar(params: { readonly start: string; readonly end: string }): Promise<readonly CalendarDay[]>;
  /** The asset, or null when unknown. */
  asset(params: { readonly symbol: string }): Promise<BrokerAsset | null>;
  /** Pushes order updates (fills, cancels, rejects) until closed. */
  subscribeOrderUpdates(params: OrderUpdateParams): StreamSubscription;
}
