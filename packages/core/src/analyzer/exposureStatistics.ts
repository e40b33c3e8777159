/**
 * Exposure and activity of a backtest: how much capital was at work, how often, how much was
 * traded and what it cost.
 */
import { DAY_MS } from '../time/civil.js';

/**
 * What exposure statistics read from a backtest result (a `BacktestResult` has all of it; the
 * analyzer takes the shape, not the type, so that results can offer their metrics).
 */
export interface ExposureInput {
  readonly time: Float64Array;
  readonly equity: Float64Array;
  readonly longValue: Float64Array;
  readonly shortValue: Float64Array;
  readonly fills: readonly { readonly quantity: number; readonly price: number }[];
  readonly totals: { readonly fees: number; readonly borrow: number; readonly interest: number };
}

/** Exposure statistics of one result. */
export interface ExposureStatistics {
  /** Mean of (long + short) / equity over bars (1 = fully invested, 2 = 2:1 gross). */
  readonly averageGrossExposure: number;
  /** Mean of (long − short) / equity over bars. */
  readonly averageNetExposure: number;
  readonly maxGrossExposure: number;
  /** Fraction of bars with any position. */
  readonly timeInMarket: number;
  /**
   * Annualised turnover: (Σ traded value / 2) / mean equity / years — the fraction of the book
   * replaced per year (one-way).
   */
  readonly turnover: number;
  readonly feesPaid: number;
  readonly borrowPaid: number;
  /** Net interest received (negative when margin interest was paid). */
  readonly interestReceived: number;
}

/**
 * Gross and net exposure, time in market, turnover and costs of a result.
 *
 * @example
 * exposureStatistics(result).timeInMarket;
 */
export function exposureStatistics(result: ExposureInput): ExposureStatistics {
  const n = result.time.length;
  let gross = 0;
  let net = 0;
  let maxGross = 0;
  let inMarket = 0;
  let equitySum = 0;
  for (let t = 0; t < n; t++) {
    const e = result.equity[t]!;
    const l = result.longValue[t]!;
    const s = result.shortValue[t]!;
    equitySum += e;
    if (l + s > 0) inMarket++;
    const g = e > 0 ? (l + s) / e : Number.NaN;
    gross += Number.isNaN(g) ? 0 : g;
    net += e > 0 ? (l - s) / e : 0;
    if (g > maxGross) maxGross = g;
  }
  let traded = 0;
  for (const f of result.fills) traded += f.quantity * f.price;
  const years = n > 1 ? (result.time[n - 1]! - result.time[0]!) / DAY_MS / 365.25 : Number.NaN;
  const meanEquity = n === 0 ? Number.NaN : equitySum / n;
  return {
    averageGrossExposure: n === 0 ? Number.NaN : gross / n,
    averageNetExposure: n === 0 ? Number.NaN : net / n,
    maxGrossExposure: maxGross,
    timeInMarket: n === 0 ? Number.NaN : inMarket / n,
    turnover: traded / 2 / meanEquity / years,
    feesPaid: result.totals.fees,
    borrowPaid: result.totals.borrow,
    interestReceived: result.totals.interest,
  };
}
