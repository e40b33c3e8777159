import { checkParam } from './checkParam.js';
import type { SlippageModel, SlippageParams } from './SlippageModel.js';

/**
 * Slippage of a fixed fraction of the price: `price × bps / 10 000` per share, whatever the size
 * of the order or the bar.
 *
 * @example
 * new FixedBpsSlippage(5).slippage({ ...params, price: 100 }); // 0.05
 */
export class FixedBpsSlippage implements SlippageModel {
  readonly name: string;
  readonly #bps: number;

  /**
   * @param bps - basis points of the price, in `[0, 10 000)` (10 000 bps would take a sale's
   *   price to zero).
   * @throws `InvariantError` if `bps` is not a finite number in that range.
   */
  constructor(bps: number) {
    this.#bps = checkParam('FixedBpsSlippage', 'bps', bps, { min: 0, max: 10_000, maxOpen: true });
    this.name = `FixedBpsSlippage(${String(bps)})`;
  }

  /** `price × bps / 10 000`, in price units per share. */
  slippage(params: SlippageParams): number {
    return (params.price * this.#bps) / 10_000;
  }
}
