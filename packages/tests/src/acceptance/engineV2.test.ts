/**
 * Engine v2 (issue 10) on real data: the same strategy gives identical results from `LoadedBars`
 * and from the equivalent `BarPanel`, and `sma-cross --param sizePct=0.95 --param allowShort=true`
 * on ORCL can no longer drive a cash account below zero.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { alignBars, backtest, builtinStrategies, createBarSeries, FractionMargin, loadBars, resultFromJson, Strategy, type BacktestResult, type StrategyContext } from 'qt-backtest';
import { FeaturePipeline, smaFeature } from '@qt-backtest/features';
import { describe, expect, it } from 'vitest';

const data = join(resolve(dirname(fileURLToPath(import.meta.url)), '../../../..'), '..', 'shared', 'data');
const present = existsSync(join(data, 'stock_prices.csv')) && existsSync(join(data, 'orcl-1995-2014.txt'));
const skip = present ? '(real data in ../shared/data)' : '(SKIPPED: ../shared/data not found)';

/** Everything but the wall time and the methods. */
function comparable(r: BacktestResult) {
  const { wallTimeMs: _w, metrics: _m, toJSON: _j, toArrow: _a, writeReport: _r, ...rest } = r;
  return rest;
}

describe.skipIf(!present)(`engine v2 on real data ${skip}`, () => {
  it('momentum rotation on stock_prices.csv: LoadedBars and the aligned BarPanel give identical results', async () => {
    const loaded = await loadBars(join(data, 'stock_prices.csv'));
    const symbols = loaded.symbols;
    const make = () => builtinStrategies['momentum-rotation']!.create({}, symbols);
    const asBars = backtest({ data: loaded, strategy: make(), cash: 1_000_000 });
    const asPanel = backtest({ data: alignBars(loaded.series.values()), strategy: make(), cash: 1_000_000 });
    // Before the fix: 796.8 M as bars, 444.8 M as a panel, and GOOG and FB never traded from the panel.
    expect(asBars.finalEquity / 1e6).toBeCloseTo(796.8, 1);
    expect(comparable(asPanel)).toEqual(comparable(asBars));
    const traded = new Set(asPanel.fills.map((f) => f.symbol));
    expect(traded.has('GOOG') && traded.has('FB')).toBe(true);
  });

  it('sma-cross sizePct=0.95 allowShort=true on ORCL keeps a cash account solvent (was −1,635,909)', async () => {
    const bars = await loadBars(join(data, 'orcl-1995-2014.txt'), { symbol: 'ORCL' });
    const strategy = builtinStrategies['sma-cross']!.create({ sizePct: 0.95, allowShort: true }, ['ORCL']);
    const result = backtest({ data: bars, strategy, cash: 100_000 });
    expect(result.ruin).toBeNull();
    expect(Math.min(...result.equity)).toBeGreaterThan(0);
    expect(Math.min(...result.positions.get('ORCL')!), 'a cash account never goes short').toBe(0);
    const reasons = new Set(result.orders.flatMap((o) => (o.rejectReason === undefined ? [] : [o.rejectReason])));
    expect([...reasons].every((r) => r === 'short_not_allowed' || r === 'insufficient_funds')).toBe(true);
    // Every reversal's closing part filled although its short part was refused.
    const reversals = result.orders.filter((o) => o.rejectReason === 'short_not_allowed' && o.filledQuantity > 0);
    expect(reversals.length).toBeGreaterThan(50);
  });

  it('the same on 2:1 margin shorts, sized from equity and buying power, and stays solvent', async () => {
    const bars = await loadBars(join(data, 'orcl-1995-2014.txt'), { symbol: 'ORCL' });
    const strategy = builtinStrategies['sma-cross']!.create({ sizePct: 0.95, allowShort: true }, ['ORCL']);
    const result = backtest({ data: bars, strategy, cash: 100_000, margin: { initial: 0.5, maintenance: 0.25 } });
    expect(result.ruin).toBeNull();
    expect(Math.min(...result.equity)).toBeGreaterThan(0);
    expect(Math.min(...result.positions.get('ORCL')!)).toBeLessThan(0);
  });
});

describe('defect 1 (features): FeaturePipeline.perSymbol computes on each symbol’s own bars', () => {
  const day = (d: number) => Date.UTC(2024, 0, d);
  const series = (symbol: string, days: number[], closes: number[]) => {
    const c = Float64Array.from(closes);
    return createBarSeries({ symbol, time: Float64Array.from(days, day), open: c, high: c, low: c, close: c, volume: c.map(() => 1000), fields: ['open', 'high', 'low', 'close', 'volume'], frequency: 'daily', adjustment: 'raw', source: 'test' });
  };
  // A trades every weekday 01-08..01-16; B misses 01-11.
  const A = series('A', [8, 9, 10, 11, 12, 15, 16], [1, 2, 3, 4, 5, 6, 7]);
  const B = series('B', [8, 9, 10, 12, 15, 16], [10, 20, 30, 50, 60, 70]);
  const panel = alignBars([A, B]);

  it('one missing bar no longer blanks an SMA(3) for 3 rows, and ctx.feature(…, ago) counts own bars', () => {
    const features = new FeaturePipeline().perSymbol('sma3', smaFeature(3)).compute(panel);
    // Before: NaN on 01-11, 01-12, 01-15 and 01-16 (every window touching the gap).
    expect([...features.column('sma3', 'B')]).toEqual([Number.NaN, Number.NaN, 20, Number.NaN, (20 + 30 + 50) / 3, (30 + 50 + 60) / 3, 60]);
    const seen: number[][] = [];
    class Reader extends Strategy<object> {
      override onBar(ctx: StrategyContext): void {
        if (ctx.hasBar('B')) seen.push([ctx.feature('sma3', 'B'), ctx.feature('sma3', 'B', 1)]);
      }
    }
    for (const data of [[A, B], panel]) {
      seen.length = 0;
      backtest({ data, strategy: new Reader({}), features });
      expect(seen.slice(3)).toEqual([
        [(20 + 30 + 50) / 3, 20],
        [(30 + 50 + 60) / 3, (20 + 30 + 50) / 3],
        [60, (30 + 50 + 60) / 3],
      ]);
    }
  });
});

describe.skipIf(!present)(`buy-and-hold sized at the fill ${skip}`, () => {
  // Before: no trade at all on these files — the first open gapped above the signal close, and
  // floor(0.99 × cash / close) shares no longer fitted in the cash.
  for (const [file, symbol] of [
    ['yhoo-1996-2014.txt', 'YHOO'],
    ['nvda-1999-2014.txt', 'NVDA'],
    ['yhoo-2014.txt', 'YHOO'],
  ] as const) {
    it(`${file}: buys floor(0.99 × equity / first fill open) at the second bar's open and holds`, async () => {
      const bars = await loadBars(join(data, file), { symbol });
      const series = bars.get(symbol);
      const result = backtest({ data: bars, strategy: builtinStrategies['buy-and-hold']!.create({}, [symbol]), cash: 100_000 });
      const open = series.open[1]!;
      expect(series.open[1]! > series.close[0]!, 'the file opens with a gap up').toBe(true);
      expect(result.fills).toHaveLength(1);
      expect(result.fills[0]).toMatchObject({ side: 'buy', price: open, quantity: Math.floor((0.99 * 100_000) / open), time: series.time[1] });
      expect(result.openPositions[0]!.quantity).toBe(result.fills[0]!.quantity);
      expect(result.diagnostics.map((d) => d.code)).toEqual(['positions_open_at_end']);
    });
  }
});

describe('result.json records ruin, delistings, frequency and diagnostics', () => {
  it('validates against the published schema and reads back', async () => {
    const day = (d: number) => Date.UTC(2024, 0, d);
    const series = (symbol: string, days: number[], closes: number[]) => {
      const c = Float64Array.from(closes);
      return createBarSeries({ symbol, time: Float64Array.from(days, day), open: c, high: c, low: c, close: c, volume: c.map(() => 1000), fields: ['open', 'high', 'low', 'close', 'volume'], frequency: 'daily', adjustment: 'raw', source: 'test' });
    };
    class ShortThenSit extends Strategy<object> {
      override onBar(ctx: StrategyContext): void {
        if (ctx.index === 0) {
          ctx.sell('A', 1_500);
          ctx.buy('B', 10);
        }
      }
    }
    const result = backtest({
      data: [series('A', [8, 9, 10, 11, 12], [100, 100, 200, 210, 210]), series('B', [8, 9], [50, 50])],
      strategy: new ShortThenSit({}),
      margin: new FractionMargin({ initial: 0.5, maintenance: 0 }),
    });
    expect(result.ruin).not.toBeNull();
    expect(result.delistings).toHaveLength(1);
    expect(result.diagnostics.map((d) => d.code)).toEqual(expect.arrayContaining(['ruin', 'delisted', 'split_like_jumps']));
    const dir = join(mkdtempSync(join(tmpdir(), 'qt-engine-v2-')), 'run');
    await result.writeReport(dir);
    const text = readFileSync(join(dir, 'result.json'), 'utf8');
    const schema = JSON.parse(readFileSync(join(resolve(dirname(fileURLToPath(import.meta.url)), '../../../..'), 'packages', 'qt-backtest', 'schema', 'result.schema.json'), 'utf8')) as object;
    const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);
    const json = JSON.parse(text) as Record<string, unknown>;
    expect(validate(json) ? [] : validate.errors?.slice(0, 5)).toEqual([]);
    expect(json['ruin']).toMatchObject({ time: '2024-01-10', index: 2 });
    const back = resultFromJson(text).result;
    expect(back.diagnostics).toEqual(result.diagnostics);
    expect(back.delistings).toEqual(result.delistings);
    expect(back.ruin).toEqual(result.ruin);
    expect(back.metrics().totalReturn).toBe(result.metrics().totalReturn);
  });
});
