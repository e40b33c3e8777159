/**
 * Events the engine emits (past tense) and delivers to `Strategy.onOrderEvent`.
 */
import type { CancelReason, Fill, Order, RejectReason } from '../orders/Order.js';

/** An order passed validation and is working (or, for a bracket child, waiting for its entry). */
export interface OrderAccepted {
  readonly type: 'accepted';
  readonly time: number;
  readonly order: Order;
}

/** A fill; `order.status` says whether the order is now `filled` or `partially_filled`. */
export interface OrderFilled {
  readonly type: 'filled';
  readonly time: number;
  readonly order: Order;
  readonly fill: Fill;
}

export type { CancelReason } from '../orders/Order.js';

/** The order was cancelled: by the strategy, by its OCO/bracket sibling, or by a margin call. */
export interface OrderCancelled {
  readonly type: 'cancelled';
  readonly time: number;
  readonly order: Order;
  /**
   * `'requested'`, `'oco'` (a sibling or a bracket exit filled), `'ioc'` (unfilled rest),
   * `'margin_call'`, `'parent_cancelled'`, `'delisted'` (the symbol's data ended), `'ruined'`
   * (equity reached zero).
   */
  readonly reason: CancelReason;
}

/** A `day` or `opg` order that did not fill in time. */
export interface OrderExpired {
  readonly type: 'expired';
  readonly time: number;
  readonly order: Order;
}

/** The order was refused, at submission or at fill time (e.g. it could not be afforded). */
export interface OrderRejected {
  readonly type: 'rejected';
  readonly time: number;
  readonly order: Order;
  readonly reason: RejectReason;
  /** One line quoting the values behind the rejection. */
  readonly message: string;
}

/** Any order event. */
export type OrderEvent = OrderAccepted | OrderFilled | OrderCancelled | OrderExpired | OrderRejected;

/** Equity fell below the maintenance requirement; every position is liquidated at the next open. */
export interface MarginCalled {
  readonly type: 'margin_call';
  readonly time: number;
  readonly equity: number;
  /** Maintenance requirement at the time (fraction × gross exposure). */
  readonly requirement: number;
  readonly grossExposure: number;
}
