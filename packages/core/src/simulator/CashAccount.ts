/**
 * The null margin model: a cash account with no leverage and no margin calls.
 */
import type { MarginModel, MarginParams } from './MarginModel.js';

/**
 * Positions must be fully paid: equity must cover the whole gross exposure (long value plus short
 * value); no margin calls.
 *
 * @example
 * backtest({ data, strategy, margin: new CashAccount() }); // the default
 */
export class CashAccount implements MarginModel {
  readonly name = 'CashAccount';

  initial(params: MarginParams): number {
    return params.longValue + params.shortValue;
  }

  maintenance(_params: MarginParams): number {
    return 0;
  }
}
