import { InvariantError } from '../errors.js';
import { checkParam } from './checkParam.js';
import type { FeeModel, FeeParams } from './FeeModel.js';

/** Options of {@link PerShareFee}. */
export interface PerShareFeeOptions {
  /** Currency per share, `>= 0` (IBKR Fixed, US stocks: `0.005`). */
  readonly perShare: number;
  /** Least commission per order, `>= 0`; default `0` (IBKR Fixed: `1`). */
  readonly minimum?: number;
  /** Most commission per order in currency, `> 0`; default: none. */
  readonly maximum?: number;
  /** Most commission per order as a fraction of its value, in `(0, 1]`; default: none (IBKR Fixed: `0.01`). */
  readonly maximumFractionOfValue?: number;
}

/**
 * A per-share commission with a per-order minimum and maximum, in the style of Interactive
 * Brokers' "Fixed" US stock pricing (USD 0.005 a share, at least USD 1.00 and at most 1 % of trade
 * value per order; interactivebrokers.com/en/pricing/commissions-stocks.php).
 *
 * For an order of `Q` shares at price `p` the commission is
 * `min(max(perShare × Q, minimum), cap)` with `cap = min(maximum, maximumFractionOfValue × p × Q)`:
 * when the cap is below the minimum, the cap wins (IBKR's table lists both without saying which
 * wins; this is the reading that keeps the 1 %-of-value promise on tiny orders).
 *
 * Partial fills: the fee is charged per fill without memory of earlier fills. Each fill pays its
 * pro-rata share of `min(perShare × Q, cap)` (that is `quantity / orderQuantity` of it), and the
 * first fill also pays the top-up that lifts the whole order to the minimum. So an order that
 * fills completely pays exactly the per-order commission however it was split (the value cap is
 * taken at each fill's price, so fills at different prices make it approximate); an order whose
 * remainder is cancelled keeps the top-up computed for the whole order and may pay up to
 * `minimum` less than a broker charging the minimum on the filled part alone.
 *
 * Not rounded.
 *
 * @example
 * // IBKR's published examples for Fixed pricing:
 * const ibkr = new PerShareFee({ perShare: 0.005, minimum: 1, maximumFractionOfValue: 0.01 });
 * // 100 shares @ $25 → $1.00; 1 000 @ $25 → $5.00; 1 000 @ $0.25 → $2.50.
 */
export class PerShareFee implements FeeModel {
  readonly name: string;
  readonly #perShare: number;
  readonly #minimum: number;
  readonly #maximum: number;
  readonly #maximumFraction: number;

  /**
   * @throws {@link InvariantError} if a parameter is not a finite number in its range, or
   *   `maximum < minimum`.
   */
  constructor(options: PerShareFeeOptions) {
    const { perShare, minimum = 0, maximum, maximumFractionOfValue } = options;
    this.#perShare = checkParam('PerShareFee', 'perShare', perShare, { min: 0, max: Infinity });
    this.#minimum = checkParam('PerShareFee', 'minimum', minimum, { min: 0, max: Infinity });
    this.#maximum =
      maximum === undefined
        ? Infinity
        : checkParam('PerShareFee', 'maximum', maximum, { min: 0, max: Infinity, minOpen: true });
    this.#maximumFraction =
      maximumFractionOfValue === undefined
        ? Infinity
        : checkParam('PerShareFee', 'maximumFractionOfValue', maximumFractionOfValue, {
            min: 0,
            max: 1,
            minOpen: true,
          });
    if (this.#maximum < this.#minimum) {
      throw new InvariantError(
        `PerShareFee: maximum must be >= minimum, got maximum ${String(maximum)} and minimum ${String(minimum)}`,
      );
    }
    const parts = [String(perShare)];
    if (minimum !== 0) parts.push(`min ${String(minimum)}`);
    if (maximum !== undefined) parts.push(`max ${String(maximum)}`);
    if (maximumFractionOfValue !== undefined) parts.push(`max ${String(maximumFractionOfValue)} of value`);
    this.name = `PerShareFee(${parts.join(', ')})`;
  }

  /**
   * The fill's share of the order's commission, in account currency (see the class notes).
   *
   * @throws {@link InvariantError} unless `0 < quantity <= orderQuantity`.
   */
  fee(params: FeeParams): number {
    const { price, quantity, orderQuantity, firstFill } = params;
    if (!(quantity > 0 && quantity <= orderQuantity)) {
      throw new InvariantError(
        'PerShareFee: a fill needs 0 < quantity <= orderQuantity, ' +
          `got quantity ${String(quantity)} and orderQuantity ${String(orderQuantity)}`,
      );
    }
    // Both caps per order, valued at this fill's price (Infinity when not set).
    const cap = Math.min(this.#maximum, this.#maximumFraction * price * orderQuantity);
    const variable = Math.min(this.#perShare * orderQuantity, cap);
    const share = (variable * quantity) / orderQuantity;
    if (!firstFill) return share;
    // What lifts the order's total to the minimum; the cap beats the minimum (see the class notes).
    const topUp = Math.max(0, Math.min(this.#minimum, cap) - variable);
    return share + topUp;
  }
}
