import type { InterestModel, InterestParams } from './FinancingModel.js';

/**
 * The null interest model: cash earns nothing and margin loans cost nothing.
 *
 * @example
 * new NoInterest().interest(params); // 0
 */
export class NoInterest implements InterestModel {
  readonly name = 'NoInterest';

  /** Always `0`. */
  interest(_params: InterestParams): number {
    return 0;
  }
}
