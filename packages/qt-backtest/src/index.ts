/**
 * `qt-backtest`: the umbrella package. It re-exports the public API of every `@qt-backtest/*`
 * package so that `import { loadBars, backtest, sma, sharpeRatio } from 'qt-backtest'` is all a
 * notebook needs.
 *
 * @packageDocumentation
 */
export * from '@qt-backtest/core';
export * from '@qt-backtest/features';
// Both packages have a rolling beta: the umbrella's is the analyzer's (returns against benchmark
// returns); the indicator version stays available from `@qt-backtest/features`.
export { rollingBeta } from '@qt-backtest/core';
