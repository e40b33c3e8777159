import { InvariantError } from '../errors.js';
import type { PortfolioConstructionModel, PortfolioConstructionParams } from './PortfolioConstructionModel.js';
import { type PortfolioTarget, targetWeight } from './PortfolioTarget.js';

/**
 * Weights proportional to conviction: each insight contributes `direction × weight × confidence`
 * to its symbol; the per-symbol sums are scaled so that their absolute values add up to `gross`
 * (when they add up to 0 the book is empty).
 *
 * @example
 * // AAPL up (weight 2, confidence 1), MSFT down (weight 1, confidence 1) → AAPL +2/3, MSFT −1/3
 * new InsightWeightingPortfolio({ gross: 1 });
 */
export class InsightWeightingPortfolio implements PortfolioConstructionModel {
  readonly name: string;
  readonly #gross: number;

  /** @throws {InvariantError} for a gross exposure that is not finite and > 0. */
  constructor(options: { readonly gross?: number } = {}) {
    this.#gross = options.gross ?? 1;
    if (!(Number.isFinite(this.#gross) && this.#gross > 0)) {
      throw new InvariantError(`InsightWeightingPortfolio: gross ${String(options.gross)} must be finite and > 0`);
    }
    this.name = `InsightWeightingPortfolio(gross ${this.#gross})`;
  }

  createTargets({ insights }: PortfolioConstructionParams): readonly PortfolioTarget[] {
    const sums = new Map<string, number>();
    for (const i of insights) sums.set(i.symbol, (sums.get(i.symbol) ?? 0) + i.direction * i.weight * i.confidence);
    let total = 0;
    for (const v of sums.values()) total += Math.abs(v);
    if (total === 0) return [];
    return [...sums].filter(([, v]) => v !== 0).map(([s, v]) => targetWeight(s, (v / total) * this.#gross));
  }
}
