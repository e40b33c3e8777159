/**
 * `@qt-backtest/alpha`: the `Alpha` base class with `validate()`, a look-ahead-safe alpha library
 * (momentum, mean reversion, pairs), combiners that only use realised information, and factor
 * analysis with alphalens conventions (IC, quantile returns, turnover, decay, tear sheet).
 *
 * @packageDocumentation
 */

// Factor analysis (alphalens conventions)
export type {
  AlphaBetaEntry,
  DatedPeriodValues,
  DatedValue,
  DroppedRows,
  FactorReport,
  GroupAdjustedReport,
  IcSummary,
  QuantileReturn,
} from './analysis/FactorReport.js';
export type { FactorAnalysisInput, FactorAnalysisOptions } from './analysis/analyzeFactor.js';
export { analyzeFactor, forwardReturns } from './analysis/analyzeFactor.js';
export type { TTest } from './analysis/studentT.js';
export { logGamma, regularizedIncompleteBeta, studentTCdf, studentTTwoSided, tTestOneSample } from './analysis/studentT.js';
export type { Moments } from './analysis/ranks.js';
export { averageRanks, moments, pearson } from './analysis/ranks.js';
export { qcutLabels } from './analysis/qcut.js';
export type { LoadedFactorData, LoadFactorDataOptions, LoaderDrops } from './analysis/loadFactorData.js';
export { loadFactorData } from './analysis/loadFactorData.js';
