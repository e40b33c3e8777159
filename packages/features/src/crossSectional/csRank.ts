/**
 * Cross-sectional rank: each symbol's rank among the symbols present at the same time, in [0, 1].
 */
import { crossSectional, type Panel, panelLength } from './crossSectional.js';

/**
 * Cross-sectional percentile rank: at each time `t`, the values present (non-NaN) are ranked
 * ascending and mapped to `(rank − 1) / (m − 1)` in [0, 1] (lowest 0, highest 1), `m` the number
 * present; ties get the average of their ranks; a lone value gets 0.5. Missing values stay NaN.
 * Uses only values at `t`; invariant to the order of the symbols.
 *
 * @param panel - one column per symbol, aligned in time (NaN = missing)
 * @returns one Float64Array per symbol, same shape
 * @throws {FeatureArgumentError} when columns differ in length
 * @example csRank([[3], [1], [NaN], [3]]) // [[0.75], [0], [NaN], [0.75]]
 */
export function csRank(panel: Panel): Float64Array[] {
  panelLength('csRank', panel);
  const order = new Uint32Array(panel.length);
  return crossSectional(panel, (row, out) => {
    let m = 0;
    for (let s = 0; s < row.length; s++) if (row[s] === row[s]) order[m++] = s;
    if (m === 0) return;
    if (m === 1) {
      out[order[0]!] = 0.5;
      return;
    }
    const present = order.subarray(0, m).sort((a, b) => row[a]! - row[b]! || a - b);
    for (let i = 0; i < m; ) {
      let j = i + 1;
      while (j < m && row[present[j]!] === row[present[i]!]) j++;
      // Ranks i .. j − 1 (0-based) tie: each gets their mean.
      const rank = (i + j - 1) / 2 / (m - 1);
      for (let r = i; r < j; r++) out[present[r]!] = rank;
      i = j;
    }
  });
}
