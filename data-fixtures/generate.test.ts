import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataType, TimeUnit, tableFromIPC } from 'apache-arrow';
import type { Dictionary, Timestamp } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nyseCalendar } from '@qt-backtest/core';
import type { FixtureManifest } from './generate.js';
import { CSV_HEADER, DEFAULT_SEED, FIXTURES_DIR, generateFixtures } from './generate.js';
import type { RealismStats } from './realism.js';
import { realismStats, realismViolations } from './realism.js';
import { DATE_RANGE } from './universe.js';

interface CsvBars {
  readonly dates: string[];
  readonly open: number[];
  readonly high: number[];
  readonly low: number[];
  readonly close: number[];
  readonly adjClose: number[];
  readonly volume: number[];
  /** Lines that do not match the Yahoo row format. */
  readonly malformed: string[];
}

const ROW = /^(\d{4}-\d{2}-\d{2}),(\d+\.\d{2}),(\d+\.\d{2}),(\d+\.\d{2}),(\d+\.\d{2}),(\d+\.\d{6}),(\d+)$/;

function parseCsv(text: string): CsvBars {
  const bars: CsvBars = { dates: [], open: [], high: [], low: [], close: [], adjClose: [], volume: [], malformed: [] };
  const lines = text.split('\n');
  if (lines[0] !== CSV_HEADER) bars.malformed.push(lines[0] ?? '');
  if (lines[lines.length - 1] !== '') bars.malformed.push('(no trailing newline)');
  for (const line of lines.slice(1, -1)) {
    const m = ROW.exec(line);
    if (m === null) {
      bars.malformed.push(line);
      continue;
    }
    bars.dates.push(m[1]!);
    bars.open.push(Number(m[2]));
    bars.high.push(Number(m[3]));
    bars.low.push(Number(m[4]));
    bars.close.push(Number(m[5]));
    bars.adjClose.push(Number(m[6]));
    bars.volume.push(Number(m[7]));
  }
  return bars;
}

const sessionDates = Array.from(nyseCalendar.sessions(DATE_RANGE.from, DATE_RANGE.to), (label) =>
  new Date(label).toISOString().slice(0, 10),
);

let manifest: FixtureManifest;
const csv = new Map<string, CsvBars>();
let tempDir = '';

beforeAll(async () => {
  manifest = JSON.parse(await readFile(join(FIXTURES_DIR, 'manifest.json'), 'utf8')) as FixtureManifest;
  for (const symbol of manifest.symbols) {
    csv.set(symbol, parseCsv(await readFile(join(FIXTURES_DIR, 'daily', `${symbol}.csv`), 'utf8')));
  }
  tempDir = await mkdtemp(join(tmpdir(), 'qt-fixtures-'));
});

afterAll(async () => {
  if (tempDir !== '') await rm(tempDir, { recursive: true, force: true });
});

function bars(symbol: string): CsvBars {
  const b = csv.get(symbol);
  if (b === undefined) throw new Error(`no CSV for ${symbol}`);
  return b;
}

describe('committed daily fixtures', () => {
  it('are reproduced byte for byte by regenerating with the default seed', async () => {
    expect(manifest.seed).toBe(DEFAULT_SEED);
    await generateFixtures({ seed: manifest.seed, outDir: tempDir });
    const committedCsvs = (await readdir(join(FIXTURES_DIR, 'daily'))).sort();
    const regeneratedCsvs = (await readdir(join(tempDir, 'daily'))).sort();
    expect(regeneratedCsvs).toEqual(committedCsvs);
    const paths = ['manifest.json', 'daily.arrow', ...committedCsvs.map((name) => join('daily', name))];
    const differing: string[] = [];
    for (const path of paths) {
      const [a, b] = await Promise.all([readFile(join(FIXTURES_DIR, path)), readFile(join(tempDir, path))]);
      if (!a.equals(b)) differing.push(path);
    }
    expect(differing).toEqual([]);
  });

  it('list about twenty symbols including the MKT benchmark, in the manifest and on disk', async () => {
    expect(manifest.symbols.length).toBeGreaterThanOrEqual(18);
    expect(manifest.symbols).toContain('MKT');
    expect(manifest.benchmark).toBe('MKT');
    const onDisk = (await readdir(join(FIXTURES_DIR, 'daily'))).map((n) => n.replace(/\.csv$/, '')).sort();
    expect(onDisk).toEqual([...manifest.symbols].sort());
  });

  it('have well-formed Yahoo rows with positive prices inside each bar\'s high-low range', () => {
    const bad: string[] = [];
    for (const [symbol, b] of csv) {
      expect(b.malformed, symbol).toEqual([]);
      for (let i = 0; i < b.dates.length; i++) {
        const o = b.open[i]!;
        const h = b.high[i]!;
        const l = b.low[i]!;
        const c = b.close[i]!;
        const ok =
          l > 0 && l <= Math.min(o, c) && Math.max(o, c) <= h && b.adjClose[i]! > 0 && b.volume[i]! > 0;
        if (!ok) bad.push(`${symbol} ${b.dates[i]}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('have one row per NYSE session, ending early only for the delisted symbol', () => {
    for (const symbol of manifest.symbols) {
      const b = bars(symbol);
      const expected =
        symbol === manifest.delisting.symbol
          ? sessionDates.filter((d) => d <= manifest.delisting.lastDate)
          : sessionDates;
      expect(b.dates, symbol).toEqual(expected);
      expect(manifest.rowCounts[symbol], symbol).toBe(expected.length);
    }
  });

  it('show the split ratio in the raw close but not in Adj Close, on the split date only', () => {
    const { symbol, date, ratio } = manifest.split;
    expect([2, 3]).toContain(ratio);
    const b = bars(symbol);
    const s = b.dates.indexOf(date);
    expect(s).toBeGreaterThan(0);
    const rawMove = b.close[s]! / b.close[s - 1]!;
    const adjMove = b.adjClose[s]! / b.adjClose[s - 1]!;
    expect(rawMove * ratio).toBeGreaterThan(0.75);
    expect(rawMove * ratio).toBeLessThan(1.33);
    expect(adjMove).toBeGreaterThan(0.75);
    expect(adjMove).toBeLessThan(1.33);
    expect(adjMove).toBeCloseTo(rawMove * ratio, 4);
    expect(b.open[s]! / b.close[s - 1]!).toBeLessThan(1.33 / ratio);

    // Anywhere else, Adj Close / Close steps only by dividend factors (just below 1).
    const splitLike: string[] = [];
    for (const [sym, bb] of csv) {
      for (let i = 1; i < bb.dates.length; i++) {
        const step = bb.adjClose[i - 1]! / bb.close[i - 1]! / (bb.adjClose[i]! / bb.close[i]!);
        if (step < 0.9 || step > 1.0001) splitLike.push(`${sym} ${bb.dates[i]}`);
      }
    }
    expect(splitLike).toEqual([`${symbol} ${date}`]);
  });

  it('have Adj Close equal to Close on every symbol\'s last row', () => {
    for (const [symbol, b] of csv) {
      const last = b.dates.length - 1;
      expect(b.adjClose[last], symbol).toBe(b.close[last]);
    }
  });

  it('end the delisted symbol mid-way, right after a crash', () => {
    const { symbol, lastDate } = manifest.delisting;
    const b = bars(symbol);
    const n = b.dates.length;
    expect(b.dates[n - 1]).toBe(lastDate);
    expect(lastDate < sessionDates[sessionDates.length - 1]!).toBe(true);
    expect(b.close[n - 1]! / b.close[n - 2]!).toBeLessThan(0.7);
    expect(b.close[n - 1]! / Math.max(...b.close)).toBeLessThan(0.25);
  });

  it('store the same bars in daily.arrow, long layout, sorted by symbol then time', async () => {
    const table = tableFromIPC(await readFile(join(FIXTURES_DIR, 'daily.arrow')));
    expect(table.schema.fields.map((f) => f.name)).toEqual([
      'symbol',
      'time',
      'open',
      'high',
      'low',
      'close',
      'adj_close',
      'volume',
    ]);
    const [symbolField, timeField, ...valueFields] = table.schema.fields;
    expect(DataType.isDictionary(symbolField!.type)).toBe(true);
    expect(DataType.isUtf8((symbolField!.type as Dictionary).dictionary)).toBe(true);
    expect(DataType.isTimestamp(timeField!.type)).toBe(true);
    const timeType = timeField!.type as Timestamp;
    expect([timeType.unit, timeType.timezone]).toEqual([TimeUnit.MILLISECOND, 'UTC']);
    expect(valueFields.every((f) => DataType.isFloat(f.type))).toBe(true);
    expect(table.numRows).toBe(manifest.totalRows);

    const column = (name: string): readonly unknown[] => {
      const vector = table.getChild(name);
      if (vector === null) throw new Error(`no column ${name}`);
      return vector.toArray() as readonly unknown[];
    };
    const symbols = Array.from(table.getChild('symbol')!, (v) => String(v));
    const time = Array.from(table.getChild('time')!, (v) => Number(v));
    const values = {
      open: column('open'),
      high: column('high'),
      low: column('low'),
      close: column('close'),
      adjClose: column('adj_close'),
      volume: column('volume'),
    };
    const mismatches: string[] = [];
    let row = 0;
    for (const symbol of [...manifest.symbols].sort()) {
      const b = bars(symbol);
      for (let i = 0; i < b.dates.length; i++, row++) {
        const label = Date.parse(`${b.dates[i]}T00:00:00Z`);
        const same =
          symbols[row] === symbol &&
          time[row] === label &&
          (Object.keys(values) as (keyof typeof values)[]).every((k) => values[k][row] === b[k][i]);
        if (!same && mismatches.length < 5) mismatches.push(`${symbol} ${b.dates[i]} (row ${row})`);
      }
    }
    expect(row).toBe(table.numRows);
    expect(mismatches).toEqual([]);
  });
});

describe('realism of the committed cross-section (calibration guard)', () => {
  let stats: RealismStats;
  beforeAll(() => {
    const series = manifest.symbols.map((symbol) => ({
      symbol,
      sector: manifest.sectors[symbol] ?? null,
      dates: bars(symbol).dates,
      adjClose: bars(symbol).adjClose,
    }));
    stats = realismStats(series, manifest.benchmark, [manifest.delisting.symbol]);
  });

  it('have a benchmark that compounds, swings and crashes like a broad index', () => {
    const m = stats.benchmark;
    expect(m.cagr).toBeGreaterThanOrEqual(0.08);
    expect(m.cagr).toBeLessThanOrEqual(0.14);
    expect(m.annualVol).toBeGreaterThanOrEqual(0.15);
    expect(m.annualVol).toBeLessThanOrEqual(0.2);
    expect(m.maxDrawdown).toBeGreaterThanOrEqual(0.25);
    expect(m.maxDrawdown).toBeLessThanOrEqual(0.4);
    expect(manifest.regimeSessions.crisis ?? 0).toBeGreaterThan(0);
    expect(manifest.regimeSessions['volatile-bear'] ?? 0).toBeGreaterThan(0);
  });

  it('have a cross-section of ten-year returns like US large caps, not a field of ten-baggers', () => {
    const s = stats.stocks;
    expect(s.count).toBe(manifest.symbols.length - 2);
    expect(s.medianTotalReturn).toBeGreaterThanOrEqual(0.8);
    expect(s.medianTotalReturn).toBeLessThanOrEqual(2.2);
    // At least three surviving stocks at or below +10 % (cash earned about +17 %) ...
    expect(s.nearZeroOrNegative).toBeGreaterThanOrEqual(3);
    // ... and at most two above +600 %.
    expect(s.above600Percent).toBeLessThanOrEqual(2);
  });

  it('have single-stock volatilities, betas and correlations in plausible ranges', () => {
    const s = stats.stocks;
    expect(s.minAnnualVol).toBeGreaterThanOrEqual(0.2);
    expect(s.maxAnnualVol).toBeLessThanOrEqual(0.45);
    expect(s.minBeta).toBeGreaterThanOrEqual(0.6);
    expect(s.maxBeta).toBeLessThanOrEqual(1.5);
    expect(s.meanCorrelationWithinSector).toBeGreaterThanOrEqual(0.2);
    expect(s.meanCorrelationWithinSector).toBeLessThanOrEqual(0.6);
    expect(s.meanCorrelationAcrossSectors).toBeGreaterThanOrEqual(0.2);
    expect(s.meanCorrelationAcrossSectors).toBeLessThan(s.meanCorrelationWithinSector);
  });

  it('meet every target of realism.ts, and match the figures recorded in the manifest', () => {
    expect(realismViolations(stats, manifest.regimeSessions.crisis ?? 0)).toEqual([]);
    const recorded = manifest.realism;
    expect(recorded.benchmark.cagr).toBeCloseTo(stats.benchmark.cagr, 4);
    expect(recorded.benchmark.maxDrawdown).toBeCloseTo(stats.benchmark.maxDrawdown, 4);
    expect(recorded.stocks.medianTotalReturn).toBeCloseTo(stats.stocks.medianTotalReturn, 4);
    expect(recorded.stocks.nearZeroOrNegative).toBe(stats.stocks.nearZeroOrNegative);
    expect(recorded.stocks.above600Percent).toBe(stats.stocks.above600Percent);
  });
});
