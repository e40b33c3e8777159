/**
 * The null fill model: nothing ever fills. Useful to test order flow (acceptance, expiry,
 * cancellation) without trading.
 */
import type { IntrabarPath } from '../orders/fillRules.js';
import type { FillDecision, FillModel, FillParams } from './FillModel.js';

/**
 * Fills nothing.
 *
 * @example
 * backtest({ data, strategy, fillModel: new NoFillModel() }).fills; // []
 */
export class NoFillModel implements FillModel {
  readonly name = 'NoFillModel';
  readonly intrabarPath: IntrabarPath = 'adaptive';

  fill(params: FillParams): FillDecision {
    return { price: Number.NaN, triggered: params.triggered, best: params.best };
  }
}
