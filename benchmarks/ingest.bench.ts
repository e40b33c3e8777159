/**
 * Ingest throughput of `loadBars`: one symbol's 1,000,000 one-minute bars from CSV and from Arrow,
 * without the parse cache, so every run parses the file.
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

async function loadRows(path: string, hash = false, cache: string | false = false): Promise<number> {
  const { series } = await loadBars(path, { symbol: SYMBOL, cache, hash });
  const rows = series.get(SYMBOL)?.length ?? 0;
  // A loader that silently drops rows would look fast: refuse to report it.
  if (rows !== INGEST_ROWS) throw new Error(`loadBars returned ${rows} rows of ${path}, expected ${INGEST_ROWS}`);
  return rows;
}

/** CSV and Arrow ingest of the same million bars. */
export const benchmarks: readonly Benchmark<IngestFiles>[] = [
  defineBenchmark({
    name: 'csv-ingest-1m',
    description: 'loadBars: 1,000,000 one-minute bars from CSV (ISO 8601 times with offset)',
    unit: 'rows',
    target: 300_000,
    warmup: 1,
    repeats: 5,
    setup: () => ensureIngestFiles(),
    run: (files) => loadRows(files.csvPath),
  }),
  defineBenchmark({
    name: 'arrow-ingest-1m',
    description: 'loadBars: 1,000,000 one-minute bars from an Arrow IPC file (Timestamp ns)',
    unit: 'rows',
    target: 20_000_000,
    warmup: 3,
    repeats: 15,
    setup: () => ensureIngestFiles(),
    run: (files) => loadRows(files.arrowPath),
  }),
  defineBenchmark({
    name: 'arrow-ingest-1m-sha256',
    description: 'as arrow-ingest-1m, also hashing the file with SHA-256 (hash: true, for run manifests)',
    unit: 'rows',
    warmup: 3,
    repeats: 15,
    setup: () => ensureIngestFiles(),
    run: (files) => loadRows(files.arrowPath, true),
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
