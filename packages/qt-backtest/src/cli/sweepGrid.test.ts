import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StrategyParam } from '../strategies/registry.js';
import { UsageError } from './runSettings.js';
import { expandRange, gridOf, MAX_TRIALS, sweepAxes, type SweepAxes } from './sweepGrid.js';

/** Asserts that `fn` throws a UsageError with exactly `message`. */
function usageError(fn: () => unknown, message: string): void {
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(UsageError);
  expect((error as Error).message).toBe(message);
}

const PARAMS: readonly StrategyParam[] = [
  { name: 'fast', type: 'integer', default: 10, description: 'fast window' },
  { name: 'slow', type: 'integer', default: 30, description: 'slow window' },
  { name: 'pct', type: 'number', default: 0.5, description: 'a fraction' },
  { name: 'short', type: 'boolean', default: false, description: 'allow shorts' },
];
const declared = { spec: 'x', params: PARAMS };
const undeclared = { spec: 'user.ts', params: undefined };

describe('expandRange', () => {
  it('includes the end and steps by 1 by default', () => {
    expect(expandRange('k', '1:5')).toEqual([1, 2, 3, 4, 5]);
    expect(expandRange('k', '5:50:5')).toEqual([5, 10, 15, 20, 25, 30, 35, 40, 45, 50]);
  });

  it('gives one value when start equals stop', () => {
    expect(expandRange('k', '7:7')).toEqual([7]);
    expect(expandRange('k', '0.5:0.5:0.1')).toEqual([0.5]);
  });

  it('steps by floats exactly, without accumulated error', () => {
    expect(expandRange('k', '0.1:0.3:0.1')).toEqual([0.1, 0.2, 0.3]);
    expect(expandRange('k', '0:1:0.1')).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
    expect(expandRange('k', '0.3:0.9:0.3')).toEqual([0.3, 0.6, 0.9]);
    expect(expandRange('k', '1:1.3:0.1')).toEqual([1, 1.1, 1.2, 1.3]);
    expect(expandRange('k', '0.05:0.25:0.05')).toEqual([0.05, 0.1, 0.15, 0.2, 0.25]);
    expect(expandRange('k', '1e-7:5e-7:1e-7')).toEqual([1e-7, 2e-7, 3e-7, 4e-7, 5e-7]);
  });

  it('handles negative bounds', () => {
    expect(expandRange('k', '-1:1:0.5')).toEqual([-1, -0.5, 0, 0.5, 1]);
    expect(expandRange('k', '-5:-1:2')).toEqual([-5, -3, -1]);
  });

  it('stops at the last step below the stop when the steps do not land on it', () => {
    expect(expandRange('k', '1:10:4')).toEqual([1, 5, 9]);
    expect(expandRange('k', '0.1:0.35:0.1')).toEqual([0.1, 0.2, 0.3]);
    expect(expandRange('k', '0:0.99')).toEqual([0]);
  });

  it('trims spaces around the parts', () => {
    expect(expandRange('k', ' 1 : 3 ')).toEqual([1, 2, 3]);
  });

  it('rejects a step <= 0', () => {
    usageError(() => expandRange('fast', '1:5:0'), '--param fast=1:5:0: the step must be > 0');
    usageError(() => expandRange('fast', '1:5:-1'), '--param fast=1:5:-1: the step must be > 0');
  });

  it('rejects stop < start', () => {
    usageError(() => expandRange('fast', '10:5'), '--param fast=10:5: stop 5 is below start 10');
  });

  it('rejects non-numeric, missing or extra parts', () => {
    for (const text of ['a:5', '1:b', '1:5:c', '1:', ':5', '1:5:', '1:2:3:4', '5', 'Infinity:1e400']) {
      usageError(() => expandRange('fast', text), `--param fast=${text}: expected a range start:stop[:step] of numbers`);
    }
  });

  it(`rejects more than MAX_TRIALS (${MAX_TRIALS}) values and accepts exactly that many`, () => {
    usageError(() => expandRange('k', '0:1000000'), `--param k=0:1000000: 1000001 values; at most ${MAX_TRIALS}`);
    usageError(() => expandRange('k', '1:2:1e-7'), `--param k=1:2:1e-7: 10000001 values; at most ${MAX_TRIALS}`);
    const all = expandRange('k', `1:${MAX_TRIALS}`);
    expect(all).toHaveLength(MAX_TRIALS);
    expect(all.at(-1)).toBe(MAX_TRIALS);
  });

  it('property: integer ranges have floor((stop - start) / step) + 1 values, start first, step apart, none past stop', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: 0, max: 500 }), fc.integer({ min: 1, max: 50 }), (start, span, step) => {
        const stop = start + span;
        const values = expandRange('k', `${start}:${stop}:${step}`);
        expect(values).toHaveLength(Math.floor(span / step) + 1);
        values.forEach((v, i) => expect(v).toBe(start + i * step));
        expect(values.at(-1)!).toBeLessThanOrEqual(stop);
        expect(values.at(-1)! + step).toBeGreaterThan(stop);
      }),
    );
  });

  it('property: decimal ranges equal the exact decimal values (k / 100)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -500, max: 500 }), fc.integer({ min: 0, max: 300 }), fc.integer({ min: 1, max: 40 }), (a, span, s) => {
        const text = `${a / 100}:${(a + span) / 100}:${s / 100}`;
        const expected = Array.from({ length: Math.floor(span / s) + 1 }, (_, i) => (a + i * s) / 100);
        expect(expandRange('k', text)).toEqual(expected);
      }),
    );
  });
});

describe('sweepAxes', () => {
  it('types ranges, lists, JSON arrays and single values by the declaration', () => {
    const axes = sweepAxes(declared, { fast: '5:15:5', slow: '20,30,50', pct: [0.25, 0.5], short: 'true,false' });
    expect(axes).toEqual({
      names: ['fast', 'slow', 'pct', 'short'],
      values: [
        [5, 10, 15],
        [20, 30, 50],
        [0.25, 0.5],
        [true, false],
      ],
    });
  });

  it('keeps the order the parameters are given in', () => {
    expect(sweepAxes(declared, { short: 'false', fast: '3' }).names).toEqual(['short', 'fast']);
  });

  it('takes single values of every raw type', () => {
    expect(sweepAxes(declared, { fast: 7, pct: '0.75', short: true, slow: ' 40 ' })).toEqual({
      names: ['fast', 'pct', 'short', 'slow'],
      values: [[7], [0.75], [true], [40]],
    });
  });

  it('removes duplicates after typing, keeping the first occurrence', () => {
    expect(sweepAxes(declared, { fast: '10,5,10,5.0,1e1' }).values).toEqual([[10, 5]]);
    expect(sweepAxes(declared, { fast: [5, 10, 5] }).values).toEqual([[5, 10]]);
    expect(sweepAxes(declared, { short: [true, 'true', false, 'false'] }).values).toEqual([[true, false]]);
  });

  it('trims list items', () => {
    expect(sweepAxes(declared, { slow: ' 20 , 30 ' }).values).toEqual([[20, 30]]);
  });

  it('rejects an empty list item', () => {
    usageError(() => sweepAxes(declared, { slow: '20,,30' }), '--param slow=20,,30: empty item in the list');
    usageError(() => sweepAxes(declared, { slow: '20,' }), '--param slow=20,: empty item in the list');
  });

  it('rejects unknown parameter names, listing the declared ones', () => {
    usageError(() => sweepAxes(declared, { speed: '1,2' }), 'unknown param "speed" for strategy "x"; expected one of: fast, slow, pct, short');
  });

  it('checks integers, numbers and booleans', () => {
    usageError(() => sweepAxes(declared, { fast: '1:2:0.5' }), 'param fast="1.5": expected an integer');
    usageError(() => sweepAxes(declared, { fast: '5,ten' }), 'param fast="ten": expected an integer');
    usageError(() => sweepAxes(declared, { pct: 'half' }), 'param pct="half": expected a number');
    usageError(() => sweepAxes(declared, { short: 'true,maybe' }), 'param short="maybe": expected true or false');
    usageError(() => sweepAxes(declared, { fast: [5, 7.5] }), 'param fast="7.5": expected an integer');
  });

  it('passes range errors through', () => {
    usageError(() => sweepAxes(declared, { fast: '10:5' }), '--param fast=10:5: stop 5 is below start 10');
    usageError(() => sweepAxes(declared, { fast: '1:5:0' }), '--param fast=1:5:0: the step must be > 0');
  });

  it('infers types for a strategy without declared parameters', () => {
    expect(sweepAxes(undeclared, { a: '1:3', b: 'x,y', c: 'true,false', d: '0.5,abc' })).toEqual({
      names: ['a', 'b', 'c', 'd'],
      values: [[1, 2, 3], ['x', 'y'], [true, false], [0.5, 'abc']],
    });
  });

  it('reads exponent notation in ranges', () => {
    expect(sweepAxes(undeclared, { a: '1e-3:3e-3:1e-3' }).values).toEqual([[0.001, 0.002, 0.003]]);
  });

  it(`rejects a grid of more than MAX_TRIALS sets and accepts exactly MAX_TRIALS`, () => {
    usageError(() => sweepAxes(undeclared, { a: '1:1000', b: '1:1001' }), 'the parameter grid has 1,001,000 sets; at most 1,000,000');
    const axes = sweepAxes(undeclared, { a: '1:1000', b: '1:1000' });
    expect(axes.values.map((v) => v.length)).toEqual([1000, 1000]);
  });

  it('gives no axes for no parameters', () => {
    expect(sweepAxes(declared, {})).toEqual({ names: [], values: [] });
  });
});

describe('gridOf', () => {
  it('varies the first parameter slowest and the last fastest', () => {
    const axes: SweepAxes = { names: ['a', 'b', 'c'], values: [[1, 2], ['x', 'y', 'z'], [true, false]] };
    expect([...gridOf(axes)]).toEqual([
      { a: 1, b: 'x', c: true },
      { a: 1, b: 'x', c: false },
      { a: 1, b: 'y', c: true },
      { a: 1, b: 'y', c: false },
      { a: 1, b: 'z', c: true },
      { a: 1, b: 'z', c: false },
      { a: 2, b: 'x', c: true },
      { a: 2, b: 'x', c: false },
      { a: 2, b: 'y', c: true },
      { a: 2, b: 'y', c: false },
      { a: 2, b: 'z', c: true },
      { a: 2, b: 'z', c: false },
    ]);
  });

  it('yields each value of a single axis in order', () => {
    expect([...gridOf({ names: ['fast'], values: [[5, 10, 15]] })]).toEqual([{ fast: 5 }, { fast: 10 }, { fast: 15 }]);
  });

  it('yields one empty set for no parameters (a run with the defaults)', () => {
    expect([...gridOf({ names: [], values: [] })]).toEqual([{}]);
  });

  it('yields nothing when an axis is empty', () => {
    expect([...gridOf({ names: ['a', 'b'], values: [[1, 2], []] })]).toEqual([]);
  });

  it('is lazy: taking the first sets of a large grid does not build the rest', () => {
    const gen = gridOf({ names: ['a', 'b'], values: [Array.from({ length: 1000 }, (_, i) => i), Array.from({ length: 1000 }, (_, i) => i)] });
    expect(gen.next().value).toEqual({ a: 0, b: 0 });
    expect(gen.next().value).toEqual({ a: 0, b: 1 });
  });

  it('works on the output of sweepAxes', () => {
    const sets = [...gridOf(sweepAxes(declared, { fast: '5,10', slow: '20:40:10' }))];
    expect(sets).toEqual([
      { fast: 5, slow: 20 },
      { fast: 5, slow: 30 },
      { fast: 5, slow: 40 },
      { fast: 10, slow: 20 },
      { fast: 10, slow: 30 },
      { fast: 10, slow: 40 },
    ]);
  });

  it('property: the product of the sizes, no duplicates, every combination in lexicographic index order', () => {
    const axis = fc.uniqueArray(fc.oneof(fc.integer({ min: -100, max: 100 }), fc.boolean(), fc.string({ maxLength: 3 })), {
      minLength: 1,
      maxLength: 5,
      selector: (v) => `${typeof v}:${String(v)}`,
    });
    fc.assert(
      fc.property(fc.array(axis, { minLength: 1, maxLength: 4 }), (values) => {
        const names = values.map((_, i) => `p${i}`);
        const grid = [...gridOf({ names, values })];
        expect(grid).toHaveLength(values.reduce((n, v) => n * v.length, 1));
        const keys = grid.map((set) => JSON.stringify(names.map((k) => set[k])));
        expect(new Set(keys).size).toBe(grid.length);
        // The i-th set is the mixed-radix number i, the first axis the most significant digit.
        grid.forEach((set, i) => {
          let rest = i;
          for (let d = names.length - 1; d >= 0; d--) {
            const size = values[d]!.length;
            expect(set[names[d]!]).toBe(values[d]![rest % size]);
            rest = Math.floor(rest / size);
          }
          expect(Object.keys(set)).toEqual(names);
        });
      }),
    );
  });
});
