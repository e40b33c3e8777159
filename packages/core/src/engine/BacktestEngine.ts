/**
 * The event-driven backtest engine. One thread, one time index, three phases per bar (DESIGN.md
 * §3):
 * 1. **match** — financing accrues for the time since the previous bar, then every working order
 *    (FIFO by submission) is matched against bar `t` with the fill rules, volume cap, slippage,
 *    fees and affordability checks; fills go to the exact ledger;
 * 2. **decide** — the strategy sees bar `t` (and nothing later) and may submit or cancel orders;
 *    they can fill from bar `t + 1` on;
 * 3. **mark** — positions are valued at their last known close, the equity point for `t` is
 *    recorded and the maintenance margin is checked.
 * No fill can happen on the bar whose close produced the order: submissions are only matched from
 * the next bar.
 */
import { nyseCalendar } from '../calendar/NyseCalendar.js';
import type { TradingCalendar } from '../calendar/TradingCalendar.js';
import { alignBars, type BarPanel } from '../data/BarPanel.js';
import type { BarField, BarSeries } from '../data/BarSeries.js';
import type { LoadedBars } from '../data/loadBars.js';
import { InvariantError } from '../errors.js';
import { Ledger } from '../ledger/Ledger.js';
import type { Trade } from '../ledger/Trade.js';
import { highFirst, type IntrabarPath, type Ohlc } from '../orders/fillRules.js';
import { BarFillModel } from '../simulator/BarFillModel.js';
import type { FillModel } from '../simulator/FillModel.js';
import type { CancelReason, Fill, Order, OrderId, OrderRequest, OrderSide, OrderType, RejectReason, TimeInForce } from '../orders/Order.js';
import { SeededRandom } from '../random/SeededRandom.js';
import type { FeeModel } from '../simulator/FeeModel.js';
import type { BorrowModel, InterestModel } from '../simulator/FinancingModel.js';
import { NoBorrow } from '../simulator/NoBorrow.js';
import { NoFee } from '../simulator/NoFee.js';
import { NoInterest } from '../simulator/NoInterest.js';
import { NoSlippage } from '../simulator/NoSlippage.js';
import type { BarSnapshot, SlippageModel } from '../simulator/SlippageModel.js';
import { CashAccount } from '../simulator/CashAccount.js';
import { FractionMargin } from '../simulator/FractionMargin.js';
import type { MarginModel } from '../simulator/MarginModel.js';
import { NoVolumeLimit } from '../simulator/NoVolumeLimit.js';
import type { VolumeLimitModel } from '../simulator/VolumeLimitModel.js';
import { VolumeParticipationLimit } from '../simulator/VolumeParticipationLimit.js';
import { DAY_MS } from '../time/civil.js';
import { ZoneOffsets } from '../time/zonedTime.js';
import type { BacktestConfig, OcoPriority } from './BacktestConfig.js';
import type { Delisting, EngineRun, OpenPosition, Ruin } from './EngineRun.js';
import type { OrderCommand, SubmitOrder } from './commands.js';
import type { FeatureSource } from './FeatureSource.js';
import type { MarginCalled, OrderEvent } from './events.js';
import { LookAheadError, SeriesView } from './SeriesView.js';
import { OrderBook } from '../orders/OrderBook.js';
import { WorkingOrder } from '../orders/WorkingOrder.js';
import { Strategy } from './Strategy.js';
import { StrategyError, type StrategyErrorDetails, type StrategyHandler } from './StrategyError.js';
import type {
  Bar,
  BracketOrders,
  BracketRequest,
  NotionalOptions,
  OrderOptions,
  PositionSnapshot,
  StrategyContext,
} from './StrategyContext.js';

const TYPES = new Set<OrderType>(['market', 'limit', 'stop', 'stop_limit', 'trailing_stop']);
const TIFS = new Set<TimeInForce>(['day', 'gtc', 'ioc', 'opg']);

/** Runs one strategy over one dataset. Use {@link backtest} unless you need the engine itself. */
export class BacktestEngine {
  readonly #strategy: Strategy<object>;
  readonly #panel: BarPanel;
  readonly #symbols: readonly string[];
  readonly #index: ReadonlyMap<string, number>;
  /** Per symbol, the panel row of each of its own bars (`null`: it has a bar on every row). */
  readonly #rows: readonly (Int32Array | null)[];
  /** History arrays per symbol (gap-free series when available, else the panel columns). */
  readonly #history: readonly Readonly<Record<BarField, Float64Array>>[];
  readonly #ledger: Ledger;
  readonly #fees: FeeModel;
  readonly #slippage: SlippageModel;
  readonly #borrow: BorrowModel;
  readonly #interest: InterestModel;
  readonly #volumeModel: VolumeLimitModel;
  readonly #margin: MarginModel;
  readonly #fractional: boolean;
  readonly #fillModel: FillModel;
  readonly #ocoPriority: OcoPriority;
  readonly #random: SeededRandom;
  /** Session day number of each bar of the index. */
  readonly #day: Float64Array;

  // Per-symbol state, indexed like #symbols.
  readonly #qty: Float64Array;
  readonly #last: Float64Array;
  readonly #cursor: Int32Array;
  readonly #volumeUsed: Float64Array;

  /** Both financing models are the null ones: accruals can be skipped outright. */
  readonly #noFinancing: boolean;
  readonly #recordEvents: boolean;
  readonly #onProgress: ((barsDone: number, totalBars: number) => void) | undefined;
  /** Whether anyone consumes events: the result log, or a strategy that handles them. */
  readonly #wantsEvents: boolean;
  readonly #noFees: boolean;
  readonly #noSlippage: boolean;
  readonly #noVolumeLimit: boolean;
  readonly #cashAccount: boolean;
  /** Equity at the last marks, valid while `#equityValid` (a fill or a new bar invalidates it). */
  #equityCache = 0;
  #equityValid = false;
  /** Running equity and gross exposure during a match phase, for O(1) affordability checks. */
  #matchEquity = 0;
  #matchLong = 0;
  #matchShort = 0;
  /** Price each symbol is valued at in the running totals (its last close, then its last fill). */
  readonly #matchMark: Float64Array;
  #lastSymbol = '';
  #lastSymbolIndex = -1;

  #t = -1;
  #time = Number.NaN;
  #seq = 0;
  #groupSeq = 0;
  /** Every order in submission order: engine state while working, its final snapshot after. */
  readonly #orders: (WorkingOrder | Order)[] = [];
  /** Working orders, indexed by symbol and (plain limits) by price. */
  readonly #book: OrderBook;
  /** The current bar's candidates (reused: no array per bar). */
  readonly #offered: WorkingOrder[] = [];
  readonly #byId = new Map<string, WorkingOrder>();
  readonly #fills: Fill[] = [];
  readonly #events: OrderEvent[] = [];
  /** Events not yet delivered to the strategy. */
  #pending: OrderEvent[] = [];
  readonly #marginCalls: MarginCalled[] = [];
  #liquidating = false;
  /** The engine's liquidation orders of the current margin call or ruin. */
  readonly #liquidations: WorkingOrder[] = [];
  #submittingLiquidation = false;
  /** Last bar index of each symbol; symbols ending before the run are delisted after it. */
  readonly #lastBar: Int32Array;
  readonly #delistAt: readonly { readonly at: number; readonly symbol: number }[];
  #nextDelisting = 0;
  readonly #delistingReturns: Readonly<Record<string, number>>;
  readonly #delistings: Delisting[] = [];
  #ruined = false;
  #ruin: Ruin | null = null;
  readonly #context: StrategyContext;
  /** Feature columns by name and symbol (resolved once, so reads allocate nothing). */
  readonly #features: FeatureSource | undefined;
  readonly #featureColumns = new Map<string, Map<string, Float64Array>>();

  constructor(config: BacktestConfig) {
    this.#strategy = config.strategy;
    const { panel, series } = toPanel(config.data);
    this.#panel = panel;
    this.#symbols = panel.symbols;
    this.#index = new Map(panel.symbols.map((s, i) => [s, i]));
    // `ago` counts the symbol's own bars, whatever the input: a panel's columns are compacted to
    // the rows where the symbol has a bar, exactly the series it was aligned from.
    this.#history = panel.symbols.map((symbol, i) => series?.get(symbol) ?? ownBars(panel, i));
    this.#rows = panel.present.map(ownRows);
    const cash = config.cash ?? 100_000;
    if (!(Number.isFinite(cash) && cash >= 0)) throw new InvariantError(`cash must be a finite amount >= 0, got "${cash}"`);
    this.#ledger = new Ledger(cash);
    this.#fees = config.fees ?? new NoFee();
    this.#slippage = config.slippage ?? new NoSlippage();
    this.#borrow = config.borrow ?? new NoBorrow();
    this.#interest = config.interest ?? new NoInterest();
    this.#fractional = config.fractional ?? false;
    const volume = config.volumeLimit;
    this.#volumeModel =
      volume === undefined
        ? new NoVolumeLimit()
        : typeof volume === 'number'
          ? new VolumeParticipationLimit(volume, { fractional: this.#fractional })
          : volume;
    this.#margin = marginModel(config.margin);
    this.#fillModel = config.fillModel ?? new BarFillModel();
    this.#ocoPriority = config.ocoPriority ?? 'pessimistic';
    this.#random = new SeededRandom(config.seed ?? 0);
    this.#day = sessionDays(panel, config.calendar ?? nyseCalendar, series);
    const n = this.#symbols.length;
    this.#qty = new Float64Array(n);
    this.#book = new OrderBook(n);
    this.#last = new Float64Array(n).fill(Number.NaN);
    this.#cursor = new Int32Array(n);
    this.#volumeUsed = new Float64Array(n);
    this.#matchMark = new Float64Array(n);
    this.#noFinancing = this.#borrow instanceof NoBorrow && this.#interest instanceof NoInterest;
    this.#recordEvents = config.recordEvents ?? false;
    this.#onProgress = config.onProgress;
    // Building events (each with an order snapshot) for nobody is a large share of a fill's cost.
    this.#wantsEvents = this.#recordEvents || this.#strategy.onOrderEvent !== Strategy.prototype.onOrderEvent;
    this.#noFees = this.#fees instanceof NoFee;
    this.#noSlippage = this.#slippage instanceof NoSlippage;
    this.#noVolumeLimit = this.#volumeModel instanceof NoVolumeLimit;
    this.#cashAccount = this.#margin instanceof CashAccount;
    this.#lastBar = new Int32Array(n).fill(-1);
    const delistAt: { at: number; symbol: number }[] = [];
    for (let i = 0; i < n; i++) {
      const p = panel.present[i]!;
      let last = p.length - 1;
      while (last >= 0 && p[last] !== 1) last--;
      this.#lastBar[i] = last;
      if (last >= 0 && last < p.length - 1) delistAt.push({ at: last + 1, symbol: i });
    }
    this.#delistAt = delistAt.sort((a, b) => a.at - b.at || a.symbol - b.symbol);
    this.#delistingReturns = checkDelistingReturns(config.delistingReturns ?? {}, this.#symbols);
    this.#features = config.features;
    if (config.features !== undefined) checkFeatureIndex(config.features, panel.time);
    this.#context = this.#makeContext();
  }

  #featureColumn(name: string, symbol: string): Float64Array {
    let bySymbol = this.#featureColumns.get(name);
    if (bySymbol === undefined) {
      if (this.#features === undefined || !this.#features.names.includes(name)) {
        throw new InvariantError(`feature "${name}" was not given to this backtest (features: ${this.#features?.names.map((n) => `"${n}"`).join(', ') ?? 'none'})`);
      }
      bySymbol = new Map();
      this.#featureColumns.set(name, bySymbol);
    }
    let column = bySymbol.get(symbol);
    if (column === undefined) {
      column = this.#features!.column(name, symbol);
      bySymbol.set(symbol, column);
    }
    return column;
  }

  /**
   * Runs the strategy over every bar and returns the engine's record of it; `backtest()` adds the
   * frequency, diagnostics, metrics and report methods.
   */
  run(): EngineRun {
    const started = performance.now();
    const T = this.#panel.time.length;
    const n = this.#symbols.length;
    const equity = new Float64Array(T);
    const cashSeries = new Float64Array(T);
    const longValue = new Float64Array(T);
    const shortValue = new Float64Array(T);
    const positions = this.#symbols.map(() => new Float64Array(T));
    const present = this.#panel.present;
    const close = this.#panel.fields.close;
    this.#callStrategy('onStart');
    this.#deliver();
    const onProgress = this.#onProgress;
    const progressStep = Math.max(1, Math.ceil(T / 100));
    let nextProgress = onProgress === undefined ? Infinity : progressStep;
    for (let t = 0; t < T; t++) {
      if (t === nextProgress) {
        onProgress!(t, T);
        nextProgress += progressStep;
      }
      this.#t = t;
      this.#time = this.#panel.time[t]!;
      // 1. match
      if (t > 0) this.#accrue(t);
      while (this.#nextDelisting < this.#delistAt.length && this.#delistAt[this.#nextDelisting]!.at <= t) this.#delist(this.#delistAt[this.#nextDelisting++]!.symbol);
      if (!this.#book.empty) this.#match(t);
      // Bar t becomes visible: advance history cursors and last prices.
      this.#equityValid = false;
      for (let i = 0; i < n; i++) {
        if (present[i]![t] === 1) {
          this.#cursor[i]!++;
          this.#last[i] = close[i]![t]!;
        }
      }
      this.#deliver();
      // 2. decide (a ruined account's strategy is not asked again)
      if (!this.#ruined) this.#callStrategy('onBar');
      this.#deliver();
      // 3. mark
      let eq = this.#ledger.cashNumber;
      let long = 0;
      let short = 0;
      for (let i = 0; i < n; i++) {
        const q = this.#qty[i]!;
        if (q !== 0) {
          const v = q * this.#last[i]!;
          eq += v;
          if (v > 0) long += v;
          else short -= v;
          positions[i]![t] = q;
        }
      }
      equity[t] = eq;
      cashSeries[t] = this.#ledger.cashNumber;
      longValue[t] = long;
      shortValue[t] = short;
      this.#equityCache = eq;
      this.#equityValid = true;
      if (eq <= 0 && !this.#ruined && this.#ledger.initialCash.gt(0)) {
        this.#ruinAt(t, eq);
      } else if (!this.#cashAccount && long + short > 0 && !this.#liquidating) {
        const requirement = this.#margin.maintenance({ longValue: long, shortValue: short });
        if (eq < requirement) this.#marginCall(eq, requirement, long + short);
      }
    }
    this.#callStrategy('onEnd');
    this.#deliver();
    onProgress?.(T, T);

    const lastPrice = (symbol: string): number => this.#last[this.#index.get(symbol)!]!;
    const exactEquity = this.#ledger.equity((s) => {
      const p = lastPrice(s);
      return Number.isNaN(p) ? 0 : p;
    });
    const totals = this.#ledger.totals();
    const initialCash = Number(this.#ledger.initialCash);
    return Object.freeze({
      strategy: this.#strategy.name,
      params: this.#strategy.params,
      symbols: this.#symbols,
      time: this.#panel.time,
      equity,
      returns: simpleReturns(equity, initialCash),
      cash: cashSeries,
      longValue,
      shortValue,
      positions: new Map(this.#symbols.map((s, i) => [s, positions[i]!])),
      orders: Object.freeze(this.#orders.map((o) => (o instanceof WorkingOrder ? o.snapshot() : o))),
      fills: Object.freeze(this.#fills.slice()),
      trades: this.#ledger.trades as readonly Trade[],
      openPositions: Object.freeze(this.#openPositions(lastPrice)),
      events: Object.freeze(this.#events.slice()),
      marginCalls: Object.freeze(this.#marginCalls.slice()),
      ruin: this.#ruin,
      delistings: Object.freeze(this.#delistings.slice()),
      initialCash,
      finalEquity: Number(exactEquity),
      finalCash: this.#ledger.cashNumber,
      exact: Object.freeze({ finalEquity: exactEquity.toString(), finalCash: this.#ledger.cash.toString() }),
      totals: Object.freeze({
        realisedPnl: Number(totals.realised),
        fees: Number(totals.fees),
        borrow: Number(totals.borrow),
        interest: Number(totals.interest),
      }),
      policy: Object.freeze({
        fillTiming: 'next-bar' as const,
        fillModel: this.#fillModel.name,
        intrabarPath: this.#fillModel.intrabarPath,
        ocoPriority: this.#ocoPriority,
        fees: this.#fees.name,
        slippage: this.#slippage.name,
        borrow: this.#borrow.name,
        interest: this.#interest.name,
        volumeLimit: this.#volumeModel.name,
        margin: this.#margin.name,
        fractional: this.#fractional,
        seed: this.#random.seed,
      }),
      wallTimeMs: performance.now() - started,
    });
  }

  /** Cash plus every position at its last close (cached until a fill or a new bar). */
  #equity(): number {
    if (this.#equityValid) return this.#equityCache;
    let eq = this.#ledger.cashNumber;
    for (let i = 0; i < this.#symbols.length; i++) {
      const q = this.#qty[i]!;
      if (q !== 0) eq += q * this.#last[i]!;
    }
    this.#equityCache = eq;
    this.#equityValid = true;
    return eq;
  }

  /**
   * Market value of new long positions the account could still open at the last closes: equity
   * above the current initial requirement, divided by the requirement per unit of added value.
   */
  #buyingPower(): number {
    const equity = this.#equity();
    let long = 0;
    let short = 0;
    for (let i = 0; i < this.#symbols.length; i++) {
      const v = this.#qty[i]! * this.#last[i]!;
      if (v > 0) long += v;
      else if (v < 0) short -= v;
    }
    const required = this.#margin.initial({ longValue: long, shortValue: short });
    const perUnit = this.#margin.initial({ longValue: long + 1, shortValue: short }) - required;
    const free = Math.max(0, equity - required);
    return perUnit > 0 ? free / perUnit : free === 0 ? 0 : Number.POSITIVE_INFINITY;
  }

  // ── match phase ──────────────────────────────────────────────────────────────────────────────

  /** Borrow fees and interest for the calendar days since the previous bar, on the previous close. */
  #accrue(t: number): void {
    const days = this.#day[t]! - this.#day[t - 1]!;
    if (days <= 0 || this.#noFinancing) return;
    const time = this.#time;
    let collateral = 0;
    for (let i = 0; i < this.#symbols.length; i++) {
      const q = this.#qty[i]!;
      if (q < 0) {
        collateral -= q * this.#last[i]!;
        const fee = this.#borrow.borrowFee({ symbol: this.#symbols[i]!, quantity: -q, price: this.#last[i]!, days, time });
        if (fee > 0) this.#ledger.chargeBorrow(this.#symbols[i]!, fee, time);
      }
    }
    // Interest is earned on free cash only: short-sale proceeds are held as collateral.
    const interest = this.#interest.interest({ cash: this.#ledger.cashNumber - collateral, days, time });
    if (interest !== 0) this.#ledger.creditInterest(interest, time);
    this.#equityValid = false;
  }

  #match(t: number): void {
    const f = this.#panel.fields;
    const present = this.#panel.present;
    this.#volumeUsed.fill(0);
    let eq = this.#ledger.cashNumber;
    let long = 0;
    let short = 0;
    for (let i = 0; i < this.#symbols.length; i++) {
      const q = this.#qty[i]!;
      const p = this.#last[i]!;
      this.#matchMark[i] = p;
      if (q > 0) long += q * p;
      else if (q < 0) short -= q * p;
      eq += q === 0 ? 0 : q * p;
    }
    this.#matchEquity = eq;
    this.#matchLong = long;
    this.#matchShort = short;
    const day = this.#day[t]!;
    // Calendar expiry first: `day` orders past their session, `ioc`/`opg` orders whose symbol has
    // no bar at their one session.
    for (const o of this.#book.timed()) {
      if (!o.active || t < o.eligibleFrom) continue;
      if (Number.isNaN(o.sessionDay)) o.sessionDay = day;
      if (o.timeInForce === 'day' && day > o.sessionDay) this.#finish(o, 'expired');
      else if (present[o.symbolIndex]![t] !== 1) {
        if (o.timeInForce === 'ioc') this.#finish(o, 'cancelled', 'ioc');
        else if (o.timeInForce === 'opg') this.#finish(o, 'expired');
      }
    }
    const offered = this.#book.candidates((i) => (present[i]![t] === 1 ? { low: f.low[i]![t]!, high: f.high[i]![t]! } : null), this.#offered);
    for (let k = 0; k < offered.length; k++) {
      const o = offered[k]!;
      if (!o.working || !o.active || t < o.eligibleFrom || o.matchedAt === t) continue;
      const i = o.symbolIndex;
      if (Number.isNaN(o.sessionDay)) o.sessionDay = day;
      const bar: BarSnapshot = {
        time: this.#time,
        open: f.open[i]![t]!,
        high: f.high[i]![t]!,
        low: f.low[i]![t]!,
        close: f.close[i]![t]!,
        volume: f.volume[i]![t]!,
      };
      const sibling = o.sibling !== null && o.sibling.working && o.sibling.active && t >= o.sibling.eligibleFrom ? o.sibling : null;
      // Each order sees a bar once: the pair is matched together, and the second leg's turn in the
      // FIFO loop is skipped (its trigger and trailing state already advanced over this bar).
      o.matchedAt = t;
      if (sibling !== null) {
        sibling.matchedAt = t;
        this.#matchOco(o, sibling, bar);
      } else {
        const price = this.#rulePrice(o, bar, true);
        if (!Number.isNaN(price)) this.#fill(o, price, bar);
      }
      this.#afterOffer(o, t);
      if (sibling !== null) this.#afterOffer(sibling, t);
    }
    offered.length = 0;
    // Day orders whose session ended without a bar of their symbol expire now too.
    const nextDay = t + 1 < this.#day.length ? this.#day[t + 1]! : Number.POSITIVE_INFINITY;
    for (const o of this.#book.timed()) {
      if (o.timeInForce === 'day' && !Number.isNaN(o.sessionDay) && nextDay > o.sessionDay) this.#finish(o, 'expired');
    }
    this.#book.settle();
    // The latch clears once no liquidation order is working (filled, or ended by a rejection).
    if (this.#liquidating && !this.#liquidations.some((o) => o.working)) {
      this.#liquidating = false;
      this.#liquidations.length = 0;
    }
  }

  /**
   * After an order's chance on a bar: `ioc` rests are cancelled, unfilled `opg` orders expire, and
   * `day` orders expire when this was the last bar of their session (in FIFO order, like fills).
   */
  #afterOffer(o: WorkingOrder, t: number): void {
    if (!o.working || this.#panel.present[o.symbolIndex]![t] !== 1) return;
    o.offered = true;
    if (o.timeInForce === 'ioc') this.#finish(o, 'cancelled', 'ioc');
    else if (o.timeInForce === 'opg') this.#finish(o, 'expired');
    else if (o.timeInForce === 'day' && (t + 1 < this.#day.length ? this.#day[t + 1]! : Number.POSITIVE_INFINITY) > o.sessionDay) {
      this.#finish(o, 'expired');
    }
  }

  /**
   * The fill-rule price of `o` on this bar (NaN: no fill). With `commit`, trigger and trailing
   * state advance; without, the order is only priced (for OCO tie-breaking).
   */
  #rulePrice(o: WorkingOrder, bar: BarSnapshot, commit: boolean): number {
    const d = this.#fillModel.fill({
      side: o.side,
      type: o.type,
      timeInForce: o.timeInForce,
      limitPrice: o.limitPrice,
      stopPrice: o.stopPrice,
      trailAmount: o.trailAmount,
      trailPercent: o.trailPercent,
      triggered: o.triggered,
      best: o.best,
      bar,
    });
    if (commit) {
      o.triggered = d.triggered;
      o.best = d.best;
    }
    return d.price;
  }

  /** Two working legs of one OCO group on the same bar: at most one fills. */
  #matchOco(a: WorkingOrder, b: WorkingOrder, bar: BarSnapshot): void {
    const pa = this.#rulePrice(a, bar, false);
    const pb = this.#rulePrice(b, bar, false);
    let first: WorkingOrder | null = null;
    let price = Number.NaN;
    if (!Number.isNaN(pa) && !Number.isNaN(pb)) {
      const aWins = this.#ocoFirst(a, pa, b, pb, bar);
      first = aWins ? a : b;
      price = aWins ? pa : pb;
    } else if (!Number.isNaN(pa)) {
      first = a;
      price = pa;
    } else if (!Number.isNaN(pb)) {
      first = b;
      price = pb;
    }
    // Advance trigger/trailing state of both legs as if each had seen the bar alone.
    this.#rulePrice(a, bar, true);
    this.#rulePrice(b, bar, true);
    if (first !== null) this.#fill(first, price, bar);
  }

  /** Whether leg `a` (price `pa`) fills rather than `b` (price `pb`) under the OCO priority. */
  #ocoFirst(a: WorkingOrder, pa: number, b: WorkingOrder, pb: number, bar: Ohlc): boolean {
    if (this.#ocoPriority !== 'path' && a.side === b.side) {
      // Worse for the trader: a higher buy price, a lower sell price.
      const aWorse = a.side === 'buy' ? pa >= pb : pa <= pb;
      return this.#ocoPriority === 'pessimistic' ? aWorse : !aWorse;
    }
    const path = this.#fillModel.intrabarPath;
    return touchRank(a, pa, bar, path) <= touchRank(b, pb, bar, path);
  }

  /** Fills as much of `o` at rule price `price` as volume, cash and margin allow. */
  #fill(o: WorkingOrder, price: number, bar: BarSnapshot): void {
    if (!o.resolved && !this.#resolveSize(o, price)) return;
    const i = o.symbolIndex;
    let quantity = o.remaining;
    if (!this.#noVolumeLimit) {
      const cap = this.#volumeModel.maxQuantity({ symbol: o.symbol, side: o.side, bar, filledThisBar: this.#volumeUsed[i]! });
      if (!(cap > 0)) return;
      quantity = Math.min(quantity, cap);
    }
    // The null models are skipped outright: no parameter objects on the hot path of a free run.
    const slips = o.type === 'market' || o.type === 'stop' || o.type === 'trailing_stop';
    const slippage =
      slips && !this.#noSlippage ? this.#slippage.slippage({ symbol: o.symbol, side: o.side, price, quantity, bar }) : 0;
    if (!(slippage >= 0) || !Number.isFinite(slippage)) {
      throw new InvariantError(`${this.#slippage.name} returned slippage "${slippage}"; expected a finite value >= 0`);
    }
    const fillPrice = o.side === 'buy' ? price + slippage : price - slippage;
    if (!(fillPrice > 0)) {
      // A price can never cross zero: the order is refused rather than filled at a capped price
      // nobody would quote.
      const message = `${o.side} ${quantity} ${o.symbol} @ ${price}: ${this.#slippage.name} slippage ${slippage} would take the fill price to ${fillPrice}`;
      o.rejectReason = 'slippage_exceeds_price';
      this.#finish(o, 'rejected', undefined, { reason: 'slippage_exceeds_price', message });
      return;
    }
    const fee = this.#feeOf(o, quantity, fillPrice, bar);
    const rejection = this.#checkAffordable(o, quantity, fillPrice, fee);
    if (rejection === null) {
      this.#book_(o, quantity, fillPrice, slippage, fee, bar);
      this.#afterFill(o, price, fillPrice, bar);
      return;
    }
    // A reversal the account cannot take whole is a close then an open: the closing part is always
    // allowed and fills; the opening part is rejected.
    const before = this.#qty[i]!;
    const closing = o.side === 'sell' ? Math.max(0, Math.min(before, quantity)) : Math.max(0, Math.min(-before, quantity));
    if (closing > 0) {
      // The closing part is all that executes: it is charged as an order of its own size (a
      // per-order minimum in full, not a pro-rata share of a commission on the rejected rest).
      this.#book_(o, closing, fillPrice, slippage, this.#feeOf(o, closing, fillPrice, bar, closing), bar);
      this.#afterFill(o, price, fillPrice, bar);
    }
    o.rejectReason = rejection.reason;
    this.#finish(o, 'rejected', undefined, rejection);
  }

  /**
   * Resolves a fill-time sized order at rule price `price`: a notional order buys or sells
   * `notional / price` shares; a target order trades to `targetPercent × equity / price` shares
   * with equity revalued at `price` (whole shares, truncated, unless fractional). `false` when
   * nothing is left to trade (the order then ends: `target_reached`, or rejected for a notional
   * below one share).
   */
  #resolveSize(o: WorkingOrder, price: number): boolean {
    const i = o.symbolIndex;
    const held = this.#qty[i]!;
    const whole = (q: number): number => (this.#fractional ? q : Math.trunc(q + Math.sign(q) * 1e-9));
    let quantity: number;
    if (o.notional !== undefined) {
      quantity = whole(o.notional / price);
    } else {
      const mark = Number.isNaN(this.#matchMark[i]!) ? price : this.#matchMark[i]!;
      const equity = this.#matchEquity + held * (price - mark);
      const target = whole((o.targetPercent! * equity) / price);
      quantity = o.side === 'buy' ? target - held : held - target;
    }
    if (!(quantity > 1e-12)) {
      if (o.notional !== undefined) {
        const message = `notional ${o.notional} of ${o.symbol} buys less than ${this.#fractional ? 'any' : 'one'} share at ${price}`;
        o.rejectReason = 'invalid_quantity';
        this.#finish(o, 'rejected', undefined, { reason: 'invalid_quantity', message });
      } else {
        this.#finish(o, 'cancelled', 'target_reached');
      }
      return false;
    }
    o.quantity = quantity;
    o.remaining = quantity;
    o.resolved = true;
    return true;
  }

  /** The fee model's fee for `quantity` of `o` at `price` (0 under `NoFee`). */
  #feeOf(o: WorkingOrder, quantity: number, price: number, bar: BarSnapshot, orderQuantity: number = o.quantity): number {
    if (this.#noFees) return 0;
    const fee = this.#fees.fee({ symbol: o.symbol, side: o.side, price, quantity, orderQuantity, firstFill: o.fills === 0, bar });
    if (!(fee >= 0) || !Number.isFinite(fee)) {
      throw new InvariantError(`${this.#fees.name} returned fee "${fee}"; expected a finite amount >= 0`);
    }
    return fee;
  }

  /** Books one fill of `o` in the ledger, the running totals and the order's counters. */
  #book_(o: WorkingOrder, quantity: number, fillPrice: number, slippage: number, fee: number, bar: BarSnapshot): void {
    const i = o.symbolIndex;
    const before = this.#qty[i]!;
    const mark = Number.isNaN(this.#matchMark[i]!) ? fillPrice : this.#matchMark[i]!;
    this.#ledger.applyFill({ orderId: o.id, symbol: o.symbol, side: o.side, quantity, price: fillPrice, fee, time: this.#time });
    this.#qty[i] = this.#ledger.quantity(o.symbol);
    const after = this.#qty[i]!;
    this.#matchEquity += -fee + before * (fillPrice - mark);
    this.#matchLong += Math.max(after, 0) * fillPrice - Math.max(before, 0) * mark;
    this.#matchShort += Math.max(-after, 0) * fillPrice - Math.max(-before, 0) * mark;
    this.#matchMark[i] = fillPrice;
    this.#equityValid = false;
    this.#volumeUsed[i]! += quantity;
    o.remaining = this.#fractional ? o.remaining - quantity : Math.round(o.remaining - quantity);
    if (o.remaining <= 1e-12) o.remaining = 0;
    o.filled += quantity;
    o.filledValue += quantity * fillPrice;
    o.fills++;
    o.status = o.remaining === 0 ? 'filled' : 'partially_filled';
    const fill: Fill = Object.freeze({ orderId: o.id, symbol: o.symbol, side: o.side, time: bar.time, quantity, price: fillPrice, slippage, fee });
    this.#fills.push(fill);
    if (this.#wantsEvents) this.#emit({ type: 'filled', time: this.#time, order: o.snapshot(), fill });
  }

  /**
   * Contingencies after a fill of `o` (rule price `price`): an OCO sibling is cancelled; a bracket
   * entry's exits become active from its first (partial) fill and always cover exactly what the
   * entry has filled; an exit that trades ends the entry's unfilled rest.
   */
  #afterFill(o: WorkingOrder, price: number, fillPrice: number, bar: BarSnapshot): void {
    if (o.status === 'filled' && o.children.length === 0 && o.sibling === null) this.#retire(o);
    if (o.sibling !== null && o.sibling.working) {
      // One leg traded: the other leg goes (a partial fill shrinks nothing — OCO means "one or the other").
      this.#finish(o.sibling, 'cancelled', 'oco');
    }
    if (o.parent !== null && o.parent.working) this.#finish(o.parent, 'cancelled', 'oco');
    for (const child of o.children) {
      if (!child.working) continue;
      if (!child.active) {
        child.active = true;
        child.filled = 0;
        // Exits may act in the same bar only when the entry filled at its open (the whole rest of
        // the bar then comes after the entry).
        child.eligibleFrom = price === bar.open ? this.#t : this.#t + 1;
        if (child.type === 'trailing_stop') child.best = fillPrice;
      }
      child.quantity = o.filled;
      child.remaining = o.filled - child.filled;
    }
  }


  /**
   * `null` when the fill is allowed; otherwise why not. Fills that reduce exposure are always
   * allowed; fills that add exposure must keep `initial × gross exposure <= equity` after fees.
   */
  #checkAffordable(o: WorkingOrder, quantity: number, price: number, fee: number): { reason: RejectReason; message: string } | null {
    const i = o.symbolIndex;
    const before = this.#qty[i]!;
    const after = o.side === 'buy' ? before + quantity : before - quantity;
    if (Math.abs(after) <= Math.abs(before) && Math.sign(after) * Math.sign(before) >= 0) return null;
    if (after < 0 && this.#cashAccount) {
      return { reason: 'short_not_allowed', message: `selling ${quantity} ${o.symbol} would open a short, and a cash account (${this.#margin.name}) cannot short; pass a margin model` };
    }
    if (after < 0 && !this.#borrow.isShortable(o.symbol, this.#time)) {
      return { reason: 'not_shortable', message: `${o.symbol} is not shortable (${this.#borrow.name})` };
    }
    // Running totals: revalue the symbol at the fill price, pay the fee, swap its exposure.
    const mark = this.#matchMark[i]!;
    const m = Number.isNaN(mark) ? price : mark;
    const equity = this.#matchEquity - fee + before * (price - m);
    const longValue = this.#matchLong - Math.max(before, 0) * m + Math.max(after, 0) * price;
    const shortValue = this.#matchShort - Math.max(-before, 0) * m + Math.max(-after, 0) * price;
    const required = this.#margin.initial({ longValue, shortValue });
    if (required <= equity * (1 + 1e-12)) return null;
    return {
      reason: this.#cashAccount ? 'insufficient_funds' : 'margin_requirement',
      message: `${o.side} ${quantity} ${o.symbol} @ ${price} (fee ${fee}) needs ${required.toFixed(2)} of equity under ${this.#margin.name} (long ${longValue.toFixed(2)}, short ${shortValue.toFixed(2)}); equity after the fill would be ${equity.toFixed(2)}`,
    };
  }

  /** The positions open after the last bar, in symbol order. */
  #openPositions(lastPrice: (symbol: string) => number): OpenPosition[] {
    const open: OpenPosition[] = [];
    for (const symbol of this.#symbols) {
      const p = this.#ledger.position(symbol);
      if (p.quantity === 0) continue;
      const last = lastPrice(symbol);
      open.push(
        Object.freeze({
          symbol,
          quantity: p.quantity,
          averagePrice: p.averagePrice,
          entryTime: this.#ledger.openedAt(symbol),
          lastPrice: last,
          marketValue: p.quantity * last,
          unrealisedPnl: p.quantity * last - p.costBasis,
        }),
      );
    }
    return open;
  }

  #marginCall(equity: number, requirement: number, gross: number): void {
    const event: MarginCalled = Object.freeze({ type: 'margin_call', time: this.#time, equity, requirement, grossExposure: gross });
    this.#marginCalls.push(event);
    for (const o of this.#book.working()) this.#finish(o, 'cancelled', 'margin_call');
    this.#liquidating = true;
    for (let i = 0; i < this.#symbols.length; i++) {
      const q = this.#qty[i]!;
      if (q !== 0) this.#submitLiquidation(i, 'margin_call');
    }
    this.#deliver();
  }

  /** Submits the engine's own order closing symbol `i`'s position (not cancellable by the strategy). */
  #submitLiquidation(i: number, tag: 'margin_call' | 'ruin' | 'delisted'): WorkingOrder {
    const q = this.#qty[i]!;
    this.#submittingLiquidation = true;
    try {
      return this.#submitCommand({ symbol: this.#symbols[i]!, side: q > 0 ? 'sell' : 'buy', quantity: Math.abs(q), tag });
    } finally {
      this.#submittingLiquidation = false;
    }
  }

  /** Equity reached zero at bar `t`'s close: trading stops, every position is closed at the next open. */
  #ruinAt(t: number, equity: number): void {
    this.#ruin = Object.freeze({ time: this.#time, index: t, equity });
    this.#ruined = true;
    for (const o of this.#book.working()) this.#finish(o, 'cancelled', 'ruined');
    this.#liquidating = true;
    for (let i = 0; i < this.#symbols.length; i++) if (this.#qty[i] !== 0) this.#submitLiquidation(i, 'ruin');
    this.#deliver();
  }

  // ── order entry (decide phase) ───────────────────────────────────────────────────────────────

  /**
   * The one way orders enter or leave the book: a `SubmitOrder` returns the new order's state, a
   * `CancelOrder` whether a working order was cancelled.
   */
  #execute(command: OrderCommand): WorkingOrder | boolean {
    if (command.type === 'submit_order') {
      const parent = command.parentId === undefined ? undefined : this.#byId.get(command.parentId);
      return this.#submit(command.request, {
        ...(parent === undefined ? {} : { parent }),
        ...(command.groupId === undefined ? {} : { groupId: command.groupId }),
      });
    }
    const o = this.#byId.get(command.orderId);
    if (o === undefined || !o.working || o.liquidation) return false;
    this.#finish(o, 'cancelled', 'requested');
    if (o.sibling !== null) this.#finish(o.sibling, 'cancelled', 'oco');
    return true;
  }

  #submitCommand(request: OrderRequest, groupId?: string, parentId?: OrderId): WorkingOrder {
    const command: SubmitOrder = {
      type: 'submit_order',
      request,
      ...(groupId === undefined ? {} : { groupId }),
      ...(parentId === undefined ? {} : { parentId }),
    };
    return this.#execute(command) as WorkingOrder;
  }

  #submit(request: OrderRequest, group?: { parent?: WorkingOrder; groupId?: string }): WorkingOrder {
    const seq = ++this.#seq;
    const type = request.type ?? 'market';
    const tif = request.timeInForce ?? 'gtc';
    const i = this.#index.get(request.symbol) ?? -1;
    const o = new WorkingOrder(`o-${seq}` as OrderId, i, request, type, tif, this.#time, this.#t + 1);
    o.groupId = group?.groupId;
    if (group?.parent !== undefined) {
      o.parent = group.parent;
      o.active = false;
      group.parent.children.push(o);
    }
    o.liquidation = this.#submittingLiquidation;
    o.slot = this.#orders.push(o) - 1;
    this.#byId.set(o.id, o);
    const invalid = this.#validate(o, request);
    if (invalid !== null) {
      o.rejectReason = invalid.reason;
      o.status = 'rejected';
      if (this.#wantsEvents) this.#emit({ type: 'rejected', time: this.#time, order: o.snapshot(), reason: invalid.reason, message: invalid.message });
      return o;
    }
    if (type === 'trailing_stop') o.best = this.#last[i]!;
    this.#book.add(o);
    if (o.liquidation) this.#liquidations.push(o);
    if (this.#wantsEvents) this.#emit({ type: 'accepted', time: this.#time, order: o.snapshot() });
    return o;
  }

  #validate(o: WorkingOrder, r: OrderRequest): { reason: RejectReason; message: string } | null {
    if (o.symbolIndex < 0) return { reason: 'unknown_symbol', message: `symbol "${r.symbol}" is not in the data` };
    if (r.side !== 'buy' && r.side !== 'sell') return { reason: 'invalid_quantity', message: `side "${String(r.side)}" is neither buy nor sell` };
    const q = r.quantity;
    if (!o.resolved) {
      if (o.type !== 'market') return { reason: 'invalid_quantity', message: `fill-time sizing (notional, targetPercent) takes market orders, not "${o.type}"` };
      if (r.notional !== undefined && r.targetPercent !== undefined) return { reason: 'invalid_quantity', message: 'an order takes notional or targetPercent, not both' };
      if (r.notional !== undefined && !(Number.isFinite(r.notional) && r.notional > 0)) return { reason: 'invalid_quantity', message: `notional "${r.notional}" is not a positive amount` };
      if (r.targetPercent !== undefined && !Number.isFinite(r.targetPercent)) return { reason: 'invalid_quantity', message: `targetPercent "${r.targetPercent}" is not finite` };
    } else if (!(Number.isFinite(q) && q > 0)) return { reason: 'invalid_quantity', message: `quantity "${q}" is not a positive number` };
    if (o.resolved && !this.#fractional && !Number.isInteger(q)) {
      return { reason: 'invalid_quantity', message: `quantity "${q}" is fractional and fractional trading is off` };
    }
    if (!TYPES.has(o.type)) return { reason: 'invalid_price', message: `order type "${o.type}" is unknown` };
    if (!TIFS.has(o.timeInForce)) return { reason: 'invalid_price', message: `time in force "${o.timeInForce}" is unknown` };
    const positive = (v: number | undefined): boolean => v !== undefined && Number.isFinite(v) && v > 0;
    if ((o.type === 'limit' || o.type === 'stop_limit') && !positive(o.limitPrice)) {
      return { reason: 'invalid_price', message: `a ${o.type} order needs limitPrice > 0, got "${o.limitPrice}"` };
    }
    if ((o.type === 'stop' || o.type === 'stop_limit') && !positive(o.stopPrice)) {
      return { reason: 'invalid_price', message: `a ${o.type} order needs stopPrice > 0, got "${o.stopPrice}"` };
    }
    if (o.type === 'trailing_stop') {
      const byAmount = o.trailAmount !== undefined;
      const byPercent = o.trailPercent !== undefined;
      if (byAmount === byPercent || (byAmount && !positive(o.trailAmount)) || (byPercent && !(o.trailPercent! > 0 && o.trailPercent! < 1))) {
        return {
          reason: 'invalid_price',
          message: `a trailing stop needs exactly one of trailAmount > 0 or 0 < trailPercent < 1, got "${o.trailAmount}" and "${o.trailPercent}"`,
        };
      }
      if (Number.isNaN(this.#last[o.symbolIndex]!)) {
        return { reason: 'invalid_price', message: `a trailing stop on ${o.symbol} needs a last price to trail from; the symbol has no bar yet` };
      }
    }
    if (o.timeInForce === 'opg' && o.type !== 'market' && o.type !== 'limit') {
      return { reason: 'invalid_price', message: `time in force "opg" takes market or limit orders, not "${o.type}"` };
    }
    if (this.#ruined && !this.#submittingLiquidation) {
      return { reason: 'account_ruined', message: `the account was ruined at ${new Date(this.#ruin!.time).toISOString()} (equity ${this.#ruin!.equity}); trading has stopped` };
    }
    if (o.side === 'sell' && this.#cashAccount && o.parent === null && this.#qty[o.symbolIndex]! + this.#pendingBuys(o.symbolIndex) <= 0) {
      return { reason: 'short_not_allowed', message: `selling ${q} ${o.symbol} with no long position would open a short, and a cash account (${this.#margin.name}) cannot short; pass a margin model` };
    }
    if (o.side === 'sell' && o.parent === null && !this.#borrow.isShortable(o.symbol, this.#time) && this.#qty[o.symbolIndex]! - this.#pendingSells(o.symbolIndex) < q) {
      return { reason: 'not_shortable', message: `selling ${q} ${o.symbol} would open a short, and it is not shortable (${this.#borrow.name})` };
    }
    return null;
  }

  /** Shares of working sell orders of a symbol (so a second sell does not count the same shares twice). */
  #pendingSells(i: number): number {
    return -this.#book.sum(i, (o) => o.side === 'sell' && o.active && o.parent === null);
  }

  /** Shares of working buy orders of a symbol, bracket children excluded. */
  #pendingBuys(i: number): number {
    return this.#book.sum(i, (o) => o.side === 'buy' && o.parent === null);
  }

  /** Net shares of a symbol's working orders (+ buys, − sells), bracket children excluded. */
  #pendingNet(i: number): number {
    return this.#book.sum(i, (o) => o.parent === null && o.sibling === null);
  }

  #finish(
    o: WorkingOrder,
    status: 'cancelled' | 'expired' | 'rejected',
    reason?: CancelReason,
    rejection?: { reason: RejectReason; message: string },
  ): void {
    if (!o.working) return;
    o.status = status;
    if (status === 'cancelled') o.cancelReason = reason ?? 'requested';
    if (o.children.length === 0 && o.sibling === null) this.#retire(o);
    if (!this.#wantsEvents) {
      if (o.filled === 0) for (const child of o.children) this.#finish(child, 'cancelled', 'parent_cancelled');
      return;
    }
    const order = o.snapshot();
    if (status === 'cancelled') this.#emit({ type: 'cancelled', time: this.#time, order, reason: reason ?? 'requested' });
    else if (status === 'expired') this.#emit({ type: 'expired', time: this.#time, order });
    else this.#emit({ type: 'rejected', time: this.#time, order, reason: rejection!.reason, message: rejection!.message });
    // A bracket entry that ends without filling takes its children with it.
    if (o.filled === 0) for (const child of o.children) this.#finish(child, 'cancelled', 'parent_cancelled');
  }

  /**
   * A finished order keeps only its frozen snapshot: a long run then holds one small object per
   * order instead of the engine's working state.
   */
  #retire(o: WorkingOrder): void {
    if (o.working) return;
    this.#orders[o.slot] = o.snapshot();
    this.#byId.delete(o.id);
  }

  #emit(event: OrderEvent): void {
    if (this.#recordEvents) this.#events.push(event);
    this.#pending.push(event);
  }

  /**
   * Calls a strategy handler. Its exception becomes a {@link StrategyError} naming the strategy,
   * handler, symbols, bar and time (the original as `cause`); a returned promise is an error too:
   * handlers are synchronous, and a promise's failure would escape the run unnoticed.
   */
  #callStrategy(handler: StrategyHandler, event?: OrderEvent): void {
    const strategy = this.#strategy;
    let out: unknown;
    try {
      if (handler === 'onBar') out = strategy.onBar(this.#context);
      else if (handler === 'onOrderEvent') out = strategy.onOrderEvent(event!, this.#context);
      else if (handler === 'onStart') out = strategy.onStart(this.#context);
      else out = strategy.onEnd(this.#context);
    } catch (e) {
      if (e instanceof StrategyError) throw e;
      throw new StrategyError(this.#errorDetails(handler), 'threw', e);
    }
    if (out !== undefined && typeof (out as { then?: unknown }).then === 'function') {
      // Swallow the promise's own outcome: the run fails here, synchronously, instead.
      (out as Promise<unknown>).then(undefined, () => undefined);
      throw new StrategyError(this.#errorDetails(handler), 'returned a promise (handlers must be synchronous)');
    }
  }

  #errorDetails(handler: StrategyHandler): StrategyErrorDetails {
    return { strategy: this.#strategy.name, handler, symbols: this.#symbols, index: this.#t, time: this.#time };
  }

  /**
   * A symbol whose data ended before the run: its working orders are cancelled (reason
   * `delisted`) and its position is closed at its last close, or at `last × (1 + r)` with a
   * delisting return `r`, without fees or slippage.
   */
  #delist(i: number): void {
    const symbol = this.#symbols[i]!;
    for (const o of this.#book.working(i)) this.#finish(o, 'cancelled', 'delisted');
    const q = this.#qty[i]!;
    const last = this.#last[i]!;
    const r = this.#delistingReturns[symbol] ?? 0;
    const price = last * (1 + r);
    const lastBarTime = this.#panel.time[this.#lastBar[i]!]!;
    if (q !== 0) {
      const o = this.#submitLiquidation(i, 'delisted');
      const bar: BarSnapshot = { time: this.#time, open: price, high: price, low: price, close: price, volume: Number.NaN };
      this.#book_(o, Math.abs(q), price, 0, 0, bar);
      this.#afterFill(o, price, price, bar);
    }
    this.#delistings.push(Object.freeze({ symbol, time: this.#time, lastBarTime, quantity: q, price }));
  }

  /** Hands pending events to the strategy, in order (events its handler causes come after). */
  #deliver(): void {
    while (this.#pending.length > 0) {
      const batch = this.#pending;
      this.#pending = [];
      for (const e of batch) this.#callStrategy('onOrderEvent', e);
    }
  }

  // ── the strategy's context ───────────────────────────────────────────────────────────────────

  #symbolIndex(symbol: string): number {
    if (symbol === this.#lastSymbol) return this.#lastSymbolIndex;
    const i = this.#index.get(symbol);
    if (i === undefined) throw new InvariantError(`symbol "${symbol}" is not in the data (${this.#symbols.length} symbols)`);
    this.#lastSymbol = symbol;
    this.#lastSymbolIndex = i;
    return i;
  }

  #makeContext(): StrategyContext {
    // Arrow functions keep `this` on the engine; the object holds no data a strategy could misuse.
    const engine = this;
    const whole = (q: number): number => (engine.#fractional ? q : Math.trunc(q));
    const submit = (request: OrderRequest): Order => engine.#submitCommand(request).snapshot();
    const shortcut = (symbol: string, side: OrderSide, quantity: number, options: OrderOptions = {}): Order => {
      const { at: _at, ...rest } = options;
      return submit({ ...rest, symbol, side, quantity });
    };
    const notional = (symbol: string, side: OrderSide, dollars: number, options: NotionalOptions = {}): Order => {
      const price = engine.#last[engine.#symbolIndex(symbol)]!;
      const estimate = price > 0 && Number.isFinite(dollars) ? whole(dollars / price) : 0;
      return submit({ ...options, symbol, side, quantity: estimate, notional: dollars });
    };
    const ctx: StrategyContext = {
      get time() {
        return engine.#time;
      },
      get index() {
        return engine.#t;
      },
      symbols: this.#symbols,
      random: (): number => engine.#random.next(),
      get cash() {
        return engine.#ledger.cashNumber;
      },
      get equity() {
        return engine.#equity();
      },
      get buyingPower() {
        return engine.#buyingPower();
      },
      bar(symbol: string): Bar | undefined {
        const i = engine.#symbolIndex(symbol);
        const t = engine.#t;
        if (t < 0 || engine.#panel.present[i]![t] !== 1) return undefined;
        const f = engine.#panel.fields;
        return Object.freeze({
          symbol,
          time: engine.#time,
          open: f.open[i]![t]!,
          high: f.high[i]![t]!,
          low: f.low[i]![t]!,
          close: f.close[i]![t]!,
          volume: f.volume[i]![t]!,
        });
      },
      hasBar(symbol: string): boolean {
        const t = engine.#t;
        return t >= 0 && engine.#panel.present[engine.#symbolIndex(symbol)]![t] === 1;
      },
      value(symbol: string, field: BarField, ago = 0): number {
        if (!(ago >= 0) || !Number.isInteger(ago)) {
          throw new LookAheadError(`value("${symbol}", "${field}", ${ago}): ago must be a whole number >= 0 (0 is the current bar)`);
        }
        const i = engine.#symbolIndex(symbol);
        const at = engine.#cursor[i]! - 1 - ago;
        return at >= 0 ? engine.#history[i]![field][at]! : Number.NaN;
      },
      price(symbol: string): number {
        return engine.#last[engine.#symbolIndex(symbol)]!;
      },
      feature(name: string, symbol: string, ago = 0): number {
        if (!(ago >= 0) || !Number.isInteger(ago)) {
          throw new LookAheadError(`feature("${name}", "${symbol}", ${ago}): ago must be a whole number >= 0 (0 is the current bar)`);
        }
        // `ago` counts the symbol's own bars, as in value(): 0 is its latest bar.
        const i = engine.#symbolIndex(symbol);
        const at = engine.#cursor[i]! - 1 - ago;
        if (at < 0) return Number.NaN;
        const rows = engine.#rows[i]!;
        return engine.#featureColumn(name, symbol)[rows === null ? at : rows[at]!]!;
      },
      history(symbol: string, field: BarField, length: number): SeriesView {
        if (!(Number.isInteger(length) && length >= 0)) throw new InvariantError(`history length must be a whole number >= 0, got "${length}"`);
        const i = engine.#symbolIndex(symbol);
        const end = engine.#cursor[i]!;
        const n = Math.min(length, end);
        return new SeriesView(engine.#history[i]![field], end - n, n);
      },
      position(symbol: string): PositionSnapshot {
        const i = engine.#symbolIndex(symbol);
        const p = engine.#ledger.position(symbol);
        const price = engine.#last[i]!;
        const quantity = p.quantity;
        return Object.freeze({
          symbol,
          quantity,
          averagePrice: p.averagePrice,
          price,
          marketValue: quantity * price,
          unrealisedPnl: quantity === 0 ? 0 : (price - p.averagePrice) * quantity,
          realisedPnl: p.realisedPnl,
        });
      },
      openOrders(symbol?: string): readonly Order[] {
        const out: Order[] = [];
        for (const o of engine.#book.working(symbol === undefined ? undefined : engine.#symbolIndex(symbol))) out.push(o.snapshot());
        return out;
      },
      order: submit,
      buy: (symbol, quantity, options) => shortcut(symbol, 'buy', quantity, options),
      sell: (symbol, quantity, options) => shortcut(symbol, 'sell', quantity, options),
      bracket(request: BracketRequest): BracketOrders {
        const groupId = `g-${++engine.#groupSeq}`;
        const exit: OrderSide = request.side === 'buy' ? 'sell' : 'buy';
        const entry = engine.#submitCommand(
          { ...request.entry, symbol: request.symbol, side: request.side, quantity: request.quantity, ...(request.tag === undefined ? {} : { tag: request.tag }) },
          groupId,
        );
        const common = { symbol: request.symbol, side: exit, quantity: request.quantity, ...(request.tag === undefined ? {} : { tag: request.tag }) };
        const takeProfit = engine.#submitCommand({ ...common, type: 'limit', limitPrice: request.takeProfit }, groupId, entry.id);
        const stopLoss = engine.#submitCommand(
          request.stopLimit === undefined
            ? { ...common, type: 'stop', stopPrice: request.stopLoss }
            : { ...common, type: 'stop_limit', stopPrice: request.stopLoss, limitPrice: request.stopLimit },
          groupId,
          entry.id,
        );
        takeProfit.sibling = stopLoss;
        stopLoss.sibling = takeProfit;
        if (entry.status === 'rejected') {
          engine.#finish(takeProfit, 'cancelled', 'parent_cancelled');
          engine.#finish(stopLoss, 'cancelled', 'parent_cancelled');
        }
        return Object.freeze({ entry: entry.snapshot(), takeProfit: takeProfit.snapshot(), stopLoss: stopLoss.snapshot() });
      },
      oco(first: OrderRequest, second: OrderRequest): readonly [Order, Order] {
        const groupId = `g-${++engine.#groupSeq}`;
        const a = engine.#submitCommand(first, groupId);
        const b = engine.#submitCommand(second, groupId);
        if (a.working && b.working) {
          a.sibling = b;
          b.sibling = a;
        }
        return Object.freeze([a.snapshot(), b.snapshot()] as const);
      },
      orderTargetQuantity(symbol: string, target: number, options?: OrderOptions): Order | null {
        const i = engine.#symbolIndex(symbol);
        const delta = whole(target) - (engine.#qty[i]! + engine.#pendingNet(i));
        if (delta === 0 || Math.abs(delta) < 1e-12) return null;
        return shortcut(symbol, delta > 0 ? 'buy' : 'sell', Math.abs(delta), options);
      },
      orderTargetPercent(symbol: string, fraction: number, options?: OrderOptions): Order | null {
        if (!Number.isFinite(fraction)) throw new InvariantError(`orderTargetPercent("${symbol}") needs a finite fraction, got "${fraction}"`);
        const i = engine.#symbolIndex(symbol);
        const price = engine.#last[i]!;
        if (!(price > 0)) return null;
        if (options?.at !== 'fill') return ctx.orderTargetQuantity(symbol, (fraction * ctx.equity) / price, options);
        // Sized again at the fill price; the side (and the estimate shown until then) from the last close.
        const delta = whole((fraction * ctx.equity) / price) - (engine.#qty[i]! + engine.#pendingNet(i));
        if (delta === 0 || Math.abs(delta) < 1e-12) return null;
        const { at: _at, ...rest } = options;
        return submit({ ...rest, symbol, side: delta > 0 ? 'buy' : 'sell', quantity: Math.abs(delta), targetPercent: fraction });
      },
      buyNotional: (symbol, dollars, options) => notional(symbol, 'buy', dollars, options),
      sellNotional: (symbol, dollars, options) => notional(symbol, 'sell', dollars, options),
      closePosition(symbol: string): Order | null {
        ctx.cancelAll(symbol);
        return ctx.orderTargetQuantity(symbol, 0);
      },
      cancel(orderId: OrderId): boolean {
        return engine.#execute({ type: 'cancel_order', orderId }) as boolean;
      },
      cancelAll(symbol?: string): number {
        let n = 0;
        for (const o of engine.#book.working(symbol === undefined ? undefined : engine.#symbolIndex(symbol))) {
          if (o.working && engine.#execute({ type: 'cancel_order', orderId: o.id })) n++;
        }
        return n;
      },
    };
    return ctx;
  }
}


/** Delisting returns must be finite and > −1 (the closing price stays positive), for known symbols. */
function checkDelistingReturns(returns: Readonly<Record<string, number>>, symbols: readonly string[]): Readonly<Record<string, number>> {
  for (const [symbol, r] of Object.entries(returns)) {
    if (!symbols.includes(symbol)) throw new InvariantError(`delistingReturns names "${symbol}", which is not in the data`);
    if (!(Number.isFinite(r) && r > -1)) throw new InvariantError(`delisting return of "${symbol}" must be a finite number > -1, got "${r}"`);
  }
  return returns;
}

/** Features must sit on the engine's own time index, or `feature()` would read the wrong bar. */
function checkFeatureIndex(features: FeatureSource, time: Float64Array): void {
  const f = features.time;
  if (f.length !== time.length || f.some((t, i) => t !== time[i])) {
    throw new InvariantError(
      `features are aligned to ${f.length} times (${f[0]}..${f[f.length - 1]}), the data to ${time.length} (${time[0]}..${time[time.length - 1]}): compute them on the same panel`,
    );
  }
}

/** The margin model for a config value: a model as is, fractions as `FractionMargin`, nothing as a cash account. */
function marginModel(margin: BacktestConfig['margin']): MarginModel {
  if (margin === undefined) return new CashAccount();
  if (typeof margin.initial === 'function') return margin as MarginModel;
  const { initial = 1, maintenance = 0 } = margin as { initial?: number; maintenance?: number };
  if (initial === 1 && maintenance === 0) return new CashAccount();
  return new FractionMargin({ initial, maintenance });
}

/** 0 when a leg fills at the open, 1 on the first extreme of the path, 2 on the second. */
function touchRank(o: WorkingOrder, price: number, bar: Ohlc, path: IntrabarPath): number {
  if (price === bar.open) return 0;
  // Sell limits and buy stops are reached on the way up; buy limits and sell stops on the way down.
  const up = (o.side === 'sell') === (o.type === 'limit' || (o.type === 'stop_limit' && o.triggered));
  return up === highFirst(bar.open, bar.high, bar.low, path) ? 1 : 2;
}

/** Periodic simple returns of an equity curve, the first measured from the initial cash. */
function simpleReturns(equity: Float64Array, initialCash: number): Float64Array {
  const out = new Float64Array(equity.length);
  for (let i = 0; i < equity.length; i++) out[i] = equity[i]! / (i === 0 ? initialCash : equity[i - 1]!) - 1;
  return out;
}

/** The rows where a symbol has a bar, or `null` when it has one on every row. */
function ownRows(present: Uint8Array): Int32Array | null {
  let count = 0;
  for (let t = 0; t < present.length; t++) count += present[t]!;
  if (count === present.length) return null;
  const rows = new Int32Array(count);
  let k = 0;
  for (let t = 0; t < present.length; t++) if (present[t] === 1) rows[k++] = t;
  return rows;
}

/** One symbol's panel columns restricted to the rows where it has a bar (shared when it has every row). */
function ownBars(panel: BarPanel, i: number): Readonly<Record<BarField, Float64Array>> {
  const present = panel.present[i]!;
  let count = 0;
  for (let t = 0; t < present.length; t++) count += present[t]!;
  const out = {} as Record<BarField, Float64Array>;
  for (const field of ['open', 'high', 'low', 'close', 'volume'] as const) {
    const column = panel.fields[field][i]!;
    if (count === present.length) {
      out[field] = column;
      continue;
    }
    const own = new Float64Array(count);
    let k = 0;
    for (let t = 0; t < present.length; t++) if (present[t] === 1) own[k++] = column[t]!;
    out[field] = own;
  }
  return out;
}

/** The engine's panel, plus the original gap-free series when the input had them. */
function toPanel(data: BacktestConfig['data']): { panel: BarPanel; series: ReadonlyMap<string, BarSeries> | null } {
  if (isPanel(data)) return { panel: data, series: null };
  const list = isLoaded(data) ? [...data.series.values()] : [...data];
  if (list.length === 0) throw new InvariantError('backtest needs data for at least one symbol');
  return { panel: alignBars(list), series: new Map(list.map((s) => [s.symbol, s])) };
}

function isPanel(data: BacktestConfig['data']): data is BarPanel {
  return 'present' in data && 'fields' in data;
}

function isLoaded(data: BacktestConfig['data']): data is LoadedBars {
  return 'series' in data && 'report' in data;
}

/** Session day number of each bar: its date for daily data, its local date at the exchange otherwise. */
function sessionDays(panel: BarPanel, calendar: TradingCalendar, series: ReadonlyMap<string, BarSeries> | null): Float64Array {
  const time = panel.time;
  const days = new Float64Array(time.length);
  const daily = series === null ? time.every((t) => t % DAY_MS === 0) : [...series.values()].every((s) => s.frequency === 'daily');
  const zone = daily ? null : ZoneOffsets.of(calendar.timeZone);
  for (let t = 0; t < time.length; t++) {
    const x = time[t]!;
    days[t] = Math.floor((zone === null ? x : x + zone.offsetAt(x)) / DAY_MS);
  }
  return days;
}
