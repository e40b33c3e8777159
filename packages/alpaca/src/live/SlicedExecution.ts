/**
 * A framework `ExecutionModel` (core's algorithm framework) that works each target through a
 * {@link SlicingModel}: TWAP or VWAP slices over bars, capped by participation. Because it is an
 * ordinary framework model, the same `FrameworkStrategy` slices identically in a backtest and on
 * the live runner.
 */
import type { ExecutionModel, ExecutionParams, OrderRequest } from '@qt-backtest/core';
import type { SlicingModel } from './SlicingModel.js';

/** Options of {@link SlicedExecution}. */
export interface SlicedExecutionOptions {
  /** Allow fractional shares (default false). */
  readonly fractional?: boolean;
}

/**
 * @example
 * new FrameworkStrategy({ alpha, portfolio, execution: new SlicedExecution(new TwapSlicing({ slices: 4 })) });
 */
export class SlicedExecution implements ExecutionModel {
  readonly name: string;
  readonly #model: SlicingModel;
  readonly #fractional: boolean;
  /** Per symbol: the target being worked and the slices sent toward it. */
  readonly #work = new Map<string, { target: number; slices: number }>();

  constructor(model: SlicingModel, options: SlicedExecutionOptions = {}) {
    this.#model = model;
    this.#fractional = options.fractional ?? false;
    this.name = `SlicedExecution(${model.name})`;
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
      let work = this.#work.get(t.symbol);
      // A weight target moves with equity; only a change of side or a new target restarts the schedule.
      if (work === undefined || Math.sign(work.target) !== Math.sign(target) || Math.abs(work.target - target) > 0.05 * Math.max(1, Math.abs(work.target))) {
        work = { target, slices: 0 };
        this.#work.set(t.symbol, work);
      }
      let current = portfolio.position(t.symbol).quantity;
      let working = 0;
      for (const o of portfolio.openOrders(t.symbol)) {
        const remaining = o.quantity - o.filledQuantity;
        current += o.side === 'buy' ? remaining : -remaining;
        working++;
      }
      // One slice at a time: the next goes out once the previous is done.
      if (working > 0) continue;
      let delta = work.target - current;
      if (!this.#fractional) delta = Math.round(delta);
      if (delta === 0) continue;
      const volume = market.hasBar(t.symbol) ? market.value(t.symbol, 'volume') : Number.NaN;
      const q = this.#model.nextSlice({ remaining: Math.abs(delta), sliceIndex: work.slices, lastBarVolume: volume, wholeShares: !this.#fractional });
      if (!(q > 0)) continue;
      work.slices++;
      orders.push({ symbol: t.symbol, side: delta > 0 ? 'buy' : 'sell', quantity: q, tag: 'sliced' });
    }
    return orders;
  }
}
