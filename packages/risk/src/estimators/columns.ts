/**
 * Column kernels shared by the estimators: pandas-exact pairwise statistics and the
 * exponentially weighted mean recursion.
 */

/** The column-major copy of a row-major table (one contiguous column per symbol). */
export function toColumns(values: Float64Array, rows: number, n: number): Float64Array {
  const out = new Float64Array(rows * n);
  // Blocked transpose: 32 × 32 tiles keep both sides in cache.
  const B = 32;
  for (let t0 = 0; t0 < rows; t0 += B) {
    const t1 = Math.min(rows, t0 + B);
    for (let j0 = 0; j0 < n; j0 += B) {
      const j1 = Math.min(n, j0 + B);
      for (let t = t0; t < t1; t++) {
        const rt = t * n;
        for (let j = j0; j < j1; j++) out[j * rows + t] = values[rt + j]!;
      }
    }
  }
  return out;
}

/** Whether column `j` (column-major) has no NaN. */
export function isComplete(cols: Float64Array, rows: number, j: number): boolean {
  const o = j * rows;
  for (let t = 0; t < rows; t++) if (Number.isNaN(cols[o + t]!)) return false;
  return true;
}

/**
 * Covariance (ddof 1) of columns i and j over the rows where both are present, by the same
 * Welford recursion as pandas' `nancorr(cov=True)`; `NaN` with fewer than 2 common rows.
 * With `corr`, the Pearson correlation of those rows instead.
 */
export function pairCovariance(cols: Float64Array, rows: number, i: number, j: number, corr = false): number {
  pairMoments(cols, rows, i, j);
  return corr ? lastCorr : lastCov;
}

let lastCov = Number.NaN;
let lastCorr = Number.NaN;

/** Both pairwise statistics of the last {@link pairMoments} call. */
export function lastPairMoments(): { readonly cov: number; readonly corr: number } {
  return { cov: lastCov, corr: lastCorr };
}

/** Computes covariance and correlation of columns i, j (pandas recursion); read them with {@link lastPairMoments}. */
export function pairMoments(cols: Float64Array, rows: number, i: number, j: number): void {
  const oi = i * rows;
  const oj = j * rows;
  let nobs = 0;
  let mx = 0;
  let my = 0;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let t = 0; t < rows; t++) {
    const vx = cols[oi + t]!;
    const vy = cols[oj + t]!;
    if (vx !== vx || vy !== vy) continue;
    nobs++;
    const dx = vx - mx;
    const dy = vy - my;
    mx += dx / nobs;
    my += dy / nobs;
    sxx += (vx - mx) * dx;
    syy += (vy - my) * dy;
    sxy += (vx - mx) * dy;
  }
  if (nobs < 2) {
    lastCov = lastCorr = Number.NaN;
    return;
  }
  const dc = Math.sqrt(sxx * syy);
  lastCov = sxy / (nobs - 1);
  lastCorr = dc !== 0 ? sxy / dc : Number.NaN;
}

/**
 * The last value of pandas `Series.ewm(alpha=α, adjust=True, ignore_na=False).mean()` over
 * `values[offset .. offset+length)` with stride 1: weights `(1−α)^age` by absolute position, NaN
 * rows skipped but still ageing the earlier observations. `NaN` if nothing is observed.
 */
export function ewmMeanLast(values: Float64Array, offset: number, length: number, alpha: number): number {
  const decay = 1 - alpha;
  let weighted = values[offset]!;
  let oldWt = 1;
  for (let i = 1; i < length; i++) {
    const cur = values[offset + i]!;
    const obs = cur === cur;
    if (weighted === weighted) {
      oldWt *= decay;
      if (obs) {
        if (weighted !== cur) weighted = (oldWt * weighted + cur) / (oldWt + 1);
        oldWt += 1;
      }
    } else if (obs) {
      weighted = cur;
    }
  }
  return weighted;
}
