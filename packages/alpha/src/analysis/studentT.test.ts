import { describe, expect, it } from 'vitest';
import { logGamma, regularizedIncompleteBeta, studentTCdf, studentTTwoSided, tTestOneSample } from './studentT.js';

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

// References: scipy 1.10.1 (Debian), printed with repr():
//   special.betainc(2,3,0.4), 2*stats.t.sf(|t|,df), stats.t.cdf(-2,10), special.gammaln(0.5),
//   stats.ttest_1samp([0.1,0.2,0.05,0.15], 0)
describe('Student t (scipy 1.10.1 references)', () => {
  it('log-gamma and the incomplete beta', () => {
    expect(rel(logGamma(0.5), 0.5723649429247)).toBeLessThan(1e-14);
    expect(rel(regularizedIncompleteBeta(2, 3, 0.4), 0.5247999999999999)).toBeLessThan(1e-14);
  });

  it.each([
    [2, 10, 0.07338803477074039],
    [124.18172223663547, 39, 2.7559145538137195e-52],
    [30, 2500, 3.6934186239590316e-169],
    [0.001, 5, 0.9992407867721976],
    [1e-8, 1000, 0.9999999920231488],
    [7.5, 3, 0.0049109749259883045],
    [-45, 12, 9.452630090608142e-15],
  ])('two-sided p of t = %d with %d df agrees to 1e-12 relative', (t, df, p) => {
    expect(rel(studentTTwoSided(t, df), p)).toBeLessThan(1e-12);
  });

  it('cdf and the one-sample test', () => {
    expect(rel(studentTCdf(-2, 10), 0.036694017385370196)).toBeLessThan(1e-13);
    const r = tTestOneSample(Float64Array.of(0.1, 0.2, 0.05, 0.15));
    expect(rel(r.tStat, 3.8729833462074175)).toBeLessThan(1e-14);
    expect(rel(r.pValue, 0.03046629166217096)).toBeLessThan(1e-12);
    expect(tTestOneSample(Float64Array.of(1, Number.NaN, 2)).pValue).toBeNaN();
  });
});
