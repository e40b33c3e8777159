/**
 * How the default seed was chosen: simulates seeds `from..to` (default 1..1000), keeps those that
 * meet every {@link REALISM_TARGETS} bound and the preferences below, and ranks them by distance
 * from the centre of the targets. Prints the ten best and the pass rates. Writes nothing.
 *
 * CLI: `npx tsx --conditions=@qt-backtest/source data-fixtures/scan-seeds.ts [from] [to]`
 *
 * Preferences on top of the targets (a path should look unremarkable, not merely pass):
 * a crisis episode of at least {@link MIN_CRISIS_SESSIONS} sessions, and no surviving stock below
 * −80 % or above +1500 %.
 */
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { fixtureSessions } from './generate.js';
import type { RealismStats } from './realism.js';
import { REALISM_TARGETS, realismStats, realismViolations } from './realism.js';
import { simulateUniverse } from './simulate.js';
import { BENCHMARK_SYMBOL, DELISTING } from './universe.js';

/** Crisis sessions a preferred path has (a visible crash, not a blip). */
export const MIN_CRISIS_SESSIONS = 20;

/**
 * Distance of a path from the centre of the targets (lower is more typical): benchmark CAGR from
 * 11 % in units of 3 points, vol from 17.5 % in units of 2.5 points, max drawdown from 32.5 % in
 * units of 7.5 points, and the log of (1 + median stock return) from log 2.5 in units of 0.3.
 */
export function typicality(stats: RealismStats): number {
  const m = stats.benchmark;
  return (
    Math.abs(m.cagr - 0.11) / 0.03 +
    Math.abs(m.annualVol - 0.175) / 0.025 +
    Math.abs(m.maxDrawdown - 0.325) / 0.075 +
    Math.abs(Math.log(1 + stats.stocks.medianTotalReturn) - Math.log(2.5)) / 0.3
  );
}

/** One seed that meets the targets and preferences. */
export interface SeedCandidate {
  readonly seed: number;
  readonly score: number;
  readonly stats: RealismStats;
  readonly crisis: number;
}

/** Result of {@link scanSeeds}. */
export interface SeedScan {
  /** Seeds meeting the targets and preferences, most typical first. */
  readonly candidates: SeedCandidate[];
  readonly scanned: number;
  /** Seeds whose benchmark alone meets the targets (CAGR, vol, drawdown, a crisis). */
  readonly benchmarkOk: number;
  /** Of those, seeds whose cross-section meets every target too. */
  readonly allOk: number;
}

function benchmarkOk(stats: RealismStats, crisis: number): boolean {
  const t = REALISM_TARGETS;
  const m = stats.benchmark;
  const inside = (x: number, [lo, hi]: readonly [number, number]): boolean => x >= lo && x <= hi;
  return (
    inside(m.cagr, t.benchmarkCagr) &&
    inside(m.annualVol, t.benchmarkAnnualVol) &&
    inside(m.maxDrawdown, t.benchmarkMaxDrawdown) &&
    crisis >= t.minCrisisSessions
  );
}

/** Simulates seeds `from..to` and ranks those meeting the targets and preferences. */
export function scanSeeds(from: number, to: number): SeedScan {
  const sessions = fixtureSessions();
  const candidates: SeedCandidate[] = [];
  let benchmarkPasses = 0;
  let allPasses = 0;
  for (let seed = from; seed <= to; seed++) {
    const { bars, regimes } = simulateUniverse(seed, sessions);
    const crisis = regimes.filter((r) => r === 'crisis').length;
    const stats = realismStats(bars, BENCHMARK_SYMBOL, [DELISTING.symbol]);
    if (benchmarkOk(stats, crisis)) benchmarkPasses++;
    if (realismViolations(stats, crisis).length > 0) continue;
    allPasses++;
    if (crisis < MIN_CRISIS_SESSIONS || stats.stocks.minTotalReturn < -0.8 || stats.stocks.maxTotalReturn > 15) continue;
    candidates.push({ seed, score: typicality(stats), stats, crisis });
  }
  candidates.sort((a, b) => a.score - b.score || a.seed - b.seed);
  return { candidates, scanned: to - from + 1, benchmarkOk: benchmarkPasses, allOk: allPasses };
}

const invokedPath = process.argv[1];
if (invokedPath !== undefined && import.meta.url === pathToFileURL(resolve(invokedPath)).href) {
  const from = Number(process.argv[2] ?? 1);
  const to = Number(process.argv[3] ?? 1000);
  const scan = scanSeeds(from, to);
  const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
  console.log(
    `${scan.scanned} seeds: the benchmark meets its targets for ${scan.benchmarkOk}; ` +
      `of those, ${scan.allOk} meet every target and ${scan.candidates.length} the preferences too. Most typical first:`,
  );
  for (const { seed, score, stats, crisis } of scan.candidates.slice(0, 10)) {
    const m = stats.benchmark;
    const s = stats.stocks;
    console.log(
      `seed ${seed}: score ${score.toFixed(2)} | MKT CAGR ${pct(m.cagr)} vol ${pct(m.annualVol)} maxDD ${pct(m.maxDrawdown)} ` +
        `crisis ${crisis} | stocks median ${pct(s.medianTotalReturn)} <=+10% ${s.nearZeroOrNegative} (<0 ${s.negative}) ` +
        `>600% ${s.above600Percent} range ${pct(s.minTotalReturn)}..${pct(s.maxTotalReturn)} vol ${pct(s.minAnnualVol)}..${pct(s.maxAnnualVol)}`,
    );
  }
}
