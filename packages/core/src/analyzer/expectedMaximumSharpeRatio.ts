/**
 * Expected maximum Sharpe ratio of N independent skill-less trials (Bailey & López de Prado 2014,
 * "The Deflated Sharpe Ratio", Journal of Portfolio Management 40(5)): the benchmark SR0 of the
 * deflated Sharpe ratio.
 */
import { InvariantError } from '../errors.js';
import { normalInverseCdf } from './normal.js';

/** Euler–Mascheroni constant γ. */
const EULER_GAMMA = 0.57721566490153286060651209;

/**
 * Expected maximum of `trials` Sharpe ratio estimates whose true Sharpe ratio is 0 and whose
 * variance across trials is `variance` (the False Strategy theorem's approximation):
 *
 * `SR0 = √V·((1 − γ)·Φ⁻¹(1 − 1/N) + γ·Φ⁻¹(1 − 1/(N·e)))`, γ the Euler–Mascheroni constant.
 *
 * Units follow `variance`: per-period Sharpe ratios give a per-period SR0 (what
 * `deflatedSharpeRatio` compares against). One trial (no selection) gives 0 — the formula itself
 * diverges to −∞ there (Φ⁻¹(0)); 0 is the expected value of a single skill-less estimate.
 *
 * @param trials - number of independent trials N, an integer ≥ 1.
 * @param variance - variance V of the trials' Sharpe ratio estimates, finite and ≥ 0.
 * @returns SR0 ≥ 0, in the units of √variance.
 * @throws InvariantError if `trials` is not an integer ≥ 1 or `variance` not finite and ≥ 0.
 * @example
 * // 100 trials, annual-Sharpe variance 1/2 over 250 periods a year, in per-period units:
 * expectedMaximumSharpeRatio(100, 0.5 / 250); // 0.11317…
 * @see mlfinlab `deflated_sharpe_ratio(..., benchmark_out=True)`
 */
export function expectedMaximumSharpeRatio(trials: number, variance: number): number {
  if (!Number.isInteger(trials) || trials < 1) throw new InvariantError(`trials must be an integer >= 1, got "${String(trials)}"`);
  if (!Number.isFinite(variance) || !(variance >= 0)) {
    throw new InvariantError(`variance of the trials' Sharpe ratios must be finite and >= 0, got "${String(variance)}"`);
  }
  if (trials === 1 || variance === 0) return 0;
  return (
    Math.sqrt(variance) *
    ((1 - EULER_GAMMA) * normalInverseCdf(1 - 1 / trials) + EULER_GAMMA * normalInverseCdf(1 - 1 / (trials * Math.E)))
  );
}
