import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TimeParser } from './TimeParser.js';

describe('TimeParser', () => {
  it('reads ISO dates as date labels', () => {
    const p = new TimeParser();
    expect(p.parse('2024-02-29')).toBe(Date.UTC(2024, 1, 29));
    expect(p.dayLabel).toBe(Date.UTC(2024, 1, 29));
  });

  it('reads ISO date-times with Z, offsets, fractions and a space separator', () => {
    const p = new TimeParser();
    expect(p.parse('2024-01-02T09:30:00Z')).toBe(Date.UTC(2024, 0, 2, 9, 30));
    expect(Number.isNaN(p.dayLabel), 'not a midnight').toBe(true);
    expect(p.parse('2024-01-02T09:30:00.5-05:00')).toBe(Date.UTC(2024, 0, 2, 14, 30, 0, 500));
    expect(p.parse('2024-01-02 09:30+0530')).toBe(Date.UTC(2024, 0, 2, 4, 0));
    expect(p.parse('2024-01-02T00:00:00+01:00')).toBe(Date.UTC(2024, 0, 1, 23));
    expect(p.dayLabel, 'a local midnight is the local date').toBe(Date.UTC(2024, 0, 2));
    expect(p.parse('2024-01-02T09:30:00.123456789Z')).toBe(Date.UTC(2024, 0, 2, 9, 30, 0, 123));
  });

  it('reads naive date-times in its time zone', () => {
    const p = new TimeParser('auto', 'Europe/London');
    expect(p.parse('2024-07-01 08:00')).toBe(Date.UTC(2024, 6, 1, 7));
    expect(p.parse('2024-07-01')).toBe(Date.UTC(2024, 5, 30, 23));
    expect(p.dayLabel).toBe(Date.UTC(2024, 6, 1));
  });

  it('reads epoch numbers by magnitude in auto mode and by unit when told', () => {
    const ms = Date.UTC(2020, 4, 5, 6, 7, 8, 9);
    const p = new TimeParser();
    expect(p.parse(String(Math.floor(ms / 1000)))).toBe(ms - 9);
    expect(p.parse(String(ms))).toBe(ms);
    expect(p.parse(`${ms}123`)).toBe(ms);
    expect(p.parse(`${ms}123456`)).toBe(ms);
    expect(new TimeParser('epoch-ms').parse('1000')).toBe(1000);
    expect(new TimeParser('epoch-s').parse('1700000000')).toBe(1_700_000_000_000);
    expect(new TimeParser('epoch-ns').parse('-1500000'), 'floored, not truncated').toBe(-2);
  });

  it('reads compact and slashed dates only when told', () => {
    expect(new TimeParser('yyyymmdd').parse('20240102')).toBe(Date.UTC(2024, 0, 2));
    expect(new TimeParser('mdy').parse('1/2/2024')).toBe(Date.UTC(2024, 0, 2));
    expect(new TimeParser('dmy').parse('1.2.2024 10:00')).toBe(Date.UTC(2024, 1, 1, 10));
    const auto = new TimeParser();
    expect(auto.parse('1/2/2024')).toBeNaN();
    expect(auto.expected).toContain('set timeFormat');
  });

  it('says why a cell is not a time', () => {
    const p = new TimeParser();
    for (const [text, why] of [
      ['', 'empty'],
      ['2024-13-01', 'not a valid calendar date'],
      ['2024-01-02T25:00', 'out of range'],
      ['2024-01-02T09:30:00 EST', 'unexpected text'],
      ['2024-01-02T09:30+5', 'UTC offset'],
      ['tomorrow', 'not an ISO date'],
    ] as const) {
      expect(p.parse(text), text).toBeNaN();
      expect(p.error, text).toContain(why);
    }
    const ms = new TimeParser('epoch-ms');
    expect(ms.parse('9999999999999999'), 'seconds misread as milliseconds land in year 318,857').toBeNaN();
    expect(ms.error).toContain('outside 1800..2200');
  });

  it('agrees with Date.parse on random UTC ISO strings (property)', () => {
    const p = new TimeParser();
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2150, 0, 1) }), (ms) => {
        const iso = new Date(ms).toISOString();
        expect(p.parse(iso)).toBe(ms);
        expect(p.parse(iso.slice(0, 10))).toBe(Date.parse(iso.slice(0, 10)));
      }),
    );
  });
});
