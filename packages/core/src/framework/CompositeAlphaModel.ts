import { InvariantError } from '../errors.js';
import type { AlphaModel, AlphaModelParams } from './AlphaModel.js';
import type { Insight } from './Insight.js';

/**
 * Several alpha models side by side: the insights of all of them, in the order of the models
 * (each keeps its own `sourceAlpha`, so the framework tracks them separately).
 *
 * @example
 * const alpha = new CompositeAlphaModel([momentum, meanReversion]);
 */
export class CompositeAlphaModel implements AlphaModel {
  readonly name: string;
  readonly #models: readonly AlphaModel[];

  /**
   * @throws {InvariantError} if `models` is not an array or two models share a name (their
   *   insights would overwrite each other).
   */
  constructor(models: readonly AlphaModel[]) {
    if (!Array.isArray(models)) throw new InvariantError(`CompositeAlphaModel: models must be an array, got ${String(models)}`);
    const names = new Set<string>();
    for (const m of models) {
      if (names.has(m.name)) throw new InvariantError(`CompositeAlphaModel: two models are named "${m.name}"; names must be unique`);
      names.add(m.name);
    }
    this.#models = Object.freeze([...models]);
    this.name = `CompositeAlphaModel(${this.#models.map((m) => m.name).join(', ')})`;
  }

  update(params: AlphaModelParams): readonly Insight[] {
    const out: Insight[] = [];
    for (const model of this.#models) out.push(...model.update(params));
    return out;
  }
}
