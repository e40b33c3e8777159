/**
 * Extension point: risk management adjusts a target book (caps, limits, drawdown stops).
 */
import type { MarketView, PortfolioView } from './MarketView.js';
import type { PortfolioTarget } from './PortfolioTarget.js';

/** Inputs of {@link RiskManagementModel.manageRisk}. */
export interface RiskManagementParams {
  /**
   * The complete target book from portfolio construction (held symbols the construction left out
   * already appear with a 0 target), at most one per symbol.
   */
  readonly targets: readonly PortfolioTarget[];
  readonly market: MarketView;
  readonly portfolio: PortfolioView;
}

/**
 * Returns the adjusted complete book (at most one target per symbol; a symbol left out is closed).
 * Called on every bar — not only on rebalances — so that a stop or a drawdown limit acts as soon as
 * it is breached; returning `targets` unchanged means "no objection".
 *
 * @example
 * class MaxWeight implements RiskManagementModel {
 *   readonly name = 'MaxWeight(0.1)';
 *   manageRisk({ targets }: RiskManagementParams): readonly PortfolioTarget[] {
 *     return targets.map((t) => t.unit === 'weight' && Math.abs(t.value) > 0.1
 *       ? targetWeight(t.symbol, Math.sign(t.value) * 0.1) : t);
 *   }
 * }
 */
export interface RiskManagementModel {
  readonly name: string;
  manageRisk(params: RiskManagementParams): readonly PortfolioTarget[];
}
