import { InvariantError } from '../errors.js';
import type { PortfolioConstructionModel, PortfolioConstructionParams } from './PortfolioConstructionModel.js';
import { type PortfolioTarget, targetWeight } from './PortfolioTarget.js';

/** Options of {@link LongShortQuantilePortfolio}. */
export interface LongShortQuantileOptions {
  /** Number of quantiles (default 5): the top one is bought, the bottom one sold. */
  readonly quantiles?: number;
  /** Gross exposure, split half long, half short (default 1). */
  readonly gross?: number;
  /** Whether to hold the short leg (default true; false gives a long-only top quantile). */
  readonly short?: boolean;
}

/**
 * Cross-sectional long–short: symbols ranked by their summed insight scores; the top `1/quantiles`
 * (at least one) equally weighted long with `gross/2`, the bottom `1/quantiles` short with `gross/2`.
 * Ties are broken by symbol name so the book is deterministic.
 *
 * @example
 * new LongShortQuantilePortfolio({ quantiles: 5 }); // 100 names → 20 long at +0.025, 20 short at −0.025
 */
export class LongShortQuantilePortfolio implements PortfolioConstructionModel {
  readonly name: string;
  readonly #quantiles: number;
  readonly #gross: number;
  readonly #short: boolean;

  /** @throws {InvariantError} for quantiles not an integer >= 2 or gross not finite and > 0. */
  constructor(options: LongShortQuantileOptions = {}) {
    this.#quantiles = options.quantiles ?? 5;
    this.#gross = options.gross ?? 1;
    this.#short = options.short ?? true;
    if (!(Number.isInteger(this.#quantiles) && this.#quantiles >= 2)) {
      throw new InvariantError(`LongShortQuantilePortfolio: quantiles ${String(options.quantiles)} must be an integer >= 2`);
    }
    if (!(Number.isFinite(this.#gross) && this.#gross > 0)) {
      throw new InvariantError(`LongShortQuantilePortfolio: gross ${String(options.gross)} must be finite and > 0`);
    }
    this.name = `LongShortQuantilePortfolio(${this.#quantiles}, gross ${this.#gross}${this.#short ? '' : ', long only'})`;
  }

  createTargets({ insights }: PortfolioConstructionParams): readonly PortfolioTarget[] {
    const scores = new Map<string, number>();
    for (const i of insights) scores.set(i.symbol, (scores.get(i.symbol) ?? 0) + i.score);
    const ranked = [...scores].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const n = ranked.length;
    if (n < 2) return [];
    const k = Math.max(1, Math.floor(n / this.#quantiles));
    const legs = this.#short ? 2 : 1;
    const each = this.#gross / legs / k;
    const out: PortfolioTarget[] = [];
    for (const [s] of ranked.slice(n - k)) out.push(targetWeight(s, each));
    if (this.#short) for (const [s] of ranked.slice(0, k)) out.push(targetWeight(s, -each));
    return out;
  }
}
