import { BollingerBands } from 'technicalindicators';
import { describe, expect, it } from 'vitest';
import { FeatureArgumentError } from '../core/errors.js';
import { hasSharedData, needsSharedData, yahooColumns } from '../internal/testData.js';
import { testFeatureContract } from '../testing/testFeatureContract.js';
import { sma } from '../trend/sma.js';
import { Bollinger, bollinger, bollingerFeature } from './bollinger.js';

const same = (a: number, b: number): boolean => a === b || (Number.isNaN(a) && Number.isNaN(b));
const KEYS = ['middle', 'upper', 'lower', 'bandwidth', 'percentB'] as const;

describe('bollinger', () => {
  it('matches a hand calculation with population σ', () => {
    // Window [1, 2, 3]: middle 2; population variance (1 + 0 + 1)/3 = 2/3 (the sample variance
    // would be 1); k = 1: upper 2 + √(2/3), lower 2 − √(2/3); bandwidth 2√(2/3)/2 = √(2/3);
    // %B of x = 3: (3 − lower)/(2√(2/3)) = (1 + σ)/(2σ).
    const b = bollinger([1, 2, 3], { period: 3, k: 1 });
    const sigma = Math.sqrt(2 / 3);
    expect(b.middle[2]).toBe(2);
    expect(b.upper[2]).toBeCloseTo(2 + sigma, 15);
    expect(b.lower[2]).toBeCloseTo(2 - sigma, 15);
    expect(b.bandwidth[2]).toBeCloseTo(sigma, 15);
    expect(b.percentB[2]).toBeCloseTo((1 + sigma) / (2 * sigma), 14);
    for (const key of KEYS) {
      expect(b[key][0]).toBeNaN();
      expect(b[key][1]).toBeNaN();
    }
  });

  it('matches an exact hand calculation with the default k = 2', () => {
    // [2, 4, 4, 4, 5, 5, 7, 9]: mean 5, squared deviations 9+1+1+1+0+0+4+16 = 32, σ = √(32/8) = 2;
    // bands 5 ± 4 = 9 and 1; bandwidth 8/5 = 1.6; %B of the last value 9: (9 − 1)/8 = 1.
    const b = bollinger([2, 4, 4, 4, 5, 5, 7, 9], { period: 8 });
    expect([b.middle[7], b.upper[7], b.lower[7], b.bandwidth[7], b.percentB[7]]).toEqual([5, 9, 1, 1.6, 1]);
  });

  it('uses period 20 and k 2 by default', () => {
    const x = Array.from({ length: 40 }, (_, i) => 100 + Math.sin(i));
    const a = bollinger(x);
    const b = bollinger(x, { period: 20, k: 2 });
    expect(a).toEqual(b);
    expect(a.middle[18]).toBeNaN();
    expect(a.middle[19]).not.toBeNaN();
  });

  it('has a middle band equal to sma() bit for bit', () => {
    const x = Array.from({ length: 2000 }, (_, i) => 50 + 10 * Math.sin(i / 7) + ((i * 7919) % 13) / 100);
    const b = bollinger(x, { period: 20 });
    const s = sma(x, 20);
    for (let i = 0; i < x.length; i++) expect(same(b.middle[i]!, s[i]!)).toBe(true);
  });

  it('gives %B NaN on a flat window (zero-width bands), and NaNs while a NaN is in the window', () => {
    const b = bollinger([3, 3, 3, Number.NaN, 1, 2], { period: 2, k: 2 });
    expect(b.upper[2]).toBe(3);
    expect(b.lower[2]).toBe(3);
    expect(b.percentB[2]).toBeNaN();
    for (const key of KEYS) {
      expect(b[key][3]).toBeNaN();
      expect(b[key][4]).toBeNaN();
    }
    // [1, 2]: middle 1.5, σ = 0.5, bands 0.5 and 2.5.
    expect([b.middle[5], b.upper[5], b.lower[5]]).toEqual([1.5, 2.5, 0.5]);
  });

  it('agrees with technicalindicators BollingerBands (also population σ), aligned by period − 1', () => {
    // Their k-th output is our index k + period − 1; their `pb` is our %B. Their SMA is a naive
    // running sum, hence a tolerance.
    const x = Array.from({ length: 600 }, (_, i) => 30 + 5 * Math.sin(i / 11) + ((i * 104729) % 17) / 10);
    const period = 20;
    const theirs = BollingerBands.calculate({ values: x, period, stdDev: 2 });
    const ours = bollinger(x, { period, k: 2 });
    expect(theirs).toHaveLength(x.length - period + 1);
    theirs.forEach((t, k) => {
      const i = k + period - 1;
      expect(ours.middle[i]).toBeCloseTo(t.middle, 10);
      expect(ours.upper[i]).toBeCloseTo(t.upper, 10);
      expect(ours.lower[i]).toBeCloseTo(t.lower, 10);
      expect(ours.percentB[i]).toBeCloseTo(t.pb, 9);
    });
  });

  it('keeps the band width accurate at a level of 1e4 with σ ≈ 4e-6', () => {
    // 1e4 + k·2^-20 for k = 0..15 cycling: each window of 16 holds every k once, so σ² =
    // var(0..15)·2^-40 = (16² − 1)/12 · 2^-40 = 21.25 · 2^-40 exactly. The bands themselves are
    // rounded at 1e4 (±9e-13), which bounds the relative accuracy of their half-difference at ~2e-7.
    const x = Array.from({ length: 5000 }, (_, i) => 1e4 + (i % 16) * 2 ** -20);
    const b = bollinger(x, { period: 16, k: 1 });
    const sigma = Math.sqrt(21.25) * 2 ** -20;
    for (let i = 15; i < x.length; i++) expect(Math.abs((b.upper[i]! - b.lower[i]!) / 2 - sigma)).toBeLessThan(1e-6 * sigma);
  });

  it('streams a new frozen object per input, equal to the batch values', () => {
    const x = Array.from({ length: 200 }, (_, i) => 10 + Math.cos(i / 5) + (i % 3) * 0.01);
    x[50] = Number.NaN;
    const batch = bollinger(x, { period: 10, k: 1.5 });
    const s = new Bollinger({ period: 10, k: 1.5 });
    expect(s.isReady).toBe(false);
    const seen = new Set<object>();
    x.forEach((v, i) => {
      const out = s.add(v);
      expect(Object.isFrozen(out)).toBe(true);
      expect(seen.has(out)).toBe(false);
      seen.add(out);
      for (const key of KEYS) expect(same(out[key], batch[key][i]!)).toBe(true);
    });
    expect(s.isReady).toBe(true);
    expect(s.warmUp).toBe(10);
    expect(s.value).toBe([...seen].at(-1));
  });

  it('rejects a bad period or k, quoting the value', () => {
    expect(() => bollinger([1], { period: 0 })).toThrow(FeatureArgumentError);
    expect(() => bollinger([1], { k: -1 })).toThrow('"-1"');
    expect(() => new Bollinger({ k: Number.NaN })).toThrow('"NaN"');
    expect(() => bollingerFeature({ period: 1.5 })).toThrow('"1.5"');
  });

  it('names its feature after its parameters', () => {
    expect(bollingerFeature().name).toBe('bollinger(20,2)');
    expect(bollingerFeature({ period: 10, k: 1.5 }).name).toBe('bollinger(10,1.5)');
  });
});

describe.skipIf(!hasSharedData)(`bollinger on ORCL 1995–2014 ${needsSharedData}`, () => {
  const close = hasSharedData ? yahooColumns().close : new Float64Array(0);
  testFeatureContract(bollingerFeature(), { close });
  testFeatureContract(bollingerFeature({ period: 5, k: 1 }), { close });

  it('agrees with technicalindicators on real prices and keeps middle = sma(20)', () => {
    const theirs = BollingerBands.calculate({ values: Array.from(close), period: 20, stdDev: 2 });
    const ours = bollinger(close);
    const s = sma(close, 20);
    theirs.forEach((t, k) => {
      const i = k + 19;
      expect(ours.middle[i]).toBe(s[i]);
      expect(ours.upper[i]).toBeCloseTo(t.upper, 9);
      expect(ours.lower[i]).toBeCloseTo(t.lower, 9);
    });
  });
});
