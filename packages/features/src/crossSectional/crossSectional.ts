/**
 * Cross-sectional transforms over a panel: at each time, a function of the values of every symbol
 * at that time only — causal by construction, since no other time is ever read.
 */
import { FeatureArgumentError } from '../core/errors.js';

/** A panel: one column per symbol, aligned on one time index (NaN = missing). */
export type Panel = readonly ArrayLike<number>[];

/**
 * Transforms one cross-section: `row[s]` is symbol `s`'s value at time `t` (NaN = missing); write
 * the results into `out` (pre-filled with NaN). Both buffers are reused from one time to the next:
 * do not keep them.
 */
export type CrossSectionFn = (row: Float64Array, out: Float64Array, t: number) => void;

/**
 * The panel's number of times; throws unless every column has the same length.
 *
 * @throws {FeatureArgumentError} when columns differ in length
 */
export function panelLength(name: string, panel: Panel): number {
  const n = panel[0]?.length ?? 0;
  for (let s = 0; s < panel.length; s++) {
    if (panel[s]!.length !== n) {
      throw new FeatureArgumentError(`${name}: panel columns differ in length (column 0 has ${n} values, column ${s} has "${panel[s]!.length}")`);
    }
  }
  return n;
}

/**
 * Applies `fn` to each time's cross-section, returning a panel of the same shape (one new
 * Float64Array per symbol). `fn` sees only the values at `t`, so the output at `t` cannot depend on
 * other times.
 *
 * @param panel - one column per symbol, equal lengths
 * @param fn - the per-time transform
 * @returns one column per symbol
 * @throws {FeatureArgumentError} when columns differ in length
 * @example
 * // Each symbol's share of the cross-section's total at each time:
 * crossSectional(volumes, (row, out) => {
 *   let total = 0;
 *   for (const v of row) if (v === v) total += v;
 *   for (let s = 0; s < row.length; s++) out[s] = row[s]! / total;
 * });
 */
export function crossSectional(panel: Panel, fn: CrossSectionFn): Float64Array[] {
  const T = panelLength('crossSectional', panel);
  const S = panel.length;
  const result = Array.from({ length: S }, () => new Float64Array(T));
  const row = new Float64Array(S);
  const out = new Float64Array(S);
  for (let t = 0; t < T; t++) {
    for (let s = 0; s < S; s++) row[s] = panel[s]![t]!;
    out.fill(Number.NaN);
    fn(row, out, t);
    for (let s = 0; s < S; s++) result[s]![t] = out[s]!;
  }
  return result;
}
