import { meanOf, sampleStd } from './internal.js';

/** Windows at most this long are computed one by one (two-pass each); longer ones incrementally. */
const DIRECT_WINDOW = 64;

/**
 * Rolling mean and sample standard deviation (ddof = 1) of `values` over `window` periods, written
 * into `mean` and `std` at every index whose window is complete and holds no NaN (other entries are
 * left untouched, so callers pre-fill them with NaN).
 *
 * Short windows are computed one by one with the two-pass algorithm (O(n·window)). Long windows
 * — a half-year of minute bars is 49,000 periods — use shifted sums updated as the window slides,
 * with Neumaier compensation, re-anchored by a fresh two-pass pass every `window` steps: O(n)
 * overall, and the rounding error never accumulates over more than one window (relative error
 * ≈ 1e-13 on return series). A window of one repeated value gives mean = that value and std = 0
 * exactly, as the direct path does; windows holding ±Infinity fall back to the direct path.
 */
export function rollingMeanStd(values: ArrayLike<number>, window: number, mean: Float64Array | null, std: Float64Array): void {
  const n = values.length;
  let lastNaN = -1;
  let lastInf = -1;
  if (window <= DIRECT_WINDOW) {
    for (let i = 0; i < n; i++) {
      if (Number.isNaN(values[i]!)) lastNaN = i;
      const from = i - window + 1;
      if (from < 0 || lastNaN >= from) continue;
      if (mean !== null) mean[i] = meanOf(values, from, i + 1);
      std[i] = sampleStd(values, from, i + 1);
    }
    return;
  }
  // Running sums of d = x − anchor: s1 = Σd, s2 = Σd², each with a Neumaier compensation term.
  let anchor = 0;
  let s1 = 0;
  let c1 = 0;
  let s2 = 0;
  let c2 = 0;
  let sinceAnchor = -1; // −1: no valid anchored window
  let run = 0; // length of the run of equal values ending at i
  for (let i = 0; i < n; i++) {
    const x = values[i]!;
    if (Number.isNaN(x)) lastNaN = i;
    else if (!Number.isFinite(x)) lastInf = i;
    run = i > 0 && x === values[i - 1]! ? run + 1 : 1;
    const from = i - window + 1;
    if (from < 0 || lastNaN >= from) {
      sinceAnchor = -1;
      continue;
    }
    if (lastInf >= from) {
      sinceAnchor = -1;
      if (mean !== null) mean[i] = meanOf(values, from, i + 1);
      std[i] = sampleStd(values, from, i + 1);
      continue;
    }
    if (sinceAnchor < 0 || sinceAnchor >= window) {
      anchor = meanOf(values, from, i + 1);
      s1 = 0;
      c1 = 0;
      s2 = 0;
      c2 = 0;
      for (let k = from; k <= i; k++) {
        const d = values[k]! - anchor;
        let t = s1 + d;
        c1 += Math.abs(s1) >= Math.abs(d) ? s1 - t + d : d - t + s1;
        s1 = t;
        const q = d * d;
        t = s2 + q;
        c2 += s2 >= q ? s2 - t + q : q - t + s2;
        s2 = t;
      }
      sinceAnchor = 0;
    } else {
      const dIn = x - anchor;
      const dOut = -(values[from - 1]! - anchor);
      let t = s1 + dIn;
      c1 += Math.abs(s1) >= Math.abs(dIn) ? s1 - t + dIn : dIn - t + s1;
      s1 = t;
      t = s1 + dOut;
      c1 += Math.abs(s1) >= Math.abs(dOut) ? s1 - t + dOut : dOut - t + s1;
      s1 = t;
      const qIn = dIn * dIn;
      const qOut = -(dOut * dOut);
      t = s2 + qIn;
      c2 += Math.abs(s2) >= Math.abs(qIn) ? s2 - t + qIn : qIn - t + s2;
      s2 = t;
      t = s2 + qOut;
      c2 += Math.abs(s2) >= Math.abs(qOut) ? s2 - t + qOut : qOut - t + s2;
      s2 = t;
      sinceAnchor++;
    }
    if (run >= window) {
      if (mean !== null) mean[i] = x;
      std[i] = 0;
      continue;
    }
    const sum1 = s1 + c1;
    if (mean !== null) mean[i] = anchor + sum1 / window;
    const m2 = s2 + c2 - (sum1 * sum1) / window;
    std[i] = Math.sqrt(m2 < 0 ? 0 : m2 / (window - 1));
  }
}
