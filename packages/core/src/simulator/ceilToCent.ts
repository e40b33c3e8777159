/**
 * Rounding of regulatory fees, which brokers pass through rounded up to the cent.
 */

/** Relative distance from a whole cent under which a float amount counts as that cent. */
const CENT_TOLERANCE = 1e-9;

/**
 * Rounds a currency amount (`>= 0`) up to the next whole cent.
 *
 * Amounts within a relative 1e-9 of a whole cent count as that cent: binary floating point
 * cannot hold most decimal amounts, and a fee that is exactly $0.10 in decimal (the SEC fee at
 * $8.00 per million on a $12 500 sale) computes as `0.1`, whose `× 100` is `10.000000000000002`;
 * a plain `Math.ceil` would add a cent that is not owed.
 *
 * @example
 * ceilToCent(34.320987342); // 34.33
 * ceilToCent(0.07); // 0.07, not 0.08 (0.07 × 100 is 7.000000000000001 in floats)
 */
export function ceilToCent(amount: number): number {
  const cents = amount * 100;
  const nearest = Math.round(cents);
  if (Math.abs(cents - nearest) <= CENT_TOLERANCE * Math.max(1, Math.abs(cents))) return nearest / 100;
  return Math.ceil(cents) / 100;
}
