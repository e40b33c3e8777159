import { InvariantError } from '../errors.js';
import type { PortfolioTarget } from './PortfolioTarget.js';
import type { RiskManagementModel, RiskManagementParams } from './RiskManagementModel.js';

/**
 * Risk models applied in sequence: each receives the book the previous one returned, so the last
 * one has the final word (put hard limits last).
 *
 * @example
 * const risk = new CompositeRiskManagement([maxWeightPerSymbol, drawdownStop]);
 */
export class CompositeRiskManagement implements RiskManagementModel {
  readonly name: string;
  readonly #models: readonly RiskManagementModel[];

  /** @throws {InvariantError} if `models` is not an array. */
  constructor(models: readonly RiskManagementModel[]) {
    if (!Array.isArray(models)) throw new InvariantError(`CompositeRiskManagement: models must be an array, got ${String(models)}`);
    this.#models = Object.freeze([...models]);
    this.name = `CompositeRiskManagement(${this.#models.map((m) => m.name).join(' → ')})`;
  }

  manageRisk(params: RiskManagementParams): readonly PortfolioTarget[] {
    let targets = params.targets;
    for (const model of this.#models) targets = model.manageRisk({ ...params, targets });
    return targets;
  }
}
