import { describe, expect, it } from 'vitest';
import { InvariantError } from '../errors.js';
import { checkDayCount, checkParam } from './checkParam.js';

describe('checkParam', () => {
  it('returns a value inside the range', () => {
    expect(checkParam('M', 'x', 0, { min: 0, max: 1, maxOpen: true })).toBe(0);
    expect(checkParam('M', 'x', 1, { min: 0, max: 1 })).toBe(1);
  });

  it('rejects open bounds, NaN, infinities and non-numbers, quoting the value', () => {
    expect(() => checkParam('M', 'x', 1, { min: 0, max: 1, maxOpen: true })).toThrow(
      new InvariantError('M: x must be a finite number in [0, 1), got 1'),
    );
    expect(() => checkParam('M', 'x', 0, { min: 0, max: 1, minOpen: true })).toThrow('in (0, 1], got 0');
    expect(() => checkParam('M', 'x', Number.NaN, { min: 0, max: Infinity })).toThrow('in [0, Infinity), got NaN');
    expect(() => checkParam('M', 'x', Infinity, { min: 0, max: Infinity })).toThrow('got Infinity');
    expect(() => checkParam('M', 'x', '5', { min: 0, max: Infinity })).toThrow('got "5"');
  });
});

describe('checkDayCount', () => {
  it('accepts 360 and 365 only', () => {
    expect(checkDayCount('M', 360)).toBe(360);
    expect(checkDayCount('M', 365)).toBe(365);
    expect(() => checkDayCount('M', 252)).toThrow(new InvariantError('M: dayCount must be 360 or 365, got 252'));
  });
});
