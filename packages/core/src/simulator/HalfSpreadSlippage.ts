import { checkParam } from './checkParam.js';
import type { SlippageModel, SlippageParams } from './SlippageModel.js';

/**
 * Paying half the quoted bid-ask spread: `price × spreadBps / 20 000` per share.
 *
 * Bars carry no quotes, so the rule price stands for the mid and the full spread is a fixed
 * `spreadBps` of it; a marketable order buys at the ask or sells at the bid, half a spread away.
 *
 * @example
 * // A 10 bps spread on a $100 stock is $0.10 wide; crossing from the mid costs $0.05.
 * new HalfSpreadSlippage(10).slippage({ ...params, price: 100 }); // 0.05
 */
export class HalfSpreadSlippage implements SlippageModel {
  readonly name: string;
  readonly #spreadBps: number;

  /**
   * @param spreadBps - the full quoted spread in basis points of the price, in `[0, 20 000)`
   *   (a half spread of the whole price would take a sale's price to zero).
   * @throws `InvariantError` if `spreadBps` is not a finite number in that range.
   */
  constructor(spreadBps: number) {
    this.#spreadBps = checkParam('HalfSpreadSlippage', 'spreadBps', spreadBps, {
      min: 0,
      max: 20_000,
      maxOpen: true,
    });
    this.name = `HalfSpreadSlippage(${String(spreadBps)})`;
  }

  /** `price × spreadBps / 20 000`, in price units per share. */
  slippage(params: SlippageParams): number {
    return (params.price * this.#spreadBps) / 20_000;
  }
}
