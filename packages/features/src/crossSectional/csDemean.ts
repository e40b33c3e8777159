/**
 * Cross-sectional demeaning: each value minus the mean of the symbols present at the same time.
 */
import { ExactRollingSum } from '../core/ExactRollingSum.js';
import { crossSectional, type Panel, panelLength } from './crossSectional.js';

/**
 * Scratch sums of `csDemean`, reused by every call: a per-call object lets V8 discard the kernel's
 * optimised code at each garbage collection ("weak objects" deopt; see `ema`). Safe: the kernel
 * clears them first and runs to completion without calling user code.
 */
const CS_DEMEAN_SUM = new ExactRollingSum();

/**
 * Cross-sectional demeaning: at each time `t`, `out = x − mean(x present at t)`. Missing (NaN)
 * values stay NaN and are left out of the mean; an infinite value makes the whole time's output
 * NaN (the mean is undefined). The mean is the exactly rounded sum / m, so the result does not
 * depend on the order of the symbols. Uses only values at `t`.
 *
 * @param panel - one column per symbol, aligned in time (NaN = missing)
 * @returns one Float64Array per symbol, same shape
 * @throws {FeatureArgumentError} when columns differ in length
 * @example csDemean([[1], [2], [NaN], [6]]) // [[−2], [−1], [NaN], [3]]
 */
export function csDemean(panel: Panel): Float64Array[] {
  panelLength('csDemean', panel);
  const sum = CS_DEMEAN_SUM;
  sum.clear();
  return crossSectional(panel, (row, out) => {
    const mean = crossSectionMean(row, sum);
    for (let s = 0; s < row.length; s++) out[s] = row[s]! - mean;
  });
}

/**
 * Mean of the non-NaN values of `row` (exactly rounded sum / count; NaN when none).
 *
 * @internal shared by csDemean and csZScore
 */
export function crossSectionMean(row: Float64Array, sum: ExactRollingSum): number {
  sum.clear();
  let m = 0;
  let infinite = 0;
  for (let s = 0; s < row.length; s++) {
    const v = row[s]!;
    if (v !== v) continue;
    m++;
    // An infinity would poison the expansion's partials: count it instead.
    if (v === Infinity || v === -Infinity) infinite++;
    else sum.add(v);
  }
  return m === 0 || infinite > 0 ? Number.NaN : sum.sum() / m;
}
