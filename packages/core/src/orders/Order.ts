/**
 * Orders as plain, immutable values: what a strategy asks for (`OrderRequest`), the engine's view
 * of it over time (`Order` snapshots), and what the market gave (`Fill`).
 */

/** Branded order identifier (`"o-1"`, `"o-2"`, … in submission order). */
export type OrderId = string & { readonly __brand: 'OrderId' };

/** Buy or sell. A sell without a position opens a short. */
export const OrderSide = { Buy: 'buy', Sell: 'sell' } as const;
/** {@inheritDoc OrderSide} */
export type OrderSide = (typeof OrderSide)[keyof typeof OrderSide];

/** Order types the simulator fills. */
export const OrderType = {
  Market: 'market',
  Limit: 'limit',
  Stop: 'stop',
  StopLimit: 'stop_limit',
  TrailingStop: 'trailing_stop',
} as const;
/** {@inheritDoc OrderType} */
export type OrderType = (typeof OrderType)[keyof typeof OrderType];

/**
 * Time in force: `gtc` works until filled or cancelled (the default in backtests); `day` until the
 * end of the session of its first eligible bar; `ioc` gets one bar to fill, the rest is cancelled;
 * `opg` fills at the next open or expires.
 */
export const TimeInForce = { Day: 'day', Gtc: 'gtc', Ioc: 'ioc', Opg: 'opg' } as const;
/** {@inheritDoc TimeInForce} */
export type TimeInForce = (typeof TimeInForce)[keyof typeof TimeInForce];

/** Life-cycle states of an order. */
export const OrderStatus = {
  /** Accepted and waiting for a bar (also: a bracket child waiting for its parent to fill). */
  Accepted: 'accepted',
  PartiallyFilled: 'partially_filled',
  Filled: 'filled',
  Cancelled: 'cancelled',
  Expired: 'expired',
  Rejected: 'rejected',
} as const;
/** {@inheritDoc OrderStatus} */
export type OrderStatus = (typeof OrderStatus)[keyof typeof OrderStatus];

/** Why an order was rejected (an expected outcome, so a value, not an exception). */
export const RejectReason = {
  /** Quantity is zero, negative, not finite, or fractional while fractional trading is off. */
  InvalidQuantity: 'invalid_quantity',
  /** A required price is missing or not positive, or prices contradict each other. */
  InvalidPrice: 'invalid_price',
  /** The symbol is not in the data. */
  UnknownSymbol: 'unknown_symbol',
  /** Cash (or buying power) does not cover the fill plus fees. */
  InsufficientFunds: 'insufficient_funds',
  /** The fill would break the initial margin requirement. */
  MarginRequirement: 'margin_requirement',
  /** Short sale of a symbol on the not-shortable list. */
  NotShortable: 'not_shortable',
  /** A sale that would open a short in a cash account (`CashAccount`, the default): pass a margin model to short. */
  ShortNotAllowed: 'short_not_allowed',
  /** Slippage would take a sell's fill price to zero or below (e.g. square-root impact on a thin bar). */
  SlippageExceedsPrice: 'slippage_exceeds_price',
  /** The account's equity reached zero: trading has stopped (see `BacktestResult.ruin`). */
  AccountRuined: 'account_ruined',
} as const;
/** {@inheritDoc RejectReason} */
export type RejectReason = (typeof RejectReason)[keyof typeof RejectReason];

/**
 * Why an order was cancelled: `requested` (by the strategy), `oco` (a sibling or a bracket exit
 * filled), `ioc` (the unfilled rest of an ioc order), `margin_call`, `parent_cancelled` (a bracket
 * entry ended unfilled), `delisted` (the symbol's data ended), `ruined` (equity reached zero),
 * `target_reached` (a fill-time target order found the position already at its target).
 */
export type CancelReason = 'requested' | 'oco' | 'ioc' | 'margin_call' | 'parent_cancelled' | 'delisted' | 'ruined' | 'target_reached';

/** What a strategy asks for. Prices are in the data's price units. */
export interface OrderRequest {
  readonly symbol: string;
  readonly side: OrderSide;
  /** Shares (> 0); whole numbers unless fractional trading is enabled. */
  readonly quantity: number;
  /** Default `market`. */
  readonly type?: OrderType;
  /** Limit price: required for `limit` and `stop_limit`. */
  readonly limitPrice?: number;
  /** Trigger price: required for `stop` and `stop_limit`. */
  readonly stopPrice?: number;
  /** Trailing stop distance in price units (one of `trailAmount`, `trailPercent`). */
  readonly trailAmount?: number;
  /** Trailing stop distance as a fraction of the best price since submission (0.05 = 5%). */
  readonly trailPercent?: number;
  /** Default `gtc`. */
  readonly timeInForce?: TimeInForce;
  /** Free text carried into events and results. */
  readonly tag?: string;
  /**
   * Fill-time sizing, market orders only: trade this many dollars, the quantity resolved at the
   * fill price (`floor(notional / price)` whole shares unless fractional). `quantity` is then only
   * the estimate at the last close. See `ctx.buyNotional`.
   */
  readonly notional?: number;
  /**
   * Fill-time sizing, market orders only: trade toward `targetPercent × equity` in the symbol,
   * equity and quantity resolved at the fill price. See `ctx.orderTargetPercent(…, { at: 'fill' })`.
   */
  readonly targetPercent?: number;
}

/** One fill (or partial fill) of an order. Money amounts in account currency. */
export interface Fill {
  readonly orderId: OrderId;
  readonly symbol: string;
  readonly side: OrderSide;
  /** Epoch ms of the bar the fill happened on. */
  readonly time: number;
  readonly quantity: number;
  /** Price after slippage. */
  readonly price: number;
  /** Slippage paid per share (>= 0, already in `price`). */
  readonly slippage: number;
  readonly fee: number;
}

/** An order's state at one moment (a new frozen snapshot is made on every change). */
export interface Order extends Required<Pick<OrderRequest, 'symbol' | 'side' | 'quantity' | 'type' | 'timeInForce'>> {
  readonly id: OrderId;
  readonly limitPrice: number | undefined;
  readonly stopPrice: number | undefined;
  readonly trailAmount: number | undefined;
  readonly trailPercent: number | undefined;
  readonly tag: string | undefined;
  readonly status: OrderStatus;
  readonly filledQuantity: number;
  /** Volume-weighted fill price so far (NaN before the first fill). */
  readonly averageFillPrice: number;
  /** Epoch ms of the bar whose decide phase submitted it. */
  readonly submittedAt: number;
  /** OCO or bracket group, when part of one. */
  readonly groupId: string | undefined;
  /** Bracket children: the entry order they wait for. */
  readonly parentId: OrderId | undefined;
  readonly rejectReason: RejectReason | undefined;
  /** Why it was cancelled (set only when `status` is `cancelled`). */
  readonly cancelReason: CancelReason | undefined;
  /** Fill-time sizing in dollars (see `OrderRequest.notional`); `quantity` is the resolved one after the first fill. */
  readonly notional: number | undefined;
  /** Fill-time target fraction of equity (see `OrderRequest.targetPercent`). */
  readonly targetPercent: number | undefined;
}
