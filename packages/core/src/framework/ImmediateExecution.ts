import { InvariantError } from '../errors.js';
import type { OrderRequest } from '../orders/Order.js';
import type { ExecutionModel, ExecutionParams } from './ExecutionModel.js';

/** Options of {@link ImmediateExecution}. */
export interface ImmediateExecutionOptions {
  /** Allow fractional share orders (default false: target shares truncated toward zero). */
  readonly fractional?: boolean;
  /** Skip orders worth less than this fraction of equity at the last close (default 0: trade any difference). */
  readonly minimumTradeFraction?: number;
}

/**
 * Market orders for the whole difference between each target and the position plus working
 * orders. Weights become shares at the symbol's last close: `weight × equity / price`, truncated
 * toward zero unless fractional. A symbol without a usable price (NaN before its first bar, or not
 * positive) is skipped this time.
 *
 * @example
 * const orders = new ImmediateExecution({ minimumTradeFraction: 0.001 })
 *   .execute({ targets: [targetWeight('AAPL', 0.5)], market: ctx, portfolio: ctx });
 */
export class ImmediateExecution implements ExecutionModel {
  readonly name: string;
  readonly #fractional: boolean;
  readonly #minimum: number;

  /** @throws {InvariantError} for a negative or non-finite `minimumTradeFraction`. */
  constructor(options: ImmediateExecutionOptions = {}) {
    this.#fractional = options.fractional ?? false;
    this.#minimum = options.minimumTradeFraction ?? 0;
    if (!(Number.isFinite(this.#minimum) && this.#minimum >= 0)) {
      throw new InvariantError(`ImmediateExecution: minimumTradeFraction ${String(options.minimumTradeFraction)} must be finite and >= 0`);
    }
    this.name = `ImmediateExecution(${this.#fractional ? 'fractional' : 'whole shares'}${this.#minimum > 0 ? `, min ${this.#minimum}` : ''})`;
  }

  execute({ targets, market, portfolio }: ExecutionParams): readonly OrderRequest[] {
    const orders: OrderRequest[] = [];
    const equity = portfolio.equity;
    for (const t of targets) {
      const price = market.price(t.symbol);
      if (!(price > 0 && Number.isFinite(price))) continue;
      let target = t.unit === 'weight' ? (t.value * equity) / price : t.value;
      if (!Number.isFinite(target)) continue;
      if (!this.#fractional) target = Math.trunc(target);
      let current = portfolio.position(t.symbol).quantity;
      for (const o of portfolio.openOrders(t.symbol)) {
        const remaining = o.quantity - o.filledQuantity;
        current += o.side === 'buy' ? remaining : -remaining;
      }
      let delta = target - current;
      if (!this.#fractional) delta = Math.round(delta);
      if (delta === 0 || Math.abs(delta) * price < this.#minimum * Math.abs(equity)) continue;
      orders.push({ symbol: t.symbol, side: delta > 0 ? 'buy' : 'sell', quantity: Math.abs(delta), tag: 'framework' });
    }
    return orders;
  }
}
