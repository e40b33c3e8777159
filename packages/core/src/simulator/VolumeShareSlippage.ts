import { checkParam } from './checkParam.js';
import type { SlippageModel, SlippageParams } from './SlippageModel.js';

/** Options of {@link VolumeShareSlippage}. */
export interface VolumeShareSlippageOptions {
  /** Impact coefficient, `>= 0`; default `0.1` (zipline's default). */
  readonly priceImpact?: number;
  /**
   * Cap on the volume share used in the formula, in `(0, 1]`; default: no cap. It does not limit
   * how much fills (the engine's participation limit does that).
   */
  readonly volumeLimit?: number;
}

/**
 * Zipline's quadratic volume-share impact:
 * `price × priceImpact × (min(quantity / volume, volumeLimit))²` per share.
 *
 * Formula from zipline `zipline/finance/slippage.py`, `VolumeShareSlippage.process_order`
 * (`simulated_impact = volume_share ** 2 * price_impact * price`, with
 * `volume_share = min(total_volume / volume, volume_limit)`). Differences: the share is that of
 * this fill alone (zipline adds earlier fills of the same bar; this model is stateless, so the
 * same fill always costs the same), and the price is the rule price rather than the close.
 *
 * A bar without volume (`NaN`, `0`, or not finite) gives `0`: the impact is undefined there, and
 * volume is missing from whole data sets, which a run should survive. Fills on such bars are the
 * participation limit's concern, not the slippage model's.
 *
 * @example
 * // zipline's own test: 5 shares of a 200-share bar at $3 → 3 × 0.1 × 0.025² = $0.0001875.
 * new VolumeShareSlippage().slippage({ ...params, price: 3, quantity: 5, bar: { ...bar, volume: 200 } });
 */
export class VolumeShareSlippage implements SlippageModel {
  readonly name: string;
  readonly #priceImpact: number;
  readonly #volumeLimit: number;

  /**
   * @throws `InvariantError` if `priceImpact` is not a finite number `>= 0`, or
   *   `volumeLimit` is not a finite number in `(0, 1]`.
   */
  constructor(options: VolumeShareSlippageOptions = {}) {
    const { priceImpact = 0.1, volumeLimit } = options;
    this.#priceImpact = checkParam('VolumeShareSlippage', 'priceImpact', priceImpact, { min: 0, max: Infinity });
    this.#volumeLimit =
      volumeLimit === undefined
        ? Infinity
        : checkParam('VolumeShareSlippage', 'volumeLimit', volumeLimit, { min: 0, max: 1, minOpen: true });
    const limit = volumeLimit === undefined ? '' : `, volumeLimit ${String(volumeLimit)}`;
    this.name = `VolumeShareSlippage(priceImpact ${String(priceImpact)}${limit})`;
  }

  /** `price × priceImpact × share²` in price units per share; `0` on a bar without volume. */
  slippage(params: SlippageParams): number {
    const volume = params.bar.volume;
    if (!(volume > 0) || !Number.isFinite(volume)) return 0;
    const share = Math.min(params.quantity / volume, this.#volumeLimit);
    return params.price * this.#priceImpact * share * share;
  }
}
