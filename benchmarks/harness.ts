/**
 * The benchmark runner's parts, kept apart from the CLI in `run.ts` so they can be tested:
 * discovery, argument parsing, measurement, statistics and the report table.
 */
import { readdir } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import type { Benchmark } from './Benchmark.js';
import { DEFAULT_REPEATS, DEFAULT_WARMUP } from './Benchmark.js';

/** Outcome of one benchmark against its target. */
export type Verdict = 'PASS' | 'FAIL' | '-' | 'ERROR';

/** Measurements of one benchmark, as printed and written to JSON. */
export interface BenchmarkResult {
  readonly name: string;
  readonly description: string;
  readonly unit: string;
  /** Items per second aimed at, or `null` when the benchmark sets none. */
  readonly target: number | null;
  readonly warmup: number;
  readonly repeats: number;
  /** Items the last run processed. */
  readonly items: number;
  /** Wall time of each timed run, milliseconds, in run order. */
  readonly timesMs: readonly number[];
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  /** `items / median time`. */
  readonly itemsPerSecond: number;
  readonly verdict: Verdict;
  /** Message of the error that stopped the benchmark, else `null`. */
  readonly error: string | null;
  /** Extra figures the benchmark reported, else `null`. */
  readonly notes?: Readonly<Record<string, string | number>> | null;
}

/** Parsed command line of `pnpm bench`. */
export interface RunArgs {
  /** Name substrings; a benchmark runs when its name contains any (all run when empty). */
  readonly filters: readonly string[];
  readonly repeats: number | null;
  readonly warmup: number | null;
  readonly help: boolean;
}

/**
 * Parses `[filter…] [--repeats N] [--warmup N] [--help]` (also `--repeats=N`).
 *
 * @throws {Error} on an unknown flag or a count that is not a non-negative integer.
 */
export function parseArgs(argv: readonly string[]): RunArgs {
  const filters: string[] = [];
  let repeats: number | null = null;
  let warmup: number | null = null;
  let help = false;
  const count = (flag: string, value: string | undefined, min: number): number => {
    const n = Number(value);
    if (value === undefined || value === '' || !Number.isInteger(n) || n < min) {
      throw new Error(`${flag} needs an integer ≥ ${min}, got "${value ?? ''}"`);
    }
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? arg.split('=', 2) : [arg, undefined];
    if (flag === '--help' || flag === '-h') help = true;
    else if (flag === '--repeats') repeats = count(flag, inline ?? argv[++i], 1);
    else if (flag === '--warmup') warmup = count(flag, inline ?? argv[++i], 0);
    else if (flag === '--') continue;
    else if (flag!.startsWith('-')) throw new Error(`unknown option "${arg}"`);
    else filters.push(arg);
  }
  return { filters, repeats, warmup, help };
}

/** Whether `name` passes the CLI filters (every name passes an empty filter list). */
export function matchesFilters(name: string, filters: readonly string[]): boolean {
  return filters.length === 0 || filters.some((f) => name.includes(f));
}

/** Paths of every `*.bench.ts` under `root`, sorted; skips `node_modules`, `results` and dot-folders. */
export async function discoverBenchFiles(root: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true });
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name === 'node_modules' || entry.name === 'results' || entry.name.startsWith('.')) continue;
        await walk(path);
      } else if (entry.isFile() && entry.name.endsWith('.bench.ts')) {
        found.push(path);
      }
    }
  };
  await walk(root);
  return found.sort();
}

function isBenchmark(value: unknown): value is Benchmark {
  if (typeof value !== 'object' || value === null) return false;
  const b = value as Record<string, unknown>;
  return (
    typeof b['name'] === 'string' &&
    typeof b['description'] === 'string' &&
    typeof b['unit'] === 'string' &&
    typeof b['setup'] === 'function' &&
    typeof b['run'] === 'function'
  );
}

/**
 * The benchmarks a bench module exports as `benchmark` and/or `benchmarks`.
 *
 * @throws {Error} when it exports neither, or something that is not a {@link Benchmark}.
 */
export function benchmarksOf(module: Readonly<Record<string, unknown>>, file: string): Benchmark[] {
  const single = module['benchmark'];
  const list = module['benchmarks'];
  if (single === undefined && list === undefined) {
    throw new Error(`${file} exports neither "benchmark" nor "benchmarks"`);
  }
  const candidates: unknown[] = [];
  if (single !== undefined) candidates.push(single);
  if (list !== undefined) {
    if (!Array.isArray(list)) throw new Error(`${file}: "benchmarks" must be an array`);
    candidates.push(...(list as unknown[]));
  }
  return candidates.map((c, i) => {
    if (!isBenchmark(c)) throw new Error(`${file}: export #${i} is not a Benchmark (name, description, unit, setup, run)`);
    return c;
  });
}

/** Median of a non-empty list (mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of an empty list');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** What {@link measure} needs besides the benchmark. */
export interface MeasureOptions {
  /** Overrides the benchmark's own repeat count. */
  readonly repeats?: number;
  readonly warmup?: number;
  /** Called before each timed run; `global.gc` when Node runs with `--expose-gc`. */
  readonly gc?: () => void;
  /** Millisecond clock (default `performance.now`). */
  readonly now?: () => number;
}

/**
 * Runs `setup` once, the warm-up runs, then the timed runs, and summarises them. A failure in any
 * step gives a result with verdict `ERROR` instead of throwing, so one broken benchmark does not
 * hide the others.
 */
export async function measure<Ctx>(bench: Benchmark<Ctx>, options: MeasureOptions = {}): Promise<BenchmarkResult> {
  const repeats = options.repeats ?? bench.repeats ?? DEFAULT_REPEATS;
  const warmup = options.warmup ?? bench.warmup ?? DEFAULT_WARMUP;
  const now = options.now ?? (() => performance.now());
  const times: number[] = [];
  let items = 0;
  let error: string | null = null;
  let ctx: { value: Ctx } | null = null;
  let notes: Readonly<Record<string, string | number>> | null = null;
  try {
    ctx = { value: await bench.setup() };
    for (let i = 0; i < warmup; i++) await bench.run(ctx.value);
    for (let i = 0; i < repeats; i++) {
      options.gc?.();
      const start = now();
      items = await bench.run(ctx.value);
      times.push(now() - start);
    }
    notes = bench.notes?.(ctx.value) ?? null;
  } catch (err) {
    error = err instanceof Error ? err.message : String(err);
  } finally {
    if (ctx !== null && bench.teardown !== undefined) {
      try {
        await bench.teardown(ctx.value);
      } catch (err) {
        error ??= `teardown: ${err instanceof Error ? err.message : String(err)}`;
      }
    }
  }
  return { ...summarize(bench, { warmup, repeats, items, timesMs: times, error }), notes };
}

/** Raw measurements to summarise. */
export interface Measurements {
  readonly warmup: number;
  readonly repeats: number;
  readonly items: number;
  readonly timesMs: readonly number[];
  readonly error: string | null;
}

/** Statistics and verdict of a benchmark's measurements. */
export function summarize(
  bench: Pick<Benchmark, 'name' | 'description' | 'unit' | 'target'>,
  m: Measurements,
): BenchmarkResult {
  const target = bench.target ?? null;
  const failed = m.error !== null || m.timesMs.length === 0;
  const medianMs = failed ? Number.NaN : median(m.timesMs);
  const itemsPerSecond = failed ? Number.NaN : m.items / (medianMs / 1000);
  const verdict: Verdict = failed ? 'ERROR' : target === null ? '-' : itemsPerSecond >= target ? 'PASS' : 'FAIL';
  return {
    name: bench.name,
    description: bench.description,
    unit: bench.unit,
    target,
    warmup: m.warmup,
    repeats: m.repeats,
    items: m.items,
    timesMs: m.timesMs,
    medianMs,
    minMs: failed ? Number.NaN : Math.min(...m.timesMs),
    maxMs: failed ? Number.NaN : Math.max(...m.timesMs),
    itemsPerSecond,
    verdict,
    error: failed && m.error === null ? 'no timed run' : m.error,
  };
}

/** `1234567.891` → `'1,234,567.9'` with `decimals` digits; `'-'` for NaN. Locale-independent. */
export function formatNumber(value: number, decimals = 0): string {
  if (!Number.isFinite(value)) return '-';
  const [int, frac] = Math.abs(value).toFixed(decimals).split('.');
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${value < 0 ? '-' : ''}${grouped}${frac === undefined ? '' : `.${frac}`}`;
}

/** Fixed-width text table: text columns left-aligned, numeric ones right-aligned. */
export function formatTable(results: readonly BenchmarkResult[]): string {
  const header = ['benchmark', 'runs', 'median ms', 'min ms', 'max ms', 'items', 'throughput/s', 'target/s', 'status'];
  const rightAligned = [false, true, true, true, true, true, true, true, false];
  const rows = results.map((r) => [
    r.name,
    `${r.timesMs.length}/${r.repeats}`,
    formatNumber(r.medianMs, 1),
    formatNumber(r.minMs, 1),
    formatNumber(r.maxMs, 1),
    `${formatNumber(r.items)} ${r.unit}`,
    formatNumber(r.itemsPerSecond),
    r.target === null ? '-' : formatNumber(r.target),
    r.verdict,
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c]!.length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, c) => (rightAligned[c] ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
      .join('  ')
      .trimEnd();
  const out = [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
  for (const r of results) if (r.error !== null) out.push(`${r.name}: ${r.error}`);
  return `${out.join('\n')}\n`;
}

/** The machine a run happened on, for comparing result files. */
export interface Environment {
  readonly node: string;
  readonly v8: string;
  readonly platform: string;
  readonly arch: string;
  readonly cpuModel: string;
  readonly cpuCores: number;
  readonly totalMemoryBytes: number;
  /** Whether `global.gc` was available (Node run with `--expose-gc`). */
  readonly gcExposed: boolean;
}

/** Describes the current machine and Node process. */
export function environment(gcExposed: boolean): Environment {
  const cpuList = cpus();
  return {
    node: process.version,
    v8: process.versions.v8,
    platform: process.platform,
    arch: process.arch,
    cpuModel: cpuList[0]?.model.trim() ?? 'unknown',
    cpuCores: cpuList.length,
    totalMemoryBytes: totalmem(),
    gcExposed,
  };
}

/** `2025-01-02T03:04:05.678Z` → `2025-01-02T03-04-05.678Z`: an ISO timestamp safe in file names. */
export function timestampFileName(date: Date): string {
  return `${date.toISOString().replaceAll(':', '-')}.json`;
}
