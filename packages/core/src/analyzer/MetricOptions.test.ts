import { describe, expect, it } from 'vitest';
import { InvariantError } from '../errors.js';
import { periodsPerYearOf, requiredReturnOf, riskFreeOf, windowOf } from './MetricOptions.js';

describe('periodsPerYearOf', () => {
  it('returns a finite positive periodsPerYear, fractional ones included', () => {
    expect(periodsPerYearOf({ periodsPerYear: 252 })).toBe(252);
    expect(periodsPerYearOf({ periodsPerYear: 365.25 })).toBe(365.25);
  });

  it.each([undefined, {}, { periodsPerYear: 0 }, { periodsPerYear: -12 }, { periodsPerYear: Number.NaN }, { periodsPerYear: Number.POSITIVE_INFINITY }])(
    'throws InvariantError for %j',
    (options) => {
      expect(() => periodsPerYearOf(options)).toThrow(InvariantError);
    },
  );

  it('rejects a periodsPerYear that is not a number at run time', () => {
    expect(() => periodsPerYearOf({ periodsPerYear: '252' } as unknown as { periodsPerYear: number })).toThrow(/periodsPerYear/);
  });
});

describe('riskFreeOf and requiredReturnOf', () => {
  it('default to 0 and pass finite rates through', () => {
    expect(riskFreeOf(undefined)).toBe(0);
    expect(riskFreeOf({})).toBe(0);
    expect(riskFreeOf({ riskFree: 0.0001 })).toBe(0.0001);
    expect(requiredReturnOf({})).toBe(0);
    expect(requiredReturnOf({ requiredReturn: -0.01 })).toBe(-0.01);
  });

  it('throw InvariantError for non-finite rates', () => {
    expect(() => riskFreeOf({ riskFree: Number.NaN })).toThrow(InvariantError);
    expect(() => requiredReturnOf({ requiredReturn: Number.POSITIVE_INFINITY })).toThrow(InvariantError);
  });
});

describe('windowOf', () => {
  it('accepts whole numbers >= 1', () => {
    expect(windowOf({ window: 1 })).toBe(1);
    expect(windowOf({ window: 126 })).toBe(126);
  });

  it.each([undefined, {}, { window: 0 }, { window: 2.5 }, { window: -3 }, { window: Number.NaN }])('throws InvariantError for %j', (options) => {
    expect(() => windowOf(options)).toThrow(InvariantError);
  });
});
