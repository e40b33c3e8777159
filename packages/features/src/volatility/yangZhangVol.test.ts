import { describe, expect, it } from 'vitest';
import { FeatureArgumentError } from '../core/errors.js';
import { hasSharedData, needsSharedData, yahooColumns } from '../internal/testData.js';
import { testFeatureContract } from '../testing/testFeatureContract.js';
import { normals } from '../internal/randomBars.js';
import { parkinsonVol } from './parkinsonVol.js';
import { YangZhangVol, yangZhangVol, yangZhangVolFeature } from './yangZhangVol.js';

const same = (a: number, b: number): boolean => a === b || (Number.isNaN(a) && Number.isNaN(b));

type Ohlc = { open: Float64Array; high: Float64Array; low: Float64Array; close: Float64Array };

/**
 * Bars of a Brownian log price: an overnight jump N(0, gap²), then `steps` increments with drift
 * `drift` and volatility σ per bar.
 */
function bars(n: number, steps: number, sigma: number, gap: number, drift: number, seed: number): Ohlc {
  const z = normals(seed);
  const b: Ohlc = { open: new Float64Array(n), high: new Float64Array(n), low: new Float64Array(n), close: new Float64Array(n) };
  let p = 0;
  for (let i = 0; i < n; i++) {
    p += gap * z();
    const o = p;
    let h = p;
    let l = p;
    for (let s = 0; s < steps; s++) {
      p += drift / steps + (sigma / Math.sqrt(steps)) * z();
      if (p > h) h = p;
      if (p < l) l = p;
    }
    b.open[i] = 100 * Math.exp(o);
    b.high[i] = 100 * Math.exp(h);
    b.low[i] = 100 * Math.exp(l);
    b.close[i] = 100 * Math.exp(p);
  }
  return b;
}

/** The formula written out with Math.log (sample variances with their own means). */
function reference(b: Ohlc, period: number, i: number): number {
  const o: number[] = [];
  const c: number[] = [];
  let rs = 0;
  for (let j = i - period + 1; j <= i; j++) {
    o.push(Math.log(b.open[j]! / b.close[j - 1]!));
    c.push(Math.log(b.close[j]! / b.open[j]!));
    const [O, H, L, C] = [b.open[j]!, b.high[j]!, b.low[j]!, b.close[j]!];
    rs += Math.log(H / C) * Math.log(H / O) + Math.log(L / C) * Math.log(L / O);
  }
  const variance = (xs: number[]): number => {
    const m = xs.reduce((a, x) => a + x, 0) / xs.length;
    return xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1);
  };
  const k = 0.34 / (1.34 + (period + 1) / (period - 1));
  return Math.sqrt(variance(o) + k * variance(c) + (1 - k) * (rs / period));
}

describe('yangZhangVol', () => {
  it('matches a hand calculation', () => {
    // Period 2 over bars 1–2 (bar 0 only supplies the previous close 1), log prices:
    //   bar 1: o = ln(1/1) = 0, c = ln(C/O) = 0.1, H = e^0.1, L = 1 → RS = (0.1 − 0.1)·0.1 + (0 − 0.1)·0 = 0
    //   bar 2: o = ln(e^0.1/e^0.1) = 0, c = 0, H = e^0.2, L = 1 → RS = 0.1·0.1 + (−0.1)·(−0.1) = 0.02
    // σ²_o = 0; σ²_c = ((0.1 − 0.05)² + (0 − 0.05)²)/1 = 0.005; σ²_rs = (0 + 0.02)/2 = 0.01;
    // k = 0.34/(1.34 + 3/1) = 0.34/4.34; σ² = 0 + 0.005·k + 0.01·(1 − k).
    const e = Math.exp;
    const v = yangZhangVol({ open: [1, 1, e(0.1)], high: [1, e(0.1), e(0.2)], low: [1, 1, 1], close: [1, e(0.1), e(0.1)] }, 2);
    const k = 0.34 / 4.34;
    expect(v[0]).toBeNaN();
    expect(v[1]).toBeNaN(); // needs a previous close for every bar of the window: first value at index 2
    expect(v[2]).toBeCloseTo(Math.sqrt(0.005 * k + 0.01 * (1 - k)), 14);
  });

  it('matches the formula written out with Math.log on simulated bars with gaps', () => {
    const b = bars(300, 30, 0.02, 0.01, 0, 4);
    const v = yangZhangVol(b, 20);
    for (let i = 20; i < 300; i++) expect(v[i]).toBeCloseTo(reference(b, 20, i), 13);
    const annual = yangZhangVol(b, 20, { periodsPerYear: 252 });
    expect(annual[299]).toBeCloseTo(v[299]! * Math.sqrt(252), 13);
  });

  it('recovers close-to-close volatility including overnight gaps, and ignores drift where Parkinson does not', () => {
    // σ = 1 % intraday, 0.5 % overnight: total √(1e-4 + 2.5e-5) ≈ 1.118 %; discrete sampling of
    // highs and lows pulls the estimate a few percent low.
    const truth = Math.sqrt(1e-4 + 2.5e-5);
    const flat = bars(2000, 390, 0.01, 0.005, 0, 11);
    const trending = bars(2000, 390, 0.01, 0.005, 0.01, 11); // drift of one σ per bar
    const yzFlat = yangZhangVol(flat, 1999)[1999]!;
    const yzTrend = yangZhangVol(trending, 1999)[1999]!;
    expect(yzFlat / truth).toBeGreaterThan(0.93);
    expect(yzFlat / truth).toBeLessThan(1.01);
    expect(Math.abs(yzTrend / yzFlat - 1)).toBeLessThan(0.03);
    const pkFlat = parkinsonVol(flat, 2000)[1999]!;
    const pkTrend = parkinsonVol(trending, 2000)[1999]!;
    expect(pkTrend / pkFlat).toBeGreaterThan(1.1);
  });

  it('is NaN while the window or the close before it holds a NaN', () => {
    const b = bars(12, 10, 0.02, 0.01, 0, 8);
    b.close[3] = Number.NaN; // bar 3's intraday return and bar 4's overnight return
    const v = yangZhangVol(b, 3);
    expect([...v].map(Number.isNaN)).toEqual([true, true, true, true, true, true, true, false, false, false, false, false]);
  });

  it('streams the same values', () => {
    const b = bars(200, 20, 0.02, 0.01, 0.001, 5);
    b.high[60] = Number.NaN;
    const batch = yangZhangVol(b, 10);
    const s = new YangZhangVol(10);
    for (let i = 0; i < 200; i++) expect(same(s.add({ open: b.open[i]!, high: b.high[i]!, low: b.low[i]!, close: b.close[i]! }), batch[i]!)).toBe(true);
    expect(s.isReady).toBe(true);
    expect(s.warmUp).toBe(11);
  });

  it('rejects bad parameters and incomplete bars', () => {
    const one = { open: [1], high: [1], low: [1], close: [1] };
    expect(() => yangZhangVol(one, 1)).toThrow(FeatureArgumentError);
    expect(() => yangZhangVol(one, 2, { periodsPerYear: -252 })).toThrow('"-252"');
    expect(() => new YangZhangVol(2).add({ open: 1, high: 2, low: 1 })).toThrow('"close"');
    expect(yangZhangVolFeature(20).name).toBe('yangZhangVol(20)');
  });
});

describe.skipIf(!hasSharedData)(`yangZhangVol on ORCL 1995–2014 ${needsSharedData}`, () => {
  const empty = new Float64Array(0);
  const { open, high, low, close } = hasSharedData ? yahooColumns() : { open: empty, high: empty, low: empty, close: empty };
  testFeatureContract(yangZhangVolFeature(20), { open, high, low, close });
  testFeatureContract(yangZhangVolFeature(60, { periodsPerYear: 252 }), { open, high, low, close });
});
