import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBars } from '../data/loadBars.js';
import { backtest } from '../backtest/backtest.js';
import { Strategy } from '../engine/Strategy.js';
import type { StrategyContext } from '../engine/StrategyContext.js';
import { repoRootDir } from '../internal/sharedData.js';
import { ResultFileError, resultFromJson } from './resultFromJson.js';
import { renderTearSheet } from './tearSheet.js';

/** Trades both sides and ends with one long and one short position open. */
class Churn extends Strategy<{ symbols: readonly string[] }> {
  override onBar(ctx: StrategyContext): void {
    const [a, b] = this.params.symbols as [string, string];
    if (ctx.index % 40 === 0) ctx.orderTargetQuantity(a, ctx.position(a).quantity > 0 ? -20 : 30);
    if (ctx.index % 55 === 0) ctx.orderTargetQuantity(b, ctx.position(b).quantity > 0 ? 0 : 15);
  }
}

async function run() {
  const data = await loadBars([join(repoRootDir, 'data-fixtures', 'daily', 'MKT.csv'), join(repoRootDir, 'data-fixtures', 'daily', 'ALFA.csv')]);
  const symbols = data.symbols;
  const result = backtest({ data, strategy: new Churn({ symbols }), cash: 100_000, margin: { initial: 0.5, maintenance: 0.3 } });
  return { data, result };
}

describe('resultFromJson', () => {
  it('reads back a written result.json: same metrics, same tear sheet, open positions kept', async () => {
    const { data, result } = await run();
    expect(result.trades.length).toBeGreaterThan(10);
    expect(result.trades.some((t) => t.side === 'short')).toBe(true);
    expect(result.openPositions.length).toBeGreaterThan(0);
    for (const p of result.openPositions) {
      expect(p.quantity).toBe(result.positions.get(p.symbol)!.at(-1));
      expect(p.unrealisedPnl).toBeCloseTo((p.lastPrice - p.averagePrice) * p.quantity, 6);
      expect(p.entryTime).toBeLessThanOrEqual(result.time.at(-1)!);
    }
    const dir = join(mkdtempSync(join(tmpdir(), 'qt-fromjson-')), 'run');
    const bench = data.get('MKT').close;
    await result.writeReport(dir, { benchmark: { name: 'MKT', equity: bench }, config: { a: 1 } });
    const text = readFileSync(join(dir, 'result.json'), 'utf8');
    const back = resultFromJson(text, 'result.json');
    expect(back.config).toEqual({ a: 1 });
    expect(back.benchmark?.name).toBe('MKT');
    expect(back.benchmark?.equity).toEqual(bench);
    expect(back.result.time).toEqual(result.time);
    expect(back.result.equity).toEqual(result.equity);
    expect(back.result.longValue).toEqual(result.longValue);
    expect(back.result.openPositions).toEqual(result.openPositions);
    expect(back.result.trades).toEqual(result.trades);
    expect(back.result.metrics()).toEqual(result.metrics());
    const html = renderTearSheet(result, { benchmark: { name: 'MKT', equity: bench } });
    expect(renderTearSheet(back.result, { benchmark: back.benchmark! })).toBe(html);
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toBe(html);
  });

  it('names the file, JSON path and value of a malformed field', async () => {
    const { result } = await run();
    const json = JSON.parse(JSON.stringify(result));
    const broken = (edit: (j: typeof json) => void): string => {
      const copy = structuredClone(json);
      edit(copy);
      return JSON.stringify(copy);
    };
    expect(() => resultFromJson('{"equity": [', 'x/result.json')).toThrow(/^x\/result\.json: \(file\) is .*expected JSON/);
    expect(() => resultFromJson(broken((j) => (j.equity[3].time = '2015-02-30')), 'r.json')).toThrow(
      'r.json: $.equity[3].time is "2015-02-30"; expected a valid date YYYY-MM-DD',
    );
    expect(() => resultFromJson(broken((j) => (j.equity[5].equity = 'abc')), 'r.json')).toThrow('r.json: $.equity[5].equity is "abc"; expected a number');
    expect(() => resultFromJson(broken((j) => (j.equity[2].time = j.equity[1].time)), 'r.json')).toThrow(/\$\.equity\[2\]\.time .*expected a time after the previous bar/);
    expect(() => resultFromJson(broken((j) => delete j.initialCash), 'r.json')).toThrow(ResultFileError);
    expect(() => resultFromJson(broken((j) => (j.trades[0].exitTime = 7)), 'r.json')).toThrow('r.json: $.trades[0].exitTime is 7; expected a string');
  });
});
