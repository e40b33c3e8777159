/**
 * Seeded fuzz test of the loaders (issue 11): byte flips, truncations, odd numbers, odd line
 * endings, wrong Arrow types, NaN and Infinity. For every mutated file `validateBars` must:
 * - return (never throw, never hang: each load has a time limit);
 * - either succeed with bars that obey every validation rule (checked here independently on the
 *   output), or fail with errors that are one line each, name the file, and name the line (CSV) or
 *   row (Arrow) and the column of every cell-level problem.
 * Injected tokens outside the number grammar must always fail the load.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bool, Dictionary, Float32, Int32, Int64, makeData, makeVector, Table, tableToIPC, TimestampMillisecond, Utf8, vectorFromArray, type Vector } from 'apache-arrow';
import { beforeAll, describe, expect, it } from 'vitest';
import { nyseCalendar } from '../calendar/NyseCalendar.js';
import { SeededRandom } from '../random/SeededRandom.js';
import { isoDate } from '../time/civil.js';
import type { BarSeries } from './BarSeries.js';
import { validateBars, type LoadBarsOptions, type ValidatedBars } from './loadBars.js';
import { MAX_TIME_MS, MIN_TIME_MS } from './TimeParser.js';
import { issueLocation } from './ValidationReport.js';

const SEED = 20_261_208;
const CASES_PER_KIND = 60;
const TIME_LIMIT_MS = 5_000;

/** Codes that concern one cell or row: they must name the line (or row); most also the column. */
const CELL_CODES = new Set(['not_a_number', 'empty_cell', 'bad_time', 'non_positive_price', 'non_finite_value', 'negative_volume', 'high_below_body', 'low_above_body', 'unsorted_time', 'duplicate_time']);

let dir = '';
let counter = 0;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'qt-fuzz-'));
});

function write(ext: string, content: string | Uint8Array): string {
  const path = join(dir, `case-${counter++}.${ext}`);
  writeFileSync(path, content);
  return path;
}

/** 40 valid Yahoo-format daily rows on NYSE sessions. */
function baseCsv(rng: SeededRandom): string {
  const days = nyseCalendar.sessions('2014-01-01', '2014-12-31').subarray(0, 40);
  let close = 40;
  const lines = ['Date,Open,High,Low,Close,Adj Close,Volume'];
  for (const t of days) {
    const open = Math.round(close * (1 + (rng.next() - 0.5) * 0.02) * 100) / 100;
    close = Math.round(open * (1 + (rng.next() - 0.5) * 0.03) * 100) / 100;
    const high = Math.max(open, close) + 0.11;
    const low = Math.min(open, close) - 0.09;
    lines.push(`${isoDate(t)},${open.toFixed(2)},${high.toFixed(2)},${low.toFixed(2)},${close.toFixed(2)},${(close * 0.9).toFixed(4)},${Math.floor(rng.next() * 1e6)}`);
  }
  return `${lines.join('\n')}\n`;
}

async function load(path: string, options: LoadBarsOptions = {}): Promise<ValidatedBars> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`validateBars hung on ${path}`)), TIME_LIMIT_MS);
  });
  try {
    return await Promise.race([validateBars(path, { symbol: 'X', ...options }), limit]);
  } finally {
    clearTimeout(timer);
  }
}

/** Asserts the outcome obeys the contract; returns whether the load succeeded. */
function checkOutcome(path: string, outcome: ValidatedBars, positions: 'line' | 'row', what: string): boolean {
  const { report, bars } = outcome;
  if (bars !== null) {
    expect(report.ok, what).toBe(true);
    for (const symbol of bars.symbols) {
      const s: BarSeries = bars.get(symbol);
      const hasVolume = s.fields.includes('volume');
      for (let i = 0; i < s.length; i++) {
        const t: number = s.time[i]!;
        const o: number = s.open[i]!;
        const h: number = s.high[i]!;
        const l: number = s.low[i]!;
        const c: number = s.close[i]!;
        const v: number = s.volume[i]!;
        const ok =
          t >= MIN_TIME_MS && t <= MAX_TIME_MS && (i === 0 || t > s.time[i - 1]!) &&
          Number.isFinite(o) && Number.isFinite(h) && Number.isFinite(l) && Number.isFinite(c) &&
          o > 0 && h > 0 && l > 0 && c > 0 && h >= Math.max(o, c, l) && l <= Math.min(o, c) &&
          (!hasVolume || (Number.isFinite(v) && v >= 0));
        if (!ok) expect.fail(`${what}: loaded a bar breaking a rule at ${i}: ${[t, o, h, l, c, v].join(', ')}`);
      }
    }
    return true;
  }
  expect(report.ok, what).toBe(false);
  expect(report.errors.length, what).toBeGreaterThan(0);
  for (const e of report.errors) {
    const shown = `${issueLocation(e)}  [${e.code}]  ${e.message}`;
    expect(shown, what).not.toMatch(/[\u0000-\u001f\u007f]/);
    expect(shown.length, `${what}: ${shown.slice(0, 200)}`).toBeLessThan(600);
    expect(e.file, what).toBe(path);
    if (CELL_CODES.has(e.code)) {
      expect(positions === 'line' ? e.line : e.row, `${what}: ${shown}`).toBeDefined();
      expect(e.column, `${what}: ${shown}`).toBeDefined();
    }
    if (e.code === 'field_count' || e.code === 'unreadable') {
      if (positions === 'line' && e.code === 'field_count') expect(e.line, what).toBeDefined();
    }
  }
  return false;
}

const ODD_NUMBERS_INVALID = ['0x10', '0b101', '0o17', 'Infinity', '-Infinity', 'inf', 'NaN', '1_000', '1e999', '-1e999', '1,5', '１２', '12abc', '--3', '1e', '.', '+', '1e+', '0x1p3', '٣'];
const ODD_NUMBERS_VALID = ['1e1', '.5e2', '+12.', '00012.5', '1.25E-0', ' 7 ', '3.000000000000000000001'];
const BYTES = [0, 7, 9, 10, 13, 27, 32, 34, 44, 45, 46, 48, 49, 57, 59, 101, 120, 127, 0xc3, 0xff];

describe('loaders under fuzzing (seeded)', () => {
  it(`CSV byte flips (${CASES_PER_KIND} cases)`, { timeout: 60_000 }, async () => {
    const rng = new SeededRandom(SEED);
    for (let k = 0; k < CASES_PER_KIND; k++) {
      const bytes = Buffer.from(baseCsv(rng));
      const flips = 1 + Math.floor(rng.next() * 3);
      for (let f = 0; f < flips; f++) bytes[Math.floor(rng.next() * bytes.length)] = BYTES[Math.floor(rng.next() * BYTES.length)]!;
      const path = write('csv', bytes);
      checkOutcome(path, await load(path), 'line', `byte flip case ${k}`);
    }
  });

  it(`CSV and Arrow truncations (${CASES_PER_KIND} cases each)`, { timeout: 60_000 }, async () => {
    const rng = new SeededRandom(SEED + 1);
    for (let k = 0; k < CASES_PER_KIND; k++) {
      const csv = Buffer.from(baseCsv(rng));
      const csvPath = write('csv', csv.subarray(0, Math.floor(rng.next() * csv.length)));
      checkOutcome(csvPath, await load(csvPath), 'line', `CSV truncation case ${k}`);
      const arrow = tableToIPC(arrowTable(rng, {}), k % 2 === 0 ? 'file' : 'stream');
      const arrowPath = write('arrow', arrow.subarray(0, Math.floor(rng.next() * arrow.length)));
      checkOutcome(arrowPath, await load(arrowPath), 'row', `Arrow truncation case ${k}`);
    }
  });

  it('odd numbers: every token outside the grammar fails the load, with line and column', { timeout: 60_000 }, async () => {
    const rng = new SeededRandom(SEED + 2);
    for (const token of [...ODD_NUMBERS_INVALID, ...ODD_NUMBERS_VALID]) {
      const lines = baseCsv(rng).split('\n');
      const row = 1 + Math.floor(rng.next() * 39);
      const col = 1 + Math.floor(rng.next() * 6);
      const cells = lines[row]!.split(',');
      cells[col] = token.includes(',') ? `"${token}"` : token;
      lines[row] = cells.join(',');
      const path = write('csv', lines.join('\n'));
      const outcome = await load(path);
      const loaded = checkOutcome(path, outcome, 'line', `token ${JSON.stringify(token)}`);
      if (ODD_NUMBERS_INVALID.includes(token)) {
        expect(loaded, `token ${JSON.stringify(token)} loaded`).toBe(false);
        const e = outcome.report.errors[0]!;
        expect(e.line, token).toBe(row + 1);
        expect(e.column, token).toBe(['Date', 'Open', 'High', 'Low', 'Close', 'Adj Close', 'Volume'][col]);
      }
    }
  });

  it(`odd line endings keep good files good and line numbers exact (${CASES_PER_KIND} cases)`, { timeout: 60_000 }, async () => {
    const rng = new SeededRandom(SEED + 3);
    const endings = ['\n', '\r\n', '\r'];
    for (let k = 0; k < CASES_PER_KIND; k++) {
      const lines = baseCsv(rng).trimEnd().split('\n');
      const bad = 1 + Math.floor(rng.next() * (lines.length - 1));
      if (k % 2 === 1) lines[bad] = lines[bad]!.replace(/,[^,]+$/, ',oops');
      let text = '';
      let physical = 1;
      let badLine = 0;
      for (let i = 0; i < lines.length; i++) {
        if (i === bad) badLine = physical;
        const ending = endings[Math.floor(rng.next() * 3)]!;
        text += lines[i]! + ending;
        physical++;
        if (rng.next() < 0.1) {
          // A blank line; after a bare CR a following LF would join it into one CRLF break.
          text += ending === '\r' ? '\r' : endings[Math.floor(rng.next() * 2)]!;
          physical++;
        }
      }
      const path = write('csv', text);
      const outcome = await load(path);
      const loaded = checkOutcome(path, outcome, 'line', `line endings case ${k}`);
      if (k % 2 === 0) {
        expect(loaded, `good file with mixed endings, case ${k}`).toBe(true);
        expect(outcome.bars!.get('X').length).toBe(40);
      } else {
        expect(loaded).toBe(false);
        expect(outcome.report.errors[0]).toMatchObject({ code: 'not_a_number', line: badLine, column: 'Volume' });
      }
    }
  });

  it('wrong Arrow types, NaN and Infinity are errors naming the column (and row)', { timeout: 60_000 }, async () => {
    const rng = new SeededRandom(SEED + 4);
    const columns = ['open', 'high', 'low', 'close', 'volume'] as const;
    const wrong: ((n: number) => Vector)[] = [
      (n) => vectorFromArray(Array.from({ length: n }, (_, i) => String(10 + i)), new Utf8()),
      (n) => vectorFromArray(Array.from({ length: n }, (_, i) => i % 2 === 0), new Bool()),
      (n) => vectorFromArray(Array.from({ length: n }, () => 'a'), new Dictionary(new Utf8(), new Int32())),
      (n) => makeVector(makeData({ type: new TimestampMillisecond(), length: n, data: new BigInt64Array(n) })),
    ];
    for (let k = 0; k < CASES_PER_KIND; k++) {
      const column = columns[k % columns.length]!;
      if (k % 3 === 0) {
        const path = write('arrow', tableToIPC(arrowTable(rng, { [column]: wrong[Math.floor(rng.next() * wrong.length)]!(30) }), 'file'));
        const outcome = await load(path);
        expect(checkOutcome(path, outcome, 'row', `wrong type ${k}`)).toBe(false);
        expect(outcome.report.errors[0]).toMatchObject({ code: 'bad_column_type', column });
      } else {
        const bad = [Number.NaN, Infinity, -Infinity][k % 3]!;
        const row = Math.floor(rng.next() * 30);
        const path = write('arrow', tableToIPC(arrowTable(rng, {}, { column, row, value: bad }), 'file'));
        const outcome = await load(path);
        expect(checkOutcome(path, outcome, 'row', `non-finite ${k}`), `${column} ${bad}`).toBe(false);
        expect(outcome.report.errors.some((e) => e.row === row && e.column === column), `${column} ${bad} at row ${row}`).toBe(true);
      }
    }
  });

  it(`Arrow byte flips (${CASES_PER_KIND} cases)`, { timeout: 60_000 }, async () => {
    const rng = new SeededRandom(SEED + 5);
    for (let k = 0; k < CASES_PER_KIND; k++) {
      const bytes = Buffer.from(tableToIPC(arrowTable(rng, {}), 'file'));
      for (let f = 0; f < 4; f++) bytes[Math.floor(rng.next() * bytes.length)] = Math.floor(rng.next() * 256);
      const path = write('arrow', bytes);
      checkOutcome(path, await load(path), 'row', `Arrow byte flip case ${k}`);
    }
  });
});

/** 30 valid minute bars as an Arrow table; `replace` swaps whole columns, `poke` one value. */
function arrowTable(
  rng: SeededRandom,
  replace: Partial<Record<'open' | 'high' | 'low' | 'close' | 'volume', Vector>>,
  poke?: { column: 'open' | 'high' | 'low' | 'close' | 'volume'; row: number; value: number },
): Table {
  const n = 30;
  const t0 = Date.UTC(2024, 0, 2, 14, 30);
  const time = BigInt64Array.from({ length: n }, (_, i) => BigInt(t0 + i * 60_000));
  const close = Float64Array.from({ length: n }, () => 100 + rng.next() * 5);
  const cols: Record<string, Float64Array> = {
    open: close.map((c) => c - 0.1),
    high: close.map((c) => c + 0.5),
    low: close.map((c) => c - 0.5),
    close,
    volume: Float64Array.from({ length: n }, () => Math.floor(rng.next() * 1000)),
  };
  if (poke !== undefined) cols[poke.column]![poke.row] = poke.value;
  const vectors: Record<string, Vector> = { timestamp: makeVector(makeData({ type: new TimestampMillisecond('UTC'), length: n, data: time })) };
  for (const name of ['open', 'high', 'low', 'close', 'volume'] as const) vectors[name] = replace[name] ?? makeVector(cols[name]!);
  // Exercise the other numeric encodings the reader converts.
  if (replace.volume === undefined && poke?.column !== 'volume' && rng.next() < 0.3) {
    vectors['volume'] = makeVector(makeData({ type: new Int64(), length: n, data: BigInt64Array.from(cols['volume']!, (v) => BigInt(v)) }));
  }
  if (replace.close === undefined && poke === undefined && rng.next() < 0.2) vectors['close'] = makeVector(makeData({ type: new Float32(), length: n, data: Float32Array.from(close) }));
  return new Table(vectors);
}
