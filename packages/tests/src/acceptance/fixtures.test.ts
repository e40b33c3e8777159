/**
 * Acceptance tests over the bundled fixture data, through the umbrella package a user imports.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as core from '@qt-backtest/core';
import { alignBars, type BarSeries, isoDate, loadBars, nyseCalendar } from 'qt-backtest';
import { describe, expect, it } from 'vitest';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const fixtures = join(repoRoot, 'data-fixtures');
const manifest = JSON.parse(readFileSync(join(fixtures, 'manifest.json'), 'utf8')) as {
  symbols: string[];
  split: { symbol: string; date: string; ratio: number };
  delisting: { symbol: string; lastDate: string };
};

const FIELDS = ['time', 'open', 'high', 'low', 'close', 'volume'] as const;
const identical = (a: BarSeries, b: BarSeries): boolean =>
  a.length === b.length && FIELDS.every((f) => a[f].every((v, i) => Object.is(v, b[f][i])));

describe('the bundled fixture data through the qt-backtest umbrella package', () => {
  it('re-exports the core API unchanged', () => {
    expect(loadBars).toBe(core.loadBars);
    expect(nyseCalendar).toBe(core.nyseCalendar);
  });

  it('gives bit-identical bars from the CSV directory and the Arrow file', async () => {
    const csv = await loadBars(join(fixtures, 'daily'));
    const arrow = await loadBars(join(fixtures, 'daily.arrow'));
    expect(csv.symbols).toEqual(manifest.symbols);
    expect([...arrow.symbols].sort()).toEqual([...manifest.symbols].sort());
    for (const symbol of csv.symbols) expect(identical(csv.get(symbol), arrow.get(symbol)), symbol).toBe(true);
  });

  it('flags exactly the documented split in raw prices, and nothing once adjusted', async () => {
    const raw = await loadBars(join(fixtures, 'daily'));
    expect(raw.report.warnings.map((w) => [w.code, w.symbol])).toEqual([['suspected_split', manifest.split.symbol]]);
    expect(raw.report.warnings[0]!.message).toContain(manifest.split.date);
    expect(raw.report.warnings[0]!.message).toContain(`${manifest.split.ratio}:1`);
    const adjusted = await loadBars(join(fixtures, 'daily'), { adjustment: 'adjusted' });
    expect(adjusted.report.warningCount).toBe(0);
  });

  it('puts every symbol on every NYSE session of 2015–2024 except after the delisting', async () => {
    const loaded = await loadBars(join(fixtures, 'daily'));
    const sessions = nyseCalendar.sessions('2015-01-01', '2024-12-31');
    const panel = alignBars(loaded.series.values(), { calendar: nyseCalendar });
    expect(panel.time).toEqual(sessions);
    for (const symbol of loaded.symbols) {
      const present = panel.present[panel.symbols.indexOf(symbol)]!;
      const last = loaded.get(symbol).time[loaded.get(symbol).length - 1]!;
      const expectedLast = symbol === manifest.delisting.symbol ? manifest.delisting.lastDate : '2024-12-31';
      expect(isoDate(last), symbol).toBe(expectedLast);
      expect(present.every((p, i) => p === (sessions[i]! <= last ? 1 : 0)), `${symbol} has no gap`).toBe(true);
    }
  });

  it('loads a parsed CSV back from the Arrow cache bit for bit', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'qt-cache-'));
    const dir = join(fixtures, 'daily');
    const first = await loadBars(dir, { cache });
    const second = await loadBars(dir, { cache });
    expect(second.sources.every((s) => s.fromCache)).toBe(true);
    for (const symbol of first.symbols) expect(identical(first.get(symbol), second.get(symbol)), symbol).toBe(true);
    expect(second.report.warnings).toEqual(first.report.warnings);
    expect(readdirSync(cache).filter((f) => f.endsWith('.arrow'))).toHaveLength(manifest.symbols.length);
  });
});
