/**
 * Per-date quantile labels exactly as `pandas.qcut(x, q, labels=False) + 1` (numpy's linear
 * quantile edges, right-closed bins, the lowest edge included).
 */

/**
 * Writes quantile labels 1…q of `values[0..n)` into `labels`. Returns false — and leaves labels
 * undefined — when the edges are not unique (pandas raises "Bin edges must be unique"; alphalens
 * then drops the date). `sorted` is scratch space of length >= n; `edges` of length >= q + 1.
 */
export function qcutLabels(
  values: ArrayLike<number>,
  n: number,
  q: number,
  labels: Uint8Array | Int32Array,
  sorted: Float64Array,
  edges: Float64Array,
): boolean {
  if (n === 0) return false;
  for (let i = 0; i < n; i++) sorted[i] = values[i]!;
  const s = sorted.subarray(0, n).sort();
  const step = 1 / q;
  for (let j = 0; j <= q; j++) {
    const p = j === q ? 1 : j * step; // np.linspace(0, 1, q + 1)
    const vi = (n - 1) * p; // numpy 'linear' virtual index
    if (vi >= n - 1) {
      edges[j] = s[n - 1]!;
      continue;
    }
    const lo = Math.floor(vi);
    const g = vi - lo;
    const a = s[lo]!;
    const b = s[lo + 1]!;
    const diff = b - a;
    edges[j] = g >= 0.5 ? b - diff * (1 - g) : a + diff * g; // numpy's _lerp
  }
  // len(bins) != 2 is always true for q >= 2
  for (let j = 1; j <= q; j++) if (!(edges[j]! > edges[j - 1]!)) return false;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    // searchsorted(edges, v, 'left'): number of edges < v; the lowest edge is included in bin 1
    let lo = 0;
    let hi = q + 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (edges[mid]! < v) lo = mid + 1;
      else hi = mid;
    }
    labels[i] = v === edges[0] ? 1 : lo;
  }
  return true;
}
