/**
 * Augmented Dickey–Fuller and Engle–Granger cointegration tests with MacKinnon (1994) approximate
 * p-values, following statsmodels' `adfuller` and `coint` (lag selection by AIC over a common
 * sample, then a re-fit on the longest sample for the chosen lag).
 */
import { InvariantError } from '@qt-backtest/core';
import { normalCdf } from '@qt-backtest/features';
import { leastSquares } from './leastSquares.js';

/** Deterministic terms of the test regression: a constant, or none. */
export type AdfRegression = 'c' | 'n';

/** Options of {@link adfTest}. */
export interface AdfOptions {
  /** Default 'c' (constant). */
  readonly regression?: AdfRegression;
  /** Largest lag of Δx tried (default ⌈12 · (n/100)^¼⌉, capped at n/2 − terms − 1). */
  readonly maxLag?: number;
  /** Choose the lag by AIC (default) or use `maxLag` as is. */
  readonly autolag?: 'aic' | null;
}

/** Result of {@link adfTest}. */
export interface AdfResult {
  /** t-statistic of the lagged level. */
  readonly statistic: number;
  /** MacKinnon (1994) approximate p-value. */
  readonly pValue: number;
  readonly usedLag: number;
  /** Observations of the final regression. */
  readonly nobs: number;
  /** AIC of the chosen lag (NaN without autolag). */
  readonly icBest: number;
}

// MacKinnon (1994) response-surface coefficients for the p-value Φ(c0 + c1·t + c2·t² [+ c3·t³]),
// as tabulated in statsmodels.tsa.adfvalues (scaled), for N = 1, 2 series.
const MACKINNON = {
  c: {
    max: [2.74, 0.92],
    min: [-18.83, -18.86],
    star: [-1.61, -2.62],
    small: [
      [2.1659, 1.4412, 0.038269000000000004],
      [2.92, 1.5012, 0.039796],
    ],
    large: [
      [1.7339, 0.9320200000000001, -0.12745, -0.010368],
      [2.1945, 0.64695, -0.29198, -0.042377000000000005],
    ],
  },
  n: {
    max: [Infinity],
    min: [-19.04],
    star: [-1.04],
    small: [[0.6344, 1.2378, 0.032496000000000004]],
    large: [[0.4797, 0.9355700000000001, -0.06999, 0.033066]],
  },
} as const;

/**
 * MacKinnon's approximate p-value of a unit-root / cointegration t-statistic for `n` series
 * (1: ADF; 2: a two-series Engle–Granger test).
 *
 * @throws {InvariantError} for an unsupported regression/N.
 * @example
 * mackinnonP(-2.86, 'c', 1); // ≈ 0.05
 */
export function mackinnonP(statistic: number, regression: AdfRegression, n: 1 | 2): number {
  const table = MACKINNON[regression];
  if (n > table.max.length) throw new InvariantError(`mackinnonP: N = ${n} is not tabulated for regression "${regression}"`);
  if (statistic > table.max[n - 1]!) return 1;
  if (statistic < table.min[n - 1]!) return 0;
  const c = statistic <= table.star[n - 1]! ? table.small[n - 1]! : table.large[n - 1]!;
  let p = c[c.length - 1]!;
  for (let i = c.length - 2; i >= 0; i--) p = p * statistic + c[i]!; // numpy.polyval order
  return normalCdf(p);
}

/** Design of the ADF regression for `lag` lags on the last `nobs` usable rows. */
function design(x: ArrayLike<number>, dx: Float64Array, lag: number, nobs: number, regression: AdfRegression): { cols: Float64Array[]; y: Float64Array } {
  const start = dx.length - nobs; // first row of Δx used as the response
  const y = dx.slice(start);
  const level = Float64Array.from({ length: nobs }, (_, i) => x[start + i]!); // x_{t−1} for Δx_t = x_{t+1} − x_t at dx index
  const cols = [level];
  for (let l = 1; l <= lag; l++) cols.push(Float64Array.from({ length: nobs }, (_, i) => dx[start + i - l]!));
  if (regression === 'c') cols.push(new Float64Array(nobs).fill(1));
  return { cols, y };
}

function aic(ssr: number, nobs: number, k: number): number {
  const llf = (-nobs / 2) * (Math.log(2 * Math.PI) + Math.log(ssr / nobs) + 1);
  return -2 * llf + 2 * k;
}

/**
 * Augmented Dickey–Fuller test of a unit root in `x` (statsmodels `adfuller` conventions).
 *
 * @throws {InvariantError} for a series too short for the lags or with non-finite values.
 * @example
 * adfTest(spread).pValue < 0.05; // stationary at 5 %
 */
export function adfTest(x: ArrayLike<number>, options: AdfOptions = {}): AdfResult {
  const regression = options.regression ?? 'c';
  const n = x.length;
  for (let i = 0; i < n; i++) if (!Number.isFinite(x[i]!)) throw new InvariantError(`adfTest: value ${x[i]} at index ${i} is not finite`);
  const terms = regression === 'c' ? 1 : 0;
  let maxLag = options.maxLag ?? Math.min(Math.floor(n / 2) - terms - 1, Math.ceil(12 * (n / 100) ** 0.25));
  if (!(Number.isInteger(maxLag) && maxLag >= 0 && maxLag <= Math.floor(n / 2) - terms - 1)) {
    throw new InvariantError(`adfTest: maxLag ${maxLag} must be an integer in 0…${Math.floor(n / 2) - terms - 1} for ${n} values`);
  }
  const dx = new Float64Array(n - 1);
  for (let i = 1; i < n; i++) dx[i - 1] = x[i]! - x[i - 1]!;
  let usedLag = maxLag;
  let icBest = Number.NaN;
  if ((options.autolag === undefined ? 'aic' : options.autolag) === 'aic') {
    const nobs = dx.length - maxLag;
    let best = Infinity;
    for (let lag = 0; lag <= maxLag; lag++) {
      const { cols, y } = design(x, dx, lag, nobs, regression);
      const fit = leastSquares(cols, y);
      const ic = aic(fit.ssr, nobs, cols.length);
      if (ic < best) {
        best = ic;
        usedLag = lag;
      }
    }
    icBest = best;
    maxLag = usedLag;
  }
  const nobs = dx.length - usedLag;
  const { cols, y } = design(x, dx, usedLag, nobs, regression);
  const fit = leastSquares(cols, y);
  const statistic = fit.coefficients[0]! / fit.standardErrors[0]!;
  return { statistic, pValue: mackinnonP(statistic, regression, 1), usedLag, nobs, icBest };
}

/** Result of {@link engleGranger}. */
export interface EngleGrangerResult {
  /** OLS of y on a constant and x: `y = intercept + hedgeRatio · x + spread`. */
  readonly intercept: number;
  readonly hedgeRatio: number;
  /** The residual spread. */
  readonly spread: Float64Array;
  /** ADF t-statistic of the spread (no constant). */
  readonly statistic: number;
  /** MacKinnon p-value for two series with a constant (statsmodels `coint`). */
  readonly pValue: number;
  readonly usedLag: number;
}

/**
 * Engle–Granger two-step cointegration test of `y` on `x` (statsmodels `coint(y, x, trend='c')`):
 * OLS with a constant, then an ADF test without deterministic terms on the residuals, with
 * MacKinnon's N = 2 p-value.
 *
 * @throws {InvariantError} for unequal lengths or non-finite values.
 * @example
 * const eg = engleGranger(closesA, closesB);
 * if (eg.pValue < 0.05) trade(eg.hedgeRatio);
 */
export function engleGranger(y: ArrayLike<number>, x: ArrayLike<number>, options: Pick<AdfOptions, 'maxLag' | 'autolag'> = {}): EngleGrangerResult {
  if (y.length !== x.length) throw new InvariantError(`engleGranger: y has ${y.length} values, x ${x.length}`);
  const fit = leastSquares([new Float64Array(y.length).fill(1), x], y);
  const adf = adfTest(fit.residuals, { ...options, regression: 'n' });
  return {
    intercept: fit.coefficients[0]!,
    hedgeRatio: fit.coefficients[1]!,
    spread: fit.residuals,
    statistic: adf.statistic,
    pValue: mackinnonP(adf.statistic, 'c', 2),
    usedLag: adf.usedLag,
  };
}
