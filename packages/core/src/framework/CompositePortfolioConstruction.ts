import { InvariantError } from '../errors.js';
import type { PortfolioConstructionModel, PortfolioConstructionParams } from './PortfolioConstructionModel.js';
import { type PortfolioTarget, targetQuantity, targetWeight } from './PortfolioTarget.js';

/** One part of a {@link CompositePortfolioConstruction}. */
export interface PortfolioSleeve {
  readonly model: PortfolioConstructionModel;
  /** Multiplier of the sleeve's targets (its share of capital), finite and `>= 0`. */
  readonly fraction: number;
}

/**
 * Sleeves of capital: each model's targets scaled by its fraction and summed per symbol. Every
 * sleeve sees all active insights.
 *
 * @example
 * new CompositePortfolioConstruction([
 *   { model: new EqualWeightingPortfolio(), fraction: 0.5 },
 *   { model: new InsightWeightingPortfolio(), fraction: 0.5 },
 * ]);
 */
export class CompositePortfolioConstruction implements PortfolioConstructionModel {
  readonly name: string;
  readonly #sleeves: readonly PortfolioSleeve[];

  /** @throws {InvariantError} for a fraction that is negative or not finite. */
  constructor(sleeves: readonly PortfolioSleeve[]) {
    if (!Array.isArray(sleeves)) throw new InvariantError(`CompositePortfolioConstruction: sleeves must be an array, got ${String(sleeves)}`);
    for (const s of sleeves) {
      if (!(Number.isFinite(s.fraction) && s.fraction >= 0)) {
        throw new InvariantError(`CompositePortfolioConstruction: fraction ${String(s.fraction)} of ${s.model.name} must be finite and >= 0`);
      }
    }
    this.#sleeves = Object.freeze(sleeves.map((s) => Object.freeze({ ...s })));
    this.name = `CompositePortfolioConstruction(${this.#sleeves.map((s) => `${s.fraction}×${s.model.name}`).join(' + ')})`;
  }

  /**
   * The per-symbol sum of the scaled sleeve targets, in first-seen symbol order.
   *
   * @throws {InvariantError} when two sleeves target one symbol in different units.
   */
  createTargets(params: PortfolioConstructionParams): readonly PortfolioTarget[] {
    const sums = new Map<string, { unit: PortfolioTarget['unit']; value: number }>();
    for (const { model, fraction } of this.#sleeves) {
      for (const t of model.createTargets(params)) {
        const prev = sums.get(t.symbol);
        if (prev === undefined) sums.set(t.symbol, { unit: t.unit, value: fraction * t.value });
        else if (prev.unit !== t.unit) {
          throw new InvariantError(`CompositePortfolioConstruction: "${t.symbol}" is targeted in ${prev.unit} and in ${t.unit} by ${model.name}`);
        } else prev.value += fraction * t.value;
      }
    }
    return [...sums].map(([symbol, { unit, value }]) => (unit === 'weight' ? targetWeight(symbol, value) : targetQuantity(symbol, value)));
  }
}
