/**
 * `@qt-backtest/core`: the data layer (CSV/Arrow loading, validation, calendars), and — as they
 * land — the event-driven engine, simulator, ledger and analyzer.
 *
 * @packageDocumentation
 */

// Errors
export { InvariantError, QtError, TimeRangeError } from './errors.js';

// Civil-date arithmetic
export type { CivilDate } from './time/civil.js';
export {
  DAY_MS,
  civilFromDays,
  dayOfIsoDate,
  daysFromCivil,
  daysInMonth,
  isLeapYear,
  isoDate,
  isoDateOfDay,
  isValidDate,
  weekday,
} from './time/civil.js';

// Calendars
export type { CalendarDate, Closure, Session, TradingCalendar } from './calendar/TradingCalendar.js';
export { ClosureKind } from './calendar/TradingCalendar.js';
export { NyseCalendar, nyseCalendar } from './calendar/NyseCalendar.js';

// Bar data
export type { BarSeries, BarSeriesInit } from './data/BarSeries.js';
export { BAR_FIELDS, BarField, BarFrequency, PriceAdjustment, createBarSeries } from './data/BarSeries.js';
export type { IssueSeverity, ValidationIssue } from './data/ValidationIssue.js';
export { IssueCode } from './data/ValidationIssue.js';

// Loading and validation
export type { LoadBarsOptions, LoadedBars, LoadedSource, ValidatedBars } from './data/loadBars.js';
export { loadBars, validateBars } from './data/loadBars.js';
export type { ColumnMapping, ColumnRole } from './data/columns.js';
export { BarLayout } from './data/columns.js';
export { TimeFormat } from './data/TimeParser.js';
export type { IssueAction, IssuePolicy } from './data/IssueCollector.js';
export { DEFAULT_SEVERITY } from './data/IssueCollector.js';
export type { OmittedIssues, ValidationReport } from './data/ValidationReport.js';
export { formatReport, issueLocation } from './data/ValidationReport.js';
export { DataError } from './data/DataError.js';
export type { AlignOptions, BarPanel } from './data/BarPanel.js';
export { alignBars } from './data/BarPanel.js';

// Backtest engine
export type { BacktestConfig, MarginConfig, OcoPriority } from './engine/BacktestConfig.js';
export type { Delisting, EngineRun, FillPolicy, OpenPosition, Ruin } from './engine/EngineRun.js';
export type { BacktestResult } from './backtest/BacktestResult.js';
export { DiagnosticCode, type Diagnostic, type DiagnosticSeverity } from './backtest/Diagnostic.js';
export { diagnose } from './backtest/diagnose.js';
export { completeResult } from './backtest/completeResult.js';
export { StrategyError, type StrategyErrorDetails, type StrategyHandler } from './engine/StrategyError.js';
export { backtest } from './backtest/backtest.js';
export { BacktestEngine } from './engine/BacktestEngine.js';
export { Strategy } from './engine/Strategy.js';
export type {
  Bar,
  BracketOrders,
  BracketRequest,
  NotionalOptions,
  OrderOptions,
  PositionSnapshot,
  StrategyContext,
} from './engine/StrategyContext.js';
export { LookAheadError, SeriesView } from './engine/SeriesView.js';
export type {
  CancelReason,
  MarginCalled,
  OrderAccepted,
  OrderCancelled,
  OrderEvent,
  OrderExpired,
  OrderFilled,
  OrderRejected,
} from './engine/events.js';
export type { CancelOrder, OrderCommand, SubmitOrder } from './engine/commands.js';
export type { FeatureSource } from './engine/FeatureSource.js';
export { SeededRandom } from './random/SeededRandom.js';

// Orders and fill rules
export type { Fill, Order, OrderId, OrderRequest } from './orders/Order.js';
export { OrderSide, OrderStatus, OrderType, RejectReason, TimeInForce } from './orders/Order.js';
export type { Ohlc } from './orders/fillRules.js';
export {
  buyLimitPrice,
  buyStopPrice,
  highFirst,
  IntrabarPath,
  sellLimitPrice,
  sellStopPrice,
  stopLimitPrice,
  trailingStopPrice,
} from './orders/fillRules.js';

// Ledger
export type { FillEffect, LedgerFill, LedgerTotals, PositionSnapshot as LedgerPosition } from './ledger/Ledger.js';
export { Ledger } from './ledger/Ledger.js';
export type { Trade } from './ledger/Trade.js';
export { TradeDirection, TradeSide } from './ledger/Trade.js';

// Simulator models (extension points and implementations)
export type { FillDecision, FillModel, FillParams } from './simulator/FillModel.js';
export { BarFillModel } from './simulator/BarFillModel.js';
export { NoFillModel } from './simulator/NoFillModel.js';
export type { VolumeLimitModel, VolumeLimitParams } from './simulator/VolumeLimitModel.js';
export { NoVolumeLimit } from './simulator/NoVolumeLimit.js';
export { VolumeParticipationLimit } from './simulator/VolumeParticipationLimit.js';
export type { MarginModel, MarginParams } from './simulator/MarginModel.js';
export { CashAccount } from './simulator/CashAccount.js';
export type { FractionMarginOptions } from './simulator/FractionMargin.js';
export { FractionMargin } from './simulator/FractionMargin.js';
export type { BarSnapshot, SlippageModel, SlippageParams } from './simulator/SlippageModel.js';
export type { FeeModel, FeeParams } from './simulator/FeeModel.js';
export type { BorrowModel, BorrowParams, InterestModel, InterestParams } from './simulator/FinancingModel.js';
export { NoSlippage } from './simulator/NoSlippage.js';
export { FixedBpsSlippage } from './simulator/FixedBpsSlippage.js';
export { HalfSpreadSlippage } from './simulator/HalfSpreadSlippage.js';
export type { VolumeShareSlippageOptions } from './simulator/VolumeShareSlippage.js';
export { VolumeShareSlippage } from './simulator/VolumeShareSlippage.js';
export type { SquareRootImpactSlippageOptions } from './simulator/SquareRootImpactSlippage.js';
export { SquareRootImpactSlippage } from './simulator/SquareRootImpactSlippage.js';
export { NoFee } from './simulator/NoFee.js';
export { PercentFee } from './simulator/PercentFee.js';
export type { PerShareFeeOptions } from './simulator/PerShareFee.js';
export { PerShareFee } from './simulator/PerShareFee.js';
export { PerOrderFee } from './simulator/PerOrderFee.js';
export type { SecFeeOptions } from './simulator/SecFee.js';
export { SecFee } from './simulator/SecFee.js';
export type { FinraTafOptions } from './simulator/FinraTaf.js';
export { FinraTaf } from './simulator/FinraTaf.js';
export { CompositeFee } from './simulator/CompositeFee.js';
export { NoBorrow } from './simulator/NoBorrow.js';
export type { FixedRateBorrowOptions } from './simulator/FixedRateBorrow.js';
export { FixedRateBorrow } from './simulator/FixedRateBorrow.js';
export { NoInterest } from './simulator/NoInterest.js';
export type { FixedRateInterestOptions } from './simulator/FixedRateInterest.js';
export { FixedRateInterest } from './simulator/FixedRateInterest.js';

// Reports and manifests
export { VERSION } from './version.js';
export type { OutputContent, OutputFiles } from './report/writeDirectoryAtomically.js';
export { OutputError, prepareOutputDirectory, removeTemporaryOutputs, writeDirectoryAtomically } from './report/writeDirectoryAtomically.js';
export type { DownsampledSeries } from './report/downsampleSeries.js';
export { DEFAULT_CHART_BUCKETS, downsampleSeries } from './report/downsampleSeries.js';
export { jsonChunks, LazyArray } from './report/jsonChunks.js';
export type { ManifestIssue, ManifestOptions, ManifestSource, RunManifest } from './report/RunManifest.js';
export { createManifest, sha256File } from './report/RunManifest.js';
export { csvChunks, equityCsv, equityCsvChunks, fillsCsv, resultJsonDocument, resultToJson, timeFormatter, toCsv, tradesCsv } from './report/resultToJson.js';
export type { ArrowColumn, ArrowTable } from './report/ArrowTable.js';
export type { ResultTables } from './report/resultToArrow.js';
export { resultToArrow, tableBytes } from './report/resultToArrow.js';
export { benchmarkCurve, benchmarkReturns } from './analyzer/benchmarkCurve.js';
export type { WriteReportOptions } from './report/writeReport.js';
export { writeReport } from './report/writeReport.js';
export type { StoredBenchmark, StoredResult } from './report/resultFromJson.js';
export { ResultFileError, resultFromJson } from './report/resultFromJson.js';
export type { RobustnessVariant, TearSheetOptions } from './report/tearSheet.js';
export type { SweepReport, SweepTrial } from './report/sweepSection.js';
export { SWEEP_MAX_ROWS, sweepSection } from './report/sweepSection.js';
export { renderTearSheet, TEAR_SHEET_MAX_TRADES } from './report/tearSheet.js';

// Analyzer: performance and risk metrics (empyrical/pyfolio conventions)
export type { MetricOptions, ReturnSeries, RollingOptions } from './analyzer/MetricOptions.js';
export { cumulativeReturns } from './analyzer/cumulativeReturns.js';
export { totalReturn } from './analyzer/totalReturn.js';
export { annualReturn } from './analyzer/annualReturn.js';
export { annualVolatility } from './analyzer/annualVolatility.js';
export { sharpeRatio } from './analyzer/sharpeRatio.js';
export { sortinoRatio } from './analyzer/sortinoRatio.js';
export { downsideRisk } from './analyzer/downsideRisk.js';
export { maxDrawdown } from './analyzer/maxDrawdown.js';
export { drawdownSeries } from './analyzer/drawdownSeries.js';
export type { DrawdownPeriod, DrawdownPeriodsOptions } from './analyzer/drawdownPeriods.js';
export { drawdownPeriods } from './analyzer/drawdownPeriods.js';
export { calmarRatio } from './analyzer/calmarRatio.js';
export type { OmegaRatioOptions } from './analyzer/omegaRatio.js';
export { omegaRatio } from './analyzer/omegaRatio.js';
export { tailRatio } from './analyzer/tailRatio.js';
export { stabilityOfTimeseries } from './analyzer/stabilityOfTimeseries.js';
export type { ValueAtRiskOptions } from './analyzer/valueAtRisk.js';
export { valueAtRisk } from './analyzer/valueAtRisk.js';
export { conditionalValueAtRisk } from './analyzer/conditionalValueAtRisk.js';
export { skewness } from './analyzer/skewness.js';
export { kurtosis } from './analyzer/kurtosis.js';
export { rollingSharpe } from './analyzer/rollingSharpe.js';
export { rollingVolatility } from './analyzer/rollingVolatility.js';
export type { AlphaBeta } from './analyzer/alphaBeta.js';
export { alphaBeta } from './analyzer/alphaBeta.js';
export { excessSharpe } from './analyzer/excessSharpe.js';
export { informationRatio } from './analyzer/informationRatio.js';
export { upCapture } from './analyzer/upCapture.js';
export { downCapture } from './analyzer/downCapture.js';
export type { RollingBetaOptions } from './analyzer/rollingBeta.js';
export { rollingBeta } from './analyzer/rollingBeta.js';
export type { SharpeRatioMoments, SharpeRatioMomentsOptions } from './analyzer/sharpeRatioMoments.js';
export { sharpeRatioMoments } from './analyzer/sharpeRatioMoments.js';
export type { ProbabilisticSharpeRatioOptions } from './analyzer/probabilisticSharpeRatio.js';
export { probabilisticSharpeRatio } from './analyzer/probabilisticSharpeRatio.js';
export { expectedMaximumSharpeRatio } from './analyzer/expectedMaximumSharpeRatio.js';
export type {
  DeflatedSharpeRatioOptions,
  DeflatedSharpeRatioTrialCount,
  DeflatedSharpeRatioTrialSharpes,
} from './analyzer/deflatedSharpeRatio.js';
export { deflatedSharpeRatio } from './analyzer/deflatedSharpeRatio.js';
export type { MinTrackRecordLengthOptions } from './analyzer/minTrackRecordLength.js';
export { minTrackRecordLength } from './analyzer/minTrackRecordLength.js';
export { normalInverseCdf } from './analyzer/normal.js';
export type { TradeStatistics } from './analyzer/tradeStatistics.js';
export { tradeStatistics } from './analyzer/tradeStatistics.js';
export type { ExposureInput, ExposureStatistics } from './analyzer/exposureStatistics.js';
export { exposureStatistics } from './analyzer/exposureStatistics.js';
export { periodsPerYearFor } from './analyzer/periodsPerYearFor.js';
export { inferFrequency, TimeFrequency, type FrequencyInfo } from './analyzer/inferFrequency.js';
export type { MetricsInput, ResultMetrics, ResultMetricsOptions } from './analyzer/resultMetrics.js';
export { equityReturns, resultMetrics } from './analyzer/resultMetrics.js';

// Live trading interfaces (implemented by @qt-backtest/alpaca)
export type {
  Broker,
  BrokerAccount,
  BrokerAsset,
  BrokerOrder,
  BrokerOrderStatus,
  BrokerOrderUpdate,
  BrokerPosition,
  CalendarDay,
  DecimalString,
  MarketClock,
  OrderFilter,
  OrderUpdateParams,
  ReplaceOrderParams,
  StreamState,
  StreamStatus,
  StreamSubscription,
  SubmitOrderParams,
} from './live/Broker.js';
export { TERMINAL_ORDER_STATUSES } from './live/Broker.js';
export type { BarStreamParams, HistoricalBarsParams, LiveBar, LiveTimeframe, MarketData } from './live/MarketData.js';
export { NullBroker } from './live/NullBroker.js';
export { NullMarketData } from './live/NullMarketData.js';
// Algorithm framework: alpha → portfolio construction → risk → execution
export type { Insight, InsightInit } from './framework/Insight.js';
export { createInsight, InsightDirection, InsightError, isInsightActive, sameInsightView } from './framework/Insight.js';
export type { MarketView, PortfolioView } from './framework/MarketView.js';
export type { PortfolioTarget } from './framework/PortfolioTarget.js';
export { TargetUnit, targetQuantity, targetWeight } from './framework/PortfolioTarget.js';
export type { AlphaModel, AlphaModelParams } from './framework/AlphaModel.js';
export { NullAlphaModel } from './framework/NullAlphaModel.js';
export { CompositeAlphaModel } from './framework/CompositeAlphaModel.js';
export type { PortfolioConstructionModel, PortfolioConstructionParams } from './framework/PortfolioConstructionModel.js';
export { NullPortfolioConstruction } from './framework/NullPortfolioConstruction.js';
export type { PortfolioSleeve } from './framework/CompositePortfolioConstruction.js';
export { CompositePortfolioConstruction } from './framework/CompositePortfolioConstruction.js';
export type { RiskManagementModel, RiskManagementParams } from './framework/RiskManagementModel.js';
export { NullRiskManagement } from './framework/NullRiskManagement.js';
export { CompositeRiskManagement } from './framework/CompositeRiskManagement.js';
export type { ExecutionModel, ExecutionParams } from './framework/ExecutionModel.js';
export { NullExecution } from './framework/NullExecution.js';
export type { ExecutionRoute } from './framework/CompositeExecution.js';
export { CompositeExecution } from './framework/CompositeExecution.js';
export type { ImmediateExecutionOptions } from './framework/ImmediateExecution.js';
export { ImmediateExecution } from './framework/ImmediateExecution.js';
export { EqualWeightingPortfolio } from './framework/EqualWeightingPortfolio.js';
export { InsightWeightingPortfolio } from './framework/InsightWeightingPortfolio.js';
export type { LongShortQuantileOptions } from './framework/LongShortQuantilePortfolio.js';
export { LongShortQuantilePortfolio } from './framework/LongShortQuantilePortfolio.js';
export type { FrameworkConfig, RebalanceConfig, RebalanceRecord } from './framework/FrameworkStrategy.js';
export { FrameworkStrategy, RebalanceReason } from './framework/FrameworkStrategy.js';
// SVG chart helpers (for other packages' HTML reports, e.g. the factor tear sheet)
export type { BarChartOptions, HistogramOptions, LineChartOptions, LineSeries } from './report/svgCharts.js';
export { barChart, escapeHtml, formatNumber, formatPercent, histogram, lineChart } from './report/svgCharts.js';
