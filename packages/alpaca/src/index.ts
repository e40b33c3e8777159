/**
 * `@qt-backtest/alpaca`: The Alpaca paper/live adapter: execution client, data feed and a mock server for tests.
 * Its contents land with their own issues; this entry point exists now so the package graph
 * (see docs/ARCHITECTURE.md) is fixed and checked from the start.
 *
 * @packageDocumentation
 */
export {};
