import { MFI } from 'technicalindicators';
import { describe, expect, it } from 'vitest';
import { FeatureArgumentError } from '../core/errors.js';
import { hasSharedData, needsSharedData, yahooColumns } from '../internal/testData.js';
import { testFeatureContract } from '../testing/testFeatureContract.js';
import { Mfi, mfi, mfiFeature } from './mfi.js';

/*
 * Hand calculation, period 3. Typical prices (h + l + c)/3 and money flows tp·v:
 *   bar 0: (10, 8, 9)/3 = 9                      (no flow)
 *   bar 1: (11, 9, 10)/3 = 10, up:   10·200 = 2000 positive
 *   bar 2: (10, 8, 9)/3 = 9,   down:  9·150 = 1350 negative
 *   bar 3: (12, 10, 11)/3 = 11, up:  11·300 = 3300 positive
 *   bar 4: (12, 10, 11)/3 = 11, unchanged: 1100 in neither sum
 *   bar 5: (11, 9, 10)/3 = 10, down: 10·250 = 2500 negative
 * MFI[3] = 100·(2000 + 3300)/(2000 + 3300 + 1350) = 79.6992…; MFI[4] = 100·3300/(3300 + 1350) =
 * 70.9677…; MFI[5] = 100·3300/(3300 + 2500) = 56.8965…
 */
const bars = {
  high: [10, 11, 10, 12, 12, 11],
  low: [8, 9, 8, 10, 10, 9],
  close: [9, 10, 9, 11, 11, 10],
  volume: [100, 200, 150, 300, 100, 250],
};
const expected = [Number.NaN, Number.NaN, Number.NaN, (100 * 5300) / 6650, (100 * 3300) / 4650, (100 * 3300) / 5800];

describe('mfi', () => {
  it('matches a hand calculation (TA-Lib convention: first value at index period)', () => {
    const out = mfi(bars, 3);
    for (let i = 0; i < 3; i++) expect(out[i]).toBeNaN();
    for (let i = 3; i < 6; i++) expect(out[i]).toBeCloseTo(expected[i]!, 12);
  });

  it('is 0 when the window has no money flow (TA-Lib), 100 with only positive flow', () => {
    const flat = { high: [2, 2, 2], low: [1, 1, 1], close: [1.5, 1.5, 1.5], volume: [5, 5, 5] };
    expect([...mfi(flat, 2)]).toEqual([Number.NaN, Number.NaN, 0]);
    const rising = { high: [2, 3, 4], low: [1, 2, 3], close: [1.5, 2.5, 3.5], volume: [5, 5, 5] };
    expect(mfi(rising, 2)[2]).toBe(100);
  });

  it('is NaN while a NaN bar or the bar after it is in the window', () => {
    const gap = { ...bars, close: [9, 10, Number.NaN, 11, 11, 10] };
    // Flows 2 and 3 are unknown; with period 2 the first window free of them is flows 4..5.
    expect([...mfi(gap, 2)].map(Number.isNaN)).toEqual([true, true, true, true, true, false]);
  });

  it('streams the same values', () => {
    const s = new Mfi(3);
    const out = bars.close.map((_, i) => s.add({ high: bars.high[i]!, low: bars.low[i]!, close: bars.close[i]!, volume: bars.volume[i]! }));
    expect(out).toEqual([...mfi(bars, 3)]);
    expect(s.warmUp).toBe(4);
    expect(new Mfi().period).toBe(14);
  });

  it('rejects a bad period or unequal columns', () => {
    expect(() => mfi(bars, 0)).toThrow(FeatureArgumentError);
    expect(() => new Mfi(2.5)).toThrow('"2.5"');
    expect(() => mfi({ ...bars, low: [1] })).toThrow(FeatureArgumentError);
  });
});

describe.skipIf(!hasSharedData)(`mfi on ORCL 1995–2014 ${needsSharedData}`, () => {
  const { high, low, close, volume } = hasSharedData
    ? yahooColumns()
    : { high: new Float64Array(0), low: new Float64Array(0), close: new Float64Array(0), volume: new Float64Array(0) };

  it('equals technicalindicators MFI (2 decimals) wherever no typical price repeats in the window', () => {
    // technicalindicators drops bar 0, so its first value (index 0) is our bar period + 1; it also
    // counts an unchanged typical price as negative flow, so windows with one are skipped.
    const period = 14;
    const ours = mfi({ high, low, close, volume }, period);
    const theirs = MFI.calculate({ high: Array.from(high), low: Array.from(low), close: Array.from(close), volume: Array.from(volume), period });
    expect(theirs.length).toBe(close.length - period - 1);
    const tp = Float64Array.from(close, (c, i) => (high[i]! + low[i]! + c) / 3);
    let compared = 0;
    for (let j = 0; j < theirs.length; j++) {
      const t = j + period + 1;
      let tie = false;
      for (let i = t - period + 1; i <= t; i++) if (tp[i] === tp[i - 1]) tie = true;
      if (tie) continue;
      expect(Math.abs(ours[t]! - theirs[j]!)).toBeLessThanOrEqual(0.005 + 1e-9);
      compared++;
    }
    expect(compared).toBeGreaterThan(4000);
  });

  testFeatureContract(mfiFeature(14), { high, low, close, volume });
});
