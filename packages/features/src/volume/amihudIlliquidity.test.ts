import { describe, expect, it } from 'vitest';
import { FeatureArgumentError } from '../core/errors.js';
import { hasSharedData, needsSharedData, yahooColumns } from '../internal/testData.js';
import { testFeatureContract } from '../testing/testFeatureContract.js';
import { AmihudIlliquidity, amihudIlliquidity, amihudIlliquidityFeature } from './amihudIlliquidity.js';

/*
 * Hand calculation, period 2 (terms |r| / (close·volume), scaled by 1e6):
 *   bar 1: r = 11/10 − 1 = 0.1,    dollars 11·2e5 = 2.2e6   → 0.1/2.2e6
 *   bar 2: r = 9.9/11 − 1 = −0.1,  dollars 9.9·1e5 = 9.9e5  → 0.1/9.9e5
 *   bar 3: no volume                                        → left out
 *   bar 4: r = 10.89/9.9 − 1 = 0.1, dollars 10.89·1e5       → 0.1/1.089e6
 * out[2] = (0.1/2.2e6 + 0.1/9.9e5)/2·1e6 = 0.0732323…; out[3] = 0.1/9.9e5·1e6 = 0.101010…;
 * out[4] = 0.1/1.089e6·1e6 = 0.0918273…
 */
const columns = { close: [10, 11, 9.9, 9.9, 10.89], volume: [1e5, 2e5, 1e5, 0, 1e5] };

describe('amihudIlliquidity', () => {
  it('matches a hand calculation, leaving out bars without volume', () => {
    const out = amihudIlliquidity(columns, 2);
    expect(out[0]).toBeNaN();
    expect(out[1]).toBeNaN();
    expect(out[2]).toBeCloseTo(((0.1 / 2.2e6 + 0.1 / 9.9e5) / 2) * 1e6, 12);
    expect(out[3]).toBeCloseTo((0.1 / 9.9e5) * 1e6, 12);
    expect(out[4]).toBeCloseTo((0.1 / 1.089e6) * 1e6, 12);
  });

  it('is NaN when no bar in the window traded, and while a NaN bar or the next is in it', () => {
    expect([...amihudIlliquidity({ close: [1, 2, 3], volume: [1, 0, 0] }, 2)]).toEqual([Number.NaN, Number.NaN, Number.NaN]);
    const gap = amihudIlliquidity({ close: [10, 11, Number.NaN, 12, 13, 14], volume: [1, 1, 1, 1, 1, 1] }, 1);
    expect([...gap].map(Number.isNaN)).toEqual([true, false, true, true, false, false]);
    // Close 0 at bar 1: no dollar volume (left out, so an empty window); bar 2's return from 0
    // is infinite: unknown, and it must not poison the sum for bar 3 on.
    const zero = amihudIlliquidity({ close: [1, 0, 2, 3, 4], volume: [1, 1, 1, 1, 1] }, 1);
    expect([...zero].map(Number.isNaN)).toEqual([true, true, true, false, false]);
    expect(zero[3]).toBeCloseTo((0.5 / 3) * 1e6, 9);
  });

  it('streams the same values', () => {
    const s = new AmihudIlliquidity(2);
    const out = columns.close.map((c, i) => s.add({ close: c, volume: columns.volume[i]! }));
    expect(out).toEqual([...amihudIlliquidity(columns, 2)]);
    expect(s.warmUp).toBe(3);
  });

  it('rejects a bad period or unequal columns', () => {
    expect(() => amihudIlliquidity(columns, 0)).toThrow(FeatureArgumentError);
    expect(() => new AmihudIlliquidity(1.5)).toThrow('"1.5"');
    expect(() => amihudIlliquidity({ close: [1], volume: [] }, 1)).toThrow(FeatureArgumentError);
  });
});

describe.skipIf(!hasSharedData)(`amihudIlliquidity on ORCL 1995–2014 ${needsSharedData}`, () => {
  const { close, volume } = hasSharedData ? yahooColumns() : { close: new Float64Array(0), volume: new Float64Array(0) };

  it('equals a from-scratch window mean', () => {
    const out = amihudIlliquidity({ close, volume }, 21);
    for (let t = 21; t < close.length; t += 41) {
      let s = 0;
      for (let i = t - 20; i <= t; i++) s += Math.abs(close[i]! / close[i - 1]! - 1) / (close[i]! * volume[i]!);
      expect(Math.abs(out[t]! / ((s / 21) * 1e6) - 1)).toBeLessThan(1e-12);
    }
  });

  testFeatureContract(amihudIlliquidityFeature(21), { close, volume });
});
