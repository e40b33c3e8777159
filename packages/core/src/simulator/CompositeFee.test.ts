import { describe, expect, it } from 'vitest';
import { InvariantError } from '../errors.js';
import { testFeeModelContract } from '../testing/index.js';
import { CompositeFee } from './CompositeFee.js';
import type { FeeModel, FeeParams } from './FeeModel.js';
import { FinraTaf } from './FinraTaf.js';
import { PerShareFee } from './PerShareFee.js';
import { SecFee } from './SecFee.js';

const usBroker = (): CompositeFee =>
  new CompositeFee([
    new PerShareFee({ perShare: 0.005, minimum: 1, maximumFractionOfValue: 0.01 }),
    new SecFee(),
    new FinraTaf(),
  ]);

testFeeModelContract('CompositeFee(IBKR Fixed + SEC + TAF)', usBroker);
testFeeModelContract('CompositeFee()', () => new CompositeFee([]));

const fill: FeeParams = {
  symbol: 'X',
  side: 'sell',
  price: 25,
  quantity: 1_000,
  orderQuantity: 1_000,
  firstFill: true,
  bar: { time: Date.UTC(2024, 5, 3), open: 25, high: 26, low: 24, close: 25.5, volume: 10_000_000 },
};

describe('CompositeFee', () => {
  it('is named after its parts', () => {
    expect(usBroker().name).toBe(
      'CompositeFee(PerShareFee(0.005, min 1, max 0.01 of value) + SecFee(27.8 per million) + ' +
        'FinraTaf(0.000166 per share, max 8.3))',
    );
    expect(new CompositeFee([]).name).toBe('CompositeFee()');
  });

  it('sums the fees of its parts', () => {
    // Sell 1 000 @ $25: commission 5.00 + SEC 0.695 → 0.70 + TAF 0.166 → 0.17 = $5.87.
    expect(usBroker().fee(fill)).toBeCloseTo(5.87, 12);
    // The buy pays the commission only.
    expect(usBroker().fee({ ...fill, side: 'buy' })).toBeCloseTo(5, 12);
  });

  it('charges nothing without parts', () => {
    expect(new CompositeFee([]).fee(fill)).toBe(0);
  });

  it('keeps its own copy of the parts', () => {
    const parts: FeeModel[] = [new SecFee()];
    const model = new CompositeFee(parts);
    parts.push(new FinraTaf());
    expect(model.fee(fill)).toBe(0.7);
  });

  it('names a part that returns a negative or non-finite fee', () => {
    const broken: FeeModel = { name: 'Broken', fee: () => -1 };
    expect(() => new CompositeFee([new SecFee(), broken]).fee(fill)).toThrow(InvariantError);
    expect(() => new CompositeFee([broken]).fee(fill)).toThrow(
      'CompositeFee: Broken returned the fee -1, expected a finite number >= 0',
    );
    const nan: FeeModel = { name: 'NaNFee', fee: () => Number.NaN };
    expect(() => new CompositeFee([nan]).fee(fill)).toThrow('NaNFee returned the fee NaN');
  });
});
