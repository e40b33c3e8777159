import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { benchmarkReturns } from '../analyzer/benchmarkCurve.js';
import { loadBars } from '../data/loadBars.js';
import { backtest } from '../backtest/backtest.js';
import { Strategy } from '../engine/Strategy.js';
import type { StrategyContext } from '../engine/StrategyContext.js';
import { repoRootDir } from '../internal/sharedData.js';
import { VERSION } from '../version.js';

class BuyAndHold extends Strategy<{ symbol: string }> {
  override onBar(ctx: StrategyContext): void {
    if (ctx.index === 0) ctx.orderTargetPercent(this.params.symbol, 0.9);
    if (ctx.index === 100) ctx.closePosition(this.params.symbol);
  }
}

describe('writeReport', () => {
  it('writes the result, CSV and Arrow tables and a manifest whose hashes match the input files', async () => {
    const file = join(repoRootDir, 'data-fixtures', 'daily', 'MKT.csv');
    const data = await loadBars(file, { symbol: 'MKT' });
    const result = backtest({ data, strategy: new BuyAndHold({ symbol: 'MKT' }), cash: 50_000, seed: 3 });
    const dir = join(mkdtempSync(join(tmpdir(), 'qt-report-')), 'run');
    const written = await result.writeReport(dir, { sources: data.sources, trials: 1 });
    expect(readdirSync(dir).sort()).toEqual([...written].sort());
    expect(written).toContain('report.html');
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toContain('data-section="monthly"');

    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    const sha = createHash('sha256').update(readFileSync(file)).digest('hex');
    expect(manifest).toMatchObject({
      library: { name: 'qt-backtest', version: VERSION },
      strategy: { name: 'BuyAndHold', params: { symbol: 'MKT' } },
      seed: 3,
      start: '2015-01-02',
      end: '2024-12-31',
      bars: 2516,
      trials: 1,
      data: [{ path: file, sha256: sha, rows: 2516, symbols: ['MKT'] }],
    });
    expect(manifest.fillPolicy.fillTiming).toBe('next-bar');

    const json = JSON.parse(readFileSync(join(dir, 'result.json'), 'utf8'));
    expect(json.finalEquity).toBe(result.finalEquity);
    expect(json.trades).toHaveLength(1);
    expect(json.metrics.numTrades).toBe(1);
    expect(json.metrics.periodsPerYear).toBeGreaterThan(251);
    expect(json.trades[0].entryTime).toBe('2015-01-05');
    expect(json.equity[0]).toEqual({ time: '2015-01-02', equity: 50_000, cash: 50_000, longValue: 0, shortValue: 0 });
    expect(json.trades[0]).toMatchObject({ symbol: 'MKT', side: 'long', pnl: result.trades[0]!.pnl, fees: 0 });
    expect(json.openPositions).toEqual([]);
    expect(json).not.toHaveProperty('benchmark');
    expect(json).not.toHaveProperty('config');
    expect(JSON.parse(JSON.stringify(result)).finalCash).toBe(result.finalCash);

    const equity = tableFromIPC(readFileSync(join(dir, 'equity.arrow')));
    expect(Float64Array.from(equity.getChild('equity')!.toArray() as Float64Array)).toEqual(result.equity);
    const csv = readFileSync(join(dir, 'equity.csv'), 'utf8').trim().split('\n');
    expect(csv).toHaveLength(2517);
    expect(csv[0]).toBe('time,equity,cash');
  });

  it('stores the benchmark and config in result.json and uses the benchmark for alpha and beta', async () => {
    const data = await loadBars(join(repoRootDir, 'data-fixtures', 'daily', 'MKT.csv'), { symbol: 'MKT' });
    const result = backtest({ data, strategy: new BuyAndHold({ symbol: 'MKT' }), cash: 50_000 });
    const mkt = data.get('MKT');
    const dir = join(mkdtempSync(join(tmpdir(), 'qt-report-')), 'run');
    await result.writeReport(dir, { benchmark: { name: 'MKT', equity: mkt.close }, config: { strategy: 'buy', cash: 50_000 } });
    const json = JSON.parse(readFileSync(join(dir, 'result.json'), 'utf8'));
    expect(json.config).toEqual({ strategy: 'buy', cash: 50_000 });
    expect(json.benchmark.name).toBe('MKT');
    expect(json.benchmark.equity).toHaveLength(mkt.length);
    expect(json.benchmark.equity[10]).toBe(mkt.close[10]);
    // 90% in the benchmark for the first 100 of 2,516 bars, then cash: a small positive beta.
    expect(json.metrics.beta).toBe(result.metrics({ benchmarkReturns: benchmarkReturns(mkt.close) }).beta);
    expect(json.metrics.beta).toBeGreaterThan(0.005);
    expect(json.metrics.beta).toBeLessThan(0.04);
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toContain('Equity curve vs MKT');
    await expect(result.writeReport(join(dir, 'x'), { benchmark: { name: 'MKT', equity: mkt.close.subarray(1) } })).rejects.toThrow(
      /benchmark "MKT" has 2515 values, the result has 2516 bars/,
    );
  });
});
