import { ROC } from 'technicalindicators';
import { describe, expect, it } from 'vitest';
import { FeatureArgumentError } from '../core/errors.js';
import { hasSharedData, needsSharedData, yahooColumns } from '../internal/testData.js';
import { testFeatureContract } from '../testing/testFeatureContract.js';
import { Returns, returns, returnsFeature } from './returns.js';

describe('returns', () => {
  it('matches hand calculations, index 0 NaN', () => {
    // 101/100 − 1 = 0.01; 50.5/101 − 1 = −0.5.
    expect([...returns([100, 101, 50.5])]).toEqual([Number.NaN, 0.01, -0.5]);
    // Period 2: 121/100 − 1 = 0.21 and 133.1/110 − 1 = 0.21.
    const r2 = returns([100, 110, 121, 133.1], 2);
    expect(r2[0]).toBeNaN();
    expect(r2[1]).toBeNaN();
    expect(r2[2]).toBe(0.21);
    expect(r2[3]).toBeCloseTo(0.21, 15);
  });

  it('is correctly rounded where x/prev − 1 is not: 101/100 − 1 = 0.010000000000000009', () => {
    expect(101 / 100 - 1).not.toBe(0.01);
    expect(returns([100, 101])[1]).toBe(0.01);
    const x = Array.from({ length: 500 }, (_, i) => 40 + 5 * Math.sin(i / 10) + i / 100);
    const r = returns(x);
    for (let i = 1; i < x.length; i++) expect(r[i]).toBeCloseTo(x[i]! / x[i - 1]! - 1, 15);
  });

  it('agrees with technicalindicators ROC (percent), aligned by period', () => {
    // ROC(p) = 100·(x − x[t−p])/x[t−p]; its k-th output is our index k + p.
    const x = Array.from({ length: 300 }, (_, i) => 20 + Math.cos(i / 7) * 3);
    for (const period of [1, 5]) {
      const theirs = ROC.calculate({ values: x, period });
      const ours = returns(x, period);
      expect(theirs).toHaveLength(x.length - period);
      theirs.forEach((v, k) => expect(ours[k + period]! * 100).toBeCloseTo(v, 11));
    }
  });

  it('propagates NaN to the two returns it touches and gives ±∞ after a zero price', () => {
    const r = returns([1, Number.NaN, 2, 0, 3]);
    expect([...r].slice(0, 3).every(Number.isNaN)).toBe(true);
    expect(r[3]).toBe(-1);
    expect(r[4]).toBe(Number.POSITIVE_INFINITY);
  });

  it('streams the same values', () => {
    const x = [10, 11, Number.NaN, 12, 9, 9.5, 10];
    for (const period of [1, 3]) {
      const batch = returns(x, period);
      const s = new Returns(period);
      x.forEach((v, i) => expect(s.add(v)).toBe(batch[i]));
      expect(s.warmUp).toBe(period + 1);
    }
  });

  it('rejects a bad period, quoting the value', () => {
    expect(() => returns([1], 0)).toThrow(FeatureArgumentError);
    expect(() => new Returns(0.5)).toThrow('"0.5"');
    expect(returnsFeature().name).toBe('returns(1)');
  });
});

describe.skipIf(!hasSharedData)(`returns on ORCL 1995–2014 ${needsSharedData}`, () => {
  const close = hasSharedData ? yahooColumns().close : new Float64Array(0);
  testFeatureContract(returnsFeature(), { close });
  testFeatureContract(returnsFeature(21), { close });
});
