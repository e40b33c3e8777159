/**
 * Commands (imperative) a strategy's context sends to the engine. In a backtest the engine's
 * simulated exchange executes them; live, an execution client will.
 */
import type { OrderId, OrderRequest } from '../orders/Order.js';

/** Submit an order; `groupId`/`parentId` tie it into an OCO group or a bracket. */
export interface SubmitOrder {
  readonly type: 'submit_order';
  readonly request: OrderRequest;
  readonly groupId?: string;
  readonly parentId?: OrderId;
}

/** Cancel a working order (and its OCO sibling). */
export interface CancelOrder {
  readonly type: 'cancel_order';
  readonly orderId: OrderId;
}

/** Any order command. */
export type OrderCommand = SubmitOrder | CancelOrder;
