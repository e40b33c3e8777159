/**
 * Core's `StrategyContext` for live runs: the same interface a backtest hands the strategy, with
 * history kept from warm-up and live bars, and order entry going to the live runner. This is the
 * one file that adapts to the engine's `StrategyContext`; when the interface changes, only this
 * file follows.
 */
import {
  InvariantError,
  LookAheadError,
  SeriesView,
  type Bar,
  type BarField,
  type BracketOrders,
  type BracketRequest,
  type Order,
  type NotionalOptions,
  type OrderId,
  type OrderOptions,
  type OrderRequest,
  type OrderSide,
  type PositionSnapshot,
  type StrategyContext,
} from '@qt-backtest/core';

const FIELDS: readonly BarField[] = ['open', 'high', 'low', 'close', 'volume'];

/** A live run does not support this part of the backtest interface (yet). */
export class UnsupportedInLiveError extends InvariantError {}

/** Growable per-symbol columns of the bars seen so far (warm-up and live). */
export class LiveHistory {
  readonly #cols = new Map<string, Record<BarField, Float64Array>>();
  readonly #len = new Map<string, number>();

  push(symbol: string, bar: Readonly<Record<BarField, number>>): void {
    let cols = this.#cols.get(symbol);
    const n = this.#len.get(symbol) ?? 0;
    if (cols === undefined || n === cols.close.length) {
      const cap = Math.max(256, n * 2);
      const grown = {} as Record<BarField, Float64Array>;
      for (const f of FIELDS) {
        const a = new Float64Array(cap);
        if (cols !== undefined) a.set(cols[f]);
        grown[f] = a;
      }
      cols = grown;
      this.#cols.set(symbol, cols);
    }
    for (const f of FIELDS) cols[f][n] = bar[f];
    this.#len.set(symbol, n + 1);
  }

  length(symbol: string): number {
    return this.#len.get(symbol) ?? 0;
  }

  column(symbol: string, field: BarField): Float64Array {
    return this.#cols.get(symbol)?.[field] ?? new Float64Array(0);
  }
}

/** What the context needs from the runner. */
export interface LiveContextHost {
  readonly symbols: readonly string[];
  readonly history: LiveHistory;
  /** Market time of the current bar (its label). */
  time(): number;
  index(): number;
  /** Bars of the current time step (symbol → bar). */
  currentBars(): ReadonlyMap<string, Bar>;
  lastPrice(symbol: string): number;
  cash(): number;
  equity(): number;
  position(symbol: string): { quantity: number; averagePrice: number; realisedPnl: number };
  /** Working orders (accepted or partially filled). */
  openOrders(symbol?: string): readonly Order[];
  submit(request: OrderRequest): Order;
  cancel(orderId: OrderId): boolean;
  random(): number;
  fractional: boolean;
}

/** Builds the context a live strategy sees. */
export function liveStrategyContext(host: LiveContextHost): StrategyContext {
  const known = new Set(host.symbols);
  const check = (symbol: string): void => {
    if (!known.has(symbol)) throw new InvariantError(`symbol "${symbol}" is not traded in this run (${host.symbols.join(', ')})`);
  };
  const whole = (q: number): number => (host.fractional ? q : Math.trunc(q));
  const shortcut = (symbol: string, side: OrderSide, quantity: number, options: OrderOptions = {}): Order => host.submit({ ...options, symbol, side, quantity });
  const pendingNet = (symbol: string): number => {
    let s = 0;
    for (const o of host.openOrders(symbol)) s += (o.side === 'buy' ? 1 : -1) * (o.quantity - o.filledQuantity);
    return s;
  };
  const notional = (symbol: string, side: OrderSide, dollars: number, options: NotionalOptions): Order => {
    if (!(dollars > 0) || !Number.isFinite(dollars)) throw new InvariantError(`${side}Notional("${symbol}") needs dollars > 0, got "${dollars}"`);
    check(symbol);
    const price = host.lastPrice(symbol);
    const quantity = price > 0 ? whole(dollars / price) : 0;
    if (!(quantity > 0)) throw new InvariantError(`${side}Notional("${symbol}", ${dollars}) buys no whole share at the last price ${price}`);
    return shortcut(symbol, side, quantity, options);
  };
  const ctx: StrategyContext = {
    get time() {
      return host.time();
    },
    get index() {
      return host.index();
    },
    symbols: host.symbols,
    random: () => host.random(),
    get cash() {
      return host.cash();
    },
    get equity() {
      return host.equity();
    },
    // Live, buying power is the account's cash (an Alpaca cash account cannot short); never negative.
    get buyingPower() {
      return Math.max(0, host.cash());
    },
    bar(symbol: string): Bar | undefined {
      check(symbol);
      return host.currentBars().get(symbol);
    },
    hasBar(symbol: string): boolean {
      check(symbol);
      return host.currentBars().has(symbol);
    },
    value(symbol: string, field: BarField, ago = 0): number {
      if (!(ago >= 0) || !Number.isInteger(ago)) throw new LookAheadError(`value("${symbol}", "${field}", ${ago}): ago must be a whole number >= 0 (0 is the current bar)`);
      check(symbol);
      const at = host.history.length(symbol) - 1 - ago;
      return at >= 0 ? host.history.column(symbol, field)[at]! : Number.NaN;
    },
    price(symbol: string): number {
      check(symbol);
      return host.lastPrice(symbol);
    },
    feature(name: string): number {
      throw new UnsupportedInLiveError(`feature("${name}"): precomputed features are not available live; compute indicators in the strategy from ctx.history`);
    },
    history(symbol: string, field: BarField, length: number): SeriesView {
      if (!(Number.isInteger(length) && length >= 0)) throw new InvariantError(`history length must be a whole number >= 0, got "${length}"`);
      check(symbol);
      const end = host.history.length(symbol);
      const n = Math.min(length, end);
      return new SeriesView(host.history.column(symbol, field), end - n, n);
    },
    position(symbol: string): PositionSnapshot {
      check(symbol);
      const p = host.position(symbol);
      const price = host.lastPrice(symbol);
      return Object.freeze({
        symbol,
        quantity: p.quantity,
        averagePrice: p.quantity === 0 ? Number.NaN : p.averagePrice,
        price,
        marketValue: p.quantity * price,
        unrealisedPnl: p.quantity === 0 ? 0 : (price - p.averagePrice) * p.quantity,
        realisedPnl: p.realisedPnl,
      });
    },
    openOrders: (symbol?: string) => host.openOrders(symbol),
    order: (request: OrderRequest) => host.submit(request),
    buy: (symbol, quantity, options) => shortcut(symbol, 'buy', quantity, options),
    sell: (symbol, quantity, options) => shortcut(symbol, 'sell', quantity, options),
    // Live, a notional order is sized at submission from the last price (whole shares unless
    // fractional trading is on); the backtest re-sizes it at the fill price.
    buyNotional(symbol: string, dollars: number, options: NotionalOptions = {}): Order {
      return notional(symbol, 'buy', dollars, options);
    },
    sellNotional(symbol: string, dollars: number, options: NotionalOptions = {}): Order {
      return notional(symbol, 'sell', dollars, options);
    },
    bracket(_request: BracketRequest): BracketOrders {
      throw new UnsupportedInLiveError('bracket orders are not supported by the live runner yet; submit the entry and manage exits in onOrderEvent');
    },
    oco(): readonly [Order, Order] {
      throw new UnsupportedInLiveError('OCO groups are not supported by the live runner yet');
    },
    orderTargetQuantity(symbol: string, target: number, options?: OrderOptions): Order | null {
      check(symbol);
      const delta = whole(target) - (host.position(symbol).quantity + pendingNet(symbol));
      if (delta === 0 || Math.abs(delta) < 1e-12) return null;
      return shortcut(symbol, delta > 0 ? 'buy' : 'sell', Math.abs(delta), options);
    },
    orderTargetPercent(symbol: string, fraction: number, options?: OrderOptions): Order | null {
      if (!Number.isFinite(fraction)) throw new InvariantError(`orderTargetPercent("${symbol}") needs a finite fraction, got "${fraction}"`);
      const price = ctx.price(symbol);
      if (!(price > 0)) return null;
      return ctx.orderTargetQuantity(symbol, (fraction * ctx.equity) / price, options);
    },
    closePosition(symbol: string): Order | null {
      ctx.cancelAll(symbol);
      return ctx.orderTargetQuantity(symbol, 0);
    },
    cancel: (orderId: OrderId) => host.cancel(orderId),
    cancelAll(symbol?: string): number {
      let n = 0;
      for (const o of host.openOrders(symbol)) if (host.cancel(o.id)) n++;
      return n;
    },
  };
  return ctx;
}
