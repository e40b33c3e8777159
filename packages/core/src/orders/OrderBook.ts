/**
 * The working orders of a run, indexed so that a bar's match phase touches only what can fill:
 * per symbol, plain resting limits sit in price-ordered heaps (a buy limit below the bar's low
 * is never looked at), every other order in a FIFO list; `day`, `ioc` and `opg` orders are also
 * kept on their own list for expiry. Matching order stays FIFO by submission across symbols.
 */
import type { WorkingOrder } from './WorkingOrder.js';

/** A binary heap of orders; `before(a, b)` says which comes out first. */
class OrderHeap {
  readonly items: WorkingOrder[] = [];
  readonly #before: (a: WorkingOrder, b: WorkingOrder) => boolean;

  constructor(before: (a: WorkingOrder, b: WorkingOrder) => boolean) {
    this.#before = before;
  }

  get size(): number {
    return this.items.length;
  }

  peek(): WorkingOrder | undefined {
    return this.items[0];
  }

  push(o: WorkingOrder): void {
    const a = this.items;
    a.push(o);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.#before(a[i]!, a[p]!)) break;
      [a[i], a[p]] = [a[p]!, a[i]!];
      i = p;
    }
  }

  pop(): WorkingOrder | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last !== undefined) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.#before(a[l]!, a[m]!)) m = l;
        if (r < a.length && this.#before(a[r]!, a[m]!)) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m]!, a[i]!];
        i = m;
      }
    }
    return top;
  }
}

/** One symbol's working orders. */
class SymbolOrders {
  /** Orders not indexed by price, in submission order (non-working ones are dropped lazily). */
  others: WorkingOrder[] = [];
  /** Plain buy limits, highest limit first (ties: earliest). */
  readonly buyLimits = new OrderHeap((a, b) => a.limitPrice! > b.limitPrice! || (a.limitPrice === b.limitPrice && a.slot < b.slot));
  /** Plain sell limits, lowest limit first (ties: earliest). */
  readonly sellLimits = new OrderHeap((a, b) => a.limitPrice! < b.limitPrice! || (a.limitPrice === b.limitPrice && a.slot < b.slot));

  *all(): Generator<WorkingOrder> {
    yield* this.others;
    yield* this.buyLimits.items;
    yield* this.sellLimits.items;
  }
}

/**
 * The order book: where working orders wait between bars.
 *
 * @example
 * const book = new OrderBook(symbols.length);
 * book.add(order);                                 // decide phase
 * const offered = book.candidates(t, hasBar, low, high); // match phase: FIFO, only what can fill
 */
export class OrderBook {
  readonly #symbols: SymbolOrders[];
  /**
   * Symbols with orders added since the last `settle()`: those wait in the FIFO list until their
   * contingency links are final, then plain limits move to the price heaps.
   */
  readonly #touched = new Set<number>();
  /** Working `day`, `ioc` and `opg` orders (they expire on the calendar, bar or no bar). */
  #timed: WorkingOrder[] = [];
  /** Symbols that may have working orders. */
  readonly #busy = new Set<number>();
  /** Popped from a heap this bar; filed back by `settle()` if still working. */
  #popped: WorkingOrder[] = [];

  constructor(symbolCount: number) {
    this.#symbols = Array.from({ length: symbolCount }, () => new SymbolOrders());
  }

  /** `true` when no order can be working (finished orders leave lazily, so `false` may be stale). */
  get empty(): boolean {
    return this.#busy.size === 0 && this.#popped.length === 0;
  }

  /** Adds a working order (from the next match phase on). */
  add(o: WorkingOrder): void {
    this.#symbols[o.symbolIndex]!.others.push(o);
    this.#busy.add(o.symbolIndex);
    this.#touched.add(o.symbolIndex);
    if (o.timeInForce !== 'gtc') this.#timed.push(o);
  }

  /** Moves new plain limits to their heaps and returns popped ones that still work there. */
  settle(): void {
    for (const i of this.#touched) {
      const s = this.#symbols[i]!;
      let w = 0;
      for (const o of s.others) {
        if (!o.working) continue;
        if (o.priceIndexed) (o.side === 'buy' ? s.buyLimits : s.sellLimits).push(o);
        else s.others[w++] = o;
      }
      s.others.length = w;
    }
    this.#touched.clear();
    for (const o of this.#popped) if (o.working) this.#file(o);
    this.#popped = [];
  }

  #file(o: WorkingOrder): void {
    const s = this.#symbols[o.symbolIndex]!;
    this.#busy.add(o.symbolIndex);
    if (o.priceIndexed) (o.side === 'buy' ? s.buyLimits : s.sellLimits).push(o);
    else s.others.push(o);
  }

  /** Working `day`, `ioc` and `opg` orders (compacted on every call). */
  timed(): readonly WorkingOrder[] {
    let w = 0;
    const list = this.#timed;
    for (const o of list) if (o.working) list[w++] = o;
    list.length = w;
    return list;
  }

  /**
   * The orders to offer bar `t`, in submission order: every working order of the symbols that
   * have a bar (`range(i)` gives its low and high, or `null` without one), except plain limits
   * the bar cannot reach.
   */
  candidates(range: (i: number) => { readonly low: number; readonly high: number } | null, out: WorkingOrder[]): WorkingOrder[] {
    this.settle();
    out.length = 0;
    let sources = 0;
    for (const i of this.#busy) {
      const s = this.#symbols[i]!;
      const bar = range(i);
      if (bar === null) continue;
      const before = out.length;
      let w = 0;
      for (const o of s.others) {
        if (!o.working) continue;
        s.others[w++] = o;
        out.push(o);
      }
      s.others.length = w;
      const buys = s.buyLimits;
      for (let top = buys.peek(); top !== undefined && (!top.working || top.limitPrice! >= bar.low); top = buys.peek()) {
        buys.pop();
        if (top.working) {
          out.push(top);
          this.#popped.push(top);
        }
      }
      const sells = s.sellLimits;
      for (let top = sells.peek(); top !== undefined && (!top.working || top.limitPrice! <= bar.high); top = sells.peek()) {
        sells.pop();
        if (top.working) {
          out.push(top);
          this.#popped.push(top);
        }
      }
      if (out.length > before) sources++;
      if (s.others.length === 0 && buys.size === 0 && sells.size === 0) this.#busy.delete(i);
    }
    if (sources > 1 || this.#popped.length > 0) out.sort((a, b) => a.slot - b.slot);
    return out;
  }

  /** Every working order, of all symbols or one, in submission order. */
  working(symbolIndex?: number): WorkingOrder[] {
    const out: WorkingOrder[] = [];
    for (const o of this.#popped) if (o.working && (symbolIndex === undefined || o.symbolIndex === symbolIndex)) out.push(o);
    const symbols = symbolIndex === undefined ? this.#busy : [symbolIndex];
    for (const i of symbols) for (const o of this.#symbols[i]!.all()) if (o.working) out.push(o);
    return out.sort((a, b) => a.slot - b.slot);
  }

  /**
   * Σ remaining shares of a symbol's working orders that pass `include` (for position targets and
   * short checks), without building a list.
   */
  sum(symbolIndex: number, include: (o: WorkingOrder) => boolean): number {
    let total = 0;
    const add = (o: WorkingOrder): void => {
      if (o.working && o.symbolIndex === symbolIndex && include(o)) total += o.side === 'buy' ? o.remaining : -o.remaining;
    };
    for (const o of this.#popped) add(o);
    for (const o of this.#symbols[symbolIndex]!.all()) add(o);
    return total;
  }
}
