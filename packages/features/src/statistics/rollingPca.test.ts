import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { FeatureArgumentError } from '../core/errors.js';
import { RollingPca, rollingPca } from './rollingPca.js';

/** Deterministic pseudo-random numbers (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A panel of f series with a common factor (distinct eigenvalues, like returns). */
function factorPanel(n: number, f: number, seed: number): Float64Array[] {
  const r = random(seed);
  const beta = Array.from({ length: f }, (_, j) => 0.5 + j / f);
  const panel = Array.from({ length: f }, () => new Float64Array(n));
  for (let t = 0; t < n; t++) {
    const m = r() - 0.5;
    for (let j = 0; j < f; j++) panel[j]![t] = 0.02 * (beta[j]! * m + (r() - 0.5) * (0.3 + j * 0.1));
  }
  return panel;
}

/** From scratch: two-pass sample covariance of rows t − w + 1 .. t, ml-matrix eigen, same sign rule. */
function referencePca(panel: readonly Float64Array[], t: number, w: number, k: number): { values: number[]; vectors: number[][]; total: number } {
  const f = panel.length;
  const means = panel.map((c) => {
    let s = 0;
    for (let i = t - w + 1; i <= t; i++) s += c[i]!;
    return s / w;
  });
  const cov = new Matrix(f, f);
  let total = 0;
  for (let a = 0; a < f; a++) {
    for (let b = 0; b < f; b++) {
      let s = 0;
      for (let i = t - w + 1; i <= t; i++) s += (panel[a]![i]! - means[a]!) * (panel[b]![i]! - means[b]!);
      cov.set(a, b, s / (w - 1));
    }
    total += cov.get(a, a);
  }
  const evd = new EigenvalueDecomposition(cov, { assumeSymmetric: true });
  const order = evd.realEigenvalues.map((v, i) => [v, i] as const).sort((x, y) => y[0] - x[0]);
  const values: number[] = [];
  const vectors: number[][] = [];
  for (const [v, col] of order.slice(0, k)) {
    values.push(v);
    const vec = evd.eigenvectorMatrix.getColumn(col);
    let pivot = 0;
    for (let j = 1; j < f; j++) if (Math.abs(vec[j]!) > Math.abs(vec[pivot]!)) pivot = j;
    vectors.push(vec.map((x) => (vec[pivot]! < 0 ? -x : x)));
  }
  return { values, vectors, total };
}

describe('rollingPca', () => {
  it('matches a hand calculation', () => {
    // Rows (1, 2), (2, 4), (3, 6): covariance [[1, 2], [2, 4]] → eigenvalues 5 and 0, loading
    // (1, 2)/√5. Rows (2, 4), (3, 6), (4, 7): var 1, 7/3, cov 3/2 → λ = (10 ± √97)/6.
    const out = rollingPca([Float64Array.of(1, 2, 3, 4), Float64Array.of(2, 4, 6, 7)], { window: 3, components: 2 });
    expect(out.explained[0]![1]).toBeNaN();
    expect(out.explained[0]![2]).toBeCloseTo(5, 14);
    expect(out.explained[1]![2]).toBeCloseTo(0, 14);
    expect(out.loadings[0]![0]![2]).toBeCloseTo(1 / Math.sqrt(5), 14);
    expect(out.loadings[0]![1]![2]).toBeCloseTo(2 / Math.sqrt(5), 14);
    expect(out.total[2]).toBe(5);
    expect(out.explained[0]![3]).toBeCloseTo((10 + Math.sqrt(97)) / 6, 14);
    expect(out.explained[1]![3]).toBeCloseTo((10 - Math.sqrt(97)) / 6, 14);
    expect([...out.asOf]).toEqual([Number.NaN, Number.NaN, 2, 3]);
  });

  it('equals a from-scratch covariance + eigendecomposition at every row', () => {
    const panel = factorPanel(160, 6, 7);
    const w = 30;
    const k = 3;
    const out = rollingPca(panel, { window: w, components: k });
    for (let t = 0; t < w - 1; t++) expect(out.explained[0]![t]).toBeNaN();
    for (let t = w - 1; t < 160; t++) {
      const ref = referencePca(panel, t, w, k);
      expect(Math.abs(out.total[t]! / ref.total - 1)).toBeLessThan(1e-12);
      for (let c = 0; c < k; c++) {
        expect(Math.abs(out.explained[c]![t]! / ref.values[c]! - 1)).toBeLessThan(1e-10);
        for (let j = 0; j < 6; j++) expect(Math.abs(out.loadings[c]![j]![t]! - ref.vectors[c]![j]!)).toBeLessThan(1e-8);
      }
    }
  });

  it('orients each eigenvector so its largest-magnitude loading is positive, unit length', () => {
    const panel = factorPanel(80, 5, 3).map((c) => c.map((v) => -v));
    const out = rollingPca(panel, { window: 40, components: 5 });
    for (let c = 0; c < 5; c++) {
      const vec = out.loadings[c]!.map((col) => col[79]!);
      const big = vec.reduce((a, v) => (Math.abs(v) > Math.abs(a) ? v : a), 0);
      expect(big).toBeGreaterThan(0);
      expect(Math.hypot(...vec)).toBeCloseTo(1, 12);
    }
  });

  it('decomposes every stride rows, carrying values forward with asOf, equal to stride 1 there', () => {
    const panel = factorPanel(100, 4, 11);
    const every = rollingPca(panel, { window: 20, components: 2 });
    const strided = rollingPca(panel, { window: 20, components: 2, stride: 7 });
    for (let t = 19; t < 100; t++) {
      const asOf = 19 + Math.floor((t - 19) / 7) * 7;
      expect(strided.asOf[t]).toBe(asOf);
      // Exact window sums: the covariance at a row does not depend on the stride or history.
      expect(strided.explained[1]![t]).toBe(every.explained[1]![asOf]);
      expect(strided.loadings[0]![3]![t]).toBe(every.loadings[0]![3]![asOf]);
    }
  });

  it('is NaN while a row with a NaN is in the window, then recovers', () => {
    const panel = factorPanel(30, 3, 5);
    panel[1]![10] = Number.NaN;
    const out = rollingPca(panel, { window: 5, components: 1 });
    const nan = [...out.explained[0]!].map(Number.isNaN);
    expect(nan.slice(4, 10).every((v) => !v)).toBe(true);
    expect(nan.slice(10, 15).every((v) => v)).toBe(true);
    expect(nan.slice(15).every((v) => !v)).toBe(true);
    expect(out.total[12]).toBeNaN();
  });

  it('streams the same values as frozen snapshots that later rows never change', () => {
    const panel = factorPanel(60, 4, 9);
    const batch = rollingPca(panel, { window: 15, components: 2, stride: 4 });
    const s = new RollingPca(4, { window: 15, components: 2, stride: 4 });
    const snapshots = [];
    for (let t = 0; t < 60; t++) {
      const v = s.add(panel.map((c) => c[t]!));
      snapshots.push([v, JSON.stringify(v)] as const);
      expect(Object.isFrozen(v) && Object.isFrozen(v.explained) && Object.isFrozen(v.loadings[0])).toBe(true);
      expect(Object.is(v.asOf, batch.asOf[t])).toBe(true);
      expect(Object.is(v.total, batch.total[t])).toBe(true);
      for (let c = 0; c < 2; c++) {
        expect(Object.is(v.explained[c], batch.explained[c]![t])).toBe(true);
        for (let j = 0; j < 4; j++) expect(Object.is(v.loadings[c]![j], batch.loadings[c]![j]![t])).toBe(true);
      }
    }
    for (const [v, json] of snapshots) expect(JSON.stringify(v)).toBe(json);
    expect(s.isReady).toBe(true);
    expect(s.warmUp).toBe(15);
  });

  it('rejects bad options and rows', () => {
    const panel = factorPanel(10, 3, 1);
    expect(() => rollingPca(panel, { window: 1, components: 1 })).toThrow(FeatureArgumentError);
    expect(() => rollingPca(panel, { window: 5, components: 4 })).toThrow('"4"');
    expect(() => rollingPca(panel, { window: 5, components: 1, stride: 0 })).toThrow('"0"');
    expect(() => rollingPca([], { window: 5, components: 1 })).toThrow(FeatureArgumentError);
    expect(() => rollingPca([Float64Array.of(1, 2), Float64Array.of(1)], { window: 2, components: 1 })).toThrow(FeatureArgumentError);
    expect(() => new RollingPca(3, { window: 5, components: 1 }).add([1, 2])).toThrow('"2"');
  });
});

const pricesFile = join(dirname(fileURLToPath(import.meta.url)), '../../../../..', 'shared', 'data', 'stock_prices.csv');

describe.skipIf(!existsSync(pricesFile))('rollingPca on daily returns of 11 stocks 1990–2018 (real data)', () => {
  it('equals the from-scratch decomposition and finds a market factor', () => {
    const lines = readFileSync(pricesFile, 'utf8').trim().split('\n');
    const header = lines[0]!.split(',');
    const names = ['AAPL', 'GE', 'AMD', 'WMT', 'BAC', 'T', 'XOM', 'BBY', 'PFE', 'JPM', 'SBUX'];
    const cols = names.map((nm) => header.indexOf(nm));
    const rows = lines.slice(1).map((l) => l.split(',')).filter((r) => cols.every((c) => r[c] !== '' && r[c] !== undefined));
    const returns = cols.map((c) => Float64Array.from(rows.slice(1), (r, i) => Number(r[c]) / Number(rows[i]![c]) - 1));
    const n = returns[0]!.length;
    expect(n).toBeGreaterThan(5000);
    const w = 250;
    const out = rollingPca(returns, { window: w, components: 3, stride: 21 });
    for (let t = w - 1; t < n; t += 21 * 10) {
      const ref = referencePca(returns, t, w, 3);
      for (let c = 0; c < 3; c++) expect(Math.abs(out.explained[c]![t]! / ref.values[c]! - 1)).toBeLessThan(1e-9);
      for (let j = 0; j < names.length; j++) expect(Math.abs(out.loadings[0]![j]![t]! - ref.vectors[0]![j]!)).toBeLessThan(1e-7);
      // The first component is the market: nearly every stock loads on it positively (a quiet
      // stock can sit slightly below 0 in a window dominated by a volatile one, e.g. AMD).
      expect(out.loadings[0]!.filter((col) => col[t]! > 0).length).toBeGreaterThanOrEqual(9);
      expect(out.explained[0]![t]! / out.total[t]!).toBeGreaterThan(0.15);
    }
  });
});
