import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DAY_MS, dayOfIsoDate } from '@qt-backtest/core';
import { describe, expect, it } from 'vitest';
import { analyzeFactor, type FactorAnalysisInput, forwardReturns } from './analyzeFactor.js';

// Reference: alphalens commit 77084f1 (0.4.0+) run here with pandas 1.5.3 / scipy 1.10.1 /
// statsmodels 0.13.5 by packages/alpha/reference/alphalens_reference.py (shims documented there).
const REF_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../reference');
const ref = JSON.parse(readFileSync(join(REF_DIR, 'alphalens_small.json'), 'utf8'));

function smallPanel(withGroups = true): FactorAnalysisInput {
  const priceLines = readFileSync(join(REF_DIR, 'small_prices.csv'), 'utf8').trim().split('\n');
  const symbols = priceLines[0]!.split(',').slice(1);
  const time = priceLines.slice(1).map((l) => dayOfIsoDate(l.split(',')[0]!) * DAY_MS);
  const prices = symbols.map((_, j) => Float64Array.from(priceLines.slice(1), (l) => Number(l.split(',')[j + 1])));
  const row = new Map(time.map((t, i) => [t, i]));
  const factor = symbols.map(() => new Float64Array(time.length).fill(Number.NaN));
  for (const l of readFileSync(join(REF_DIR, 'small_factor.csv'), 'utf8').trim().split('\n').slice(1)) {
    const [d, s, v] = l.split(',');
    factor[symbols.indexOf(s!)]![row.get(dayOfIsoDate(d!) * DAY_MS)!] = v === 'inf' ? Infinity : Number(v);
  }
  const groupOf = new Map(
    readFileSync(join(REF_DIR, 'small_groups.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',') as [string, string]),
  );
  return { time, symbols, prices, factor, ...(withGroups ? { groups: symbols.map((s) => groupOf.get(s)!) } : {}) };
}

/** |a − b| <= 1e-9 × max(|b|, 1e-3): ~1e-9 relative, with an absolute floor for values near 0. */
function close(actual: unknown, expected: unknown, path: string): void {
  if (expected === null) {
    expect(actual, path).toBeNull();
    return;
  }
  if (typeof expected === 'number') {
    expect(typeof actual, path).toBe('number');
    const a = actual as number;
    expect(Math.abs(a - expected), `${path}: ${a} vs alphalens ${expected}`).toBeLessThanOrEqual(1e-9 * Math.max(Math.abs(expected), 1e-3));
    return;
  }
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual), path).toBe(true);
    expect((actual as unknown[]).length, `${path} length`).toBe(expected.length);
    expected.forEach((e, i) => close((actual as unknown[])[i], e, `${path}[${i}]`));
    return;
  }
  if (typeof expected === 'object') {
    for (const [k, v] of Object.entries(expected as object)) close((actual as Record<string, unknown>)[k], v, `${path}.${k}`);
    return;
  }
  expect(actual, path).toBe(expected);
}

describe('analyzeFactor reproduces alphalens 77084f1 on a 12-symbol × 45-day panel (periods 1, 2, 5; 4 quantiles)', () => {
  const report = analyzeFactor(smallPanel(), { periods: [1, 2, 5], quantiles: 4 });

  it('drops the same rows: non-finite factor, missing forward returns, a date with duplicate quantile edges', () => {
    expect(report.dropped.kept).toBe(ref.rows); // 464
    expect(report.dropped.input).toBe(ref.inputRows); // 477
    expect(report.dropped).toEqual({ input: 477, nonFiniteFactor: 1, missingForwardReturns: 0, binning: 12, kept: 464 });
    expect(report.ic.map((r) => r.date)).toEqual(ref.ic.map((r: { date: string }) => r.date));
  });

  it('IC series and the IC table (mean, std, risk-adjusted, t, p, skew, kurtosis)', () => {
    close(report.ic, ref.ic, 'ic');
    close(report.icSummary, ref.icSummary, 'icSummary');
    // spot value with its source: alphalens p-value of the 5-period IC
    expect(report.icSummary['5']!.pValue! / 3.396936331682455e-51 - 1).toBeLessThan(1e-9);
  });

  it('mean return by quantile (demeaned) with standard errors, and by date', () => {
    close(report.meanReturnByQuantile, ref.meanReturnByQuantile, 'meanReturnByQuantile');
    for (const key of ['1', '2', '5']) {
      for (const e of ref.meanReturnByQuantileByDate[key] as Array<{ quantile: number; date: string; mean: number | null }>) {
        const row = report.meanReturnByQuantileByDate[String(e.quantile)]!.find((r) => r.date === e.date)!;
        close(row[key], e.mean, `byDate q${e.quantile} ${e.date} ${key}`);
      }
    }
  });

  it('factor weights (alphalens factor_weights, demeaned), row by row', () => {
    const withWeights = analyzeFactor(smallPanel(), { periods: [1, 2, 5], quantiles: 4, includeFactorWeights: true });
    close(withWeights.factorWeights, ref.factorWeights, 'factorWeights');
    expect(report.factorWeights).toBeUndefined();
  });

  it('factor returns and alpha/beta', () => {
    close(report.factorReturns, ref.factorReturns, 'factorReturns');
    close(report.alphaBeta, ref.alphaBeta, 'alphaBeta');
  });

  it('quantile turnover and factor rank autocorrelation', () => {
    close(report.quantileTurnover, ref.quantileTurnover, 'quantileTurnover');
    close(report.rankAutocorrelation, ref.rankAutocorrelation, 'rankAutocorrelation');
  });

  it('group-adjusted variants (alphalens group_adjust=True / by_group=True)', () => {
    const g = report.groupAdjusted!;
    close(g.ic, ref.icGroupAdjusted, 'icGroupAdjusted');
    close(g.meanReturnByQuantile, ref.meanReturnByQuantileGroupAdjusted, 'meanReturnByQuantileGroupAdjusted');
    close(g.factorReturns, ref.factorReturnsGroupNeutral, 'factorReturnsGroupNeutral');
    close(g.alphaBeta, ref.alphaBetaGroupNeutral, 'alphaBetaGroupNeutral');
    close(g.meanIcByGroup, ref.meanIcByGroup, 'meanIcByGroup');
  });

  it('the quantile of every analysed row matches', () => {
    const input = smallPanel(false);
    const r = analyzeFactor(input, { periods: [1, 2, 5], quantiles: 4 });
    expect(r.groupAdjusted).toBeUndefined();
    close(r.ic, ref.ic, 'ic without groups');
  });
});

describe('analyzeFactor inputs', () => {
  it('returns instead of prices give the same report', () => {
    const input = smallPanel(false);
    const returns = input.prices!.map((p) => Float64Array.from(p, (v, i) => (i === 0 ? Number.NaN : v / p[i - 1]! - 1)));
    const a = analyzeFactor(input, { periods: [1, 2, 5], quantiles: 4 });
    const { prices: _p, ...rest } = input;
    const b = analyzeFactor({ ...rest, returns }, { periods: [1, 2, 5], quantiles: 4 });
    close(b.icSummary, a.icSummary, 'returns vs prices');
  });

  it('rejects bad settings with a one-line error', () => {
    const input = smallPanel(false);
    expect(() => analyzeFactor(input, { periods: [0] })).toThrow(/periods must be distinct positive integers/);
    expect(() => analyzeFactor(input, { quantiles: 1 })).toThrow(/quantiles must be an integer/);
    expect(() => analyzeFactor({ ...input, returns: input.prices! })).toThrow(/exactly one of prices and returns/);
  });
});

describe('missing prices', () => {
  it('are carried forward by default (alphalens + pandas pct_change pad), or end the return with fillMissingPrices: false', () => {
    const input = smallPanel(false);
    const prices = input.prices!.map((p) => Float64Array.from(p));
    prices[0]![20] = Number.NaN; // A00 has no close on row 20
    const padded = analyzeFactor({ ...input, prices }, { periods: [1, 2, 5], quantiles: 4 });
    const strict = analyzeFactor({ ...input, prices }, { periods: [1, 2, 5], quantiles: 4, fillMissingPrices: false });
    // padded: every row keeps a forward return; strict: A00 loses the rows whose 1/2/5-row window starts or ends on row 20
    expect(padded.dropped.missingForwardReturns).toBe(0);
    // rows whose 1-, 2- or 5-row window starts or ends on row 20: 20 (start), 19, 18, 15 (ends)
    expect(strict.dropped.missingForwardReturns).toBe(4);
    expect(Array.from(forwardReturns(Float64Array.of(1, 2, Number.NaN, 4), 1, false, true))).toEqual([1, 0, 1, Number.NaN]);
    expect(Array.from(forwardReturns(Float64Array.of(1, 2, Number.NaN, 4), 1, false, false))).toEqual([1, Number.NaN, Number.NaN, Number.NaN]);
  });
});
