/**
 * `@qt-backtest/alpaca`: run an unchanged qt-backtest `Strategy` on Alpaca, paper by default.
 * A small typed client over `fetch` and `ws` (core's `Broker` and `MarketData`), streams with
 * heartbeat, staleness watchdog and bounded reconnects, the `LiveRunner` (one event queue,
 * reconciliation, circuit breaker, watchdog, orderly stop), a hash-chained audit log, JSON logs,
 * Prometheus metrics, a token-protected status page and webhook alerts. The mock Alpaca server
 * for tests is in `@qt-backtest/alpaca/testing`.
 *
 * @packageDocumentation
 */

// Client
export { AlpacaApiError, AlpacaTransportError } from './client/AlpacaApiError.js';
export type { AlpacaBrokerConfig } from './client/AlpacaBroker.js';
export { AlpacaBroker, OrderSubmissionError } from './client/AlpacaBroker.js';
export { AlpacaCredentials, CredentialsError } from './client/AlpacaCredentials.js';
export type { AlpacaEndpoints } from './client/AlpacaEndpoints.js';
export { alpacaEndpoints } from './client/AlpacaEndpoints.js';
export type { AlpacaHttpConfig, HttpRequest, HttpResponse, HttpResult } from './client/AlpacaHttp.js';
export { AlpacaHttp } from './client/AlpacaHttp.js';
export type { AlpacaMarketDataConfig } from './client/AlpacaMarketData.js';
export { AlpacaMarketData } from './client/AlpacaMarketData.js';
export type { RateLimiterConfig } from './client/RateLimiter.js';
export { RateLimiter } from './client/RateLimiter.js';
export { DecodeError, decodeBar, decodeOrder, decodePosition, decodeTradeUpdate } from './client/decode.js';
export { etWallClock, formatEt, parseRfc3339 } from './client/marketTime.js';

// Streams
export type { ReconnectingSocketConfig, SocketControl, SocketProtocol, SocketTiming } from './stream/ReconnectingSocket.js';
export { ReconnectingSocket } from './stream/ReconnectingSocket.js';

// Live runner
export type { LiveRunnerConfig, RunnerState, SignalBounds } from './live/LiveRunner.js';
export { LiveRunner, ReconcileError } from './live/LiveRunner.js';
export { LiveHistory, liveStrategyContext, UnsupportedInLiveError } from './live/LiveStrategyContext.js';
export type { LiveContextHost } from './live/LiveStrategyContext.js';
export { LivePortfolio } from './live/LivePortfolio.js';
export type { AppliedFill, TrackedOrder, TrackResult } from './live/OrderTracker.js';
export { OrderTracker } from './live/OrderTracker.js';
export type { BreakerState, CircuitBreakerConfig } from './live/CircuitBreaker.js';
export { CircuitBreaker } from './live/CircuitBreaker.js';
export type { BasicLimits, PreTradeDecision, PreTradeGuard, PreTradeParams } from './live/PreTradeGuard.js';
export { BasicPreTradeGuard, NoPreTradeGuard } from './live/PreTradeGuard.js';
export type { SlicingModel, SliceParams } from './live/SlicingModel.js';
export { ImmediateSlicing, TwapSlicing, VwapSlicing } from './live/SlicingModel.js';
export type { SlicedExecutionOptions } from './live/SlicedExecution.js';
export { SlicedExecution } from './live/SlicedExecution.js';
export type { LiveSession, LiveSessionOptions } from './live/startLiveSession.js';
export { LiveConfirmationError, startLiveSession } from './live/startLiveSession.js';

// Audit and observability
export type { AuditLogConfig, AuditRecord, AuditType } from './audit/AuditLog.js';
export { AuditLog, canonicalJson } from './audit/AuditLog.js';
export type { AuditVerification } from './audit/verifyAuditLog.js';
export { verifyAuditLog } from './audit/verifyAuditLog.js';
export type { JsonLoggerConfig, LogLevel } from './observability/JsonLogger.js';
export { JsonLogger } from './observability/JsonLogger.js';
export { Metrics } from './observability/Metrics.js';
export type { StatusServerConfig } from './observability/StatusServer.js';
export { StatusServer } from './observability/StatusServer.js';
export type { Alert, Alerter } from './observability/WebhookAlerter.js';
export { MemoryAlerter, WebhookAlerter } from './observability/WebhookAlerter.js';
