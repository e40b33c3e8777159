import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FeatureArgumentError } from '../core/errors.js';
import { normalCdf } from '../core/normalCdf.js';
import { hasSharedData, needsSharedData, yahooColumns } from '../internal/testData.js';
import { testFeatureContract } from '../testing/testFeatureContract.js';
import { Vpin, vpin, vpinFeature } from './vpin.js';

/**
 * Independent reference for integer volumes and bucket size: pours volume one share at a time
 * (no bar splitting arithmetic), σ by a two-pass sample standard deviation.
 */
function referenceVpin(close: number[], volume: number[], V: number, n: number, m: number): number[] {
  const out: number[] = [];
  const imbalances: number[] = [];
  let buy = 0;
  let filled = 0;
  for (let i = 0; i < close.length; i++) {
    if (i >= m) {
      const dps: number[] = [];
      for (let j = i - m + 1; j <= i; j++) dps.push(close[j]! - close[j - 1]!);
      const mean = dps.reduce((a, b) => a + b, 0) / m;
      const sigma = Math.sqrt(dps.reduce((a, d) => a + (d - mean) ** 2, 0) / (m - 1));
      const dp = close[i]! - close[i - 1]!;
      const f = dp === 0 ? 0.5 : normalCdf(dp / sigma);
      for (let share = 0; share < volume[i]!; share++) {
        buy += f;
        if (++filled === V) {
          imbalances.push(Math.abs(V - 2 * buy));
          buy = 0;
          filled = 0;
        }
      }
    }
    out.push(imbalances.length >= n ? imbalances.slice(-n).reduce((a, b) => a + b, 0) / (n * V) : Number.NaN);
  }
  return out;
}

describe('vpin', () => {
  it('matches a hand calculation with bucket splitting', () => {
    // sigmaPeriod 2, V = 10, n = 2. Δp: bar 1 +1, bar 2 −1, bar 3 +1, bar 4 +1.
    // Bar 2: σ = sd(+1, −1) = √2, buy fraction f₂ = Φ(−1/√2); 15 shares: bucket A gets 10
    //   (imbalance |10 − 20f₂| = 10·erf(½)), bucket B gets 5.
    // Bar 3: σ = √2, f₃ = Φ(1/√2) = 1 − f₂; 10 shares: 5 complete B (buy 5f₂ + 5f₃ = 5, imbalance
    //   0), 5 start C. Two buckets: VPIN = (10·erf(½) + 0)/(2·10) = erf(½)/2.
    // Bar 4: σ = sd(+1, +1) = 0 and Δp > 0: f₄ = Φ(+∞) = 1; 5 shares complete C (buy 5f₃ + 5,
    //   imbalance 10f₃) → VPIN = (0 + 10f₃)/20 = f₃/2.
    // erf(½) = 0.5204998778130465, Φ(1/√2) = (1 + erf(½))/2 = 0.7602499389065233.
    const out = vpin({ close: [10, 11, 10, 11, 12], volume: [5, 5, 15, 10, 5] }, { bucketVolume: 10, buckets: 2, sigmaPeriod: 2 });
    expect(out[0]).toBeNaN();
    expect(out[1]).toBeNaN();
    expect(out[2]).toBeNaN();
    expect(out[3]).toBeCloseTo(0.5204998778130465 / 2, 14);
    expect(out[4]).toBeCloseTo(0.7602499389065233 / 2, 14);
  });

  it('equals a share-by-share reference on random bars', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: -2, max: 2, noNaN: true }), fc.integer({ min: 0, max: 40 })), { minLength: 30, maxLength: 200 }),
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 2, max: 8 }),
        (steps, V, n, m) => {
          const close: number[] = [];
          let p = 100;
          for (const [d] of steps) close.push((p += Math.round(d * 8) / 8));
          const volume = steps.map(([, v]) => v);
          const ours = vpin({ close, volume }, { bucketVolume: V, buckets: n, sigmaPeriod: m });
          const ref = referenceVpin(close, volume, V, n, m);
          return ref.every((r, i) => (Number.isNaN(r) ? Number.isNaN(ours[i]!) : Math.abs(ours[i]! - r) < 1e-9));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('handles a bar spanning many buckets in bulk', () => {
    // Bar 2 (Δp = +1, σ = √2) pours 1e9 shares into buckets of 1: every bucket has imbalance
    // |1 − 2Φ(1/√2)| = erf(½).
    const out = vpin({ close: [1, 2, 1, 2], volume: [1, 1, 1, 1e9] }, { bucketVolume: 1, buckets: 50, sigmaPeriod: 2 });
    expect(out[3]).toBeCloseTo(0.5204998778130465, 12);
  });

  it('is NaN at a NaN bar and while a bucket it touched is among the last n', () => {
    const close = [10, 11, 10, 11, 10, 11, 10, 11, 10, 11, 10, 11];
    const volume = [10, 10, 10, 10, 10, Number.NaN, 10, 10, 10, 10, 10, 10];
    const out = vpin({ close, volume }, { bucketVolume: 10, buckets: 2, sigmaPeriod: 2 });
    // Buckets: bars 2, 3, 4 complete one each; bar 5's volume is unknown, so bucket "bar 6" is
    // tainted, and VPIN waits until two clean buckets follow it (bars 7 and 8).
    expect([...out].map(Number.isNaN)).toEqual([true, true, true, false, false, true, true, true, false, false, false, false]);
  });

  it('stays in [0, 1] and streams the same values', () => {
    const close = Array.from({ length: 300 }, (_, i) => 100 + Math.sin(i / 7) * 5 + (i % 5));
    const volume = Array.from({ length: 300 }, (_, i) => 1000 + ((i * 7919) % 600));
    const options = { bucketVolume: 700, buckets: 10, sigmaPeriod: 20 };
    const out = vpin({ close, volume }, options);
    const s = new Vpin(options);
    close.forEach((c, i) => {
      expect(Object.is(s.add({ close: c, volume: volume[i]! }), out[i])).toBe(true);
      if (!Number.isNaN(out[i]!)) expect(out[i]! >= 0 && out[i]! <= 1).toBe(true);
    });
    expect(s.isReady).toBe(true);
    expect(s.warmUp).toBe(21);
  });

  it('rejects bad options', () => {
    expect(() => vpin({ close: [1], volume: [1] }, { bucketVolume: 0 })).toThrow('"0"');
    expect(() => new Vpin({ bucketVolume: Number.NaN })).toThrow(FeatureArgumentError);
    expect(() => vpinFeature({ bucketVolume: 1, buckets: 0 })).toThrow(FeatureArgumentError);
    expect(() => vpin({ close: [1], volume: [1] }, { bucketVolume: 1, sigmaPeriod: 1 })).toThrow(FeatureArgumentError);
    expect(() => vpin({ close: [1, 2], volume: [1] }, { bucketVolume: 1 })).toThrow(FeatureArgumentError);
  });
});

describe.skipIf(!hasSharedData)(`vpin on ORCL 1995–2014 ${needsSharedData}`, () => {
  const { close, volume } = hasSharedData ? yahooColumns() : { close: new Float64Array(0), volume: new Float64Array(0) };
  // ORCL trades ~3e7 shares a day: buckets of 1e7, a VPIN over 50 of them (~2–3 weeks).
  testFeatureContract(vpinFeature({ bucketVolume: 1e7, buckets: 50, sigmaPeriod: 50 }), { close, volume });
});
