/**
 * `qt-backtest`: the umbrella package. It re-exports the public API of every `@qt-backtest/*`
 * package so that `import { loadBars } from 'qt-backtest'` is all a notebook needs.
 *
 * @packageDocumentation
 */
export * from '@qt-backtest/core';
