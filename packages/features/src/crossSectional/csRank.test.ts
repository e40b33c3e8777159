import { describe, expect, it } from 'vitest';
import { csRank } from './csRank.js';

const NaN_ = Number.NaN;
const rows = (panel: Float64Array[]): number[][] => panel.map((c) => [...c]);

describe('csRank', () => {
  it('ranks into [0, 1] with average ties, ignoring NaN', () => {
    // t = 0: values 3, 1, −, 3 → sorted 1 (rank 0), 3, 3 (ranks 1, 2 → 1.5) over m − 1 = 2.
    // t = 1: a lone value → 0.5; t = 2: nothing present.
    const panel = [Float64Array.of(3, NaN_, NaN_), Float64Array.of(1, 7, NaN_), Float64Array.of(NaN_, NaN_, NaN_), Float64Array.of(3, NaN_, NaN_)];
    expect(rows(csRank(panel))).toEqual([
      [0.75, NaN_, NaN_],
      [0, 0.5, NaN_],
      [NaN_, NaN_, NaN_],
      [0.75, NaN_, NaN_],
    ]);
  });

  it('spans 0 to 1 exactly and ranks infinities', () => {
    const panel = Array.from({ length: 50 }, (_, s) => Float64Array.of(s === 0 ? -Infinity : s === 49 ? Infinity : s));
    const out = csRank(panel);
    expect(out[0]![0]).toBe(0);
    expect(out[49]![0]).toBe(1);
    expect(out[7]![0]).toBe(7 / 49);
  });
});
