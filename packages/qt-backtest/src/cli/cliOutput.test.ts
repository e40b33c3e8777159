import type { ResultMetrics } from '@qt-backtest/core';
import { describe, expect, it, vi } from 'vitest';
import { diagnosticsText, formatMoney, runId, summaryRows, table } from './cliOutput.js';

describe('table', () => {
  it('pads the keys to the longest one, two spaces before the values, one row per line', () => {
    expect(
      table([
        ['a', '1'],
        ['long key', 'two words'],
        ['mid', ''],
      ]),
    ).toBe('a         1\nlong key  two words\nmid       \n');
  });

  it('aligns every value at the same column', () => {
    const rows: [string, string][] = [
      ['final equity', '102,646.07'],
      ['CAGR', '3.21%'],
      ['Sharpe', '0.45'],
    ];
    const lines = table(rows).split('\n');
    expect(lines.at(-1)).toBe('');
    const body = lines.slice(0, -1);
    expect(body).toHaveLength(3);
    for (const [i, line] of body.entries()) {
      expect(line.indexOf(rows[i]![1])).toBe('final equity'.length + 2);
      expect(line.startsWith(rows[i]![0])).toBe(true);
    }
  });

  it('prints a single row without padding', () => {
    expect(table([['key', 'value']])).toBe('key  value\n');
  });
});

describe('runId', () => {
  /** runId at a fixed time. */
  function at(iso: string, strategy: string): string {
    vi.useFakeTimers({ now: new Date(iso), toFake: ['Date'] });
    try {
      return runId(strategy);
    } finally {
      vi.useRealTimers();
    }
  }

  it('is a built-in name and a compact UTC time stamp', () => {
    expect(at('2026-11-21T14:05:01.123Z', 'sma-cross')).toBe('sma-cross-20261121T140501Z');
    expect(at('2024-02-29T00:00:00.000Z', 'buy-and-hold')).toBe('buy-and-hold-20240229T000000Z');
  });

  it('uses the stem of a strategy file', () => {
    expect(at('2026-01-02T03:04:05.000Z', 'strats/trend.ts')).toBe('trend-20260102T030405Z');
    expect(at('2026-01-02T03:04:05.000Z', '/home/me/research/trend.v2.mjs')).toBe('trend.v2-20260102T030405Z');
    expect(at('2026-01-02T03:04:05.000Z', './my strategy (final).ts')).toBe('my_strategy_final_-20260102T030405Z');
  });

  it('uses the current time', () => {
    const before = new Date();
    const id = runId('sma-cross');
    const after = new Date();
    const m = /^sma-cross-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(id);
    expect(m).not.toBeNull();
    const [, y, mo, d, h, mi, s] = m!;
    const t = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}Z`);
    expect(t).toBeGreaterThanOrEqual(Math.floor(before.getTime() / 1000) * 1000);
    expect(t).toBeLessThanOrEqual(after.getTime());
  });
});

type Shown = Pick<
  ResultMetrics,
  'totalReturn' | 'annualReturn' | 'annualVolatility' | 'sharpeRatio' | 'sortinoRatio' | 'maxDrawdown' | 'numTrades' | 'winRate' | 'profitFactor' | 'alpha' | 'beta'
>;

/** Metrics with only the fields the summary shows (the rest is not read). */
function metrics(m: Shown): ResultMetrics {
  return m as ResultMetrics;
}

const BASE: Shown = {
  totalReturn: 0.1234,
  annualReturn: 0.0321,
  annualVolatility: 0.15,
  sharpeRatio: 1.2345,
  sortinoRatio: 2,
  maxDrawdown: -0.2,
  numTrades: 12,
  winRate: 0.5,
  profitFactor: 1.756,
};

describe('summaryRows', () => {
  it('formats percentages, ratios and trades, without alpha/beta when there is no beta', () => {
    expect(summaryRows(metrics(BASE), '112,340.00')).toEqual([
      ['final equity', '112,340.00'],
      ['total return', '12.34%'],
      ['CAGR', '3.21%'],
      ['volatility', '15.00%'],
      ['Sharpe', '1.23'],
      ['Sortino', '2.00'],
      ['max drawdown', '-20.00%'],
      ['trades', '12 (win rate 50.00%, profit factor 1.76)'],
    ]);
  });

  it('adds alpha / beta after the trades when there is a beta', () => {
    const rows = summaryRows(metrics({ ...BASE, alpha: 0.0125, beta: 0.876 }), '1');
    expect(rows).toHaveLength(9);
    expect(rows[8]).toEqual(['alpha / beta', '1.25% / 0.88']);
    expect(rows[7]![0]).toBe('trades');
  });

  it('shows n/a for a missing alpha next to a beta', () => {
    expect(summaryRows(metrics({ ...BASE, beta: 1.1 }), '1').at(-1)).toEqual(['alpha / beta', 'n/a / 1.10']);
  });

  it('shows n/a for non-finite values', () => {
    const rows = summaryRows(
      metrics({ ...BASE, annualReturn: Number.NaN, sharpeRatio: Number.POSITIVE_INFINITY, sortinoRatio: Number.NaN, numTrades: 0, winRate: Number.NaN, profitFactor: Number.POSITIVE_INFINITY }),
      '100,000.00',
    );
    expect(Object.fromEntries(rows)).toMatchObject({
      CAGR: 'n/a',
      Sharpe: 'n/a',
      Sortino: 'n/a',
      trades: '0 (win rate n/a, profit factor n/a)',
    });
  });

  it('appends the extra rows last, in order', () => {
    const rows = summaryRows(metrics({ ...BASE, alpha: 0, beta: 0 }), '1', [
      ['report', '/out/report.html'],
      ['trials', '12'],
    ]);
    expect(rows.slice(-3)).toEqual([
      ['alpha / beta', '0.00% / 0.00'],
      ['report', '/out/report.html'],
      ['trials', '12'],
    ]);
  });

  it('makes an aligned table', () => {
    const text = table(summaryRows(metrics(BASE), '1.00'));
    expect(text.split('\n')[0]).toBe('final equity  1.00');
    expect(text.split('\n')[1]).toBe('total return  12.34%');
    expect(text.split('\n')[2]).toBe('CAGR          3.21%');
  });
});

describe('formatMoney', () => {
  it('rounds to cents with thousands separators', () => {
    expect(formatMoney(1655431.4530066056)).toBe('1,655,431.45');
    expect(formatMoney(-0.005)).toBe('-0.01');
    expect(formatMoney(100000)).toBe('100,000.00');
    expect(formatMoney(Number.NaN)).toBe('n/a');
  });
});

describe('diagnosticsText', () => {
  it('prints one line per diagnostic with its first example, warnings marked, nothing when empty', () => {
    expect(diagnosticsText([])).toBe('');
    expect(
      diagnosticsText([
        { severity: 'warning', message: '2 orders rejected: insufficient_funds', examples: ['o-3 buy 10 A market submitted 2024-01-08', 'o-4 …'] },
        { severity: 'info', message: '1 position open at the end', examples: [] },
      ]),
    ).toBe('diagnostics\n  ! 2 orders rejected: insufficient_funds (e.g. o-3 buy 10 A market submitted 2024-01-08)\n  - 1 position open at the end\n');
  });
});
