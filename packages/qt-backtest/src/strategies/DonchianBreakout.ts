/**
 * The Donchian channel breakout strategy with an ATR stop.
 */
import { Strategy, type OrderEvent, type OrderId, type StrategyContext } from '@qt-backtest/core';
import { Atr, RollingMax, RollingMin } from '@qt-backtest/features';

/** Parameters of {@link DonchianBreakout}. */
export interface DonchianBreakoutParams {
  /** The symbols traded, each independently (never any other symbol in the data). */
  readonly symbols: readonly string[];
  /** Entry channel: highest high of this many bars before the signal bar (integer `>= 1`); default 20. */
  readonly entry?: number;
  /** Exit channel: lowest low of this many bars before the signal bar (integer `>= 1`); default 10. */
  readonly exit?: number;
  /** Period of Wilder's ATR (integer `>= 1`); default 14. */
  readonly atrPeriod?: number;
  /** Stop distance below the signal close, in ATRs (`> 0`); default 2. */
  readonly atrStop?: number;
  /** Shares per entry; default 100 (ignored when `sizePct` is set). */
  readonly size?: number;
  /** Fraction of equity per entry: `floor(min(sizePct × equity, buying power) / close)` shares on the signal bar. */
  readonly sizePct?: number;
}

/**
 * Donchian channel breakout, long only, per symbol, with a protective ATR stop. All windows count
 * the symbol's own bars (bars where it has none are skipped). Rules, at bar t of a symbol:
 * - Channels: `upper(t)` = highest high of the `entry` bars BEFORE t, `lower(t)` = lowest low of
 *   the `exit` bars before t (bar t itself excluded; undefined until that many earlier bars exist).
 *   `ATR(t)` = Wilder's ATR(`atrPeriod`) of `@qt-backtest/features` over the bars up to AND
 *   including t (defined from the symbol's `atrPeriod + 1`-th bar on).
 * - Entry: when flat, with no working order of the strategy in the symbol, `upper(t)` and `ATR(t)`
 *   defined, and `close(t) > upper(t)`: a market buy (tag `entry`) of `size` shares (default 100),
 *   or `floor(min(sizePct × equity, buying power) / close(t))`, filled at the next bar's open. The stop price is fixed
 *   on the signal bar: `stop = close(t) − atrStop × ATR(t)`.
 * - Stop: when the entry's fill arrives (`onOrderEvent`, before the fill bar's `onBar`), a GTC stop
 *   sell (tag `stop`) of the whole position at `stop` is submitted. It works from the bar after
 *   the entry's fill bar on (sell-stop fill rule: at the open if the open gaps to or below `stop`,
 *   else at `stop` when the low reaches it). A partial entry fill (volume limit) replaces the stop
 *   by one for the new position. When `stop <= 0` no stop is placed (it could never trigger).
 * - Exit: when long, with no exit order working, and `close(t) < lower(t)`: cancel the symbol's
 *   working orders (the stop; an unfilled rest of the entry) and sell the whole position at market
 *   (tag `exit`), filled at the next bar's open.
 * - Only the symbols in `params.symbols` are traded.
 */
export class DonchianBreakout extends Strategy<DonchianBreakoutParams> {
  readonly #slot = new Map<string, number>();
  readonly #upper: RollingMax[];
  readonly #lower: RollingMin[];
  readonly #atr: Atr[];
  readonly #stopPrice: Float64Array;
  readonly #entryId: (OrderId | undefined)[];
  readonly #stopId: (OrderId | undefined)[];
  readonly #exitId: (OrderId | undefined)[];

  constructor(params: DonchianBreakoutParams) {
    super(params);
    const { symbols } = params;
    symbols.forEach((s, k) => this.#slot.set(s, k));
    this.#upper = symbols.map(() => new RollingMax(params.entry ?? 20));
    this.#lower = symbols.map(() => new RollingMin(params.exit ?? 10));
    this.#atr = symbols.map(() => new Atr(params.atrPeriod ?? 14));
    this.#stopPrice = new Float64Array(symbols.length).fill(Number.NaN);
    this.#entryId = symbols.map(() => undefined);
    this.#stopId = symbols.map(() => undefined);
    this.#exitId = symbols.map(() => undefined);
  }

  override onBar(ctx: StrategyContext): void {
    const symbols = this.params.symbols;
    for (let k = 0; k < symbols.length; k++) {
      const symbol = symbols[k]!;
      const bar = ctx.bar(symbol);
      if (bar === undefined) continue;
      const upperChannel = this.#upper[k]!;
      const lowerChannel = this.#lower[k]!;
      // The channels before adding bar t cover the bars before t.
      const upper = upperChannel.value;
      const lower = lowerChannel.value;
      upperChannel.add(bar.high);
      lowerChannel.add(bar.low);
      const atr = this.#atr[k]!.add(bar);
      const held = ctx.position(symbol).quantity;
      if (held > 0) {
        if (this.#exitId[k] === undefined && bar.close < lower) {
          ctx.cancelAll(symbol);
          const order = ctx.sell(symbol, held, { tag: 'exit' });
          if (order.status !== 'rejected') this.#exitId[k] = order.id;
        }
      } else if (
        held === 0 &&
        bar.close > upper &&
        !Number.isNaN(atr) &&
        this.#entryId[k] === undefined &&
        this.#stopId[k] === undefined &&
        this.#exitId[k] === undefined
      ) {
        const size = this.#size(ctx, bar.close);
        if (!(size > 0)) continue;
        const order = ctx.buy(symbol, size, { tag: 'entry' });
        if (order.status === 'rejected') continue;
        this.#entryId[k] = order.id;
        this.#stopPrice[k] = bar.close - (this.params.atrStop ?? 2) * atr;
      }
    }
  }

  override onOrderEvent(event: OrderEvent, ctx: StrategyContext): void {
    if (event.type === 'accepted') return;
    const order = event.order;
    const k = this.#slot.get(order.symbol);
    if (k === undefined) return;
    const done = order.status !== 'partially_filled';
    if (order.id === this.#entryId[k]) {
      if (done) this.#entryId[k] = undefined;
      if (event.type !== 'filled') return;
      // Protect the whole position: replace an earlier stop (of a partial fill) by a bigger one.
      const previous = this.#stopId[k];
      this.#stopId[k] = undefined;
      if (previous !== undefined) ctx.cancel(previous);
      const held = ctx.position(order.symbol).quantity;
      const stop = this.#stopPrice[k]!;
      if (held > 0 && stop > 0) {
        const placed = ctx.sell(order.symbol, held, { type: 'stop', stopPrice: stop, timeInForce: 'gtc', tag: 'stop' });
        if (placed.status !== 'rejected') this.#stopId[k] = placed.id;
      }
    } else if (order.id === this.#stopId[k]) {
      if (done) this.#stopId[k] = undefined;
    } else if (order.id === this.#exitId[k]) {
      if (done) this.#exitId[k] = undefined;
    }
  }

  #size(ctx: StrategyContext, close: number): number {
    const pct = this.params.sizePct;
    if (pct !== undefined) return Math.floor(Math.min(pct * ctx.equity, ctx.buyingPower) / close);
    return this.params.size ?? 100;
  }
}
