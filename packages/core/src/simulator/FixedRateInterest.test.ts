import { describe, expect, it } from 'vitest';
import { InvariantError } from '../errors.js';
import { testInterestModelContract } from '../testing/index.js';
import { FixedRateInterest } from './FixedRateInterest.js';

testInterestModelContract(
  'FixedRateInterest(4 %, 6.5 %)',
  () => new FixedRateInterest({ cashRate: 0.04, marginRate: 0.065 }),
);
testInterestModelContract(
  'FixedRateInterest(−0.5 %, ACT/365)',
  () => new FixedRateInterest({ cashRate: -0.005, dayCount: 365 }),
);
testInterestModelContract('FixedRateInterest()', () => new FixedRateInterest());

const time = Date.UTC(2024, 0, 8);

describe('FixedRateInterest', () => {
  it('is named with its parameters', () => {
    expect(new FixedRateInterest({ cashRate: 0.04, marginRate: 0.065 }).name).toBe(
      'FixedRateInterest(cash 0.04, margin 0.065, ACT/360)',
    );
    expect(new FixedRateInterest().name).toBe('FixedRateInterest(cash 0, margin 0, ACT/360)');
  });

  it('credits cash at the cash rate and charges a margin loan at the margin rate', () => {
    const model = new FixedRateInterest({ cashRate: 0.04, marginRate: 0.065 });
    // $100 000 at 4 %/yr for one day, ACT/360: 100 000 × 0.04 / 360 = $11.111…
    expect(model.interest({ cash: 100_000, days: 1, time })).toBeCloseTo(11.11111111111111, 12);
    // −$50 000 at 6.5 %/yr over a weekend: −50 000 × 0.065 × 3 / 360 = −$27.083…
    expect(model.interest({ cash: -50_000, days: 3, time })).toBeCloseTo(-27.083333333333332, 12);
  });

  it('uses a 365-day year when asked', () => {
    // $100 000 at 4 % for 365 days on ACT/365 is exactly a year: $4 000.
    const model = new FixedRateInterest({ cashRate: 0.04, dayCount: 365 });
    expect(model.interest({ cash: 100_000, days: 365, time })).toBeCloseTo(4_000, 9);
  });

  it('charges a positive balance at a negative cash rate', () => {
    // −0.5 %/yr on €1 000 000 for 30 days, ACT/360: −1 000 000 × 0.005 × 30 / 360 = −€416.666…
    const model = new FixedRateInterest({ cashRate: -0.005 });
    expect(model.interest({ cash: 1_000_000, days: 30, time })).toBeCloseTo(-416.6666666666667, 10);
  });

  it('returns +0 for a zero balance or zero days', () => {
    const model = new FixedRateInterest({ cashRate: 0.04, marginRate: 0.065 });
    expect(Object.is(model.interest({ cash: 0, days: 30, time }), 0)).toBe(true);
    expect(Object.is(model.interest({ cash: -50_000, days: 0, time }), 0)).toBe(true);
  });

  it('rejects bad rates and day counts, quoting the value', () => {
    expect(() => new FixedRateInterest({ cashRate: 4 })).toThrow(InvariantError);
    expect(() => new FixedRateInterest({ cashRate: 4 })).toThrow(
      'FixedRateInterest: cashRate must be a finite number in (-1, 1), got 4',
    );
    expect(() => new FixedRateInterest({ marginRate: -0.01 })).toThrow(
      'FixedRateInterest: marginRate must be a finite number in [0, 1), got -0.01',
    );
    expect(() => new FixedRateInterest({ marginRate: 6.5 })).toThrow('got 6.5');
    expect(() => new FixedRateInterest({ dayCount: 364 as 365 })).toThrow(
      'FixedRateInterest: dayCount must be 360 or 365, got 364',
    );
  });
});
