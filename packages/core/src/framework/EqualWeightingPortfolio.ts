import { InvariantError } from '../errors.js';
import type { PortfolioConstructionModel, PortfolioConstructionParams } from './PortfolioConstructionModel.js';
import { type PortfolioTarget, targetWeight } from './PortfolioTarget.js';
import { netDirections } from './netInsights.js';

/**
 * Equal weights: every symbol with a non-flat net view gets `±gross / n`, where `n` counts those
 * symbols. A symbol's net view is the sign of the sum of its active insights' directions (several
 * alphas may disagree; a tie is flat).
 *
 * @example
 * new EqualWeightingPortfolio({ gross: 1 }); // 3 longs, 1 short → +0.25 each long, −0.25 the short
 */
export class EqualWeightingPortfolio implements PortfolioConstructionModel {
  readonly name: string;
  readonly #gross: number;

  /** @throws {InvariantError} for a gross exposure that is not finite and > 0. */
  constructor(options: { readonly gross?: number } = {}) {
    this.#gross = options.gross ?? 1;
    if (!(Number.isFinite(this.#gross) && this.#gross > 0)) {
      throw new InvariantError(`EqualWeightingPortfolio: gross ${String(options.gross)} must be finite and > 0`);
    }
    this.name = `EqualWeightingPortfolio(gross ${this.#gross})`;
  }

  createTargets({ insights }: PortfolioConstructionParams): readonly PortfolioTarget[] {
    const views = netDirections(insights).filter(([, d]) => d !== 0);
    return views.map(([symbol, d]) => targetWeight(symbol, (d * this.#gross) / views.length));
  }
}
