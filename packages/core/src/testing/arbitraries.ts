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

// ── backtest scenarios (engine property tests) ──────────────────────────────────────────────────

/** One bar of a generated symbol: `[day index, open, high, low, close, volume]` (prices in cents). */
export type ScenarioBar = readonly [day: number, open: number, high: number, low: number, close: number, volume: number];

/** What a generated strategy does at one bar (symbols by index into the scenario's symbols). */
export type ScenarioAction =
  | { readonly kind: 'order'; readonly symbol: number; readonly side: 'buy' | 'sell'; readonly quantity: number; readonly type: 'market' | 'limit' | 'stop' | 'stop_limit' | 'trailing_stop'; readonly timeInForce: 'gtc' | 'day' | 'ioc' | 'opg'; readonly around: number }
  | { readonly kind: 'target'; readonly symbol: number; readonly fraction: number; readonly atFill: boolean }
  | { readonly kind: 'notional'; readonly symbol: number; readonly side: 'buy' | 'sell'; readonly dollars: number }
  | { readonly kind: 'oco'; readonly symbol: number; readonly side: 'buy' | 'sell'; readonly quantity: number; readonly low: number; readonly high: number }
  | { readonly kind: 'bracket'; readonly symbol: number; readonly side: 'buy' | 'sell'; readonly quantity: number; readonly limitEntry: boolean; readonly take: number; readonly stop: number; readonly stopLimit: boolean }
  | { readonly kind: 'close'; readonly symbol: number }
  | { readonly kind: 'cancelOne'; readonly pick: number }
  | { readonly kind: 'cancelAll' };

/** A generated backtest: symbols with gaps, late starts and early ends, a script, and settings. */
export interface BacktestScenario {
  /** Sessions in the run (consecutive weekdays from 2024-01-01). */
  readonly days: number;
  /** Per symbol, its bars on a subset of the days (≥ 1 bar each). */
  readonly bars: readonly (readonly ScenarioBar[])[];
  /** Actions per day index. */
  readonly script: readonly (readonly ScenarioAction[])[];
  /** Pass the data as an aligned `BarPanel` instead of series. */
  readonly asPanel: boolean;
  readonly costs: boolean;
  readonly financing: boolean;
  readonly margin: 'cash' | 'regT' | 'full';
  /** Volume participation cap (partial fills), or none. */
  readonly volumeLimit: number | undefined;
  readonly ocoPriority: 'pessimistic' | 'optimistic' | 'path';
}

/** One symbol's bars: a cent-priced random walk with gaps, a late start and an early end (delisting). */
function symbolBarsArb(days: number): fc.Arbitrary<ScenarioBar[]> {
  return fc
    .record({
      start: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: days - 1 }) }),
      endCut: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: days - 1 }) }),
      steps: fc.array(
        fc.tuple(fc.oneof({ weight: 12, arbitrary: fc.integer({ min: -12, max: 12 }) }, { weight: 1, arbitrary: fc.constantFrom(-45, 60) }), fc.integer({ min: -4, max: 4 }), fc.nat(4), fc.nat(4), fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 100, max: 5000 }) }, { weight: 1, arbitrary: fc.constant(0) }), fc.double({ min: 0, max: 1, noNaN: true })),
        { minLength: days, maxLength: days },
      ),
      gapRate: fc.constantFrom(0, 0, 0.1, 0.3),
    })
    .map(({ start, endCut, steps, gapRate }) => {
      const end = Math.max(start + 1, days - endCut);
      let close = 5000; // cents
      const out: ScenarioBar[] = [];
      for (let d = start; d < end; d++) {
        const [r, gap, up, down, volume, u] = steps[d]!;
        const open = Math.max(1, Math.round(close * (1 + gap / 100)));
        close = Math.max(1, Math.round(close * (1 + r / 100)));
        const high = Math.round(Math.max(open, close) * (1 + up / 100));
        const low = Math.max(1, Math.round(Math.min(open, close) * (1 - down / 100)));
        // Gaps: the symbol skips a session (never its first or last one).
        if (d !== start && d !== end - 1 && u < gapRate) continue;
        out.push([d, open / 100, high / 100, low / 100, close / 100, volume]);
      }
      return out;
    });
}

function actionArb(symbols: number): fc.Arbitrary<ScenarioAction> {
  const symbol = fc.integer({ min: 0, max: symbols - 1 });
  const side = fc.constantFrom('buy' as const, 'sell' as const);
  const quantity = fc.integer({ min: 1, max: 300 });
  const level = fc.double({ min: 0.85, max: 1.15, noNaN: true });
  return fc.oneof(
    { weight: 6, arbitrary: fc.record({ kind: fc.constant('order' as const), symbol, side, quantity, type: fc.constantFrom('market' as const, 'limit' as const, 'stop' as const, 'stop_limit' as const, 'trailing_stop' as const), timeInForce: fc.constantFrom('gtc' as const, 'day' as const, 'ioc' as const, 'opg' as const), around: level }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('target' as const), symbol, fraction: fc.double({ min: -1.8, max: 1.8, noNaN: true }), atFill: fc.boolean() }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('notional' as const), symbol, side, dollars: fc.integer({ min: 10, max: 5000 }) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('oco' as const), symbol, side, quantity, low: fc.double({ min: 0.85, max: 0.99, noNaN: true }), high: fc.double({ min: 1.01, max: 1.15, noNaN: true }) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('bracket' as const), symbol, side, quantity, limitEntry: fc.boolean(), take: fc.double({ min: 1.01, max: 1.2, noNaN: true }), stop: fc.double({ min: 0.8, max: 0.99, noNaN: true }), stopLimit: fc.boolean() }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('close' as const), symbol }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('cancelOne' as const), pick: fc.nat(1000) }) },
    { weight: 2, arbitrary: fc.constant({ kind: 'cancelAll' as const }) },
  );
}

/**
 * Whole backtest scenarios for engine property tests: 1–3 symbols over 3–16 sessions with gaps,
 * late starts and early ends (delistings), series or panel input, and scripts mixing every order
 * type and time in force, fill-time targets, notional orders, OCO pairs, brackets (partial fills
 * under a volume cap), closes and cancellations (also during margin-call liquidations).
 *
 * @example
 * fc.assert(fc.property(backtestScenarioArb, (s) => { const r = runScenario(s); … }));
 */
export const backtestScenarioArb: fc.Arbitrary<BacktestScenario> = fc
  .record({ days: fc.integer({ min: 3, max: 16 }), symbols: fc.integer({ min: 1, max: 3 }) })
  .chain(({ days, symbols }) =>
    fc.record({
      days: fc.constant(days),
      bars: fc.array(symbolBarsArb(days), { minLength: symbols, maxLength: symbols }),
      script: fc.array(fc.array(actionArb(symbols), { maxLength: 2 }), { minLength: days, maxLength: days }),
      asPanel: fc.boolean(),
      costs: fc.boolean(),
      financing: fc.boolean(),
      margin: fc.constantFrom('cash' as const, 'regT' as const, 'regT' as const, 'full' as const),
      volumeLimit: fc.option(fc.constantFrom(0.02, 0.1, 0.5), { nil: undefined }),
      ocoPriority: fc.constantFrom('pessimistic' as const, 'optimistic' as const, 'path' as const),
    }),
  );
