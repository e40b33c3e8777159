/**
 * A strategy wrapper that enforces {@link RiskLimits} through the public Strategy/StrategyContext
 * API: every order the wrapped strategy submits is checked before it reaches the engine, and a
 * drawdown breach trips a kill switch that cancels every working order, closes every position
 * and rejects every later order until {@link RiskGuard.reset}.
 */
import {
  OrderStatus,
  Strategy,
  type BracketOrders,
  type BracketRequest,
  type Order,
  type OrderEvent,
  type OrderId,
  type OrderOptions,
  type OrderRequest,
  type StrategyContext,
} from '@qt-backtest/core';
import { checkOrder, validateLimits, type LimitBreach, type LimitCode, type RiskLimits } from './RiskLimits.js';
import type { OrderBlocked, RiskEvent } from './RiskEvent.js';

const DAY_MS = 86_400_000;

/** Options of {@link RiskGuard}. */
export interface RiskGuardOptions {
  /** Called with every event as it happens (they are also kept in `events`). */
  readonly onRiskEvent?: (event: RiskEvent) => void;
}

/** A rejected order returned to the wrapped strategy in place of the one it asked for. */
export interface BlockedOrder extends Order {
  readonly riskReason: LimitCode;
}

/**
 * Wraps `inner` so that its orders pass the limits.
 *
 * @example
 * const guarded = new RiskGuard(new MyStrategy({}), { maxDrawdown: 0.2, maxWeight: 0.25 });
 * const result = backtest({ data, strategy: guarded });
 * guarded.events; // every block, trip, cancel and close, with values
 */
export class RiskGuard extends Strategy<{ readonly limits: RiskLimits }> {
  readonly inner: Strategy<object>;
  readonly #limits: RiskLimits;
  readonly #onEvent: ((e: RiskEvent) => void) | undefined;
  readonly #events: RiskEvent[] = [];
  #halted = false;
  #peak = -Infinity;
  #ordersThisBar = 0;
  #barIndex = -1;
  #day = Number.NaN;
  #dayStartEquity = Number.NaN;
  #lastEquity = Number.NaN;
  #pausedDay = Number.NaN;
  #blocked = 0;
  #outer: StrategyContext | undefined;
  #guarded: StrategyContext | undefined;

  constructor(inner: Strategy<object>, limits: RiskLimits, options: RiskGuardOptions = {}) {
    validateLimits(limits);
    super({ limits });
    this.inner = inner;
    this.#limits = limits;
    this.#onEvent = options.onRiskEvent;
  }

  override get name(): string {
    return `RiskGuard(${this.inner.name})`;
  }

  /** Every action so far, in order. */
  get events(): readonly RiskEvent[] {
    return this.#events;
  }

  /** Whether the kill switch has tripped (and not been reset). */
  get halted(): boolean {
    return this.#halted;
  }

  /** Clears a halt; the drawdown peak restarts from the next bar's equity. */
  reset(time = Number.NaN): void {
    this.#halted = false;
    this.#peak = -Infinity;
    this.#emit({ type: 'halt_reset', time });
  }

  override onStart(ctx: StrategyContext): void {
    this.inner.onStart(this.#wrap(ctx));
  }

  override onBar(ctx: StrategyContext): void {
    if (ctx.index !== this.#barIndex) {
      this.#barIndex = ctx.index;
      this.#ordersThisBar = 0;
    }
    const equity = ctx.equity;
    this.#trackDailyLoss(ctx, equity);
    if (equity > this.#peak) this.#peak = equity;
    const dd = this.#peak > 0 ? 1 - equity / this.#peak : 0;
    const limit = this.#limits.maxDrawdown;
    if (!this.#halted && limit !== undefined && dd >= limit) {
      this.#halted = true;
      this.#emit({ type: 'kill_switch_tripped', time: ctx.time, reason: 'max_drawdown', equity, peakEquity: this.#peak, drawdown: dd, limit });
    }
    if (this.#halted) {
      this.#flatten(ctx);
      // The wrapped strategy still sees the bar; every order it tries is blocked with reason 'halted'.
      this.inner.onBar(this.#wrap(ctx));
      return;
    }
    this.inner.onBar(this.#wrap(ctx));
  }

  override onOrderEvent(event: OrderEvent, ctx: StrategyContext): void {
    this.inner.onOrderEvent(event, this.#wrap(ctx));
  }

  override onEnd(ctx: StrategyContext): void {
    this.inner.onEnd(this.#wrap(ctx));
  }

  #emit(e: RiskEvent): void {
    this.#events.push(e);
    this.#onEvent?.(e);
  }

  #trackDailyLoss(ctx: StrategyContext, equity: number): void {
    const day = Math.floor(ctx.time / DAY_MS);
    if (day !== this.#day) {
      this.#day = day;
      this.#dayStartEquity = Number.isNaN(this.#lastEquity) ? equity : this.#lastEquity;
    }
    this.#lastEquity = equity;
    const lim = this.#limits.dailyLossLimit;
    if (lim === undefined || this.#pausedDay === day || !(this.#dayStartEquity > 0)) return;
    const loss = 1 - equity / this.#dayStartEquity;
    if (loss >= lim) {
      this.#pausedDay = day;
      this.#emit({ type: 'daily_loss_breached', time: ctx.time, equity, dayStartEquity: this.#dayStartEquity, loss, limit: lim });
    }
  }

  /** Cancel every working order and close every open position not already being closed. */
  #flatten(ctx: StrategyContext): void {
    const working = ctx.openOrders();
    if (working.length > 0) {
      const count = ctx.cancelAll();
      this.#emit({ type: 'working_orders_cancelled', time: ctx.time, reason: 'max_drawdown', count });
    }
    for (const symbol of ctx.symbols) {
      const q = ctx.position(symbol).quantity;
      if (q === 0) continue;
      const order = ctx.closePosition(symbol);
      if (order !== null) this.#emit({ type: 'position_close_submitted', time: ctx.time, reason: 'max_drawdown', symbol, quantity: -q });
    }
  }

  #book(ctx: StrategyContext): Map<string, number> {
    const values = new Map<string, number>();
    for (const s of ctx.symbols) {
      const p = ctx.position(s);
      if (p.quantity !== 0) values.set(s, p.marketValue);
    }
    for (const o of ctx.openOrders()) {
      const remaining = (o.quantity - o.filledQuantity) * (o.side === 'buy' ? 1 : -1);
      const price = ctx.price(o.symbol);
      if (Number.isFinite(price)) values.set(o.symbol, (values.get(o.symbol) ?? 0) + remaining * price);
    }
    return values;
  }

  #workingQuantity(ctx: StrategyContext, symbol: string): number {
    let q = 0;
    for (const o of ctx.openOrders(symbol)) q += (o.quantity - o.filledQuantity) * (o.side === 'buy' ? 1 : -1);
    return q;
  }

  /** The breach for a signed quantity, or null; records the block. */
  #check(ctx: StrategyContext, symbol: string, signedQty: number, refPrice?: number): LimitBreach | null {
    const price = refPrice ?? ctx.price(symbol);
    let breach: LimitBreach | null;
    if (this.#halted) {
      breach = { code: 'halted', limit: this.#limits.maxDrawdown ?? 0, value: this.#peak > 0 ? 1 - ctx.equity / this.#peak : 0, message: `${symbol}: trading is halted by the drawdown kill switch` };
    } else {
      breach = checkOrder(this.#limits, { equity: ctx.equity, positionValues: this.#book(ctx), ordersThisBar: this.#ordersThisBar }, { symbol, quantity: signedQty, price });
      if (breach === null && this.#pausedDay === Math.floor(ctx.time / DAY_MS)) {
        const before = ctx.position(symbol).quantity + this.#workingQuantity(ctx, symbol);
        if (Math.abs(before + signedQty) > Math.abs(before)) {
          breach = { code: 'daily_loss', limit: this.#limits.dailyLossLimit ?? 0, value: 1 - ctx.equity / this.#dayStartEquity, message: `${symbol}: daily loss limit reached; only reducing orders until the next day` };
        }
      }
    }
    if (breach !== null) {
      const e: OrderBlocked = {
        type: 'order_blocked',
        time: ctx.time,
        symbol,
        side: signedQty >= 0 ? 'buy' : 'sell',
        quantity: Math.abs(signedQty),
        reason: breach.code,
        limit: breach.limit,
        value: breach.value,
        message: breach.message,
      };
      this.#emit(e);
    } else {
      this.#ordersThisBar++;
    }
    return breach;
  }

  #blockedOrder(ctx: StrategyContext, req: OrderRequest, breach: LimitBreach): BlockedOrder {
    return Object.freeze({
      id: `risk-blocked-${++this.#blocked}` as OrderId,
      symbol: req.symbol,
      side: req.side,
      quantity: req.quantity,
      type: req.type ?? 'market',
      timeInForce: req.timeInForce ?? 'day',
      limitPrice: req.limitPrice,
      stopPrice: req.stopPrice,
      trailAmount: req.trailAmount,
      trailPercent: req.trailPercent,
      tag: req.tag,
      status: OrderStatus.Rejected,
      filledQuantity: 0,
      averageFillPrice: Number.NaN,
      submittedAt: ctx.time,
      groupId: undefined,
      parentId: undefined,
      rejectReason: undefined,
      cancelReason: undefined,
      notional: undefined,
      targetPercent: undefined,
      riskReason: breach.code,
    });
  }

  #wrap(ctx: StrategyContext): StrategyContext {
    if (this.#outer === ctx && this.#guarded !== undefined) return this.#guarded;
    const guard = (req: OrderRequest, submit: () => Order): Order => {
      const signed = req.side === 'buy' ? req.quantity : -req.quantity;
      const breach = this.#check(ctx, req.symbol, signed, req.limitPrice ?? req.stopPrice);
      return breach === null ? submit() : this.#blockedOrder(ctx, req, breach);
    };
    const request = (symbol: string, side: 'buy' | 'sell', quantity: number, o: OrderOptions = {}): OrderRequest => ({ symbol, side, quantity, ...o });
    const wrapped: StrategyContext = {
      get time() {
        return ctx.time;
      },
      get index() {
        return ctx.index;
      },
      get symbols() {
        return ctx.symbols;
      },
      get cash() {
        return ctx.cash;
      },
      get equity() {
        return ctx.equity;
      },
      get buyingPower() {
        return ctx.buyingPower;
      },
      random: () => ctx.random(),
      bar: (s) => ctx.bar(s),
      hasBar: (s) => ctx.hasBar(s),
      value: (s, f, ago) => ctx.value(s, f, ago),
      price: (s) => ctx.price(s),
      feature: (n, s, ago) => ctx.feature(n, s, ago),
      history: (s, f, len) => ctx.history(s, f, len),
      position: (s) => ctx.position(s),
      openOrders: (s) => ctx.openOrders(s),
      order: (req) => guard(req, () => ctx.order(req)),
      buy: (s, q, o) => guard(request(s, 'buy', q, o), () => ctx.buy(s, q, o)),
      sell: (s, q, o) => guard(request(s, 'sell', q, o), () => ctx.sell(s, q, o)),
      bracket: (req: BracketRequest): BracketOrders => {
        const entry = request(req.symbol, req.side, req.quantity, req.entry ?? {});
        const signed = req.side === 'buy' ? req.quantity : -req.quantity;
        const breach = this.#check(ctx, req.symbol, signed, req.entry?.limitPrice);
        if (breach === null) return ctx.bracket(req);
        const b = this.#blockedOrder(ctx, entry, breach);
        return { entry: b, takeProfit: b, stopLoss: b };
      },
      oco: (first, second) => {
        const b1 = this.#check(ctx, first.symbol, first.side === 'buy' ? first.quantity : -first.quantity, first.limitPrice ?? first.stopPrice);
        if (b1 !== null) return [this.#blockedOrder(ctx, first, b1), this.#blockedOrder(ctx, second, b1)];
        const b2 = this.#check(ctx, second.symbol, second.side === 'buy' ? second.quantity : -second.quantity, second.limitPrice ?? second.stopPrice);
        if (b2 !== null) return [this.#blockedOrder(ctx, first, b2), this.#blockedOrder(ctx, second, b2)];
        return ctx.oco(first, second);
      },
      orderTargetQuantity: (s, target, o) => {
        const delta = target - ctx.position(s).quantity - this.#workingQuantity(ctx, s);
        if (delta === 0) return ctx.orderTargetQuantity(s, target, o);
        const breach = this.#check(ctx, s, delta, o?.limitPrice);
        return breach === null ? ctx.orderTargetQuantity(s, target, o) : this.#blockedOrder(ctx, request(s, delta > 0 ? 'buy' : 'sell', Math.abs(delta), o), breach);
      },
      orderTargetPercent: (s, fraction, o) => {
        const price = o?.limitPrice ?? ctx.price(s);
        const target = (fraction * ctx.equity) / price;
        const delta = target - ctx.position(s).quantity - this.#workingQuantity(ctx, s);
        if (!Number.isFinite(delta) || Math.abs(delta) < 1e-12) return ctx.orderTargetPercent(s, fraction, o);
        const breach = this.#check(ctx, s, delta, price);
        return breach === null ? ctx.orderTargetPercent(s, fraction, o) : this.#blockedOrder(ctx, request(s, delta > 0 ? 'buy' : 'sell', Math.abs(delta), o), breach);
      },
      closePosition: (s) => {
        const q = ctx.position(s).quantity;
        if (q === 0) return ctx.closePosition(s);
        const breach = this.#check(ctx, s, -q);
        return breach === null ? ctx.closePosition(s) : this.#blockedOrder(ctx, request(s, q > 0 ? 'sell' : 'buy', Math.abs(q)), breach);
      },
      // Notional orders are checked at the last price (the size they will have if the open is flat).
      buyNotional: (s, dollars, o) => {
        const price = ctx.price(s);
        const breach = this.#check(ctx, s, dollars / price, price);
        return breach === null ? ctx.buyNotional(s, dollars, o) : this.#blockedOrder(ctx, request(s, 'buy', Math.floor(dollars / price), o), breach);
      },
      sellNotional: (s, dollars, o) => {
        const price = ctx.price(s);
        const breach = this.#check(ctx, s, -dollars / price, price);
        return breach === null ? ctx.sellNotional(s, dollars, o) : this.#blockedOrder(ctx, request(s, 'sell', Math.floor(dollars / price), o), breach);
      },
      cancel: (id) => ctx.cancel(id),
      cancelAll: (s) => ctx.cancelAll(s),
    };
    this.#outer = ctx;
    this.#guarded = wrapped;
    return wrapped;
  }
}
