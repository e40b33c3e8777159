/**
 * The order book, fills and account of the batch (vectorised) path: the event engine's fill rules
 * and costs for market and stop orders on a cash account, without the engine's per-bar
 * strategy machinery. Strategies with array signals drive it only on the bars where a signal
 * fires; every other bar costs a mark.
 *
 * Same as `BacktestEngine` (packages/core/src/engine), by construction and by the parity test:
 * next-bar fills (market at the open; sell stop at the open on a gap through it, else at the stop
 * when the low reaches it; buy stop mirrored), FIFO matching, slippage on market and stop orders
 * (a fill price that would cross zero is rejected), fees from the same `FeeModel` object, the cash
 * account's rules (no shorts: a sell with no long position is rejected on submission, a sell beyond
 * the position fills its closing part — charged as an order of its own size — and the rest is
 * rejected; added exposure must be paid for, checked on the engine's running totals),
 * `ctx.buyingPower`, fill-time target sizing (`orderTargetPercent(…, { at: 'fill' })`),
 * delistings (a symbol whose data ends early is closed at its last close), cash kept exactly (integer micro-units while every amount is a whole number of
 * micro-units, else decimal like the ledger), and the same float operations for equity, so equity
 * curves agree bit for bit. Not supported (callers fall back to the engine): volume limits,
 * margin, financing, fractional shares, limit, stop-limit and trailing orders, day/ioc/opg orders,
 * delisting returns; and ruin (equity <= 0 at a mark): the broker then throws
 * {@link BatchUnsupportedError} and `runBatch` falls back to the event engine.
 */
import { Decimal } from 'decimal.js';
import { NoFee, NoSlippage, type BarPanel, type BarSnapshot, type FeeModel, type Fill, type OrderId, type SlippageModel } from '@qt-backtest/core';

const Dec = Decimal.clone({ precision: 100, rounding: Decimal.ROUND_HALF_EVEN });

/**
 * The batch path cannot mirror what the engine does next (ruin): callers run the event engine
 * instead. Not a bug; a refusal.
 */
export class BatchUnsupportedError extends Error {
  override readonly name = 'BatchUnsupportedError';
}

/** Costs of a batch run: the engine's defaults when left out. */
export interface BatchCosts {
  /** Starting cash; default 100000. */
  readonly cash?: number;
  readonly fees?: FeeModel;
  readonly slippage?: SlippageModel;
  /** Also record long and short market value per bar (what the metrics' exposure figures need); default false. */
  readonly exposure?: boolean;
}

/** Why an order ended without filling completely. */
export type BatchOrderEnd = 'filled' | 'rejected' | 'cancelled';

/** One working order. */
interface BatchOrder {
  readonly id: OrderId;
  readonly seq: number;
  readonly symbol: number;
  readonly buy: boolean;
  /** Shares; for a fill-time sized order the estimate until it is resolved at its fill. */
  quantity: number;
  readonly stop: number;
  /** `targetPercent` of a fill-time sized order (NaN: sized at submission). */
  readonly target: number;
  readonly eligibleFrom: number;
  working: boolean;
  fills: number;
}

/** An order that finished during a match phase (for strategies that react to fills, like the engine's events). */
export interface BatchOrderEvent {
  readonly seq: number;
  readonly symbol: number;
  readonly end: BatchOrderEnd;
}

/** Largest micro-unit amount kept as a float integer (sums of a few stay exact). */
const MICRO_LIMIT = 2 ** 50;

/** The order book and account of one batch run over a panel. */
export class BatchBroker {
  readonly panel: BarPanel;
  readonly symbols: readonly string[];
  readonly #open: readonly Float64Array[];
  readonly #high: readonly Float64Array[];
  readonly #low: readonly Float64Array[];
  readonly #close: readonly Float64Array[];
  readonly #volume: readonly Float64Array[];
  readonly #present: readonly Uint8Array[];
  readonly #fees: FeeModel;
  readonly #slippage: SlippageModel;
  readonly #noFees: boolean;
  readonly #noSlippage: boolean;
  /** Shares held per symbol. */
  readonly qty: Float64Array;
  /** Last close seen per symbol (NaN before its first bar). */
  readonly last: Float64Array;
  /** Bars seen per symbol (the engine's history cursor). */
  readonly cursor: Int32Array;
  readonly #matchMark: Float64Array;
  #book: BatchOrder[] = [];
  #seq = 0;
  /** Cash in micro-units while exact as a float integer; NaN once cash is kept in decimal. */
  #cashMicro: number;
  #cashDec: Decimal | undefined;
  #cashNumber: number;
  #t = -1;
  /** Orders that ended in the last match phase, in the engine's event order (only with `trackEnded`). */
  readonly ended: BatchOrderEvent[] = [];
  /** Record {@link ended} (strategies that react to fills, like the engine's `onOrderEvent`); default false. */
  trackEnded = false;
  readonly fills: Fill[] = [];
  /** Equity after each bar's marks. */
  readonly equity: Float64Array;
  /** Long and short market value after each bar's marks (only with `trackExposure`). */
  readonly longValue: Float64Array;
  readonly shortValue: Float64Array;
  readonly #trackExposure: boolean;
  readonly #positiveCash: boolean;
  /** Panel bars at which a symbol whose data ended early is delisted, in the engine's order. */
  readonly #delistAt: readonly { readonly at: number; readonly symbol: number }[];
  #nextDelisting = 0;

  /**
   * @param into - equity buffer to fill (length = bars), reused across parameter sets to save an
   *   allocation per set; default a new array
   */
  constructor(panel: BarPanel, costs: BatchCosts = {}, into?: Float64Array, trackExposure = false) {
    this.panel = panel;
    this.symbols = panel.symbols;
    this.#open = panel.fields.open;
    this.#high = panel.fields.high;
    this.#low = panel.fields.low;
    this.#close = panel.fields.close;
    this.#volume = panel.fields.volume;
    this.#present = panel.present;
    this.#fees = costs.fees ?? new NoFee();
    this.#slippage = costs.slippage ?? new NoSlippage();
    this.#noFees = this.#fees instanceof NoFee;
    this.#noSlippage = this.#slippage instanceof NoSlippage;
    const n = panel.symbols.length;
    this.qty = new Float64Array(n);
    this.last = new Float64Array(n).fill(Number.NaN);
    this.cursor = new Int32Array(n);
    this.#matchMark = new Float64Array(n);
    this.equity = into ?? new Float64Array(panel.time.length);
    this.#trackExposure = trackExposure || costs.exposure === true;
    this.longValue = new Float64Array(this.#trackExposure ? panel.time.length : 0);
    this.shortValue = new Float64Array(this.#trackExposure ? panel.time.length : 0);
    const cash = costs.cash ?? 100_000;
    if (!(Number.isFinite(cash) && cash >= 0)) throw new RangeError(`cash must be a finite amount >= 0, got "${cash}"`);
    const micro = Math.round(cash * 1e6);
    if (micro / 1e6 === cash && micro <= MICRO_LIMIT) {
      this.#cashMicro = micro;
    } else {
      this.#cashMicro = Number.NaN;
      this.#cashDec = new Dec(cash);
    }
    this.#cashNumber = cash;
    this.#positiveCash = cash > 0;
    const delistAt: { at: number; symbol: number }[] = [];
    for (let i = 0; i < n; i++) {
      const p = panel.present[i]!;
      let last = p.length - 1;
      while (last >= 0 && p[last] !== 1) last--;
      if (last >= 0 && last < p.length - 1) delistAt.push({ at: last + 1, symbol: i });
    }
    this.#delistAt = delistAt.sort((a, b) => a.at - b.at || a.symbol - b.symbol);
  }

  /** Cash as the engine's `ctx.cash` reads it. */
  get cash(): number {
    return this.#cashNumber;
  }

  /** Current bar index. */
  get t(): number {
    return this.#t;
  }

  /** Equity as `ctx.equity` reads it during the decide phase: cash plus each position at its last close. */
  equityNow(): number {
    let eq = this.#cashNumber;
    const n = this.qty.length;
    for (let i = 0; i < n; i++) {
      const q = this.qty[i]!;
      if (q !== 0) eq += q * this.last[i]!;
    }
    return eq;
  }

  /**
   * `ctx.buyingPower` on a cash account: equity above the value of the open positions (at their
   * last closes), in the engine's float operations (`CashAccount.initial` = long + short).
   */
  buyingPower(): number {
    const equity = this.equityNow();
    let long = 0;
    let short = 0;
    const n = this.qty.length;
    for (let i = 0; i < n; i++) {
      const v = this.qty[i]! * this.last[i]!;
      if (v > 0) long += v;
      else if (v < 0) short -= v;
    }
    const required = long + short;
    const perUnit = long + 1 + short - required;
    const free = Math.max(0, equity - required);
    return perUnit > 0 ? free / perUnit : free === 0 ? 0 : Number.POSITIVE_INFINITY;
  }

  /** A built-in's `sizePct` entry size: `floor(min(pct × equity, buying power) / price)` shares. */
  sizeFor(pct: number, price: number): number {
    return Math.floor(Math.min(pct * this.equityNow(), this.buyingPower()) / price);
  }

  /**
   * Starts bar `t`: the match phase (fills of working orders at this bar's prices), then bar `t`
   * becomes visible (last closes, cursors). Clears and refills {@link ended}.
   */
  beginBar(t: number): void {
    this.#t = t;
    if (this.ended.length > 0) this.ended.length = 0;
    while (this.#nextDelisting < this.#delistAt.length && this.#delistAt[this.#nextDelisting]!.at <= t) this.#delist(this.#delistAt[this.#nextDelisting++]!.symbol, t);
    if (this.#book.length > 0) this.#match(t);
    const n = this.qty.length;
    for (let i = 0; i < n; i++) {
      if (this.#present[i]![t] === 1) {
        this.cursor[i]!++;
        this.last[i] = this.#close[i]![t]!;
      }
    }
  }

  /** Ends bar `t`: the mark phase (equity point). */
  endBar(t: number): void {
    let eq = this.#cashNumber;
    let long = 0;
    let short = 0;
    const n = this.qty.length;
    for (let i = 0; i < n; i++) {
      const q = this.qty[i]!;
      if (q !== 0) {
        const v = q * this.last[i]!;
        eq += v;
        if (v > 0) long += v;
        else short -= v;
      }
    }
    this.equity[t] = eq;
    if (this.#trackExposure) {
      this.longValue[t] = long;
      this.shortValue[t] = short;
    }
    if (eq <= 0 && this.#positiveCash) this.#ruined(t, eq);
  }

  #ruined(t: number, eq: number): never {
    throw new BatchUnsupportedError(`equity ${eq} <= 0 at bar ${t}: the account is ruined, which the batch path does not simulate`);
  }

  /** Whether any order is working. */
  get busy(): boolean {
    return this.#book.length > 0;
  }

  /**
   * Bars `from` to `to − 1` for a one-symbol panel with a bar everywhere and no working order:
   * exactly what `beginBar` + `endBar` would do on each (last close, cursor, equity), without the
   * per-bar overhead. Callers use it between the bars where their signal fires.
   */
  markSingle(from: number, to: number): void {
    if (to <= from) return;
    const close = this.#close[0]!;
    const eq = this.equity;
    const q = this.qty[0]!;
    const cash = this.#cashNumber;
    if (q === 0) {
      eq.fill(cash, from, to);
      if (cash <= 0 && this.#positiveCash) this.#ruined(from, cash);
    } else {
      for (let t = from; t < to; t++) {
        const e = cash + q * close[t]!;
        eq[t] = e;
        if (e <= 0 && this.#positiveCash) this.#ruined(t, e);
      }
    }
    if (this.#trackExposure) {
      const side = q > 0 ? this.longValue : this.shortValue;
      (q > 0 ? this.shortValue : this.longValue).fill(0, from, to);
      if (q === 0) side.fill(0, from, to);
      else for (let t = from; t < to; t++) side[t] = Math.abs(q * close[t]!);
    }
    this.cursor[0]! += to - from;
    this.last[0] = close[to - 1]!;
    this.#t = to - 1;
    if (this.ended.length > 0) this.ended.length = 0;
  }

  /** Whether symbol `i` has a bar at the current bar. */
  hasBar(i: number): boolean {
    return this.#present[i]![this.#t] === 1;
  }

  /** Working orders of symbol `i`. */
  openOrders(i: number): number {
    let k = 0;
    for (const o of this.#book) if (o.working && o.symbol === i) k++;
    return k;
  }

  /** Net shares of symbol `i`'s working orders (+ buys, − sells). */
  pendingNet(i: number): number {
    let s = 0;
    for (const o of this.#book) if (o.working && o.symbol === i) s += o.buy ? o.quantity - this.#filledOf(o) : -(o.quantity - this.#filledOf(o));
    return s;
  }

  #filledOf(_o: BatchOrder): number {
    return 0; // no partial fills without a volume limit
  }

  /** Shares of symbol `i`'s working buy orders (the cash account's short check on submission). */
  #pendingBuys(i: number): number {
    let s = 0;
    for (const o of this.#book) if (o.working && o.symbol === i && o.buy) s += o.quantity - this.#filledOf(o);
    return s;
  }

  /**
   * Submits an order (the engine's validation: a whole, positive, finite quantity; on a cash
   * account a sell with no long position, counting working buys, is `short_not_allowed`), eligible
   * from the next bar. Returns its sequence number (`o-<seq>` in the engine), or −seq when rejected
   * on submission. With `target` (a market order's `targetPercent`), `quantity` is the estimate and
   * the order is sized again at its fill.
   */
  submit(i: number, buy: boolean, quantity: number, stop = Number.NaN, target = Number.NaN): number {
    const seq = ++this.#seq;
    if (Number.isNaN(target) && (!(Number.isFinite(quantity) && quantity > 0) || !Number.isInteger(quantity))) return -seq;
    if (!Number.isNaN(stop) && !(Number.isFinite(stop) && stop > 0)) return -seq;
    if (!buy && this.qty[i]! + this.#pendingBuys(i) <= 0) return -seq;
    this.#book.push({ id: `o-${seq}` as OrderId, seq, symbol: i, buy, quantity, stop, target, eligibleFrom: this.#t + 1, working: true, fills: 0 });
    return seq;
  }

  /** Cancels every working order of symbol `i`; returns the sequence numbers cancelled, in book order. */
  cancelAll(i: number, onCancel?: (seq: number) => void): void {
    for (const o of this.#book) {
      if (o.working && o.symbol === i) {
        o.working = false;
        onCancel?.(o.seq);
      }
    }
  }

  /** Cancels one working order by sequence number. */
  cancel(seq: number): boolean {
    for (const o of this.#book) {
      if (o.seq === seq && o.working) {
        o.working = false;
        return true;
      }
    }
    return false;
  }

  /** `ctx.orderTargetQuantity(symbol, target)`: returns the submitted sequence number, or 0 when nothing was needed. */
  orderTargetQuantity(i: number, target: number): number {
    const delta = Math.trunc(target) - (this.qty[i]! + this.pendingNet(i));
    if (delta === 0 || Math.abs(delta) < 1e-12) return 0;
    return this.submit(i, delta > 0, Math.abs(delta));
  }

  /** `ctx.closePosition(symbol)`: cancel the symbol's working orders, then target 0 shares. */
  closePosition(i: number, onCancel?: (seq: number) => void): number {
    this.cancelAll(i, onCancel);
    return this.orderTargetQuantity(i, 0);
  }

  #match(t: number): void {
    let eq = this.#cashNumber;
    let long = 0;
    let short = 0;
    const n = this.qty.length;
    for (let i = 0; i < n; i++) {
      const q = this.qty[i]!;
      const p = this.last[i]!;
      this.#matchMark[i] = p;
      if (q > 0) long += q * p;
      else if (q < 0) short -= q * p;
      eq += q === 0 ? 0 : q * p;
    }
    const book = this.#book;
    for (let k = 0; k < book.length; k++) {
      const o = book[k]!;
      if (!o.working || t < o.eligibleFrom) continue;
      const i = o.symbol;
      if (this.#present[i]![t] !== 1) continue;
      const open = this.#open[i]![t]!;
      let price: number;
      if (Number.isNaN(o.stop)) price = open;
      else if (o.buy) price = open >= o.stop ? open : this.#high[i]![t]! >= o.stop ? o.stop : Number.NaN;
      else price = open <= o.stop ? open : this.#low[i]![t]! <= o.stop ? o.stop : Number.NaN;
      if (Number.isNaN(price)) continue;
      if (!Number.isNaN(o.target)) {
        // Fill-time sizing (the engine's #resolveSize): target shares at the rule price, equity
        // revalued at it on the running totals.
        const held = this.qty[i]!;
        const mark = this.#matchMark[i]!;
        const equity = eq + held * (price - (Number.isNaN(mark) ? price : mark));
        const raw = (o.target * equity) / price;
        const target = Math.trunc(raw + Math.sign(raw) * 1e-9);
        const resolved = o.buy ? target - held : held - target;
        if (!(resolved > 1e-12)) {
          o.working = false;
          if (this.trackEnded) this.ended.push({ seq: o.seq, symbol: i, end: 'cancelled' });
          continue;
        }
        o.quantity = resolved;
      }
      const quantity = o.quantity;
      const bar = this.#noFees && this.#noSlippage ? null : { time: this.panel.time[t]!, open, high: this.#high[i]![t]!, low: this.#low[i]![t]!, close: this.#close[i]![t]!, volume: this.#volume[i]![t]! };
      const side = o.buy ? 'buy' : 'sell';
      const symbol = this.symbols[i]!;
      const slippage = bar !== null && !this.#noSlippage ? this.#slippage.slippage({ symbol, side, price, quantity, bar }) : 0;
      if (!(slippage >= 0) || !Number.isFinite(slippage)) throw new RangeError(`${this.#slippage.name} returned slippage "${slippage}"; expected a finite value >= 0`);
      const fillPrice = o.buy ? price + slippage : price - slippage;
      if (!(fillPrice > 0)) {
        // slippage_exceeds_price: a price never crosses zero.
        o.working = false;
        if (this.trackEnded) this.ended.push({ seq: o.seq, symbol: i, end: 'rejected' });
        continue;
      }
      const fee = this.#feeOf(o, quantity, o.quantity, fillPrice, bar);
      const before = this.qty[i]!;
      const after = o.buy ? before + quantity : before - quantity;
      const mark0 = this.#matchMark[i]!;
      const m = Number.isNaN(mark0) ? fillPrice : mark0;
      // The cash account's check, on the engine's running totals: no shorts, and added exposure
      // must be paid for.
      let allowed = true;
      if (!(Math.abs(after) <= Math.abs(before) && Math.sign(after) * Math.sign(before) >= 0)) {
        if (after < 0) allowed = false;
        else {
          const equity = eq - fee + before * (fillPrice - m);
          const longValue = long - Math.max(before, 0) * m + Math.max(after, 0) * fillPrice;
          const shortValue = short - Math.max(-before, 0) * m + Math.max(-after, 0) * fillPrice;
          allowed = longValue + shortValue <= equity * (1 + 1e-12);
        }
      }
      if (allowed) {
        this.#bookFill(o, i, quantity, fillPrice, slippage, fee, t);
        eq += -fee + before * (fillPrice - m);
        long += Math.max(after, 0) * fillPrice - Math.max(before, 0) * m;
        short += Math.max(-after, 0) * fillPrice - Math.max(-before, 0) * m;
        o.working = false;
        if (this.trackEnded) this.ended.push({ seq: o.seq, symbol: i, end: 'filled' });
        continue;
      }
      // A reversal is a close then an open: the closing part fills, charged as an order of its own
      // size; the opening part is rejected.
      const closing = o.buy ? Math.max(0, Math.min(-before, quantity)) : Math.max(0, Math.min(before, quantity));
      if (closing > 0) {
        const closingFee = this.#feeOf(o, closing, closing, fillPrice, bar);
        const left = o.buy ? before + closing : before - closing;
        this.#bookFill(o, i, closing, fillPrice, slippage, closingFee, t);
        eq += -closingFee + before * (fillPrice - m);
        long += Math.max(left, 0) * fillPrice - Math.max(before, 0) * m;
        short += Math.max(-left, 0) * fillPrice - Math.max(-before, 0) * m;
      }
      o.working = false;
      if (this.trackEnded) this.ended.push({ seq: o.seq, symbol: i, end: 'rejected' });
    }
    let w = 0;
    for (const o of book) if (o.working) book[w++] = o;
    book.length = w;
  }

  /** The fee model's fee for `quantity` of `o` (an order of `orderQuantity`) at `price`; 0 without fees. */
  #feeOf(o: BatchOrder, quantity: number, orderQuantity: number, price: number, bar: BarSnapshot | null): number {
    if (bar === null || this.#noFees) return 0;
    const fee = this.#fees.fee({ symbol: this.symbols[o.symbol]!, side: o.buy ? 'buy' : 'sell', price, quantity, orderQuantity, firstFill: o.fills === 0, bar });
    if (!(fee >= 0) || !Number.isFinite(fee)) throw new RangeError(`${this.#fees.name} returned fee "${fee}"; expected a finite amount >= 0`);
    return fee;
  }

  /** Books one fill of `o`: cash, position, match mark, fill record. */
  #bookFill(o: BatchOrder, i: number, quantity: number, fillPrice: number, slippage: number, fee: number, t: number): void {
    this.#pay(o.buy, quantity, fillPrice, fee);
    this.qty[i] = o.buy ? this.qty[i]! + quantity : this.qty[i]! - quantity;
    this.#matchMark[i] = fillPrice;
    o.fills++;
    this.fills.push({ orderId: o.id, symbol: this.symbols[i]!, side: o.buy ? 'buy' : 'sell', time: this.panel.time[t]!, quantity, price: fillPrice, slippage, fee });
  }

  /**
   * The engine's delisting of symbol `i` at bar `t` (its data ended): its working orders are
   * cancelled and its position is closed at its last close, without fees or slippage.
   */
  #delist(i: number, t: number): void {
    for (const o of this.#book) {
      if (o.working && o.symbol === i) {
        o.working = false;
        if (this.trackEnded) this.ended.push({ seq: o.seq, symbol: i, end: 'cancelled' });
      }
    }
    const q = this.qty[i]!;
    if (q === 0) return;
    const seq = ++this.#seq;
    const price = this.last[i]!;
    const o: BatchOrder = { id: `o-${seq}` as OrderId, seq, symbol: i, buy: q < 0, quantity: Math.abs(q), stop: Number.NaN, target: Number.NaN, eligibleFrom: t, working: false, fills: 0 };
    this.#bookFill(o, i, Math.abs(q), price, 0, 0, t);
    if (this.trackEnded) this.ended.push({ seq, symbol: i, end: 'filled' });
  }

  /** Books a fill's cash exactly: integer micro-units while possible, else decimal (as the ledger). */
  #pay(buy: boolean, quantity: number, price: number, fee: number): void {
    if (!Number.isNaN(this.#cashMicro)) {
      const pm = Math.round(price * 1e6);
      const fm = Math.round(fee * 1e6);
      const notional = quantity * pm;
      if (pm / 1e6 === price && fm / 1e6 === fee && notional <= MICRO_LIMIT && fm <= MICRO_LIMIT) {
        const next = buy ? this.#cashMicro - notional - fm : this.#cashMicro + notional - fm;
        if (Math.abs(next) <= MICRO_LIMIT) {
          this.#cashMicro = next;
          this.#cashNumber = next / 1e6;
          return;
        }
      }
      this.#cashDec = new Dec(this.#cashMicro).div(1e6);
      this.#cashMicro = Number.NaN;
    }
    const notional = new Dec(quantity).times(new Dec(price));
    let cash = buy ? this.#cashDec!.minus(notional) : this.#cashDec!.plus(notional);
    if (fee !== 0) cash = cash.minus(new Dec(fee));
    this.#cashDec = cash;
    this.#cashNumber = cash.toNumber();
  }
}
