/**
 * `@qt-backtest/risk`: position sizers, expected-return and covariance estimators, portfolio
 * optimisers (mean–variance on an exact Goldfarb–Idnani QP, risk parity, HRP, Black–Litterman,
 * critical line), VaR/CVaR and stress tests, and pre-trade limits with a drawdown kill switch.
 * Conventions follow PyPortfolioOpt 1.5 (checked against it in the tests).
 *
 * @packageDocumentation
 */
export { InfeasibleProblemError, NoAssetAboveRiskFreeError, RiskInputError } from './RiskError.js';
export type { PriceTable, ReturnTable } from './PriceTable.js';
export { formatDate, parseDate, parsePriceCsv, returnsFromPrices, selectRows, selectSymbols } from './PriceTable.js';

// Estimators
export type { ExpectedReturnOptions, MarketReturns } from './estimators/expectedReturns.js';
export { capmReturn, emaHistoricalReturn, meanHistoricalReturn } from './estimators/expectedReturns.js';
export type { CovarianceEstimate, CovarianceOptions } from './estimators/CovarianceEstimate.js';
export {
  covarianceToCorrelation,
  exponentialCovariance,
  pairwiseMoments,
  sampleCovariance,
  semicovariance,
} from './estimators/covariance.js';
export {
  ledoitWolf,
  ledoitWolfConstantCorrelation,
  ledoitWolfSingleFactor,
  oracleApproximatingShrinkage,
} from './estimators/shrinkage.js';
export { isPositiveSemidefinite, nearestPositiveSemidefinite } from './estimators/nearestPositiveSemidefinite.js';

// Optimisers
export type { LinearConstraint, QuadraticProgram, QuadraticSolution } from './optimisers/QuadraticProgram.js';
export { solveQuadraticProgram } from './optimisers/solveQuadraticProgram.js';
export type {
  OptimisedPortfolio,
  PortfolioPerformance,
  PortfolioProblem,
} from './optimisers/PortfolioProblem.js';
export { portfolioPerformance, sectorConstraints } from './optimisers/PortfolioProblem.js';
export { efficientReturn, efficientRisk, maxSharpe, minVolatility, quadraticUtility } from './optimisers/meanVariance.js';
export type { Linkage } from './optimisers/linkage.js';
export { leafOrder, linkage, LinkageMethod } from './optimisers/linkage.js';
export type { CovarianceInput, HrpOptions, HrpPortfolio } from './optimisers/hierarchicalRiskParity.js';
export { hierarchicalRiskParity } from './optimisers/hierarchicalRiskParity.js';
export type { BlackLittermanInput, BlackLittermanResult } from './optimisers/blackLitterman.js';
export { blackLitterman, marketImpliedPriorReturns, marketImpliedRiskAversion } from './optimisers/blackLitterman.js';

// VaR / CVaR
export type { RiskContributions } from './var/valueAtRisk.js';
export {
  cornishFisherVaR,
  historicalCVaRContributions,
  historicalVaR,
  moments,
  monteCarloVaR,
  parametricVaR,
  parametricVaRContributions,
  TailConvention,
} from './var/valueAtRisk.js';

// Limits and the kill switch
export type { BookState, LimitBreach, OrderIntent, RiskLimits } from './limits/RiskLimits.js';
export { checkOrder, LimitCode, validateLimits } from './limits/RiskLimits.js';
export type {
  DailyLossBreached,
  HaltReset,
  KillSwitchTripped,
  OrderBlocked,
  PositionCloseSubmitted,
  RiskEvent,
  WorkingOrdersCancelled,
} from './limits/RiskEvent.js';
export type { BlockedOrder, RiskGuardOptions } from './limits/RiskGuard.js';
export { RiskGuard } from './limits/RiskGuard.js';
export type { CriticalLineResult } from './optimisers/criticalLineAlgorithm.js';
export { claMaxSharpe, claMinVolatility, criticalLineAlgorithm } from './optimisers/criticalLineAlgorithm.js';
export type { RiskParityPortfolio } from './optimisers/riskParity.js';
export { riskParity } from './optimisers/riskParity.js';
export type { BookLimits } from './limits/LimitsRiskModel.js';
export { LimitsRiskModel } from './limits/LimitsRiskModel.js';

// Sizing
export {
  atrStopQuantity,
  averageTrueRange,
  fixedFractionQuantity,
  kellyFraction,
  multiAssetKelly,
  quantitiesFromWeights,
  volatilityTargetWeights,
} from './sizing/positionSizing.js';
export { AtrRiskPortfolio, FixedFractionPortfolio, KellyPortfolio, VolatilityTargetPortfolio } from './sizing/sizingModels.js';
export type { DiscreteAllocationResult } from './optimisers/discreteAllocation.js';
export { discreteAllocation, latestPrices } from './optimisers/discreteAllocation.js';

// Stress tests
export type { ScenarioResult } from './var/stressTests.js';
export { hypotheticalShock, scenarioReport, windowScenario, worstPeriods } from './var/stressTests.js';
