/**
 * Factor analysis (alphalens conventions, `analyzeFactor`) of 500 symbols × 2,520 days with
 * periods 1, 5, 10 and 5 quantiles — the workload; target ≤ 2 s per analysis.
 * The factor is a noisy 5-day forward return, so the run checks that the 5-day IC is clearly
 * positive (a broken fast path cannot report a good number).
 */
import { DAY_MS, SeededRandom } from '@qt-backtest/core';
import { analyzeFactor, type FactorAnalysisInput } from '@qt-backtest/alpha';
import { defineBenchmark } from './Benchmark.js';

const SYMBOLS = 500;
const DAYS = 2520;

function panel(): FactorAnalysisInput {
  const rng = new SeededRandom(13);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
  const time = Float64Array.from({ length: DAYS }, (_, i) => (16_000 + i) * DAY_MS);
  const prices: Float64Array[] = [];
  const factor: Float64Array[] = [];
  for (let j = 0; j < SYMBOLS; j++) {
    const p = new Float64Array(DAYS);
    let x = 100;
    for (let i = 0; i < DAYS; i++) {
      x *= Math.exp(0.02 * normal());
      p[i] = x;
    }
    const f = new Float64Array(DAYS);
    for (let i = 0; i < DAYS; i++) f[i] = (i + 5 < DAYS ? p[i + 5]! / p[i]! - 1 : 0) + 0.05 * normal();
    prices.push(p);
    factor.push(f);
  }
  return { time, symbols: Array.from({ length: SYMBOLS }, (_, j) => `S${j}`), prices, factor };
}

export const benchmark = defineBenchmark({
  name: 'alpha-factor-analysis-500x2520',
  description: 'analyzeFactor: 500 symbols × 2,520 days, periods 1/5/10, 5 quantiles (target ≤ 2 s)',
  unit: 'rows',
  target: (SYMBOLS * DAYS) / 2,
  setup: async () => ({ input: panel(), cpuMs: [] as number[] }),
  run: async ({ input, cpuMs }) => {
    // CPU time beside wall time: on a shared machine the wall clock includes waiting for a core
    const c0 = process.cpuUsage();
    const report = analyzeFactor(input, { periods: [1, 5, 10], quantiles: 5 });
    const c = process.cpuUsage(c0);
    cpuMs.push((c.user + c.system) / 1000);
    const ic5 = report.icSummary['5']!.mean!;
    if (!(ic5 > 0.2)) throw new Error(`5-day IC ${ic5} is not clearly positive: analysis broken`);
    return report.dropped.kept;
  },
  notes: ({ cpuMs }) => {
    const sorted = [...cpuMs].sort((a, b) => a - b);
    return { 'cpu ms (median of runs)': Math.round(sorted[Math.floor(sorted.length / 2)] ?? Number.NaN), 'cpu ms (min)': Math.round(sorted[0] ?? Number.NaN) };
  },
});
