/**
 * Issue 11: each numbered finding of the fuzz campaign, reproduced on a small file. Every test
 * failed (or hung, or crashed) before the fix.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bool, Float16, Int64, makeData, makeVector, Table, tableToIPC, TimestampMillisecond, TimestampNanosecond, Utf8, vectorFromArray } from 'apache-arrow';
import { beforeAll, describe, expect, it } from 'vitest';
import { DataError } from './DataError.js';
import { loadBars, validateBars, type LoadBarsOptions } from './loadBars.js';
import { quoteCell } from './quoteCell.js';
import type { ValidationIssue } from './ValidationIssue.js';

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'qt-findings-'));
});

function file(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function errorsOf(path: string, options: LoadBarsOptions = {}): Promise<readonly ValidationIssue[]> {
  const { report, bars } = await validateBars(path, options);
  expect(bars, 'the load fails').toBeNull();
  return report.errors;
}

const HEADER = 'Date,Open,High,Low,Close,Adj Close,Volume';
const ROWS = [
  '2014-01-02,37.779999,38.029999,37.549999,37.840000,35.166069,18162100',
  '2014-01-03,37.650002,37.860001,37.560001,37.619999,35.072853,11693900',
  '2014-01-06,37.880001,37.889999,37.160000,37.200001,34.681263,14617200',
  '2014-01-07,37.299999,37.560001,37.020000,37.450001,34.913731,15216200',
];

describe('finding 1: adjusted prices are validated', () => {
  it('an Adj Close of −5 fails the load (raw and adjusted), naming file, line and column', async () => {
    const rows = [...ROWS];
    rows[2] = '2014-01-06,37.880001,37.889999,37.160000,37.200001,-5,14617200';
    const p = file('adj-negative.csv', [HEADER, ...rows].join('\n'));
    for (const adjustment of ['adjusted', 'raw'] as const) {
      const errors = await errorsOf(p, { symbol: 'X', adjustment });
      expect(errors[0]).toMatchObject({ code: 'non_positive_price', line: 4, column: 'Adj Close', value: '-5' });
    }
  });

  it('an Adj Close that makes adjusted prices overflow fails', async () => {
    const rows = [...ROWS];
    rows[1] = '2014-01-03,1e-300,1e-300,1e-300,1e-300,1e300,11693900';
    const p = file('adj-overflow.csv', [HEADER, ...rows].join('\n'));
    const errors = await errorsOf(p, { symbol: 'X', adjustment: 'adjusted' });
    expect(errors.some((e) => e.code === 'non_finite_value' && e.line === 3 && e.column === 'Adj Close')).toBe(true);
  });
});

describe('findings 2 and 3: Arrow column types, NaN/Infinity and time range', () => {
  const t0 = Date.UTC(2024, 0, 2, 14, 30);
  const times = (n: number): ReturnType<typeof makeVector> =>
    makeVector(makeData({ type: new TimestampNanosecond('UTC'), length: n, data: BigInt64Array.from({ length: n }, (_, i) => BigInt(t0 + i * 60_000) * 1_000_000n) }));

  it('a Utf8 close column is an error naming the column and its type', async () => {
    const table = new Table({ timestamp: times(3), close: vectorFromArray(['10', '11', '12'], new Utf8()) });
    const errors = await errorsOf(file('utf8-close.arrow', tableToIPC(table, 'file')), { symbol: 'X' });
    expect(errors[0]).toMatchObject({ code: 'bad_column_type', column: 'close', value: 'Utf8' });
    expect(errors[0]!.message).toBe('column "close" has Arrow type "Utf8"; expected a floating-point or integer column');
  });

  it('a Bool volume column is an error', async () => {
    const table = new Table({ timestamp: times(2), close: makeVector(new Float64Array([1, 2])), volume: vectorFromArray([true, false], new Bool()) });
    const errors = await errorsOf(file('bool-volume.arrow', tableToIPC(table, 'file')), { symbol: 'X' });
    expect(errors[0]).toMatchObject({ code: 'bad_column_type', column: 'volume', value: 'Bool' });
  });

  it('Float16 and Int64 columns are read as their values, not their raw bits', async () => {
    const half = makeVector(makeData({ type: new Float16(), length: 2, data: new Uint16Array([0x4900, 0x4a00]) })); // 10, 12
    const vol = makeVector(makeData({ type: new Int64(), length: 2, data: new BigInt64Array([100n, 200n]) }));
    const table = new Table({ timestamp: times(2), close: half, volume: vol });
    const s = (await loadBars(file('half.arrow', tableToIPC(table, 'file')), { symbol: 'X' })).get('X');
    expect([...s.close]).toEqual([10, 12]);
    expect([...s.volume]).toEqual([100, 200]);
  });

  it('NaN and Infinity in prices and volume fail with the row and column', async () => {
    for (const [col, values] of [
      ['close', [10, Number.NaN, 12]],
      ['close', [10, Infinity, 12]],
      ['volume', [100, Number.NaN, 100]],
      ['volume', [100, Infinity, 100]],
    ] as const) {
      const close = col === 'close' ? new Float64Array(values) : new Float64Array([10, 11, 12]);
      const volume = col === 'volume' ? new Float64Array(values) : new Float64Array([100, 100, 100]);
      const table = new Table({ timestamp: times(3), close: makeVector(close), volume: makeVector(volume) });
      const errors = await errorsOf(file(`nonfinite-${col}.arrow`, tableToIPC(table, 'file')), { symbol: 'X' });
      expect(errors[0], `${col} ${values[1]}`).toMatchObject({ code: 'non_finite_value', row: 1, column: col });
    }
  });

  it('a timestamp in year 128,700 and one beyond the Date range fail with the row (no "Invalid time value")', async () => {
    for (const ms of [Date.UTC(2024, 0, 2) + 4e15, 9e15 * 100]) {
      const data = new BigInt64Array([BigInt(Date.UTC(2024, 0, 2)), BigInt(ms)]);
      const table = new Table({ timestamp: makeVector(makeData({ type: new TimestampMillisecond('UTC'), length: 2, data })), close: makeVector(new Float64Array([1, 2])) });
      const errors = await errorsOf(file('far-future.arrow', tableToIPC(table, 'file')), { symbol: 'X' });
      expect(errors[0]).toMatchObject({ code: 'bad_time', row: 1, column: 'timestamp' });
    }
  });

  it('a truncated Arrow file is an "unreadable" error, not a TypeError', async () => {
    const table = new Table({ timestamp: times(50), close: makeVector(new Float64Array(50).fill(3)) });
    const bytes = tableToIPC(table, 'file');
    for (const cut of [bytes.length - 7, Math.floor(bytes.length / 2), 200]) {
      const errors = await errorsOf(file(`cut-${cut}.arrow`, bytes.subarray(0, cut)), { symbol: 'X' });
      expect(errors[0]!.code).toBe('unreadable');
      expect(errors[0]!.message).not.toContain('Cannot read properties');
    }
  });
});

describe('finding 6: mixed line endings', () => {
  it('a good file with mixed CRLF, LF and CR endings loads like the LF file, with exact line numbers', async () => {
    const lf = await loadBars(file('lf.csv', `${[HEADER, ...ROWS].join('\n')}\n`), { symbol: 'X' });
    const mixed = await loadBars(file('mixed.csv', `${HEADER}\r\n${ROWS[0]}\n${ROWS[1]}\r${ROWS[2]}\r\n${ROWS[3]}\n`), { symbol: 'X' });
    expect([...mixed.get('X').close]).toEqual([...lf.get('X').close]);
    expect([...mixed.get('X').time]).toEqual([...lf.get('X').time]);
    const bad = `${HEADER}\r\n${ROWS[0]}\r${ROWS[1]}\n\r\n${ROWS[2]!.replace('37.200001', 'x')}\r\n`;
    const errors = await errorsOf(file('mixed-bad.csv', bad), { symbol: 'X' });
    // header 1, row 2, row 3 (after a bare CR), blank line 4, the bad row on line 5.
    expect(errors[0]).toMatchObject({ code: 'not_a_number', line: 5, column: 'Close' });
  });
});

describe('finding 7: unknown columns', () => {
  it.each([['Vol-me'], ['Volume\u0000']])('a misspelt %j is a warning naming it and the columns found', async (name) => {
    const p = file('misspelt.csv', [`Date,Open,High,Low,Close,${name}`, '2014-01-02,1,2,0.5,1.5,100'].join('\n'));
    const { report, bars } = await validateBars(p, { symbol: 'X' });
    expect(bars).not.toBeNull();
    const w = report.warnings.find((i) => i.code === 'unknown_column')!;
    expect(w).toBeDefined();
    expect(w.line).toBe(1);
    expect(w.message).toContain(quoteCell(name));
    expect(w.message).toContain('close = "Close"');
    expect(w.message).toContain('no volume column');
    expect(w.message).not.toMatch(/[\u0000-\u001f]/);
    expect(bars!.get('X').fields).not.toContain('volume');
  });

  it('known extras such as OpenInterest are not warned about', async () => {
    const p = file('oi.csv', ['Date,Open,High,Low,Close,Volume,OpenInterest', '2014-01-02,1,2,0.5,1.5,100,0'].join('\n'));
    const { report } = await validateBars(p, { symbol: 'X' });
    expect(report.warnings.filter((w) => w.code === 'unknown_column')).toEqual([]);
  });
});

describe('finding 8: strict number and offset grammar', () => {
  it.each(['0x10', '0b101', '0o17', 'Infinity', '-Infinity', '1_000', '1e999', '1,5', '١٢'])('%j in a price is not a number', async (cell) => {
    const p = file('grammar.csv', ['Date,Close', '2014-01-02,10', `2014-01-03,"${cell}"`, '2014-01-06,11'].join('\n'));
    const errors = await errorsOf(p, { symbol: 'X' });
    expect(errors[0]).toMatchObject({ code: 'not_a_number', line: 3, column: 'Close', value: cell });
  });

  it('accepts exponents, leading dots, signs and surrounding spaces', async () => {
    const p = file('grammar-ok.csv', ['Date,Close', '2014-01-02,1e1', '2014-01-03, .5e+2 ', '2014-01-06,+12.', '2014-01-07,"1.25E-0"'].join('\n'));
    expect([...(await loadBars(p, { symbol: 'X' })).get('X').close]).toEqual([10, 50, 12, 1.25]);
  });

  it.each(['+99:99', '-24:00', '+14:30', '+05:60'])('a UTC offset %s is rejected', async (offset) => {
    const p = file('offset.csv', ['Datetime,Close', `2014-01-02T10:00:00${offset},10`].join('\n'));
    const errors = await errorsOf(p, { symbol: 'X' });
    expect(errors[0]).toMatchObject({ code: 'bad_time', line: 2 });
  });

  it('accepts offsets up to ±14:00', async () => {
    const p = file('offset-ok.csv', ['Datetime,Close', '2014-01-02T10:00:00+14:00,10', '2014-01-02T10:00:00-12:00,10'].join('\n'));
    const s = (await loadBars(p, { symbol: 'X', calendar: null })).get('X');
    expect([...s.time]).toEqual([Date.UTC(2014, 0, 1, 20), Date.UTC(2014, 0, 2, 22)]);
  });
});

describe('finding 9: one-line, bounded error messages', () => {
  it('a 900 kB cell is quoted in at most 80 characters; a 10 MB record fails as too long', async () => {
    const p = file('huge-cell.csv', ['Date,Close', `2014-01-02,"${'x'.repeat(900_000)}"`].join('\n'));
    const err = await loadBars(p, { symbol: 'X' }).catch((e: unknown) => e as DataError);
    expect(err).toBeInstanceOf(DataError);
    expect((err as DataError).message.length).toBeLessThan(300);
    expect((err as DataError).message).toContain(`holds "${'x'.repeat(40)}`);
    expect((err as DataError).message).toContain('…" (900000 chars)');
    expect(((err as DataError).value ?? '').length).toBeLessThanOrEqual(201);
    const p2 = file('huger-cell.csv', ['Date,Close', `2014-01-02,"${'x'.repeat(10 << 20)}"`].join('\n'));
    const errors = await errorsOf(p2, { symbol: 'X' });
    expect(errors[0]).toMatchObject({ code: 'unreadable', line: 2 });
    expect(errors[0]!.message.length).toBeLessThan(300);
  });

  it('a line longer than 1 MiB without a break fails at once (no unbounded memory)', async () => {
    const p = file('no-breaks.csv', `Date,Close\n${'7'.repeat(3 << 20)}`);
    const errors = await errorsOf(p, { symbol: 'X' });
    expect(errors[0]).toMatchObject({ code: 'unreadable', line: 2 });
    expect(errors[0]!.message).toContain('longer than 1 MiB');
  });

  it('terminal escapes and quoted newlines are escaped, and the message stays on one line', async () => {
    const p = file('escape.csv', ['Date,Close', '2014-01-02,10', '2014-01-03,"\u001b[31mred\nline"', '2014-01-06,11'].join('\n'));
    const err = (await loadBars(p, { symbol: 'X' }).catch((e: unknown) => e)) as DataError;
    expect(err.message).not.toMatch(/[\u0000-\u001f]/);
    expect(err.message).toContain('"\\u001b[31mred\\nline"');
    expect(err.line).toBe(3);
    // The record after the quoted newline starts on physical line 5.
    const p2 = file('escape2.csv', ['Date,Close', '2014-01-02,10', '2014-01-03,"1\n2"', '2014-01-06,x'].join('\n'));
    const errors = await errorsOf(p2, { symbol: 'X' });
    expect(errors.map((e) => e.line)).toEqual([3, 5]);
  });

  it('a bare CR counts as a line break: line numbers do not shift', async () => {
    const p = file('bare-cr.csv', `Date,Close\r2014-01-02,10\r2014-01-03,abc\r`);
    const errors = await errorsOf(p, { symbol: 'X' });
    expect(errors[0]).toMatchObject({ code: 'not_a_number', line: 3 });
  });
});

describe('finding 10: non-regular inputs', () => {
  it('/dev/zero is refused at once', async () => {
    const errors = await errorsOf('/dev/zero', { symbol: 'X' });
    expect(errors[0]).toMatchObject({ code: 'unreadable', file: '/dev/zero' });
    expect(errors[0]!.message).toContain('not a regular file');
  });

  it('a FIFO is refused without opening it (no hang)', async () => {
    const fifo = join(dir, 'pipe.csv');
    execFileSync('mkfifo', [fifo]);
    const errors = await errorsOf(fifo, { symbol: 'X' });
    expect(errors[0]!.message).toContain('not a regular file');
  });
});
