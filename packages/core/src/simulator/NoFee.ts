import type { FeeModel, FeeParams } from './FeeModel.js';

/**
 * The null fee model: trading is free.
 *
 * @example
 * new NoFee().fee(params); // 0
 */
export class NoFee implements FeeModel {
  readonly name = 'NoFee';

  /** Always `0`. */
  fee(_params: FeeParams): number {
    return 0;
  }
}
