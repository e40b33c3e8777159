import { describe, expect, expectTypeOf, it } from 'vitest';
import { averageUniqueness } from './averageUniqueness.js';
import { forwardReturnLabels } from './forwardReturnLabels.js';
import type { Labels } from './Labels.js';
import { Barrier } from './Labels.js';
import { metaLabels } from './metaLabels.js';
import { tripleBarrierLabels } from './tripleBarrierLabels.js';

const time = Float64Array.from({ length: 8 }, (_, i) => 1000 * i);

describe('labels', () => {
  it('forward returns end h bars later; the last h bars are undefined', () => {
    const close = Float64Array.of(100, 110, 99, 121, 100, 100, 105, 84);
    const y = forwardReturnLabels(time, close, { horizon: 2 });
    expect(Array.from(y.value.subarray(0, 6))).toEqual([99 / 100 - 1, 121 / 110 - 1, 100 / 99 - 1, 100 / 121 - 1, 105 / 100 - 1, 84 / 100 - 1]);
    expect(Array.from(y.horizonEnd.subarray(0, 6))).toEqual([2000, 3000, 4000, 5000, 6000, 7000]);
    expect(Number.isNaN(y.value[6]!) && Number.isNaN(y.horizonEnd[7]!)).toBe(true);
  });

  it('labels are not feature columns (branded type)', () => {
    const y = forwardReturnLabels(time, time.map((t) => 100 + t / 1000), { horizon: 1 });
    expectTypeOf(y).not.toMatchTypeOf<Float64Array>();
    expectTypeOf<Float64Array>().not.toMatchTypeOf<Labels>();
    // @ts-expect-error a plain object with the same fields is not Labels
    const forged: Labels = { definition: y.definition, time, value: y.value, realizedReturn: y.value, horizonEnd: y.horizonEnd, barrier: y.barrier };
    expect(forged).toBeDefined();
  });

  it('triple barrier: first touch of upper/lower, else vertical with the sign of the return', () => {
    // σ of returns over 2 bars at t = 2: returns +1 %, −1 % → σ = 0.01414…; barriers at ±1 σ·close.
    const close = Float64Array.of(100, 101, 99.99, 101.5, 98, 100, 100.5, 100.2);
    const y = tripleBarrierLabels(time, close, { horizon: 2, profitTake: 1, stopLoss: 1, volatilityWindow: 2 });
    // t = 2: upper 99.99·1.01414 = 101.40 → bar 3 (101.5) touches the upper barrier.
    expect(y.value[2]).toBe(1);
    expect(y.barrier[2]).toBe(Barrier.Upper);
    expect(y.horizonEnd[2]).toBe(3000);
    expect(y.realizedReturn[2]).toBeCloseTo(101.5 / 99.99 - 1, 15);
    // t = 3: σ of (−1 %, +1.51 %) = 0.01775 → lower barrier 99.70; bar 4 (98) touches it.
    expect(y.value[3]).toBe(-1);
    expect(y.barrier[3]).toBe(Barrier.Lower);
    expect(y.horizonEnd[3]).toBe(4000);
    // t = 4: σ = 0.0351 → barriers 101.44 / 94.56; bars 5 and 6 stay inside: vertical at 6, return > 0.
    expect(y.barrier[4]).toBe(Barrier.Vertical);
    expect(y.value[4]).toBe(1);
    expect(y.horizonEnd[4]).toBe(6000);
    expect(Number.isNaN(y.value[0]!) && Number.isNaN(y.value[1]!)).toBe(true); // volatility warm-up
    expect(Number.isNaN(y.value[6]!)).toBe(true); // vertical barrier beyond the data
    const zero = tripleBarrierLabels(time, close, { horizon: 2, profitTake: 1, stopLoss: 1, volatilityWindow: 2, verticalLabel: 'zero' });
    expect(zero.value[4]).toBe(0);
    expect(zero.value[3]).toBe(-1);
  });

  it('meta-labels: 1 when the primary side earned a positive return', () => {
    const close = Float64Array.of(100, 110, 99, 121, 100, 100, 105, 84);
    const y = forwardReturnLabels(time, close, { horizon: 1 });
    const side = [1, -1, 1, 0, -1, 1, 1, 1];
    const meta = metaLabels(side, y);
    expect(Array.from(meta.value.subarray(0, 7))).toEqual([1, 1, 1, NaN, 0, 1, 0]); // t = 4: a flat return is not a win
    expect(meta.definition).toEqual({ kind: 'metaLabel', of: y.definition });
  });

  it('average uniqueness (AFML snippet 4.2) on three overlapping events', () => {
    // Events [0,2], [1,3], [2,4]: concurrency 1,2,3,2,1 → uniqueness (1 + 1/2 + 1/3)/3, (1/2 + 1/3 + 1/2)/3, (1/3 + 1/2 + 1)/3.
    const u = averageUniqueness([0, 1, 2], [2, 3, 4]);
    expect(u[0]).toBeCloseTo(11 / 18, 15);
    expect(u[1]).toBeCloseTo(4 / 9, 15);
    expect(u[2]).toBeCloseTo(11 / 18, 15);
    // Two symbols do not overlap each other.
    expect(Array.from(averageUniqueness([0, 0], [2, 2], [1, 2]))).toEqual([1, 1]);
    expect(Array.from(averageUniqueness([0, 0], [2, 2]))).toEqual([0.5, 0.5]);
  });
});
