/**
 * Extension point: portfolio construction turns the active insights into a target book.
 */
import type { Insight } from './Insight.js';
import type { MarketView, PortfolioView } from './MarketView.js';
import type { PortfolioTarget } from './PortfolioTarget.js';

/** Inputs of {@link PortfolioConstructionModel.createTargets}. */
export interface PortfolioConstructionParams {
  /** Every insight active at this bar (at most one per symbol and source alpha), oldest first. */
  readonly insights: readonly Insight[];
  readonly market: MarketView;
  readonly portfolio: PortfolioView;
}

/**
 * Builds the complete target book from the active insights: at most one target per symbol; a held
 * symbol without a target is closed by the framework. Called only when the framework rebalances
 * (see `FrameworkStrategy`), so it may be expensive (an optimiser).
 *
 * @example
 * class EqualLong implements PortfolioConstructionModel {
 *   readonly name = 'EqualLong';
 *   createTargets({ insights }: PortfolioConstructionParams): readonly PortfolioTarget[] {
 *     const longs = insights.filter((i) => i.direction === 1);
 *     return longs.map((i) => targetWeight(i.symbol, 1 / longs.length));
 *   }
 * }
 */
export interface PortfolioConstructionModel {
  readonly name: string;
  createTargets(params: PortfolioConstructionParams): readonly PortfolioTarget[];
}
