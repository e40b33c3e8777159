import { describe, expect, it } from 'vitest';
import { InvariantError } from '../errors.js';
import { testMarginModelContract } from '../testing/marginModelContract.js';
import { CashAccount } from './CashAccount.js';
import { FractionMargin } from './FractionMargin.js';

testMarginModelContract('CashAccount', () => new CashAccount());
testMarginModelContract('FractionMargin(Reg T)', () => new FractionMargin({ initial: 0.5, maintenance: 0.25, shortMaintenance: 0.3 }));

describe('FractionMargin', () => {
  it('applies Reg T initial and FINRA 4210 maintenance fractions per side', () => {
    const m = new FractionMargin({ initial: 0.5, maintenance: 0.25, shortMaintenance: 0.3 });
    // $100,000 long and $40,000 short: initial 50% of each, maintenance 25% long + 30% short.
    expect(m.initial({ longValue: 100_000, shortValue: 40_000 })).toBe(70_000);
    expect(m.maintenance({ longValue: 100_000, shortValue: 40_000 })).toBe(37_000);
  });
  it('rejects a maintenance above the initial requirement', () => {
    expect(() => new FractionMargin({ initial: 0.5, maintenance: 0.6 })).toThrow(InvariantError);
  });
});

describe('CashAccount', () => {
  it('requires the full position value and never calls', () => {
    const m = new CashAccount();
    expect(m.initial({ longValue: 10, shortValue: 5 })).toBe(15);
    expect(m.maintenance({ longValue: 10, shortValue: 5 })).toBe(0);
  });
});
