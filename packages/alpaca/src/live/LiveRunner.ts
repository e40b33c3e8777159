/**
 * Runs an unchanged `Strategy` live: market time from the broker's clock and the bars (never the
 * host clock), warm-up from historical bars with order entry off, one event queue so bars, fills
 * and reconciliations are applied one at a time (no races by construction), pre-trade checks and
 * signal bounds, a circuit breaker, a stuck-loop watchdog, REST reconciliation after every
 * (re)connect (trading refused until it succeeds), and an orderly stop: no new signals, working
 * orders cancelled (unless kept), logs and the audit log flushed, a `shutdown` record with the
 * final positions.
 */
import {
  InvariantError,
  SeededRandom,
  type Bar,
  type Broker,
  type BrokerOrder,
  type BrokerOrderUpdate,
  type Fill,
  type LiveBar,
  type LiveTimeframe,
  type MarketData,
  type Order,
  type OrderEvent,
  type OrderId,
  type OrderRequest,
  type OrderStatus,
  type RejectReason,
  type Strategy,
  type StrategyContext,
  type StreamStatus,
  type StreamSubscription,
  type SubmitOrderParams,
} from '@qt-backtest/core';
import { Decimal } from 'decimal.js';
import type { AuditLog } from '../audit/AuditLog.js';
import { AlpacaApiError } from '../client/AlpacaApiError.js';
import { etDate } from '../client/marketTime.js';
import type { Alerter } from '../observability/WebhookAlerter.js';
import type { JsonLogger } from '../observability/JsonLogger.js';
import { Metrics } from '../observability/Metrics.js';
import { CircuitBreaker, type CircuitBreakerConfig } from './CircuitBreaker.js';
import { ImmediateSlicing, type SlicingModel } from './SlicingModel.js';
import { LiveHistory, liveStrategyContext } from './LiveStrategyContext.js';
import { LivePortfolio } from './LivePortfolio.js';
import { OrderTracker, type AppliedFill } from './OrderTracker.js';
import { NoPreTradeGuard, type PreTradeGuard } from './PreTradeGuard.js';

/** Bounds every strategy signal must respect (checked before anything reaches the broker). */
export interface SignalBounds {
  /** Largest order in shares (default 1e9). */
  readonly maxQuantity?: number;
  /** Prices must lie within this factor of the last close (default 10: 1/10× … 10×). */
  readonly maxPriceDeviation?: number;
}

/** Settings of {@link LiveRunner}. */
export interface LiveRunnerConfig {
  readonly strategy: Strategy<object>;
  readonly symbols: readonly string[];
  readonly broker: Broker;
  readonly marketData: MarketData;
  readonly timeframe?: LiveTimeframe;
  /** Bars of history loaded before the first live bar (orders are not sent during warm-up). */
  readonly warmup?: number;
  /** Prefix of client order ids (`[A-Za-z0-9]`, ≤ 20 chars; unique per run). */
  readonly runId: string;
  readonly paper?: boolean;
  readonly execution?: SlicingModel;
  readonly guard?: PreTradeGuard;
  readonly breaker?: CircuitBreakerConfig;
  readonly bounds?: SignalBounds;
  readonly audit?: AuditLog;
  readonly logger?: JsonLogger;
  readonly metrics?: Metrics;
  readonly alerts?: Alerter;
  /** Leave working orders at the broker on stop (default: cancel them). */
  readonly keepOrdersOnStop?: boolean;
  /** An event taking longer than this halts trading and alerts (default 60,000 ms: above the worst order submission). */
  readonly watchdogMs?: number;
  /** Wait this long for the other symbols' bars of a time step before deciding (default 5,000 ms). */
  readonly barCompletionMs?: number;
  /** Delay before retrying a failed reconciliation (default 2,000 ms). */
  readonly reconcileRetryMs?: number;
  /** Whole shares only (default true). */
  readonly wholeShares?: boolean;
  readonly seed?: number;
  /** Host clock for the watchdog and timers only (never for market time). */
  readonly now?: () => number;
}

type QueueItem =
  | { kind: 'bar'; bar: LiveBar }
  | { kind: 'flush'; time: number }
  | { kind: 'update'; update: BrokerOrderUpdate }
  | { kind: 'reconcile'; reason: string }
  | { kind: 'stop'; reason: string; keepOrders: boolean }
  | { kind: 'call'; fn: () => Promise<void> | void };

/** One order as the strategy sees it, with the broker orders (slices) that work it. */
interface ParentOrder {
  id: OrderId;
  request: Required<Pick<OrderRequest, 'symbol' | 'side' | 'quantity'>> & OrderRequest;
  status: OrderStatus;
  filled: Decimal;
  notional: Decimal;
  submittedAt: number;
  rejectReason: RejectReason | undefined;
  /** Shares not yet handed to a slice. */
  unsent: number;
  slices: number;
  /** Sent during warm-up/halt: refused locally. */
  external: boolean;
}

/** The runner's life-cycle states. */
export type RunnerState = 'created' | 'starting' | 'warming_up' | 'running' | 'stopping' | 'stopped';

/** Why a submission was refused by the runner itself (core's reasons plus live ones). */
const LIVE_REFUSED = 'invalid_quantity' as RejectReason;

/** @example const runner = new LiveRunner({ strategy, symbols: ['AAPL'], broker, marketData, runId: 'r1' }); await runner.start(); */
export class LiveRunner {
  readonly #cfg: LiveRunnerConfig;
  readonly #barMs: number;
  readonly #tracker = new OrderTracker();
  readonly #portfolio = new LivePortfolio('0');
  readonly #history = new LiveHistory();
  readonly #parents = new Map<string, ParentOrder>();
  readonly #pendingSubmit: ParentOrder[] = [];
  readonly #events: OrderEvent[] = [];
  readonly #last = new Map<string, number>();
  readonly #lastVolume = new Map<string, number>();
  readonly #pendingBars = new Map<number, Map<string, LiveBar>>();
  readonly #barTimers = new Map<number, ReturnType<typeof setTimeout>>();
  readonly #queue: QueueItem[] = [];
  readonly #ctx: StrategyContext;
  readonly #random: SeededRandom;
  readonly #breaker: CircuitBreaker;
  readonly #metrics: Metrics;
  readonly #execution: SlicingModel;
  readonly #guard: PreTradeGuard;
  readonly #now: () => number;
  #state: RunnerState = 'created';
  #marketTime = Number.NaN;
  #barTime = Number.NaN;
  #index = -1;
  #lastProcessed = -Infinity;
  #current = new Map<string, Bar>();
  #warmingUp = false;
  #halted: string | null = null;
  #marketOpen = false;
  #clockCheckedAt = 0;
  #reconciled = false;
  #seq = 0;
  #busySince = 0;
  #wake: (() => void) | null = null;
  #loop: Promise<void> | null = null;
  #orderSub: StreamSubscription | null = null;
  #barSub: StreamSubscription | null = null;
  #watchdog: ReturnType<typeof setInterval> | null = null;
  #reconcileTimer: ReturnType<typeof setTimeout> | null = null;
  #startEquity = 0;
  #peakEquity = 0;
  #dayStartEquity = 0;
  #day = '';
  #runStartIso = '';
  #done!: () => void;
  /** Resolves when the runner has stopped (after `stop()` or a fatal error). */
  readonly done: Promise<void>;
  readonly #streams: Record<string, string> = { orders: 'idle', bars: 'idle' };
  #idleWaiters: (() => void)[] = [];

  constructor(config: LiveRunnerConfig) {
    if (!/^[A-Za-z0-9]{1,20}$/.test(config.runId)) throw new RangeError(`runId "${config.runId}" must be 1–20 letters or digits`);
    if (config.symbols.length === 0) throw new RangeError('a live run needs at least one symbol');
    const warmup = config.warmup ?? 0;
    if (!(Number.isInteger(warmup) && warmup >= 0)) throw new RangeError(`warmup must be a whole number of bars >= 0, got "${warmup}"`);
    this.#cfg = config;
    this.#barMs = (config.timeframe ?? '1Min') === '1Day' ? 86_400_000 : 60_000;
    this.#random = new SeededRandom(config.seed ?? 0);
    this.#metrics = config.metrics ?? new Metrics();
    this.#execution = config.execution ?? new ImmediateSlicing();
    this.#guard = config.guard ?? new NoPreTradeGuard();
    this.#now = config.now ?? Date.now;
    this.#breaker = new CircuitBreaker({
      ...config.breaker,
      onChange: (state, reason) => {
        this.#log('warn', 'circuit_breaker', { state, reason });
        this.#audit('breaker', { state, reason });
        if (state === 'open') this.#alert('halt', `circuit breaker open: ${reason}`);
        // Half-open: a successful reconciliation closes it.
        if (state === 'half_open') this.#enqueue({ kind: 'reconcile', reason: 'circuit breaker half-open' });
        config.breaker?.onChange?.(state, reason);
      },
    });
    this.done = new Promise((ok) => (this.#done = ok));
    const runner = this;
    this.#ctx = liveStrategyContext({
      symbols: config.symbols,
      history: this.#history,
      time: () => this.#barTime,
      index: () => this.#index,
      currentBars: () => this.#current,
      lastPrice: (s) => this.#last.get(s) ?? Number.NaN,
      cash: () => this.#portfolio.cash.toNumber(),
      equity: () => this.#equity(),
      position: (s) => {
        const h = this.#portfolio.holding(s);
        return { quantity: h.quantity.toNumber(), averagePrice: h.averagePrice.toNumber(), realisedPnl: h.realised.toNumber() };
      },
      openOrders: (s) => [...this.#parents.values()].filter((p) => isWorking(p.status) && (s === undefined || p.request.symbol === s)).map((p) => this.#snapshot(p)),
      submit: (r) => this.#signal(r),
      cancel: (id) => this.#cancelSignal(id),
      random: () => this.#random.next(),
      get fractional() {
        return runner.#cfg.wholeShares === false;
      },
    });
  }

  /** The circuit breaker's metrics registry (served on `/metrics`). */
  get metrics(): Metrics {
    return this.#metrics;
  }

  /** Feeds API outcomes to the circuit breaker and metrics (wire `AlpacaHttp`'s `onResult` here). */
  recordApiResult(r: { readonly status: number; readonly ms: number }): void {
    if (r.status === 429) this.#metrics.inc('qt_rate_limited_total');
    else if (r.status === 0 || r.status >= 500) this.#metrics.inc('qt_api_errors_total');
    this.#metrics.observeLatency(r.ms);
    this.#breaker.record(r.status);
  }

  /** Whether the regular session is open, per the broker's clock (refreshed about once a minute). */
  get marketOpen(): boolean {
    return this.#marketOpen;
  }

  /** Label of the last bar step decided on (−Infinity before the first). */
  get lastBarTime(): number {
    return this.#lastProcessed;
  }

  get state(): RunnerState {
    return this.#state;
  }

  /** Market time in epoch ms (from `/v2/clock` and the bars). */
  get marketTime(): number {
    return this.#marketTime;
  }

  /** Signed positions as `{ SYMBOL: quantity }` (numbers, flat symbols omitted). */
  positions(): Record<string, number> {
    return Object.fromEntries(Object.entries(this.#portfolio.quantities()).map(([s, q]) => [s, Number(q)]));
  }

  /** Exact positions as decimal strings. */
  exactPositions(): Record<string, string> {
    return this.#portfolio.quantities();
  }

  /** The status page's JSON. */
  status(): Record<string, unknown> {
    return {
      state: this.#state,
      mode: this.#cfg.paper === false ? 'live' : 'paper',
      strategy: this.#cfg.strategy.name,
      marketTime: Number.isNaN(this.#marketTime) ? null : new Date(this.#marketTime).toISOString(),
      positions: this.positions(),
      cash: this.#portfolio.cash.toString(),
      equity: this.#equity(),
      openOrders: [...this.#parents.values()].filter((p) => isWorking(p.status)).length,
      halted: this.#halted,
      reconciled: this.#reconciled,
      breaker: this.#breaker.state,
      streams: { ...this.#streams },
      barsProcessed: this.#metrics.get('qt_bars_total'),
      lastBarTime: Number.isFinite(this.#lastProcessed) ? new Date(this.#lastProcessed).toISOString() : null,
      idle: this.#queue.length === 0 && this.#busySince === 0,
    };
  }

  /** Whether the runner is up and able to trade (for `/healthz`). */
  healthy(): boolean {
    return (this.#state === 'running' || this.#state === 'warming_up') && this.#halted === null && this.#reconciled && this.#breaker.state === 'closed';
  }

  /**
   * Connects, reconciles, warms up and starts the live loop. Resolves once live bars are flowing
   * (the subscriptions are ready).
   *
   * @throws when the broker cannot be reached or the account cannot trade.
   */
  async start(): Promise<void> {
    if (this.#state !== 'created') throw new InvariantError(`start() called in state "${this.#state}"`);
    this.#state = 'starting';
    const { broker, marketData, symbols } = this.#cfg;
    const clock = await broker.clock();
    this.#marketTime = clock.time;
    this.#marketOpen = clock.isOpen;
    this.#clockCheckedAt = this.#now();
    this.#runStartIso = new Date(clock.time - 1000).toISOString();
    const account = await broker.account();
    if (account.tradingBlocked) throw new InvariantError(`account ${account.id} is blocked from trading (status ${account.status})`);
    this.#portfolio.setCash(account.cash);
    this.#audit('start', { strategy: this.#cfg.strategy.name, params: this.#cfg.strategy.params, symbols, mode: this.#cfg.paper === false ? 'live' : 'paper', runId: this.#cfg.runId, clock: { isOpen: clock.isOpen, time: new Date(clock.time).toISOString() }, execution: this.#execution.name, guard: this.#guard.name });
    this.#log('info', 'start', { symbols, marketTime: new Date(clock.time).toISOString(), isOpen: clock.isOpen });
    this.#loop = this.#run();
    // Order updates first, so no fill of ours can be missed between reconciliation and the stream.
    this.#orderSub = broker.subscribeOrderUpdates({
      onUpdate: (update) => this.#enqueue({ kind: 'update', update }),
      onStatus: (s) => this.#onStreamStatus('orders', s),
    });
    await this.#orderSub.ready;
    await this.#call(() => this.#reconcile('start', true));
    // Warm-up: the last N bar times of history, through the same decide path, orders off.
    const warmup = this.#cfg.warmup ?? 0;
    this.#state = 'warming_up';
    if (warmup > 0) {
      const span = this.#barMs === 60_000 ? Math.max(warmup * 60_000 * 4, 5 * 86_400_000) : Math.max(warmup * 2, warmup + 15) * 86_400_000;
      const bars = await marketData.historicalBars({ symbols, timeframe: this.#cfg.timeframe ?? '1Min', start: clock.time - span, end: clock.time });
      const times = [...new Set(bars.filter((b) => b.time + this.#barMs <= clock.time || this.#barMs === 86_400_000).map((b) => b.time))].sort((a, b) => a - b).slice(-warmup);
      const keep = new Set(times);
      await this.#call(() => {
        this.#warmingUp = true;
        this.#cfg.strategy.onStart(this.#ctx);
        for (const t of times) this.#decideSync(t, bars.filter((b) => b.time === t));
        this.#warmingUp = false;
        this.#events.length = 0;
        this.#pendingSubmit.length = 0;
      });
      this.#log('info', 'warmup_done', { bars: keep.size });
    } else {
      await this.#call(() => this.#cfg.strategy.onStart(this.#ctx));
    }
    this.#state = 'running';
    this.#barSub = marketData.subscribeBars({
      symbols,
      onBar: (bar) => this.#enqueue({ kind: 'bar', bar }),
      onStatus: (s) => this.#onStreamStatus('bars', s),
    });
    await this.#barSub.ready;
    const watchdogMs = this.#cfg.watchdogMs ?? 60_000;
    let lastTick = this.#now();
    this.#watchdog = setInterval(() => {
      const now = this.#now();
      const lag = now - lastTick - watchdogMs / 4;
      lastTick = now;
      if (this.#busySince > 0 && now - this.#busySince > watchdogMs) this.#halt(`stuck: one event has run for ${now - this.#busySince} ms (watchdog ${watchdogMs} ms)`, 'stuck');
      else if (lag > watchdogMs) this.#halt(`stuck: the event loop was blocked for ${Math.round(lag)} ms`, 'stuck');
      if (now - this.#clockCheckedAt >= 60_000) {
        this.#clockCheckedAt = now;
        this.#cfg.broker.clock().then(
          (c) => {
            this.#marketOpen = c.isOpen;
            this.#marketTime = Math.max(this.#marketTime, c.time);
          },
          () => {},
        );
      }
    }, watchdogMs / 4);
    this.#watchdog.unref();
  }

  /**
   * Stops: no new signals, working orders cancelled (unless `keepOrders`), a last reconciliation,
   * `onEnd`, the `shutdown` audit record with the final positions, logs and audit flushed.
   */
  async stop(options: { readonly reason?: string; readonly keepOrders?: boolean } = {}): Promise<void> {
    if (this.#state === 'stopped' || this.#state === 'stopping') return this.done;
    this.#enqueue({ kind: 'stop', reason: options.reason ?? 'requested', keepOrders: options.keepOrders ?? this.#cfg.keepOrdersOnStop ?? false });
    if (this.#loop === null) await this.#shutdown(options.reason ?? 'requested', true);
    return this.done;
  }

  /**
   * Records a risk action taken outside the runner (e.g. by a `RiskGuard` strategy wrapper from
   * `@qt-backtest/risk`): audited, counted as a limit breach, alerted.
   */
  recordRiskEvent(event: { readonly type: string; readonly message?: string } & Readonly<Record<string, unknown>>): void {
    this.#metrics.inc('qt_limit_breaches_total');
    this.#audit('risk', { source: 'strategy guard', ...event });
    this.#log('warn', 'risk_event', { ...event });
    this.#alert(/halt|trip|kill/i.test(event.type) ? 'kill_switch' : 'limit_breach', `${event.type}: ${event.message ?? ''}`);
  }

  /** Flattens every position with market orders and halts trading (the kill switch). */
  kill(reason: string): Promise<void> {
    return this.#call(() => this.#flattenAndHalt(reason));
  }

  /** Resolves when the queue is empty and nothing is being processed (tests, scripted replays). */
  idle(): Promise<void> {
    if (this.#queue.length === 0 && this.#busySince === 0) return Promise.resolve();
    return new Promise((ok) => this.#idleWaiters.push(ok));
  }

  // ── the event loop ───────────────────────────────────────────────────────────────────────────

  #enqueue(item: QueueItem): void {
    if (this.#state === 'stopped') return;
    this.#queue.push(item);
    this.#wake?.();
  }

  /** Runs `fn` inside the queue (so it never interleaves with a bar or a fill). */
  #call(fn: () => Promise<void> | void): Promise<void> {
    return new Promise((ok, fail) => {
      this.#enqueue({
        kind: 'call',
        fn: async () => {
          try {
            await fn();
            ok();
          } catch (e) {
            fail(e as Error);
          }
        },
      });
    });
  }

  async #run(): Promise<void> {
    for (;;) {
      const item = this.#queue.shift();
      if (item === undefined) {
        for (const w of this.#idleWaiters.splice(0)) w();
        await new Promise<void>((r) => (this.#wake = r));
        this.#wake = null;
        continue;
      }
      this.#busySince = this.#now();
      try {
        if (item.kind === 'stop') {
          await this.#shutdown(item.reason, item.keepOrders);
          this.#busySince = 0;
          for (const w of this.#idleWaiters.splice(0)) w();
          return;
        }
        await this.#handle(item);
      } catch (e) {
        this.#log('error', 'event_failed', { kind: item.kind, error: this.#redactError(e) });
      } finally {
        this.#busySince = 0;
      }
    }
  }

  async #handle(item: QueueItem): Promise<void> {
    switch (item.kind) {
      case 'call':
        await item.fn();
        return;
      case 'bar':
        await this.#onBar(item.bar);
        return;
      case 'flush':
        await this.#flushUpTo(item.time);
        return;
      case 'update':
        this.#onUpdate(item.update);
        this.#deliver();
        return;
      case 'reconcile':
        await this.#reconcile(item.reason, false);
        return;
      case 'stop':
        return;
    }
  }

  // ── bars and decisions ───────────────────────────────────────────────────────────────────────

  async #onBar(bar: LiveBar): Promise<void> {
    if (!this.#cfg.symbols.includes(bar.symbol)) return;
    if (bar.time <= this.#lastProcessed) {
      this.#log('debug', 'late_bar_ignored', { symbol: bar.symbol, time: new Date(bar.time).toISOString() });
      return;
    }
    let step = this.#pendingBars.get(bar.time);
    if (step === undefined) this.#pendingBars.set(bar.time, (step = new Map()));
    step.set(bar.symbol, bar);
    // A newer bar closes every older time step.
    for (const t of [...this.#pendingBars.keys()].sort((a, b) => a - b)) if (t < bar.time) await this.#flushUpTo(t);
    if (step.size === this.#cfg.symbols.length) await this.#flushUpTo(bar.time);
    else if (!this.#barTimers.has(bar.time)) {
      const t = bar.time;
      const timer = setTimeout(() => this.#enqueue({ kind: 'flush', time: t }), this.#cfg.barCompletionMs ?? 5000);
      timer.unref();
      this.#barTimers.set(t, timer);
    }
  }

  async #flushUpTo(time: number): Promise<void> {
    for (const t of [...this.#pendingBars.keys()].sort((a, b) => a - b)) {
      if (t > time) break;
      const bars = [...this.#pendingBars.get(t)!.values()];
      this.#pendingBars.delete(t);
      clearTimeout(this.#barTimers.get(t));
      this.#barTimers.delete(t);
      this.#metrics.inc('qt_bars_total', bars.length);
      this.#sendSlices();
      this.#decideSync(t, bars);
      await this.#submitPending();
      this.#mark();
    }
  }

  /** Makes bar step `t` visible and runs `onBar` (orders are collected, not sent, here). */
  #decideSync(t: number, bars: readonly LiveBar[]): void {
    this.#lastProcessed = t;
    this.#barTime = t;
    this.#marketTime = Math.max(Number.isNaN(this.#marketTime) ? 0 : this.#marketTime, t + this.#barMs);
    this.#index++;
    const current = new Map<string, Bar>();
    for (const b of bars) {
      this.#history.push(b.symbol, b);
      this.#last.set(b.symbol, b.close);
      this.#lastVolume.set(b.symbol, b.volume);
      current.set(b.symbol, Object.freeze({ symbol: b.symbol, time: b.time, open: b.open, high: b.high, low: b.low, close: b.close, volume: b.volume }));
    }
    this.#current = current;
    this.#deliver();
    this.#cfg.strategy.onBar(this.#ctx);
    this.#deliver();
  }

  #mark(): void {
    const equity = this.#equity();
    const day = etDate(this.#marketTime);
    if (day !== this.#day) {
      this.#day = day;
      this.#dayStartEquity = equity;
    }
    if (this.#startEquity === 0) this.#startEquity = equity;
    this.#peakEquity = Math.max(this.#peakEquity, equity);
    let gross = 0;
    for (const [s, q] of Object.entries(this.positions())) gross += Math.abs(q * (this.#last.get(s) ?? 0));
    this.#metrics.set('qt_equity', equity);
    this.#metrics.set('qt_pnl', equity - this.#startEquity);
    this.#metrics.set('qt_gross_exposure', gross);
    this.#metrics.set('qt_drawdown', this.#peakEquity > 0 ? (this.#peakEquity - equity) / this.#peakEquity : 0);
    this.#metrics.set('qt_trading_halted', this.#halted === null ? 0 : 1);
  }

  #equity(): number {
    let eq = this.#portfolio.cash;
    for (const [s, q] of Object.entries(this.#portfolio.quantities())) {
      const p = this.#last.get(s);
      if (p !== undefined) eq = eq.add(new Decimal(q).mul(p));
      else eq = eq.add(new Decimal(q).mul(this.#portfolio.holding(s).averagePrice));
    }
    return eq.toNumber();
  }

  // ── signals and submission ───────────────────────────────────────────────────────────────────

  #snapshot(p: ParentOrder): Order {
    const filled = p.filled.toNumber();
    return Object.freeze({
      id: p.id,
      symbol: p.request.symbol,
      side: p.request.side,
      quantity: p.request.quantity,
      type: p.request.type ?? 'market',
      timeInForce: p.request.timeInForce ?? 'gtc',
      limitPrice: p.request.limitPrice,
      stopPrice: p.request.stopPrice,
      trailAmount: p.request.trailAmount,
      trailPercent: p.request.trailPercent,
      tag: p.request.tag,
      status: p.status,
      filledQuantity: filled,
      averageFillPrice: filled > 0 ? p.notional.div(p.filled).toNumber() : Number.NaN,
      submittedAt: p.submittedAt,
      groupId: undefined,
      parentId: undefined,
      rejectReason: p.rejectReason,
      cancelReason: undefined,
      notional: undefined,
      targetPercent: undefined,
    });
  }

  /** A strategy's order: validated now, sent after `onBar` returns. */
  #signal(request: OrderRequest): Order {
    const id = `${this.#cfg.runId}-${++this.#seq}` as OrderId;
    const p: ParentOrder = {
      id,
      request: request as ParentOrder['request'],
      status: 'accepted',
      filled: new Decimal(0),
      notional: new Decimal(0),
      submittedAt: this.#barTime,
      rejectReason: undefined,
      unsent: request.quantity,
      slices: 0,
      external: false,
    };
    this.#parents.set(id, p);
    const refuse = (reason: RejectReason, message: string, audit: 'signal_rejected' | 'order_rejected' = 'signal_rejected'): Order => {
      p.status = 'rejected';
      p.rejectReason = reason;
      p.unsent = 0;
      this.#metrics.inc('qt_orders_rejected_total');
      this.#audit(audit, { clientOrderId: id, symbol: request.symbol, side: request.side, quantity: request.quantity, reason: message });
      this.#log('warn', audit, { clientOrderId: id, reason: message });
      this.#events.push({ type: 'rejected', time: this.#barTime, order: this.#snapshot(p), reason, message });
      return this.#snapshot(p);
    };
    if (this.#warmingUp) {
      p.status = 'rejected';
      p.rejectReason = LIVE_REFUSED;
      p.unsent = 0;
      this.#log('debug', 'warmup_order_suppressed', { symbol: request.symbol, side: request.side, quantity: request.quantity });
      return this.#snapshot(p);
    }
    const invalid = this.#validate(request);
    if (invalid !== null) return refuse(invalid.reason, invalid.message);
    this.#audit('signal', { clientOrderId: id, symbol: request.symbol, side: request.side, quantity: request.quantity, type: request.type ?? 'market', limitPrice: request.limitPrice, stopPrice: request.stopPrice, timeInForce: request.timeInForce ?? 'gtc', tag: request.tag });
    if (this.#state === 'stopping' || this.#state === 'stopped') return refuse(LIVE_REFUSED, 'the runner is stopping: no new orders', 'order_rejected');
    this.#pendingSubmit.push(p);
    this.#events.push({ type: 'accepted', time: this.#barTime, order: this.#snapshot(p) });
    return this.#snapshot(p);
  }

  #validate(r: OrderRequest): { reason: RejectReason; message: string } | null {
    const b = this.#cfg.bounds ?? {};
    if (!this.#cfg.symbols.includes(r.symbol)) return { reason: 'unknown_symbol', message: `symbol "${r.symbol}" is not traded in this run` };
    if (r.side !== 'buy' && r.side !== 'sell') return { reason: 'invalid_quantity', message: `side "${String(r.side)}" is neither buy nor sell` };
    if (!(Number.isFinite(r.quantity) && r.quantity > 0)) return { reason: 'invalid_quantity', message: `quantity "${r.quantity}" is not a positive number` };
    if (this.#cfg.wholeShares !== false && !Number.isInteger(r.quantity)) return { reason: 'invalid_quantity', message: `quantity "${r.quantity}" is fractional and the run trades whole shares` };
    if (r.quantity > (b.maxQuantity ?? 1e9)) return { reason: 'invalid_quantity', message: `quantity ${r.quantity} exceeds the signal bound ${b.maxQuantity ?? 1e9}` };
    const type = r.type ?? 'market';
    if (type === 'trailing_stop') return { reason: 'invalid_price', message: 'trailing stops are not supported by the live runner yet' };
    const last = this.#last.get(r.symbol) ?? Number.NaN;
    const dev = b.maxPriceDeviation ?? 10;
    for (const [name, v, needed] of [
      ['limitPrice', r.limitPrice, type === 'limit' || type === 'stop_limit'],
      ['stopPrice', r.stopPrice, type === 'stop' || type === 'stop_limit'],
    ] as const) {
      if (needed && !(v !== undefined && Number.isFinite(v) && v > 0)) return { reason: 'invalid_price', message: `a ${type} order needs ${name} > 0, got "${v}"` };
      if (needed && Number.isFinite(last) && (v! > last * dev || v! < last / dev)) {
        return { reason: 'invalid_price', message: `${name} ${v} is more than ${dev}× away from the last close ${last} of ${r.symbol}` };
      }
    }
    return null;
  }

  #cancelSignal(id: OrderId): boolean {
    const p = this.#parents.get(id);
    if (p === undefined || !isWorking(p.status)) return false;
    p.unsent = 0;
    const children = this.#tracker.all().filter((o) => (o.parentId ?? o.clientOrderId) === id && o.brokerId !== null && isBrokerWorking(o.status));
    const queued = this.#pendingSubmit.indexOf(p);
    if (queued >= 0) this.#pendingSubmit.splice(queued, 1);
    if (children.length === 0) {
      p.status = 'cancelled';
      this.#events.push({ type: 'cancelled', time: this.#barTime, order: this.#snapshot(p), reason: 'requested' });
      return true;
    }
    // The broker confirms the cancel on the stream; the event comes then.
    for (const c of children) {
      void this.#cfg.broker.cancelOrder({ orderId: c.brokerId! }).then(
        () => this.#audit('cancel', { clientOrderId: c.clientOrderId }),
        (e: unknown) => this.#log('warn', 'cancel_failed', { clientOrderId: c.clientOrderId, error: this.#redactError(e) }),
      );
    }
    return true;
  }

  #canTrade(): string | null {
    if (this.#halted !== null) return `trading halted: ${this.#halted}`;
    if (!this.#reconciled) return 'positions are not reconciled with the broker: trading refused until they are';
    if (!this.#breaker.allows()) return `circuit breaker ${this.#breaker.state}`;
    if (this.#state !== 'running') return `the runner is ${this.#state}`;
    return null;
  }

  async #submitPending(): Promise<void> {
    while (this.#pendingSubmit.length > 0) {
      const p = this.#pendingSubmit.shift()!;
      if (!isWorking(p.status)) continue;
      const blocked = this.#canTrade();
      if (blocked !== null) {
        this.#rejectParent(p, LIVE_REFUSED, blocked);
        continue;
      }
      const r = p.request;
      const price = r.limitPrice ?? r.stopPrice ?? this.#last.get(r.symbol) ?? Number.NaN;
      const decision = this.#guard.check({
        symbol: r.symbol,
        side: r.side,
        // What is still to be sent (the whole order, or what its remaining slices will carry).
        quantity: p.unsent,
        price,
        positions: this.positions(),
        prices: Object.fromEntries(this.#last),
        equity: this.#equity(),
        peakEquity: this.#peakEquity,
        dayStartEquity: this.#dayStartEquity,
      });
      if (decision.action !== 'allow') {
        this.#metrics.inc('qt_limit_breaches_total');
        this.#audit('risk', { clientOrderId: p.id, action: decision.action, reason: decision.reason, guard: this.#guard.name });
        this.#alert('limit_breach', `${this.#guard.name}: ${decision.reason}`);
        this.#rejectParent(p, LIVE_REFUSED, `pre-trade check: ${decision.reason}`);
        if (decision.action === 'flatten_and_halt') await this.#flattenAndHalt(decision.reason);
        continue;
      }
      await this.#sendSlice(p);
    }
    this.#deliver();
  }

  /** Sends the next slice of every working parent that still has unsent shares (once per bar). */
  #sendSlices(): void {
    for (const p of this.#parents.values()) {
      if (isWorking(p.status) && p.unsent > 0 && p.slices > 0 && !this.#pendingSubmit.includes(p)) this.#pendingSubmit.push(p);
    }
  }

  async #sendSlice(p: ParentOrder): Promise<void> {
    const r = p.request;
    const qty = this.#execution.nextSlice({ remaining: p.unsent, sliceIndex: p.slices, lastBarVolume: this.#lastVolume.get(r.symbol) ?? Number.NaN, wholeShares: this.#cfg.wholeShares !== false });
    if (!(qty > 0)) return;
    const clientOrderId = p.slices === 0 && qty === p.unsent ? p.id : `${p.id}s${p.slices + 1}`;
    p.slices++;
    p.unsent -= qty;
    const params: SubmitOrderParams = {
      clientOrderId,
      symbol: r.symbol,
      side: r.side,
      quantity: decimalText(qty),
      type: r.type ?? 'market',
      timeInForce: r.timeInForce ?? (this.#barMs === 86_400_000 ? 'day' : 'gtc'),
      ...(r.limitPrice === undefined ? {} : { limitPrice: priceText(r.limitPrice) }),
      ...(r.stopPrice === undefined ? {} : { stopPrice: priceText(r.stopPrice) }),
    };
    this.#tracker.track({ clientOrderId, symbol: r.symbol, side: r.side, quantity: params.quantity, parentId: p.id });
    this.#audit('order_submitted', { ...params, parent: p.id });
    this.#metrics.inc('qt_orders_submitted_total');
    try {
      const order = await this.#cfg.broker.submitOrder(params);
      this.#log('info', 'order_submitted', { clientOrderId, brokerId: order.id, status: order.status });
      this.#applySnapshot(order, 'stream');
    } catch (e) {
      const message = this.#redactError(e);
      const t = this.#tracker.get(clientOrderId)!;
      if (e instanceof AlpacaApiError && e.status >= 400 && e.status < 500 && e.status !== 429) {
        t.status = 'rejected';
        this.#metrics.inc('qt_orders_rejected_total');
        this.#audit('order_rejected', { clientOrderId, status: e.status, code: e.code, message });
        this.#rejectParent(p, e.status === 403 ? 'insufficient_funds' : 'invalid_price', message);
      } else {
        // Fate unknown: the next reconciliation finds it by client order id.
        t.status = 'pending_new';
        this.#log('error', 'order_fate_unknown', { clientOrderId, error: message });
        this.#audit('order_rejected', { clientOrderId, unknown: true, message });
        this.#enqueue({ kind: 'reconcile', reason: `order ${clientOrderId} fate unknown` });
      }
    }
  }

  #rejectParent(p: ParentOrder, reason: RejectReason, message: string): void {
    if (!isWorking(p.status)) return;
    p.unsent = 0;
    if (p.filled.gt(0)) {
      p.status = 'cancelled';
      this.#events.push({ type: 'cancelled', time: this.#barTime, order: this.#snapshot(p), reason: 'requested' });
      return;
    }
    p.status = 'rejected';
    p.rejectReason = reason;
    this.#metrics.inc('qt_orders_rejected_total');
    this.#audit('order_rejected', { clientOrderId: p.id, reason: message });
    this.#log('warn', 'order_rejected', { clientOrderId: p.id, reason: message });
    this.#events.push({ type: 'rejected', time: this.#barTime, order: this.#snapshot(p), reason, message });
  }

  async #flattenAndHalt(reason: string): Promise<void> {
    this.#halt(reason, 'kill_switch');
    await this.#cancelAllWorking();
    for (const [symbol, q] of Object.entries(this.#portfolio.quantities())) {
      const qty = new Decimal(q);
      const clientOrderId = `${this.#cfg.runId}-${++this.#seq}`;
      const params: SubmitOrderParams = { clientOrderId, symbol, side: qty.isNeg() ? 'buy' : 'sell', quantity: qty.abs().toString(), type: 'market', timeInForce: 'day' };
      this.#tracker.track({ clientOrderId, symbol, side: params.side, quantity: params.quantity });
      this.#audit('risk', { action: 'flatten', ...params });
      try {
        this.#applySnapshot(await this.#cfg.broker.submitOrder(params), 'stream');
      } catch (e) {
        this.#log('error', 'flatten_failed', { symbol, error: this.#redactError(e) });
      }
    }
  }

  #halt(reason: string, kind: 'halt' | 'stuck' | 'kill_switch' | 'reconcile_failed'): void {
    if (this.#halted !== null) return;
    this.#halted = reason;
    this.#metrics.set('qt_trading_halted', 1);
    this.#audit('risk', { action: 'halt', reason });
    this.#log('error', 'halted', { reason });
    this.#alert(kind, reason);
  }

  async #cancelAllWorking(): Promise<void> {
    for (const t of this.#tracker.all()) {
      if (t.brokerId === null || !isBrokerWorking(t.status)) continue;
      try {
        const ok = await this.#cfg.broker.cancelOrder({ orderId: t.brokerId });
        this.#audit('cancel', { clientOrderId: t.clientOrderId, accepted: ok });
      } catch (e) {
        this.#log('warn', 'cancel_failed', { clientOrderId: t.clientOrderId, error: this.#redactError(e) });
      }
    }
  }

  // ── order updates, fills, reconciliation ─────────────────────────────────────────────────────

  #onUpdate(u: BrokerOrderUpdate): void {
    const r = this.#tracker.onUpdate(u);
    if (r.duplicate) {
      this.#metrics.inc('qt_fills_duplicate_total');
      this.#log('debug', 'duplicate_fill_ignored', { executionId: u.executionId });
      return;
    }
    if (r.unknown) return;
    this.#audit('order_update', { event: u.event, clientOrderId: u.order.clientOrderId, status: u.order.status, filledQuantity: u.order.filledQuantity, executionId: u.executionId, quantity: u.quantity, price: u.price });
    if (r.fill !== null) this.#applyFill(r.fill);
    if (r.statusChanged) this.#afterStatus(u.order.clientOrderId);
  }

  #applySnapshot(order: BrokerOrder, _source: 'stream' | 'inferred'): void {
    const r = this.#tracker.onSnapshot(order);
    if (r.fill !== null) this.#applyFill(r.fill);
    if (r.statusChanged) this.#afterStatus(order.clientOrderId);
  }

  #applyFill(f: AppliedFill): void {
    const o = f.order;
    this.#portfolio.applyFill(o.symbol, o.side, f.quantity, f.price, f.notional);
    this.#metrics.inc('qt_fills_total');
    if (f.source === 'inferred') this.#metrics.inc('qt_fills_inferred_total');
    this.#audit('fill', { clientOrderId: o.clientOrderId, symbol: o.symbol, side: o.side, quantity: f.quantity.toString(), price: f.price.toString(), source: f.source, executionId: f.executionId, position: this.#portfolio.holding(o.symbol).quantity.toString() });
    this.#log('info', 'fill', { clientOrderId: o.clientOrderId, quantity: f.quantity.toString(), price: f.price.toString(), source: f.source });
    const p = this.#parents.get(o.parentId ?? o.clientOrderId);
    if (p === undefined) return;
    p.filled = p.filled.add(f.quantity);
    p.notional = p.notional.add(f.notional);
    const full = p.filled.gte(p.request.quantity);
    if (isWorking(p.status)) p.status = full ? 'filled' : 'partially_filled';
    const fill: Fill = { orderId: p.id, symbol: o.symbol, side: o.side, time: this.#marketTime, quantity: f.quantity.toNumber(), price: f.price.toNumber(), slippage: 0, fee: 0 };
    this.#events.push({ type: 'filled', time: this.#marketTime, order: this.#snapshot(p), fill });
  }

  /** A broker order reached a terminal state: the parent follows when nothing else works it. */
  #afterStatus(clientOrderId: string): void {
    const t = this.#tracker.get(clientOrderId);
    if (t === undefined) return;
    const p = this.#parents.get(t.parentId ?? t.clientOrderId);
    if (p === undefined || !isWorking(p.status)) return;
    if (t.status === 'rejected' && p.filled.isZero()) {
      this.#rejectParent(p, 'invalid_price', `the broker rejected ${clientOrderId}`);
      return;
    }
    if (t.status === 'canceled' || t.status === 'expired' || t.status === 'replaced') {
      const others = this.#tracker.all().some((o) => (o.parentId ?? o.clientOrderId) === p.id && isBrokerWorking(o.status));
      if (!others && (p.unsent === 0 || t.status !== 'replaced')) {
        p.unsent = 0;
        p.status = t.status === 'expired' ? 'expired' : 'cancelled';
        this.#events.push(t.status === 'expired' ? { type: 'expired', time: this.#marketTime, order: this.#snapshot(p) } : { type: 'cancelled', time: this.#marketTime, order: this.#snapshot(p), reason: 'requested' });
      }
    }
  }

  #deliver(): void {
    while (this.#events.length > 0) {
      const batch = this.#events.splice(0);
      for (const e of batch) {
        try {
          this.#cfg.strategy.onOrderEvent(e, this.#ctx);
        } catch (err) {
          this.#log('error', 'strategy_error', { handler: 'onOrderEvent', error: this.#redactError(err) });
        }
      }
    }
  }

  /**
   * Reconciles with the broker's REST view: every order of ours (missed fills are inferred from
   * cumulative `filled_qty`), open orders of earlier runs (adopted), then positions. At `initial`
   * the broker's positions are adopted as the truth (a restart); later, any difference that the
   * orders do not explain refuses trading until a reconciliation succeeds.
   */
  async #reconcile(reason: string, initial: boolean): Promise<void> {
    this.#metrics.inc('qt_reconciliations_total');
    try {
      for (let attempt = 0; ; attempt++) {
        const orders = await this.#cfg.broker.listOrders({ status: 'all', after: this.#runStartIso, symbols: this.#cfg.symbols });
        const open = await this.#cfg.broker.listOrders({ status: 'open', symbols: this.#cfg.symbols });
        let inferred = 0;
        let adopted = 0;
        for (const o of [...orders, ...open]) {
          if (this.#tracker.get(o.clientOrderId) === undefined) {
            if (o.status === 'filled' || !isBrokerWorking(o.status)) continue;
            // Someone else's or an earlier run's working order: track it from its current fill.
            const t = this.#tracker.track({ clientOrderId: o.clientOrderId, symbol: o.symbol, side: o.side === 'sell' ? 'sell' : 'buy', quantity: o.quantity ?? '0' });
            t.brokerId = o.id;
            t.status = o.status;
            t.filled = new Decimal(o.filledQuantity);
            t.notional = o.averageFillPrice === null ? new Decimal(0) : t.filled.mul(o.averageFillPrice);
            adopted++;
            continue;
          }
          const before = this.#metrics.get('qt_fills_total');
          this.#applySnapshot(o, 'inferred');
          inferred += this.#metrics.get('qt_fills_total') - before;
        }
        // Orders whose submission had no answer and that the broker does not know: refused.
        for (const t of this.#tracker.all()) {
          if (t.brokerId !== null || t.status !== 'pending_new') continue;
          const found = await this.#cfg.broker.orderByClientId({ clientOrderId: t.clientOrderId });
          if (found !== null) {
            this.#applySnapshot(found, 'inferred');
            continue;
          }
          t.status = 'submit_failed';
          const p = this.#parents.get(t.parentId ?? t.clientOrderId);
          if (p !== undefined) this.#rejectParent(p, LIVE_REFUSED, `order ${t.clientOrderId} never reached the broker`);
        }
        const positions = await this.#cfg.broker.positions();
        const broker: Record<string, string> = {};
        for (const p of positions) if (this.#cfg.symbols.includes(p.symbol) || initial) broker[p.symbol] = new Decimal(p.quantity).toString();
        const ours = this.#portfolio.quantities();
        const symbols = new Set([...Object.keys(broker), ...Object.keys(ours)]);
        const diff = [...symbols].filter((s) => !new Decimal(broker[s] ?? 0).eq(ours[s] ?? 0));
        if (initial) {
          for (const p of positions) this.#portfolio.setPosition(p.symbol, p.quantity, p.averageEntryPrice);
          for (const s of diff) if (broker[s] === undefined) this.#portfolio.setPosition(s, '0', '0');
        } else if (diff.length > 0) {
          if (attempt === 0) {
            await new Promise((r) => setTimeout(r, 200));
            continue;
          }
          const detail = diff.map((s) => `${s}: ours ${ours[s] ?? '0'}, broker ${broker[s] ?? '0'}`).join('; ');
          throw new ReconcileError(`positions differ after inferring fills (${detail})`);
        }
        this.#reconciled = true;
        this.#audit('reconciliation', { reason, ok: true, inferredFills: inferred, adoptedOrders: adopted, positions: this.#portfolio.quantities(), ...(initial ? { adoptedPositions: broker } : {}) });
        this.#log('info', 'reconciled', { reason, inferredFills: inferred, adoptedOrders: adopted });
        this.#deliver();
        return;
      }
    } catch (e) {
      this.#reconciled = false;
      const message = this.#redactError(e);
      this.#audit('reconciliation', { reason, ok: false, error: message });
      this.#log('error', 'reconcile_failed', { reason, error: message });
      this.#alert('reconcile_failed', `reconciliation failed (${reason}): ${message}; trading refused until it succeeds`);
      if (initial && !(e instanceof ReconcileError)) throw e;
      if (this.#state !== 'stopping' && this.#state !== 'stopped' && this.#reconcileTimer === null) {
        this.#reconcileTimer = setTimeout(() => {
          this.#reconcileTimer = null;
          this.#enqueue({ kind: 'reconcile', reason: `retry after: ${reason}` });
        }, this.#cfg.reconcileRetryMs ?? 2000);
        this.#reconcileTimer.unref();
      }
    }
  }

  #onStreamStatus(stream: 'orders' | 'bars', s: StreamStatus): void {
    this.#streams[stream] = s.state;
    this.#log(s.state === 'connected' ? 'info' : 'warn', 'stream_status', { stream, state: s.state, attempt: s.attempt, reason: s.reason });
    if (s.state === 'reconnecting' && s.attempt > 0 && s.reason !== undefined) {
      this.#metrics.inc('qt_reconnects_total');
      this.#audit('reconnect', { stream, attempt: s.attempt, reason: s.reason });
      this.#alert('disconnect', `${stream} stream lost: ${s.reason}`);
    }
    if (s.state === 'stale') this.#alert('disconnect', `${stream} stream stale: ${s.reason ?? ''}`);
    if (s.state === 'fatal') {
      this.#alert('halt', `${stream} stream failed for good: ${s.reason ?? ''}`);
      this.#enqueue({ kind: 'call', fn: () => this.#halt(`${stream} stream failed: ${s.reason ?? ''}`, 'halt') });
    }
    if (s.state === 'connected' && s.attempt > 0) {
      if (stream === 'orders') {
        // Anything may have happened while we were away: trading waits for the REST view.
        this.#enqueue({ kind: 'call', fn: () => void (this.#reconciled = false) });
        this.#enqueue({ kind: 'reconcile', reason: 'order stream reconnected' });
      } else {
        this.#enqueue({ kind: 'call', fn: () => this.#backfill() });
      }
    }
  }

  /** Bars missed while the data stream was down, from REST. */
  async #backfill(): Promise<void> {
    if (!Number.isFinite(this.#lastProcessed)) return;
    try {
      const bars = await this.#cfg.marketData.historicalBars({ symbols: this.#cfg.symbols, timeframe: this.#cfg.timeframe ?? '1Min', start: this.#lastProcessed + this.#barMs, end: this.#marketTime + this.#barMs });
      for (const b of bars) this.#queue.unshift({ kind: 'bar', bar: b });
      this.#log('info', 'backfilled', { bars: bars.length });
    } catch (e) {
      this.#log('warn', 'backfill_failed', { error: this.#redactError(e) });
    }
  }

  // ── shutdown ─────────────────────────────────────────────────────────────────────────────────

  async #shutdown(reason: string, keepOrders: boolean): Promise<void> {
    this.#state = 'stopping';
    this.#log('info', 'stopping', { reason, keepOrders });
    if (this.#watchdog !== null) clearInterval(this.#watchdog);
    if (this.#reconcileTimer !== null) clearTimeout(this.#reconcileTimer);
    for (const t of this.#barTimers.values()) clearTimeout(t);
    this.#pendingSubmit.length = 0;
    await this.#barSub?.close();
    if (!keepOrders) await this.#cancelAllWorking();
    // Let the stream deliver the cancels (and fills that raced them), then take the REST view.
    await new Promise((r) => setTimeout(r, 100));
    for (const item of this.#queue.splice(0)) if (item.kind === 'update') this.#onUpdate(item.update);
    if (this.#orderSub !== null) await this.#reconcile('shutdown', false).catch(() => {});
    try {
      this.#cfg.strategy.onEnd(this.#ctx);
    } catch (e) {
      this.#log('error', 'strategy_error', { handler: 'onEnd', error: this.#redactError(e) });
    }
    this.#deliver();
    await this.#orderSub?.close();
    const working = this.#tracker.working().map((o) => o.clientOrderId);
    this.#audit('shutdown', { reason, positions: this.#portfolio.quantities(), cash: this.#portfolio.cash.toString(), workingOrders: keepOrders ? working : [], keptOrders: keepOrders });
    this.#log('info', 'stopped', { reason, positions: this.#portfolio.quantities() });
    this.#state = 'stopped';
    await Promise.allSettled([this.#cfg.audit?.flush(), this.#cfg.logger?.flush(), this.#cfg.alerts?.flush()]);
    this.#done();
  }

  // ── helpers ──────────────────────────────────────────────────────────────────────────────────

  #audit(type: string, data: unknown): void {
    this.#cfg.audit?.append(type, data, Number.isNaN(this.#marketTime) ? null : this.#marketTime);
  }

  #log(level: 'debug' | 'info' | 'warn' | 'error', event: string, fields: Record<string, unknown>): void {
    this.#cfg.logger?.log(level, event, { ...fields, marketTime: Number.isNaN(this.#marketTime) ? null : new Date(this.#marketTime).toISOString() });
  }

  #alert(kind: string, message: string): void {
    this.#cfg.alerts?.alert({ kind, message, marketTime: Number.isNaN(this.#marketTime) ? null : this.#marketTime });
  }

  #redactError(e: unknown): string {
    return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  }
}

/** Reconciliation could not explain the broker's positions. */
export class ReconcileError extends Error {
  override readonly name = 'ReconcileError';
}

function isWorking(status: OrderStatus): boolean {
  return status === 'accepted' || status === 'partially_filled';
}

function isBrokerWorking(status: string): boolean {
  return !['filled', 'canceled', 'expired', 'rejected', 'replaced', 'submit_failed'].includes(status);
}

/** A share count as a decimal string (exact for the doubles strategies produce: shortest round-trip form). */
function decimalText(q: number): string {
  return new Decimal(q).toString();
}

/** A price on Alpaca's grid: cents at $1 and above, 1/100 cent below (half-even). */
function priceText(p: number): string {
  const d = new Decimal(p);
  return d.toDecimalPlaces(d.gte(1) ? 2 : 4, Decimal.ROUND_HALF_EVEN).toString();
}
