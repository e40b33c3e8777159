import { describe, expect, it } from 'vitest';
import { InvariantError } from '../errors.js';
import { testVolumeLimitModelContract } from '../testing/volumeLimitModelContract.js';
import { NoVolumeLimit } from './NoVolumeLimit.js';
import { VolumeParticipationLimit } from './VolumeParticipationLimit.js';

testVolumeLimitModelContract('NoVolumeLimit', () => new NoVolumeLimit());
testVolumeLimitModelContract('VolumeParticipationLimit(0.1)', () => new VolumeParticipationLimit(0.1));
testVolumeLimitModelContract('VolumeParticipationLimit(0.25, fractional)', () => new VolumeParticipationLimit(0.25, { fractional: true }));

const bar = (volume: number) => ({ time: 0, open: 10, high: 10, low: 10, close: 10, volume });

describe('VolumeParticipationLimit', () => {
  it('allows the fraction of the bar volume not yet used, in whole shares', () => {
    const cap = new VolumeParticipationLimit(0.1);
    expect(cap.maxQuantity({ symbol: 'A', side: 'buy', bar: bar(1000), filledThisBar: 0 })).toBe(100);
    expect(cap.maxQuantity({ symbol: 'A', side: 'buy', bar: bar(1005), filledThisBar: 40 })).toBe(60);
    expect(cap.maxQuantity({ symbol: 'A', side: 'buy', bar: bar(1000), filledThisBar: 150 })).toBe(0);
    expect(new VolumeParticipationLimit(0.1, { fractional: true }).maxQuantity({ symbol: 'A', side: 'buy', bar: bar(1005), filledThisBar: 0 })).toBeCloseTo(100.5, 12);
  });
  it('does not cap bars without volume data, and rejects impossible fractions', () => {
    expect(new VolumeParticipationLimit(0.1).maxQuantity({ symbol: 'A', side: 'sell', bar: bar(Number.NaN), filledThisBar: 0 })).toBe(Number.POSITIVE_INFINITY);
    expect(() => new VolumeParticipationLimit(0)).toThrow(InvariantError);
    expect(() => new VolumeParticipationLimit(1.5)).toThrow('"1.5"');
  });
});
