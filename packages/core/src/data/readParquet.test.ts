/**
 * Parquet input. Test files are written here with hyparquet-writer (the reader is hyparquet; the
 * writer is an independent encoder of the format). ZSTD pages are made as zstd frames of raw
 * blocks (RFC 8878 §3.1.1.2: a valid frame any decoder must read), GZIP pages with node:zlib.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parquetMetadata } from 'hyparquet';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBars, validateBars } from './loadBars.js';

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'qt-parquet-'));
});

function file(name: string, bytes: ArrayBuffer | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes));
  return path;
}

/** A zstd frame (RFC 8878) holding `input` in raw blocks: single segment, 4-byte content size. */
function zstdRaw(input: Uint8Array): Uint8Array {
  const blocks = Math.max(1, Math.ceil(input.length / 65_536));
  const out = new Uint8Array(4 + 1 + 4 + blocks * 3 + input.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, 0xfd2fb528, true);
  out[4] = 0xa0; // content size in 4 bytes, single segment, no checksum, no dictionary
  view.setUint32(5, input.length, true);
  let at = 9;
  for (let b = 0; b < blocks; b++) {
    const chunk = input.subarray(b * 65_536, Math.min(input.length, (b + 1) * 65_536));
    const header = (chunk.length << 3) | (0 << 1) | (b === blocks - 1 ? 1 : 0); // raw block
    out[at] = header & 0xff;
    out[at + 1] = (header >> 8) & 0xff;
    out[at + 2] = (header >> 16) & 0xff;
    out.set(chunk, at + 3);
    at += 3 + chunk.length;
  }
  return out;
}

const DAYS = ['2014-01-02', '2014-01-03', '2014-01-06', '2014-01-07'];
const CLOSE = [37.84, 37.619999, 37.200001, 37.450001];

function ohlcv(codec: 'UNCOMPRESSED' | 'SNAPPY' | 'GZIP' | 'ZSTD'): ArrayBuffer {
  const compressors = { GZIP: (b: Uint8Array) => new Uint8Array(gzipSync(b)), ZSTD: zstdRaw };
  return parquetWriteBuffer({
    codec,
    compressors,
    columnData: [
      { name: 'Date', data: DAYS.map((d) => new Date(`${d}T00:00:00Z`)), type: 'TIMESTAMP' },
      { name: 'Open', data: CLOSE.map((c) => c - 0.1), type: 'DOUBLE' },
      { name: 'High', data: CLOSE.map((c) => c + 0.5), type: 'DOUBLE' },
      { name: 'Low', data: CLOSE.map((c) => c - 0.5), type: 'DOUBLE' },
      { name: 'Close', data: CLOSE, type: 'DOUBLE' },
      { name: 'Volume', data: [18162100n, 11693900n, 14617200n, 15216200n], type: 'INT64' },
    ],
  });
}

describe('loadBars on Parquet', () => {
  it.each(['UNCOMPRESSED', 'SNAPPY', 'GZIP', 'ZSTD'] as const)('reads %s pages: daily bars, prices and volume exact', async (codec) => {
    const bytes = ohlcv(codec);
    expect(parquetMetadata(bytes).row_groups[0]!.columns.map((c) => c.meta_data?.codec)).toEqual(Array(6).fill(codec));
    const p = file(`ohlcv-${codec}.parquet`, bytes);
    const loaded = await loadBars(p, { symbol: 'ORCL', hash: true });
    const s = loaded.get('ORCL');
    expect(s.frequency).toBe('daily');
    expect([...s.time]).toEqual(DAYS.map((d) => Date.parse(d)));
    expect([...s.close]).toEqual(CLOSE);
    expect([...s.volume]).toEqual([18162100, 11693900, 14617200, 15216200]);
    expect(s.fields).toEqual(['open', 'high', 'low', 'close', 'volume']);
    expect(loaded.sources[0]).toMatchObject({ format: 'parquet', rows: 4, layout: 'ohlcv' });
    expect(loaded.sources[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('detects Parquet by its PAR1 magic whatever the file ending', async () => {
    const p = file('no-ending.dat', ohlcv('SNAPPY'));
    expect((await loadBars(p, { symbol: 'X' })).sources[0]!.format).toBe('parquet');
  });

  it('reads a long table with string symbols, nanosecond UTC timestamps and ISO-string times', async () => {
    const t0 = Date.UTC(2024, 0, 2, 14, 30);
    const ns = [0, 1, 0, 1].map((k) => BigInt(t0 + k * 60_000) * 1_000_000n + 999_999n);
    const bytes = parquetWriteBuffer({
      columnData: [
        { name: 'ticker', data: ['A', 'A', 'B', 'B'] },
        { name: 'ts', data: ns },
        { name: 'close', data: [1, 2, 3, 4] },
      ],
      schema: [
        { name: 'root', num_children: 3 },
        { name: 'ticker', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
        { name: 'ts', type: 'INT64', logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'NANOS' }, repetition_type: 'REQUIRED' },
        { name: 'close', type: 'DOUBLE', repetition_type: 'REQUIRED' },
      ],
    });
    const loaded = await loadBars(file('long.parquet', bytes));
    expect(loaded.symbols).toEqual(['A', 'B']);
    expect([...loaded.get('B').time]).toEqual([t0, t0 + 60_000]);
    expect([...loaded.get('B').close]).toEqual([3, 4]);

    const text = parquetWriteBuffer({
      columnData: [
        { name: 'Datetime', data: ['2024-01-02T09:30:00-05:00', '2024-01-02T09:31:00-05:00'], type: 'STRING' },
        { name: 'Close', data: [5, 6], type: 'DOUBLE' },
      ],
    });
    expect([...(await loadBars(file('text-time.parquet', text), { symbol: 'T' })).get('T').time]).toEqual([t0, t0 + 60_000]);
  });

  it('refuses a string price column, naming the column and its type', async () => {
    const bytes = parquetWriteBuffer({
      columnData: [
        { name: 'Date', data: [new Date('2014-01-02T00:00:00Z')], type: 'TIMESTAMP' },
        { name: 'Close', data: ['37.84'], type: 'STRING' },
      ],
    });
    const { report } = await validateBars(file('string-close.parquet', bytes), { symbol: 'X' });
    expect(report.errors[0]).toMatchObject({ code: 'bad_column_type', column: 'Close', value: 'BYTE_ARRAY UTF8' });
  });

  it('names the row and column of a null, NaN or non-positive value', async () => {
    const make = (close: (number | null)[]): ArrayBuffer =>
      parquetWriteBuffer({
        columnData: [
          { name: 'Date', data: DAYS.slice(0, 3).map((d) => new Date(`${d}T00:00:00Z`)), type: 'TIMESTAMP' },
          { name: 'Close', data: close, type: 'DOUBLE', nullable: true },
        ],
      });
    for (const [bad, code] of [
      [null, 'empty_cell'],
      [Number.NaN, 'non_finite_value'],
      [-1, 'non_positive_price'],
    ] as const) {
      const { report } = await validateBars(file('bad.parquet', make([1, bad, 2])), { symbol: 'X' });
      expect(report.errors[0], String(bad)).toMatchObject({ code, row: 1, column: 'Close' });
    }
  });

  it('a truncated or corrupt file is one "unreadable" error', async () => {
    const bytes = new Uint8Array(ohlcv('SNAPPY'));
    for (const cut of [bytes.length - 10, 100, 8]) {
      const { report } = await validateBars(file(`cut-${cut}.parquet`, bytes.subarray(0, cut)), { symbol: 'X', format: 'parquet' });
      expect(report.errors).toHaveLength(1);
      expect(report.errors[0]!.code).toBe('unreadable');
    }
  });
});
