import { describe, expect, it } from 'vitest';
import { FeatureArgumentError } from '../core/errors.js';
import { hasSharedData, needsSharedData, yahooColumns } from '../internal/testData.js';
import { testFeatureContract } from '../testing/testFeatureContract.js';
import { KyleLambda, kyleLambda, kyleLambdaFeature } from './kyleLambda.js';

/*
 * Hand calculation, period 3. Δp, tick-rule sign b, signed dollar volume s = b·close·volume:
 *   bar 1: Δp = 1,  b = +1,             s = 11·2 = 22
 *   bar 2: Δp = 0,  b = +1 (carried),   s = 11·3 = 33
 *   bar 3: Δp = −1, b = −1,             s = −10·1 = −10
 *   bar 4: Δp = 2,  b = +1,             s = 12·1 = 12
 * Slope = (nΣsΔp − ΣsΣΔp)/(nΣs² − (Σs)²):
 *   bars 1–3: Σs = 45, ΣΔp = 0, Σs² = 1673, ΣsΔp = 32 → (96 − 0)/(5019 − 2025) = 96/2994
 *   bars 2–4: Σs = 35, ΣΔp = 1, Σs² = 1333, ΣsΔp = 34 → (102 − 35)/(3999 − 1225) = 67/2774
 */
const columns = { close: [10, 11, 11, 10, 12], volume: [1, 2, 3, 1, 1] };

describe('kyleLambda', () => {
  it('matches a hand calculation (tick rule carries the sign over unchanged prices)', () => {
    expect([...kyleLambda(columns, 3)]).toEqual([Number.NaN, Number.NaN, Number.NaN, 96 / 2994, 67 / 2774]);
  });

  it('signs volume 0 before the first price change', () => {
    // Bars 1–2: s = 0 (no change yet), then +11·1: slope of Δp = [0, 1] on s = [0, 11] is 1/11.
    expect(kyleLambda({ close: [10, 10, 11], volume: [1, 1, 1] }, 2)[2]).toBeCloseTo(1 / 11, 15);
  });

  it('is NaN while a NaN bar or the bar after it is in the window, or when signed volume is flat', () => {
    const gap = kyleLambda({ close: [10, 11, Number.NaN, 12, 11, 12, 13], volume: [1, 2, 1, 3, 1, 2, 1] }, 2);
    expect([...gap].map(Number.isNaN)).toEqual([true, true, true, true, true, false, false]);
    expect(kyleLambda({ close: [1, 1, 1, 1], volume: [1, 1, 1, 1] }, 2)[3]).toBeNaN();
  });

  it('streams the same values', () => {
    const s = new KyleLambda(3);
    const out = columns.close.map((c, i) => s.add({ close: c, volume: columns.volume[i]! }));
    expect(out).toEqual([...kyleLambda(columns, 3)]);
    expect(s.warmUp).toBe(4);
  });

  it('rejects a bad period or unequal columns', () => {
    expect(() => kyleLambda(columns, 1)).toThrow(FeatureArgumentError);
    expect(() => new KyleLambda(2.5)).toThrow('"2.5"');
    expect(() => kyleLambda({ close: [1, 2], volume: [1] }, 2)).toThrow(FeatureArgumentError);
  });
});

describe.skipIf(!hasSharedData)(`kyleLambda on ORCL 1995–2014 ${needsSharedData}`, () => {
  const { close, volume } = hasSharedData ? yahooColumns() : { close: new Float64Array(0), volume: new Float64Array(0) };

  it('equals a from-scratch two-pass regression on each window', () => {
    const period = 20;
    const out = kyleLambda({ close, volume }, period);
    const s = new Float64Array(close.length);
    const dp = new Float64Array(close.length);
    let sign = 0;
    for (let i = 1; i < close.length; i++) {
      dp[i] = close[i]! - close[i - 1]!;
      sign = dp[i]! > 0 ? 1 : dp[i]! < 0 ? -1 : sign;
      s[i] = sign * close[i]! * volume[i]!;
    }
    for (let t = period; t < close.length; t += 29) {
      let ms = 0;
      let mp = 0;
      for (let i = t - period + 1; i <= t; i++) {
        ms += s[i]! / period;
        mp += dp[i]! / period;
      }
      let sxy = 0;
      let sxx = 0;
      for (let i = t - period + 1; i <= t; i++) {
        sxy += (s[i]! - ms) * (dp[i]! - mp);
        sxx += (s[i]! - ms) ** 2;
      }
      expect(Math.abs(out[t]! / (sxy / sxx) - 1)).toBeLessThan(1e-9);
    }
  });

  testFeatureContract(kyleLambdaFeature(20), { close, volume });
});
