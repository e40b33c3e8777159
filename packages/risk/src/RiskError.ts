/**
 * Errors thrown by `@qt-backtest/risk` for bad input or a problem with no solution. Each quotes
 * the values behind it.
 */
import { QtError } from '@qt-backtest/core';

/** Bad input to a risk function (shape, range, NaN, unknown symbol). */
export class RiskInputError extends QtError {}

/** A constrained optimisation has no feasible point (for example bounds that cannot sum to 1). */
export class InfeasibleProblemError extends QtError {}

/**
 * Maximum Sharpe is undefined because no asset's expected return exceeds the risk-free rate
 * (the y-substitution needs `(μ − r_f)ᵀy = 1` with `y ≥ 0`).
 */
export class NoAssetAboveRiskFreeError extends QtError {
  /** The highest expected return among the assets. */
  readonly bestExpectedReturn: number;
  /** The risk-free rate it failed to beat. */
  readonly riskFreeRate: number;

  constructor(bestExpectedReturn: number, riskFreeRate: number) {
    super(
      `max Sharpe needs at least one expected return above the risk-free rate ${riskFreeRate}; the best is ${bestExpectedReturn}`,
    );
    this.bestExpectedReturn = bestExpectedReturn;
    this.riskFreeRate = riskFreeRate;
  }
}
