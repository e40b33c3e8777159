import { describe, expect, it } from 'vitest';
import { probabilityOfBacktestOverfitting } from './probabilityOfBacktestOverfitting.js';

/**
 * Hand-computed case (Bailey, Borwein, López de Prado, Zhu 2017, CSCV steps 1–6), T = 4 rows,
 * N = 3 trials, S = 4 blocks of one row, metric = mean:
 *
 *   row   A  B  C
 *    0    0  1  3
 *    1    1  0  2
 *    2    2  1  0
 *    3    0  2  4
 *
 *   IS blocks  IS means (A,B,C)  pick  OOS means (A,B,C)  OOS rank of pick  ω     λ = ln(ω/(1−ω))
 *   {0,1}      0.5 0.5 2.5       C     1   1.5 2          3                 3/4   ln 3
 *   {0,2}      1   1   1.5       C     0.5 1   3          3                 3/4   ln 3
 *   {0,3}      0   1.5 3.5       C     1.5 0.5 1          2                 1/2   0
 *   {1,2}      1.5 0.5 1         A     0   1.5 3.5        1                 1/4   −ln 3
 *   {1,3}      0.5 1   3         C     1   1   1.5        3                 3/4   ln 3
 *   {2,3}      1   1.5 2         C     0.5 0.5 2.5        3                 3/4   ln 3
 *
 * λ <= 0 in 2 of 6 splits: PBO = 1/3. (The same numbers from a 10-line numpy/scipy script with
 * scipy.stats.rankdata, scipy 1.x, run while writing this test.)
 */
const A = [0, 1, 2, 0];
const B = [1, 0, 1, 2];
const C = [3, 2, 0, 4];

describe('probabilityOfBacktestOverfitting', () => {
  it('matches the hand-computed CSCV case', () => {
    const r = probabilityOfBacktestOverfitting([A, B, C], { partitions: 4, metric: 'mean' });
    expect(r.splits).toBe(6);
    expect(r.pbo).toBeCloseTo(1 / 3, 15);
    const ln3 = Math.log(3);
    const expected = [ln3, ln3, 0, -ln3, ln3, ln3];
    r.logits.forEach((l, i) => expect(l).toBeCloseTo(expected[i]!, 12));
    expect([...r.inSample]).toEqual([2.5, 1.5, 3.5, 1.5, 3, 2]);
    expect([...r.outOfSample]).toEqual([2, 3, 1, 0, 1.5, 2.5]);
  });

  it('is 0 for a dominant trial and near 1/2 or more for pure noise', () => {
    const T = 160;
    const good = Array.from({ length: T }, (_, t) => 0.01 + 0.001 * Math.sin(t));
    const others = Array.from({ length: 5 }, (_, j) => Array.from({ length: T }, (_, t) => 0.001 * Math.sin(t * (j + 2))));
    expect(probabilityOfBacktestOverfitting([good, ...others], { partitions: 8 }).pbo).toBe(0);
    // Noise: 20 trials of seeded pseudo-random returns with no skill.
    let s = 7;
    const rnd = (): number => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648) - 0.5;
    const noise = Array.from({ length: 20 }, () => Array.from({ length: T }, rnd));
    expect(probabilityOfBacktestOverfitting(noise, { partitions: 8 }).pbo).toBeGreaterThan(0.3);
  });

  it('rejects bad input with the reason', () => {
    expect(() => probabilityOfBacktestOverfitting([A])).toThrow(/at least 2 trials/);
    expect(() => probabilityOfBacktestOverfitting([A, [1, 2]], { partitions: 2 })).toThrow(/trial 1 has 2 returns; trial 0 has 4/);
    expect(() => probabilityOfBacktestOverfitting([A, B], { partitions: 3 })).toThrow(/even integer/);
    expect(() => probabilityOfBacktestOverfitting([A, B], { partitions: 8 })).toThrow(/too few for 8 partitions/);
    expect(() => probabilityOfBacktestOverfitting([A, [1, Number.NaN, 0, 0]], { partitions: 2 })).toThrow(/non-finite return "NaN" at row 1/);
  });
});
