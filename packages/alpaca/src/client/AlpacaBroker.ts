/**
 * Core's `Broker` on Alpaca's trading API: typed, tolerant decoding, idempotent order submission by
 * client order id, and the `trade_updates` stream with heartbeat and reconnect.
 */
import type {
  Broker,
  BrokerAccount,
  BrokerAsset,
  BrokerOrder,
  BrokerPosition,
  CalendarDay,
  MarketClock,
  OrderFilter,
  OrderUpdateParams,
  ReplaceOrderParams,
  StreamSubscription,
  SubmitOrderParams,
} from '@qt-backtest/core';
import { AlpacaApiError, AlpacaTransportError } from './AlpacaApiError.js';
import type { AlpacaHttp } from './AlpacaHttp.js';
import type { AlpacaCredentials } from './AlpacaCredentials.js';
import type { AlpacaEndpoints } from './AlpacaEndpoints.js';
import { decodeOrder, decodePosition } from './decode.js';
import { etWallClock, parseRfc3339 } from './marketTime.js';
import { ReconnectingSocket, type SocketTiming } from '../stream/ReconnectingSocket.js';
import { tradeUpdatesProtocol } from '../stream/tradeUpdatesProtocol.js';

/** Settings of {@link AlpacaBroker}. */
export interface AlpacaBrokerConfig {
  readonly http: AlpacaHttp;
  readonly credentials: AlpacaCredentials;
  readonly endpoints: AlpacaEndpoints;
  /** Timeout of one order POST in ms (default 10,000; at most 10,000). */
  readonly submitTimeoutMs?: number;
  /** Sends of one order (same client order id) before giving up (default 3). */
  readonly maxSubmitAttempts?: number;
  /** Resends of an order answered 429 (not taken), each after the rate-limit reset (default 20). */
  readonly maxRateLimitedResends?: number;
  /** How long a lookup by client order id keeps trying after an ambiguous POST, in ms (default 3,000). */
  readonly lookupGraceMs?: number;
  /** Timing of the trade stream. */
  readonly stream?: SocketTiming;
  /** Undecodable stream messages (logged by the runner). */
  readonly onBadMessage?: (reason: string) => void;
}

/** A submission gave up: the order's fate is unknown after every attempt. */
export class OrderSubmissionError extends Error {
  override readonly name = 'OrderSubmissionError';
  readonly clientOrderId: string;

  constructor(clientOrderId: string, message: string) {
    super(message);
    this.clientOrderId = clientOrderId;
  }
}

const CLIENT_ID = /^[A-Za-z0-9_.:-]{1,48}$/;

/**
 * @example
 * const broker = new AlpacaBroker({ http, credentials, endpoints });
 * await broker.submitOrder({ clientOrderId: 'run1-7', symbol: 'AAPL', side: 'buy', quantity: '10', type: 'market', timeInForce: 'day' });
 */
export class AlpacaBroker implements Broker {
  readonly name = 'AlpacaBroker';
  readonly #cfg: AlpacaBrokerConfig;

  constructor(config: AlpacaBrokerConfig) {
    const t = config.submitTimeoutMs ?? 10_000;
    if (!(t > 0 && t <= 10_000)) throw new RangeError(`submitTimeoutMs must be in (0, 10000], got "${t}"`);
    this.#cfg = config;
  }

  #get(path: string, query?: Record<string, string | number | boolean | undefined>): Promise<unknown> {
    return this.#cfg.http.request({ method: 'GET', base: this.#cfg.endpoints.base, path, ...(query === undefined ? {} : { query }), idempotent: true }).then((r) => r.body);
  }

  /**
   * Submits once; when the answer is ambiguous (timeout, dropped connection, 5xx) the order is
   * looked up by its client order id before anything is resent, and a resend reuses the id (a
   * duplicate then fails safely with 40010001 and is resolved by lookup). A 429 waits for the
   * rate-limit reset before the resend.
   *
   * @throws {AlpacaApiError} when the order is refused (4xx other than 429).
   * @throws {OrderSubmissionError} when its fate is still unknown after every attempt.
   */
  async submitOrder(params: SubmitOrderParams): Promise<BrokerOrder> {
    const cid = params.clientOrderId;
    if (!CLIENT_ID.test(cid)) throw new RangeError(`clientOrderId "${cid}" must be 1–48 characters of [A-Za-z0-9_.:-]`);
    const body: Record<string, string> = {
      symbol: params.symbol,
      qty: params.quantity,
      side: params.side,
      type: params.type,
      time_in_force: params.timeInForce,
      client_order_id: cid,
    };
    if (params.limitPrice !== undefined) body['limit_price'] = params.limitPrice;
    if (params.stopPrice !== undefined) body['stop_price'] = params.stopPrice;
    if (params.trailPrice !== undefined) body['trail_price'] = params.trailPrice;
    if (params.trailPercent !== undefined) body['trail_percent'] = params.trailPercent;
    const attempts = this.#cfg.maxSubmitAttempts ?? 3;
    // A 429 proves the order was not taken: those resends have their own, larger bound.
    let rateLimited = 0;
    let last = '';
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        const res = await this.#cfg.http.request({
          method: 'POST',
          base: this.#cfg.endpoints.base,
          path: '/v2/orders',
          body,
          idempotent: false,
          timeoutMs: this.#cfg.submitTimeoutMs ?? 10_000,
        });
        return decodeOrder(res.body);
      } catch (e) {
        if (e instanceof AlpacaApiError) {
          if (e.code === 40010001 && /client_order_id/i.test(String(e.body['message'] ?? ''))) {
            const found = await this.#lookup(cid);
            if (found !== null) return found;
            throw e;
          }
          if (e.status !== 429 && e.status < 500) throw e;
          last = e.message;
          if (e.status === 429 && ++rateLimited <= (this.#cfg.maxRateLimitedResends ?? 20)) {
            attempt--;
            continue; // the limiter holds the resend until X-RateLimit-Reset
          }
          // 5xx may have created the order: look before resending.
          if (e.status >= 500) {
            const found = await this.#lookup(cid);
            if (found !== null) return found;
          }
          continue; // the limiter holds the resend until X-RateLimit-Reset
        }
        if (e instanceof AlpacaTransportError) {
          last = e.message;
          const found = await this.#lookup(cid);
          if (found !== null) return found;
          continue;
        }
        throw e;
      }
    }
    throw new OrderSubmissionError(cid, `order ${cid}: fate unknown after ${attempts} attempt(s): ${last}`);
  }

  /** Looks the id up for up to `lookupGraceMs` (a miss right after a timeout is no proof of absence). */
  async #lookup(clientOrderId: string): Promise<BrokerOrder | null> {
    const grace = this.#cfg.lookupGraceMs ?? 3000;
    const until = Date.now() + grace;
    for (let i = 0; ; i++) {
      try {
        const found = await this.orderByClientId({ clientOrderId });
        if (found !== null || Date.now() >= until) return found;
      } catch (e) {
        if (Date.now() >= until) throw e;
      }
      await new Promise((r) => setTimeout(r, Math.min(500, 50 * 2 ** i)));
    }
  }

  async cancelOrder(params: { readonly orderId: string }): Promise<boolean> {
    try {
      await this.#cfg.http.request({ method: 'DELETE', base: this.#cfg.endpoints.base, path: `/v2/orders/${encodeURIComponent(params.orderId)}`, idempotent: true });
      return true;
    } catch (e) {
      if (e instanceof AlpacaApiError && (e.status === 404 || e.status === 422)) return false;
      throw e;
    }
  }

  async replaceOrder(params: ReplaceOrderParams): Promise<BrokerOrder> {
    const body: Record<string, string> = {};
    if (params.quantity !== undefined) body['qty'] = params.quantity;
    if (params.limitPrice !== undefined) body['limit_price'] = params.limitPrice;
    if (params.stopPrice !== undefined) body['stop_price'] = params.stopPrice;
    if (params.timeInForce !== undefined) body['time_in_force'] = params.timeInForce;
    if (params.clientOrderId !== undefined) body['client_order_id'] = params.clientOrderId;
    const res = await this.#cfg.http.request({ method: 'PATCH', base: this.#cfg.endpoints.base, path: `/v2/orders/${encodeURIComponent(params.orderId)}`, body, idempotent: false });
    return decodeOrder(res.body);
  }

  /** Lists orders oldest first, following `after` pages of 500 until exhausted. */
  async listOrders(filter: OrderFilter = {}): Promise<readonly BrokerOrder[]> {
    const out: BrokerOrder[] = [];
    let after = filter.after;
    for (;;) {
      const page = await this.#get('/v2/orders', {
        status: filter.status ?? 'open',
        limit: 500,
        direction: 'asc',
        nested: true,
        after,
        symbols: filter.symbols?.join(','),
      });
      if (!Array.isArray(page)) throw new TypeError(`GET /v2/orders: expected an array, got ${typeof page}`);
      const orders = page.map(decodeOrder);
      out.push(...orders);
      const lastAt = orders[orders.length - 1]?.submittedAt;
      if (orders.length < 500 || lastAt == null) return out;
      after = lastAt;
    }
  }

  async orderByClientId(params: { readonly clientOrderId: string }): Promise<BrokerOrder | null> {
    try {
      return decodeOrder(await this.#get('/v2/orders:by_client_order_id', { client_order_id: params.clientOrderId }));
    } catch (e) {
      if (e instanceof AlpacaApiError && e.status === 404) return null;
      throw e;
    }
  }

  async positions(): Promise<readonly BrokerPosition[]> {
    const list = await this.#get('/v2/positions');
    if (!Array.isArray(list)) throw new TypeError(`GET /v2/positions: expected an array, got ${typeof list}`);
    return list.map(decodePosition);
  }

  async account(): Promise<BrokerAccount> {
    const a = (await this.#get('/v2/account')) as Record<string, unknown>;
    const s = (k: string, d = '0'): string => (typeof a[k] === 'string' ? (a[k] as string) : typeof a[k] === 'number' ? String(a[k]) : d);
    return {
      id: s('id', ''),
      status: s('status', 'UNKNOWN'),
      currency: s('currency', 'USD'),
      cash: s('cash'),
      equity: s('equity', s('portfolio_value')),
      buyingPower: s('buying_power'),
      tradingBlocked: a['trading_blocked'] === true || a['account_blocked'] === true || a['trade_suspended_by_user'] === true,
    };
  }

  async clock(): Promise<MarketClock> {
    const c = (await this.#get('/v2/clock')) as Record<string, unknown>;
    return {
      time: parseRfc3339(String(c['timestamp'])),
      isOpen: c['is_open'] === true,
      nextOpen: parseRfc3339(String(c['next_open'])),
      nextClose: parseRfc3339(String(c['next_close'])),
    };
  }

  async calendar(params: { readonly start: string; readonly end: string }): Promise<readonly CalendarDay[]> {
    const list = await this.#get('/v2/calendar', { start: params.start, end: params.end });
    if (!Array.isArray(list)) throw new TypeError(`GET /v2/calendar: expected an array, got ${typeof list}`);
    return list.map((d: Record<string, string>) => ({ date: d['date']!, open: etWallClock(d['date']!, d['open']!), close: etWallClock(d['date']!, d['close']!) }));
  }

  async asset(params: { readonly symbol: string }): Promise<BrokerAsset | null> {
    try {
      const a = (await this.#get(`/v2/assets/${encodeURIComponent(params.symbol)}`)) as Record<string, unknown>;
      return { symbol: String(a['symbol']), tradable: a['tradable'] === true, shortable: a['shortable'] === true, fractionable: a['fractionable'] === true };
    } catch (e) {
      if (e instanceof AlpacaApiError && e.status === 404) return null;
      throw e;
    }
  }

  subscribeOrderUpdates(params: OrderUpdateParams): StreamSubscription {
    const socket = new ReconnectingSocket({
      ...this.#cfg.stream,
      url: this.#cfg.endpoints.stream,
      protocol: tradeUpdatesProtocol(this.#cfg.credentials, params.onUpdate, this.#cfg.onBadMessage),
      redact: (t) => this.#cfg.credentials.redact(t),
      ...(params.onStatus === undefined ? {} : { onStatus: params.onStatus }),
    });
    socket.start();
    return { ready: socket.ready, close: () => socket.close() };
  }
}
