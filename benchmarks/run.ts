/**
 * `pnpm bench [filter…] [--repeats N] [--warmup N]`: runs every `benchmarks/**\/*.bench.ts`
 * (or those whose name contains a filter), prints a table and writes
 * `benchmarks/results/<ISO timestamp>.json` and `benchmarks/results/latest.json`.
 *
 * Run Node with `--expose-gc` (e.g. `NODE_OPTIONS=--expose-gc pnpm bench`) to collect garbage
 * before each timed run; it is used when available, never required.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Benchmark } from './Benchmark.js';
import type { BenchmarkResult } from './harness.js';
import {
  benchmarksOf,
  discoverBenchFiles,
  environment,
  formatNumber,
  formatTable,
  matchesFilters,
  measure,
  parseArgs,
  timestampFileName,
} from './harness.js';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const RESULTS_DIR = join(BENCH_DIR, 'results');

const USAGE = `usage: pnpm bench [filter…] [--repeats N] [--warmup N]
  filter       run only benchmarks whose name contains it (any of several)
  --repeats N  timed runs per benchmark (default: the benchmark's own, else 5)
  --warmup N   untimed runs first (default: the benchmark's own, else 1)`;

/** `global.gc` when Node exposes it. */
function exposedGc(): (() => void) | undefined {
  const gc: unknown = (globalThis as { gc?: unknown }).gc;
  return typeof gc === 'function' ? () => (gc as () => void)() : undefined;
}

async function main(): Promise<number> {
  const startedAt = new Date();
  const args = parseArgs(process.argv.slice(2));
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  const selected: Benchmark[] = [];
  const seen = new Set<string>();
  for (const file of await discoverBenchFiles(BENCH_DIR)) {
    const module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    for (const bench of benchmarksOf(module, relative(BENCH_DIR, file))) {
      if (seen.has(bench.name)) throw new Error(`two benchmarks are named "${bench.name}"`);
      seen.add(bench.name);
      if (matchesFilters(bench.name, args.filters)) selected.push(bench);
    }
  }
  if (selected.length === 0) {
    console.error(`no benchmark matches ${args.filters.map((f) => `"${f}"`).join(', ') || '(none found)'}`);
    return 1;
  }

  const gc = exposedGc();
  const env = environment(gc !== undefined);
  console.log(`node ${env.node} on ${env.cpuModel} (${env.cpuCores} cores), gc ${gc === undefined ? 'not exposed' : 'exposed'}`);
  const results: BenchmarkResult[] = [];
  for (const bench of selected) {
    process.stdout.write(`running ${bench.name}: ${bench.description} … `);
    const result = await measure(bench, {
      ...(args.repeats === null ? {} : { repeats: args.repeats }),
      ...(args.warmup === null ? {} : { warmup: args.warmup }),
      ...(gc === undefined ? {} : { gc }),
    });
    console.log(
      result.error === null ? `${formatNumber(result.medianMs, 1)} ms median` : `error: ${result.error}`,
    );
    results.push(result);
  }
  console.log(`\n${formatTable(results)}`);
  for (const r of results) {
    if (r.notes) console.log(`${r.name}: ${Object.entries(r.notes).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  }

  const report = {
    startedAt: startedAt.toISOString(),
    filters: args.filters,
    environment: env,
    // JSON has no NaN: failed benchmarks get null statistics.
    results: results.map((r) => ({
      ...r,
      medianMs: Number.isFinite(r.medianMs) ? r.medianMs : null,
      minMs: Number.isFinite(r.minMs) ? r.minMs : null,
      maxMs: Number.isFinite(r.maxMs) ? r.maxMs : null,
      itemsPerSecond: Number.isFinite(r.itemsPerSecond) ? r.itemsPerSecond : null,
    })),
  };
  const json = `${JSON.stringify(report, null, 2)}\n`;
  await mkdir(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, timestampFileName(startedAt));
  await writeFile(file, json);
  await writeFile(join(RESULTS_DIR, 'latest.json'), json);
  console.log(`results: ${relative(process.cwd(), file)}`);
  return results.some((r) => r.verdict === 'ERROR') ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
