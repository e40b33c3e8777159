/**
 * Margin as fractions of position value, separately for longs and shorts (Reg T style).
 */
import { InvariantError } from '../errors.js';
import type { MarginModel, MarginParams } from './MarginModel.js';

/** Fractions of position value required as equity. */
export interface FractionMarginOptions {
  /** Initial requirement on long value (Reg T: 0.5). */
  readonly initial: number;
  /** Maintenance requirement on long value (FINRA minimum: 0.25). Default 0. */
  readonly maintenance?: number;
  /** Initial requirement on short value (default: `initial`). */
  readonly shortInitial?: number;
  /** Maintenance requirement on short value (default: `maintenance`; FINRA: 0.30). */
  readonly shortMaintenance?: number;
}

/**
 * `initial = initial × long + shortInitial × short`, likewise for maintenance.
 *
 * @example
 * new FractionMargin({ initial: 0.5, maintenance: 0.25, shortMaintenance: 0.3 }) // Reg T + FINRA 4210
 * @see FINRA Rule 4210 (maintenance margin); Federal Reserve Regulation T (initial margin).
 */
export class FractionMargin implements MarginModel {
  readonly name: string;
  readonly #long: readonly [number, number];
  readonly #short: readonly [number, number];

  /** @throws {InvariantError} unless 0 < initial and 0 <= maintenance <= initial, for each side. */
  constructor(options: FractionMarginOptions) {
    const li = options.initial;
    const lm = options.maintenance ?? 0;
    const si = options.shortInitial ?? li;
    const sm = options.shortMaintenance ?? lm;
    for (const [label, i, m] of [
      ['long', li, lm],
      ['short', si, sm],
    ] as const) {
      if (!(i > 0 && Number.isFinite(i)) || !(m >= 0) || m > i) {
        throw new InvariantError(`${label} margin needs 0 < initial and 0 <= maintenance <= initial, got initial "${i}", maintenance "${m}"`);
      }
    }
    this.#long = [li, lm];
    this.#short = [si, sm];
    this.name = `FractionMargin(initial ${li}/${si}, maintenance ${lm}/${sm})`;
  }

  initial(p: MarginParams): number {
    return this.#long[0] * p.longValue + this.#short[0] * p.shortValue;
  }

  maintenance(p: MarginParams): number {
    return this.#long[1] * p.longValue + this.#short[1] * p.shortValue;
  }
}
