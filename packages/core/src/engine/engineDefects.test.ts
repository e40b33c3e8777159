/**
 * Regression tests for the defects of issue 10 (Engine v2), one `describe` per defect, named after
 * it. Each failed on the engine before the fix (the failure seen is quoted beside the test).
 */
import { describe, expect, it } from 'vitest';
import { alignBars } from '../data/BarPanel.js';
import { makeSeries, flatRows, type TestRow } from '../internal/makeSeries.js';
import { periodsPerYearFor } from '../analyzer/periodsPerYearFor.js';
import { inferFrequency } from '../analyzer/inferFrequency.js';
import { FixedRateInterest } from '../simulator/FixedRateInterest.js';
import { FractionMargin } from '../simulator/FractionMargin.js';
import { PerShareFee } from '../simulator/PerShareFee.js';
import { SquareRootImpactSlippage } from '../simulator/SquareRootImpactSlippage.js';
import { DAY_MS, dayOfIsoDate, isoDate } from '../time/civil.js';
import { backtest } from '../backtest/backtest.js';
import type { BacktestConfig } from './BacktestConfig.js';
import type { OrderEvent } from './events.js';
import { Strategy } from './Strategy.js';
import { StrategyError } from './StrategyError.js';
import type { StrategyContext } from './StrategyContext.js';

type Step = (ctx: StrategyContext) => void;

class Script extends Strategy<{ steps: Readonly<Record<number, Step>>; every?: Step }> {
  readonly seen: OrderEvent[] = [];
  override onBar(ctx: StrategyContext): void {
    this.params.every?.(ctx);
    this.params.steps[ctx.index]?.(ctx);
  }
  override onOrderEvent(event: OrderEvent): void {
    this.seen.push(event);
  }
}

function run(steps: Record<number, Step>, data: BacktestConfig['data'], config: Partial<BacktestConfig> = {}, every?: Step) {
  const strategy = new Script(every === undefined ? { steps } : { steps, every });
  const result = backtest({ data, strategy, cash: 100_000, ...config });
  return { result, seen: strategy.seen };
}

const fills = (r: { fills: readonly { side: string; price: number; quantity: number; time: number }[] }) =>
  r.fills.map((f) => [f.side, f.price, f.quantity, isoDate(f.time)]);

// A: every weekday 2024-01-08..01-16 (7 bars). B: starts late (01-10) and skips 01-12.
const A_ROWS: TestRow[] = [
  ['2024-01-08', 10, 10, 10, 10],
  ['2024-01-09', 11, 11, 11, 11],
  ['2024-01-10', 12, 12, 12, 12],
  ['2024-01-11', 13, 13, 13, 13],
  ['2024-01-12', 14, 14, 14, 14],
  ['2024-01-15', 15, 15, 15, 15],
  ['2024-01-16', 16, 16, 16, 16],
];
const B_ROWS: TestRow[] = [
  ['2024-01-10', 100, 100, 100, 100],
  ['2024-01-11', 101, 101, 101, 101],
  ['2024-01-15', 103, 103, 103, 103],
  ['2024-01-16', 104, 104, 104, 104],
];

describe('defect 1: panel input reads the wrong rows', () => {
  // Before: with a BarPanel, value('B','close') read panel row cursor−1 (NaN / an older close).
  it('value(), history() and bar() agree, and LoadedBars-style series and the panel give identical reads', () => {
    const read = (data: BacktestConfig['data']) => {
      const out: (number | string)[][] = [];
      run({}, data, {}, (ctx) => {
        if (!ctx.hasBar('B')) return;
        out.push([ctx.bar('B')!.close, ctx.value('B', 'close'), ctx.value('B', 'close', 1), ctx.history('B', 'close', 3).toArray().join(',')]);
      });
      return out;
    };
    const series = [makeSeries('A', A_ROWS), makeSeries('B', B_ROWS)];
    const fromSeries = read(series);
    const fromPanel = read(alignBars(series));
    expect(fromSeries).toEqual([
      [100, 100, Number.NaN, '100'],
      [101, 101, 100, '100,101'],
      [103, 103, 101, '100,101,103'],
      [104, 104, 103, '101,103,104'],
    ]);
    expect(fromPanel).toEqual(fromSeries);
  });
});

describe('defect 2: short sizing from cash, shorting a cash account, reversals rejected whole, negative equity', () => {
  const rows = flatRows('2024-01-08', 5, 100);
  it('a cash account cannot open a short (reason short_not_allowed)', () => {
    // Before: the sell filled (every symbol shortable with maintenance 0).
    const { result } = run({ 0: (ctx) => ctx.sell('A', 10) }, [makeSeries('A', rows)]);
    expect(result.orders[0]!.status).toBe('rejected');
    expect(result.orders[0]!.rejectReason).toBe('short_not_allowed');
    expect(result.fills).toEqual([]);
  });

  it('a reversal is a close then an open: the close fills even when the open is refused', () => {
    // Before: the whole sell of 1,010 was rejected (cash account) and the long stayed open.
    const { result } = run({ 0: (ctx) => ctx.buy('A', 10), 1: (ctx) => ctx.sell('A', 1_010) }, [makeSeries('A', rows)]);
    expect(fills(result)).toEqual([
      ['buy', 100, 10, '2024-01-09'],
      ['sell', 100, 10, '2024-01-10'],
    ]);
    expect(result.orders[1]).toMatchObject({ status: 'rejected', filledQuantity: 10, rejectReason: 'short_not_allowed' });
    expect(result.positions.get('A')![4]).toBe(0);
  });

  it('the closing part of a refused reversal pays a per-order minimum in full, not a pro-rata share', () => {
    // Merge regression: the close of 10 was charged 10/1,010 of 0.005 × 1,010 = 0.05, below the $1 minimum.
    const fees = new PerShareFee({ perShare: 0.005, minimum: 1 });
    const { result } = run({ 0: (ctx) => ctx.buy('A', 10), 1: (ctx) => ctx.sell('A', 1_010) }, [makeSeries('A', rows)], { fees });
    expect(result.fills.map((f) => f.fee)).toEqual([1, 1]);
  });

  it('a reversal on margin closes, then opens only what the margin allows (open part rejected whole)', () => {
    const margin = new FractionMargin({ initial: 0.5, maintenance: 0.3 });
    // Long 1,000 @ 100; selling 4,000 would go short 3,000 × 100 = 300,000 needing 150,000 > 100,000.
    const { result } = run({ 0: (ctx) => ctx.buy('A', 1_000), 1: (ctx) => ctx.sell('A', 4_000) }, [makeSeries('A', rows)], { margin });
    expect(fills(result)).toEqual([
      ['buy', 100, 1_000, '2024-01-09'],
      ['sell', 100, 1_000, '2024-01-10'],
    ]);
    expect(result.orders[1]).toMatchObject({ status: 'rejected', filledQuantity: 1_000, rejectReason: 'margin_requirement' });
  });

  it('an account whose equity reaches zero is ruined: trading stops, the result says when, metrics stop there', () => {
    // Short 1,500 @ 100 on 2:1 margin (no maintenance: nothing calls it); the price gaps to 200:
    // equity 100,000 − 150,000 < 0 at the 01-10 close.
    const data = [
      makeSeries('A', [
        ['2024-01-08', 100, 100, 100, 100],
        ['2024-01-09', 100, 100, 100, 100],
        ['2024-01-10', 200, 200, 200, 200],
        ['2024-01-11', 210, 210, 210, 210],
        ['2024-01-12', 50, 50, 50, 50],
      ]),
    ];
    const margin = new FractionMargin({ initial: 0.5, maintenance: 0 });
    const bars: number[] = [];
    const { result } = run({ 0: (ctx) => ctx.sell('A', 1_500), 3: (ctx) => ctx.buy('A', 1) }, data, { margin }, (ctx) => bars.push(ctx.index));
    expect(result.ruin).toMatchObject({ time: Date.UTC(2024, 0, 10), index: 2, equity: -50_000 });
    expect(bars, 'the strategy is not called after ruin').toEqual([0, 1, 2]);
    // Liquidated at the next open (210); nothing else trades.
    expect(fills(result)).toEqual([
      ['sell', 100, 1_500, '2024-01-09'],
      ['buy', 210, 1_500, '2024-01-11'],
    ]);
    expect(result.finalEquity).toBe(100_000 - 1_500 * 110);
    const m = result.metrics();
    expect(m.totalReturn).toBe(-1.5); // up to the ruin bar: −50,000 / 100,000 − 1
  });
});

describe('defect 3: OCO legs are matched twice per bar', () => {
  const pre: TestRow[] = [
    ['2024-01-08', 100, 100, 100, 100],
    ['2024-01-09', 100, 100, 100, 100],
  ];
  it('an OCO trailing stop does not fill on a bar where the rule says no fill', () => {
    // Bar 2: open 100, low 99 first (adaptive: nearer), then high 110 (best 110, stop 105), close 106 > 105.
    // Before: filled at 100 (the second pass re-used best 110 from the open).
    const rows = [...pre, ['2024-01-10', 100, 110, 99, 106] as TestRow, ['2024-01-11', 106, 106, 106, 106] as TestRow];
    const { result } = run(
      {
        0: (ctx) => ctx.buy('A', 10),
        1: (ctx) =>
          ctx.oco(
            { symbol: 'A', side: 'sell', quantity: 10, type: 'trailing_stop', trailAmount: 5 },
            { symbol: 'A', side: 'sell', quantity: 10, type: 'limit', limitPrice: 500 },
          ),
      },
      [makeSeries('A', rows)],
    );
    expect(fills(result)).toEqual([['buy', 100, 10, '2024-01-09']]);
    expect(result.orders[1]!.status).toBe('accepted');
  });

  it('a bracket stop-limit does not fill at the open before its trigger', () => {
    // Bar 2: open 100, high 101 first (nearer), low 94 triggers the stop 95, then close 96 < limit 97.
    // Before: filled at the open 100 (the second pass saw it triggered).
    const rows = [...pre, ['2024-01-10', 100, 101, 94, 96] as TestRow, ['2024-01-11', 96, 96, 96, 96] as TestRow];
    const { result } = run(
      { 0: (ctx) => ctx.bracket({ symbol: 'A', side: 'buy', quantity: 10, takeProfit: 500, stopLoss: 95, stopLimit: 97 }) },
      [makeSeries('A', rows)],
    );
    expect(fills(result)).toEqual([['buy', 100, 10, '2024-01-09']]);
  });
});

describe('defect 4: one cancelAll() disables margin calls forever', () => {
  it('liquidation orders cannot be cancelled, and a later margin call is still made', () => {
    const rows: TestRow[] = [
      ['2024-01-08', 100, 100, 100, 100],
      ['2024-01-09', 100, 100, 100, 100],
      ['2024-01-10', 60, 60, 60, 60], // called: equity 20,000 < 25 % × 120,000
      ['2024-01-11', 55, 55, 55, 55, 10_000], // liquidation sells 1,000 (10 % of volume); cancelAll follows
      ['2024-01-12', 55, 55, 55, 55], // … and the other 1,000 here
      ['2024-01-15', 100, 100, 100, 100], // buy again on 2:1
      ['2024-01-16', 100, 100, 100, 100],
      ['2024-01-17', 50, 50, 50, 50], // called again
      ['2024-01-18', 50, 50, 50, 50],
    ];
    const cancels: number[] = [];
    const { result } = run(
      { 0: (ctx) => ctx.buy('A', 2_000), 5: (ctx) => ctx.buy('A', Math.floor((2 * ctx.equity) / 100) - 1) },
      [makeSeries('A', rows)],
      { margin: { initial: 0.5, maintenance: 0.25 }, volumeLimit: 0.1 },
      (ctx) => cancels.push(ctx.cancelAll()),
    );
    // Before: cancelAll() on 01-11 cancelled the rest of the liquidation, 1,000 shares stayed open
    // and no margin call was ever made again.
    expect(result.marginCalls.map((c) => isoDate(c.time))).toEqual(['2024-01-10', '2024-01-17']);
    expect(cancels.every((n) => n === 0), 'liquidations are not the strategy’s to cancel').toBe(true);
    expect(result.fills.filter((f) => f.side === 'sell').map((f) => [f.price, f.quantity, isoDate(f.time)])).toEqual([
      [55, 1_000, '2024-01-11'],
      [55, 1_000, '2024-01-12'],
      [50, 199, '2024-01-18'],
    ]);
  });
});

describe('defect 5: weekly and monthly bars are annualised as daily', () => {
  const fridays = Float64Array.from({ length: 260 }, (_, i) => (dayOfIsoDate('2015-01-02') + 7 * i) * DAY_MS);
  const monthEnds = Float64Array.from({ length: 120 }, (_, i) => Date.UTC(2015, i + 1, 0));
  it('infers the frequency from the time index and annualises by it', () => {
    // Before: 251.7 (daily) for both.
    expect(inferFrequency(fridays).frequency).toBe('weekly');
    expect(periodsPerYearFor(fridays)).toBeCloseTo(52.18, 1);
    expect(inferFrequency(monthEnds).frequency).toBe('monthly');
    expect(periodsPerYearFor(monthEnds)).toBe(12);
    const quarters = Float64Array.from({ length: 40 }, (_, i) => Date.UTC(2015, 3 * i + 3, 0));
    expect(inferFrequency(quarters).frequency).toBe('quarterly');
    expect(periodsPerYearFor(quarters)).toBe(4);
  });

  it('a 12.4 % CAGR on weekly bars is reported as 12.4 %, and the result states the frequency', () => {
    const weekly = 1.124 ** (7 / 365.25);
    let p = 100;
    const rows: TestRow[] = Array.from(fridays, (t) => {
      const row: TestRow = [isoDate(t), p, p, p, p];
      p *= weekly;
      return row;
    });
    const { result } = run({ 0: (ctx) => ctx.buy('A', 990) }, [makeSeries('A', rows)]);
    expect(result.frequency.frequency).toBe('weekly');
    const m = result.metrics();
    // Fully invested from bar 1: ≈ 12.4 % a year (was 1063 % annualised as daily).
    expect(m.annualReturn).toBeGreaterThan(0.11);
    expect(m.annualReturn).toBeLessThan(0.13);
  });
});

describe('defect 6: a bracket entry that partially fills and then ends leaves the position unprotected', () => {
  it('exits are sized to the filled quantity, active from the first partial fill, and cover exactly what was filled', () => {
    const rows: TestRow[] = [
      ['2024-01-08', 100, 100, 100, 100, 1_000],
      ['2024-01-09', 100, 100, 100, 100, 1_000], // entry fills 100 of 300 (10 % of volume)
      ['2024-01-10', 100, 100, 100, 100, 1_000], // entry cancelled before this bar; exits protect 100
      ['2024-01-11', 90, 90, 90, 90, 100_000], // the stop-loss sells exactly 100 at the open
      ['2024-01-12', 90, 90, 90, 90, 100_000],
    ];
    const { result } = run(
      {
        0: (ctx) => ctx.bracket({ symbol: 'A', side: 'buy', quantity: 300, takeProfit: 150, stopLoss: 95 }),
        1: (ctx) => ctx.cancel(ctx.openOrders('A').find((o) => o.parentId === undefined)!.id),
      },
      [makeSeries('A', rows)],
      { volumeLimit: 0.1 },
    );
    // Before: the exits never became active: the 100 shares stayed open to the end.
    expect(fills(result)).toEqual([
      ['buy', 100, 100, '2024-01-09'],
      ['sell', 90, 100, '2024-01-11'],
    ]);
    expect(result.orders.map((o) => [o.status, o.quantity])).toEqual([
      ['cancelled', 300],
      ['cancelled', 100],
      ['filled', 100],
    ]);
    expect(result.positions.get('A')![4]).toBe(0);
  });
});

describe('defect 7: impact slippage larger than the price aborts the run', () => {
  it('a sell whose slippage would take the price to zero or below is rejected with a reason code', () => {
    const rows = flatRows('2024-01-08', 4, 10, 10);
    // 1,000 shares against 10 traded: slippage 10 × 0.5 × 1 × sqrt(100) = 50 > 10.
    const slippage = new SquareRootImpactSlippage({ coefficient: 0.5, volatility: 1 });
    const margin = new FractionMargin({ initial: 1, maintenance: 0.3 });
    // Before: InvariantError "fill price must be a finite number > 0, got -40".
    const { result } = run({ 0: (ctx) => ctx.sell('A', 1_000) }, [makeSeries('A', rows)], { slippage, margin });
    expect(result.orders[0]).toMatchObject({ status: 'rejected', rejectReason: 'slippage_exceeds_price' });
    expect(result.fills).toEqual([]);
  });
});

describe('defect 8: an async onBar that throws escapes as an unhandled rejection', () => {
  const data = [makeSeries('A', flatRows('2024-01-08', 4, 10))];
  it('a handler returning a promise is a StrategyError naming the strategy and bar', () => {
    class Async extends Strategy<object> {
      // eslint-disable-next-line @typescript-eslint/require-await
      override async onBar(ctx: StrategyContext): Promise<void> {
        if (ctx.index === 1) throw new Error('boom');
      }
    }
    // Before: backtest returned normally and "boom" surfaced later as an unhandled rejection.
    expect(() => backtest({ data, strategy: new Async({}) })).toThrow(StrategyError);
    expect(() => backtest({ data, strategy: new Async({}) })).toThrow(/Async\.onBar returned a promise.*bar 0 \(2024-01-08\)/);
  });

  it('a synchronous exception is re-thrown as a StrategyError with strategy, handler, symbols, bar, time and cause', () => {
    const cause = new Error('bad');
    class Throws extends Strategy<object> {
      override onBar(ctx: StrategyContext): void {
        if (ctx.index === 2) throw cause;
      }
    }
    let caught: unknown;
    try {
      backtest({ data, strategy: new Throws({}) });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(StrategyError);
    const e = caught as StrategyError;
    expect(e.cause).toBe(cause);
    expect(e.message).toBe('Throws.onBar threw at bar 2 (2024-01-10) over symbols [A]: bad');
    expect(e).toMatchObject({ strategy: 'Throws', handler: 'onBar', index: 2, time: Date.UTC(2024, 0, 10) });
  });
});

describe('suspected: interest on short-sale proceeds', () => {
  it('interest is credited on free cash only, not on short proceeds held as collateral', () => {
    const rows = flatRows('2024-01-08', 4, 100); // Mon..Thu
    const interest = new FixedRateInterest({ cashRate: 0.36, dayCount: 360 }); // 0.1 % a day
    const margin = new FractionMargin({ initial: 1, maintenance: 0.3 });
    const { result } = run({ 0: (ctx) => ctx.sell('A', 100) }, [makeSeries('A', rows)], { interest, margin });
    // Tue accrues on 100,000 (before the fill). The short opens at Tue's open: cash 110,000 of
    // which 10,000 is collateral, so Wed and Thu accrue on 100,000 + interest so far.
    // Before: Wed/Thu accrued on the 110,000 balance.
    const i1 = 100;
    const i2 = (100_000 + i1) * 0.001;
    const i3 = (100_000 + i1 + i2) * 0.001;
    expect(result.totals.interest).toBeCloseTo(i1 + i2 + i3, 9);
  });
});

describe('suspected: ioc and opg orders wait through gaps', () => {
  it('an ioc or opg order expires when its symbol has no bar at the next session', () => {
    const series = [makeSeries('A', A_ROWS), makeSeries('B', B_ROWS)];
    // B has no bar on 01-12 (index 4): orders submitted on 01-11 (index 3) must not fill on 01-15.
    const { result } = run(
      {
        3: (ctx) => {
          ctx.buy('B', 1, { timeInForce: 'ioc' });
          ctx.buy('B', 1, { timeInForce: 'opg' });
        },
      },
      series,
    );
    // Before: both filled at 103 on 2024-01-15.
    expect(result.fills).toEqual([]);
    expect(result.orders.map((o) => o.status)).toEqual(['cancelled', 'expired']);
  });
});

describe('suspected: a symbol whose data ends early is marked forever', () => {
  it('is delisted: working orders cancelled (reason delisted), position closed at the last close', () => {
    const b: TestRow[] = [
      ['2024-01-08', 50, 50, 50, 50],
      ['2024-01-09', 50, 50, 50, 50],
      ['2024-01-10', 40, 40, 40, 42],
    ];
    const { result, seen } = run(
      {
        0: (ctx) => ctx.buy('B', 10),
        1: (ctx) => ctx.sell('B', 10, { type: 'limit', limitPrice: 100 }),
      },
      [makeSeries('A', A_ROWS), makeSeries('B', b)],
    );
    // Before: the position was held at 42 to the end, the limit order working forever.
    expect(fills(result)).toEqual([
      ['buy', 50, 10, '2024-01-09'],
      ['sell', 42, 10, '2024-01-11'],
    ]);
    expect(result.delistings).toEqual([{ symbol: 'B', time: Date.UTC(2024, 0, 11), lastBarTime: Date.UTC(2024, 0, 10), quantity: 10, price: 42 }]);
    expect(seen.find((e) => e.type === 'cancelled')).toMatchObject({ reason: 'delisted' });
    expect(result.positions.get('B')![6]).toBe(0);
    expect(result.trades[0]).toMatchObject({ symbol: 'B', exitPrice: 42 });
  });

  it('closes at a delisting return when one is given', () => {
    const b: TestRow[] = [
      ['2024-01-08', 50, 50, 50, 50],
      ['2024-01-09', 50, 50, 50, 50],
      ['2024-01-10', 40, 40, 40, 40],
    ];
    const { result } = run({ 0: (ctx) => ctx.buy('B', 10) }, [makeSeries('A', A_ROWS), makeSeries('B', b)], { delistingReturns: { B: -0.25 } });
    expect(result.fills.at(-1)).toMatchObject({ side: 'sell', price: 30, quantity: 10 });
  });
});
