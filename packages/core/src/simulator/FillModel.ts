/**
 * Fill models: at what price (if any) a working order fills on one bar.
 */
import type { IntrabarPath } from '../orders/fillRules.js';
import type { OrderSide, OrderType, TimeInForce } from '../orders/Order.js';
import type { BarSnapshot } from './SlippageModel.js';

/** An order's terms and trigger state, and the bar it is offered. */
export interface FillParams {
  readonly side: OrderSide;
  readonly type: OrderType;
  readonly timeInForce: TimeInForce;
  readonly limitPrice: number | undefined;
  readonly stopPrice: number | undefined;
  readonly trailAmount: number | undefined;
  readonly trailPercent: number | undefined;
  /** Stop-limit: whether an earlier bar already triggered the stop. */
  readonly triggered: boolean;
  /** Trailing stop: the best price since submission (highest for a sell, lowest for a buy). */
  readonly best: number;
  readonly bar: BarSnapshot;
}

/** A fill model's answer: the rule price (NaN: no fill on this bar) and the updated state. */
export interface FillDecision {
  readonly price: number;
  readonly triggered: boolean;
  readonly best: number;
}

/**
 * Extension point: the rule price of an order on a bar, before slippage, volume caps and
 * affordability (the engine applies those). A fill model must never fill a buy limit above its
 * limit or a sell limit below it, and never outside the bar's range (contract-tested).
 */
export interface FillModel {
  /** Short description with parameters, e.g. `BarFillModel(adaptive)`. */
  readonly name: string;
  /** The intrabar path the model assumes, used to order OCO legs under the `path` priority. */
  readonly intrabarPath: IntrabarPath;
  fill(params: FillParams): FillDecision;
}
