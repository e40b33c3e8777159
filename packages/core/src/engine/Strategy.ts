/**
 * The base class of every strategy. Extend it, implement `onBar`, and run it with `backtest`
 * (later, unchanged, on Alpaca).
 */
import type { OrderEvent } from './events.js';
import type { StrategyContext } from './StrategyContext.js';

/**
 * A trading strategy with parameters `P`. Handlers run in the engine's decide phase: `onBar` sees
 * every datum up to and including the current bar's close, and orders it submits fill from the
 * next bar on.
 *
 * @example
 * class BuyAndHold extends Strategy<{ symbol: string }> {
 *   override onBar(ctx: StrategyContext): void {
 *     if (ctx.position(this.params.symbol).quantity === 0) ctx.orderTargetPercent(this.params.symbol, 1);
 *   }
 * }
 */
export abstract class Strategy<P extends object = Record<string, never>> {
  /** The strategy's parameters (frozen). */
  readonly params: Readonly<P>;

  constructor(params: P) {
    this.params = Object.freeze({ ...params });
  }

  /** Name used in results: the class name. */
  get name(): string {
    return this.constructor.name;
  }

  /** Before the first bar (no data is visible yet). */
  onStart(_ctx: StrategyContext): void {}

  /** Once per bar of the engine's time index. */
  abstract onBar(ctx: StrategyContext): void;

  /** After every order event (accepted, filled, cancelled, expired, rejected). */
  onOrderEvent(_event: OrderEvent, _ctx: StrategyContext): void {}

  /** After the last bar. */
  onEnd(_ctx: StrategyContext): void {}
}
