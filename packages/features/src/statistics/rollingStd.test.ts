import fc from 'fast-check';
import { SD } from 'technicalindicators';
import { describe, expect, it } from 'vitest';
import { FeatureArgumentError } from '../core/errors.js';
import { hasSharedData, needsSharedData, yahooColumns } from '../internal/testData.js';
import { testFeatureContract } from '../testing/testFeatureContract.js';
import { sma } from '../trend/sma.js';
import { RollingMoments, rollingMoments, RollingStd, rollingStd, rollingStdFeature } from './rollingStd.js';

/** Seeded uniform [0, 1) (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Same double (±0 equal, NaN equal to NaN): what "bit for bit" means for outputs. */
const same = (a: number, b: number): boolean => a === b || (Number.isNaN(a) && Number.isNaN(b));

/** numpy-style reference: two passes over each window, O(n·w). */
function referenceStd(values: ArrayLike<number>, period: number, ddof: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) {
    if (i < period - 1) {
      out.push(Number.NaN);
      continue;
    }
    let s = 0;
    for (let j = i - period + 1; j <= i; j++) s += values[j]!;
    const m = s / period;
    let q = 0;
    for (let j = i - period + 1; j <= i; j++) q += (values[j]! - m) ** 2;
    out.push(Math.sqrt(q / (period - ddof)));
  }
  return out;
}

/** A random walk around `level` with steps of relative size `step`. */
function walk(n: number, level: number, step: number, seed: number): Float64Array {
  const r = random(seed);
  const out = new Float64Array(n);
  let p = level;
  for (let i = 0; i < n; i++) {
    p *= 1 + (r() - 0.5) * step;
    out[i] = p;
  }
  return out;
}

describe('rollingStd', () => {
  it('matches hand calculations, sample by default and population with ddof 0', () => {
    // Window [1, 2, 4]: mean 7/3, deviations −4/3, −1/3, 5/3, squares 16/9 + 1/9 + 25/9 = 14/3;
    // sample variance 14/3 / 2 = 7/3, population 14/3 / 3 = 14/9.
    const sample = rollingStd([1, 2, 4], 3);
    expect(sample[0]).toBeNaN();
    expect(sample[1]).toBeNaN();
    expect(sample[2]).toBeCloseTo(Math.sqrt(7 / 3), 15);
    expect(rollingStd([1, 2, 4], 3, { ddof: 0 })[2]).toBeCloseTo(Math.sqrt(14) / 3, 15);
    // [2, 4, 4, 4, 5, 5, 7, 9]: mean 5, squared deviations 9+1+1+1+0+0+4+16 = 32; population
    // variance 32/8 = 4 (std exactly 2), sample 32/7.
    const x = [2, 4, 4, 4, 5, 5, 7, 9];
    expect(rollingStd(x, 8, { ddof: 0 })[7]).toBe(2);
    expect(rollingStd(x, 8)[7]).toBeCloseTo(Math.sqrt(32 / 7), 15);
  });

  it('slides the window: [1, 2, 4] then [2, 4, 4] (mean 10/3, squares 16/9 + 4/9 + 4/9 = 8/3, sample 4/3)', () => {
    expect(rollingStd([1, 2, 4, 4], 3)[3]).toBeCloseTo(Math.sqrt(4 / 3), 15);
  });

  it('is exactly 0 on a flat window and for period 1 with ddof 0', () => {
    expect([...rollingStd([5, 5, 5, 5], 2)]).toEqual([Number.NaN, 0, 0, 0]);
    expect([...rollingStd([1, 7, -3], 1, { ddof: 0 })]).toEqual([0, 0, 0]);
  });

  it('matches a two-pass reference on random data over many windows (both ddof)', () => {
    const x = walk(3000, 100, 0.04, 1);
    for (const period of [2, 5, 20, 63]) {
      for (const ddof of [0, 1]) {
        const got = rollingStd(x, period, { ddof });
        const want = referenceStd(x, period, ddof);
        for (let i = period - 1; i < x.length; i++) expect(Math.abs(got[i]! - want[i]!)).toBeLessThanOrEqual(1e-12 * want[i]!);
      }
    }
  });

  it('keeps full relative accuracy for prices near 1e4 with a tiny variance, even right after big moves', () => {
    // Blocks of 100 values alternate between big moves (±10 % around 1e4) and values 1e4 + k·2^-20
    // with integer k in [0, 16): exact doubles, so a window inside a quiet block has the exact
    // population M2 = (p·Σk² − (Σk)²)/p · 2^-40, computable in integers: std ≈ 4e-6 on a level
    // of 1e4, the first quiet windows right after a 1e3 move. Naive running sums lose every digit.
    const r = random(7);
    const n = 100_000;
    const period = 20;
    const k = Int32Array.from({ length: n }, () => Math.floor(r() * 16));
    const quiet = (i: number): boolean => Math.floor(i / 100) % 2 === 0;
    const x = Float64Array.from(k, (v, i) => (quiet(i) ? 1e4 + v * 2 ** -20 : 1e4 * (1 + (r() - 0.5) * 0.2)));
    const got = rollingStd(x, period, { ddof: 0 });
    let s = 0;
    let s2 = 0;
    let worst = 0;
    let worstNaive = 0;
    for (let i = 0; i < n; i++) {
      s += x[i]!;
      s2 += x[i]! ** 2;
      if (i >= period) {
        s -= x[i - period]!;
        s2 -= x[i - period]! ** 2;
      }
      if (i % 100 < period - 1 || !quiet(i)) continue;
      let sk = 0;
      let sk2 = 0;
      for (let j = i - period + 1; j <= i; j++) {
        sk += k[j]!;
        sk2 += k[j]! ** 2;
      }
      const want = Math.sqrt(((period * sk2 - sk * sk) / period / period) * 2 ** -40);
      const naive = Math.sqrt(Math.max(0, s2 / period - (s / period) ** 2));
      worst = Math.max(worst, Math.abs(got[i]! - want) / want);
      worstNaive = Math.max(worstNaive, Math.abs(naive - want) / want);
    }
    expect(worst).toBeLessThan(1e-13);
    expect(worstNaive).toBeGreaterThan(0.1);
  });

  it('is exact for period 2, where every window may be nearly flat next to the last move', () => {
    // For two values the std is |a − b|/2 (population), |a − b| exact by Sterbenz: a reference
    // with one rounding. Random-walk steps of up to 2 % make many windows tiny next to earlier moves.
    const x = walk(20_000, 100, 0.04, 1);
    const got = rollingStd(x, 2, { ddof: 0 });
    for (let i = 1; i < x.length; i++) {
      const want = Math.abs(x[i]! - x[i - 1]!) / 2;
      expect(Math.abs(got[i]! - want)).toBeLessThanOrEqual(1e-13 * want);
    }
  });

  it('does not drift over a million values: the last windows match a two-pass reference', () => {
    const x = walk(1_000_000, 1e4, 0.02, 3);
    const got = rollingStd(x, 20);
    const tail = x.subarray(x.length - 200);
    const want = referenceStd(tail, 20, 1);
    for (let i = 19; i < 200; i++) expect(Math.abs(got[x.length - 200 + i]! - want[i]!)).toBeLessThanOrEqual(1e-12 * want[i]!);
  });

  it('agrees with technicalindicators SD (population std) aligned by period − 1', () => {
    // SD.calculate returns values from the first full window on: its k-th output is our index k + period − 1.
    const x = Array.from(walk(500, 50, 0.05, 11));
    const period = 14;
    const theirs = SD.calculate({ values: x, period });
    const ours = rollingStd(x, period, { ddof: 0 });
    expect(theirs).toHaveLength(x.length - period + 1);
    theirs.forEach((v, k) => expect(ours[k + period - 1]).toBeCloseTo(v, 10));
  });

  it('is NaN while a NaN or infinity is in the window, then recovers', () => {
    const got = rollingStd([1, 2, Number.NaN, 4, 5, 7, Number.POSITIVE_INFINITY, 1, 2], 2);
    const h = Math.SQRT1_2;
    expect([...got].map((v) => (Number.isNaN(v) ? 'NaN' : v))).toEqual(['NaN', h, 'NaN', 'NaN', h, Math.SQRT2, 'NaN', 'NaN', h]);
  });

  it('streams the same bits as the batch kernel, NaNs and far-apart values included (property)', () => {
    const value = fc.oneof(
      { weight: 20, arbitrary: fc.double({ min: 90, max: 110, noNaN: true }) },
      { weight: 2, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) },
      { weight: 1, arbitrary: fc.constant(Number.NaN) },
      { weight: 1, arbitrary: fc.constant(0) },
    );
    fc.assert(
      fc.property(fc.array(value, { maxLength: 120 }), fc.integer({ min: 1, max: 12 }), (xs, period) => {
        const mean = new Float64Array(xs.length);
        const m2 = new Float64Array(xs.length);
        rollingMoments(xs, period, mean, m2);
        const s = new RollingMoments(period);
        xs.forEach((x, i) => {
          s.add(x);
          expect(same(s.mean, mean[i]!), `mean at ${i}: ${s.mean} vs ${mean[i]}`).toBe(true);
          expect(same(s.m2, m2[i]!), `m2 at ${i}: ${s.m2} vs ${m2[i]}`).toBe(true);
        });
        // The mean is the exactly rounded SMA, whatever path computed it.
        const ref = sma(xs, period);
        xs.forEach((_, i) => {
          if (!Number.isNaN(mean[i]!)) expect(mean[i]! === ref[i]!).toBe(true);
        });
      }),
      { numRuns: 1500 },
    );
  });

  it('streams the same values with RollingStd', () => {
    const x = walk(300, 20, 0.1, 5);
    const batch = rollingStd(x, 10);
    const s = new RollingStd(10);
    x.forEach((v, i) => expect(same(s.add(v), batch[i]!)).toBe(true));
    expect(s.isReady).toBe(true);
    expect(s.warmUp).toBe(10);
    expect(s.ddof).toBe(1);
  });

  it('rejects a bad period or ddof, quoting the value', () => {
    expect(() => rollingStd([1], 0)).toThrow(FeatureArgumentError);
    expect(() => rollingStd([1], 1)).toThrow('"1"'); // ddof 1 needs period >= 2
    expect(() => rollingStd([1], 3, { ddof: 0.5 })).toThrow('"0.5"');
    expect(() => new RollingStd(2.5)).toThrow('"2.5"');
    expect(() => rollingStdFeature(3, { ddof: 3 })).toThrow(FeatureArgumentError);
  });

  it('names its feature after its parameters', () => {
    expect(rollingStdFeature(20).name).toBe('rollingStd(20)');
    expect(rollingStdFeature(20, { ddof: 0 }).name).toBe('rollingStd(20,ddof=0)');
  });
});

describe.skipIf(!hasSharedData)(`rollingStd on ORCL 1995–2014 ${needsSharedData}`, () => {
  const close = hasSharedData ? yahooColumns().close : new Float64Array(0);
  testFeatureContract(rollingStdFeature(20), { close });
  testFeatureContract(rollingStdFeature(5, { ddof: 0 }), { close });

  it('matches the two-pass reference on real prices', () => {
    const got = rollingStd(close, 20);
    const want = referenceStd(close, 20, 1);
    for (let i = 19; i < close.length; i++) expect(Math.abs(got[i]! - want[i]!)).toBeLessThanOrEqual(1e-11 * want[i]! + 1e-15);
  });
});
