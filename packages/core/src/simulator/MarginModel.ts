/**
 * Margin: how much equity positions require, when opened (initial) and while held (maintenance).
 */

/** Market value of the account's long and short positions (both `>= 0`). */
export interface MarginParams {
  readonly longValue: number;
  /** Absolute value of the short positions. */
  readonly shortValue: number;
}

/**
 * Extension point: equity requirements in account currency. A fill that adds exposure is rejected
 * unless equity after it covers `initial`; when equity falls below `maintenance` at a bar's close,
 * a margin call liquidates every position at the next open.
 */
export interface MarginModel {
  readonly name: string;
  /** Equity required to open or add to positions of this size (`>= 0`). */
  initial(params: MarginParams): number;
  /** Equity below which a margin call is made (`>= 0`, and `<= initial`). */
  maintenance(params: MarginParams): number;
}
