/**
 * Constructor-argument checks shared by the cost models: one message format, quoting the value.
 */
import { InvariantError } from '../errors.js';

/** An interval of allowed values; bounds are closed unless marked open. */
export interface ParamRange {
  readonly min: number;
  readonly max: number;
  readonly minOpen?: boolean;
  readonly maxOpen?: boolean;
}

/** Quotes a bad value the way the error message shows it (strings in quotes, so "5" ≠ 5). */
export function quote(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/**
 * Returns `value` if it is a finite number inside `range`.
 *
 * @param owner - the class name, e.g. `FixedBpsSlippage`.
 * @param field - the parameter name, e.g. `bps`.
 * @throws {@link InvariantError} quoting the value otherwise (NaN, ±Infinity and non-numbers
 * included: JavaScript callers are not type-checked).
 */
export function checkParam(owner: string, field: string, value: unknown, range: ParamRange): number {
  const { min, max, minOpen = false, maxOpen = false } = range;
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    (minOpen ? value <= min : value < min) ||
    (maxOpen ? value >= max : value > max)
  ) {
    const interval = `${minOpen ? '(' : '['}${String(min)}, ${String(max)}${maxOpen || max === Infinity ? ')' : ']'}`;
    throw new InvariantError(`${owner}: ${field} must be a finite number in ${interval}, got ${quote(value)}`);
  }
  return value;
}

/** Day-count bases the financing models accept: ACT/360 (USD money market) or ACT/365. */
export type DayCount = 360 | 365;

/**
 * Returns `value` if it is 360 or 365.
 *
 * @throws {@link InvariantError} quoting the value otherwise.
 */
export function checkDayCount(owner: string, value: unknown): DayCount {
  if (value !== 360 && value !== 365) {
    throw new InvariantError(`${owner}: dayCount must be 360 or 365, got ${quote(value)}`);
  }
  return value;
}
