/**
 * `qt-backtest`: the umbrella package. It re-exports the public API of every `@qt-backtest/*`
 * package so that `import { loadBars, backtest, sma } from 'qt-backtest'` is all a notebook needs.
 *
 * @packageDocumentation
 */
export * from '@qt-backtest/core';
export * from '@qt-backtest/features';
