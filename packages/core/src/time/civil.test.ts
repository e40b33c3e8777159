import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TimeRangeError } from '../errors.js';
import { civilFromDays, DAY_MS, dayOfIsoDate, daysFromCivil, daysInMonth, isoDate, isoDateOfDay, isValidDate, weekday } from './civil.js';

describe('civil date arithmetic', () => {
  it('agrees with Date.UTC on known dates', () => {
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
    expect(daysFromCivil(2024, 2, 29) * DAY_MS).toBe(Date.UTC(2024, 1, 29));
    expect(daysFromCivil(1600, 3, 1) * DAY_MS).toBe(Date.UTC(1600, 2, 1));
    expect(weekday(daysFromCivil(2024, 11, 28)), '2024-11-28 is a Thursday').toBe(4);
  });

  it('round-trips every day number, matching Date for dates and weekdays (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -200_000, max: 200_000 }), (d) => {
        const { year, month, day } = civilFromDays(d);
        const date = new Date(d * DAY_MS);
        expect(daysFromCivil(year, month, day)).toBe(d);
        expect([year, month, day]).toEqual([date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()]);
        expect(weekday(d)).toBe(date.getUTCDay());
        expect(isValidDate(year, month, day)).toBe(true);
        expect(dayOfIsoDate(isoDateOfDay(d)), 'iso round trip').toBe(year >= 0 && year <= 9999 ? d : dayOfIsoDate(isoDateOfDay(d)));
      }),
    );
  });

  it('knows month lengths and rejects impossible dates', () => {
    expect([daysInMonth(2023, 2), daysInMonth(2024, 2), daysInMonth(1900, 2), daysInMonth(2000, 2)]).toEqual([28, 29, 28, 29]);
    expect(isValidDate(2023, 2, 29)).toBe(false);
    expect(isValidDate(2024, 13, 1)).toBe(false);
    expect(isoDate(Date.UTC(2024, 0, 2, 23, 59))).toBe('2024-01-02');
    expect(() => dayOfIsoDate('2023-02-29')).toThrow(TimeRangeError);
    expect(() => dayOfIsoDate('2023-2-1')).toThrow('"2023-2-1"');
  });
});
