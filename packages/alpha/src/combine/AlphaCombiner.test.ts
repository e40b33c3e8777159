import { SeededRandom } from '@qt-backtest/core';
import { describe, expect, it } from 'vitest';
import { Alpha } from '../alpha/Alpha.js';
import { type AlphaPanel, truncatePanel } from '../alpha/AlphaPanel.js';
import { AlphaCombiner, type CombineMethod } from './AlphaCombiner.js';

/** Seeded random-walk panel of `n` symbols × `m` rows. */
function panel(n = 12, m = 300, seed = 5): AlphaPanel {
  const rng = new SeededRandom(seed);
  const time = Float64Array.from({ length: m }, (_, i) => i * 86_400_000);
  const close = Array.from({ length: n }, () => {
    let p = 100;
    return Float64Array.from({ length: m }, () => (p *= 1 + 0.02 * (rng.next() - 0.5)));
  });
  return { time, symbols: close.map((_, j) => `S${j}`), open: close, high: close, low: close, close, volume: close };
}

/** The planted leak: a score equal to the forward return over h rows — it reads the future. */
class Leak extends Alpha<{ h: number }> {
  compute(p: AlphaPanel): Float64Array[] {
    return p.close.map((c) => Float64Array.from(c, (x, t) => (t + this.params.h < c.length ? c[t + this.params.h]! / x - 1 : Number.NaN)));
  }
}

/** Seeded noise: causal (depends on the row and symbol only). */
class Noise extends Alpha<{ seed: number }> {
  compute(p: AlphaPanel): Float64Array[] {
    return p.close.map((c, j) => Float64Array.from(c, (_x, t) => new SeededRandom(this.params.seed * 1e6 + j * 1e4 + t).next() - 0.5));
  }
}

const H = 5;
const methods: CombineMethod[] = ['ic-weighted', 'ir-weighted', 'inverse-variance'];

describe('AlphaCombiner: IC at t only from s + h <= t (planted leak)', () => {
  const p = panel();
  it.each(methods)('%s: weights at every row are unchanged when the rows after it are removed', (method) => {
    const combo = new AlphaCombiner([new Leak({ h: H }), new Noise({ seed: 1 })], { method, horizon: H, window: 40, minObservations: 10 });
    const full = combo.weights(p);
    for (const t of [20, 30, 60, 120, 200, 298]) {
      const part = combo.weights(truncatePanel(p, t + 1));
      for (let k = 0; k < 2; k++) expect(part[k]![t], `${method} alpha ${k} row ${t}`).toBe(full[k]![t]);
    }
  });

  it('ic-weighted: the leak gets no extra weight before its first forward returns are realised, then dominates', () => {
    const combo = new AlphaCombiner([new Leak({ h: H }), new Noise({ seed: 1 })], { method: 'ic-weighted', horizon: H, window: 40, minObservations: 10 });
    const w = combo.weights(p);
    // realised ICs exist from row H on; 10 of them from row H + 9 = 14: before that, equal weights
    for (let t = 0; t < H + 9; t++) expect(w[0]![t]).toBe(0.5);
    expect(w[0]![H + 9]!).toBeGreaterThan(0.8); // realised IC of the leak is 1 at every row
    // the weight at row t is exactly the one recomputed by hand from ICs of rows s <= t − H
    const ic = combo.realisedIc(p);
    const t = 150;
    const mean = (k: number) => {
      const xs = Array.from(ic[k]!.subarray(t - H - 40 + 1, t - H + 1)).filter(Number.isFinite);
      return Math.max(0, xs.reduce((a, b) => a + b, 0) / xs.length);
    };
    expect(ic[0]![t - H]).toBeCloseTo(1, 12);
    expect(w[0]![t]).toBeCloseTo(mean(0) / (mean(0) + mean(1)), 14);
  });

  it('a leaky variant (IC through s <= t) would differ: the check above can fail', () => {
    const combo = new AlphaCombiner([new Leak({ h: H }), new Noise({ seed: 1 })], { method: 'ic-weighted', horizon: H, window: 40, minObservations: 10 });
    const ic = combo.realisedIc(p);
    // IC of row t itself is only known at t + H: on the panel cut at t it does not exist yet
    const cut = combo.realisedIc(truncatePanel(p, 101));
    expect(ic[0]![100]).toBeCloseTo(1, 12);
    expect(cut[0]![100]).toBeNaN();
  });
});

describe('AlphaCombiner methods', () => {
  const p = panel(8, 120, 9);
  it('equal: the mean of per-row z-scores; rank-average: the mean of ranks in [−1, 1]', () => {
    const a = new Noise({ seed: 2 });
    const b = new Noise({ seed: 3 });
    const eq = new AlphaCombiner([a, b], { method: 'equal' }).compute(p);
    const ra = new AlphaCombiner([a, b], { method: 'rank-average' }).compute(p);
    const t = 50;
    const z = (xs: number[]) => {
      const m = xs.reduce((s, x) => s + x, 0) / xs.length;
      const sd = Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1));
      return xs.map((x) => (x - m) / sd);
    };
    const sa = a.compute(p).map((s) => s[t]!);
    const sb = b.compute(p).map((s) => s[t]!);
    const za = z(sa);
    const zb = z(sb);
    eq.forEach((s, j) => expect(s[t]).toBeCloseTo((za[j]! + zb[j]!) / 2, 12));
    const rank = (xs: number[], j: number) => xs.filter((x) => x < xs[j]!).length; // no ties in noise
    ra.forEach((s, j) => expect(s[t]).toBeCloseTo(((2 * rank(sa, j)) / 7 - 1 + (2 * rank(sb, j)) / 7 - 1) / 2, 12));
  });

  it('is itself a causal alpha when its parts are (validate on the combination)', () => {
    const combo = new AlphaCombiner([new Noise({ seed: 4 }), new Noise({ seed: 5 })], { method: 'ir-weighted', horizon: 3, window: 30, minObservations: 5 });
    const report = combo.validate(p);
    expect(report.causal).toBe(true);
    expect(report.ok).toBe(true);
  });

  it('rejects bad options', () => {
    expect(() => new AlphaCombiner([], { method: 'equal' })).toThrow(/at least one alpha/);
    expect(() => new AlphaCombiner([new Noise({ seed: 1 })], { method: 'magic' as CombineMethod })).toThrow(/method "magic"/);
    expect(() => new AlphaCombiner([new Noise({ seed: 1 })], { method: 'ic-weighted', horizon: 0 })).toThrow(/horizon 0/);
  });
});
