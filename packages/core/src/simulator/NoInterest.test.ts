import { describe, expect, it } from 'vitest';
import { testInterestModelContract } from '../testing/index.js';
import { NoInterest } from './NoInterest.js';

testInterestModelContract('NoInterest', () => new NoInterest());

describe('NoInterest', () => {
  it('is named NoInterest', () => {
    expect(new NoInterest().name).toBe('NoInterest');
  });

  it('pays nothing on cash and charges nothing on a margin loan', () => {
    const model = new NoInterest();
    const time = Date.UTC(2024, 0, 2);
    expect(model.interest({ cash: 100_000, days: 30, time })).toBe(0);
    expect(model.interest({ cash: -100_000, days: 30, time })).toBe(0);
  });
});
