import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FeatureArgumentError } from '../core/errors.js';
import { hasSharedData, needsSharedData, yahooColumns } from '../internal/testData.js';
import { testFeatureContract } from '../testing/testFeatureContract.js';
import { RollingBeta, rollingBeta, rollingBetaFeature } from './rollingBeta.js';

/** Two-pass OLS slope of y on x (the textbook formula, for cross-checks). */
function slope(x: ArrayLike<number>, y: ArrayLike<number>, from: number, to: number): number {
  let mx = 0;
  let my = 0;
  const n = to - from + 1;
  for (let i = from; i <= to; i++) {
    mx += x[i]! / n;
    my += y[i]! / n;
  }
  let sxy = 0;
  let sxx = 0;
  for (let i = from; i <= to; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
  }
  return sxy / sxx;
}

/** SPY closes on ORCL's dates (NaN where SPY has none), from ../shared/data/spy_prices.csv. */
function spyOn(dates: readonly string[]): Float64Array {
  const file = join(dirname(fileURLToPath(import.meta.url)), '../../../../..', 'shared', 'data', 'spy_prices.csv');
  if (!existsSync(file)) return new Float64Array(dates.length).fill(Number.NaN);
  const byDate = new Map(
    readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => [l.split(',')[0]!, Number(l.split(',')[1])] as const),
  );
  return Float64Array.from(dates, (d) => byDate.get(d) ?? Number.NaN);
}

describe('rollingBeta', () => {
  it('matches a hand calculation', () => {
    // x = 1, 2, 3; y = 2, 4, 7: (3·31 − 6·13)/(3·14 − 6²) = 15/6 = 2.5.
    // x = 2, 3, 4; y = 4, 7, 8: (3·61 − 9·19)/(3·29 − 9²) = 12/6 = 2.
    expect([...rollingBeta([1, 2, 3, 4], [2, 4, 7, 8], 3)]).toEqual([Number.NaN, Number.NaN, 2.5, 2]);
  });

  it('stays within 1e-12 of the two-pass formula over a long drifting series (no accumulated error)', () => {
    // Levels far from 0 with a trend: the shifted, re-anchored sums must not cancel or drift.
    const n = 20_000;
    const x = Array.from({ length: n }, (_, i) => 1e4 + i * 0.5 + Math.sin(i * 1.7) * 3);
    const y = x.map((v, i) => 0.7 * v + Math.cos(i * 2.3) * 2);
    const out = rollingBeta(x, y, 50);
    for (let i = 49; i < n; i += 7) expect(Math.abs(out[i]! / slope(x, y, i - 49, i) - 1)).toBeLessThan(1e-12);
  });

  it('equals the two-pass formula on random pairs', () => {
    // Magnitudes within [1e-3, 0.1] (a return-like dynamic range: see WindowedPairSums on the
    // residue a value far larger than the window's spread leaves until the next re-anchoring).
    const value = fc.tuple(fc.double({ min: 1e-3, max: 0.1, noNaN: true }), fc.boolean()).map(([v, negative]) => (negative ? -v : v));
    fc.assert(
      fc.property(fc.array(fc.tuple(value, value), { minLength: 10, maxLength: 80 }), fc.integer({ min: 2, max: 9 }), (pairs, period) => {
        const x = pairs.map((p) => p[0]);
        const y = pairs.map((p) => p[1]);
        const out = rollingBeta(x, y, period);
        for (let i = period - 1; i < x.length; i++) {
          const ref = slope(x, y, i - period + 1, i);
          // Nearly flat x (the generator repeats values) against the magnitudes of the last two
          // windows: the slope is rounding noise (NaN here by design), so only well-conditioned
          // windows are compared.
          const w = x.slice(i - period + 1, i + 1);
          const scale = Math.max(...x.slice(Math.max(0, i - 2 * period + 1), i + 1).map(Math.abs));
          if (Math.max(...w) - Math.min(...w) <= 1e-6 * scale) continue;
          if (!(Math.abs(out[i]! - ref) <= 1e-10 * Math.max(1, Math.abs(ref)))) return false;
        }
        return true;
      }),
      { numRuns: 300 },
    );
  });

  it('equals the two-pass formula on random returns', () => {
    const x = Array.from({ length: 500 }, (_, i) => Math.sin(i * 1.7) * 0.02);
    const y = x.map((v, i) => 1.3 * v + Math.cos(i * 2.3) * 0.01);
    const out = rollingBeta(x, y, 30);
    for (let i = 29; i < 500; i++) expect(Math.abs(out[i]! - slope(x, y, i - 29, i))).toBeLessThan(1e-12);
  });

  it('is NaN while a NaN or infinite pair is in the window, and when x is flat', () => {
    const out = rollingBeta([1, 2, Number.NaN, 4, 5, Infinity, 7, 8, 9], [1, 2, 3, 4, 5, 6, 7, 8, 9], 2);
    expect([...out].map(Number.isNaN)).toEqual([true, false, true, true, false, true, true, false, false]);
    expect(out[8]).toBe(1);
    // A constant 0.1 does not sum to exactly 3·0.1: the flat window must still read as flat.
    expect(rollingBeta([0.1, 0.1, 0.1], [1, 2, 3], 3)[2]).toBeNaN();
  });

  it('streams the same values', () => {
    const s = new RollingBeta(3);
    expect([1, 2, 3, 4].map((x, i) => s.add(x, [2, 4, 7, 8][i]!))).toEqual([Number.NaN, Number.NaN, 2.5, 2]);
    expect(s.isReady).toBe(true);
    expect(s.warmUp).toBe(3);
  });

  it('feature: beta of returns on a captured benchmark, streaming through an adapter', () => {
    const bench = [100, 101, 99, 102, 103, 101];
    const close = [50, 50.6, 49.4, 51.2, 51.5, 50.9];
    const f = rollingBetaFeature(bench, 3);
    const rb = bench.map((b, i) => (i === 0 ? Number.NaN : b / bench[i - 1]! - 1));
    const rc = close.map((c, i) => (i === 0 ? Number.NaN : c / close[i - 1]! - 1));
    expect([...f.batch({ close })]).toEqual([...rollingBeta(rb, rc, 3)]);
    expect(f.name).toBe('rollingBeta(3)');
    const s = f.stream!() as unknown as { add(x: number): number; warmUp: number };
    expect(close.map((c) => s.add(c))).toEqual([...f.batch({ close })]);
    expect(s.warmUp).toBe(4);
    expect([...rollingBetaFeature(bench, 3, { on: 'levels' }).batch({ close })]).toEqual([...rollingBeta(bench, close, 3)]);
  });

  it('rejects a bad period, unequal lengths, a short benchmark', () => {
    expect(() => rollingBeta([1, 2], [1, 2], 1)).toThrow(FeatureArgumentError);
    expect(() => new RollingBeta(2.5)).toThrow('"2.5"');
    expect(() => rollingBeta([1, 2], [1], 2)).toThrow(FeatureArgumentError);
    expect(() => rollingBetaFeature([1, 2], 2).batch({ close: [1, 2, 3] })).toThrow('"2"');
  });
});

describe.skipIf(!hasSharedData)(`rollingBeta of ORCL on SPY 1995–2014 ${needsSharedData}`, () => {
  const data = hasSharedData ? yahooColumns() : { date: [] as string[], close: new Float64Array(0) };
  const spy = spyOn(data.date);

  it('has SPY on every ORCL date and a plausible beta (equal to the two-pass formula)', () => {
    expect(spy.every((v) => v > 0)).toBe(true);
    const out = rollingBetaFeature(spy, 250).batch({ close: data.close });
    const rs = Float64Array.from(spy, (v, i) => v / spy[i - 1]! - 1);
    const ro = Float64Array.from(data.close, (v, i) => v / data.close[i - 1]! - 1);
    for (let t = 250; t < out.length; t += 97) {
      expect(Math.abs(out[t]! - slope(rs, ro, t - 249, t))).toBeLessThan(1e-10);
      expect(out[t]!).toBeGreaterThan(0.3);
      expect(out[t]!).toBeLessThan(3);
    }
  });

  testFeatureContract(rollingBetaFeature(spy, 60), { close: data.close });
  testFeatureContract(rollingBetaFeature(spy, 60, { on: 'levels' }), { close: data.close });
});
