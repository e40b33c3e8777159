import { describe, expect, it } from 'vitest';
import { FeatureArgumentError } from '../core/errors.js';
import { hasSharedData, needsSharedData, yahooColumns } from '../internal/testData.js';
import { testFeatureContract } from '../testing/testFeatureContract.js';
import { normals } from '../internal/randomBars.js';
import { HurstExponent, hurstExponent, hurstExponentFeature } from './hurstExponent.js';
import { logReturns } from './logReturns.js';

const same = (a: number, b: number): boolean => a === b || (Number.isNaN(a) && Number.isNaN(b));

/** R/S of one chunk, written out: range of cumulative deviations (0 included) over the population std. */
function rs(chunk: readonly number[]): number {
  const m = chunk.reduce((a, x) => a + x, 0) / chunk.length;
  let y = 0;
  const path = [0];
  for (const x of chunk) path.push((y += x - m));
  const sd = Math.sqrt(chunk.reduce((a, x) => a + (x - m) ** 2, 0) / chunk.length);
  return (Math.max(...path) - Math.min(...path)) / sd;
}

/** Slope of ln(mean R/S) on ln n over n = minChunk·2^k, chunks aligned to the window's end. */
function referenceHurst(w: readonly number[], minChunk: number): number {
  const pts: [number, number][] = [];
  for (let n = minChunk; n <= w.length; n *= 2) {
    const count = Math.floor(w.length / n);
    const start = w.length - count * n;
    let total = 0;
    for (let c = 0; c < count; c++) total += rs(w.slice(start + c * n, start + (c + 1) * n));
    pts.push([Math.log(n), Math.log(total / count)]);
  }
  const mx = pts.reduce((a, [x]) => a + x, 0) / pts.length;
  const my = pts.reduce((a, [, y]) => a + y, 0) / pts.length;
  return pts.reduce((a, [x, y]) => a + (x - mx) * (y - my), 0) / pts.reduce((a, [x]) => a + (x - mx) ** 2, 0);
}

/** Mean of H over non-overlapping windows. */
function meanH(x: Float64Array, period: number, minChunk = 8): number {
  const h = hurstExponent(x, period, { minChunk });
  let s = 0;
  let c = 0;
  for (let i = period - 1; i < h.length; i += period) {
    s += h[i]!;
    c++;
  }
  return s / c;
}

describe('hurstExponent', () => {
  it('matches a hand calculation', () => {
    // Window [1, 3, 2, 6], minChunk 2 → chunk sizes 2 and 4.
    //   n = 2: [1, 3]: mean 2, cumulative deviations −1, 0 → R = 1, S = 1 → R/S = 1;
    //          [2, 6]: mean 4, cumulative −2, 0 → R = 2, S = 2 → 1; mean R/S = 1, ln 1 = 0.
    //   n = 4: mean 3, cumulative −2, −2, −3, 0 → R = 3, S = √(14/4) → R/S = 3/√3.5.
    //   Two points: H = (ln 3 − ½ ln 3.5 − 0)/(ln 4 − ln 2) ≈ 0.681.
    const h = hurstExponent([1, 3, 2, 6], 4, { minChunk: 2 });
    expect([h[0], h[1], h[2]].every(Number.isNaN)).toBe(true);
    expect(h[3]).toBeCloseTo((Math.log(3) - 0.5 * Math.log(3.5)) / Math.LN2, 14);
  });

  it('matches an R/S reference written out, chunk sizes not dividing the window included', () => {
    const z = normals(3);
    const x = Array.from({ length: 400 }, () => z());
    for (const [period, minChunk] of [
      [16, 2],
      [100, 8],
      [64, 4],
    ] as const) {
      const h = hurstExponent(x, period, { minChunk });
      for (let i = period - 1; i < x.length; i += 7) expect(h[i]).toBeCloseTo(referenceHurst(x.slice(i - period + 1, i + 1), minChunk), 12);
    }
  });

  it('is biased upwards on short windows of independent increments, as documented', () => {
    // i.i.d. N(0, 1): the raw R/S estimate sits near 0.57 for N = 128 and 0.59 for N = 32, not 0.5.
    const z = normals(1);
    const x = Float64Array.from({ length: 50_000 }, () => z());
    const h128 = meanH(x, 128);
    expect(h128).toBeGreaterThan(0.54);
    expect(h128).toBeLessThan(0.6);
    expect(meanH(x, 32)).toBeGreaterThan(h128);
  });

  it('separates persistent from anti-persistent increments', () => {
    // AR(1) increments with φ = +0.5 trend (H ≈ 0.69 here), φ = −0.5 mean-revert (H ≈ 0.47).
    const z = normals(2);
    const up = new Float64Array(50_000);
    const down = new Float64Array(50_000);
    let a = 0;
    let b = 0;
    for (let i = 0; i < up.length; i++) {
      const e = z();
      a = 0.5 * a + e;
      b = -0.5 * b + e;
      up[i] = a;
      down[i] = b;
    }
    expect(meanH(up, 128)).toBeGreaterThan(0.63);
    expect(meanH(down, 128)).toBeLessThan(0.5);
  });

  it('on prices with input logReturns equals the R/S of their log returns, one bar later', () => {
    const z = normals(4);
    let p = 50;
    const prices = Array.from({ length: 300 }, () => (p *= Math.exp(0.01 * z())));
    const a = hurstExponent(prices, 64, { input: 'logReturns' });
    const b = hurstExponent(logReturns(prices), 64);
    for (let i = 0; i < prices.length; i++) expect(same(a[i]!, b[i]!)).toBe(true);
    expect(a[63]).toBeNaN();
    expect(a[64]).not.toBeNaN();
  });

  it('is NaN while a NaN is in the window, or when fewer than two chunk sizes have a non-flat chunk', () => {
    const x = Array.from({ length: 40 }, (_, i) => Math.sin(i * 1.3));
    x[20] = Number.NaN;
    const h = hurstExponent(x, 16, { minChunk: 4 });
    expect(Number.isNaN(h[19]!)).toBe(false);
    for (let i = 20; i < 36; i++) expect(h[i]).toBeNaN();
    expect(Number.isNaN(h[36]!)).toBe(false);
    expect(hurstExponent(Array.from({ length: 16 }, () => 1), 16, { minChunk: 4 })[15]).toBeNaN();
  });

  it('streams the same values for both inputs', () => {
    const z = normals(6);
    let p = 20;
    const prices = Array.from({ length: 250 }, () => (p *= Math.exp(0.02 * z())));
    prices[120] = Number.NaN;
    for (const input of ['values', 'logReturns'] as const) {
      const batch = hurstExponent(prices, 32, { input });
      const s = new HurstExponent(32, { input });
      prices.forEach((x, i) => expect(same(s.add(x), batch[i]!)).toBe(true));
      expect(s.isReady).toBe(true);
      expect(s.warmUp).toBe(input === 'values' ? 32 : 33);
    }
  });

  it('rejects bad parameters, quoting the value', () => {
    expect(() => hurstExponent([1], 15)).toThrow(FeatureArgumentError); // needs 2·minChunk = 16
    expect(() => hurstExponent([1], 16, { minChunk: 1 })).toThrow('"1"');
    expect(() => new HurstExponent(32, { minChunk: 2.5 })).toThrow('"2.5"');
    expect(() => hurstExponentFeature(64, { input: 'prices' as never })).toThrow('"prices"');
  });

  it('names its feature after its parameters, on log returns of the close by default', () => {
    expect(hurstExponentFeature(128).name).toBe('hurstExponent(128,logReturns)');
    expect(hurstExponentFeature(64, { minChunk: 4, input: 'values' }).name).toBe('hurstExponent(64,values,minChunk=4)');
  });
});

describe.skipIf(!hasSharedData)(`hurstExponent on ORCL 1995–2014 ${needsSharedData}`, () => {
  const close = hasSharedData ? yahooColumns().close : new Float64Array(0);
  testFeatureContract(hurstExponentFeature(128), { close });
  testFeatureContract(hurstExponentFeature(32, { minChunk: 4 }), { close });
});
