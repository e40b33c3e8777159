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

// Parameter sweeps (local threads or Redis/BullMQ workers), search, walk-forward and overfitting statistics
export type { SweepDataSettings, SweepExecutor, SweepRun, SweepSpec, SweepTrial } from './sweep/SweepExecutor.js';
export { LocalSweepExecutor } from './sweep/LocalSweepExecutor.js';
export type { RedisSweepExecutorConfig, RedisSweepStats } from './sweep/RedisSweepExecutor.js';
export { RedisSweepExecutor } from './sweep/RedisSweepExecutor.js';
export type { SweepWorkerConfig, SweepWorkerHandle } from './sweep/runSweepWorker.js';
export { runSweepWorker } from './sweep/runSweepWorker.js';
export { DataMismatchError, verifyDataHashes } from './sweep/DataMismatchError.js';
export type { TrialIdentity } from './sweep/trialKey.js';
export { canonicalJson, trialKey } from './sweep/trialKey.js';
export type { ChoiceDimension, Observation, ParameterSearch, ParamSet, ParamValue, RangeDimension, SearchSpace } from './sweep/SearchSpace.js';
export { GridSearch, cartesianProduct } from './sweep/GridSearch.js';
export { RandomSearch } from './sweep/RandomSearch.js';
export type { TpeSearchConfig } from './sweep/TpeSearch.js';
export { TpeSearch } from './sweep/TpeSearch.js';
export type { RunSearchConfig, SearchResult } from './sweep/runSearch.js';
export { runSearch } from './sweep/runSearch.js';
export type { PboConfig, PboResult } from './sweep/probabilityOfBacktestOverfitting.js';
export { probabilityOfBacktestOverfitting } from './sweep/probabilityOfBacktestOverfitting.js';
export type { RowRange, WalkForwardConfig, WalkForwardResult, WalkForwardStep, WalkForwardWindow, WalkForwardWindowConfig } from './sweep/walkForward.js';
export { walkForwardFromReturns, walkForwardOptimise, walkForwardWindows } from './sweep/walkForward.js';
export type { TrialOutcome } from './cli/TrialRunner.js';
export type { RedisServerHandle } from './testing/startRedisServer.js';
export { hasRedisServer, startRedisServer } from './testing/startRedisServer.js';

// The batch (vectorised) path of the built-ins: the engine's fills and equity, much faster
export type { BatchCosts } from './batch/BatchBroker.js';
export { BatchBroker, BatchUnsupportedError } from './batch/BatchBroker.js';
export type { MicroPrefix } from './batch/BatchData.js';
export { BatchData } from './batch/BatchData.js';
export type { BatchResult } from './batch/BatchResult.js';
export { BATCH_STRATEGIES, runBatch, tryRunBatch } from './batch/runBatch.js';
export { runSmaCrossBatch, smaCrossings } from './batch/smaCrossBatch.js';
export { runRsiReversionBatch } from './batch/rsiReversionBatch.js';
export { runDonchianBreakoutBatch } from './batch/donchianBreakoutBatch.js';
export { monthStarts, runMomentumRotationBatch } from './batch/momentumRotationBatch.js';
export { runBuyAndHoldBatch } from './batch/buyAndHoldBatch.js';
