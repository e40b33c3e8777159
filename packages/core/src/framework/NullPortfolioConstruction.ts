import type { PortfolioConstructionModel } from './PortfolioConstructionModel.js';
import type { PortfolioTarget } from './PortfolioTarget.js';

/**
 * Portfolio construction that wants no positions: an empty book (the framework closes anything held).
 *
 * @example
 * new NullPortfolioConstruction().createTargets({ insights, market: ctx, portfolio: ctx }); // []
 */
export class NullPortfolioConstruction implements PortfolioConstructionModel {
  readonly name = 'NullPortfolioConstruction';

  createTargets(): readonly PortfolioTarget[] {
    return [];
  }
}
