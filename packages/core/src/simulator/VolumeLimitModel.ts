/**
 * Volume limits: how much of a bar's traded volume one symbol's fills may take.
 */
import type { BarSnapshot } from './SlippageModel.js';

/** Inputs of {@link VolumeLimitModel.maxQuantity}. */
export interface VolumeLimitParams {
  readonly symbol: string;
  readonly side: 'buy' | 'sell';
  readonly bar: BarSnapshot;
  /** Shares of this symbol already filled on this bar (all orders). */
  readonly filledThisBar: number;
}

/**
 * Extension point: the most shares of a symbol that may still fill on this bar (`>= 0`;
 * `Infinity` for no cap). The rest of an order waits for later bars (a partial fill).
 */
export interface VolumeLimitModel {
  readonly name: string;
  maxQuantity(params: VolumeLimitParams): number;
}
