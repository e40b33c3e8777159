import { describe, expect, it } from 'vitest';
import { TimeRangeError } from '../errors.js';
import { ZoneOffsets } from './zonedTime.js';

// US DST 2024: clocks spring forward at 2024-03-10 02:00 EST and fall back at 2024-11-03 02:00 EDT.
describe('ZoneOffsets', () => {
  const ny = new ZoneOffsets('America/New_York');
  const local = (y: number, mo: number, d: number, h: number, mi = 0): number => Date.UTC(y, mo - 1, d, h, mi);

  it('gives the offset in force on either side of a DST change', () => {
    expect(ny.offsetAt(Date.UTC(2024, 2, 10, 6, 59))).toBe(-5 * 3_600_000);
    expect(ny.offsetAt(Date.UTC(2024, 2, 10, 7, 0))).toBe(-4 * 3_600_000);
  });

  it('converts wall-clock times to instants, including gap and overlap times', () => {
    expect(ny.toUtc(local(2024, 1, 2, 9, 30))).toBe(Date.UTC(2024, 0, 2, 14, 30));
    expect(ny.toUtc(local(2024, 7, 3, 13))).toBe(Date.UTC(2024, 6, 3, 17));
    expect(ny.toUtc(local(2024, 3, 10, 2, 30)), 'in the gap: read as 03:30 EDT').toBe(Date.UTC(2024, 2, 10, 7, 30));
    expect(ny.toUtc(local(2024, 11, 3, 1, 30)), 'in the overlap: the earlier (EDT) instant').toBe(Date.UTC(2024, 10, 3, 5, 30));
    expect(new ZoneOffsets('Asia/Kolkata').toUtc(local(2024, 1, 1, 5, 30))).toBe(Date.UTC(2024, 0, 1, 0, 0));
  });

  it('rejects an unknown zone by name', () => {
    expect(() => new ZoneOffsets('Mars/Olympus')).toThrow(TimeRangeError);
    expect(() => new ZoneOffsets('Mars/Olympus')).toThrow('"Mars/Olympus"');
  });
});
