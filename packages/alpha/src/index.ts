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
export { FactorDataError, loadFactorData } from './analysis/loadFactorData.js';
export type { FactorTearSheetOptions } from './analysis/renderFactorTearSheet.js';
export { renderFactorTearSheet } from './analysis/renderFactorTearSheet.js';

// Alpha base class and panel
export type { AlphaPanel } from './alpha/AlphaPanel.js';
export { alphaPanel, lag, truncatePanel } from './alpha/AlphaPanel.js';
export type { AlphaValidationOptions, AlphaValidationReport } from './alpha/Alpha.js';
export { Alpha, CausalityError } from './alpha/Alpha.js';

// Alpha library
export {
  AdxTrend,
  BreakoutMomentum,
  MacdHistogramMomentum,
  MaCrossMomentum,
  ResidualMomentum,
  RocMomentum,
  RsiTrend,
  TwelveMinusOneMomentum,
  VolScaledMomentum,
  VolumeWeightedMomentum,
} from './library/momentum.js';
export {
  BollingerReversion,
  GapReversal,
  OuHalfLifeReversion,
  RsiReversal,
  ShortTermReversal,
  VwapDeviation,
  ZScoreReversion,
} from './library/meanReversion.js';

// Combiners
export type { AlphaCombinerOptions } from './combine/AlphaCombiner.js';
export { AlphaCombiner, CombineMethod } from './combine/AlphaCombiner.js';

// Pairs / statistical arbitrage
export type { LeastSquaresFit } from './pairs/leastSquares.js';
export { leastSquares } from './pairs/leastSquares.js';
export type { AdfOptions, AdfRegression, AdfResult, EngleGrangerResult } from './pairs/unitRoot.js';
export { adfTest, engleGranger, mackinnonP } from './pairs/unitRoot.js';
export type { KalmanHedgeOptions, KalmanHedgeStep } from './pairs/KalmanHedge.js';
export { KalmanHedge, kalmanHedgeRatio, rollingOlsHedgeRatio } from './pairs/KalmanHedge.js';
export type { PairsSpreadParams } from './pairs/PairsSpreadAlpha.js';
export { PairsSpreadAlpha } from './pairs/PairsSpreadAlpha.js';
