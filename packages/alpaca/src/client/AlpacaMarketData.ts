/**
 * Core's `MarketData` on Alpaca's market-data API: paged historical bars and the bar stream.
 */
import type { BarStreamParams, HistoricalBarsParams, LiveBar, MarketData, StreamSubscription } from '@qt-backtest/core';
import type { AlpacaCredentials } from './AlpacaCredentials.js';
import type { AlpacaEndpoints } from './AlpacaEndpoints.js';
import type { AlpacaHttp } from './AlpacaHttp.js';
import { decodeBar } from './decode.js';
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

  subscribeBars(params: BarStreamParams): StreamSubscription {
    const socket = new ReconnectingSocket({
      ...this.#cfg.stream,
      url: this.#cfg.endpoints.dataStream,
      protocol: barStreamProtocol(this.#cfg.credentials, params.symbols, this.#cfg.daily === true, params.onBar, this.#cfg.onBadMessage),
      redact: (t) => this.#cfg.credentials.redact(t),
      ...(params.onStatus === undefined ? {} : { onStatus: params.onStatus }),
    });
    socket.start();
    return { ready: socket.ready, close: () => socket.close() };
  }
}
