/**
 * Coded findings about a run: nothing that shaped a result stays silent (rejected orders, orders
 * that never filled, positions left open, ruin, delistings, margin calls, suspicious data).
 */

/** What a diagnostic is about. */
export const DiagnosticCode = {
  /** Orders rejected (one diagnostic per reject reason; `reason` names it). */
  OrdersRejected: 'orders_rejected',
  /** Orders still working at the end, or that ended (cancelled, expired) without any fill. */
  OrdersNeverFilled: 'orders_never_filled',
  /** Positions still open after the last bar (marked, not closed: their P&L is unrealised). */
  PositionsOpenAtEnd: 'positions_open_at_end',
  /** Equity reached zero: trading stopped. */
  Ruin: 'ruin',
  /** Symbols whose data ended before the run: positions closed at the last close. */
  Delisted: 'delisted',
  /** Margin calls: every position liquidated at the next open. */
  MarginCalls: 'margin_calls',
  /** Unadjusted prices with one-bar moves the size of a common split ratio. */
  SplitLikeJumps: 'split_like_jumps',
  /** Data with closes only: market orders fill at the next close, not at an open. */
  CloseOnlyData: 'close_only_data',
  /** A volume limit on data without volume: orders of those symbols cannot fill. */
  VolumeLimitWithoutVolume: 'volume_limit_without_volume',
  /** The run made no trade at all. */
  NoTrades: 'no_trades',
} as const;
/** {@inheritDoc DiagnosticCode} */
export type DiagnosticCode = (typeof DiagnosticCode)[keyof typeof DiagnosticCode];

/** How much a diagnostic matters: `warning` may change what the result means; `info` is context. */
export type DiagnosticSeverity = 'info' | 'warning';

/**
 * One finding: a code, a one-line message with the count, and the first few examples.
 *
 * @example
 * { code: 'orders_rejected', severity: 'warning', reason: 'insufficient_funds', count: 3,
 *   message: '3 orders rejected: insufficient_funds', examples: ['o-7 buy 100 ORCL on 2001-03-02: …'] }
 */
export interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly severity: DiagnosticSeverity;
  /** One human-readable line, count included. */
  readonly message: string;
  /** How many orders, positions, symbols, bars or events the finding covers (>= 1). */
  readonly count: number;
  /** The first few instances (at most 5), human-readable. */
  readonly examples: readonly string[];
  /** `orders_rejected` only: the reject reason code. */
  readonly reason?: string;
}
