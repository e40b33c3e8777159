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

// Built-in strategies and the command line (`npx qt-backtest`)
export type { BuyAndHoldParams } from './strategies/BuyAndHold.js';
export { BuyAndHold } from './strategies/BuyAndHold.js';
export type { SmaCrossParams } from './strategies/SmaCross.js';
export { compareSmas, SmaCross } from './strategies/SmaCross.js';
export type { RsiReversionParams } from './strategies/RsiReversion.js';
export { RsiReversion } from './strategies/RsiReversion.js';
export type { DonchianBreakoutParams } from './strategies/DonchianBreakout.js';
export { DonchianBreakout } from './strategies/DonchianBreakout.js';
export type { MomentumRotationParams } from './strategies/MomentumRotation.js';
export { MomentumRotation } from './strategies/MomentumRotation.js';
export type { StrategyDefinition, StrategyParam, StrategyParamValues } from './strategies/registry.js';
export { builtinStrategies } from './strategies/registry.js';
export type { CliIo } from './cli/main.js';
export { main } from './cli/main.js';
