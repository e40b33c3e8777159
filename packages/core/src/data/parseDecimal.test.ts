import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDecimal } from './parseDecimal.js';

describe('parseDecimal', () => {
  it('reads plain decimals exactly as Number does', () => {
    for (const s of ['0', '-0', '12', '+5', '1.', '37.619999', '0.1', '-3.25', '000123.4500', '999999999999999']) {
      expect(Object.is(parseDecimal(s), Number(s)), s).toBe(true);
    }
  });

  it('declines what it does not handle, for Number to take over', () => {
    for (const s of ['', '.', '-', '1e5', ' 12', '12 ', '1,5', '0x10', '1.2.3', 'abc', '1234567890123456']) {
      expect(parseDecimal(s), s).toBeNaN();
    }
  });

  it('is bit-identical to Number on random decimals (property)', () => {
    const decimal = fc
      .tuple(fc.boolean(), fc.stringMatching(/^\d{1,9}$/), fc.option(fc.stringMatching(/^\d{0,9}$/)))
      .map(([neg, int, frac]) => `${neg ? '-' : ''}${int}${frac === null ? '' : `.${frac}`}`);
    fc.assert(
      fc.property(decimal, (s) => {
        const v = parseDecimal(s);
        // It counts every digit (leading zeros too), declining conservatively past 15.
        if (Number.isNaN(v)) return s.replace(/[-.]/g, '').length > 15;
        return Object.is(v, Number(s));
      }),
      { numRuns: 20_000 },
    );
  });

  it('matches Number on the decimal strings of random doubles (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), fc.integer({ min: 0, max: 8 }), (x, digits) => {
        const s = x.toFixed(digits);
        const v = parseDecimal(s);
        return Number.isNaN(v) || Object.is(v, Number(s));
      }),
      { numRuns: 20_000 },
    );
  });
});
