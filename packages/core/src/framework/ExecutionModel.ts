/**
 * Extension point: execution turns a target book into orders.
 */
import type { OrderRequest } from '../orders/Order.js';
import type { MarketView, PortfolioView } from './MarketView.js';
import type { PortfolioTarget } from './PortfolioTarget.js';

/** Inputs of {@link ExecutionModel.execute}. */
export interface ExecutionParams {
  /** The complete risk-adjusted book, at most one target per symbol. */
  readonly targets: readonly PortfolioTarget[];
  readonly market: MarketView;
  readonly portfolio: PortfolioView;
}

/**
 * Returns the orders that move the book toward `targets`, taking positions and working orders into
 * account (the framework submits them as returned; they fill from the next bar on). A book already
 * at its targets gives no orders.
 *
 * @example
 * const orders = new ImmediateExecution().execute({ targets, market: ctx, portfolio: ctx });
 */
export interface ExecutionModel {
  readonly name: string;
  execute(params: ExecutionParams): readonly OrderRequest[];
}
