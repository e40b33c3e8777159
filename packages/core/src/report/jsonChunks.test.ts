import { describe, expect, it } from 'vitest';
import { jsonChunks, LazyArray } from './jsonChunks.js';

const text = (v: unknown, chunk?: number): string => [...jsonChunks(v, 2, chunk)].join('');

describe('jsonChunks', () => {
  it('writes small values exactly as JSON.stringify(v, null, 2)', () => {
    const doc = { a: 1, b: [1, 2, { c: 'x"y' }], d: { e: null, f: undefined, g: NaN }, h: [], i: {} };
    expect(text(doc)).toBe(`${JSON.stringify(doc, null, 2)}\n`);
    expect(text([1, 'two'])).toBe(`${JSON.stringify([1, 'two'], null, 2)}\n`);
    expect(text('s')).toBe('"s"\n');
  });

  it('parses to the same value for long, lazy and typed arrays, whatever the chunk size', () => {
    const rows = Array.from({ length: 500 }, (_, i) => ({ i, v: i / 7, s: `r${i}`, bad: i % 50 === 0 ? Infinity : 0 }));
    const doc = {
      rows,
      lazy: new LazyArray(300, (i) => ({ t: `2020-01-${i}`, x: i * 0.5 })),
      curve: Float64Array.from({ length: 200 }, (_, i) => (i === 3 ? NaN : i / 3)),
      nested: { deep: { list: rows.slice(0, 100) } },
    };
    const want = JSON.parse(JSON.stringify({ ...doc, curve: Array.from(doc.curve) })) as unknown;
    for (const chunk of [16, 1000, 1 << 20]) {
      const chunks = [...jsonChunks(doc, 2, chunk)];
      if (chunk === 16) expect(chunks.length).toBeGreaterThan(100);
      expect(JSON.parse(chunks.join(''))).toEqual(want);
    }
  });

  it('writes a 3,000,000-row lazy array without building it (one compact row per line)', () => {
    let longest = 0;
    let lines = 0;
    for (const chunk of jsonChunks({ equity: new LazyArray(1_000_000, (i) => ({ i })) })) {
      longest = Math.max(longest, chunk.length);
      lines += chunk.split('\n').length - 1;
    }
    expect(lines).toBe(1_000_000 + 4); // '{', the rows, ']', '}', the final newline
    expect(longest).toBeLessThan((1 << 20) + 100);
  });
});

describe('resultToJson time formatting', () => {
  it('formats intraday instants exactly as Date.toISOString, and dates as YYYY-MM-DD', async () => {
    const { timeFormatter } = await import('./resultToJson.js');
    const times = Float64Array.from([Date.UTC(1999, 11, 31, 23, 59, 59, 999), Date.UTC(2000, 0, 1, 0, 0, 0, 1), Date.UTC(2000, 0, 1, 9, 30, 0, 0), Date.UTC(2000, 0, 1, 9, 30, 7, 50), Date.UTC(1969, 11, 31, 12, 0, 0, 5), Date.UTC(2199, 5, 1, 16, 0)]);
    const fmt = timeFormatter(times);
    for (const t of times) expect(fmt(t)).toBe(new Date(t).toISOString());
    expect(timeFormatter(Float64Array.from([Date.UTC(2020, 0, 2)]))(Date.UTC(2020, 0, 2))).toBe('2020-01-02');
  });
});
