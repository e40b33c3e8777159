import { checkParam } from './checkParam.js';
import type { SlippageModel, SlippageParams } from './SlippageModel.js';

/** Options of {@link SquareRootImpactSlippage}. */
export interface SquareRootImpactSlippageOptions {
  /**
   * Dimensionless impact coefficient, `>= 0`; default `0.1`. Published fits differ widely by
   * market, period and order type: calibrate it to your own execution costs where you can.
   */
  readonly coefficient?: number;
  /**
   * Daily volatility of returns as a fraction (`0.02` = 2 % a day), in `(0, 1]`. One fixed value
   * for every symbol and date; it is not estimated from the data.
   */
  readonly volatility: number;
}

/**
 * The square-root law of market impact:
 * `price × coefficient × σ_daily × sqrt(quantity / volume)` per share.
 *
 * Impact grows with the square root of the participation (Grinold & Kahn, "Active Portfolio
 * Management", 2nd ed. 2000, on transaction costs; Almgren, Thum, Hauptmann & Li, "Direct
 * Estimation of Equity Market Impact", Risk, July 2005, who fit an exponent of about 3/5 to broker
 * data). `volume` is the bar's volume, so `volatility` should match the bar's horizon: daily σ
 * with daily bars.
 *
 * A bar without volume (`NaN`, `0`, or not finite) gives `0`, as in `VolumeShareSlippage`.
 *
 * @example
 * // 10 000 shares of a 1 000 000-share day at $50, σ 2 %: 50 × 0.1 × 0.02 × √0.01 = $0.01.
 * new SquareRootImpactSlippage({ volatility: 0.02 }).slippage(params);
 */
export class SquareRootImpactSlippage implements SlippageModel {
  readonly name: string;
  readonly #coefficient: number;
  readonly #volatility: number;

  /**
   * @throws `InvariantError` if `coefficient` is not a finite number `>= 0`, or
   *   `volatility` is not a finite number in `(0, 1]`.
   */
  constructor(options: SquareRootImpactSlippageOptions) {
    const { coefficient = 0.1, volatility } = options;
    this.#coefficient = checkParam('SquareRootImpactSlippage', 'coefficient', coefficient, { min: 0, max: Infinity });
    this.#volatility = checkParam('SquareRootImpactSlippage', 'volatility', volatility, {
      min: 0,
      max: 1,
      minOpen: true,
    });
    this.name = `SquareRootImpactSlippage(coefficient ${String(coefficient)}, volatility ${String(volatility)})`;
  }

  /** `price × coefficient × σ × sqrt(quantity / volume)`; `0` on a bar without volume. */
  slippage(params: SlippageParams): number {
    const volume = params.bar.volume;
    if (!(volume > 0) || !Number.isFinite(volume)) return 0;
    return params.price * this.#coefficient * this.#volatility * Math.sqrt(params.quantity / volume);
  }
}
