/**
 * The engine's mutable state of one order while it works, and its place in a contingency group.
 * Strategies only ever see frozen `Order` snapshots of it.
 *
 * Contingencies form an explicit state machine (see `role` and `OrderBook`):
 * - `single`: an order on its own.
 * - `oco`: one of two legs; when either trades, the other is cancelled (`oco`); cancelling one
 *   cancels the other.
 * - `bracket_entry`: an entry with two exits; when it ends without any fill its exits are cancelled
 *   (`parent_cancelled`); when an exit trades, the entry's unfilled rest is cancelled.
 * - `bracket_exit`: waiting (`active === false`) until its entry's first fill, then active and
 *   always sized to exactly what the entry has filled; the two exits are each other's OCO sibling.
 */
import type { CancelReason, Order, OrderId, OrderRequest, OrderSide, OrderStatus, OrderType, RejectReason, TimeInForce } from './Order.js';

/** Where an order sits in a contingency group. */
export type ContingencyRole = 'single' | 'oco' | 'bracket_entry' | 'bracket_exit';

/** Mutable engine-side state of one order; strategies only ever see frozen `Order` snapshots. */
export class WorkingOrder {
  status: OrderStatus = 'accepted';
  remaining = 0;
  filled = 0;
  /** Σ quantity × price over fills (for the average fill price). */
  filledValue = 0;
  fills = 0;
  /** Stop-limit: the stop has triggered. */
  triggered = false;
  /** Trailing stop: best price since submission. */
  best = Number.NaN;
  /** Session day of the first bar the order could fill on (`day` orders expire after it). */
  sessionDay = Number.NaN;
  /** Bracket children wait for their entry; OCO siblings cancel each other. */
  active = true;
  sibling: WorkingOrder | null = null;
  children: WorkingOrder[] = [];
  parent: WorkingOrder | null = null;
  groupId: string | undefined;
  rejectReason: RejectReason | undefined;
  cancelReason: CancelReason | undefined;
  /** Whether the order has been offered a bar yet (for `ioc` and `opg`). */
  offered = false;
  /** Position in the engine's list of all orders. */
  slot = -1;
  /** Last bar index the order was offered (an OCO pair is matched once per bar, not once per leg). */
  matchedAt = -1;
  /** Engine-made (margin call, ruin): the strategy cannot cancel it. */
  liquidation = false;

  readonly id: OrderId;
  readonly symbol: string;
  readonly symbolIndex: number;
  readonly side: OrderSide;
  /** Shares ordered; a bracket exit's grows with its entry's fills (it covers what was filled). */
  quantity: number;
  readonly type: OrderType;
  readonly timeInForce: TimeInForce;
  readonly limitPrice: number | undefined;
  readonly stopPrice: number | undefined;
  readonly trailAmount: number | undefined;
  readonly trailPercent: number | undefined;
  readonly tag: string | undefined;
  readonly notional: number | undefined;
  readonly targetPercent: number | undefined;
  /** Fill-time sizing resolved (or none asked for): `quantity` is final. */
  resolved: boolean;
  readonly submittedAt: number;
  /** First bar index the order may fill on (bracket children: set when their entry fills). */
  eligibleFrom: number;

  constructor(
    id: OrderId,
    symbolIndex: number,
    request: OrderRequest,
    type: OrderType,
    timeInForce: TimeInForce,
    submittedAt: number,
    eligibleFrom: number,
  ) {
    this.id = id;
    this.symbol = request.symbol;
    this.symbolIndex = symbolIndex;
    this.side = request.side;
    this.quantity = request.quantity;
    this.type = type;
    this.timeInForce = timeInForce;
    this.limitPrice = request.limitPrice;
    this.stopPrice = request.stopPrice;
    this.trailAmount = request.trailAmount;
    this.trailPercent = request.trailPercent;
    this.tag = request.tag;
    this.notional = request.notional;
    this.targetPercent = request.targetPercent;
    this.resolved = request.notional === undefined && request.targetPercent === undefined;
    this.submittedAt = submittedAt;
    this.eligibleFrom = eligibleFrom;
    this.remaining = request.quantity;
  }

  /** Its place in a contingency group (derived from the links, so it cannot disagree with them). */
  get role(): ContingencyRole {
    if (this.parent !== null) return 'bracket_exit';
    if (this.children.length > 0) return 'bracket_entry';
    return this.sibling !== null ? 'oco' : 'single';
  }

  /**
   * A plain resting `gtc` limit (no contingency, not the engine's own): the book indexes it by
   * price. (`day`, `ioc` and `opg` orders stay in the FIFO list: they are offered, and expire, in
   * submission order.)
   */
  get priceIndexed(): boolean {
    return this.type === 'limit' && this.timeInForce === 'gtc' && this.sibling === null && this.parent === null && this.children.length === 0 && !this.liquidation;
  }

  get working(): boolean {
    return this.status === 'accepted' || this.status === 'partially_filled';
  }

  snapshot(): Order {
    return Object.freeze({
      id: this.id,
      symbol: this.symbol,
      side: this.side,
      quantity: this.quantity,
      type: this.type,
      timeInForce: this.timeInForce,
      limitPrice: this.limitPrice,
      stopPrice: this.stopPrice,
      trailAmount: this.trailAmount,
      trailPercent: this.trailPercent,
      tag: this.tag,
      status: this.status,
      filledQuantity: this.filled,
      averageFillPrice: this.filled > 0 ? this.filledValue / this.filled : Number.NaN,
      submittedAt: this.submittedAt,
      groupId: this.groupId,
      parentId: this.parent?.id,
      rejectReason: this.rejectReason,
      cancelReason: this.cancelReason,
      notional: this.notional,
      targetPercent: this.targetPercent,
    });
  }
}

