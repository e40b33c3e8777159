import { describe, expect, it } from 'vitest';
import { RandomSearch } from './RandomSearch.js';
import { runSearch } from './runSearch.js';
import type { ParamSet, SearchSpace } from './SearchSpace.js';
import { TpeSearch } from './TpeSearch.js';

/** A known synthetic objective: a smooth bowl with its maximum 0 at (x, y) = (0.3, −1.2). */
const bowl = (p: ParamSet): number => -(((p['x'] as number) - 0.3) ** 2) - ((p['y'] as number) + 1.2) ** 2;
const space: SearchSpace = { x: { low: -5, high: 5 }, y: { low: -5, high: 5 } };
/** "Found": within 0.15 of the optimum (score >= −0.0225). The disc is 0.07 % of the square. */
const FOUND = -0.0225;
const BUDGET = 400;

async function trialsToFind(make: (seed: number) => TpeSearch | RandomSearch, seed: number): Promise<number> {
  const r = await runSearch({
    search: make(seed),
    budget: BUDGET,
    batchSize: 4,
    evaluate: (sets) => sets.map(bowl),
    stopWhen: (h) => h.some((o) => o.score >= FOUND),
  });
  const i = r.history.findIndex((o) => o.score >= FOUND);
  return i < 0 ? BUDGET + 1 : i + 1;
}

describe('TpeSearch', () => {
  it('finds the optimum of a known objective in fewer trials than random search, over 12 seeds', async () => {
    const tpe: number[] = [];
    const random: number[] = [];
    for (let seed = 1; seed <= 12; seed++) {
      tpe.push(await trialsToFind((s) => new TpeSearch(space, { seed: s }), seed));
      random.push(await trialsToFind((s) => new RandomSearch(space, { seed: s }), seed));
    }
    const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    // Random search needs ~1/0.0007 ≈ 1,400 trials on average: it mostly exhausts the budget.
    expect(median(tpe)).toBeLessThan(150);
    expect(median(tpe)).toBeLessThan(median(random) / 2);
    // TPE wins on most seeds, not only on the median.
    expect(tpe.filter((n, i) => n < random[i]!).length).toBeGreaterThanOrEqual(10);
  });

  it('finds the maximum of an integer objective (a window pair) on a 60 × 60 grid faster than random', async () => {
    const grid: SearchSpace = { fast: { low: 1, high: 60, integer: true }, slow: { low: 1, high: 60, integer: true } };
    const f = (p: ParamSet): number => -Math.abs((p['fast'] as number) - 17) - Math.abs((p['slow'] as number) - 42);
    const count = async (s: TpeSearch | RandomSearch): Promise<number> => {
      const r = await runSearch({ search: s, budget: 600, evaluate: (sets) => sets.map(f), stopWhen: (h) => h.some((o) => o.score === 0) });
      return r.history.findIndex((o) => o.score === 0) + 1 || 601;
    };
    let tpeTotal = 0;
    let randomTotal = 0;
    for (let seed = 1; seed <= 6; seed++) {
      tpeTotal += await count(new TpeSearch(grid, { seed }));
      randomTotal += await count(new RandomSearch(grid, { seed }));
    }
    expect(tpeTotal).toBeLessThan(randomTotal / 2);
  });

  it('is deterministic for a seed, proposes in range, and never repeats a discrete set', async () => {
    const grid: SearchSpace = { n: { low: 1, high: 8, integer: true }, flag: { values: [true, false] } };
    const run = async (): Promise<string[]> => (await runSearch({ search: new TpeSearch(grid, { seed: 3, startupTrials: 4 }), budget: 16, evaluate: (sets) => sets.map((p) => (p['n'] as number) * (p['flag'] ? 1 : -1)) })).history.map((o) => JSON.stringify(o.params));
    const a = await run();
    expect(a).toEqual(await run());
    expect(new Set(a).size).toBe(16);
    for (const s of a) {
      const p = JSON.parse(s) as { n: number; flag: boolean };
      expect(Number.isInteger(p.n) && p.n >= 1 && p.n <= 8).toBe(true);
    }
  });

  it('rejects a bad space with the parameter named', () => {
    expect(() => new TpeSearch({ w: { low: 5, high: 1 } })).toThrow(/parameter "w"/);
    expect(() => new TpeSearch({ w: { low: 0, high: 1, log: true } })).toThrow(/log range needs low > 0/);
    expect(() => new RandomSearch({ c: { values: [] } })).toThrow(/parameter "c": the list of values is empty/);
  });
});
