/** Small causal helpers shared by the library alphas (per-symbol maps, clamping, market returns). */
import type { AlphaPanel } from '../alpha/AlphaPanel.js';

/** Applies `f` to each symbol index, collecting one score array per symbol. */
export function perSymbol(panel: AlphaPanel, f: (j: number) => Float64Array): Float64Array[] {
  return panel.symbols.map((_, j) => f(j));
}

/** Element-wise map into a new Float64Array (NaN propagates through `f`). */
export function mapArray(n: number, f: (t: number) => number): Float64Array {
  const out = new Float64Array(n);
  for (let t = 0; t < n; t++) out[t] = f(t);
  return out;
}

/** One-row simple returns `c[t] / c[t−1] − 1` (NaN at 0 and around missing closes). */
export function simpleReturns(close: Float64Array): Float64Array {
  return mapArray(close.length, (t) => (t === 0 ? Number.NaN : close[t]! / close[t - 1]! - 1));
}

/** Equal-weight mean of the symbols' one-row returns that exist at each row (NaN when none). */
export function marketReturns(panel: AlphaPanel): Float64Array {
  const rs = panel.close.map(simpleReturns);
  return mapArray(panel.time.length, (t) => {
    let s = 0;
    let c = 0;
    for (const r of rs) {
      if (Number.isFinite(r[t]!)) {
        s += r[t]!;
        c++;
      }
    }
    return c === 0 ? Number.NaN : s / c;
  });
}

/** Confidence that grows with |score| / scale and saturates at 1. */
export function saturating(score: number, scale: number): number {
  return Math.min(1, Math.abs(score) / scale);
}
