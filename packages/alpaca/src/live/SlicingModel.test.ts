import { expect, it } from 'vitest';
import { ImmediateSlicing, TwapSlicing, VwapSlicing, type SlicingModel } from './SlicingModel.js';

function slices(model: SlicingModel, total: number, volumes: readonly number[]): number[] {
  const out: number[] = [];
  let remaining = total;
  for (let i = 0; remaining > 0 && i < volumes.length; i++) {
    const q = model.nextSlice({ remaining, sliceIndex: out.length, lastBarVolume: volumes[i]!, wholeShares: true });
    if (q > 0) out.push(q);
    remaining -= q;
  }
  return out;
}

it('immediate sends everything, or no more than the participation cap per bar', () => {
  expect(slices(new ImmediateSlicing(), 1000, [10])).toEqual([1000]);
  expect(slices(new ImmediateSlicing({ participation: 0.1 }), 1000, [4000, 4000, 4000])).toEqual([400, 400, 200]);
});

it('TWAP cuts equal whole slices, the last one taking the rest', () => {
  expect(slices(new TwapSlicing({ slices: 4 }), 1000, [1e9, 1e9, 1e9, 1e9])).toEqual([250, 250, 250, 250]);
  expect(slices(new TwapSlicing({ slices: 3 }), 100, [1e9, 1e9, 1e9])).toEqual([33, 33, 34]);
  // Participation caps a slice; the remainder is re-spread over the slices left.
  expect(slices(new TwapSlicing({ slices: 2, participation: 0.5 }), 100, [60, 1000, 1000])).toEqual([30, 70]);
});

it('VWAP follows the volume profile', () => {
  const profile = VwapSlicing.profileFrom([100, 300, 600, 200, 200, 600], 3);
  expect(profile).toEqual([150, 250, 600]);
  expect(slices(new VwapSlicing({ profile }), 1000, [1e9, 1e9, 1e9])).toEqual([150, 250, 600]);
  expect(() => new VwapSlicing({ profile: [0, 0] })).toThrow(/not all 0/);
  expect(() => new TwapSlicing({ slices: 0 })).toThrow(/slices/);
  expect(() => new ImmediateSlicing({ participation: 1.5 })).toThrow(/participation/);
});
