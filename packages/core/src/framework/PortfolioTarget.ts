/**
 * Portfolio targets: what the book should hold in a symbol, as a fraction of equity or in shares.
 */
import { InvariantError } from '../errors.js';

/** Unit of a {@link PortfolioTarget}: a signed fraction of equity, or signed shares. */
export const TargetUnit = { Weight: 'weight', Quantity: 'quantity' } as const;
/** {@inheritDoc TargetUnit} */
export type TargetUnit = (typeof TargetUnit)[keyof typeof TargetUnit];

/**
 * The desired holding of one symbol. A list of targets is a complete book: a held symbol that no
 * target names is to be closed (see {@link FrameworkStrategy}).
 */
export interface PortfolioTarget {
  readonly symbol: string;
  readonly unit: TargetUnit;
  /** Signed: a fraction of equity (0.1 = 10% long) or shares (−100 = 100 short); finite. */
  readonly value: number;
}

function check(symbol: string, value: number, unit: TargetUnit): PortfolioTarget {
  if (typeof symbol !== 'string' || symbol.length === 0) {
    throw new InvariantError(`portfolio target symbol ${JSON.stringify(symbol)}: expected a non-empty string`);
  }
  if (!Number.isFinite(value)) {
    throw new InvariantError(`portfolio target ${unit} ${String(value)} for "${symbol}": expected a finite number`);
  }
  return Object.freeze({ symbol, unit, value: value === 0 ? 0 : value });
}

/**
 * A target as a signed fraction of equity.
 *
 * @throws {InvariantError} for an empty symbol or a non-finite weight.
 * @example
 * targetWeight('AAPL', 0.05); // 5% of equity long
 */
export function targetWeight(symbol: string, weight: number): PortfolioTarget {
  return check(symbol, weight, TargetUnit.Weight);
}

/**
 * A target in signed shares.
 *
 * @throws {InvariantError} for an empty symbol or a non-finite quantity.
 * @example
 * targetQuantity('AAPL', -100); // 100 shares short
 */
export function targetQuantity(symbol: string, quantity: number): PortfolioTarget {
  return check(symbol, quantity, TargetUnit.Quantity);
}
