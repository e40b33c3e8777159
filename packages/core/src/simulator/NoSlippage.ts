import type { SlippageModel, SlippageParams } from './SlippageModel.js';

/**
 * The null slippage model: every fill happens at the price the fill rule produced.
 *
 * @example
 * new NoSlippage().slippage(params); // 0
 */
export class NoSlippage implements SlippageModel {
  readonly name = 'NoSlippage';

  /** Always `0`. */
  slippage(_params: SlippageParams): number {
    return 0;
  }
}
