/**
 * Wires a client to a {@link MockAlpacaServer} with short test timings.
 */
import { AlpacaBroker, type AlpacaBrokerConfig } from '../client/AlpacaBroker.js';
import { AlpacaCredentials } from '../client/AlpacaCredentials.js';
import { alpacaEndpoints } from '../client/AlpacaEndpoints.js';
import { AlpacaHttp, type AlpacaHttpConfig } from '../client/AlpacaHttp.js';
import { AlpacaMarketData } from '../client/AlpacaMarketData.js';
import type { SocketTiming } from '../stream/ReconnectingSocket.js';
import type { MockAlpacaServer } from './MockAlpacaServer.js';

/** Stream timings for tests: ping every 50 ms, dead after 250 ms, quick reconnects. */
export const FAST_STREAM: SocketTiming = {
  pingIntervalMs: 50,
  deadAfterMs: 250,
  initialBackoffMs: 20,
  maxBackoffMs: 200,
  maxAttempts: 50,
  connectionLimitWaitMs: 300,
  healthyAfterMs: 1000,
};

/** The environment a live run against the mock reads (keys and the four endpoints). */
export function mockEnv(mock: MockAlpacaServer): Record<string, string> {
  return { ...mock.env, APCA_API_KEY_ID: mock.keyId, APCA_API_SECRET_KEY: mock.secretKey };
}

/** A broker and market data on the mock, with fast timings. */
export function connectToMock(
  mock: MockAlpacaServer,
  options: { readonly http?: Partial<AlpacaHttpConfig>; readonly broker?: Partial<AlpacaBrokerConfig>; readonly stream?: SocketTiming } = {},
): { broker: AlpacaBroker; data: AlpacaMarketData; http: AlpacaHttp; credentials: AlpacaCredentials } {
  const env = mockEnv(mock);
  const credentials = AlpacaCredentials.fromEnv(env);
  const endpoints = alpacaEndpoints(env);
  const http = new AlpacaHttp({ credentials, timeoutMs: 2000, baseBackoffMs: 10, maxBackoffMs: 50, ...options.http });
  const stream = { ...FAST_STREAM, ...options.stream };
  const broker = new AlpacaBroker({ http, credentials, endpoints, submitTimeoutMs: 2000, lookupGraceMs: 300, stream, ...options.broker });
  const data = new AlpacaMarketData({ http, credentials, endpoints, stream });
  return { broker, data, http, credentials };
}
