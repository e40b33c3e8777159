/**
 * Financing: the daily cost of borrowing shares to short, and interest on cash balances.
 */

/** Inputs of {@link BorrowModel.borrowFee}. */
export interface BorrowParams {
  readonly symbol: string;
  /** Shares short (> 0). */
  readonly quantity: number;
  /** Price the short is valued at (the close). */
  readonly price: number;
  /** Calendar days the accrual covers (from the previous bar's date to this one's). */
  readonly days: number;
  readonly time: number;
}

/**
 * Extension point: short borrow. `borrowFee` is the fee for holding the short over `days`,
 * `>= 0`; `isShortable` gates new short sales (rejected with `not_shortable`).
 */
export interface BorrowModel {
  readonly name: string;
  borrowFee(params: BorrowParams): number;
  isShortable(symbol: string, time: number): boolean;
}

/** Inputs of {@link InterestModel.interest}. */
export interface InterestParams {
  /** Cash balance (negative: a margin loan). */
  readonly cash: number;
  /** Calendar days the accrual covers. */
  readonly days: number;
  readonly time: number;
}

/**
 * Extension point: interest on cash. Positive = credited to the account, negative = charged
 * (margin interest on a negative balance).
 */
export interface InterestModel {
  readonly name: string;
  interest(params: InterestParams): number;
}
