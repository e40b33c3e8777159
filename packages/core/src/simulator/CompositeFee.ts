import { InvariantError } from '../errors.js';
import type { FeeModel, FeeParams } from './FeeModel.js';

/**
 * Several fee models charged together: the fee of a fill is the sum of theirs, e.g. a
 * commission plus the SEC and FINRA fees.
 *
 * @example
 * const fees = new CompositeFee([
 *   new PerShareFee({ perShare: 0.005, minimum: 1, maximumFractionOfValue: 0.01 }),
 *   new SecFee(),
 *   new FinraTaf(),
 * ]);
 */
export class CompositeFee implements FeeModel {
  readonly name: string;
  readonly #models: readonly FeeModel[];

  /**
   * @param models - the parts, summed in this order (an empty list charges nothing). The list is
   *   copied, so later changes to the caller's array do not affect this model.
   * @throws {@link InvariantError} if `models` is not an array.
   */
  constructor(models: readonly FeeModel[]) {
    if (!Array.isArray(models)) {
      throw new InvariantError(`CompositeFee: models must be an array of fee models, got ${String(models)}`);
    }
    this.#models = Object.freeze([...models]);
    this.name = `CompositeFee(${this.#models.map((m) => m.name).join(' + ')})`;
  }

  /**
   * The sum of the parts' fees, in account currency.
   *
   * @throws {@link InvariantError} naming the part if one returns a negative or non-finite fee,
   *   so a broken part is reported where it happens rather than as a wrong total.
   */
  fee(params: FeeParams): number {
    let total = 0;
    for (const model of this.#models) {
      const part = model.fee(params);
      if (!(Number.isFinite(part) && part >= 0)) {
        throw new InvariantError(
          `CompositeFee: ${model.name} returned the fee ${String(part)}, expected a finite number >= 0`,
        );
      }
      total += part;
    }
    return total;
  }
}
