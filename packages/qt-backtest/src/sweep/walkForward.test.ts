import { describe, expect, it } from 'vitest';
import { walkForwardFromReturns, walkForwardOptimise, walkForwardWindows } from './walkForward.js';

// Returns in 1/128ths (exact in binary, so ties are real ties).
const A = [2, 4, -2, 6, 0, -4].map((x) => x / 128);
const B = [0, -2, 4, 2, 4, 2].map((x) => x / 128);

describe('walkForwardWindows', () => {
  it('rolls and anchors windows', () => {
    expect(walkForwardWindows(10, { inSample: 4, outOfSample: 2 })).toEqual([
      { index: 0, inSample: { start: 0, end: 4 }, outOfSample: { start: 4, end: 6 } },
      { index: 1, inSample: { start: 2, end: 6 }, outOfSample: { start: 6, end: 8 } },
      { index: 2, inSample: { start: 4, end: 8 }, outOfSample: { start: 8, end: 10 } },
    ]);
    expect(walkForwardWindows(9, { inSample: 4, outOfSample: 2, anchored: true }).map((w) => [w.inSample.start, w.inSample.end, w.outOfSample.end])).toEqual([
      [0, 4, 6],
      [0, 6, 8],
    ]);
    expect(() => walkForwardWindows(5, { inSample: 4, outOfSample: 2 })).toThrow(/5 rows hold no walk-forward window/);
    expect(() => walkForwardWindows(50, { inSample: 0, outOfSample: 2 })).toThrow(/inSample must be an integer >= 1, got 0/);
  });
});

describe('walkForwardOptimise', () => {
  it('matches the hand-computed rolling case', () => {
    // IS = 2 rows, OOS = 1 row, step 1; score = sum of IS returns (×128):
    //   w0 IS rows 0–1: A 6,  B −2 → A; OOS row 2: A = −2
    //   w1 IS rows 1–2: A 2,  B 2  → tie → A (first); OOS row 3: A = 6
    //   w2 IS rows 2–3: A 4,  B 6  → B; OOS row 4: B = 4
    //   w3 IS rows 3–4: A 6,  B 6  → tie → A; OOS row 5: A = −4
    const r = walkForwardFromReturns([A, B], walkForwardWindows(6, { inSample: 2, outOfSample: 1, step: 1 }));
    expect(r.steps.map((s) => s.chosen)).toEqual([0, 0, 1, 0]);
    expect(r.steps.map((s) => s.inSampleScore * 128)).toEqual([6, 2, 6, 6]);
    expect([...r.returns].map((x) => x * 128)).toEqual([-2, 6, 4, -4]);
    const e = [1 - 2 / 128];
    e.push(e[0]! * (1 + 6 / 128), e[0]! * (1 + 6 / 128) * (1 + 4 / 128), e[0]! * (1 + 6 / 128) * (1 + 4 / 128) * (1 - 4 / 128));
    expect([...r.equity]).toEqual(e);
    expect(r.trials).toBe(8);
  });

  it('matches the hand-computed anchored case', () => {
    //   w0 IS 0–1: A 6, B −2 → A, OOS row 2 −2;  w1 IS 0–2: A 4, B 2 → A, OOS row 3 6;
    //   w2 IS 0–3: A 10, B 4 → A, OOS row 4 0;   w3 IS 0–4: A 10, B 8 → A, OOS row 5 −4.
    const r = walkForwardFromReturns([A, B], walkForwardWindows(6, { inSample: 2, outOfSample: 1, step: 1, anchored: true }));
    expect(r.steps.map((s) => s.chosen)).toEqual([0, 0, 0, 0]);
    expect([...r.returns].map((x) => x * 128)).toEqual([-2, 6, 0, -4]);
  });

  it('skips NaN scores and fails clearly when no candidate scores', () => {
    const windows = walkForwardWindows(4, { inSample: 2, outOfSample: 2 });
    const r = walkForwardOptimise({ windows, candidates: ['x', 'y'], score: (c) => (c === 'x' ? Number.NaN : 1), outOfSampleReturns: () => [0.5, 0.5], initialEquity: 100 });
    expect(r.steps[0]!.params).toBe('y');
    expect([...r.equity]).toEqual([150, 225]);
    expect(() => walkForwardOptimise({ windows, candidates: ['x'], score: () => Number.NaN, outOfSampleReturns: () => [0, 0] })).toThrow(/window 0 \(rows 0\.\.1\): no candidate has a score/);
  });
});
