import type { OrderRequest } from '../orders/Order.js';
import type { ExecutionModel } from './ExecutionModel.js';

/**
 * Execution that never trades (for dry runs that only record targets).
 *
 * @example
 * new NullExecution().execute({ targets, market: ctx, portfolio: ctx }); // []
 */
export class NullExecution implements ExecutionModel {
  readonly name = 'NullExecution';

  execute(): readonly OrderRequest[] {
    return [];
  }
}
