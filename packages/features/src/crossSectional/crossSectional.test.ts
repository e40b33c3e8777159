import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FeatureArgumentError } from '../core/errors.js';
import { crossSectional } from './crossSectional.js';
import { csDemean } from './csDemean.js';
import { csRank } from './csRank.js';
import { csZScore } from './csZScore.js';
import { winsorize } from './winsorize.js';

const NaN_ = Number.NaN;
const rows = (panel: Float64Array[]): number[][] => panel.map((c) => [...c]);

/** A random panel (symbols × times) with some NaN and some repeated values. */
const panelArb = fc
  .tuple(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 12 }))
  .chain(([S, T]) =>
    fc.array(fc.array(fc.oneof(fc.constant(NaN_), fc.constant(1), fc.double({ min: -100, max: 100, noNaN: true })), { minLength: T, maxLength: T }), {
      minLength: S,
      maxLength: S,
    }),
  )
  .map((p) => p.map((c) => Float64Array.from(c)));

const transforms: [string, (p: Float64Array[]) => Float64Array[]][] = [
  ['csRank', csRank],
  ['csZScore', csZScore],
  ['csDemean', csDemean],
  ['winsorize', (p) => winsorize(p, { lower: 0.1, upper: 0.8 })],
];

const same = (a: number, b: number): boolean => Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b));

describe('cross-sectional transforms', () => {
  for (const [name, f] of transforms) {
    it(`${name} is causal: the output at t depends only on the values at t`, () => {
      fc.assert(
        fc.property(panelArb, fc.nat(), fc.integer(), (panel, pick, seed) => {
          const T = panel[0]!.length;
          const t = pick % T;
          const full = f(panel);
          // Scramble every other time (future and past alike): row t must not move.
          const scrambled = panel.map((c, s) => c.map((v, i) => (i === t ? v : Math.sin(seed + s * 31 + i * 7) * 50)));
          const other = f(scrambled);
          // And the row alone, as a one-time panel, gives the same values.
          const alone = f(panel.map((c) => Float64Array.of(c[t]!)));
          return panel.every((_, s) => same(full[s]![t]!, other[s]![t]!) && same(full[s]![t]!, alone[s]![0]!));
        }),
        { numRuns: 200 },
      );
    });

    it(`${name} is invariant to the order of the symbols, keeps NaN and the shape`, () => {
      fc.assert(
        fc.property(panelArb, (panel) => {
          const out = f(panel);
          const reversed = f([...panel].reverse());
          return out.length === panel.length && out.every((c, s) => c.length === panel[s]!.length && c.every((v, i) => same(v, reversed[panel.length - 1 - s]![i]!) && (!Number.isNaN(panel[s]![i]!) || Number.isNaN(v))));
        }),
        { numRuns: 200 },
      );
    });

    it(`${name} rejects columns of unequal length and accepts an empty panel`, () => {
      expect(() => f([Float64Array.of(1, 2), Float64Array.of(1)])).toThrow(FeatureArgumentError);
      expect(f([])).toEqual([]);
    });
  }

  it('crossSectional applies a custom per-time function with NaN-prefilled output', () => {
    const panel = [Float64Array.of(1, 2), Float64Array.of(3, NaN_)];
    const share = crossSectional(panel, (row, out, t) => {
      let total = 0;
      for (const v of row) if (v === v) total += v;
      out[0] = row[0]! / total + t;
    });
    expect(rows(share)).toEqual([
      [0.25, 2],
      [NaN_, NaN_],
    ]);
  });
});
