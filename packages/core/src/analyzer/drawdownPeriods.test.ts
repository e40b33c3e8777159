import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvariantError } from '../errors.js';
import { drawdownPeriods } from './drawdownPeriods.js';
import { maxDrawdown } from './maxDrawdown.js';

/** Simple returns of a price path (pandas' `pct_change().iloc[1:]`). */
const pctChange = (prices: readonly number[]): number[] => prices.slice(1).map((p, i) => p / prices[i]! - 1);

describe('drawdownPeriods', () => {
  // pyfolio/tests/test_timeseries.py::TestDrawdown::test_gen_drawdown_table, px_list_1: prices
  // 1, 1.2, 1, 0.8, 0.7, 1.1, 1.8, 1.5; returns start at the 1.2 print. pyfolio: peak 2000-01-04
  // (index 0), valley 2000-01-07 (index 3), recovery 2000-01-09 (index 5). pyfolio's duration 4 counts
  // business days between those calendar dates (a weekend falls inside); per period it is 5 − 0 + 1.
  it('finds pyfolio’s peak, valley and recovery on px_list_1', () => {
    const [first] = drawdownPeriods(pctChange([1, 1.2, 1, 0.8, 0.7, 1.1, 1.8, 1.5]), { top: 1 });
    expect(first).toMatchObject({ peakIndex: 0, troughIndex: 3, recoveryIndex: 5, duration: 6 });
    expect(first!.depth).toBeCloseTo(0.7 / 1.2 - 1, 15);
  });

  // Same test, px_list_2 (ends in drawdown): recovery and duration are NaN.
  it('reports an unrecovered drawdown with NaN recovery and duration (pyfolio px_list_2)', () => {
    const [first] = drawdownPeriods(pctChange([1, 1.2, 1, 0.8, 0.7, 0.8, 0.9, 0.9]), { top: 1 });
    expect(first).toMatchObject({ peakIndex: 0, troughIndex: 3, recoveryIndex: Number.NaN, duration: Number.NaN });
  });

  it('lists drawdowns deepest first without overlap', () => {
    // Wealth 1.1, 0.88, 1.144, 1.0296: −20 % from index 0 (recovered at 2), then −10 % from 2, open.
    const periods = drawdownPeriods([0.1, -0.2, 0.3, -0.1]);
    expect(periods).toHaveLength(2);
    expect(periods[0]).toMatchObject({ peakIndex: 0, troughIndex: 1, recoveryIndex: 2, duration: 3 });
    expect(periods[0]!.depth).toBeCloseTo(-0.2, 15);
    expect(periods[1]).toMatchObject({ peakIndex: 2, troughIndex: 3, recoveryIndex: Number.NaN, duration: Number.NaN });
    expect(periods[1]!.depth).toBeCloseTo(-0.1, 15);
  });

  it('starts a drawdown at the starting capital (peakIndex -1) when the first period loses', () => {
    // pyfolio would start its running peak at 0.9 and see no drawdown here.
    const [first] = drawdownPeriods([-0.1, 0.2]);
    expect(first).toMatchObject({ peakIndex: -1, troughIndex: 0, recoveryIndex: 1, duration: 3 });
    expect(first!.depth).toBeCloseTo(-0.1, 15);
  });

  it('hides the periods after an unrecovered peak, as pyfolio truncates there', () => {
    // −10 % dip recovered at index 2, then an open −30 % drawdown from index 2 containing a
    // smaller dip (indices 4–5) that is not reported separately.
    const periods = drawdownPeriods([0.1, -0.1, 0.2, -0.3, 0.1, -0.05, 0.02]);
    expect(periods.map((p) => [p.peakIndex, p.troughIndex])).toEqual([
      [2, 3],
      [0, 1],
    ]);
  });

  it('is empty when wealth never falls below a previous high, for all-zero and for empty input', () => {
    expect(drawdownPeriods([0.01, 0.02, 0])).toEqual([]);
    expect(drawdownPeriods([0, 0, 0])).toEqual([]);
    expect(drawdownPeriods([])).toEqual([]);
  });

  it('treats NaN as a flat period and honours top', () => {
    const returns = [0.1, Number.NaN, -0.1, 0.2, -0.05, 0.1, -0.02, 0.1];
    expect(drawdownPeriods(returns, { top: 2 })).toHaveLength(2);
    expect(drawdownPeriods(returns, { top: 0 })).toEqual([]);
    expect(drawdownPeriods(returns)[0]).toMatchObject({ peakIndex: 1, troughIndex: 2, recoveryIndex: 3 });
  });

  it('throws InvariantError for a top that is not a whole number >= 0', () => {
    expect(() => drawdownPeriods([0.1], { top: -1 })).toThrow(InvariantError);
    expect(() => drawdownPeriods([0.1], { top: 1.5 })).toThrow(InvariantError);
  });

  it('puts maxDrawdown first and never overlaps episodes', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -0.5, max: 0.5, noNaN: true }), { minLength: 1, maxLength: 120 }), (returns) => {
        const periods = drawdownPeriods(returns, { top: 20 });
        const mdd = maxDrawdown(returns);
        if (mdd === 0) {
          expect(periods).toEqual([]);
          return;
        }
        expect(periods[0]!.depth).toBe(mdd);
        for (let i = 1; i < periods.length; i++) expect(periods[i]!.depth).toBeGreaterThanOrEqual(periods[i - 1]!.depth);
        const sorted = [...periods].sort((a, b) => a.peakIndex - b.peakIndex);
        for (let i = 1; i < sorted.length; i++) {
          const prev = sorted[i - 1]!;
          expect(Number.isNaN(prev.recoveryIndex) ? Number.POSITIVE_INFINITY : prev.recoveryIndex).toBeLessThanOrEqual(sorted[i]!.peakIndex);
        }
      }),
    );
  });
});
