import { checkParam } from './checkParam.js';
import type { FeeModel, FeeParams } from './FeeModel.js';

/**
 * A flat commission per order, charged once on the order's first fill; later partial fills are
 * free.
 *
 * @example
 * const fee = new PerOrderFee(4.95);
 * fee.fee({ ...params, firstFill: true }); // 4.95
 * fee.fee({ ...params, firstFill: false }); // 0
 */
export class PerOrderFee implements FeeModel {
  readonly name: string;
  readonly #amount: number;

  /**
   * @param amount - currency per order, `>= 0`.
   * @throws `InvariantError` if `amount` is not a finite number `>= 0`.
   */
  constructor(amount: number) {
    this.#amount = checkParam('PerOrderFee', 'amount', amount, { min: 0, max: Infinity });
    this.name = `PerOrderFee(${String(amount)})`;
  }

  /** `amount` on the first fill, `0` after. */
  fee(params: FeeParams): number {
    return params.firstFill ? this.#amount : 0;
  }
}
