import { describe, expect, it } from 'vitest';
import { hasSharedData, needsSharedData, yahooColumns } from '../internal/testData.js';
import { testFeatureContract } from '../testing/testFeatureContract.js';
import { heikinAshi, heikinAshiFeature } from './heikinAshi.js';

describe('heikinAshi', () => {
  it('matches a hand calculation', () => {
    // 0: close (10 + 12 + 9 + 11) / 4 = 10.5, open (10 + 11) / 2 = 10.5, high 12, low 9.
    // 1: close (11 + 13 + 10 + 12) / 4 = 11.5, open (10.5 + 10.5) / 2 = 10.5, high max(13, 10.5, 11.5) = 13,
    //    low min(10, 10.5, 11.5) = 10.
    const ha = heikinAshi({ open: [10, 11], high: [12, 13], low: [9, 10], close: [11, 12] });
    expect([...ha.open]).toEqual([10.5, 10.5]);
    expect([...ha.high]).toEqual([12, 13]);
    expect([...ha.low]).toEqual([9, 10]);
    expect([...ha.close]).toEqual([10.5, 11.5]);
  });

  it('is all NaN from the first NaN input on', () => {
    const ha = heikinAshi({ open: [10, Number.NaN], high: [12, 13], low: [9, 10], close: [11, 12] });
    expect([...ha.close]).toEqual([10.5, Number.NaN]);
  });
});

describe.skipIf(!hasSharedData)(`heikinAshi on ORCL 1995–2014 ${needsSharedData}`, () => {
  const c = hasSharedData ? yahooColumns() : undefined;
  testFeatureContract(heikinAshiFeature(), c === undefined ? {} : { open: c.open, high: c.high, low: c.low, close: c.close });
});
