import { checkParam } from './checkParam.js';
import type { FeeModel, FeeParams } from './FeeModel.js';

/**
 * A commission proportional to traded value: `rate × price × quantity` on every fill, buys and
 * sells alike. Not rounded.
 *
 * @example
 * // 0.1 % of 100 shares at $25.50 = $2.55.
 * new PercentFee(0.001).fee({ ...params, price: 25.5, quantity: 100 });
 */
export class PercentFee implements FeeModel {
  readonly name: string;
  readonly #rate: number;

  /**
   * @param rate - fraction of traded value (`0.001` = 0.1 %), in `[0, 1)`.
   * @throws `InvariantError` if `rate` is not a finite number in that range (a percentage
   *   such as `0.1` meant as 0.1 % is accepted and charges 10 %: pass fractions).
   */
  constructor(rate: number) {
    this.#rate = checkParam('PercentFee', 'rate', rate, { min: 0, max: 1, maxOpen: true });
    this.name = `PercentFee(${String(rate)})`;
  }

  /** `rate × price × quantity`, in account currency. */
  fee(params: FeeParams): number {
    return this.#rate * params.price * params.quantity;
  }
}
