import { InvariantError } from '../errors.js';
import { checkDayCount, checkParam, quote } from './checkParam.js';
import type { DayCount } from './checkParam.js';
import type { BorrowModel, BorrowParams } from './FinancingModel.js';

/** Options of {@link FixedRateBorrow}. */
export interface FixedRateBorrowOptions {
  /** Annual borrow fee as a fraction of the short's value (`0.003` = 0.3 %), `>= 0`. */
  readonly annualRate: number;
  /** Days in the rate's year: `360` (ACT/360, the USD convention; default) or `365`. */
  readonly dayCount?: 360 | 365;
  /** Symbols that cannot be shorted at all (new short sales are rejected). */
  readonly notShortable?: readonly string[];
  /** Annual rates for hard-to-borrow symbols, overriding `annualRate`; each `>= 0`. */
  readonly rates?: Readonly<Record<string, number>>;
}

/**
 * Short borrow at fixed annual rates, accrued simply on the short's value:
 * `quantity × price × rate × days / dayCount`, where `rate` is the symbol's entry in `rates` or
 * else `annualRate`. Rates do not change over time; hard-to-borrow history is not modelled.
 *
 * @example
 * // 1 000 shares short at $50, 0.25 %/yr, over a weekend (3 days), ACT/360:
 * // 50 000 × 0.0025 × 3 / 360 = $1.041 666…
 * new FixedRateBorrow({ annualRate: 0.0025 }).borrowFee({ symbol: 'AAPL', quantity: 1_000, price: 50, days: 3, time });
 */
export class FixedRateBorrow implements BorrowModel {
  readonly name: string;
  readonly #annualRate: number;
  readonly #dayCount: DayCount;
  readonly #notShortable: ReadonlySet<string>;
  // A Map, not the caller's object: a symbol named like an Object.prototype member
  // ("constructor") must not find an inherited value.
  readonly #rates: ReadonlyMap<string, number>;

  /**
   * @throws {@link InvariantError} if `annualRate` or a value of `rates` is not a finite number
   *   `>= 0`, `dayCount` is not 360 or 365, `notShortable` is not an array of strings, or
   *   `rates` is not an object.
   */
  constructor(options: FixedRateBorrowOptions) {
    const { annualRate, dayCount = 360, notShortable = [], rates = {} } = options;
    this.#annualRate = checkParam('FixedRateBorrow', 'annualRate', annualRate, { min: 0, max: Infinity });
    this.#dayCount = checkDayCount('FixedRateBorrow', dayCount);
    if (!Array.isArray(notShortable) || !notShortable.every((s) => typeof s === 'string')) {
      throw new InvariantError(`FixedRateBorrow: notShortable must be an array of symbols, got ${quote(notShortable)}`);
    }
    this.#notShortable = new Set(notShortable);
    if (typeof rates !== 'object' || rates === null || Array.isArray(rates)) {
      throw new InvariantError(
        `FixedRateBorrow: rates must be an object of symbol → annual rate, got ${quote(rates)}`,
      );
    }
    const entries = Object.entries(rates);
    for (const [symbol, rate] of entries) {
      checkParam('FixedRateBorrow', `rates[${JSON.stringify(symbol)}]`, rate, { min: 0, max: Infinity });
    }
    this.#rates = new Map(entries);

    const parts = [String(annualRate), `ACT/${String(dayCount)}`];
    if (notShortable.length > 0) parts.push(`notShortable [${notShortable.join(', ')}]`);
    if (entries.length > 0) parts.push(`rates {${entries.map(([s, r]) => `${s}: ${String(r)}`).join(', ')}}`);
    this.name = `FixedRateBorrow(${parts.join(', ')})`;
  }

  /** The fee for holding the short over `params.days`, in account currency. */
  borrowFee(params: BorrowParams): number {
    const rate = this.#rates.get(params.symbol) ?? this.#annualRate;
    return (params.quantity * params.price * rate * params.days) / this.#dayCount;
  }

  /** `false` for the symbols listed in `notShortable`, whatever the time. */
  isShortable(symbol: string, _time: number): boolean {
    return !this.#notShortable.has(symbol);
  }
}
