/**
 * The contract of a benchmark file: `benchmarks/**\/*.bench.ts` exports `benchmark` (one) or
 * `benchmarks` (a list), and `pnpm bench` runs them (see `run.ts`).
 */

/**
 * One benchmark. `setup` runs once and is not timed; `run` is timed `warmup + repeats` times and
 * returns how many items (rows, orders, …) it processed, from which throughput is computed.
 *
 * @typeParam Ctx - what `setup` prepares for `run` (file paths, loaded data, …)
 */
export interface Benchmark<Ctx = unknown> {
  /** Unique, kebab-case; the CLI filter matches substrings of it. */
  readonly name: string;
  readonly description: string;
  /** Plural noun for the items `run` returns, e.g. `'rows'`. */
  readonly unit: string;
  /**
   * Throughput goal in items per second. The report marks PASS or FAIL against it; it is never
   * enforced by a test.
   */
  readonly target?: number;
  /** Timed runs (default {@link DEFAULT_REPEATS}). */
  readonly repeats?: number;
  /** Untimed runs before the timed ones, to let the JIT settle (default {@link DEFAULT_WARMUP}). */
  readonly warmup?: number;
  setup(): Promise<Ctx>;
  run(ctx: Ctx): Promise<number>;
  /** Releases what `setup` acquired; runs once after the last repeat, also after a failure. */
  teardown?(ctx: Ctx): Promise<void>;
  /** Extra figures measured during the runs (memory, trades …), printed and saved with the result. */
  notes?(ctx: Ctx): Readonly<Record<string, string | number>>;
}

/** Timed runs when a benchmark does not say. */
export const DEFAULT_REPEATS = 5;
/** Warm-up runs when a benchmark does not say. */
export const DEFAULT_WARMUP = 1;

/**
 * Identity function that infers `Ctx` from `setup`, so `run` gets a typed context.
 *
 * @example
 * export const benchmark = defineBenchmark({
 *   name: 'sum-1m', description: 'sums 1e6 floats', unit: 'values',
 *   setup: async () => new Float64Array(1e6),
 *   run: async (xs) => { let s = 0; for (const x of xs) s += x; return xs.length; },
 * });
 */
export function defineBenchmark<Ctx>(benchmark: Benchmark<Ctx>): Benchmark<Ctx> {
  return benchmark;
}
