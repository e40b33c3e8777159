import type { BorrowModel, BorrowParams } from './FinancingModel.js';

/**
 * The null borrow model: every symbol can be shorted and borrowing costs nothing.
 *
 * @example
 * const borrow = new NoBorrow();
 * borrow.isShortable('GME', time); // true
 * borrow.borrowFee(params); // 0
 */
export class NoBorrow implements BorrowModel {
  readonly name = 'NoBorrow';

  /** Always `0`. */
  borrowFee(_params: BorrowParams): number {
    return 0;
  }

  /** Always `true`. */
  isShortable(_symbol: string, _time: number): boolean {
    return true;
  }
}
