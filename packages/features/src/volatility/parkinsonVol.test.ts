import { describe, expect, it } from 'vitest';
import { FeatureArgumentError } from '../core/errors.js';
import { hasSharedData, needsSharedData, yahooColumns } from '../internal/testData.js';
import { testFeatureContract } from '../testing/testFeatureContract.js';
import { normals } from '../internal/randomBars.js';
import { ParkinsonVol, parkinsonVol, parkinsonVolFeature, RollingTermSum } from './parkinsonVol.js';

const same = (a: number, b: number): boolean => a === b || (Number.isNaN(a) && Number.isNaN(b));

/** Bars of a driftless Brownian log price: `steps` increments of σ/√steps per bar (no overnight gap). */
function brownianBars(n: number, steps: number, sigma: number, seed: number): { high: Float64Array; low: Float64Array } {
  const z = normals(seed);
  const high = new Float64Array(n);
  const low = new Float64Array(n);
  let p = 0;
  for (let i = 0; i < n; i++) {
    let h = p;
    let l = p;
    for (let s = 0; s < steps; s++) {
      p += (sigma / Math.sqrt(steps)) * z();
      if (p > h) h = p;
      if (p < l) l = p;
    }
    high[i] = 100 * Math.exp(h);
    low[i] = 100 * Math.exp(l);
  }
  return { high, low };
}

describe('parkinsonVol', () => {
  it('matches hand calculations', () => {
    // One bar H = 2, L = 1: σ² = ln(2)²/(4 ln 2) = ln(2)/4.
    expect(parkinsonVol({ high: [2], low: [1] }, 1)[0]).toBeCloseTo(Math.sqrt(Math.LN2 / 4), 15);
    // Two bars ln(H/L) = ln 2 and 1 (H = e, L = 1): σ² = (ln(2)² + 1)/(4 ln 2 · 2).
    const v = parkinsonVol({ high: [2, Math.E, 3], low: [1, 1, 3] }, 2);
    expect(v[0]).toBeNaN();
    expect(v[1]).toBeCloseTo(Math.sqrt((Math.LN2 ** 2 + 1) / (8 * Math.LN2)), 15);
    // Bars 2–3: ln(e/1) = 1, ln(3/3) = 0 → σ² = 1/(8 ln 2).
    expect(v[2]).toBeCloseTo(Math.sqrt(1 / (8 * Math.LN2)), 15);
  });

  it('annualises by sqrt(periodsPerYear)', () => {
    const cols = { high: [2, 2.2, 2.1], low: [1.9, 2, 1.8] };
    const perBar = parkinsonVol(cols, 2);
    const annual = parkinsonVol(cols, 2, { periodsPerYear: 252 });
    expect(annual[2]).toBeCloseTo(perBar[2]! * Math.sqrt(252), 14);
  });

  it('matches a direct implementation of the formula on random bars', () => {
    const { high, low } = brownianBars(500, 50, 0.02, 3);
    const v = parkinsonVol({ high, low }, 20);
    for (let i = 19; i < high.length; i++) {
      let s = 0;
      for (let j = i - 19; j <= i; j++) s += Math.log(high[j]! / low[j]!) ** 2;
      expect(v[i]).toBeCloseTo(Math.sqrt(s / (4 * Math.LN2 * 20)), 13);
    }
  });

  it('recovers the volatility of a simulated Brownian price (slightly low: discrete highs and lows)', () => {
    // 2,000 bars of 390 steps with σ = 1 % per bar: the range of 390 samples understates the
    // continuous range, so the estimate is a few percent low; Monte Carlo error ≈ 0.5 %.
    const { high, low } = brownianBars(2000, 390, 0.01, 11);
    const v = parkinsonVol({ high, low }, 2000)[1999]!;
    expect(v).toBeGreaterThan(0.0093);
    expect(v).toBeLessThan(0.0101);
  });

  it('is NaN while a bar with a NaN or non-positive price is in the window', () => {
    const v = parkinsonVol({ high: [2, Number.NaN, 2, 2, 2], low: [1, 1, -1, 1, 1] }, 2);
    expect([...v].map(Number.isNaN)).toEqual([true, true, true, true, false]);
  });

  it('streams the same values, and its term sum streams like the batch one', () => {
    const { high, low } = brownianBars(300, 20, 0.02, 5);
    high[100] = Number.NaN;
    const batch = parkinsonVol({ high, low }, 10, { periodsPerYear: 252 });
    const s = new ParkinsonVol(10, { periodsPerYear: 252 });
    high.forEach((h, i) => expect(same(s.add({ high: h, low: low[i]! }), batch[i]!)).toBe(true));
    expect(s.isReady).toBe(true);
    expect(s.warmUp).toBe(10);
    const t = new RollingTermSum(2);
    expect([1, 2, 3].map((x) => t.add(x))).toEqual([Number.NaN, 3, 5]);
  });

  it('rejects bad parameters and bars without high/low', () => {
    expect(() => parkinsonVol({ high: [1], low: [1] }, 0)).toThrow(FeatureArgumentError);
    expect(() => parkinsonVol({ high: [1], low: [1] }, 1, { periodsPerYear: 0 })).toThrow('"0"');
    expect(() => parkinsonVol({ high: [1, 2], low: [1] }, 1)).toThrow('"2" and "1"');
    expect(() => new ParkinsonVol(2).add({ low: 1 })).toThrow('"high"');
    expect(parkinsonVolFeature(20).name).toBe('parkinsonVol(20)');
    expect(parkinsonVolFeature(20, { periodsPerYear: 252 }).name).toBe('parkinsonVol(20,ppy=252)');
  });
});

describe.skipIf(!hasSharedData)(`parkinsonVol on ORCL 1995–2014 ${needsSharedData}`, () => {
  const { high, low } = hasSharedData ? yahooColumns() : { high: new Float64Array(0), low: new Float64Array(0) };
  testFeatureContract(parkinsonVolFeature(20), { high, low });
  testFeatureContract(parkinsonVolFeature(60, { periodsPerYear: 252 }), { high, low });
});
