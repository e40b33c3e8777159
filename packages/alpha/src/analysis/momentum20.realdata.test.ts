import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { hasSharedData, needsSharedData, sharedDataDir } from '../internal/sharedData.js';
import { analyzeFactor } from './analyzeFactor.js';
import { loadFactorData } from './loadFactorData.js';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';

// Reference: alphalens 77084f1 (0.4.0+) on shared/data/stock_prices.csv, 20-day momentum
// p[t]/p[t−20] − 1, periods 1/5/10, 5 quantiles — packages/alpha/reference/alphalens_reference.py.
const REF = join(dirname(fileURLToPath(import.meta.url)), '../../reference/alphalens_momentum20.json');

const near = (a: number | null | undefined, b: number | null, what: string) => {
  if (b === null) return expect(a, what).toBeNull();
  expect(Math.abs(a! - b), `${what}: ${a} vs alphalens ${b}`).toBeLessThanOrEqual(1e-9 * Math.max(Math.abs(b), 1e-3));
};

describe.skipIf(!hasSharedData)(`20-day momentum on stock_prices.csv against alphalens ${needsSharedData}`, () => {
  it('IC, IC table, quantile returns, factor returns and alpha/beta agree to 1e-9', async () => {
    const ref = JSON.parse(readFileSync(REF, 'utf8'));
    // the factor, written as the long CSV a user would pass to `qt-backtest factor`
    const prices = join(sharedDataDir, 'stock_prices.csv');
    const probe = await loadFactorData({ factor: join(dirname(REF), 'small_factor.csv'), prices });
    const { time, symbols } = probe.input;
    const closes = probe.input.prices!;
    const lines = ['date,symbol,factor'];
    for (let i = 20; i < time.length; i++) {
      symbols.forEach((s, j) => {
        const v = closes[j]![i]! / closes[j]![i - 20]! - 1;
        if (Number.isFinite(v)) lines.push(`${new Date(time[i]!).toISOString().slice(0, 10)},${s},${v}`);
      });
    }
    const dir = mkdtempSync(join(tmpdir(), 'qt-mom20-'));
    writeFileSync(join(dir, 'mom20.csv'), lines.join('\n'));
    const loaded = await loadFactorData({ factor: join(dir, 'mom20.csv'), prices });
    expect(loaded.factorRows).toBe(ref.inputRows); // 106,531 (date, symbol) values
    const report = analyzeFactor(loaded.input, { periods: [1, 5, 10], quantiles: 5 });
    expect(report.dropped.kept).toBe(ref.rows); // 106,331 after forward returns
    expect(report.ic.length).toBe(ref.icCount);
    for (const k of ['1', '5', '10']) {
      for (const f of ['mean', 'std', 'riskAdjusted', 'tStat', 'pValue', 'skew', 'kurtosis']) {
        near(report.icSummary[k]![f as 'mean'], ref.icSummary[k][f], `icSummary ${k} ${f}`);
      }
      ref.meanReturnByQuantile[k].forEach((q: { quantile: number; mean: number; stdError: number }, i: number) => {
        expect(report.meanReturnByQuantile[k]![i]!.quantile).toBe(q.quantile);
        near(report.meanReturnByQuantile[k]![i]!.mean, q.mean, `q${q.quantile} mean ${k}`);
        near(report.meanReturnByQuantile[k]![i]!.stdError, q.stdError, `q${q.quantile} stdError ${k}`);
      });
      near(report.alphaBeta[k]!.annualAlpha, ref.alphaBeta[k].annualAlpha, `annualAlpha ${k}`);
      near(report.alphaBeta[k]!.beta, ref.alphaBeta[k].beta, `beta ${k}`);
    }
    const byDate = new Map(report.ic.map((r) => [r.date, r]));
    for (const r of ref.ic as Array<Record<string, number | string | null>>) {
      for (const k of ['1', '5', '10']) near(byDate.get(r['date'] as string)![k] as number | null, r[k] as number | null, `ic ${r['date']} ${k}`);
    }
    const fr = new Map(report.factorReturns.map((r) => [r.date, r]));
    for (const r of ref.factorReturns as Array<Record<string, number | string | null>>) {
      for (const k of ['1', '5', '10']) near(fr.get(r['date'] as string)![k] as number | null, r[k] as number | null, `factor return ${r['date']} ${k}`);
    }
    // the facts a researcher reads off the tear sheet: 10-day IC ≈ 0.0216 with t ≈ 5.86
    expect(report.icSummary['10']!.mean).toBeCloseTo(0.021639, 5);
    expect(report.icSummary['10']!.tStat).toBeCloseTo(5.8624, 3);
  }, 60_000);
});
