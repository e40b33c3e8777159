import { describe, expect, it } from 'vitest';
import { FeatureArgumentError } from '../core/errors.js';
import { alignTail, alignTailRecords } from './alignTail.js';
import { cleanPrefix, placeTail, placeTailRecords } from './library.js';

describe('alignTail', () => {
  it('right-aligns a shorter output and pads the front with NaN', () => {
    // The library's SMA(3) of [1, 2, 3, 4, 5] is [2, 3, 4]: its first value belongs to index 2.
    expect([...alignTail([2, 3, 4], 5)]).toEqual([Number.NaN, Number.NaN, 2, 3, 4]);
  });

  it('keeps a full-length output as is and turns an empty one into all NaN', () => {
    expect([...alignTail([1, 2], 2)]).toEqual([1, 2]);
    expect([...alignTail([], 3)]).toEqual([Number.NaN, Number.NaN, Number.NaN]);
    expect(alignTail([], 0)).toHaveLength(0);
  });

  it('turns null or undefined entries into NaN', () => {
    expect([...alignTail([1, undefined as unknown as number, null as unknown as number], 4)]).toEqual([Number.NaN, 1, Number.NaN, Number.NaN]);
  });

  it('rejects an output longer than the input and a bad length', () => {
    expect(() => alignTail([1, 2, 3], 2)).toThrow(FeatureArgumentError);
    expect(() => alignTail([1], 2.5)).toThrow('"2.5"');
  });
});

describe('alignTailRecords', () => {
  it('splits records into aligned columns, missing fields as NaN', () => {
    // KST-like rows: the signal is not defined on the first row.
    const out = alignTailRecords([{ kst: 1 }, { kst: 2, signal: 1.5 }], ['kst', 'signal'], 4);
    expect([...out.kst]).toEqual([Number.NaN, Number.NaN, 1, 2]);
    expect([...out.signal]).toEqual([Number.NaN, Number.NaN, Number.NaN, 1.5]);
  });

  it('rejects more rows than inputs', () => {
    expect(() => alignTailRecords([{ a: 1 }, { a: 2 }], ['a'], 1)).toThrow(FeatureArgumentError);
  });
});

describe('wrapper plumbing', () => {
  it('cuts the inputs at the first NaN in any column', () => {
    const { arrays, length } = cleanPrefix([Float64Array.of(1, 2, 3, 4), [5, 6, Number.NaN, 8]]);
    expect(length).toBe(2);
    expect(arrays).toEqual([
      [1, 2],
      [5, 6],
    ]);
  });

  it('places output computed on the clean prefix, NaN after it', () => {
    // Prefix of 4 inputs, first value at index 2, 6 inputs in all.
    expect([...placeTail('t', [7, 8], 4, 6, 2)]).toEqual([Number.NaN, Number.NaN, 7, 8, Number.NaN, Number.NaN]);
    const rec = placeTailRecords('t', [{ a: 1 }], ['a'], 2, 3, 1);
    expect([...rec.a]).toEqual([Number.NaN, 1, Number.NaN]);
  });

  it('refuses to place an output with a value missing (it would shift every earlier value)', () => {
    expect(() => placeTail('t', [7], 4, 4, 2)).toThrow(/returned "1" values for 4 inputs, expected 2/);
  });
});
