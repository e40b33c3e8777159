import { checkDayCount, checkParam } from './checkParam.js';
import type { DayCount } from './checkParam.js';
import type { InterestModel, InterestParams } from './FinancingModel.js';

/** Options of {@link FixedRateInterest}. */
export interface FixedRateInterestOptions {
  /**
   * Annual rate credited on a positive balance, in `(-1, 1)`; default `0`. Negative rates (as on
   * EUR, CHF or JPY deposits in the 2010s) charge the balance instead.
   */
  readonly cashRate?: number;
  /** Annual rate charged on a negative balance (a margin loan), in `[0, 1)`; default `0`. */
  readonly marginRate?: number;
  /** Days in the rates' year: `360` (ACT/360, the USD convention; default) or `365`. */
  readonly dayCount?: 360 | 365;
}

/**
 * Simple interest on the cash balance at fixed annual rates:
 * `cash × rate × days / dayCount`, with `rate = cashRate` when `cash > 0` and `marginRate` when
 * `cash < 0`. The result is signed like the interest model contract: positive is credited,
 * negative (margin interest) is charged. Not compounded within the period; rates do not change
 * over time; no balance tiers.
 *
 * @example
 * const interest = new FixedRateInterest({ cashRate: 0.04, marginRate: 0.065 });
 * interest.interest({ cash: 100_000, days: 1, time }); // 100 000 × 0.04 / 360 = 11.11…
 * interest.interest({ cash: -50_000, days: 3, time }); // −50 000 × 0.065 × 3 / 360 = −27.08…
 */
export class FixedRateInterest implements InterestModel {
  readonly name: string;
  readonly #cashRate: number;
  readonly #marginRate: number;
  readonly #dayCount: DayCount;

  /**
   * @throws `InvariantError` if `cashRate` is not a finite number in `(-1, 1)`,
   *   `marginRate` not one in `[0, 1)` (rates are fractions: `0.05`, not `5`), or `dayCount` is
   *   not 360 or 365.
   */
  constructor(options: FixedRateInterestOptions = {}) {
    const { cashRate = 0, marginRate = 0, dayCount = 360 } = options;
    this.#cashRate = checkParam('FixedRateInterest', 'cashRate', cashRate, {
      min: -1,
      max: 1,
      minOpen: true,
      maxOpen: true,
    });
    this.#marginRate = checkParam('FixedRateInterest', 'marginRate', marginRate, { min: 0, max: 1, maxOpen: true });
    this.#dayCount = checkDayCount('FixedRateInterest', dayCount);
    this.name = `FixedRateInterest(cash ${String(cashRate)}, margin ${String(marginRate)}, ACT/${String(dayCount)})`;
  }

  /** Signed interest over `params.days`, in account currency. */
  interest(params: InterestParams): number {
    const { cash, days } = params;
    const rate = cash > 0 ? this.#cashRate : this.#marginRate;
    const amount = (cash * rate * days) / this.#dayCount;
    // A zero balance, rate or period gives +0, never −0, so `Object.is(amount, 0)` holds.
    return amount === 0 ? 0 : amount;
  }
}
