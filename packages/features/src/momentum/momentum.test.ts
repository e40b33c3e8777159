import { describe, expect, it } from 'vitest';
import { FeatureArgumentError } from '../core/errors.js';
import { hasSharedData, needsSharedData, yahooColumns } from '../internal/testData.js';
import { testFeatureContract } from '../testing/testFeatureContract.js';
import { Momentum, momentum, momentumFeature } from './momentum.js';

const nan = Number.NaN;

describe('momentum', () => {
  it('matches a hand calculation', () => {
    // 8 − 4 = 4, 2 − 8 = −6, 4 − 2 = 2; with lag 2: 2 − 4 = −2, 4 − 8 = −4.
    expect([...momentum([4, 8, 2, 4], 1)]).toEqual([nan, 4, -6, 2]);
    expect([...momentum([4, 8, 2, 4], 2)]).toEqual([nan, nan, -2, -4]);
  });

  it('is NaN where either value is NaN', () => {
    expect([...momentum([1, nan, 2, 4, 8], 2)]).toEqual([nan, nan, 1, nan, 6]);
  });

  it('is all NaN when the input is not longer than the period', () => {
    expect([...momentum([1, 2], 5)]).toEqual([nan, nan]);
  });

  it('streams the same values bit for bit', () => {
    const values = [0.1, 0.7, nan, 0.3, 1e9, -2, 5.5, 0.2];
    const s = new Momentum(3);
    expect(values.map((x) => s.add(x))).toEqual([...momentum(values, 3)]);
    expect(s.isReady).toBe(true);
    expect(s.warmUp).toBe(4);
  });

  it('rejects a bad period', () => {
    expect(() => momentum([1], 0)).toThrow(FeatureArgumentError);
    expect(() => new Momentum(2.5)).toThrow('"2.5"');
  });
});

describe.skipIf(!hasSharedData)(`momentum on ORCL 1995–2014 ${needsSharedData}`, () => {
  const close = hasSharedData ? yahooColumns().close : new Float64Array(0);
  testFeatureContract(momentumFeature(1), { close });
  testFeatureContract(momentumFeature(10), { close });
});
