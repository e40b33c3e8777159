import { describe, expect, it } from 'vitest';
import { InvariantError } from '../errors.js';
import { flatRows, makeSeries, type TestRow } from '../internal/makeSeries.js';
import { FixedRateBorrow } from '../simulator/FixedRateBorrow.js';
import { FractionMargin } from '../simulator/FractionMargin.js';
import { VolumeParticipationLimit } from '../simulator/VolumeParticipationLimit.js';
import { FixedBpsSlippage } from '../simulator/FixedBpsSlippage.js';
import { PercentFee } from '../simulator/PercentFee.js';
import { isoDate } from '../time/civil.js';
import { backtest } from '../backtest/backtest.js';
import type { BacktestConfig } from './BacktestConfig.js';
import type { OrderEvent } from './events.js';
import { LookAheadError } from './SeriesView.js';
import { Strategy } from './Strategy.js';
import type { StrategyContext } from './StrategyContext.js';

type Step = (ctx: StrategyContext) => void;

/** Runs scripted actions at given bar indices and records every event it receives. */
class Script extends Strategy<{ steps: Readonly<Record<number, Step>> }> {
  readonly seen: OrderEvent[] = [];
  override onBar(ctx: StrategyContext): void {
    this.params.steps[ctx.index]?.(ctx);
  }
  override onOrderEvent(event: OrderEvent): void {
    this.seen.push(event);
  }
}

// Five weekdays from Monday 2024-01-08; bar i has open 100 + i·10 and a ±2 range.
const ROWS: TestRow[] = [
  ['2024-01-08', 100, 102, 98, 101],
  ['2024-01-09', 110, 112, 108, 111],
  ['2024-01-10', 120, 122, 118, 121],
  ['2024-01-11', 130, 132, 128, 131],
  ['2024-01-12', 140, 142, 138, 141],
];

/** A margin account that may short (a cash account, the default, cannot): 100 % initial, 25 % maintenance. */
const SHORTABLE = { initial: 1, maintenance: 0.25 } as const;

function run(steps: Record<number, Step>, rows: readonly TestRow[] = ROWS, config: Partial<BacktestConfig> = {}) {
  const strategy = new Script({ steps });
  const result = backtest({ data: [makeSeries('A', rows)], strategy, cash: 100_000, ...config });
  return { result, seen: strategy.seen };
}

describe('market orders', () => {
  it('fill at the next bar open, never on the bar that produced them', () => {
    const { result } = run({ 0: (ctx) => ctx.buy('A', 10) });
    expect(result.fills).toHaveLength(1);
    expect(result.fills[0]).toMatchObject({ price: 110, quantity: 10, time: Date.UTC(2024, 0, 9) });
    expect(result.cash[0], 'nothing moves on the signal bar').toBe(100_000);
    expect(result.cash[1]).toBe(100_000 - 1100);
    expect(result.equity[1]).toBe(100_000 - 1100 + 10 * 111);
    expect(result.equity[4]).toBe(100_000 - 1100 + 10 * 141);
  });

  it('submitted on the last bar stay working (no fill beyond the data)', () => {
    const { result } = run({ 4: (ctx) => ctx.buy('A', 10) });
    expect(result.fills).toEqual([]);
    expect(result.orders[0]!.status).toBe('accepted');
  });
});

describe('progress', () => {
  it('reports about every 1 % of the bars and once at the end', () => {
    const rows: TestRow[] = Array.from({ length: 250 }, (_, i) => [isoDate(Date.UTC(2024, 0, 1) + i * 86_400_000), 100, 101, 99, 100]);
    const calls: [number, number][] = [];
    run({}, rows, { onProgress: (done, total) => calls.push([done, total]) });
    // ceil(250 / 100) = 3 bars a step: 3, 6, …, 249, then 250 at the end.
    expect(calls[0]).toEqual([3, 250]);
    expect(calls.at(-2)).toEqual([249, 250]);
    expect(calls.at(-1)).toEqual([250, 250]);
    expect(calls).toHaveLength(84);
    const few: number[] = [];
    run({}, ROWS, { onProgress: (done) => few.push(done) });
    expect(few).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('bar presence', () => {
  it('hasBar agrees with bar() when a symbol skips a day', () => {
    const b = makeSeries('B', [ROWS[0]!, ROWS[2]!, ROWS[3]!]);
    const seen: [boolean, boolean, boolean, boolean][] = [];
    const strategy = new (class extends Strategy<object> {
      override onBar(ctx: StrategyContext): void {
        seen.push([ctx.hasBar('A'), ctx.bar('A') !== undefined, ctx.hasBar('B'), ctx.bar('B') !== undefined]);
      }
    })({});
    backtest({ data: [makeSeries('A', ROWS), b], strategy });
    expect(seen.map(([a, a2, bb, b2]) => [a === a2, bb === b2, bb])).toEqual([
      [true, true, true],
      [true, true, false],
      [true, true, true],
      [true, true, true],
      [true, true, false],
    ]);
  });
});

describe('limit and stop orders on the engine', () => {
  it('a buy limit below the market waits, then fills at the limit when the low reaches it', () => {
    // Bars 1..4 have lows 108, 118, …: a limit at 109 fills on bar 1 at 109 (open 110 > 109 ≥ low 108).
    const { result } = run({ 0: (ctx) => ctx.buy('A', 1, { type: 'limit', limitPrice: 109 }) });
    expect(result.fills[0]).toMatchObject({ price: 109, time: Date.UTC(2024, 0, 9) });
  });

  it('a sell stop fills at the open when the market gaps through it', () => {
    const rows: TestRow[] = [
      ['2024-01-08', 100, 101, 99, 100],
      ['2024-01-09', 100, 101, 99, 100],
      ['2024-01-10', 90, 92, 85, 91],
    ];
    const { result } = run(
      {
        0: (ctx) => ctx.buy('A', 10),
        1: (ctx) => ctx.sell('A', 10, { type: 'stop', stopPrice: 95 }),
      },
      rows,
    );
    expect(result.fills.map((f) => f.price)).toEqual([100, 90]);
  });

  it('a day order expires after its session; an ioc order is cancelled after its one bar', () => {
    const { result, seen } = run({
      0: (ctx) => {
        ctx.buy('A', 1, { type: 'limit', limitPrice: 50, timeInForce: 'day' });
        ctx.buy('A', 1, { type: 'limit', limitPrice: 50, timeInForce: 'ioc' });
        ctx.buy('A', 1, { type: 'limit', limitPrice: 50 });
      },
    });
    expect(result.orders.map((o) => o.status)).toEqual(['expired', 'cancelled', 'accepted']);
    expect(seen.filter((e) => e.type !== 'accepted').map((e) => [e.type, e.order.id, isoDate(e.time)])).toEqual([
      ['expired', 'o-1', '2024-01-09'],
      ['cancelled', 'o-2', '2024-01-09'],
    ]);
  });
});

describe('brackets', () => {
  // Entry fills at the open of bar 1 (100); bar 1 then spans 95..106, reaching both exits.
  const rows: TestRow[] = [
    ['2024-01-08', 100, 100, 100, 100],
    ['2024-01-09', 100, 106, 95, 101],
    ['2024-01-10', 101, 101, 101, 101],
  ];
  const bracket = (ctx: StrategyContext) => ctx.bracket({ symbol: 'A', side: 'buy', quantity: 10, takeProfit: 105, stopLoss: 96 });

  it('when both exits could fill in one bar, the stop-loss fills by default (pessimistic)', () => {
    const { result } = run({ 0: bracket }, rows);
    expect(result.fills.map((f) => f.price)).toEqual([100, 96]);
    expect(result.orders.map((o) => o.status)).toEqual(['filled', 'cancelled', 'filled']);
    expect(result.policy.ocoPriority).toBe('pessimistic');
  });

  it('the take-profit fills instead under the optimistic rule, and the path decides under `path`', () => {
    expect(run({ 0: bracket }, rows, { ocoPriority: 'optimistic' }).result.fills.map((f) => f.price)).toEqual([100, 105]);
    // Open 100 is 6 from the high and 5 from the low: the low comes first, so the stop-loss.
    expect(run({ 0: bracket }, rows, { ocoPriority: 'path' }).result.fills.map((f) => f.price)).toEqual([100, 96]);
  });

  it('exits wait for the entry: an unfilled entry keeps them inactive, a cancelled one cancels them', () => {
    const { result } = run(
      {
        0: (ctx) => ctx.bracket({ symbol: 'A', side: 'buy', quantity: 10, entry: { type: 'limit', limitPrice: 50 }, takeProfit: 105, stopLoss: 96 }),
        1: (ctx) => ctx.cancelAll('A'),
      },
      rows,
    );
    expect(result.fills).toEqual([]);
    expect(result.orders.map((o) => o.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
  });
});

describe('partial fills and volume', () => {
  it('a volume cap splits an order across bars, carrying the rest', () => {
    const rows = flatRows('2024-01-08', 5, 10, 1000);
    const { result } = run({ 0: (ctx) => ctx.buy('A', 250) }, rows, { volumeLimit: 0.1, recordEvents: true });
    expect(result.fills.map((f) => f.quantity)).toEqual([100, 100, 50]);
    expect(result.orders[0]).toMatchObject({ status: 'filled', filledQuantity: 250 });
    expect(result.events.filter((e) => e.type === 'filled').map((e) => e.order.status)).toEqual([
      'partially_filled',
      'partially_filled',
      'filled',
    ]);
  });
});

describe('rejections (values with reason codes, never exceptions)', () => {
  it('an unaffordable order is rejected at fill time, not resized', () => {
    const { result, seen } = run({ 0: (ctx) => ctx.buy('A', 1000) }); // 1000 × 110 > 100,000
    expect(result.fills).toEqual([]);
    const rejected = seen.find((e) => e.type === 'rejected');
    expect(rejected).toMatchObject({ reason: 'insufficient_funds', time: Date.UTC(2024, 0, 9) });
  });

  it('invalid requests are rejected at submission with a reason', () => {
    const { result } = run({
      0: (ctx) => {
        ctx.buy('A', 0);
        ctx.buy('A', 1.5);
        ctx.buy('NOPE', 1);
        ctx.buy('A', 1, { type: 'limit' });
        ctx.order({ symbol: 'A', side: 'sell', quantity: 1, type: 'trailing_stop', trailAmount: 1, trailPercent: 0.1 });
      },
    });
    expect(result.orders.map((o) => o.rejectReason)).toEqual([
      'invalid_quantity',
      'invalid_quantity',
      'unknown_symbol',
      'invalid_price',
      'invalid_price',
    ]);
  });

  it('a short sale of a not-shortable symbol is rejected', () => {
    const { result } = run({ 0: (ctx) => ctx.sell('A', 10) }, ROWS, {
      margin: SHORTABLE,
      borrow: new FixedRateBorrow({ annualRate: 0.01, notShortable: ['A'] }),
    });
    expect(result.orders[0]!.rejectReason).toBe('not_shortable');
  });
});

describe('shorts, borrow and margin', () => {
  it('a short sale and its cover realise the price difference', () => {
    const { result } = run({ 0: (ctx) => ctx.sell('A', 10), 2: (ctx) => ctx.buy('A', 10) }, ROWS, { margin: SHORTABLE });
    // Short at 110 (bar 1 open), cover at 130 (bar 3 open): −200.
    expect(result.fills.map((f) => [f.side, f.price])).toEqual([
      ['sell', 110],
      ['buy', 130],
    ]);
    expect(result.totals.realisedPnl).toBe(-200);
    expect(result.trades[0]).toMatchObject({ side: 'short', entryPrice: 110, exitPrice: 130, grossPnl: -200 });
    expect(result.finalEquity).toBe(100_000 - 200);
  });

  it('borrow fees accrue per calendar day on the previous close of a short', () => {
    const rows = flatRows('2024-01-08', 6, 100); // Mon..Fri, then Mon
    const borrow = new FixedRateBorrow({ annualRate: 0.36, dayCount: 360 }); // 0.1% a day
    const { result } = run({ 0: (ctx) => ctx.sell('A', 10) }, rows, { borrow, margin: SHORTABLE });
    // Short from Tue's open; accruals at Wed, Thu, Fri (1 day each) and Mon (3 days) on 10 × 100.
    expect(result.totals.borrow).toBeCloseTo(6 * 1, 10);
    expect(result.finalEquity).toBeCloseTo(100_000 - 6, 10);
  });

  it('a margin call liquidates every position at the next open, and is reported', () => {
    const rows: TestRow[] = [
      ['2024-01-08', 100, 100, 100, 100],
      ['2024-01-09', 100, 100, 100, 100],
      ['2024-01-10', 60, 60, 60, 60],
      ['2024-01-11', 55, 55, 55, 55],
      ['2024-01-12', 55, 55, 55, 55],
    ];
    // 2:1 margin: 2000 shares × 100 on 100,000 equity; a 40% drop leaves 20,000 equity on 120,000 gross.
    const { result } = run({ 0: (ctx) => ctx.buy('A', 2000) }, rows, { margin: { initial: 0.5, maintenance: 0.25 } });
    expect(result.marginCalls).toHaveLength(1);
    expect(result.marginCalls[0]).toMatchObject({ time: Date.UTC(2024, 0, 10), equity: 20_000, grossExposure: 120_000 });
    expect(result.fills.map((f) => [f.side, f.price, isoDate(f.time)])).toEqual([
      ['buy', 100, '2024-01-09'],
      ['sell', 55, '2024-01-11'],
    ]);
    expect(result.finalEquity).toBe(100_000 - 2000 * 45);
  });

  it('margin beyond the initial requirement is rejected with margin_requirement', () => {
    const { result } = run({ 0: (ctx) => ctx.buy('A', 2000) }, ROWS, { margin: { initial: 0.5 } }); // 220,000 > 2 × 100,000
    expect(result.orders[0]!.rejectReason).toBe('margin_requirement');
  });
});

describe('costs', () => {
  it('charges slippage against the trader and fees on every fill', () => {
    const { result } = run({ 0: (ctx) => ctx.buy('A', 10), 1: (ctx) => ctx.sell('A', 10) }, ROWS, {
      slippage: new FixedBpsSlippage(10),
      fees: new PercentFee(0.001),
    });
    const [buy, sell] = result.fills;
    expect(buy!.price).toBeCloseTo(110.11, 12);
    expect(buy!.slippage).toBeCloseTo(0.11, 12);
    expect(sell!.price).toBeCloseTo(120 * 0.999, 12);
    expect(buy!.fee).toBeCloseTo(10 * 110.11 * 0.001, 12);
    expect(result.totals.fees).toBeCloseTo(buy!.fee + sell!.fee, 12);
    expect(result.policy).toMatchObject({ slippage: 'FixedBpsSlippage(10)' });
  });
});

describe('no look-ahead', () => {
  it('history and values end at the current bar; asking for later data throws', () => {
    const observed: number[][] = [];
    const errors: unknown[] = [];
    run({
      2: (ctx) => {
        const closes = ctx.history('A', 'close', 10);
        observed.push([...closes]);
        for (const attempt of [() => closes.at(closes.length), () => ctx.value('A', 'close', -1), () => closes.at(3)]) {
          try {
            attempt();
          } catch (e) {
            errors.push(e);
          }
        }
      },
    });
    expect(observed).toEqual([[101, 111, 121]]);
    expect(errors).toHaveLength(3);
    for (const e of errors) expect(e).toBeInstanceOf(LookAheadError);
  });

  it('a strategy sees the same past whatever comes after it (prefix invariance)', () => {
    const seenCloses = (rows: readonly TestRow[]) => {
      const out: number[] = [];
      run({ 2: (ctx) => out.push(ctx.value('A', 'close'), ctx.history('A', 'high', 5).sum()) }, rows);
      return out;
    };
    const changedFuture = ROWS.map((r, i) => (i > 2 ? ([r[0], 1, 1, 1, 1] as TestRow) : r));
    expect(seenCloses(changedFuture)).toEqual(seenCloses(ROWS));
  });
});

describe('determinism and validation', () => {
  it('identical inputs and seed give identical results', () => {
    const steps: Record<number, Step> = {
      0: (ctx) => ctx.buy('A', Math.floor(ctx.random() * 100) + 1),
      2: (ctx) => ctx.closePosition('A'),
    };
    // Everything but the wall time and the methods (closures differ between runs).
    const strip = ({ wallTimeMs: _w, metrics: _m, toJSON: _j, toArrow: _a, writeReport: _r, ...rest }: ReturnType<typeof run>['result']) => rest;
    const a = run(steps, ROWS, { seed: 7 }).result;
    const b = run(steps, ROWS, { seed: 7 }).result;
    expect(strip(a)).toEqual(strip(b));
    expect(run(steps, ROWS, { seed: 8 }).result.fills[0]!.quantity).not.toBe(a.fills[0]!.quantity);
  });

  it('rejects impossible settings with a named error', () => {
    expect(() => run({}, ROWS, { cash: -1 })).toThrow(InvariantError);
    expect(() => run({}, ROWS, { margin: { initial: 0.5, maintenance: 0.6 } })).toThrow(InvariantError);
  });
});

describe('more order types through the engine', () => {
  it('a trailing stop follows the price up and sells on the way down', () => {
    const rows: TestRow[] = [
      ['2024-01-08', 100, 100, 100, 100],
      ['2024-01-09', 100, 101, 99, 100],
      ['2024-01-10', 104, 110, 103, 109],
      ['2024-01-11', 108, 109, 100, 101],
    ];
    // Long 10 from bar 1's open; the trailing stop starts from bar 1's close, 100 (stop 95).
    // Bar 2 opens 104 (best 104, stop 99), visits its nearer extreme first, the low 103 (> 99), then
    // the high 110 (best 110, stop 105), and closes 109. Bar 3 opens 108 (> 105), visits the high
    // 109, then falls to the low 100, crossing the stop: sold at 105.
    const { result } = run({ 0: (ctx) => ctx.buy('A', 10), 1: (ctx) => ctx.sell('A', 10, { type: 'trailing_stop', trailAmount: 5 }) }, rows);
    expect(result.fills.map((f) => [f.side, f.price, isoDate(f.time)])).toEqual([
      ['buy', 100, '2024-01-09'],
      ['sell', 105, '2024-01-11'],
    ]);
  });

  it('a stop-limit triggers on one bar and fills as a limit on a later one', () => {
    const rows: TestRow[] = [
      ['2024-01-08', 100, 100, 100, 100],
      ['2024-01-09', 100, 100, 94, 95], // triggers the sell stop at 96; the limit 97 is out of reach afterwards
      ['2024-01-10', 95, 98, 94, 96], // a plain sell limit at 97 now: the high 98 reaches it
    ];
    const { result } = run({ 0: (ctx) => ctx.sell('A', 5, { type: 'stop_limit', stopPrice: 96, limitPrice: 97 }) }, rows, { margin: SHORTABLE });
    expect(result.fills.map((f) => [f.price, isoDate(f.time)])).toEqual([[97, '2024-01-10']]);
  });

  it('an opg limit fills only at an open that satisfies it, else expires', () => {
    const { result } = run({
      0: (ctx) => {
        ctx.buy('A', 1, { type: 'limit', limitPrice: 111, timeInForce: 'opg' });
        ctx.buy('A', 1, { type: 'limit', limitPrice: 109, timeInForce: 'opg' });
      },
    });
    expect(result.orders.map((o) => o.status)).toEqual(['filled', 'expired']);
    expect(result.fills[0]!.price).toBe(110);
  });

  it('two OCO orders: the first to fill cancels the other', () => {
    const { result } = run({
      0: (ctx) =>
        ctx.oco({ symbol: 'A', side: 'buy', quantity: 1, type: 'limit', limitPrice: 50 }, { symbol: 'A', side: 'buy', quantity: 1, type: 'stop', stopPrice: 121 }),
    });
    // The stop at 121 triggers on bar 2 (high 122); the limit at 50 never fills and is cancelled.
    expect(result.orders.map((o) => o.status)).toEqual(['cancelled', 'filled']);
    expect(result.fills[0]).toMatchObject({ price: 121, time: Date.UTC(2024, 0, 10) });
  });
});

describe('sizing helpers', () => {
  it('orderTargetPercent sizes whole shares from equity at the last close, net of working orders', () => {
    const { result } = run({
      0: (ctx) => {
        expect(ctx.orderTargetPercent('A', 0.5)!.quantity).toBe(Math.floor(50_000 / 101));
        expect(ctx.orderTargetPercent('A', 0.5), 'already on its way').toBeNull();
      },
    });
    expect(result.fills[0]!.quantity).toBe(495);
  });

  it('fractional trading takes fractional quantities when enabled, and rejects them otherwise', () => {
    const on = run({ 0: (ctx) => ctx.buy('A', 0.125) }, ROWS, { fractional: true }).result;
    expect(on.fills[0]!.quantity).toBe(0.125);
    expect(on.exact.finalCash).toBe(String(100_000 - 0.125 * 110));
    const off = run({ 0: (ctx) => ctx.buy('A', 0.125) }).result;
    expect(off.orders[0]!.rejectReason).toBe('invalid_quantity');
  });

  it('closePosition cancels working orders and flattens', () => {
    const { result } = run({
      0: (ctx) => {
        ctx.buy('A', 10);
        ctx.buy('A', 1, { type: 'limit', limitPrice: 1 });
      },
      1: (ctx) => ctx.closePosition('A'),
    });
    expect(result.orders.map((o) => o.status)).toEqual(['filled', 'cancelled', 'filled']);
    expect(result.positions.get('A')![4]).toBe(0);
  });
});

describe('margin and volume models', () => {
  it('a short squeezed past the short maintenance requirement is called and bought back', () => {
    const rows: TestRow[] = [
      ['2024-01-08', 100, 100, 100, 100],
      ['2024-01-09', 100, 100, 100, 100],
      ['2024-01-10', 160, 160, 160, 160],
      ['2024-01-11', 165, 165, 165, 165],
    ];
    // Short 1,500 @ 100 on 100,000 (initial 0.5 of 150,000 = 75,000 ≤ 100,000). At 160 the short is
    // worth 240,000 and equity is 10,000, below 30% × 240,000 = 72,000: called, bought back at 165.
    const margin = new FractionMargin({ initial: 0.5, maintenance: 0.25, shortMaintenance: 0.3 });
    const { result } = run({ 0: (ctx) => ctx.sell('A', 1500) }, rows, { margin });
    expect(result.marginCalls[0]).toMatchObject({ time: Date.UTC(2024, 0, 10), equity: 10_000, requirement: 72_000, grossExposure: 240_000 });
    expect(result.fills.map((f) => [f.side, f.price])).toEqual([
      ['sell', 100],
      ['buy', 165],
    ]);
    expect(result.policy.margin).toBe(margin.name);
  });

  it('a volume model instance caps fills like the numeric shorthand', () => {
    const rows = flatRows('2024-01-08', 4, 10, 1000);
    const { result } = run({ 0: (ctx) => ctx.buy('A', 150) }, rows, { volumeLimit: new VolumeParticipationLimit(0.1) });
    expect(result.fills.map((f) => f.quantity)).toEqual([100, 50]);
    expect(result.policy.volumeLimit).toBe('VolumeParticipationLimit(0.1)');
  });
});
