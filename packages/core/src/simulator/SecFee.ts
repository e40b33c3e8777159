import { ceilToCent } from './ceilToCent.js';
import { checkParam } from './checkParam.js';
import type { FeeModel, FeeParams } from './FeeModel.js';

/** Options of {@link SecFee}. */
export interface SecFeeOptions {
  /** Dollars per million dollars of sales, in `[0, 1 000 000)`; default `27.80`. */
  readonly ratePerMillion?: number;
}

/**
 * The SEC transaction fee (Securities Exchange Act of 1934, Section 31) that US brokers pass on
 * to sellers: `price × quantity × ratePerMillion / 1 000 000` on sells, rounded up to the cent,
 * `0` on buys.
 *
 * The default, $27.80 per million, is the fiscal-2024 rate effective 2024-05-22 (SEC Release
 * No. 34-99973, "Order Making Fiscal Year 2024 Annual Adjustments to Transaction Fee Rates",
 * 89 FR 29402). The SEC resets the rate at least once a fiscal year (Release No. 34-102779 set it
 * to $0.00 from 2025-05-14), so pass the rate in force over the period you simulate.
 *
 * The SEC levies the fee on exchanges; the rounding up to the cent is how brokers pass it on per
 * trade, and is applied here to each fill.
 *
 * @example
 * // A $1 234 567.89 sale at $27.80/M: 34.3209873… → $34.33.
 * new SecFee().fee({ ...params, side: 'sell', price: 1_234_567.89, quantity: 1 });
 */
export class SecFee implements FeeModel {
  readonly name: string;
  readonly #ratePerMillion: number;

  /** @throws `InvariantError` if `ratePerMillion` is not a finite number in `[0, 1 000 000)`. */
  constructor(options: SecFeeOptions = {}) {
    const { ratePerMillion = 27.8 } = options;
    this.#ratePerMillion = checkParam('SecFee', 'ratePerMillion', ratePerMillion, {
      min: 0,
      max: 1_000_000,
      maxOpen: true,
    });
    this.name = `SecFee(${String(ratePerMillion)} per million)`;
  }

  /** The fee on a sell fill, rounded up to the cent; `0` on buys. */
  fee(params: FeeParams): number {
    if (params.side !== 'sell') return 0;
    return ceilToCent((params.price * params.quantity * this.#ratePerMillion) / 1_000_000);
  }
}
