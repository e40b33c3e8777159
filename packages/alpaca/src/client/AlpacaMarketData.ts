/**
 * Core's `MarketData` on Alpaca's market-data API: paged historical bars and the bar stream.
 */
import type { BarStreamParams, HistoricalBarsParams, LiveBar, MarketData, StreamSubscription } from '@qt-backtest/core';
import type { AlpacaCredentials } from './AlpacaCredentials.js';
import type { AlpacaEndpoints } from './AlpacaEndpoints.js';
import type { AlpacaHttp } from './AlpacaHttp.js';
import { decodeBar } from './decode.js';
import { etDate, etWallClock, parseRfc3339 } from './marketTime.js';
import { ReconnectingSocket, type SocketTiming } from '../stream/ReconnectingSocket.js';
import { barStreamProtocol } from '../stream/barStreamProtocol.js';

/** Settings of {@link AlpacaMarketData}. */
export interface AlpacaMarketDataConfig {
  readonly http: AlpacaHttp;
  readonly credentials: AlpacaCredentials;
  readonly endpoints: AlpacaEndpoints;
  /** Historical feed (default `iex`, matching the default stream). */
  readonly feed?: string;
  /** Stream timing; `staleAfterMs` is the data watchdog. */
  readonly stream?: SocketTiming;
  readonly daily?: boolean;
  /** Polling period of daily bars in ms (default 60,000). */
  readonly dailyPollMs?: number;
  readonly onBadMessage?: (reason: string) => void;
}

/**
 * @example
 * const data = new AlpacaMarketData({ http, credentials, endpoints });
 * const bars = await data.historicalBars({ symbols: ['AAPL'], timeframe: '1Min', start, end });
 */
export class AlpacaMarketData implements MarketData {
  readonly name = 'AlpacaMarketData';
  readonly #cfg: AlpacaMarketDataConfig;

  constructor(config: AlpacaMarketDataConfig) {
    this.#cfg = config;
  }

  /** All pages of `/v2/stocks/bars`, sorted by time then symbol. */
  async historicalBars(params: HistoricalBarsParams): Promise<readonly LiveBar[]> {
    const out: LiveBar[] = [];
    let token: string | undefined;
    const daily = params.timeframe === '1Day';
    do {
      const res = await this.#cfg.http.request({
        method: 'GET',
        base: this.#cfg.endpoints.data,
        path: '/v2/stocks/bars',
        query: {
          symbols: params.symbols.join(','),
          timeframe: params.timeframe,
          start: new Date(params.start).toISOString().replace(/\.\d{3}Z$/, 'Z'),
          end: new Date(params.end).toISOString().replace(/\.\d{3}Z$/, 'Z'),
          limit: 10_000,
          feed: this.#cfg.feed ?? 'iex',
          adjustment: 'raw',
          page_token: token,
        },
        idempotent: true,
      });
      const body = res.body as { bars?: Record<string, unknown[]> | null; next_page_token?: string | null };
      for (const [symbol, list] of Object.entries(body.bars ?? {})) for (const b of list) out.push(decodeBar(b, symbol, daily));
      token = body.next_page_token ?? undefined;
    } while (token !== undefined);
    out.sort((a, b) => a.time - b.time || (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0));
    return out;
  }

  /**
   * Live bars. Minute bars come from the stream; daily bars are polled over REST (every
   * `dailyPollMs`, default 60 s) and emitted only once complete — the stream's `d` messages are a
   * running bar for the day, which a strategy must not decide on.
   */
  subscribeBars(params: BarStreamParams): StreamSubscription {
    if (this.#cfg.daily === true) return this.#pollDaily(params);
    const socket = new ReconnectingSocket({
      ...this.#cfg.stream,
      url: this.#cfg.endpoints.dataStream,
      protocol: barStreamProtocol(this.#cfg.credentials, params.symbols, false, params.onBar, this.#cfg.onBadMessage),
      redact: (t) => this.#cfg.credentials.redact(t),
      ...(params.onStatus === undefined ? {} : { onStatus: params.onStatus }),
    });
    socket.start();
    return { ready: socket.ready, close: () => socket.close() };
  }

  #pollDaily(params: BarStreamParams): StreamSubscription {
    let closed = false;
    let last = -Infinity;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async (emit: boolean): Promise<void> => {
      const clock = (await this.#cfg.http.request({ method: 'GET', base: this.#cfg.endpoints.base, path: '/v2/clock', idempotent: true })).body as Record<string, unknown>;
      const now = parseRfc3339(String(clock['timestamp']));
      const today = Date.parse(`${etDate(now)}T00:00:00Z`);
      const afterClose = clock['is_open'] !== true && now >= etWallClock(etDate(now), '16:00');
      const bars = await this.historicalBars({ symbols: params.symbols, timeframe: '1Day', start: Number.isFinite(last) ? last + 86_400_000 : today - 7 * 86_400_000, end: now });
      for (const b of bars) {
        if (!emit || b.time <= last || b.time > today || (b.time === today && !afterClose)) continue;
        params.onBar(b);
      }
      const done = bars.filter((b) => b.time < today || (b.time === today && afterClose));
      if (done.length > 0) last = Math.max(last, done[done.length - 1]!.time);
    };
    const loop = (): void => {
      if (closed) return;
      timer = setTimeout(() => {
        poll(true).then(loop, (e: unknown) => {
          params.onStatus?.({ state: 'reconnecting', attempt: 1, reason: this.#cfg.credentials.redact(`daily bar poll failed: ${e instanceof Error ? e.message : String(e)}`) });
          loop();
        });
      }, this.#cfg.dailyPollMs ?? 60_000);
      timer.unref?.();
    };
    // The first poll only sets the starting point: bars already complete belong to warm-up.
    const ready = poll(false)
      .catch(() => {})
      .then(() => {
        params.onStatus?.({ state: 'connected', attempt: 0 });
        loop();
      });
    return {
      ready,
      close: async () => {
        closed = true;
        clearTimeout(timer);
        params.onStatus?.({ state: 'closed', attempt: 0 });
      },
    };
  }
}
