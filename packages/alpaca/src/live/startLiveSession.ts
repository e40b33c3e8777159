/**
 * Everything a live run needs, wired from the environment: credentials (environment only), paper
 * or live endpoints (live only with both `live` and `confirmLive`), the client, the runner, the
 * audit log, JSON logs, metrics, the status page and webhook alerts — and SIGINT/SIGTERM handling.
 */
import { randomBytes } from 'node:crypto';
import type { Writable } from 'node:stream';
import type { LiveTimeframe, Strategy } from '@qt-backtest/core';
import { AuditLog } from '../audit/AuditLog.js';
import { AlpacaBroker } from '../client/AlpacaBroker.js';
import { AlpacaCredentials } from '../client/AlpacaCredentials.js';
import { alpacaEndpoints } from '../client/AlpacaEndpoints.js';
import { AlpacaHttp } from '../client/AlpacaHttp.js';
import { AlpacaMarketData } from '../client/AlpacaMarketData.js';
import { JsonLogger } from '../observability/JsonLogger.js';
import { Metrics } from '../observability/Metrics.js';
import { StatusServer } from '../observability/StatusServer.js';
import { WebhookAlerter, type Alerter } from '../observability/WebhookAlerter.js';
import type { SocketTiming } from '../stream/ReconnectingSocket.js';
import type { CircuitBreakerConfig } from './CircuitBreaker.js';
import type { SlicingModel } from './SlicingModel.js';
import { LiveRunner } from './LiveRunner.js';
import type { PreTradeGuard } from './PreTradeGuard.js';

/** Live trading was asked for without both switches. */
export class LiveConfirmationError extends Error {
  override readonly name = 'LiveConfirmationError';
}

/** Settings of {@link startLiveSession}. */
export interface LiveSessionOptions {
  /** Where keys and endpoints come from (normally `process.env`). */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly strategy: Strategy<object>;
  readonly symbols: readonly string[];
  readonly timeframe?: LiveTimeframe;
  readonly warmup?: number;
  /** Trade live (needs `confirmLive` too); default paper. */
  readonly live?: boolean;
  readonly confirmLive?: boolean;
  /** Audit log file (JSON lines, hash-chained; HMAC with `QT_AUDIT_HMAC_KEY` when set). */
  readonly auditLog?: string;
  /** JSON log destination (a file path or a stream; default none). */
  readonly log?: string | Writable;
  /** Status page port on 127.0.0.1 (undefined: no status page; 0: any free port). */
  readonly statusPort?: number;
  readonly keepOrdersOnStop?: boolean;
  readonly execution?: SlicingModel;
  readonly guard?: PreTradeGuard;
  readonly breaker?: CircuitBreakerConfig;
  /** Stop on SIGINT/SIGTERM (default true). */
  readonly handleSignals?: boolean;
  /** Stream timing (tests shorten it). */
  readonly stream?: SocketTiming;
  readonly submitTimeoutMs?: number;
  readonly requestTimeoutMs?: number;
  readonly barCompletionMs?: number;
  readonly alerter?: Alerter;
  readonly runId?: string;
}

/** A running session. */
export interface LiveSession {
  readonly runner: LiveRunner;
  /** The status page's port (undefined without one). */
  readonly statusPort: number | undefined;
  /** Stops the runner and the status page. */
  stop(options?: { readonly reason?: string; readonly keepOrders?: boolean }): Promise<void>;
  /** Resolves when the session has stopped. */
  readonly done: Promise<void>;
}

/**
 * @throws {LiveConfirmationError} for `live` without `confirmLive`.
 * @throws {CredentialsError} when the keys are not in the environment.
 * @example
 * const session = await startLiveSession({ env: process.env, strategy, symbols: ['AAPL'], warmup: 30 });
 * await session.done;
 */
export async function startLiveSession(opts: LiveSessionOptions): Promise<LiveSession> {
  if (opts.live === true && opts.confirmLive !== true) throw new LiveConfirmationError('live trading needs both --live and --confirm-live; without them the run is paper');
  if (opts.live !== true && opts.confirmLive === true) throw new LiveConfirmationError('--confirm-live given without --live');
  const credentials = AlpacaCredentials.fromEnv(opts.env);
  const redact = (t: string): string => credentials.redact(t);
  const endpoints = alpacaEndpoints(opts.env, { live: opts.live === true });
  const logger = new JsonLogger({ ...(opts.log === undefined ? {} : { destination: opts.log }), redact, base: { mode: endpoints.live ? 'live' : 'paper' } });
  const hmacKey = opts.env['QT_AUDIT_HMAC_KEY'];
  const audit = opts.auditLog === undefined ? undefined : new AuditLog({ file: opts.auditLog, redact, ...(hmacKey === undefined || hmacKey === '' ? {} : { hmacKey }) });
  const webhook = opts.env['QT_ALERT_WEBHOOK_URL'];
  const alerts = opts.alerter ?? (webhook === undefined || webhook === '' ? undefined : new WebhookAlerter({ url: webhook, redact }));
  const metrics = new Metrics();
  let runner: LiveRunner | null = null;
  const http = new AlpacaHttp({ credentials, ...(opts.requestTimeoutMs === undefined ? {} : { timeoutMs: opts.requestTimeoutMs }), onResult: (r) => runner?.recordApiResult(r) });
  const onBadMessage = (reason: string): void => logger.warn('bad_stream_message', { reason });
  const broker = new AlpacaBroker({ http, credentials, endpoints, onBadMessage, ...(opts.stream === undefined ? {} : { stream: opts.stream }), ...(opts.submitTimeoutMs === undefined ? {} : { submitTimeoutMs: opts.submitTimeoutMs }) });
  // Data watchdog: minute bars silent for 3 minutes while the market is open means a mute stream.
  const minute = (opts.timeframe ?? '1Min') === '1Min';
  const dataStream = { ...(minute ? { staleAfterMs: 180_000, staleWhen: () => runner?.marketOpen === true } : {}), ...opts.stream };
  const marketData = new AlpacaMarketData({ http, credentials, endpoints, onBadMessage, daily: opts.timeframe === '1Day', stream: dataStream });
  runner = new LiveRunner({
    strategy: opts.strategy,
    symbols: opts.symbols,
    broker,
    marketData,
    timeframe: opts.timeframe ?? '1Min',
    warmup: opts.warmup ?? 0,
    runId: opts.runId ?? `q${Date.now().toString(36)}${randomBytes(3).toString('hex')}`,
    paper: !endpoints.live,
    metrics,
    logger,
    ...(audit === undefined ? {} : { audit }),
    ...(alerts === undefined ? {} : { alerts }),
    ...(opts.execution === undefined ? {} : { execution: opts.execution }),
    ...(opts.guard === undefined ? {} : { guard: opts.guard }),
    ...(opts.breaker === undefined ? {} : { breaker: opts.breaker }),
    ...(opts.keepOrdersOnStop === undefined ? {} : { keepOrdersOnStop: opts.keepOrdersOnStop }),
    ...(opts.barCompletionMs === undefined ? {} : { barCompletionMs: opts.barCompletionMs }),
  });
  const r = runner;
  let status: StatusServer | undefined;
  if (opts.statusPort !== undefined) {
    status = await StatusServer.start({ port: opts.statusPort, token: opts.env['QT_STATUS_TOKEN'], status: () => r.status(), metrics: () => metrics.render(), healthy: () => r.healthy() });
  }
  const onSignal = (signal: NodeJS.Signals): void => {
    logger.info('signal', { signal });
    void r.stop({ reason: signal });
  };
  if (opts.handleSignals !== false) {
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  }
  const done = r.done.then(async () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await status?.close();
  });
  try {
    await r.start();
  } catch (e) {
    await r.stop({ reason: `start failed: ${e instanceof Error ? e.message : String(e)}`, keepOrders: true });
    await done;
    throw new Error(redact(e instanceof Error ? e.message : String(e)), { cause: e });
  }
  return {
    runner: r,
    statusPort: status?.port,
    stop: async (o) => {
      await r.stop(o);
      await done;
    },
    done,
  };
}
