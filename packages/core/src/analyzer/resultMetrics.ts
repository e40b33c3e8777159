/**
 * All headline metrics of a backtest result in one flat record (the names `result.json` uses).
 */
import type { Trade } from '../ledger/Trade.js';
import { alphaBeta } from './alphaBeta.js';
import { annualReturn } from './annualReturn.js';
import { annualVolatility } from './annualVolatility.js';
import { calmarRatio } from './calmarRatio.js';
import { conditionalValueAtRisk } from './conditionalValueAtRisk.js';
import { downsideRisk } from './downsideRisk.js';
import { type ExposureInput, exposureStatistics, type ExposureStatistics } from './exposureStatistics.js';
import { informationRatio } from './informationRatio.js';
import { kurtosis } from './kurtosis.js';
import { maxDrawdown } from './maxDrawdown.js';
import { omegaRatio } from './omegaRatio.js';
import { periodsPerYearFor } from './periodsPerYearFor.js';
import { sharpeRatio } from './sharpeRatio.js';
import { skewness } from './skewness.js';
import { sortinoRatio } from './sortinoRatio.js';
import { stabilityOfTimeseries } from './stabilityOfTimeseries.js';
import { tailRatio } from './tailRatio.js';
import { totalReturn } from './totalReturn.js';
import { tradeStatistics, type TradeStatistics } from './tradeStatistics.js';
import { valueAtRisk } from './valueAtRisk.js';

/** What {@link resultMetrics} reads from a backtest result (any `BacktestResult` fits). */
export interface MetricsInput extends ExposureInput {
  readonly initialCash: number;
  readonly trades: readonly Trade[];
  /** When the account was ruined, metrics measure the run up to and including this bar. */
  readonly ruin?: { readonly index: number } | null;
}

/** Options of {@link resultMetrics}. */
export interface ResultMetricsOptions {
  /** Bars per year; by default from the time index and the NYSE calendar (`periodsPerYearFor`). */
  readonly periodsPerYear?: number;
  /** Risk-free return per period (default 0). */
  readonly riskFree?: number;
  /** Benchmark periodic returns aligned to the result's bars (for alpha, beta, information ratio). */
  readonly benchmarkReturns?: Float64Array;
}

/** The headline metrics: return/risk, trade and exposure statistics. */
export interface ResultMetrics extends TradeStatistics, ExposureStatistics {
  readonly periodsPerYear: number;
  readonly totalReturn: number;
  readonly annualReturn: number;
  readonly annualVolatility: number;
  readonly sharpeRatio: number;
  readonly sortinoRatio: number;
  readonly downsideRisk: number;
  readonly maxDrawdown: number;
  readonly calmarRatio: number;
  readonly omegaRatio: number;
  readonly tailRatio: number;
  readonly stability: number;
  readonly valueAtRisk: number;
  readonly conditionalValueAtRisk: number;
  readonly skewness: number;
  readonly kurtosis: number;
  readonly alpha?: number;
  readonly beta?: number;
  readonly informationRatio?: number;
}

/**
 * Periodic simple returns of the equity curve; the first is measured from the initial cash.
 *
 * @example equityReturns(result)[0] // equity[0] / initialCash − 1
 */
export function equityReturns(result: Pick<MetricsInput, 'equity' | 'initialCash'>): Float64Array {
  const eq = result.equity;
  const out = new Float64Array(eq.length);
  for (let i = 0; i < eq.length; i++) out[i] = eq[i]! / (i === 0 ? result.initialCash : eq[i - 1]!) - 1;
  return out;
}

/**
 * Computes every headline metric of a result (empyrical conventions; annualised by the data's
 * calendar frequency).
 *
 * @example
 * const m = resultMetrics(result); m.sharpeRatio; m.winRate; m.turnover;
 */
export function resultMetrics(full: MetricsInput, options: ResultMetricsOptions = {}): ResultMetrics {
  const result = upToRuin(full);
  const r = equityReturns(result);
  const periodsPerYear = options.periodsPerYear ?? periodsPerYearFor(full.time);
  const o = { periodsPerYear, riskFree: options.riskFree ?? 0 };
  const b = options.benchmarkReturns?.subarray(0, r.length);
  const relative =
    b === undefined
      ? {}
      : (() => {
          const ab = alphaBeta(r, b, o);
          return { alpha: ab.alpha, beta: ab.beta, informationRatio: informationRatio(r, b, o) };
        })();
  return {
    periodsPerYear,
    totalReturn: totalReturn(r),
    annualReturn: annualReturn(r, o),
    annualVolatility: annualVolatility(r, o),
    sharpeRatio: sharpeRatio(r, o),
    sortinoRatio: sortinoRatio(r, o),
    downsideRisk: downsideRisk(r, o),
    maxDrawdown: maxDrawdown(r),
    calmarRatio: calmarRatio(r, o),
    omegaRatio: omegaRatio(r),
    tailRatio: tailRatio(r),
    stability: stabilityOfTimeseries(r),
    valueAtRisk: valueAtRisk(r),
    conditionalValueAtRisk: conditionalValueAtRisk(r),
    skewness: skewness(r),
    kurtosis: kurtosis(r),
    ...tradeStatistics(result.trades),
    ...exposureStatistics(result),
    ...relative,
  };
}

/** The result cut after its ruin bar (returns through negative equity mean nothing). */
function upToRuin(result: MetricsInput): MetricsInput {
  const ruin = result.ruin;
  if (ruin === undefined || ruin === null) return result;
  const end = ruin.index + 1;
  const cut = (x: Float64Array): Float64Array => x.subarray(0, end);
  const cutTime = result.time[end - 1]!;
  return {
    ...result,
    time: cut(result.time),
    equity: cut(result.equity),
    longValue: cut(result.longValue),
    shortValue: cut(result.shortValue),
    fills: result.fills.filter((f) => !('time' in f) || (f.time as number) <= cutTime),
    trades: result.trades.filter((t) => t.exitTime <= cutTime),
  };
}
