import { describe, expect, it } from 'vitest';
import { FeatureArgumentError } from '../core/errors.js';
import { hasSharedData, needsSharedData, yahooColumns } from '../internal/testData.js';
import { testFeatureContract } from '../testing/testFeatureContract.js';
import { normals } from '../internal/randomBars.js';
import { Autocorrelation, autocorrelation, autocorrelationFeature } from './autocorrelation.js';
import { logReturns } from './logReturns.js';

const same = (a: number, b: number): boolean => a === b || (Number.isNaN(a) && Number.isNaN(b));

/** np.corrcoef(w[lag:], w[:-lag])[0, 1], i.e. pandas' Series(w).autocorr(lag), written out. */
function referenceAutocorr(w: readonly number[], lag: number): number {
  const a = w.slice(lag);
  const b = w.slice(0, w.length - lag);
  const ma = a.reduce((s, x) => s + x, 0) / a.length;
  const mb = b.reduce((s, x) => s + x, 0) / b.length;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  a.forEach((x, i) => {
    sab += (x - ma) * (b[i]! - mb);
    saa += (x - ma) ** 2;
    sbb += (b[i]! - mb) ** 2;
  });
  return sab / Math.sqrt(saa * sbb);
}

describe('autocorrelation', () => {
  it('matches hand calculations', () => {
    // [1, 3, 2, 4, 3], lag 1: a = [3, 2, 4, 3] (mean 3), b = [1, 3, 2, 4] (mean 2.5);
    // Σ da·db = 0·(−1.5) + (−1)(0.5) + 1·(−0.5) + 0·1.5 = −1, Σ da² = 2, Σ db² = 5 → −1/√10.
    const r = autocorrelation([1, 3, 2, 4, 3], 5);
    expect([r[0], r[1], r[2], r[3]].every(Number.isNaN)).toBe(true);
    expect(r[4]).toBeCloseTo(-1 / Math.sqrt(10), 15);
    // A straight line is perfectly autocorrelated; an alternation is −1 at lag 1 and +1 at lag 2.
    expect(autocorrelation([1, 2, 3, 4], 4)[3]).toBeCloseTo(1, 15);
    expect(autocorrelation([1, 2, 1, 2, 1, 2], 6)[5]).toBeCloseTo(-1, 15);
    expect(autocorrelation([1, 2, 1, 2, 1, 2], 6, { lag: 2 })[5]).toBeCloseTo(1, 15);
  });

  it('matches np.corrcoef of the window against its lagged self on random data', () => {
    const z = normals(9);
    const x = Array.from({ length: 300 }, () => z());
    for (const [period, lag] of [
      [10, 1],
      [30, 3],
      [60, 5],
    ] as const) {
      const r = autocorrelation(x, period, { lag });
      for (let i = period - 1; i < x.length; i++) expect(r[i]).toBeCloseTo(referenceAutocorr(x.slice(i - period + 1, i + 1), lag), 12);
    }
  });

  it('recovers the coefficient of an AR(1) series on a long window', () => {
    const z = normals(10);
    let y = 0;
    const x = Array.from({ length: 5000 }, () => (y = 0.5 * y + z()));
    const r = autocorrelation(x, 5000)[4999]!;
    expect(r).toBeGreaterThan(0.45);
    expect(r).toBeLessThan(0.55);
  });

  it('on prices with input logReturns equals the autocorrelation of their log returns', () => {
    const z = normals(11);
    let p = 30;
    const prices = Array.from({ length: 200 }, () => (p *= Math.exp(0.01 * z())));
    const a = autocorrelation(prices, 20, { input: 'logReturns', lag: 2 });
    const b = autocorrelation(logReturns(prices), 20, { lag: 2 });
    prices.forEach((_, i) => expect(same(a[i]!, b[i]!)).toBe(true));
    expect(a[19]).toBeNaN();
    expect(a[20]).not.toBeNaN();
  });

  it('is NaN while a NaN is in the window and when a side is flat', () => {
    // Window [4, 5, 3]: pairs (5, 4), (3, 5) → −1. [5, 3, 3]: the later side (3, 3) is flat → NaN.
    const r = autocorrelation([1, 2, Number.NaN, 4, 5, 3, 3, 3, 3], 3);
    expect([...r].map(Number.isNaN)).toEqual([true, true, true, true, true, false, true, true, true]);
    expect(r[5]).toBeCloseTo(-1, 15);
  });

  it('streams the same values for both inputs', () => {
    const z = normals(12);
    let p = 10;
    const prices = Array.from({ length: 150 }, () => (p *= Math.exp(0.02 * z())));
    prices[70] = Number.NaN;
    for (const input of ['values', 'logReturns'] as const) {
      const batch = autocorrelation(prices, 15, { input, lag: 2 });
      const s = new Autocorrelation(15, { input, lag: 2 });
      prices.forEach((x, i) => expect(same(s.add(x), batch[i]!)).toBe(true));
      expect(s.isReady).toBe(true);
      expect(s.warmUp).toBe(input === 'values' ? 15 : 16);
    }
  });

  it('rejects bad parameters, quoting the value', () => {
    expect(() => autocorrelation([1], 2)).toThrow(FeatureArgumentError); // lag 1 needs period >= 3
    expect(() => autocorrelation([1], 10, { lag: 0 })).toThrow('"0"');
    expect(() => new Autocorrelation(5, { lag: 4 })).toThrow('"5"');
    expect(() => autocorrelationFeature(5, { input: 'diff' as never })).toThrow('"diff"');
  });

  it('names its feature after its parameters, on log returns of the close by default', () => {
    expect(autocorrelationFeature(60).name).toBe('autocorrelation(60,lag=1,logReturns)');
    expect(autocorrelationFeature(60, { lag: 5, input: 'values' }).name).toBe('autocorrelation(60,lag=5,values)');
  });
});

describe.skipIf(!hasSharedData)(`autocorrelation on ORCL 1995–2014 ${needsSharedData}`, () => {
  const close = hasSharedData ? yahooColumns().close : new Float64Array(0);
  testFeatureContract(autocorrelationFeature(60), { close });
  testFeatureContract(autocorrelationFeature(20, { lag: 5 }), { close });
});
