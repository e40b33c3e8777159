import { describe, expect, it } from 'vitest';
import { nyseCalendar } from '../calendar/NyseCalendar.js';
import { InvariantError } from '../errors.js';
import { createBarSeries, type BarSeries } from './BarSeries.js';
import { alignBars } from './BarPanel.js';

const day = (d: number): number => Date.UTC(2024, 0, d);
function series(symbol: string, days: number[], frequency: 'daily' | 'intraday' = 'daily'): BarSeries {
  const time = new Float64Array(days.map(day));
  const close = new Float64Array(days.map((d) => d * 10));
  return createBarSeries({ symbol, time, open: close, high: close, low: close, close, volume: close, fields: ['close'], frequency, adjustment: 'raw', source: 'test' });
}

describe('alignBars', () => {
  it('aligns on the union of times with explicit NaN gaps, never forward-filled', () => {
    const p = alignBars([series('A', [2, 3, 5]), series('B', [3, 4])]);
    expect([...p.time]).toEqual([2, 3, 4, 5].map(day));
    expect([...p.get('A', 'close')]).toEqual([20, 30, Number.NaN, 50]);
    expect([...p.get('B', 'close')]).toEqual([Number.NaN, 30, 40, Number.NaN]);
    expect([...p.present[1]!]).toEqual([0, 1, 1, 0]);
  });

  it('adds calendar sessions no symbol traded', () => {
    // 2024-01-05 (Fri) and 2024-01-08 (Mon) are sessions; the 6th and 7th are a weekend.
    const p = alignBars([series('A', [4, 9])], { calendar: nyseCalendar });
    expect([...p.time]).toEqual([4, 5, 8, 9].map(day));
    expect([...p.present[0]!]).toEqual([1, 0, 0, 1]);
  });

  it('refuses to mix daily and intraday series', () => {
    expect(() => alignBars([series('A', [2]), series('B', [2], 'intraday')])).toThrow(InvariantError);
    expect(() => alignBars([])).toThrow(InvariantError);
  });
});
