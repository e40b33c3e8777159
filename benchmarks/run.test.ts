import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Benchmark } from './Benchmark.js';
import { defineBenchmark } from './Benchmark.js';
import type { BenchmarkResult } from './harness.js';
import {
  benchmarksOf,
  discoverBenchFiles,
  formatNumber,
  formatTable,
  matchesFilters,
  measure,
  median,
  parseArgs,
  summarize,
  timestampFileName,
} from './harness.js';

const bench = (overrides: Partial<Benchmark<number>> = {}): Benchmark<number> =>
  defineBenchmark({
    name: 'sum',
    description: 'adds numbers',
    unit: 'rows',
    setup: async () => 0,
    run: async () => 1000,
    ...overrides,
  });

describe('median', () => {
  it('takes the middle value of an odd count regardless of order', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([7])).toBe(7);
  });

  it('averages the middle two of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('rejects an empty list', () => {
    expect(() => median([])).toThrow(/empty/);
  });
});

describe('summarize', () => {
  const m = { warmup: 1, repeats: 3, items: 1_000_000, timesMs: [500, 250, 1000], error: null };

  it('derives throughput from the median time, not the mean or the best', () => {
    const r = summarize(bench(), m);
    expect([r.medianMs, r.minMs, r.maxMs]).toEqual([500, 250, 1000]);
    expect(r.itemsPerSecond).toBe(2_000_000);
  });

  it('passes at or above the target, fails below it, and shows no verdict without one', () => {
    expect(summarize(bench({ target: 2_000_000 }), m).verdict).toBe('PASS');
    expect(summarize(bench({ target: 2_000_001 }), m).verdict).toBe('FAIL');
    expect(summarize(bench(), m).verdict).toBe('-');
  });

  it('reports an error, with no statistics, when no run completed', () => {
    const r = summarize(bench({ target: 1 }), { ...m, timesMs: [], error: 'boom' });
    expect(r.verdict).toBe('ERROR');
    expect(r.error).toBe('boom');
    expect(Number.isNaN(r.medianMs)).toBe(true);
  });
});

describe('measure', () => {
  it('sets up once, warms up, then times each repeat with a collection before it', async () => {
    const calls: string[] = [];
    let tick = 0;
    const result = await measure(
      bench({
        warmup: 2,
        repeats: 3,
        setup: async () => {
          calls.push('setup');
          return 7;
        },
        run: async (ctx) => {
          calls.push(`run:${ctx}`);
          return 100;
        },
        teardown: async () => {
          calls.push('teardown');
        },
      }),
      { gc: () => calls.push('gc'), now: () => (tick += 10) },
    );
    expect(calls).toEqual(['setup', 'run:7', 'run:7', 'gc', 'run:7', 'gc', 'run:7', 'gc', 'run:7', 'teardown']);
    expect(result.timesMs).toEqual([10, 10, 10]);
    expect(result.items).toBe(100);
  });

  it('lets command-line counts override the benchmark\'s own', async () => {
    let runs = 0;
    const b = bench({
      warmup: 5,
      repeats: 5,
      run: async () => {
        runs++;
        return 1;
      },
    });
    const result = await measure(b, { warmup: 0, repeats: 2 });
    expect(runs).toBe(2);
    expect(result.repeats).toBe(2);
  });

  it('turns a throwing run into an ERROR result and still tears down', async () => {
    let tornDown = false;
    const result = await measure(
      bench({
        run: async () => {
          throw new Error('loader missing');
        },
        teardown: async () => {
          tornDown = true;
        },
      }),
    );
    expect(result.verdict).toBe('ERROR');
    expect(result.error).toBe('loader missing');
    expect(tornDown).toBe(true);
  });
});

describe('formatNumber', () => {
  it('groups thousands with commas independently of the locale', () => {
    expect(formatNumber(1234567.891, 1)).toBe('1,234,567.9');
    expect(formatNumber(999)).toBe('999');
    expect(formatNumber(-12345)).toBe('-12,345');
    expect(formatNumber(Number.NaN)).toBe('-');
  });
});

describe('formatTable', () => {
  const result = (name: string, ms: number, target: number | null): BenchmarkResult =>
    summarize(
      { name, description: '', unit: 'rows', ...(target === null ? {} : { target }) },
      { warmup: 1, repeats: 3, items: 1_000_000, timesMs: [ms, ms, ms], error: null },
    );

  it('aligns every column and shows the verdict against the target', () => {
    const text = formatTable([
      result('csv-ingest-1m', 2500, 300_000),
      result('arrow-ingest-1m', 20, 20_000_000),
      result('no-target', 1, null),
    ]);
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(5);
    const [header, rule, ...rows] = lines;
    expect(header).toMatch(/^benchmark\s+runs\s+median ms/);
    expect(rule).toMatch(/^-+( +-+)+$/);
    // Right-aligned numeric columns end at the same position on every line.
    const end = (line: string, needle: string): number => line.indexOf(needle) + needle.length;
    expect(end(rows[0]!, '2,500.0')).toBe(end(header!, 'median ms'));
    expect(end(rows[1]!, '20.0')).toBe(end(header!, 'median ms'));
    expect(rows[0]).toMatch(/400,000\s+300,000\s+PASS$/);
    expect(rows[1]).toMatch(/50,000,000\s+20,000,000\s+PASS$/);
    expect(rows[2]).toMatch(/\s-\s+-$/);
  });

  it('marks a slow run FAIL and lists errors under the table', () => {
    const failed = summarize(
      { name: 'broken', description: '', unit: 'rows' },
      { warmup: 0, repeats: 1, items: 0, timesMs: [], error: 'no loader' },
    );
    const text = formatTable([result('slow', 10_000, 300_000), failed]);
    expect(text).toMatch(/slow .* FAIL\n/);
    expect(text).toMatch(/broken .* ERROR\n/);
    expect(text.trimEnd().endsWith('broken: no loader')).toBe(true);
  });
});

describe('parseArgs', () => {
  it('collects name filters and repeat and warm-up overrides', () => {
    expect(parseArgs(['csv', '--repeats', '3', '--warmup=0', 'arrow'])).toEqual({
      filters: ['csv', 'arrow'],
      repeats: 3,
      warmup: 0,
      help: false,
    });
  });

  it('rejects unknown flags and bad counts', () => {
    expect(() => parseArgs(['--fast'])).toThrow(/unknown option/);
    expect(() => parseArgs(['--repeats', '0'])).toThrow(/integer/);
    expect(() => parseArgs(['--repeats'])).toThrow(/integer/);
  });

  it('matches benchmarks by name substring, all of them without filters', () => {
    expect(matchesFilters('csv-ingest-1m', [])).toBe(true);
    expect(matchesFilters('csv-ingest-1m', ['arrow', 'csv'])).toBe(true);
    expect(matchesFilters('csv-ingest-1m', ['arrow'])).toBe(false);
  });
});

describe('discovery', () => {
  let root = '';

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'qt-bench-discovery-'));
    const files = [
      'b.bench.ts',
      'a/deep/x.bench.ts',
      'a/helper.ts',
      'a/y.bench.test.ts',
      'results/old.bench.ts',
      'node_modules/pkg/z.bench.ts',
    ];
    for (const f of files) {
      await mkdir(dirname(join(root, f)), { recursive: true });
      await writeFile(join(root, f), '');
    }
  });

  afterAll(async () => {
    if (root !== '') await rm(root, { recursive: true, force: true });
  });

  it('finds *.bench.ts files recursively, sorted, outside results and node_modules', async () => {
    const found = (await discoverBenchFiles(root)).map((p) => relative(root, p).split('\\').join('/'));
    expect(found).toEqual(['a/deep/x.bench.ts', 'b.bench.ts']);
  });

  it('finds the ingest benchmarks of this repository', async () => {
    const here = dirname(fileURLToPath(import.meta.url));
    const found = (await discoverBenchFiles(here)).map((p) => relative(here, p));
    expect(found).toContain('ingest.bench.ts');
  });

  it('reads a module\'s benchmark and benchmarks exports and rejects anything else', () => {
    const one = bench({ name: 'one' });
    const two = bench({ name: 'two' });
    expect(benchmarksOf({ benchmark: one, benchmarks: [two] }, 'm.bench.ts').map((b) => b.name)).toEqual([
      'one',
      'two',
    ]);
    expect(() => benchmarksOf({ other: one }, 'm.bench.ts')).toThrow(/neither/);
    expect(() => benchmarksOf({ benchmark: { name: 'x' } }, 'm.bench.ts')).toThrow(/not a Benchmark/);
    expect(() => benchmarksOf({ benchmarks: one }, 'm.bench.ts')).toThrow(/array/);
  });
});

describe('timestampFileName', () => {
  it('keeps the ISO timestamp but without colons', () => {
    expect(timestampFileName(new Date(Date.UTC(2025, 0, 2, 3, 4, 5, 678)))).toBe('2025-01-02T03-04-05.678Z.json');
  });
});
