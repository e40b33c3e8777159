/**
 * Deflated Sharpe ratio (Bailey & López de Prado 2014, "The Deflated Sharpe Ratio: Correcting for
 * Selection Bias, Backtest Overfitting and Non-Normality", Journal of Portfolio Management 40(5)).
 */
import { InvariantError } from '../errors.js';
import { expectedMaximumSharpeRatio } from './expectedMaximumSharpeRatio.js';
import type { MetricOptions, ReturnSeries } from './MetricOptions.js';
import { momentsOf, probabilisticSharpeRatio } from './probabilisticSharpeRatio.js';
import type { SharpeRatioMoments } from './sharpeRatioMoments.js';

/** The search described by every trial's per-period Sharpe ratio (the selected one included). */
export interface DeflatedSharpeRatioTrialSharpes extends Partial<Pick<MetricOptions, 'riskFree'>> {
  /**
   * Per-period (NOT annualised) Sharpe ratios of all N trials. NaN entries are ignored; N is the
   * count of the others and V their population variance (ddof 0, as mlfinlab).
   */
  readonly trialSharpes: ReturnSeries;
}

/** The search described by its size and dispersion. */
export interface DeflatedSharpeRatioTrialCount extends Partial<Pick<MetricOptions, 'riskFree'>> {
  /** Number of independent trials N, an integer ≥ 1. */
  readonly trials: number;
  /** Variance V of the trials' per-period (NOT annualised) Sharpe ratios, ≥ 0. */
  readonly trialSharpeVariance: number;
}

/** Options of {@link deflatedSharpeRatio}: either the trials' Sharpe ratios or their count and variance. */
export type DeflatedSharpeRatioOptions = DeflatedSharpeRatioTrialSharpes | DeflatedSharpeRatioTrialCount;

/**
 * Deflated Sharpe ratio: the probabilistic Sharpe ratio of the selected strategy against the
 * Sharpe ratio that the best of N skill-less trials would show by luck,
 *
 * `DSR = PSR(SR0)`, `SR0 = √V·((1 − γ)·Φ⁻¹(1 − 1/N) + γ·Φ⁻¹(1 − 1/(N·e)))`
 *
 * (see {@link expectedMaximumSharpeRatio} and {@link probabilisticSharpeRatio}). All Sharpe
 * ratios are PER PERIOD: annual ones over p periods a year must be divided by √p, and an annual
 * variance by p. N = 1 gives SR0 = 0, i.e. DSR = PSR(0).
 *
 * The selected strategy's statistics come from its return series (NaN dropped, ddof-1 Sharpe,
 * population skewness, raw kurtosis) or are given as {@link SharpeRatioMoments}. The search is
 * given either as `{ trialSharpes }` (N = their count, V = their ddof-0 variance) or as
 * `{ trials, trialSharpeVariance }`.
 *
 * Range [0, 1]; ≥ 0.95 means the selected Sharpe ratio is significant at 5 % after the
 * multiple-testing correction. NaN as for the probabilistic Sharpe ratio (fewer than 2
 * observations, zero volatility) and when no trial Sharpe ratio is given.
 *
 * @param returns - simple per-period returns of the selected strategy, or their moments.
 * @param options - the trials, and `riskFree` per period for a return series (default 0).
 * @returns the probability in [0, 1], or NaN.
 * @throws InvariantError if `trials` is not an integer ≥ 1, the variance is negative or not
 *   finite, a trial Sharpe ratio is infinite, or neither form of the trials is given.
 * @example
 * // Bailey & López de Prado (2014)'s example: annual ŜR 2.5, 1250 daily observations (250 a year),
 * // γ3 = −3, γ4 = 10, 100 trials whose annual Sharpe ratios have variance 1/2.
 * deflatedSharpeRatio(
 *   { sharpe: 2.5 / Math.sqrt(250), skewness: -3, kurtosis: 10, observations: 1250 },
 *   { trials: 100, trialSharpeVariance: 0.5 / 250 },
 * ); // 0.9004…
 * @see mlfinlab `deflated_sharpe_ratio`, skfolio `deflated_sharpe_ratio`
 */
export function deflatedSharpeRatio(returns: ReturnSeries | SharpeRatioMoments, options: DeflatedSharpeRatioOptions): number {
  let sr0: number;
  if ('trialSharpes' in options && options.trialSharpes !== undefined) {
    const sharpes = options.trialSharpes;
    // Two-pass population variance of the non-NaN trial Sharpe ratios.
    let n = 0;
    let sum = 0;
    for (let i = 0; i < sharpes.length; i++) {
      const s = sharpes[i]!;
      if (Number.isNaN(s)) continue;
      if (!Number.isFinite(s)) throw new InvariantError(`trial Sharpe ratios must be finite or NaN, got "${String(s)}" at ${i}`);
      sum += s;
      n++;
    }
    if (n === 0) return Number.NaN;
    const mean = sum / n;
    let ss = 0;
    for (let i = 0; i < sharpes.length; i++) {
      const s = sharpes[i]!;
      if (!Number.isNaN(s)) ss += (s - mean) * (s - mean);
    }
    sr0 = expectedMaximumSharpeRatio(n, ss / n);
  } else if ('trials' in options && options.trials !== undefined) {
    sr0 = expectedMaximumSharpeRatio(options.trials, options.trialSharpeVariance);
  } else {
    throw new InvariantError('deflatedSharpeRatio needs { trialSharpes } or { trials, trialSharpeVariance }');
  }
  return probabilisticSharpeRatio(momentsOf(returns, options), { benchmarkSharpe: sr0 });
}
