import { describe, expect, it } from 'vitest';
import { FeatureArgumentError } from '../core/errors.js';
import { hasSharedData, needsSharedData, yahooColumns } from '../internal/testData.js';
import { testFeatureContract } from '../testing/testFeatureContract.js';
import { LogReturns, logRatio, logReturns, logReturnsFeature } from './logReturns.js';

describe('logReturns', () => {
  it('matches hand calculations, index 0 NaN', () => {
    // ln(200/100) = ln 2; ln(50/200) = −2 ln 2.
    const r = logReturns([100, 200, 50]);
    expect(r[0]).toBeNaN();
    expect(r[1]).toBe(Math.LN2);
    expect(r[2]).toBeCloseTo(-2 * Math.LN2, 15);
    // Period 2: ln(400/100) = 2 ln 2.
    expect(logReturns([100, 200, 400], 2)[2]).toBeCloseTo(2 * Math.LN2, 15);
  });

  it('is accurate for tiny moves: ln(1 + r) against its series where r is exact', () => {
    // prev = 128 makes r = (x − 128)/128 exact; ln(1 + r) = r − r²/2 + r³/3 − r⁴/4 + … (r ≤ 1e-4:
    // the r⁵ term is below 1e-20 of the result).
    for (let k = 1; k <= 1000; k++) {
      const x = 128 + k * 1e-5;
      const r = (x - 128) / 128;
      const want = r - (r * r) / 2 + (r * r * r) / 3 - (r * r * r * r) / 4;
      expect(Math.abs(logRatio(x, 128) - want)).toBeLessThanOrEqual(3e-16 * want);
    }
  });

  it('agrees with ln(x/prev) and telescopes to ln(last/first)', () => {
    const x = Array.from({ length: 400 }, (_, i) => 30 + 4 * Math.sin(i / 13) + i / 50);
    const r = logReturns(x);
    let total = 0;
    for (let i = 1; i < x.length; i++) {
      expect(Math.abs(r[i]! - Math.log(x[i]! / x[i - 1]!))).toBeLessThan(1e-15);
      total += r[i]!;
    }
    expect(total).toBeCloseTo(Math.log(x[x.length - 1]! / x[0]!), 12);
  });

  it('gives NaN for NaN or negative ratios and −∞ for a zero price', () => {
    const r = logReturns([1, Number.NaN, 2, -1, 0]);
    expect([r[0], r[1], r[2], r[3]].every(Number.isNaN)).toBe(true);
    expect(logReturns([1, 0])[1]).toBe(Number.NEGATIVE_INFINITY);
  });

  it('streams the same values', () => {
    const x = [10, 11, Number.NaN, 12, 9, 9.5, 10];
    for (const period of [1, 2]) {
      const batch = logReturns(x, period);
      const s = new LogReturns(period);
      x.forEach((v, i) => expect(s.add(v)).toBe(batch[i]));
      expect(s.warmUp).toBe(period + 1);
    }
  });

  it('rejects a bad period, quoting the value', () => {
    expect(() => logReturns([1], 0)).toThrow(FeatureArgumentError);
    expect(() => new LogReturns(-1)).toThrow('"-1"');
    expect(logReturnsFeature(5).name).toBe('logReturns(5)');
  });
});

describe.skipIf(!hasSharedData)(`logReturns on ORCL 1995–2014 ${needsSharedData}`, () => {
  const close = hasSharedData ? yahooColumns().close : new Float64Array(0);
  testFeatureContract(logReturnsFeature(), { close });
  testFeatureContract(logReturnsFeature(5), { close });
});
