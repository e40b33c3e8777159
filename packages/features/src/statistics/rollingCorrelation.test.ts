import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FeatureArgumentError } from '../core/errors.js';
import { hasSharedData, needsSharedData, yahooColumns } from '../internal/testData.js';
import { testFeatureContract } from '../testing/testFeatureContract.js';
import { RollingCorrelation, rollingCorrelation, rollingCorrelationFeature } from './rollingCorrelation.js';

/** Two-pass Pearson correlation (the textbook formula, for cross-checks). */
function pearson(x: ArrayLike<number>, y: ArrayLike<number>, from: number, to: number): number {
  let mx = 0;
  let my = 0;
  const n = to - from + 1;
  for (let i = from; i <= to; i++) {
    mx += x[i]! / n;
    my += y[i]! / n;
  }
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = from; i <= to; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
    syy += (y[i]! - my) ** 2;
  }
  return sxy / (Math.sqrt(sxx) * Math.sqrt(syy));
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

describe('rollingCorrelation', () => {
  it('matches a hand calculation', () => {
    // 1, 2, 3 vs 2, 4, 6: exactly linear → 1.
    // 2, 3, 4 vs 4, 6, 5: (3·46 − 9·15)/√((3·29 − 81)(3·77 − 225)) = 3/√36 = 0.5.
    expect([...rollingCorrelation([1, 2, 3, 4], [2, 4, 6, 5], 3)]).toEqual([Number.NaN, Number.NaN, 1, 0.5]);
    expect(rollingCorrelation([1, 2, 3], [3, 2, 1], 3)[2]).toBe(-1);
  });

  it('stays in [−1, 1] and equals the two-pass formula on random data', () => {
    // Magnitudes within [1e-3, 1] (see WindowedPairSums on dynamic range).
    const value = fc.tuple(fc.double({ min: 1e-3, max: 1, noNaN: true }), fc.boolean()).map(([v, negative]) => (negative ? -v : v));
    fc.assert(
      fc.property(fc.array(fc.tuple(value, value), { minLength: 12, maxLength: 60 }), fc.integer({ min: 2, max: 9 }), (pairs, period) => {
        const x = pairs.map((p) => p[0]);
        const y = pairs.map((p) => p[1]);
        const out = rollingCorrelation(x, y, period);
        for (let i = period - 1; i < x.length; i++) {
          const r = out[i]!;
          if (r < -1 || r > 1) return false;
          // A nearly flat series (the generator repeats values), against the magnitudes of the last
          // two windows, makes the correlation rounding noise (NaN here by design): only
          // well-conditioned windows are compared.
          const flat = (v: number[]): boolean => {
            const w = v.slice(i - period + 1, i + 1);
            return Math.max(...w) - Math.min(...w) <= 1e-6 * Math.max(...v.slice(Math.max(0, i - 2 * period + 1), i + 1).map(Math.abs));
          };
          if (flat(x) || flat(y)) continue;
          if (!(Math.abs(r - pearson(x, y, i - period + 1, i)) < 1e-9)) return false;
        }
        return true;
      }),
      { numRuns: 300 },
    );
  });

  it('is NaN while a NaN pair is in the window and when either series is flat', () => {
    expect([...rollingCorrelation([1, Number.NaN, 3, 4, 5], [1, 2, 3, 5, 4], 2)].map(Number.isNaN)).toEqual([true, true, true, false, false]);
    expect(rollingCorrelation([1, 2, 3], [0.1, 0.1, 0.1], 3)[2]).toBeNaN();
  });

  it('streams the same values', () => {
    const s = new RollingCorrelation(3);
    expect([1, 2, 3, 4].map((x, i) => s.add(x, [2, 4, 6, 5][i]!))).toEqual([Number.NaN, Number.NaN, 1, 0.5]);
    expect(s.warmUp).toBe(3);
  });

  it('rejects a bad period or unequal lengths', () => {
    expect(() => rollingCorrelation([1, 2], [1, 2], 1)).toThrow(FeatureArgumentError);
    expect(() => new RollingCorrelation(0)).toThrow('"0"');
    expect(() => rollingCorrelation([1], [1, 2], 2)).toThrow(FeatureArgumentError);
    expect(() => rollingCorrelationFeature([1], 2, { on: 'prices' as 'levels' })).toThrow('"prices"');
  });
});

describe.skipIf(!hasSharedData)(`rollingCorrelation of ORCL with SPY 1995–2014 ${needsSharedData}`, () => {
  const data = hasSharedData ? yahooColumns() : { date: [] as string[], close: new Float64Array(0) };
  const spy = spyOn(data.date);

  it('equals the two-pass formula on daily returns', () => {
    const out = rollingCorrelationFeature(spy, 120).batch({ close: data.close });
    const rs = Float64Array.from(spy, (v, i) => v / spy[i - 1]! - 1);
    const ro = Float64Array.from(data.close, (v, i) => v / data.close[i - 1]! - 1);
    for (let t = 120; t < out.length; t += 101) {
      expect(Math.abs(out[t]! - pearson(rs, ro, t - 119, t))).toBeLessThan(1e-12);
      expect(out[t]!).toBeGreaterThan(0);
    }
  });

  testFeatureContract(rollingCorrelationFeature(spy, 60), { close: data.close });
});
