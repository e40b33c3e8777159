/**
 * `@qt-backtest/alpaca/testing`: a local mock Alpaca server (loopback only) and helpers to drive
 * a live run through recorded bars.
 *
 * @packageDocumentation
 */
export type { FillScript, MockAlpacaOptions, MockBar, MockFault } from './MockAlpacaServer.js';
export { MockAlpacaServer } from './MockAlpacaServer.js';
export { connectToMock, FAST_STREAM, mockEnv } from './connect.js';
export { barSteps, positionsAgree, replay, waitUntil } from './replay.js';
