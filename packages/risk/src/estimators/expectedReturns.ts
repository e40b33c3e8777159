/**
 * Expected (annualised) returns with PyPortfolioOpt 1.5's conventions: inputs are period
 * returns from {@link returnsFromPrices} (pct_change, no forward fill), `frequency` periods a
 * year (252 by default), the geometric mean (CAGR) by default.
 */
import { RiskInputError } from '../RiskError.js';
import type { ReturnTable } from '../PriceTable.js';
import { ewmMeanLast, pairCovariance, toColumns } from './columns.js';

/** Options shared by the expected-return estimators. */
export interface ExpectedReturnOptions {
  /** Periods per year; default 252. */
  readonly frequency?: number;
  /** Geometric (compounded) when true (default), arithmetic × frequency otherwise. */
  readonly compounding?: boolean;
}

function checkReturns(returns: ReturnTable): void {
  const n = returns.symbols.length;
  if (returns.values.length !== returns.times.length * n) {
    throw new RiskInputError(`returns: ${returns.values.length} values for ${returns.times.length} rows × ${n} symbols`);
  }
  for (let i = 0; i < returns.values.length; i++) {
    const v = returns.values[i]!;
    if (v === Infinity || v === -Infinity || v <= -1) {
      const row = Math.floor(i / n);
      throw new RiskInputError(`returns: ${returns.symbols[i % n]} row ${row} is ${v} (a price of 0 or a bad value)`);
    }
  }
}

/**
 * Annualised mean historical return per symbol: `(∏(1+r))^(frequency/count) − 1` over each
 * symbol's observed returns (PyPortfolioOpt `mean_historical_return`), or `mean(r) × frequency`
 * with `compounding: false`.
 *
 * @example
 * const mu = meanHistoricalReturn(returnsFromPrices(prices)); // Float64Array, one per symbol
 */
export function meanHistoricalReturn(returns: ReturnTable, options: ExpectedReturnOptions = {}): Float64Array {
  checkReturns(returns);
  const frequency = options.frequency ?? 252;
  const n = returns.symbols.length;
  const rows = returns.times.length;
  const out = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    let prod = 1;
    let sum = 0;
    let count = 0;
    for (let t = 0; t < rows; t++) {
      const r = returns.values[t * n + j]!;
      if (r !== r) continue;
      prod *= 1 + r;
      sum += r;
      count++;
    }
    if (count === 0) throw new RiskInputError(`returns: ${returns.symbols[j]} has no observed return`);
    out[j] = options.compounding === false ? (sum / count) * frequency : prod ** (frequency / count) - 1;
  }
  return out;
}

/**
 * Exponentially weighted mean return (span `span`, default 500; pandas `ewm(span).mean()` of the
 * last row), annualised as `(1 + m)^frequency − 1` (or `m × frequency` without compounding).
 */
export function emaHistoricalReturn(
  returns: ReturnTable,
  options: ExpectedReturnOptions & { readonly span?: number } = {},
): Float64Array {
  checkReturns(returns);
  const span = options.span ?? 500;
  if (!(span >= 1)) throw new RiskInputError(`ema span must be ≥ 1, got ${span}`);
  const frequency = options.frequency ?? 252;
  const n = returns.symbols.length;
  const rows = returns.times.length;
  const cols = toColumns(returns.values, rows, n);
  const out = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const m = ewmMeanLast(cols, j * rows, rows, 2 / (span + 1));
    out[j] = options.compounding === false ? m * frequency : (1 + m) ** frequency - 1;
  }
  return out;
}

/** A market return series for {@link capmReturn}, aligned to the asset returns by time. */
export interface MarketReturns {
  readonly times: Float64Array;
  readonly values: Float64Array;
}

/**
 * CAPM expected returns `r_f + β_i (E[R_m] − r_f)` (PyPortfolioOpt `capm_return`). Without a
 * market the market is the equal-weighted mean of the available returns on each row; with one, its
 * returns are joined to the asset rows by time (a left join: rows without a market return are
 * missing). β and `E[R_m]` use pairwise-complete rows; `E[R_m]` is compounded like
 * {@link meanHistoricalReturn}.
 */
export function capmReturn(
  returns: ReturnTable,
  options: ExpectedReturnOptions & { readonly market?: MarketReturns; readonly riskFreeRate?: number } = {},
): Float64Array {
  checkReturns(returns);
  const frequency = options.frequency ?? 252;
  const rf = options.riskFreeRate ?? 0;
  const n = returns.symbols.length;
  const rows = returns.times.length;
  const ext = new Float64Array(rows * (n + 1));
  const mkt = new Float64Array(rows);
  if (options.market === undefined) {
    for (let t = 0; t < rows; t++) {
      let s = 0;
      let c = 0;
      for (let j = 0; j < n; j++) {
        const r = returns.values[t * n + j]!;
        if (r === r) {
          s += r;
          c++;
        }
      }
      mkt[t] = c > 0 ? s / c : Number.NaN;
    }
  } else {
    const byTime = new Map<number, number>();
    const m = options.market;
    for (let i = 0; i < m.times.length; i++) byTime.set(m.times[i]!, m.values[i]!);
    for (let t = 0; t < rows; t++) mkt[t] = byTime.get(returns.times[t]!) ?? Number.NaN;
  }
  for (let t = 0; t < rows; t++) {
    for (let j = 0; j < n; j++) ext[t * (n + 1) + j] = returns.values[t * n + j]!;
    ext[t * (n + 1) + n] = mkt[t]!;
  }
  const cols = toColumns(ext, rows, n + 1);
  const varM = pairCovariance(cols, rows, n, n);
  let prod = 1;
  let sum = 0;
  let count = 0;
  for (let t = 0; t < rows; t++) {
    const r = mkt[t]!;
    if (r !== r) continue;
    prod *= 1 + r;
    sum += r;
    count++;
  }
  if (count < 2 || !(varM > 0)) throw new RiskInputError(`capm: the market has ${count} returns and variance ${varM}`);
  const mktMean = options.compounding === false ? (sum / count) * frequency : prod ** (frequency / count) - 1;
  const out = new Float64Array(n);
  for (let j = 0; j < n; j++) out[j] = rf + (pairCovariance(cols, rows, j, n) / varM) * (mktMean - rf);
  return out;
}
