/**
 * Random inputs for the cost-model contract suites: every value is one the engine may pass.
 */
import fc from 'fast-check';
import type { FeeParams } from '../simulator/FeeModel.js';
import type { BorrowParams, InterestParams } from '../simulator/FinancingModel.js';
import type { BarSnapshot, SlippageParams } from '../simulator/SlippageModel.js';

/** Options of the contract suites. */
export interface ContractOptions {
  /** Random cases per property; default 200. */
  readonly numRuns?: number;
}

const DEFAULT_RUNS = 200;

/** fast-check run parameters from the suite options. */
export function runParameters(options: ContractOptions): fc.Parameters<unknown> {
  return { numRuns: options.numRuns ?? DEFAULT_RUNS };
}

/**
 * A plain-object copy (`fc.record` builds null-prototype objects): the engine passes object
 * literals, and the no-mutation check compares prototypes too.
 */
function plain<T extends object>(value: T): T {
  return { ...value };
}

const unit = fc.double({ min: 0, max: 1, noNaN: true });

/** Ticker-like symbols plus arbitrary short strings (symbols are opaque to the models). */
export const symbolArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('AAPL', 'MSFT', 'SPY', 'BRK.B', 'GME'),
  fc.string({ minLength: 1, maxLength: 8 }),
);

/** UTC milliseconds in 1990–2035, the range of the calendars. */
export const timeArb: fc.Arbitrary<number> = fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2035, 11, 31) });

/** Positive prices from sub-penny to a million. */
export const priceArb: fc.Arbitrary<number> = fc.double({ min: 1e-4, max: 1e6, noNaN: true });

/** Positive share quantities, whole and fractional. */
export const quantityArb: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: 1, max: 10_000_000 }),
  fc.double({ min: 1e-6, max: 1e7, noNaN: true }),
);

/** Bar volumes, including the `NaN` of data without volume and a zero-volume bar. */
export const volumeArb: fc.Arbitrary<number> = fc.oneof(
  fc.constant(Number.NaN),
  fc.constant(0),
  fc.integer({ min: 1, max: 2_000_000_000 }),
  fc.double({ min: 1e-3, max: 1e12, noNaN: true }),
);

/** Consistent bars: `low <= open, close <= high`. */
export const barArb: fc.Arbitrary<BarSnapshot> = fc
  .record({ time: timeArb, low: priceArb, range: unit, open: unit, close: unit, volume: volumeArb })
  .map(({ time, low, range, open, close, volume }) => {
    const high = low * (1 + range);
    return { time, open: low + (high - low) * open, high, low, close: low + (high - low) * close, volume };
  });

/** A fill inside its bar's range. */
export const slippageParamsArb: fc.Arbitrary<SlippageParams> = fc
  .record({ symbol: symbolArb, side: fc.constantFrom('buy', 'sell'), at: unit, quantity: quantityArb, bar: barArb })
  .map(({ symbol, side, at, quantity, bar }) => ({
    symbol,
    side,
    price: Math.min(bar.high, bar.low + (bar.high - bar.low) * at),
    quantity,
    bar,
  }));

/** A fill of part or all of an order: `0 < quantity <= orderQuantity`. */
export const feeParamsArb: fc.Arbitrary<FeeParams> = fc
  .record({
    fill: slippageParamsArb,
    orderQuantity: quantityArb,
    part: fc.oneof(fc.constant(1), fc.double({ min: 1e-6, max: 1, noNaN: true })),
    firstFill: fc.boolean(),
  })
  .map(({ fill, orderQuantity, part, firstFill }) => ({
    symbol: fill.symbol,
    side: fill.side,
    price: fill.price,
    // x × part <= x for part <= 1 in IEEE arithmetic, and stays > 0 for these magnitudes.
    quantity: orderQuantity * part,
    orderQuantity,
    firstFill,
    bar: fill.bar,
  }));

/** Calendar days of an accrual: 0 (same day) up to a little over a year. */
export const daysArb: fc.Arbitrary<number> = fc.integer({ min: 0, max: 400 });

/** A short position held over some days. */
export const borrowParamsArb: fc.Arbitrary<BorrowParams> = fc
  .record({ symbol: symbolArb, quantity: quantityArb, price: priceArb, days: daysArb, time: timeArb })
  .map(plain);

/** A cash balance (negative: a margin loan) held over some days. */
export const interestParamsArb: fc.Arbitrary<InterestParams> = fc
  .record({
    cash: fc.oneof(fc.constant(0), fc.double({ min: -1e9, max: 1e9, noNaN: true })),
    days: daysArb,
    time: timeArb,
  })
  .map(plain);
