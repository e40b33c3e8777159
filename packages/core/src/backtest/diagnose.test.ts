import { describe, expect, it } from 'vitest';
import { alignBars } from '../data/BarPanel.js';
import { createBarSeries } from '../data/BarSeries.js';
import { flatRows, makeSeries, type TestRow } from '../internal/makeSeries.js';
import { FractionMargin } from '../simulator/FractionMargin.js';
import { DAY_MS, dayOfIsoDate } from '../time/civil.js';
import { Strategy } from '../engine/Strategy.js';
import type { StrategyContext } from '../engine/StrategyContext.js';
import { resultFromJson } from '../report/resultFromJson.js';
import { backtest } from './backtest.js';
import type { BacktestConfig } from '../engine/BacktestConfig.js';

type Step = (ctx: StrategyContext) => void;
class Script extends Strategy<{ steps: Readonly<Record<number, Step>> }> {
  override onBar(ctx: StrategyContext): void {
    this.params.steps[ctx.index]?.(ctx);
  }
}
const run = (steps: Record<number, Step>, data: BacktestConfig['data'], config: Partial<BacktestConfig> = {}) =>
  backtest({ data, strategy: new Script({ steps }), cash: 10_000, ...config });
const codes = (r: ReturnType<typeof run>) => r.diagnostics.map((d) => d.code);

describe('diagnostics', () => {
  it('says when nothing traded', () => {
    const r = run({}, [makeSeries('A', flatRows('2024-01-08', 3, 10))]);
    expect(r.diagnostics).toEqual([{ code: 'no_trades', severity: 'warning', count: 1, message: 'the run made no trade (0 orders submitted)', examples: [] }]);
  });

  it('counts rejections by reason, orders never filled and positions open at the end', () => {
    const r = run(
      {
        0: (ctx) => {
          ctx.buy('A', 10);
          ctx.buy('A', 5_000); // 50,000 > 10,000 − 100
          ctx.sell('B', 1); // a cash account cannot short
          ctx.buy('A', 1, { type: 'limit', limitPrice: 1 }); // never reached
          ctx.buy('A', 1, { type: 'limit', limitPrice: 1, timeInForce: 'day' }); // expires
        },
      },
      [makeSeries('A', flatRows('2024-01-08', 3, 10)), makeSeries('B', flatRows('2024-01-08', 3, 10))],
    );
    expect(codes(r)).toEqual(['orders_rejected', 'orders_rejected', 'orders_never_filled', 'positions_open_at_end']);
    expect(r.diagnostics[0]).toMatchObject({ reason: 'insufficient_funds', count: 1, message: '1 order rejected: insufficient_funds', examples: ['o-2 buy 5000 A market submitted 2024-01-08'] });
    expect(r.diagnostics[1]).toMatchObject({ reason: 'short_not_allowed', count: 1 });
    expect(r.diagnostics[2]).toMatchObject({ count: 2, message: '2 orders never filled: 1 still working at the end, 1 expired, 0 cancelled by the engine (ioc, delisting, ruin, margin call)' });
    expect(r.diagnostics[3]).toMatchObject({ severity: 'info', count: 1, examples: ['A 10 @ 10 since 2024-01-09, last 10'] });
  });

  it('reports ruin, margin calls and delistings', () => {
    const rows: TestRow[] = [
      ['2024-01-08', 100, 100, 100, 100],
      ['2024-01-09', 100, 100, 100, 100],
      ['2024-01-10', 300, 300, 300, 300],
      ['2024-01-11', 300, 300, 300, 300],
    ];
    const ruined = run({ 0: (ctx) => ctx.sell('A', 150) }, [makeSeries('A', rows)], { margin: new FractionMargin({ initial: 0.5, maintenance: 0 }) });
    expect(codes(ruined)).toContain('ruin');
    const squeezed = rows.map((r, i) => (i < 2 ? r : ([r[0], 150, 150, 150, 150] as TestRow)));
    // Equity 10,000 + 15,000 − 22,500 = 2,500 < 30 % × 22,500.
    const called = run({ 0: (ctx) => ctx.sell('A', 150) }, [makeSeries('A', squeezed)], { margin: new FractionMargin({ initial: 0.5, maintenance: 0.3 }) });
    expect(codes(called)).toContain('margin_calls');
    const delisted = run({ 0: (ctx) => ctx.buy('B', 1) }, [makeSeries('A', rows), makeSeries('B', rows.slice(0, 2))]);
    expect(delisted.diagnostics.find((d) => d.code === 'delisted')).toMatchObject({ count: 1, examples: ['B: last bar 2024-01-09, closed 1 @ 100 on 2024-01-10'] });
  });

  it('flags split-like jumps in raw prices, close-only data, and a volume limit on data without volume', () => {
    const rows: TestRow[] = [
      ['2024-01-08', 100, 100, 100, 100],
      ['2024-01-09', 100, 100, 100, 100],
      ['2024-01-10', 50, 50, 50, 50], // 2:1
      ['2024-01-11', 50, 50, 50, 50],
    ];
    const time = Float64Array.from(['2024-01-08', '2024-01-09', '2024-01-10'], (d) => dayOfIsoDate(d) * DAY_MS);
    const close = Float64Array.of(10, 11, 12);
    const closeOnly = createBarSeries({ symbol: 'C', time, open: close, high: close, low: close, close, volume: new Float64Array(3).fill(Number.NaN), fields: ['close'], frequency: 'daily', adjustment: 'adjusted', source: 'test' });
    const r = run({ 0: (ctx) => ctx.buy('C', 1) }, [makeSeries('A', rows), closeOnly], { volumeLimit: 0.1 });
    expect(r.diagnostics.find((d) => d.code === 'split_like_jumps')).toMatchObject({ count: 1, examples: ['A 2024-01-10: close 100 → 50 (2.00:1)'] });
    expect(r.diagnostics.find((d) => d.code === 'close_only_data')).toMatchObject({ severity: 'info', examples: ['C'] });
    expect(r.diagnostics.find((d) => d.code === 'volume_limit_without_volume')).toMatchObject({ examples: ['C'] });
    // From a panel the adjustment is unknown (no split check) but flat bars are still close-only.
    const p = run({ 0: (ctx) => ctx.buy('C', 1) }, alignBars([makeSeries('A', rows), closeOnly]));
    expect(codes(p)).toContain('close_only_data');
    expect(codes(p)).not.toContain('split_like_jumps');
  });

  it('round-trip through result.json', () => {
    const r = run({ 0: (ctx) => ctx.buy('A', 5_000) }, [makeSeries('A', flatRows('2024-01-08', 3, 10))]);
    const back = resultFromJson(JSON.stringify(r)).result;
    expect(back.diagnostics).toEqual(r.diagnostics);
    expect(back.frequency).toEqual(r.frequency);
    expect(back.ruin).toBeNull();
  });
});
