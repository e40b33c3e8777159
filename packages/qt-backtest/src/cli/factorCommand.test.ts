import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from './main.js';

const REF = resolve(dirname(fileURLToPath(import.meta.url)), '../../../alpha/reference');

async function cli(args: string[], cwd = REF) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { stdout: (s) => out.push(s), stderr: (s) => err.push(s), cwd });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe('qt-backtest factor', () => {
  it('--json prints factor.json with the fixed shape; values are alphalens 77084f1 (alphalens_small.json)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qt-factor-cli-'));
    try {
      const r = await cli(['factor', '--factor', 'small_factor.csv', '--prices', 'small_prices.csv', '--groups', 'small_groups.csv', '--periods', '1,2,5', '--quantiles', '4', '--out', join(dir, 'out'), '--json']);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const j = JSON.parse(r.stdout);
      const ref = JSON.parse(readFileSync(join(REF, 'alphalens_small.json'), 'utf8'));
      expect(j.periods).toEqual([1, 2, 5]);
      expect(j.quantiles).toBe(4);
      expect(Object.keys(j.ic[0]).sort()).toEqual(['1', '2', '5', 'date']);
      expect(j.ic[0].date).toBe('2015-01-05');
      expect(Object.keys(j.icSummary['1'])).toEqual(['mean', 'std', 'riskAdjusted', 'tStat', 'pValue', 'skew', 'kurtosis']);
      expect(j.icSummary['5'].pValue / ref.icSummary['5'].pValue - 1).toBeLessThan(1e-9);
      expect(j.meanReturnByQuantile['1'][0]).toEqual({ quantile: 1, mean: expect.closeTo(ref.meanReturnByQuantile['1'][0].mean, 15), stdError: expect.closeTo(ref.meanReturnByQuantile['1'][0].stdError, 15) });
      expect(Object.keys(j.alphaBeta['2'])).toEqual(['annualAlpha', 'beta']);
      expect(j.alphaBeta['2'].annualAlpha / ref.alphaBeta['2'].annualAlpha - 1).toBeLessThan(1e-9);
      expect(j.quantileTurnover['4']['5'][5].value).toBeCloseTo(ref.quantileTurnover['4']['5'][5].value, 14);
      expect(j.rankAutocorrelation['1'][0]).toEqual({ date: '2015-01-05', value: null });
      expect(j.dropped).toEqual({ input: 477, nonFiniteFactor: 1, missingForwardReturns: 0, binning: 12, kept: 464 });
      expect(j.groupAdjusted.meanIcByGroup.Tech['1']).toBeCloseTo(ref.meanIcByGroup.Tech['1'], 12);
      expect(existsSync(join(dir, 'out', 'factor.html'))).toBe(true);
      expect(JSON.parse(readFileSync(join(dir, 'out', 'factor.json'), 'utf8')).icSummary).toEqual(j.icSummary);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('accepts returns instead of prices and reports rows the loader dropped', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qt-factor-cli-'));
    try {
      const lines = readFileSync(join(REF, 'small_prices.csv'), 'utf8').trim().split('\n');
      const rows = lines.slice(1).map((l) => l.split(','));
      const ret = [lines[0], ...rows.map((r, i) => [r[0], ...r.slice(1).map((v, j) => (i === 0 ? '' : String(Number(v) / Number(rows[i - 1]![j + 1]) - 1)))].join(','))];
      writeFileSync(join(dir, 'returns.csv'), ret.join('\n'));
      writeFileSync(join(dir, 'factor.csv'), `${readFileSync(join(REF, 'small_factor.csv'), 'utf8').trim()}\n2015-01-05,ZZZ,1.5\n2014-12-31,A00,0.1\n`);
      const r = await cli(['factor', '--factor', 'factor.csv', '--returns', 'returns.csv', '--periods', '1,2,5', '--quantiles', '4', '--out', 'o'], dir);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/IC 5 +mean 0\.9410/);
      expect(r.stdout).toContain('1 date not in prices, 1 symbol without prices');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('bad input: one-line errors naming the flag, or the file and line', async () => {
    expect((await cli(['factor', '--factor', 'small_factor.csv', '--prices', 'small_prices.csv', '--periods', '1,x'])).stderr).toBe('error: --periods: "x" is not an integer in 1…10000\n');
    expect((await cli(['factor', '--factor', 'small_factor.csv'])).stderr).toBe('error: give exactly one of --prices and --returns\n');
    const dir = mkdtempSync(join(tmpdir(), 'qt-factor-cli-'));
    try {
      writeFileSync(join(dir, 'f.csv'), 'date,symbol,factor\n2015-01-05,A00,0.1\n2015-01-06,A00,abc\n');
      const r = await cli(['factor', '--factor', 'f.csv', '--prices', join(REF, 'small_prices.csv')], dir);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/f\.csv:3: factor "abc" is not a number\n$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
