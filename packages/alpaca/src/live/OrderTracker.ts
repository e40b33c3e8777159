/**
 * Turns the broker's order updates — possibly duplicated, out of order, or missed while a stream
 * was down — into exactly one application of each share filled. Fills are de-duplicated by
 * execution id, and the increment is always derived from the order's cumulative `filled_qty`
 * (monotonic), so a replayed or reordered event adds nothing and a REST snapshot after a
 * reconnect infers whatever fills the stream lost (as NautilusTrader's reconciliation does).
 */
import type { BrokerOrder, BrokerOrderUpdate } from '@qt-backtest/core';
import { TERMINAL_ORDER_STATUSES } from '@qt-backtest/core';
import { Decimal } from 'decimal.js';

/** What we know of one of our orders. */
export interface TrackedOrder {
  readonly clientOrderId: string;
  brokerId: string | null;
  readonly symbol: string;
  readonly side: 'buy' | 'sell';
  readonly quantity: Decimal;
  status: string;
  filled: Decimal;
  /** Σ quantity × price of what has been applied. */
  notional: Decimal;
  /** Parent (execution-model slices). */
  readonly parentId: string | undefined;
}

/** One increment to apply to the book. */
export interface AppliedFill {
  readonly order: TrackedOrder;
  readonly quantity: Decimal;
  /** Average price of the increment (`notional / quantity`). */
  readonly price: Decimal;
  /**
   * Exact money of the increment: the event's `qty × price` when the event is the whole increment,
   * else `filled_qty × filled_avg_price` minus what was already booked (the broker's own total).
   */
  readonly notional: Decimal;
  /** `stream` (an event) or `inferred` (a REST snapshot showed more filled than we had seen). */
  readonly source: 'stream' | 'inferred';
  readonly executionId: string | undefined;
}

/** The outcome of one update. */
export interface TrackResult {
  readonly fill: AppliedFill | null;
  /** The status changed (for order events). */
  readonly statusChanged: boolean;
  readonly duplicate: boolean;
  /** An update for an order we do not track (someone else's, or a previous run's). */
  readonly unknown: boolean;
}

/** Keeps our orders. */
export class OrderTracker {
  readonly #byClientId = new Map<string, TrackedOrder>();
  readonly #seenExecutions = new Set<string>();

  /** Starts tracking an order we are about to submit. */
  track(o: { clientOrderId: string; symbol: string; side: 'buy' | 'sell'; quantity: Decimal.Value; parentId?: string }): TrackedOrder {
    const t: TrackedOrder = {
      clientOrderId: o.clientOrderId,
      brokerId: null,
      symbol: o.symbol,
      side: o.side,
      quantity: new Decimal(o.quantity),
      status: 'pending_submit',
      filled: new Decimal(0),
      notional: new Decimal(0),
      parentId: o.parentId,
    };
    this.#byClientId.set(o.clientOrderId, t);
    return t;
  }

  get(clientOrderId: string): TrackedOrder | undefined {
    return this.#byClientId.get(clientOrderId);
  }

  /** Every tracked order. */
  all(): readonly TrackedOrder[] {
    return [...this.#byClientId.values()];
  }

  /** Orders that can still fill. */
  working(): readonly TrackedOrder[] {
    return this.all().filter((o) => !TERMINAL_ORDER_STATUSES.has(o.status) && o.status !== 'submit_failed');
  }

  /** Applies a stream update. */
  onUpdate(u: BrokerOrderUpdate): TrackResult {
    if (u.executionId !== undefined) {
      if (this.#seenExecutions.has(u.executionId)) return { fill: null, statusChanged: false, duplicate: true, unknown: false };
      this.#seenExecutions.add(u.executionId);
    }
    const eventPrice = u.price !== undefined && u.quantity !== undefined ? { price: u.price, quantity: u.quantity } : undefined;
    return this.#apply(u.order, 'stream', u.executionId, eventPrice);
  }

  /** Applies a REST snapshot (reconciliation): missed fills are inferred from `filled_qty`. */
  onSnapshot(order: BrokerOrder): TrackResult {
    return this.#apply(order, 'inferred', undefined, undefined);
  }

  #apply(order: BrokerOrder, source: 'stream' | 'inferred', executionId: string | undefined, event: { price: string; quantity: string } | undefined): TrackResult {
    const t = this.#byClientId.get(order.clientOrderId);
    if (t === undefined) return { fill: null, statusChanged: false, duplicate: false, unknown: true };
    t.brokerId ??= order.id;
    const cumulative = new Decimal(order.filledQuantity);
    const delta = cumulative.sub(t.filled);
    let fill: AppliedFill | null = null;
    if (delta.gt(0)) {
      let notional: Decimal;
      if (event !== undefined && new Decimal(event.quantity).eq(delta)) notional = delta.mul(event.price);
      else if (order.averageFillPrice !== null) notional = cumulative.mul(order.averageFillPrice).sub(t.notional);
      else if (event !== undefined) notional = delta.mul(event.price);
      else throw new RangeError(`order ${order.clientOrderId}: filled ${cumulative} but no average price to value the increment`);
      t.filled = cumulative;
      t.notional = t.notional.add(notional);
      fill = { order: t, quantity: delta, price: notional.div(delta), notional, source, executionId };
    }
    // Out-of-order events must not move the status backwards.
    let statusChanged = false;
    if (!delta.lt(0) && order.status !== t.status && !(TERMINAL_ORDER_STATUSES.has(t.status) && !TERMINAL_ORDER_STATUSES.has(order.status))) {
      t.status = order.status;
      statusChanged = true;
    }
    return { fill, statusChanged, duplicate: false, unknown: false };
  }
}
