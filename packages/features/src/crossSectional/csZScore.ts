/**
 * Cross-sectional z-score: each value standardised by the mean and standard deviation of the
 * symbols present at the same time.
 */
import { ExactRollingSum } from '../core/ExactRollingSum.js';
import { crossSectionMean } from './csDemean.js';
import { crossSectional, type Panel, panelLength } from './crossSectional.js';

/**
 * Scratch sums of `csZScore`, reused by every call: a per-call object lets V8 discard the kernel's
 * optimised code at each garbage collection ("weak objects" deopt; see `ema`). Safe: the kernel
 * clears them first and runs to completion without calling user code.
 */
const CS_ZSCORE_SUM = new ExactRollingSum();

/**
 * Cross-sectional z-score: at each time `t`, `out = (x − mean) / sd` over the values present
 * (non-NaN) at `t`, with the SAMPLE standard deviation (divisor m − 1, as pandas' `std()`).
 * Missing values stay NaN. NaN for the whole time when fewer than 2 values are present, when they
 * are all equal (sd = 0: no dispersion to standardise by), or when one is infinite. The mean and
 * the sum of squared deviations are exactly rounded sums, so the result does not depend on the
 * order of the symbols. Uses only values at `t`.
 *
 * @param panel - one column per symbol, aligned in time (NaN = missing)
 * @returns one Float64Array per symbol, same shape
 * @throws {FeatureArgumentError} when columns differ in length
 * @example csZScore([[1], [2], [NaN], [3]]) // [[−1], [0], [NaN], [1]]
 */
export function csZScore(panel: Panel): Float64Array[] {
  panelLength('csZScore', panel);
  const sum = CS_ZSCORE_SUM;
  sum.clear();
  return crossSectional(panel, (row, out) => {
    const mean = crossSectionMean(row, sum);
    if (mean !== mean) return;
    sum.clear();
    let m = 0;
    let min = Infinity;
    let max = -Infinity;
    for (let s = 0; s < row.length; s++) {
      const v = row[s]!;
      if (v !== v) continue;
      const d = v - mean;
      sum.add(d * d);
      m++;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    // Equal values: the rounded mean may sit an ulp off them, which must not read as dispersion.
    if (m < 2 || min === max) return;
    const sd = Math.sqrt(sum.sum() / (m - 1));
    if (!(sd > 0)) return;
    for (let s = 0; s < row.length; s++) out[s] = (row[s]! - mean) / sd;
  });
}
