/**
 * Cross-sectional winsorisation: each value clipped to quantiles of the symbols present at the
 * same time.
 */
import { FeatureArgumentError } from '../core/errors.js';
import { crossSectional, type Panel, panelLength } from './crossSectional.js';

/** Options of {@link winsorize}: quantile levels in [0, 1], `lower <= upper`. */
export interface WinsorizeOptions {
  /** Values below this cross-sectional quantile are raised to it (e.g. 0.01). */
  readonly lower: number;
  /** Values above this cross-sectional quantile are lowered to it (e.g. 0.99). */
  readonly upper: number;
}

/**
 * Cross-sectional winsorisation: at each time `t`, every present value is clipped to
 * `[q(lower), q(upper)]`, the quantiles of the values present (non-NaN) at `t`. Quantiles
 * interpolate linearly between order statistics (Hyndman & Fan type 7, the default of numpy and
 * R): with the `m` values sorted `v_0 <= … <= v_{m−1}`, `q(p) = v_k + (h − k)(v_{k+1} − v_k)`,
 * `h = (m − 1)p`, `k = ⌊h⌋`. Missing values stay NaN. Uses only values at `t`; invariant to the
 * order of the symbols.
 *
 * @param panel - one column per symbol, aligned in time (NaN = missing)
 * @param options - `lower` and `upper` quantile levels
 * @returns one Float64Array per symbol, same shape
 * @throws {FeatureArgumentError} for levels outside [0, 1] or `lower > upper`, or unequal lengths
 * @example winsorize([[1], [2], [3], [4], [100]], { lower: 0, upper: 0.75 }) // [[1], [2], [3], [4], [4]]
 */
export function winsorize(panel: Panel, options: WinsorizeOptions): Float64Array[] {
  const { lower, upper } = options;
  for (const [key, p] of [['lower', lower], ['upper', upper]] as const) {
    if (typeof p !== 'number' || !(p >= 0 && p <= 1)) throw new FeatureArgumentError(`winsorize: ${key} must be a quantile level in [0, 1], got "${String(p)}"`);
  }
  if (lower > upper) throw new FeatureArgumentError(`winsorize: lower ("${lower}") must not exceed upper ("${upper}")`);
  panelLength('winsorize', panel);
  const sorted = new Float64Array(panel.length);
  return crossSectional(panel, (row, out) => {
    let m = 0;
    for (let s = 0; s < row.length; s++) if (row[s] === row[s]) sorted[m++] = row[s]!;
    if (m === 0) return;
    const values = sorted.subarray(0, m).sort();
    const lo = quantile(values, lower);
    const hi = quantile(values, upper);
    for (let s = 0; s < row.length; s++) {
      const v = row[s]!;
      out[s] = v < lo ? lo : v > hi ? hi : v;
    }
  });
}

/** Type-7 quantile of ascending `values` (non-empty). */
function quantile(values: Float64Array, p: number): number {
  const h = (values.length - 1) * p;
  const k = Math.floor(h);
  const a = values[k]!;
  if (k + 1 >= values.length) return a;
  const b = values[k + 1]!;
  // a + (h − k)(b − a) stays within [a, b]; exact at h = k and when a = b (even infinite).
  return h === k || a === b ? a : a + (h - k) * (b - a);
}
