import { describe, expect, it } from 'vitest';
import { FeatureArgumentError } from '../core/errors.js';
import { hasSharedData, needsSharedData, yahooColumns } from '../internal/testData.js';
import { testFeatureContract } from '../testing/testFeatureContract.js';
import { Sma, sma, smaFeature } from './sma.js';

describe('sma', () => {
  it('matches hand-calculated values, NaN during warm-up', () => {
    // (1+2+3)/3 = 2, (2+3+4)/3 = 3, (3+4+5)/3 = 4.
    expect([...sma([1, 2, 3, 4, 5], 3)]).toEqual([Number.NaN, Number.NaN, 2, 3, 4]);
  });

  it('matches a hand calculation over ten decimals', () => {
    // 91.5 + 94.815 + 94.375 + 95.095 + 93.78 + 94.625 + 92.53 + 92.75 + 90.315 + 92.47 = 932.255;
    // / 10 = 93.2255 (the exactly rounded sum makes this the nearest double to 93.2255).
    const close = [91.5, 94.815, 94.375, 95.095, 93.78, 94.625, 92.53, 92.75, 90.315, 92.47];
    expect(sma(close, 10)[9]).toBe(93.2255);
  });

  it('stays exact when magnitudes 2^60 apart force the general path', () => {
    const values = [1e18, 1, 1, -1e18, 1, 1, 3, 1e-3, 1e17, 5];
    const out = sma(values, 3);
    // Windows by hand: (1e18+1+1)/3 is rounded once; (1+1−1e18)/3 likewise; (−1e18+1+1)/3; then
    // (1+1+3)/3, (1+3+0.001)/3, (3+0.001+1e17)/3, (0.001+1e17+5)/3.
    expect(out[4]).toBe((-1e18 + 2) / 3);
    expect(out[6]).toBe(5 / 3);
    expect(out[7]).toBe(4.001 / 3);
    const stream = new Sma(3);
    expect(values.map((x) => stream.add(x))).toEqual([...out]);
  });

  it('is NaN while a NaN is in the window', () => {
    expect([...sma([1, Number.NaN, 3, 4, 5], 2)]).toEqual([Number.NaN, Number.NaN, Number.NaN, 3.5, 4.5]);
  });

  it('streams the same values', () => {
    const s = new Sma(3);
    expect([1, 2, 3, 4].map((x) => s.add(x))).toEqual([Number.NaN, Number.NaN, 2, 3]);
    expect(s.isReady).toBe(true);
    expect(s.warmUp).toBe(3);
  });

  it('rejects a bad period', () => {
    expect(() => sma([1], 0)).toThrow(FeatureArgumentError);
    expect(() => new Sma(2.5)).toThrow('"2.5"');
  });
});

describe.skipIf(!hasSharedData)(`sma on ORCL 1995–2014 ${needsSharedData}`, () => {
  const close = hasSharedData ? yahooColumns().close : new Float64Array(0);
  testFeatureContract(smaFeature(10), { close });
  testFeatureContract(smaFeature(200), { close });
});
