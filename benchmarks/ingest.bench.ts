/**
 * Ingest throughput of `loadBars`: one symbol's 1,000,000 one-minute bars from CSV, Arrow and
 * Parquet, without the parse cache, so every run parses the file. The notes give the CPU time per
 * run too: on a shared machine the wall time also counts other processes' work.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBars } from '@qt-backtest/core';
import type { Benchmark } from './Benchmark.js';
import { defineBenchmark } from './Benchmark.js';
import type { IngestFiles } from './data/makeIngestFiles.js';
import { INGEST_ROWS, ensureIngestFiles } from './data/makeIngestFiles.js';

const SYMBOL = 'BENCH';

/** CPU milliseconds (user + system) of the last run of each benchmark. */
const cpuMs = new Map<string, number>();

async function loadRows(path: string, hash = false, cache: string | false = false): Promise<number> {
  const before = process.cpuUsage();
  const { series } = await loadBars(path, { symbol: SYMBOL, cache, hash });
  const used = process.cpuUsage(before);
  cpuMs.set(path + String(hash) + String(cache !== false), (used.user + used.system) / 1000);
  const rows = series.get(SYMBOL)?.length ?? 0;
  // A loader that silently drops rows would look fast: refuse to report it.
  if (rows !== INGEST_ROWS) throw new Error(`loadBars returned ${rows} rows of ${path}, expected ${INGEST_ROWS}`);
  return rows;
}

const cpuNote = (path: () => string, hash = false, cached = false) => (): Record<string, string | number> => {
  const ms = cpuMs.get(path() + String(hash) + String(cached));
  return ms === undefined ? {} : { 'CPU ms (last run)': Math.round(ms), 'rows/s per CPU second': Math.round(INGEST_ROWS / (ms / 1000)) };
};
let files: IngestFiles | undefined;
const ensure = async (): Promise<IngestFiles> => (files = await ensureIngestFiles());

/** CSV, Arrow and Parquet ingest of the same million bars. */
export const benchmarks: readonly Benchmark<IngestFiles>[] = [
  defineBenchmark({
    name: 'csv-ingest-1m',
    description: 'loadBars: 1,000,000 one-minute bars from CSV (ISO 8601 times with offset)',
    unit: 'rows',
    target: 1_000_000,
    warmup: 1,
    repeats: 5,
    setup: ensure,
    run: (f) => loadRows(f.csvPath),
    notes: cpuNote(() => files?.csvPath ?? ''),
  }),
  defineBenchmark({
    name: 'parquet-ingest-1m',
    description: 'loadBars: the same bars from Parquet (hyparquet; Snappy pages, TIMESTAMP(MILLIS), DOUBLE values)',
    unit: 'rows',
    warmup: 1,
    repeats: 5,
    setup: ensure,
    run: (f) => loadRows(f.parquetPath),
    notes: cpuNote(() => files?.parquetPath ?? ''),
  }),
  defineBenchmark({
    name: 'arrow-ingest-1m',
    description: 'loadBars: 1,000,000 one-minute bars from an Arrow IPC file (Timestamp ns)',
    unit: 'rows',
    target: 20_000_000,
    warmup: 3,
    repeats: 15,
    setup: ensure,
    run: (f) => loadRows(f.arrowPath),
    notes: cpuNote(() => files?.arrowPath ?? ''),
  }),
  defineBenchmark({
    name: 'arrow-ingest-1m-sha256',
    description: 'as arrow-ingest-1m, also hashing the file with SHA-256 (hash: true, for run manifests)',
    unit: 'rows',
    warmup: 3,
    repeats: 15,
    setup: ensure,
    run: (f) => loadRows(f.arrowPath, true),
  }),
  defineBenchmark({
    name: 'csv-ingest-1m-cached',
    description: 'the CSV again with cache: a warm Arrow cache entry (the CSV is still hashed for the key)',
    unit: 'rows',
    warmup: 2,
    repeats: 10,
    setup: async () => {
      const files = await ensureIngestFiles();
      const cacheDir = await mkdtemp(join(tmpdir(), 'qt-bench-cache-'));
      await loadRows(files.csvPath, false, cacheDir);
      return { ...files, cacheDir };
    },
    run: (ctx) => loadRows(ctx.csvPath, false, ctx.cacheDir),
    teardown: (ctx) => rm(ctx.cacheDir, { recursive: true, force: true }),
  }),
];
