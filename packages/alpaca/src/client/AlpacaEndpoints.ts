/**
 * Where the adapter connects: paper by default, live only when asked for explicitly, each URL
 * overridable from the environment (for tests and proxies).
 */

/** The four endpoints. */
export interface AlpacaEndpoints {
  /** Trading REST (`https://paper-api.alpaca.markets`). */
  readonly base: string;
  /** Trade-updates WebSocket (`wss://…/stream`). */
  readonly stream: string;
  /** Market-data REST. */
  readonly data: string;
  /** Market-data stream base including version and feed (`wss://stream.data.alpaca.markets/v2/iex`). */
  readonly dataStream: string;
  /** Whether the trading host is the live one. */
  readonly live: boolean;
}

const PAPER = 'https://paper-api.alpaca.markets';
const LIVE = 'https://api.alpaca.markets';

/**
 * Endpoints from `APCA_API_BASE_URL`, `APCA_API_STREAM_URL` (default: the base's `/stream`),
 * `APCA_API_DATA_URL` and `APCA_API_DATA_STREAM_URL`; paper unless `live` is true.
 *
 * @throws {RangeError} when a URL does not parse, or `APCA_API_BASE_URL` names the live host
 *   without `live` (a paper run must never reach live trading by accident).
 * @example
 * alpacaEndpoints(process.env, { live: false }).base; // 'https://paper-api.alpaca.markets'
 */
export function alpacaEndpoints(env: Readonly<Record<string, string | undefined>>, options: { readonly live?: boolean } = {}): AlpacaEndpoints {
  const live = options.live === true;
  const base = trim(env['APCA_API_BASE_URL'] ?? (live ? LIVE : PAPER));
  if (!live && new URL(base).host === new URL(LIVE).host) {
    throw new RangeError(`APCA_API_BASE_URL "${base}" is the live trading host, but the run is paper: pass --live --confirm-live to trade live`);
  }
  const stream = trim(env['APCA_API_STREAM_URL'] ?? `${base.replace(/^http/, 'ws')}/stream`);
  const data = trim(env['APCA_API_DATA_URL'] ?? 'https://data.alpaca.markets');
  const dataStream = trim(env['APCA_API_DATA_STREAM_URL'] ?? 'wss://stream.data.alpaca.markets/v2/iex');
  return { base, stream, data, dataStream, live };
}

function trim(url: string): string {
  try {
    new URL(url);
  } catch {
    throw new RangeError(`endpoint "${url}" is not a URL`);
  }
  return url.replace(/\/+$/, '');
}
