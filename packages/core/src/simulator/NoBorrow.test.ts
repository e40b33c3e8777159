import { describe, expect, it } from 'vitest';
import { testBorrowModelContract } from '../testing/index.js';
import { NoBorrow } from './NoBorrow.js';

testBorrowModelContract('NoBorrow', () => new NoBorrow());

describe('NoBorrow', () => {
  it('is named NoBorrow', () => {
    expect(new NoBorrow().name).toBe('NoBorrow');
  });

  it('lets every symbol be shorted for free', () => {
    const model = new NoBorrow();
    const time = Date.UTC(2021, 0, 27);
    expect(model.isShortable('GME', time)).toBe(true);
    expect(model.borrowFee({ symbol: 'GME', quantity: 1_000, price: 347.51, days: 1, time })).toBe(0);
  });
});
