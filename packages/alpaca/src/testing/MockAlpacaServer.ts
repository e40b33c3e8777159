/**
 * A local Alpaca look-alike for tests (loopback only, random port) that speaks the wire protocol of
 * `shared/alpaca/ALPACA_API.md` §8: the trading REST API, the `trade_updates` WebSocket (binary
 * frames), the market-data WebSocket (text JSON arrays) and market-data REST bars — with scripted
 * bars, an order engine that fills at the bar's open (the backtest's next-bar rules), and faults:
 * dropped or muted sockets, unanswered pings, 429 storms with `X-RateLimit-*`, 5xx, delayed or
 * dropped responses, partial/duplicated/out-of-order fill events, 406 for a second data session
 * and 429 on reconnect handshakes.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Decimal } from 'decimal.js';
import { WebSocketServer, type WebSocket } from 'ws';
import { etDate, etWallClock, formatEt } from '../client/marketTime.js';

/** A bar the mock serves over REST and streams. */
export interface MockBar {
  readonly symbol: string;
  /** Bar start, epoch ms. */
  readonly time: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

/** A REST fault: matched by method and path prefix, applied to the next `times` requests. */
export interface MockFault {
  readonly method?: string;
  /** Path prefix (`/v2/orders`), matched against the path without the query. */
  readonly path?: string;
  /** How many matching requests it applies to (default 1). */
  readonly times?: number;
  /**
   * - `status`: answer with this status without processing (5xx, 429 with rate-limit headers);
   * - `delay`: process, then hold the response `delayMs` (a client timeout);
   * - `drop`: process, then destroy the connection without answering;
   * - `hang`: never answer and never process.
   */
  readonly action: { readonly kind: 'status'; readonly status: number } | { readonly kind: 'delay'; readonly delayMs: number } | { readonly kind: 'drop' } | { readonly kind: 'hang' };
}

/** How the mock reports fills. */
export interface FillScript {
  /** Executions per fill (1 = one `fill` event; 3 = two `partial_fill` then a `fill`). */
  readonly slices?: number;
  /** Send every fill event twice (same `execution_id`). */
  readonly duplicate?: boolean;
  /** Send the events of each order's executions in reverse order. */
  readonly reverse?: boolean;
  /** Drop the trade-stream sockets right after this many fill events of the next bar have been sent. */
  readonly dropAfter?: number;
}

/** Settings of {@link MockAlpacaServer.start}. */
export interface MockAlpacaOptions {
  readonly keyId?: string;
  readonly secretKey?: string;
  readonly cash?: string;
  /** Market time at start (epoch ms; default 2026-07-21 09:30 ET). */
  readonly now?: number;
  /** Bar length in ms for the clock (default one minute). */
  readonly barMs?: number;
  /** Positions the account holds at start (`{ AAPL: '50' }` at `averagePrice`). */
  readonly positions?: Readonly<Record<string, { readonly quantity: string; readonly averagePrice: string }>>;
  /** Requests per minute before 429 (default 200). */
  readonly rateLimit?: number;
  /** How long a closed data-stream session still counts against the one-connection limit (default 0). */
  readonly staleSessionMs?: number;
  /** Close a data connection that does not authenticate in time (default 10 s). */
  readonly authTimeoutMs?: number;
  /** Error bodies of injected faults quote the request's key id and secret (a hostile proxy; tests redaction). */
  readonly echoCredentialsInErrors?: boolean;
  /** Known symbols (default: those of the bars given). */
  readonly symbols?: readonly string[];
}

interface MockOrder {
  id: string;
  clientOrderId: string;
  symbol: string;
  side: 'buy' | 'sell';
  type: string;
  tif: string;
  qty: Decimal;
  filled: Decimal;
  notional: Decimal;
  limit: string | null;
  stop: string | null;
  status: string;
  submittedAt: string;
  submittedMs: number;
  seq: number;
  replacedBy: string | null;
  replaces: string | null;
}

interface RequestRecord {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly clientOrderId?: string;
}

const ZERO = new Decimal(0);

/** The mock server. Start with {@link MockAlpacaServer.start}; always `close()` it. */
export class MockAlpacaServer {
  readonly keyId: string;
  readonly secretKey: string;
  readonly #server: Server;
  readonly #tradeWss = new WebSocketServer({ noServer: true, autoPong: false, perMessageDeflate: false });
  readonly #dataWss = new WebSocketServer({ noServer: true, autoPong: false, perMessageDeflate: false });
  readonly #sockets = new Set<Socket>();
  readonly #opts: MockAlpacaOptions;
  #port = 0;
  #now: number;
  readonly #barMs: number;
  #cash: Decimal;
  readonly #positions = new Map<string, { qty: Decimal; cost: Decimal }>();
  readonly #orders = new Map<string, MockOrder>();
  readonly #byClientId = new Map<string, MockOrder>();
  #seq = 0;
  #execSeq = 0;
  readonly #bars = new Map<string, MockBar[]>();
  readonly #symbols = new Set<string>();
  #faults: (MockFault & { left: number })[] = [];
  #fillScript: FillScript = {};
  #upgradeRejects: { status: number; left: number; path: string } | null = null;
  /** Requests seen, in order (for assertions: how many POSTs carried a client order id). */
  readonly requests: RequestRecord[] = [];
  // Rate limit (per host-time minute, as Alpaca does).
  #windowStart = Date.now();
  #used = 0;
  #stormLeft = 0;
  // Streams.
  readonly #tradeClients = new Set<WebSocket & { authed?: boolean; listening?: boolean }>();
  readonly #dataClients = new Set<WebSocket & { authed?: boolean; bars?: Set<string> }>();
  #dataGhostUntil = 0;
  #tradeMuted = false;
  #dataMuted = false;
  /** Counts of connections ever opened, by stream (`trade`, `data`). */
  readonly connections = { trade: 0, data: 0, data406: 0, upgradeRejected: 0 };

  private constructor(opts: MockAlpacaOptions) {
    this.#opts = opts;
    this.keyId = opts.keyId ?? 'PKMOCKKEYID000000000';
    this.secretKey = opts.secretKey ?? 'mock-secret-key-0000000000000000000000000';
    this.#now = opts.now ?? etWallClock('2026-07-21', '09:30');
    this.#barMs = opts.barMs ?? 60_000;
    this.#cash = new Decimal(opts.cash ?? '100000');
    for (const [symbol, p] of Object.entries(opts.positions ?? {})) {
      const qty = new Decimal(p.quantity);
      this.#positions.set(symbol, { qty, cost: qty.mul(p.averagePrice) });
      this.#cash = this.#cash.sub(qty.mul(p.averagePrice));
    }
    for (const s of opts.symbols ?? []) this.#symbols.add(s);
    this.#server = createServer((req, res) => void this.#handle(req, res));
    this.#server.on('connection', (s) => {
      this.#sockets.add(s);
      s.on('close', () => this.#sockets.delete(s));
    });
    this.#server.on('upgrade', (req, socket, head) => this.#upgrade(req, socket as Socket, head));
  }

  /** Starts a server on 127.0.0.1 and a random free port. */
  static async start(opts: MockAlpacaOptions = {}): Promise<MockAlpacaServer> {
    const m = new MockAlpacaServer(opts);
    await new Promise<void>((ok) => m.#server.listen(0, '127.0.0.1', ok));
    m.#port = (m.#server.address() as AddressInfo).port;
    return m;
  }

  /** The four endpoint variables a client reads, pointing here. */
  get env(): Record<'APCA_API_BASE_URL' | 'APCA_API_STREAM_URL' | 'APCA_API_DATA_URL' | 'APCA_API_DATA_STREAM_URL', string> {
    const http = `http://127.0.0.1:${this.#port}`;
    const ws = `ws://127.0.0.1:${this.#port}`;
    return { APCA_API_BASE_URL: http, APCA_API_STREAM_URL: `${ws}/stream`, APCA_API_DATA_URL: http, APCA_API_DATA_STREAM_URL: `${ws}/v2/iex` };
  }

  /** Market time (epoch ms) the clock reports. */
  get now(): number {
    return this.#now;
  }

  /** Sets the market time. */
  setNow(ms: number): void {
    this.#now = ms;
  }

  // ── scripting ────────────────────────────────────────────────────────────────────────────────

  /** Adds bars to the REST history (they are not streamed). */
  addHistory(bars: readonly MockBar[]): void {
    for (const b of bars) {
      this.#symbols.add(b.symbol);
      let list = this.#bars.get(b.symbol);
      if (list === undefined) this.#bars.set(b.symbol, (list = []));
      list.push(b);
    }
    for (const list of this.#bars.values()) list.sort((a, b) => a.time - b.time);
  }

  /** How the next fills are reported (stays until changed). */
  setFillScript(script: FillScript): void {
    this.#fillScript = script;
  }

  /** Registers a REST fault. */
  fault(f: MockFault): void {
    this.#faults.push({ ...f, left: f.times ?? 1 });
  }

  /** The next `count` requests get 429 with `X-RateLimit-Remaining: 0` and a reset `resetInMs` ahead. */
  rateLimitStorm(count: number): void {
    this.#stormLeft = count;
  }

  /** Refuses the next `count` WebSocket handshakes on paths starting with `path` with `status` (429 by default). */
  rejectUpgrades(count: number, status = 429, path = '/'): void {
    this.#upgradeRejects = { status, left: count, path };
  }

  /**
   * One bar time step: market time moves to the bar's end, working orders are matched against the
   * bars (fills at the open by the backtest's rules, reported over the trade stream by the fill
   * script), then the bars are streamed to data subscribers and added to the history.
   */
  async pushBars(bars: readonly MockBar[]): Promise<void> {
    this.matchBars(bars);
    await this.streamBars(bars);
  }

  /**
   * The first half of {@link pushBars}: market time moves to the bars' end and working orders are
   * matched against them, fills reported on the trade stream; the bars are not streamed yet.
   */
  matchBars(bars: readonly MockBar[]): void {
    if (bars.length === 0) return;
    const time = bars[0]!.time;
    this.#now = time + this.#barMs;
    const script = this.#fillScript;
    let sent = 0;
    const dropAfter = script.dropAfter;
    for (const bar of bars) {
      const working = [...this.#orders.values()].filter((o) => o.symbol === bar.symbol && isWorking(o.status)).sort((a, b) => a.seq - b.seq);
      for (const o of working) {
        const price = fillPrice(o, bar);
        if (price === null) continue;
        const events = this.#execute(o, price, script.slices ?? 1, time);
        const ordered = script.reverse === true ? events.reverse() : events;
        for (const e of ordered) {
          const copies = script.duplicate === true ? 2 : 1;
          for (let c = 0; c < copies; c++) {
            if (dropAfter !== undefined && sent >= dropAfter) continue;
            this.#sendTrade(e);
          }
          sent++;
          if (dropAfter !== undefined && sent === dropAfter) this.dropTradeStream();
        }
      }
    }
    if (dropAfter !== undefined && sent >= dropAfter) {
      const { dropAfter: _drop, ...rest } = script;
      this.#fillScript = rest;
    }
  }

  /** The second half of {@link pushBars}: the bars go to data subscribers and into the history. */
  async streamBars(bars: readonly MockBar[]): Promise<void> {
    this.addHistory(bars);
    const frame = JSON.stringify(bars.map((b) => ({ T: 'b', S: b.symbol, o: b.open, h: b.high, l: b.low, c: b.close, v: b.volume, t: new Date(b.time).toISOString(), n: 1, vw: b.close })));
    for (const c of this.#dataClients) {
      if (!this.#dataMuted && c.authed === true && bars.some((b) => c.bars?.has(b.symbol) === true || c.bars?.has('*') === true)) c.send(frame);
    }
    await new Promise((r) => setImmediate(r));
  }

  /** Fills a working order now, outside any bar, at `price` (all of its remaining quantity). */
  fillNow(orderId: string, price: string, slices = 1): void {
    const o = this.#orders.get(orderId);
    if (o === undefined || !isWorking(o.status)) throw new RangeError(`order "${orderId}" is not working`);
    for (const e of this.#execute(o, new Decimal(price), slices, this.#now)) this.#sendTrade(e);
  }

  /** Closes every trade-stream socket without a close frame (a network drop). */
  dropTradeStream(): void {
    for (const c of this.#tradeClients) c.terminate();
  }

  /** Closes every data-stream socket without a close frame. */
  dropDataStream(): void {
    for (const c of this.#dataClients) c.terminate();
  }

  /** Stops (or resumes) sending anything on the trade stream, pongs included: a silent stall. */
  muteTradeStream(muted: boolean): void {
    this.#tradeMuted = muted;
  }

  /** Stops (or resumes) sending anything on the data stream, pongs included. */
  muteDataStream(muted: boolean): void {
    this.#dataMuted = muted;
  }

  // ── inspection ───────────────────────────────────────────────────────────────────────────────

  /** Positions as `{ SYMBOL: quantity }` (decimal strings, flat symbols omitted). */
  positions(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [s, p] of this.#positions) if (!p.qty.isZero()) out[s] = p.qty.toString();
    return out;
  }

  /** Every order ever accepted, in submission order, as Alpaca Order JSON. */
  orders(): Record<string, unknown>[] {
    return [...this.#orders.values()].sort((a, b) => a.seq - b.seq).map((o) => this.#orderJson(o));
  }

  /** How many order POSTs carried this client order id. */
  postsFor(clientOrderId: string): number {
    return this.requests.filter((r) => r.method === 'POST' && r.clientOrderId === clientOrderId).length;
  }

  /** Shuts everything down. */
  async close(): Promise<void> {
    for (const c of [...this.#tradeClients, ...this.#dataClients]) c.terminate();
    this.#tradeWss.close();
    this.#dataWss.close();
    for (const s of this.#sockets) s.destroy();
    await new Promise<void>((ok) => this.#server.close(() => ok()));
  }

  // ── order engine ─────────────────────────────────────────────────────────────────────────────

  #execute(o: MockOrder, price: Decimal, slices: number, time: number): Record<string, unknown>[] {
    const remaining = o.qty.sub(o.filled);
    const parts: Decimal[] = [];
    const whole = remaining.isInteger();
    let left = remaining;
    for (let i = slices; i > 1 && left.gt(0); i--) {
      let part = remaining.div(slices);
      part = whole ? part.floor() : part.toDecimalPlaces(9, Decimal.ROUND_DOWN);
      if (part.lte(0) || part.gte(left)) continue;
      parts.push(part);
      left = left.sub(part);
    }
    parts.push(left);
    const events: Record<string, unknown>[] = [];
    for (const q of parts) {
      o.filled = o.filled.add(q);
      o.notional = o.notional.add(q.mul(price));
      o.status = o.filled.eq(o.qty) ? 'filled' : 'partially_filled';
      const signed = o.side === 'buy' ? q : q.neg();
      const pos = this.#positions.get(o.symbol) ?? { qty: ZERO, cost: ZERO };
      const next = pos.qty.add(signed);
      // Average cost: adding keeps it, reducing keeps it, crossing zero restarts at the price.
      let cost: Decimal;
      if (pos.qty.isZero() || pos.qty.isNeg() === signed.isNeg()) cost = pos.cost.add(signed.mul(price));
      else if (next.isZero() || next.isNeg() === pos.qty.isNeg()) cost = pos.qty.isZero() ? ZERO : pos.cost.mul(next).div(pos.qty);
      else cost = next.mul(price);
      this.#positions.set(o.symbol, { qty: next, cost });
      this.#cash = this.#cash.sub(signed.mul(price));
      events.push({
        event: o.status === 'filled' ? 'fill' : 'partial_fill',
        execution_id: `exec-${++this.#execSeq}`,
        timestamp: new Date(time).toISOString(),
        price: price.toString(),
        qty: q.toString(),
        position_qty: next.toString(),
        order: this.#orderJson(o),
      });
    }
    return events;
  }

  #orderJson(o: MockOrder): Record<string, unknown> {
    return {
      id: o.id,
      client_order_id: o.clientOrderId,
      created_at: o.submittedAt,
      updated_at: o.submittedAt,
      submitted_at: o.submittedAt,
      filled_at: o.status === 'filled' ? new Date(this.#now).toISOString() : null,
      canceled_at: null,
      replaced_by: o.replacedBy,
      replaces: o.replaces,
      asset_id: `asset-${o.symbol}`,
      symbol: o.symbol,
      asset_class: 'us_equity',
      notional: null,
      qty: o.qty.toString(),
      filled_qty: o.filled.toString(),
      filled_avg_price: o.filled.isZero() ? null : o.notional.div(o.filled).toString(),
      order_class: '',
      order_type: o.type,
      type: o.type,
      side: o.side,
      time_in_force: o.tif,
      limit_price: o.limit,
      stop_price: o.stop,
      status: o.status,
      extended_hours: false,
      legs: null,
      // Fields a client must ignore: 2026 additions and one nobody knows yet.
      source: null,
      subtag: null,
      mock_future_field: { nested: true },
    };
  }

  #sendTrade(data: Record<string, unknown>): void {
    const frame = Buffer.from(JSON.stringify({ stream: 'trade_updates', data }));
    for (const c of this.#tradeClients) if (!this.#tradeMuted && c.listening === true) c.send(frame, { binary: true });
  }

  // ── HTTP ─────────────────────────────────────────────────────────────────────────────────────

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const body = await readBody(req);
    let clientOrderId: string | undefined;
    if (method === 'POST' && url.pathname === '/v2/orders') {
      try {
        clientOrderId = (JSON.parse(body) as { client_order_id?: string }).client_order_id;
      } catch {
        clientOrderId = undefined;
      }
    }
    const record = (status: number): void => {
      this.requests.push({ method, path: url.pathname, status, ...(clientOrderId === undefined ? {} : { clientOrderId }) });
    };
    // Rate limit first, as Alpaca does.
    const nowHost = Date.now();
    if (nowHost - this.#windowStart >= 60_000) {
      this.#windowStart = nowHost;
      this.#used = 0;
    }
    const limit = this.#opts.rateLimit ?? 200;
    const storm = this.#stormLeft > 0;
    if (storm) this.#stormLeft--;
    else this.#used++;
    const resetSec = storm ? Math.ceil((nowHost + 300) / 1000) : Math.ceil((this.#windowStart + 60_000) / 1000);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'x-ratelimit-limit': String(limit),
      'x-ratelimit-remaining': String(storm ? 0 : Math.max(0, limit - this.#used)),
      'x-ratelimit-reset': String(resetSec),
    };
    if (storm || this.#used > limit) {
      record(429);
      send(res, 429, headers, { code: 42910000, message: 'rate limit exceeded' });
      return;
    }
    if (req.headers['apca-api-key-id'] !== this.keyId || req.headers['apca-api-secret-key'] !== this.secretKey) {
      record(url.pathname.startsWith('/v2/stocks') ? 403 : 401);
      if (url.pathname.startsWith('/v2/stocks')) send(res, 403, headers, { message: 'forbidden' });
      else send(res, 401, headers, { code: 40110000, message: 'request is not authorized' });
      return;
    }
    const fault = this.#takeFault(method, url.pathname);
    if (fault?.action.kind === 'status') {
      record(fault.action.status);
      if (fault.action.status === 429) {
        headers['x-ratelimit-remaining'] = '0';
        headers['x-ratelimit-reset'] = String(Math.ceil((nowHost + 300) / 1000));
      }
      const echo = this.#opts.echoCredentialsInErrors === true ? ` (key ${String(req.headers['apca-api-key-id'])}, secret ${String(req.headers['apca-api-secret-key'])})` : '';
      send(res, fault.action.status, headers, { message: `${fault.action.status === 429 ? 'rate limit exceeded' : 'internal server error'}${echo}` });
      return;
    }
    if (fault?.action.kind === 'hang') {
      record(0);
      return;
    }
    let status = 200;
    let payload: unknown;
    try {
      [status, payload] = this.#route(method, url, body);
    } catch (e) {
      [status, payload] = [500, { message: `mock error: ${(e as Error).message}` }];
    }
    record(status);
    if (fault?.action.kind === 'drop') {
      req.socket.destroy();
      return;
    }
    if (fault?.action.kind === 'delay') await new Promise((r) => setTimeout(r, (fault.action as { delayMs: number }).delayMs));
    if (!res.destroyed && !req.socket.destroyed) send(res, status, headers, payload);
  }

  #takeFault(method: string, path: string): MockFault | null {
    for (const f of this.#faults) {
      if (f.left > 0 && (f.method === undefined || f.method === method) && (f.path === undefined || path.startsWith(f.path))) {
        f.left--;
        this.#faults = this.#faults.filter((x) => x.left > 0);
        return f;
      }
    }
    return null;
  }

  #route(method: string, url: URL, body: string): [number, unknown] {
    const p = url.pathname;
    const q = url.searchParams;
    if (method === 'GET' && p === '/v2/account') {
      let equity = this.#cash;
      for (const [s, pos] of this.#positions) equity = equity.add(pos.qty.mul(this.#lastClose(s)));
      return [200, { id: 'acct-mock', account_number: 'PA3MOCK', status: 'ACTIVE', currency: 'USD', cash: this.#cash.toString(), buying_power: this.#cash.mul(2).toString(), equity: equity.toString(), portfolio_value: equity.toString(), trading_blocked: false, account_blocked: false, trade_suspended_by_user: false, multiplier: '2', shorting_enabled: true }];
    }
    if (method === 'GET' && p === '/v2/clock') {
      const date = etDate(this.#now);
      const open = etWallClock(date, '09:30');
      const close = etWallClock(date, '16:00');
      const isOpen = this.#now >= open && this.#now < close;
      return [200, { timestamp: formatEt(this.#now), is_open: isOpen, next_open: formatEt(this.#now < open ? open : open + 86_400_000), next_close: formatEt(this.#now < close ? close : close + 86_400_000) }];
    }
    if (method === 'GET' && p === '/v2/calendar') return [200, calendar(q.get('start') ?? '2026-01-01', q.get('end') ?? '2026-12-31')];
    if (method === 'GET' && p.startsWith('/v2/assets/')) {
      const sym = decodeURIComponent(p.slice('/v2/assets/'.length));
      if (!this.#symbols.has(sym)) return [404, { code: 40410000, message: `asset not found for ${sym}` }];
      return [200, { id: `asset-${sym}`, class: 'us_equity', exchange: 'NASDAQ', symbol: sym, name: sym, status: 'active', tradable: true, marginable: true, shortable: true, easy_to_borrow: true, borrow_status: 'easy_to_borrow', fractionable: true, attributes: [] }];
    }
    if (method === 'POST' && p === '/v2/orders') return this.#submit(body);
    if (method === 'GET' && p === '/v2/orders') return [200, this.#listOrders(q)];
    if (method === 'GET' && p === '/v2/orders:by_client_order_id') {
      const o = this.#byClientId.get(q.get('client_order_id') ?? '');
      return o === undefined ? [404, { code: 40410000, message: 'order not found' }] : [200, this.#orderJson(o)];
    }
    if (method === 'DELETE' && p === '/v2/orders') {
      const out = [];
      for (const o of this.#orders.values()) if (isWorking(o.status)) out.push({ id: o.id, status: this.#cancel(o) ? 200 : 422 });
      return [207, out];
    }
    if (p.startsWith('/v2/orders/')) {
      const o = this.#orders.get(p.slice('/v2/orders/'.length));
      if (o === undefined) return [404, { code: 40410000, message: 'order not found' }];
      if (method === 'GET') return [200, this.#orderJson(o)];
      if (method === 'DELETE') return this.#cancel(o) ? [204, null] : [422, { code: 42210000, message: 'order is not cancelable' }];
      if (method === 'PATCH') return this.#replace(o, body);
    }
    if (method === 'GET' && p === '/v2/positions') return [200, [...this.#positions.keys()].filter((s) => !this.#positions.get(s)!.qty.isZero()).map((s) => this.#positionJson(s))];
    if (p.startsWith('/v2/positions/')) {
      const sym = decodeURIComponent(p.slice('/v2/positions/'.length));
      const pos = this.#positions.get(sym);
      if (pos === undefined || pos.qty.isZero()) return [404, { code: 40410000, message: 'position does not exist' }];
      if (method === 'GET') return [200, this.#positionJson(sym)];
    }
    if (method === 'GET' && p === '/v2/stocks/bars') return this.#barsMulti(q);
    if (method === 'GET' && /^\/v2\/stocks\/[^/]+\/bars$/.test(p)) {
      const sym = decodeURIComponent(p.split('/')[3]!);
      q.set('symbols', sym);
      const [s, r] = this.#barsMulti(q);
      if (s !== 200) return [s, r];
      const multi = r as { bars: Record<string, unknown[]>; next_page_token: string | null };
      return [200, { bars: multi.bars[sym] ?? [], symbol: sym, next_page_token: multi.next_page_token }];
    }
    return [404, { message: 'Not Found' }];
  }

  #lastClose(symbol: string): Decimal {
    const list = this.#bars.get(symbol);
    if (list === undefined || list.length === 0) {
      const pos = this.#positions.get(symbol);
      return pos === undefined || pos.qty.isZero() ? ZERO : pos.cost.div(pos.qty);
    }
    return new Decimal(list[list.length - 1]!.close);
  }

  #positionJson(symbol: string): Record<string, unknown> {
    const pos = this.#positions.get(symbol)!;
    const price = this.#lastClose(symbol);
    return {
      asset_id: `asset-${symbol}`,
      symbol,
      exchange: 'NASDAQ',
      asset_class: 'us_equity',
      asset_marginable: true,
      qty: pos.qty.toString(),
      qty_available: pos.qty.toString(),
      side: pos.qty.isNeg() ? 'short' : 'long',
      avg_entry_price: pos.cost.div(pos.qty).toString(),
      cost_basis: pos.cost.toString(),
      market_value: pos.qty.mul(price).toString(),
      current_price: price.toString(),
      unrealized_pl: pos.qty.mul(price).sub(pos.cost).toString(),
    };
  }

  #submit(body: string): [number, unknown] {
    let r: Record<string, unknown>;
    try {
      r = JSON.parse(body) as Record<string, unknown>;
    } catch {
      return [400, { code: 40010000, message: 'failed to decode request body' }];
    }
    const invalid = (message: string): [number, unknown] => [422, { code: 42210000, message }];
    const cid = typeof r['client_order_id'] === 'string' ? r['client_order_id'] : `auto-${this.#seq + 1}`;
    if (cid.length > 128) return invalid('client_order_id is too long');
    if (this.#byClientId.has(cid)) return [422, { code: 40010001, message: 'client_order_id must be unique' }];
    const symbol = String(r['symbol'] ?? '');
    if (!this.#symbols.has(symbol)) return invalid(`invalid symbol ${symbol}`);
    if (r['side'] !== 'buy' && r['side'] !== 'sell') return invalid(`invalid side ${String(r['side'])}`);
    const type = String(r['type'] ?? 'market');
    if (!['market', 'limit', 'stop', 'stop_limit', 'trailing_stop'].includes(type)) return invalid(`invalid order type ${type}`);
    const tif = String(r['time_in_force'] ?? '');
    if (!['day', 'gtc', 'opg', 'cls', 'ioc', 'fok'].includes(tif)) return invalid(`invalid time_in_force ${tif}`);
    if (typeof r['qty'] !== 'string' && typeof r['qty'] !== 'number') return invalid('qty is required');
    let qty: Decimal;
    try {
      qty = new Decimal(r['qty']);
    } catch {
      return invalid(`invalid qty ${String(r['qty'])}`);
    }
    if (!qty.gt(0)) return invalid('qty must be > 0');
    for (const k of ['limit_price', 'stop_price'] as const) {
      const v = r[k];
      if (v === undefined || v === null) continue;
      const d = new Decimal(v as string);
      if (d.decimalPlaces() > (d.gte(1) ? 2 : 4)) return invalid(`invalid ${k} ${String(v)}. sub-penny increment does not fulfill minimum pricing criteria`);
    }
    if ((type === 'limit' || type === 'stop_limit') && r['limit_price'] == null) return invalid('limit_price is required');
    if ((type === 'stop' || type === 'stop_limit') && r['stop_price'] == null) return invalid('stop_price is required');
    const seq = ++this.#seq;
    const o: MockOrder = {
      id: uuidOf(seq),
      clientOrderId: cid,
      symbol,
      side: r['side'],
      type,
      tif,
      qty,
      filled: ZERO,
      notional: ZERO,
      limit: r['limit_price'] == null ? null : String(r['limit_price']),
      stop: r['stop_price'] == null ? null : String(r['stop_price']),
      status: 'new',
      submittedAt: new Date(this.#now).toISOString().replace('Z', `${String(seq).padStart(6, '0')}Z`),
      submittedMs: this.#now,
      seq,
      replacedBy: null,
      replaces: null,
    };
    this.#orders.set(o.id, o);
    this.#byClientId.set(cid, o);
    this.#sendTrade({ event: 'new', order: this.#orderJson(o) });
    return [200, this.#orderJson(o)];
  }

  #cancel(o: MockOrder): boolean {
    if (!isWorking(o.status)) return false;
    o.status = 'canceled';
    this.#sendTrade({ event: 'canceled', timestamp: new Date(this.#now).toISOString(), order: this.#orderJson(o) });
    return true;
  }

  #replace(o: MockOrder, body: string): [number, unknown] {
    if (!isWorking(o.status)) return [422, { code: 42210000, message: 'order is not replaceable' }];
    const r = JSON.parse(body || '{}') as Record<string, string | undefined>;
    const seq = ++this.#seq;
    const n: MockOrder = {
      ...o,
      id: uuidOf(seq),
      clientOrderId: r['client_order_id'] ?? `replace-${seq}`,
      qty: r['qty'] === undefined ? o.qty.sub(o.filled) : new Decimal(r['qty']),
      filled: ZERO,
      notional: ZERO,
      limit: r['limit_price'] ?? o.limit,
      stop: r['stop_price'] ?? o.stop,
      tif: r['time_in_force'] ?? o.tif,
      status: 'new',
      seq,
      replaces: o.id,
      replacedBy: null,
    };
    if (this.#byClientId.has(n.clientOrderId)) return [422, { code: 40010001, message: 'client_order_id must be unique' }];
    o.status = 'replaced';
    o.replacedBy = n.id;
    this.#orders.set(n.id, n);
    this.#byClientId.set(n.clientOrderId, n);
    this.#sendTrade({ event: 'replaced', timestamp: new Date(this.#now).toISOString(), order: this.#orderJson(o) });
    this.#sendTrade({ event: 'new', order: this.#orderJson(n) });
    return [200, this.#orderJson(n)];
  }

  #listOrders(q: URLSearchParams): Record<string, unknown>[] {
    const status = q.get('status') ?? 'open';
    const limit = Math.min(500, Number(q.get('limit') ?? 50));
    const after = q.get('after');
    const symbols = q.get('symbols')?.split(',');
    let list = [...this.#orders.values()].filter((o) => {
      if (status === 'open' && !isWorking(o.status)) return false;
      if (status === 'closed' && isWorking(o.status)) return false;
      if (after !== null && !(o.submittedAt > after)) return false;
      return symbols === undefined || symbols.includes(o.symbol);
    });
    list.sort((a, b) => a.seq - b.seq);
    if ((q.get('direction') ?? 'desc') === 'desc') list.reverse();
    list = list.slice(0, limit);
    return list.map((o) => this.#orderJson(o));
  }

  #barsMulti(q: URLSearchParams): [number, unknown] {
    const symbols = (q.get('symbols') ?? '').split(',').filter((s) => s !== '').sort();
    const tf = q.get('timeframe');
    if (tf !== '1Min' && tf !== '1Day') return [400, { message: `invalid timeframe ${String(tf)}` }];
    const start = q.get('start') === null ? -Infinity : Date.parse(q.get('start')!);
    const end = q.get('end') === null ? Infinity : Date.parse(q.get('end')!);
    const limit = Math.min(10_000, Number(q.get('limit') ?? 1000));
    const all: { s: string; b: MockBar }[] = [];
    for (const s of symbols) for (const b of this.#bars.get(s) ?? []) if (b.time >= start && b.time <= end) all.push({ s, b });
    const from = q.get('page_token') === null ? 0 : Number(Buffer.from(q.get('page_token')!, 'base64').toString('utf8'));
    const page = all.slice(from, from + limit);
    const bars: Record<string, unknown[]> = {};
    for (const { s, b } of page) (bars[s] ??= []).push({ t: new Date(b.time).toISOString(), o: b.open, h: b.high, l: b.low, c: b.close, v: b.volume, n: 1, vw: b.close });
    const next = from + limit < all.length ? Buffer.from(String(from + limit)).toString('base64') : null;
    return [200, { bars, next_page_token: next, currency: 'USD' }];
  }

  // ── WebSockets ───────────────────────────────────────────────────────────────────────────────

  #upgrade(req: IncomingMessage, socket: Socket, head: Buffer): void {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const reject = this.#upgradeRejects;
    if (reject !== null && reject.left > 0 && path.startsWith(reject.path)) {
      reject.left--;
      this.connections.upgradeRejected++;
      socket.end(`HTTP/1.1 ${reject.status} Too Many Requests\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
      return;
    }
    if (path === '/stream') {
      this.#tradeWss.handleUpgrade(req, socket, head, (ws) => this.#onTrade(ws));
    } else if (path === '/v2/iex' || path === '/v2/sip' || path === '/v2/test') {
      this.#dataWss.handleUpgrade(req, socket, head, (ws) => this.#onData(ws));
    } else {
      socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n');
    }
  }

  #onTrade(ws: WebSocket & { authed?: boolean; listening?: boolean }): void {
    this.connections.trade++;
    ws.on('ping', (data) => {
      if (!this.#tradeMuted) ws.pong(data);
    });
    ws.on('message', (raw) => {
      if (this.#tradeMuted) return;
      let m: { action?: string; data?: { key_id?: string; secret_key?: string; streams?: string[] } };
      try {
        m = JSON.parse(raw.toString()) as typeof m;
      } catch {
        return;
      }
      const reply = (o: unknown): void => ws.send(Buffer.from(JSON.stringify(o)), { binary: true });
      if (m.action === 'authenticate') {
        if (m.data?.key_id === this.keyId && m.data.secret_key === this.secretKey) {
          // One connection per account: the newest wins, older ones are dropped.
          for (const other of this.#tradeClients) if (other !== ws) other.terminate();
          ws.authed = true;
          this.#tradeClients.add(ws);
          reply({ stream: 'authorization', data: { status: 'authorized', action: 'authenticate' } });
        } else {
          reply({ stream: 'authorization', data: { status: 'unauthorized', action: 'authenticate', message: 'access key verification failed' } });
          ws.close();
        }
      } else if (m.action === 'listen') {
        if (ws.authed !== true) {
          reply({ stream: 'authorization', data: { status: 'unauthorized', action: 'listen' } });
          return;
        }
        ws.listening = (m.data?.streams ?? []).includes('trade_updates');
        reply({ stream: 'listening', data: { streams: m.data?.streams ?? [] } });
      }
    });
    ws.on('close', () => this.#tradeClients.delete(ws));
  }

  #onData(ws: WebSocket & { authed?: boolean; bars?: Set<string> }): void {
    this.connections.data++;
    const send = (o: unknown): void => {
      if (!this.#dataMuted) ws.send(JSON.stringify(o));
    };
    send([{ T: 'success', msg: 'connected' }]);
    const authTimer = setTimeout(() => {
      if (ws.authed !== true) {
        send([{ T: 'error', code: 404, msg: 'auth timeout' }]);
        ws.close();
      }
    }, this.#opts.authTimeoutMs ?? 10_000);
    ws.on('ping', (data) => {
      if (!this.#dataMuted) ws.pong(data);
    });
    ws.on('message', (raw) => {
      if (this.#dataMuted) return;
      let m: { action?: string; key?: string; secret?: string; bars?: string[] };
      try {
        m = JSON.parse(raw.toString()) as typeof m;
      } catch {
        send([{ T: 'error', code: 400, msg: 'invalid syntax' }]);
        return;
      }
      if (m.action === 'auth') {
        if (m.key !== this.keyId || m.secret !== this.secretKey) {
          send([{ T: 'error', code: 402, msg: 'auth failed' }]);
          ws.close();
          return;
        }
        const live = [...this.#dataClients].some((c) => c !== ws && c.authed === true);
        if (live || Date.now() < this.#dataGhostUntil) {
          this.connections.data406++;
          send([{ T: 'error', code: 406, msg: 'connection limit exceeded' }]);
          ws.close();
          return;
        }
        clearTimeout(authTimer);
        ws.authed = true;
        ws.bars = new Set();
        this.#dataClients.add(ws);
        send([{ T: 'success', msg: 'authenticated' }]);
      } else if (m.action === 'subscribe' || m.action === 'unsubscribe') {
        if (ws.authed !== true) {
          send([{ T: 'error', code: 401, msg: 'not authenticated' }]);
          return;
        }
        for (const s of m.bars ?? []) {
          if (m.action === 'subscribe') ws.bars!.add(s);
          else ws.bars!.delete(s);
        }
        send([{ T: 'subscription', trades: [], quotes: [], bars: [...ws.bars!], updatedBars: [], dailyBars: [], statuses: [], lulds: [], corrections: [], cancelErrors: [] }]);
      }
    });
    ws.on('close', () => {
      clearTimeout(authTimer);
      if (ws.authed === true) this.#dataGhostUntil = Date.now() + (this.#opts.staleSessionMs ?? 0);
      this.#dataClients.delete(ws);
    });
  }
}

function isWorking(status: string): boolean {
  return status === 'new' || status === 'accepted' || status === 'partially_filled' || status === 'pending_new';
}

/** The backtest's bar fill rules (DESIGN.md §5): market at the open; limits and stops at the open on a gap, else at their price. */
function fillPrice(o: MockOrder, bar: MockBar): Decimal | null {
  const open = new Decimal(bar.open);
  if (o.type === 'market') return open;
  if (o.type === 'limit') {
    const p = new Decimal(o.limit!);
    if (o.side === 'buy') return p.gte(open) ? open : p.gte(bar.low) ? p : null;
    return p.lte(open) ? open : p.lte(bar.high) ? p : null;
  }
  if (o.type === 'stop') {
    const s = new Decimal(o.stop!);
    if (o.side === 'buy') return open.gte(s) ? open : s.lte(bar.high) ? s : null;
    return open.lte(s) ? open : s.gte(bar.low) ? s : null;
  }
  return null;
}

function uuidOf(n: number): string {
  const h = n.toString(16).padStart(12, '0');
  return `00000000-0000-4000-8000-${h}`;
}

function calendar(start: string, end: string): Record<string, string>[] {
  const holidays = new Set(['2026-01-01', '2026-01-19', '2026-02-16', '2026-04-03', '2026-05-25', '2026-06-19', '2026-07-03', '2026-09-07', '2026-11-26', '2026-12-25']);
  const early = new Set(['2026-11-27', '2026-12-24']);
  const out: Record<string, string>[] = [];
  for (let t = Date.parse(`${start}T00:00:00Z`); t <= Date.parse(`${end}T00:00:00Z`); t += 86_400_000) {
    const d = new Date(t);
    const date = d.toISOString().slice(0, 10);
    if (d.getUTCDay() === 0 || d.getUTCDay() === 6 || holidays.has(date)) continue;
    out.push({ date, open: '09:30', close: early.has(date) ? '13:00' : '16:00', session_open: '0400', session_close: '2000', settlement_date: date });
  }
  return out;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, payload: unknown): void {
  if (status === 204 || payload === null) {
    res.writeHead(status, headers);
    res.end();
    return;
  }
  res.writeHead(status, headers);
  res.end(JSON.stringify(payload));
}
