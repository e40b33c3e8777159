import { ceilToCent } from './ceilToCent.js';
import { checkParam } from './checkParam.js';
import type { FeeModel, FeeParams } from './FeeModel.js';

/** Options of {@link FinraTaf}. */
export interface FinraTafOptions {
  /** Dollars per share sold, `>= 0`; default `0.000166`. */
  readonly perShare?: number;
  /** Most dollars per trade, `>= 0`; default `8.30`. */
  readonly maximum?: number;
}

/**
 * FINRA's Trading Activity Fee on sales of covered equity securities:
 * `min(perShare × quantity, maximum)` on sells, rounded up to the cent, `0` on buys.
 *
 * Defaults are the 2024 rates, $0.000166 per share with at most $8.30 per trade (FINRA By-Laws,
 * Schedule A, Section 1(b); IBKR's US stock commission page lists the same per-share rate). FINRA
 * revises the schedule, so pass the rates in force over the period you simulate.
 *
 * The maximum is per trade, so here per fill. Brokers pass the fee on rounded up to the cent,
 * which makes any taxed sale cost at least $0.01.
 *
 * @example
 * // 1 000 shares sold: 0.166 → $0.17; 100 000 shares: 16.60 capped → $8.30.
 * new FinraTaf().fee({ ...params, side: 'sell', quantity: 1_000 });
 */
export class FinraTaf implements FeeModel {
  readonly name: string;
  readonly #perShare: number;
  readonly #maximum: number;

  /** @throws `InvariantError` if `perShare` or `maximum` is not a finite number `>= 0`. */
  constructor(options: FinraTafOptions = {}) {
    const { perShare = 0.000166, maximum = 8.3 } = options;
    this.#perShare = checkParam('FinraTaf', 'perShare', perShare, { min: 0, max: Infinity });
    this.#maximum = checkParam('FinraTaf', 'maximum', maximum, { min: 0, max: Infinity });
    this.name = `FinraTaf(${String(perShare)} per share, max ${String(maximum)})`;
  }

  /** The fee on a sell fill, capped and rounded up to the cent; `0` on buys. */
  fee(params: FeeParams): number {
    if (params.side !== 'sell') return 0;
    return ceilToCent(Math.min(this.#perShare * params.quantity, this.#maximum));
  }
}
