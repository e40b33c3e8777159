import { describe, expect, it } from 'vitest';
import { FeatureArgumentError } from '../core/errors.js';
import { hasSharedData, needsSharedData, yahooColumns } from '../internal/testData.js';
import { testFeatureContract } from '../testing/testFeatureContract.js';
import { normals } from '../internal/randomBars.js';
import { GarmanKlassVol, garmanKlassVol, garmanKlassVolFeature } from './garmanKlassVol.js';

const same = (a: number, b: number): boolean => a === b || (Number.isNaN(a) && Number.isNaN(b));

type Ohlc = { open: Float64Array; high: Float64Array; low: Float64Array; close: Float64Array };

/** Bars of a driftless Brownian log price, `steps` increments of σ/√steps per bar, no overnight gap. */
function brownianBars(n: number, steps: number, sigma: number, seed: number): Ohlc {
  const z = normals(seed);
  const bars: Ohlc = { open: new Float64Array(n), high: new Float64Array(n), low: new Float64Array(n), close: new Float64Array(n) };
  let p = 0;
  for (let i = 0; i < n; i++) {
    const o = p;
    let h = p;
    let l = p;
    for (let s = 0; s < steps; s++) {
      p += (sigma / Math.sqrt(steps)) * z();
      if (p > h) h = p;
      if (p < l) l = p;
    }
    bars.open[i] = 100 * Math.exp(o);
    bars.high[i] = 100 * Math.exp(h);
    bars.low[i] = 100 * Math.exp(l);
    bars.close[i] = 100 * Math.exp(p);
  }
  return bars;
}

describe('garmanKlassVol', () => {
  it('matches hand calculations', () => {
    // O = C = 1, H = 2, L = 1: σ² = ½·ln(2)² − 0 → σ = ln(2)/√2.
    expect(garmanKlassVol({ open: [1], high: [2], low: [1], close: [1] }, 1)[0]).toBeCloseTo(Math.LN2 / Math.SQRT2, 15);
    // O = 1, C = H = 2, L = 1: σ² = ½·ln(2)² − (2 ln 2 − 1)·ln(2)² = ln(2)²·(1.5 − 2 ln 2).
    expect(garmanKlassVol({ open: [1], high: [2], low: [1], close: [2] }, 1)[0]).toBeCloseTo(Math.LN2 * Math.sqrt(1.5 - 2 * Math.LN2), 15);
    // Both bars over a window of 2: the mean of the two terms.
    const v = garmanKlassVol({ open: [1, 1], high: [2, 2], low: [1, 1], close: [1, 2] }, 2);
    expect(v[0]).toBeNaN();
    expect(v[1]).toBeCloseTo(Math.sqrt((0.5 * Math.LN2 ** 2 + Math.LN2 ** 2 * (1.5 - 2 * Math.LN2)) / 2), 15);
  });

  it('matches a direct implementation of the formula and annualises by sqrt(periodsPerYear)', () => {
    const b = brownianBars(400, 40, 0.015, 2);
    const v = garmanKlassVol(b, 10, { periodsPerYear: 252 });
    for (let i = 9; i < 400; i++) {
      let s = 0;
      for (let j = i - 9; j <= i; j++) s += 0.5 * Math.log(b.high[j]! / b.low[j]!) ** 2 - (2 * Math.log(2) - 1) * Math.log(b.close[j]! / b.open[j]!) ** 2;
      expect(v[i]).toBeCloseTo(Math.sqrt(s / 10) * Math.sqrt(252), 12);
    }
  });

  it('recovers the volatility of a simulated Brownian price (a few percent low: discrete highs and lows)', () => {
    const v = garmanKlassVol(brownianBars(2000, 390, 0.01, 11), 2000)[1999]!;
    expect(v).toBeGreaterThan(0.0091);
    expect(v).toBeLessThan(0.0101);
  });

  it('is NaN while a bar with a NaN price is in the window', () => {
    const v = garmanKlassVol({ open: [1, 1, 1], high: [2, 2, 2], low: [1, Number.NaN, 1], close: [1, 1, 1] }, 1);
    expect([...v].map(Number.isNaN)).toEqual([false, true, false]);
  });

  it('streams the same values', () => {
    const b = brownianBars(200, 20, 0.02, 5);
    b.close[50] = Number.NaN;
    const batch = garmanKlassVol(b, 15);
    const s = new GarmanKlassVol(15);
    for (let i = 0; i < 200; i++) expect(same(s.add({ open: b.open[i]!, high: b.high[i]!, low: b.low[i]!, close: b.close[i]! }), batch[i]!)).toBe(true);
    expect(s.isReady).toBe(true);
    expect(s.warmUp).toBe(15);
  });

  it('rejects bad parameters and incomplete bars', () => {
    const one = { open: [1], high: [1], low: [1], close: [1] };
    expect(() => garmanKlassVol(one, 0)).toThrow(FeatureArgumentError);
    expect(() => garmanKlassVol(one, 1, { periodsPerYear: Number.POSITIVE_INFINITY })).toThrow('"Infinity"');
    expect(() => new GarmanKlassVol(2).add({ high: 2, low: 1, close: 1 })).toThrow('"open"');
    expect(() => garmanKlassVolFeature(5).batch({ high: [1], low: [1], close: [1] })).toThrow('"open"');
    expect(garmanKlassVolFeature(20, { periodsPerYear: 252 }).name).toBe('garmanKlassVol(20,ppy=252)');
  });
});

describe.skipIf(!hasSharedData)(`garmanKlassVol on ORCL 1995–2014 ${needsSharedData}`, () => {
  const empty = new Float64Array(0);
  const { open, high, low, close } = hasSharedData ? yahooColumns() : { open: empty, high: empty, low: empty, close: empty };
  testFeatureContract(garmanKlassVolFeature(20), { open, high, low, close });
  testFeatureContract(garmanKlassVolFeature(60, { periodsPerYear: 252 }), { open, high, low, close });
});
