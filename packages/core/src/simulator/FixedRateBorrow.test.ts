import { describe, expect, it } from 'vitest';
import { InvariantError } from '../errors.js';
import { testBorrowModelContract } from '../testing/index.js';
import type { BorrowParams } from './FinancingModel.js';
import { FixedRateBorrow } from './FixedRateBorrow.js';

testBorrowModelContract('FixedRateBorrow(0.0025)', () => new FixedRateBorrow({ annualRate: 0.0025 }));
testBorrowModelContract(
  'FixedRateBorrow(hard to borrow, ACT/365)',
  () => new FixedRateBorrow({ annualRate: 0.003, dayCount: 365, notShortable: ['GME'], rates: { AMC: 0.8 } }),
);

const time = Date.UTC(2024, 0, 8);
const short: BorrowParams = { symbol: 'AAPL', quantity: 1_000, price: 50, days: 3, time };

describe('FixedRateBorrow', () => {
  it('is named with its parameters', () => {
    expect(new FixedRateBorrow({ annualRate: 0.0025 }).name).toBe('FixedRateBorrow(0.0025, ACT/360)');
    expect(
      new FixedRateBorrow({ annualRate: 0.0025, dayCount: 365, notShortable: ['GME', 'AMC'], rates: { TSLA: 0.1 } })
        .name,
    ).toBe('FixedRateBorrow(0.0025, ACT/365, notShortable [GME, AMC], rates {TSLA: 0.1})');
  });

  it('accrues quantity × price × rate × days / dayCount', () => {
    // $50 000 short at 0.25 %/yr over a weekend: 50 000 × 0.0025 × 3 / 360 = $1.041 666…
    expect(new FixedRateBorrow({ annualRate: 0.0025 }).borrowFee(short)).toBeCloseTo(1.0416666666666667, 12);
    // Same on ACT/365: 50 000 × 0.0025 × 3 / 365 = $1.027 397…
    expect(new FixedRateBorrow({ annualRate: 0.0025, dayCount: 365 }).borrowFee(short)).toBeCloseTo(
      1.0273972602739727,
      12,
    );
    expect(new FixedRateBorrow({ annualRate: 0.0025 }).borrowFee({ ...short, days: 0 })).toBe(0);
  });

  it('charges a symbol its own rate when one is given', () => {
    const model = new FixedRateBorrow({ annualRate: 0.0025, rates: { GME: 0.8 } });
    // 100 × $20 at 80 %/yr for one day: 2 000 × 0.8 / 360 = $4.444…
    const gme = { ...short, symbol: 'GME', quantity: 100, price: 20, days: 1 };
    expect(model.borrowFee(gme)).toBeCloseTo(4.444444444444445, 12);
    expect(model.borrowFee(short)).toBeCloseTo(1.0416666666666667, 12);
  });

  it('does not take rates from Object.prototype for symbols named like its members', () => {
    const model = new FixedRateBorrow({ annualRate: 0.0025 });
    expect(model.borrowFee({ ...short, symbol: 'constructor' })).toBeCloseTo(1.0416666666666667, 12);
  });

  it('refuses shorts of the listed symbols only', () => {
    const notShortable = ['GME'];
    const model = new FixedRateBorrow({ annualRate: 0.0025, notShortable });
    notShortable.push('AAPL'); // the model keeps its own copy
    expect(model.isShortable('GME', time)).toBe(false);
    expect(model.isShortable('AAPL', time)).toBe(true);
  });

  it('rejects bad parameters, quoting the value', () => {
    expect(() => new FixedRateBorrow({ annualRate: -0.01 })).toThrow(InvariantError);
    expect(() => new FixedRateBorrow({ annualRate: -0.01 })).toThrow(
      'FixedRateBorrow: annualRate must be a finite number in [0, Infinity), got -0.01',
    );
    expect(() => new FixedRateBorrow({ annualRate: Number.NaN })).toThrow('got NaN');
    expect(() => new FixedRateBorrow({ annualRate: 0.01, dayCount: 252 as 360 })).toThrow(
      'FixedRateBorrow: dayCount must be 360 or 365, got 252',
    );
    expect(() => new FixedRateBorrow({ annualRate: 0.01, rates: { GME: -1 } })).toThrow(
      'FixedRateBorrow: rates["GME"] must be a finite number in [0, Infinity), got -1',
    );
    expect(() => new FixedRateBorrow({ annualRate: 0.01, notShortable: 'GME' as unknown as string[] })).toThrow(
      'FixedRateBorrow: notShortable must be an array of symbols, got "GME"',
    );
  });
});
