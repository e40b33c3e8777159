import { describe, expect, it } from 'vitest';
import { FeatureArgumentError } from '../core/errors.js';
import { hasSharedData, needsSharedData, yahooColumns } from '../internal/testData.js';
import { testFeatureContract } from '../testing/testFeatureContract.js';
import { kst, kstFeature } from './kst.js';

describe('kst', () => {
  it('matches a hand calculation with one-bar windows, restoring a 0 signal the library drops', () => {
    // ROC(1) = +10 %, −10 %; every SMA(1) is the identity, so KST = (1 + 2 + 3 + 4)·ROC = 100, −100;
    // signal = SMA2 = (100 − 100)/2 = 0 (the library reports it as missing).
    const out = kst([100, 110, 99], { rocPeriods: [1, 1, 1, 1], smaPeriods: [1, 1, 1, 1], signalPeriod: 2 });
    expect([...out.kst]).toEqual([Number.NaN, 100, -100]);
    expect([...out.signal]).toEqual([Number.NaN, Number.NaN, 0]);
  });

  it('starts at max(roc + sma) − 1 with the default periods', () => {
    const x = Array.from({ length: 60 }, (_, i) => 100 + i + Math.sin(i));
    const out = kst(x);
    // max(10 + 10, 15 + 10, 20 + 10, 30 + 15) − 1 = 44; the signal 9 − 1 = 8 bars later.
    expect(Number.isNaN(out.kst[43]!)).toBe(true);
    expect(Number.isFinite(out.kst[44]!)).toBe(true);
    expect(Number.isNaN(out.signal[51]!)).toBe(true);
    expect(Number.isFinite(out.signal[52]!)).toBe(true);
  });

  it('rejects a bad period', () => {
    expect(() => kst([1], { signalPeriod: 0 })).toThrow(FeatureArgumentError);
  });
});

describe.skipIf(!hasSharedData)(`kst on ORCL 1995–2014 ${needsSharedData}`, () => {
  const close = hasSharedData ? yahooColumns().close : new Float64Array(0);
  testFeatureContract(kstFeature(), { close });
});
