import { mkdtempSync, writeFileSync, mkdirSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DateDay,
  Dictionary,
  Float64,
  Int32,
  makeData,
  makeVector,
  Table,
  tableToIPC,
  TimestampNanosecond,
  Utf8,
  vectorFromArray,
} from 'apache-arrow';
import { beforeAll, describe, expect, it } from 'vitest';
import { InvariantError } from '../errors.js';
import { hasSharedData, needsSharedData, sharedDataDir } from '../internal/sharedData.js';
import { isoDate } from '../time/civil.js';
import { DataError } from './DataError.js';
import { loadBars, validateBars } from './loadBars.js';
import type { ValidationIssue } from './ValidationIssue.js';

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'qt-loadbars-'));
});

/** Writes a file into the test directory and returns its path. */
function file(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const YAHOO_HEADER = 'Date,Open,High,Low,Close,Adj Close,Volume';
const yahoo = (...rows: string[]): string => [YAHOO_HEADER, ...rows].join('\n') + '\n';
const GOOD_ROWS = [
  '2014-01-02,37.779999,38.029999,37.549999,37.840000,35.166069,18162100',
  '2014-01-03,37.650002,37.860001,37.560001,37.619999,35.072853,11693900',
  '2014-01-06,37.880001,37.889999,37.160000,37.200001,34.681263,14617200',
];

async function loadError(path: string | string[], options = {}): Promise<DataError> {
  const err = await loadBars(path, options).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, 'loadBars rejects').toBeInstanceOf(DataError);
  return err as DataError;
}

describe.skipIf(!hasSharedData)(`loadBars on real files ${needsSharedData}`, () => {
  const d = (name: string): string => join(sharedDataDir, name);

  it.each([
    ['orcl-1995-2014.txt', 5036, ['1995-01-03', 2.179012, 2.191358, 2.117284, 2.117284, 36301200], ['2014-12-31', 45.450001, 45.560001, 44.970001, 44.970001, 13269200]],
    ['yhoo-1996-2015.txt', 4965, ['1996-04-12', 1.052083, 1.791667, 1.020833, 1.375, 408720000], ['2015-12-31', 33.220001, 33.689999, 33.18, 33.259998, 7423300]],
    ['nvda-1999-2014.txt', 4012, ['1999-01-22', 1.75, 1.953125, 1.552083, 1.640625, 67867200], ['2014-12-31', 20.4, 20.51, 19.99, 20.049999, 4157500]],
    ['2005-2006-day-001.txt', 512, ['2005-01-03', 2952.29, 2989.61, 2946.8, 2970.02, 0], ['2006-12-29', 4130.12, 4142.01, 4119.94, 4119.94, 0]],
  ] as const)('%s loads %i rows with the right first and last bars', async (name, rows, first, last) => {
    const { series, report, sources } = await loadBars(d(name), { symbol: 'X', hash: true });
    const s = series.get('X')!;
    expect(s.length).toBe(rows);
    expect(s.frequency).toBe('daily');
    expect(s.fields).toEqual(['open', 'high', 'low', 'close', 'volume']);
    for (const [i, expected] of [
      [0, first],
      [rows - 1, last],
    ] as const) {
      expect(isoDate(s.time[i]!)).toBe(expected[0]);
      expect([s.open[i], s.high[i], s.low[i], s.close[i], s.volume[i]]).toEqual(expected.slice(1));
    }
    expect(report.errorCount).toBe(0);
    expect(sources[0]!.rows).toBe(rows);
    expect(sources[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('hashes the source bytes as published in the data README', async () => {
    const { sources } = await loadBars(d('orcl-1995-2014.txt'), { hash: true });
    expect(sources[0]!.sha256).toBe('352b9e0985969d2eb27bfbf65049da3c68fd2a5eebc2d43bec7ccfe553521253');
    expect((await loadBars(d('orcl-2014.txt'))).sources[0]!.sha256, 'not hashed unless asked').toBeUndefined();
  });

  it('finds no calendar gap, off-calendar day or split in the NYSE-listed Yahoo files', async () => {
    const loaded = await loadBars([d('orcl-1995-2014.txt'), d('yhoo-1996-2015.txt'), d('nvda-1999-2014.txt')], {
      symbol: (p) => p.split('/').pop()!.slice(0, 4).toUpperCase(),
    });
    expect(loaded.symbols).toEqual(['ORCL', 'YHOO', 'NVDA']);
    expect(loaded.report.warnings).toEqual([]);
  });

  it('adjusts Yahoo prices by the Adj Close ratio when asked', async () => {
    const s = (await loadBars(d('orcl-1995-2014.txt'), { symbol: 'ORCL', adjustment: 'adjusted' })).get('ORCL');
    const f = 1.883304 / 2.117284;
    expect(s.adjustment).toBe('adjusted');
    expect(s.close[0]).toBe(1.883304);
    expect(s.open[0]).toBeCloseTo(2.179012 * f, 12);
    expect(s.volume[0]).toBeCloseTo(36301200 / f, 4);
    expect(s.close[s.length - 1]).toBe(42.303135);
  });

  it('reports the non-NYSE days of the backtrader index file as warnings, not errors', async () => {
    const { report } = await loadBars(d('2006-day-001.txt'));
    const off = report.warnings.filter((w) => w.code === 'off_calendar').map((w) => w.value);
    const gaps = report.warnings.filter((w) => w.code === 'calendar_gap').map((w) => w.value);
    // US holidays on which this (European) index traded, and European holidays it skipped.
    expect(off).toEqual(['2006-01-02', '2006-01-16', '2006-02-20', '2006-05-29', '2006-07-04', '2006-09-04', '2006-11-23']);
    expect(gaps).toEqual(['2006-04-17', '2006-05-01', '2006-12-26']);
    expect(report.errorCount).toBe(0);
  });

  it('loads the wide stock_prices.csv: 20 close-only series that start at each ticker first price', async () => {
    const loaded = await loadBars(d('stock_prices.csv'));
    expect(loaded.symbols).toHaveLength(20);
    expect(loaded.sources[0]!.layout).toBe('wide');
    const total = [...loaded.series.values()].reduce((n, s) => n + s.length, 0);
    expect(total, '7126 rows × 20 tickers − 35,589 empty cells').toBe(7126 * 20 - 35589);
    const goog = loaded.get('GOOG');
    expect(goog.fields).toEqual(['close']);
    expect(goog.length).toBe(3435);
    expect(isoDate(goog.time[0]!)).toBe('2004-08-19');
    expect(goog.close[0]).toBe(49.845802);
    expect(goog.open[0]).toBe(49.845802);
    expect(Number.isNaN(goog.volume[0]!)).toBe(true);
    expect(goog.close[goog.length - 1]).toBe(1019.969971);
    const aapl = loaded.get('AAPL');
    expect(aapl.length).toBe(7126);
    expect(isoDate(aapl.time[0]!)).toBe('1989-12-29');
    expect(loaded.get('BABA').length).toBe(896);
    expect(loaded.get('SBUX').close[0]).toBe(0.275567);
    // Empty cells before a first price are not issues; 1989-12-29 predates the calendar.
    expect(new Set(loaded.report.warnings.map((w) => w.code))).toEqual(new Set(['outside_calendar']));
  });

  it('loads spy_prices.csv as one close-only series named by its column', async () => {
    const loaded = await loadBars(d('spy_prices.csv'));
    const spy = loaded.get('SPY');
    expect(spy.length).toBe(6765);
    expect(isoDate(spy.time[6764]!)).toBe('2019-12-09');
    expect(spy.close[6764]).toBe(313.880005);
  });

  it('loads a directory of files, one symbol per file, in name order', async () => {
    const sub = join(dir, 'real');
    mkdirSync(sub);
    for (const name of ['orcl-2014.txt', 'nvda-2014.txt', 'yhoo-2014.txt']) {
      writeFileSync(join(sub, name), readdirSync(sharedDataDir).includes(name) ? await import('node:fs').then((fs) => fs.readFileSync(d(name))) : '');
    }
    const loaded = await loadBars(sub);
    expect(loaded.symbols).toEqual(['nvda-2014', 'orcl-2014', 'yhoo-2014']);
    for (const s of loaded.series.values()) expect(s.length).toBe(252);
  });
});

describe('loadBars layouts and formats', () => {
  it('reads a semicolon-delimited file with a lower-case header and no Adj Close', async () => {
    const p = file('semi.csv', 'date;open;high;low;close;volume\n2024-01-02;10;11;9;10.5;100\n2024-01-03;10.5;12;10;11;200\n');
    const s = (await loadBars(p, { symbol: 'S' })).get('S');
    expect([...s.close]).toEqual([10.5, 11]);
    expect(s.time[1]! - s.time[0]!).toBe(86_400_000);
  });

  it('reads a file with a UTF-8 BOM and CRLF line endings exactly like the plain file', async () => {
    const plain = await loadBars(file('plain.csv', yahoo(...GOOD_ROWS)), { symbol: 'P' });
    const crlf = `\uFEFF${yahoo(...GOOD_ROWS).replace(/\n/g, '\r\n')}`;
    const bom = await loadBars(file('bom-crlf.csv', crlf), { symbol: 'P' });
    for (const f of ['time', 'open', 'high', 'low', 'close', 'volume'] as const) {
      expect(bom.get('P')[f]).toEqual(plain.get('P')[f]);
    }
    expect(bom.report.warningCount).toBe(0);
  });

  it('reads a long file with a symbol column and keeps only the symbols asked for', async () => {
    const p = file(
      'long.csv',
      'Ticker,Date,Open,High,Low,Close,Volume\nAAA,2024-01-02,1,2,1,2,10\nBBB,2024-01-02,5,6,5,6,20\nAAA,2024-01-03,2,3,2,3,10\nBBB,2024-01-03,6,7,6,7,20\nCCC,2024-01-03,1,1,1,1,1\n',
    );
    const all = await loadBars(p);
    expect(all.symbols).toEqual(['AAA', 'BBB', 'CCC']);
    expect([...all.get('BBB').close]).toEqual([6, 7]);
    const some = await loadBars(p, { symbols: ['BBB'] });
    expect(some.symbols).toEqual(['BBB']);
  });

  it('keeps interior empty cells of a wide file as explicit gaps, with a warning', async () => {
    const p = file('wide.csv', 'Date,AAA,BBB\n2024-01-02,1,\n2024-01-03,,5\n2024-01-04,,6\n2024-01-05,2,7\n2024-01-08,3,\n');
    const loaded = await loadBars(p);
    expect([...loaded.get('AAA').close]).toEqual([1, 2, 3]);
    expect([...loaded.get('BBB').close]).toEqual([5, 6, 7]);
    const w = loaded.report.warnings.filter((x) => x.code === 'missing_value');
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({ symbol: 'AAA', line: 3, column: 'AAA' });
    expect(w[0]!.message).toContain('lines 3–4');
  });

  it('maps columns explicitly, case-insensitively', async () => {
    const p = file('mapped.csv', 'When,Px,Qty\n2024-01-02,10,5\n2024-01-03,11,6\n');
    const s = (await loadBars(p, { symbol: 'M', columns: { time: 'when', close: 'PX', volume: 'qty' } })).get('M');
    expect(s.fields).toEqual(['close', 'volume']);
    expect([...s.volume]).toEqual([5, 6]);
    const err = await loadError(p, { columns: { time: 'When', close: 'Last' } });
    expect(err.issues[0]).toMatchObject({ code: 'missing_column', column: 'Last' });
  });

  it('reads ISO date-times with offsets as instants, and separate date and time columns', async () => {
    const p = file('intraday.csv', 'timestamp,close\n2024-03-08T09:30:00-05:00,1\n2024-03-08T09:31:00.250-05:00,2\n2024-03-11T09:30:00-04:00,3\n');
    const s = (await loadBars(p, { symbol: 'I' })).get('I');
    expect(s.frequency).toBe('intraday');
    expect([...s.time]).toEqual([Date.UTC(2024, 2, 8, 14, 30), Date.UTC(2024, 2, 8, 14, 31, 0, 250), Date.UTC(2024, 2, 11, 13, 30)]);
    const split = file('split-time.csv', 'Date,Time,Open,High,Low,Close,Volume\n2024-03-08,09:30:00,1,1,1,1,0\n2024-03-08,09:31:00,1,1,1,1,0\n');
    const t = (await loadBars(split, { symbol: 'T', timeZone: 'America/New_York' })).get('T');
    expect([...t.time]).toEqual([Date.UTC(2024, 2, 8, 14, 30), Date.UTC(2024, 2, 8, 14, 31)]);
  });

  it('reads naive date-times in the given time zone across a DST change', async () => {
    const p = file('naive.csv', 'datetime,close\n2024-03-08 09:30:00,1\n2024-03-11 09:30:00,2\n');
    const s = (await loadBars(p, { symbol: 'N', timeZone: 'America/New_York' })).get('N');
    expect([...s.time]).toEqual([Date.UTC(2024, 2, 8, 14, 30), Date.UTC(2024, 2, 11, 13, 30)]);
    const utc = (await loadBars(p, { symbol: 'N' })).get('N');
    expect(utc.time[0]).toBe(Date.UTC(2024, 2, 8, 9, 30));
  });

  it('reads epoch seconds, milliseconds and nanoseconds, exact to the millisecond', async () => {
    const ms = Date.UTC(2024, 0, 2, 14, 30, 0, 123);
    const p = file('epoch.csv', `ts,close\n${ms / 1000 - 0.123},1\n${ms + 60_000},2\n${BigInt(ms + 120_000) * 1_000_000n + 999_999n},3\n`);
    const s = (await loadBars(p, { symbol: 'E' })).get('E');
    expect([...s.time]).toEqual([ms - 123, ms + 60_000, ms + 120_000]);
  });

  it('labels daily bars by their date whatever the time zone', async () => {
    const p = file('daily-tz.csv', yahoo(...GOOD_ROWS));
    const s = (await loadBars(p, { symbol: 'D', timeZone: 'Asia/Tokyo' })).get('D');
    expect(s.frequency).toBe('daily');
    expect(s.time[0]).toBe(Date.UTC(2014, 0, 2));
  });

  it('caches a parsed CSV as Arrow and returns identical bars and warnings from the cache', async () => {
    const cache = join(dir, 'cache');
    const p = file('cached.csv', yahoo(...GOOD_ROWS, '2014-01-08,37.5,37.9,37.3,37.7,35.0,100'));
    const first = await loadBars(p, { symbol: 'C', cache });
    const second = await loadBars(p, { symbol: 'C', cache });
    expect(first.sources[0]!.fromCache).toBe(false);
    expect(second.sources[0]!.fromCache).toBe(true);
    for (const f of ['time', 'open', 'high', 'low', 'close', 'volume'] as const) {
      expect(second.get('C')[f]).toEqual(first.get('C')[f]);
    }
    expect(second.report.warnings).toEqual(first.report.warnings);
    expect(first.report.warnings.map((w) => w.code), '2014-01-07 is missing').toEqual(['calendar_gap']);
    expect(readdirSync(cache).filter((f) => f.includes('.tmp')), 'no temporary file left').toEqual([]);
    const other = await loadBars(p, { symbol: 'C', cache, adjustment: 'adjusted' });
    expect(other.sources[0]!.fromCache, 'other options, other key').toBe(false);
  });
});

describe('loadBars on malformed input: each a clear typed error or warning', () => {
  const only = (err: DataError): ValidationIssue => {
    expect(err.issues.length, err.message).toBeGreaterThan(0);
    return err.issues[0]!;
  };

  it('a truncated last line', async () => {
    const p = file('truncated.csv', yahoo(...GOOD_ROWS, '2014-01-07,37.5,37.'));
    const err = await loadError(p);
    expect(only(err)).toMatchObject({ code: 'field_count', line: 5, value: '2014-01-07,37.5,37.', expected: '7 fields as in the header' });
    expect(err.message).toContain('truncated.csv:5');
  });

  it('text in a price', async () => {
    const p = file('text.csv', yahoo(GOOD_ROWS[0]!, '2014-01-03,37.650002,abc,37.560001,37.619999,35.072853,11693900'));
    const err = await loadError(p);
    expect(only(err)).toMatchObject({ code: 'not_a_number', line: 3, column: 'High', value: 'abc', expected: 'a number' });
    expect(err).toMatchObject({ line: 3, column: 'High', value: 'abc' });
  });

  it('swapped high and low', async () => {
    const p = file('swapped.csv', yahoo(GOOD_ROWS[0]!, '2014-01-03,37.650002,37.560001,37.860001,37.619999,35.072853,11693900'));
    const err = await loadError(p);
    expect(err.issues.map((i) => i.code)).toEqual(['high_below_body', 'low_above_body']);
    expect(err.issues[0]).toMatchObject({ line: 3, column: 'High', value: '37.560001' });
    expect(err.issues[0]!.message).toContain('swapped');
  });

  it('a duplicate date, and keep-last when downgraded to a warning', async () => {
    const dup = '2014-01-03,40,41,39,40.5,37,1000';
    const p = file('dup.csv', yahoo(GOOD_ROWS[0]!, GOOD_ROWS[1]!, dup, GOOD_ROWS[2]!));
    expect(only(await loadError(p))).toMatchObject({ code: 'duplicate_time', line: 4, value: '2014-01-03' });
    const s = (await loadBars(p, { symbol: 'D', validation: { duplicate_time: 'warning' } })).get('D');
    expect([...s.close]).toEqual([37.84, 40.5, 37.200001]);
  });

  it('unsorted rows, and sorted when downgraded to a warning', async () => {
    const p = file('unsorted.csv', yahoo(GOOD_ROWS[1]!, GOOD_ROWS[0]!, GOOD_ROWS[2]!));
    expect(only(await loadError(p))).toMatchObject({ code: 'unsorted_time', line: 3, value: '2014-01-02', expected: 'a time after 2014-01-03' });
    const s = (await loadBars(p, { symbol: 'U', validation: { unsorted_time: 'warning' } })).get('U');
    expect([...s.close]).toEqual([37.84, 37.619999, 37.200001]);
  });

  it('an empty file', async () => {
    expect(only(await loadError(file('empty.csv', '')))).toMatchObject({ code: 'empty_file' });
    expect(only(await loadError(file('blank.csv', '\n  \n')))).toMatchObject({ code: 'empty_file' });
  });

  it('a header without rows', async () => {
    const err = await loadError(file('header-only.csv', `${YAHOO_HEADER}\n`));
    expect(only(err)).toMatchObject({ code: 'no_rows', line: 1 });
  });

  it('a wrong delimiter: forced, or mixed between header and rows', async () => {
    const semi = file('semi-forced.csv', 'Date;Open;High;Low;Close\n2024-01-02;1;2;1;2\n');
    const forced = only(await loadError(semi, { delimiter: ',' }));
    expect(forced).toMatchObject({ code: 'missing_column', line: 1 });
    expect(forced.message).toContain('is the delimiter right?');
    const mixed = file('mixed.csv', 'Date,Open,High,Low,Close\n2024-01-02;1;2;1;2\n');
    expect(only(await loadError(mixed))).toMatchObject({ code: 'field_count', line: 2 });
  });

  it('a missing close column', async () => {
    const p = file('no-close.csv', 'Date,Open,High,Low,Volume\n2024-01-02,1,2,1,5\n');
    const i = only(await loadError(p));
    expect(i).toMatchObject({ code: 'missing_column', column: 'close', line: 1 });
    expect(i.message).toContain('"Date", "Open", "High", "Low", "Volume"');
  });

  it('an empty cell and a Yahoo "null" marker', async () => {
    const p = file('nulls.csv', yahoo('2014-01-02,37.779999,38.029999,37.549999,,35.166069,18162100', '2014-01-03,null,null,null,null,null,null'));
    const err = await loadError(p);
    expect(err.issues[0]).toMatchObject({ code: 'empty_cell', line: 2, column: 'Close', value: '' });
    expect(err.issues[1]).toMatchObject({ code: 'empty_cell', line: 3, column: 'Close', value: 'null' });
  });

  it('a non-positive price and a negative volume', async () => {
    const p = file('neg.csv', yahoo('2014-01-02,0,38,37,37.5,35,100', '2014-01-03,37,38,37,37.5,35,-5'));
    const err = await loadError(p);
    expect(err.issues.map((i) => [i.code, i.line, i.column])).toEqual([
      ['non_positive_price', 2, 'Open'],
      ['low_above_body', 2, 'Low'],
      ['negative_volume', 3, 'Volume'],
    ]);
  });

  it('a bad date and an impossible date', async () => {
    const p = file('dates.csv', yahoo('02/01/2014,1,1,1,1,1,1', '2014-02-30,1,1,1,1,1,1'));
    const err = await loadError(p);
    expect(err.issues[0]).toMatchObject({ code: 'bad_time', line: 2, column: 'Date', value: '02/01/2014' });
    expect(err.issues[1]).toMatchObject({ code: 'bad_time', line: 3, value: '2014-02-30' });
    expect(err.issues[1]!.message).toContain('not a valid calendar date');
    const us = (await loadBars(file('mdy.csv', 'Date,Close\n02/01/2014,5\n'), { symbol: 'M', timeFormat: 'mdy' })).get('M');
    expect(isoDate(us.time[0]!)).toBe('2014-02-01');
  });

  it('a file that does not exist, and an unknown symbol', async () => {
    expect(only(await loadError(join(dir, 'nope.csv')))).toMatchObject({ code: 'unreadable' });
    const loaded = await loadBars(file('one.csv', yahoo(...GOOD_ROWS)), { symbol: 'ONE' });
    expect(() => loaded.get('TWO')).toThrow(InvariantError);
  });

  it('physical line numbers survive blank lines and quoted fields', async () => {
    const p = file('blank-lines.csv', `${YAHOO_HEADER}\n\n${GOOD_ROWS[0]}\n\n\n"2014-01-03",37.65,37.86,37.56,oops,35.07,100\n`);
    expect(only(await loadError(p))).toMatchObject({ code: 'not_a_number', line: 6, value: 'oops' });
  });

  it('an unclosed quote', async () => {
    const p = file('quote.csv', yahoo(GOOD_ROWS[0]!, '2014-01-03,"37.65,37.86,37.56,37.62,35.07,100'));
    expect(only(await loadError(p))).toMatchObject({ code: 'unreadable' });
  });

  it('returns nothing half-loaded: one bad file fails the whole load', async () => {
    const good = file('good.csv', yahoo(...GOOD_ROWS));
    const bad = file('bad.csv', yahoo('2014-01-02,1,1,1,x,1,1'));
    const err = await loadError([good, bad], { symbol: (p: string) => p });
    expect(err.file).toBe(bad);
    const { report, bars } = await validateBars([good, bad], { symbol: (p: string) => p });
    expect(bars).toBeNull();
    expect(report.errorCount).toBe(1);
  });

  it('the same symbol from two files', async () => {
    const a = file('a.csv', yahoo(...GOOD_ROWS));
    const b = file('b.csv', yahoo(...GOOD_ROWS));
    const err = await loadError([a, b], { symbol: () => 'SAME' });
    expect(only(err)).toMatchObject({ code: 'duplicate_symbol', value: 'SAME' });
  });

  it('a one-day move that looks like an unadjusted 2:1 split is a warning', async () => {
    const p = file('split.csv', yahoo(GOOD_ROWS[0]!, '2014-01-03,18.9,19.0,18.7,18.8,35.0,23000000'));
    const { report } = await loadBars(p);
    expect(report.warnings[0]).toMatchObject({ code: 'suspected_split', line: 3 });
    expect(report.warnings[0]!.message).toContain('2:1');
    expect(report.warnings[0]!.message).toContain('Adj Close confirms');
  });

  it('counts issues beyond the per-code limit instead of listing them', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => `2014-01-${String(i + 1).padStart(2, '0')},1,1,1,x,1,1`);
    const { report } = await validateBars(file('many.csv', yahoo(...rows)), { maxIssuesPerCode: 5 });
    expect(report.errorCount).toBe(30);
    expect(report.errors).toHaveLength(5);
    expect(report.omitted).toEqual([{ file: join(dir, 'many.csv'), code: 'not_a_number', count: 25 }]);
  });

  it('an adjustment without an Adj Close column', async () => {
    const p = file('noadj.csv', 'Date,Close\n2024-01-02,1\n');
    expect(only(await loadError(p, { adjustment: 'adjusted' }))).toMatchObject({ code: 'no_adj_close' });
  });
});

describe('loadBars on Arrow IPC', () => {
  const ns = (ms: number): bigint => BigInt(ms) * 1_000_000n;
  const t0 = Date.UTC(2024, 0, 2, 14, 30);

  function ohlcTable(times: BigInt64Array, close: Float64Array): Table {
    const n = close.length;
    return new Table({
      timestamp: makeVector(makeData({ type: new TimestampNanosecond('UTC'), length: n, data: times })),
      open: makeVector(close),
      high: makeVector(close.map((c) => c + 1)),
      low: makeVector(close.map((c) => c - 1)),
      close: makeVector(close),
      volume: makeVector(new Float64Array(n).fill(100)),
    });
  }

  it('reads nanosecond timestamps exactly (beyond 2^53) from the file and stream formats', async () => {
    const times = new BigInt64Array([ns(t0) + 999_999n, ns(t0 + 60_000), ns(t0 + 120_000) + 1n]);
    const table = ohlcTable(times, new Float64Array([10, 11, 12]));
    for (const format of ['file', 'stream'] as const) {
      const p = file(`ns-${format}.arrow`, tableToIPC(table, format));
      const s = (await loadBars(p, { symbol: 'A' })).get('A');
      expect([...s.time]).toEqual([t0, t0 + 60_000, t0 + 120_000]);
      expect([...s.close]).toEqual([10, 11, 12]);
      expect(s.frequency).toBe('intraday');
    }
  });

  it('uses the Arrow close column in place, without copying', async () => {
    const p = file('zero-copy.arrow', tableToIPC(ohlcTable(new BigInt64Array([ns(t0), ns(t0 + 60_000)]), new Float64Array([10, 11])), 'file'));
    const s = (await loadBars(p, { symbol: 'Z', hash: false })).get('Z');
    expect(s.close.byteOffset % 8).toBe(0);
    expect(s.close.buffer.byteLength, 'a view into the IPC buffer').toBeGreaterThan(s.close.byteLength * 4);
  });

  it('names the column and row of a null value', async () => {
    const close = vectorFromArray([10, null, 12], new Float64());
    const table = new Table({
      timestamp: makeVector(makeData({ type: new TimestampNanosecond('UTC'), length: 3, data: new BigInt64Array([ns(t0), ns(t0 + 60_000), ns(t0 + 120_000)]) })),
      close,
    });
    const err = await loadError(file('nulls.arrow', tableToIPC(table, 'file')));
    expect(err.issues[0]).toMatchObject({ code: 'empty_cell', row: 1, column: 'close', value: 'null' });
    expect(err.message).toContain('nulls.arrow row 1');
  });

  it('reads a long table with dictionary symbols and Date32 days as daily bars', async () => {
    const symbols = vectorFromArray(['X', 'X', 'Y', 'Y'], new Dictionary(new Utf8(), new Int32()));
    const days = vectorFromArray([new Date(Date.UTC(2024, 0, 2)), new Date(Date.UTC(2024, 0, 3)), new Date(Date.UTC(2024, 0, 2)), new Date(Date.UTC(2024, 0, 3))], new DateDay());
    const close = makeVector(new Float64Array([1, 2, 3, 4]));
    const p = file('long.arrow', tableToIPC(new Table({ symbol: symbols, date: days, close }), 'file'));
    const loaded = await loadBars(p);
    expect(loaded.symbols).toEqual(['X', 'Y']);
    expect(loaded.get('Y').frequency).toBe('daily');
    expect([...loaded.get('Y').time]).toEqual([Date.UTC(2024, 0, 2), Date.UTC(2024, 0, 3)]);
    expect([...loaded.get('Y').close]).toEqual([3, 4]);
  });

  it('rejects bytes that are not Arrow IPC', async () => {
    const err = await loadError(file('junk.arrow', new Uint8Array([1, 2, 3, 4, 5])));
    expect(err.issues[0]).toMatchObject({ code: 'unreadable' });
  });
});
