/**
 * The result of a factor analysis — the `factor.json` shape written by `qt-backtest factor`.
 * Period keys are the period in rows as a string; dates are `YYYY-MM-DD` (ISO date-times for
 * intraday data); `null` where alphalens has NaN.
 */

/** One row of a per-date table: `date` plus one value per period key. */
export type DatedPeriodValues = { readonly date: string } & { readonly [period: string]: number | string | null };

/** A dated value. */
export interface DatedValue {
  readonly date: string;
  readonly value: number | null;
}

/** The IC table of one period (alphalens' information table). */
export interface IcSummary {
  readonly mean: number | null;
  /** Standard deviation with ddof 1. */
  readonly std: number | null;
  /** mean / std. */
  readonly riskAdjusted: number | null;
  /** One-sample t statistic of the IC series against 0. */
  readonly tStat: number | null;
  /** Its two-sided p-value (Student t, n − 1 df). */
  readonly pValue: number | null;
  /** Biased skewness (scipy default). */
  readonly skew: number | null;
  /** Biased excess kurtosis (scipy default). */
  readonly kurtosis: number | null;
}

/** Mean forward return of one quantile, demeaned by the per-date universe (or group) mean. */
export interface QuantileReturn {
  readonly quantile: number;
  readonly mean: number | null;
  /** Standard deviation of the per-date quantile means over dates / √(number of dates). */
  readonly stdError: number | null;
}

/** OLS of the factor-weighted return on the equal-weight universe return. */
export interface AlphaBetaEntry {
  /** `(1 + α)^(252 / period) − 1`. */
  readonly annualAlpha: number | null;
  readonly beta: number | null;
}

/** How many (date, symbol) rows were dropped, and why. */
export interface DroppedRows {
  /** Factor values given (not NaN). */
  readonly input: number;
  /** Infinite factor values. */
  readonly nonFiniteFactor: number;
  /** No forward return for at least one period (end of data, missing prices). */
  readonly missingForwardReturns: number;
  /** In a date whose quantile edges were not unique (too few distinct values). */
  readonly binning: number;
  /** Rows analysed. */
  readonly kept: number;
}

/** Full factor analysis result (see `analyzeFactor`). */
export interface FactorReport {
  readonly periods: readonly number[];
  readonly quantiles: number;
  readonly ic: readonly DatedPeriodValues[];
  readonly icSummary: Readonly<Record<string, IcSummary>>;
  readonly meanReturnByQuantile: Readonly<Record<string, readonly QuantileReturn[]>>;
  readonly factorReturns: readonly DatedPeriodValues[];
  readonly alphaBeta: Readonly<Record<string, AlphaBetaEntry>>;
  /** quantile → period → series of the share of names new to the quantile since `period` dates ago. */
  readonly quantileTurnover: Readonly<Record<string, Readonly<Record<string, readonly DatedValue[]>>>>;
  /** period → correlation of factor ranks with those `period` dates earlier. */
  readonly rankAutocorrelation: Readonly<Record<string, readonly DatedValue[]>>;
  /** Per quantile and period: the per-date mean demeaned return (for cumulative and spread charts). */
  readonly meanReturnByQuantileByDate: Readonly<Record<string, readonly DatedPeriodValues[]>>;
  readonly dropped: DroppedRows;
  /** Per analysed row, its factor weight (with `includeFactorWeights`). */
  readonly factorWeights?: readonly { readonly date: string; readonly asset: string; readonly weight: number | null }[];
  /** Group-adjusted variants (present when groups were given). */
  readonly groupAdjusted?: GroupAdjustedReport;
}

/** Variants with returns demeaned within (date, group) and group-neutral weights. */
export interface GroupAdjustedReport {
  readonly ic: readonly DatedPeriodValues[];
  readonly icSummary: Readonly<Record<string, IcSummary>>;
  readonly meanReturnByQuantile: Readonly<Record<string, readonly QuantileReturn[]>>;
  readonly factorReturns: readonly DatedPeriodValues[];
  readonly alphaBeta: Readonly<Record<string, AlphaBetaEntry>>;
  /** Mean IC (not group-adjusted) within each group: group → period → mean. */
  readonly meanIcByGroup: Readonly<Record<string, Readonly<Record<string, number | null>>>>;
}
