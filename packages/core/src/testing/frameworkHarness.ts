/**
 * A small real market for the framework contract suites: seeded random-walk bars for a fixed
 * universe, run through the engine so that models see genuine point-in-time contexts.
 */
import fc from 'fast-check';
import { createBarSeries, type BarSeries } from '../data/BarSeries.js';
import { backtest } from '../backtest/backtest.js';
import { Strategy } from '../engine/Strategy.js';
import type { StrategyContext } from '../engine/StrategyContext.js';
import { createInsight, type Insight, type InsightDirection } from '../framework/Insight.js';
import { type PortfolioTarget, targetQuantity, targetWeight } from '../framework/PortfolioTarget.js';
import { SeededRandom } from '../random/SeededRandom.js';
import { DAY_MS, dayOfIsoDate } from '../time/civil.js';

/** The symbols of the harness market. */
export const HARNESS_SYMBOLS: readonly string[] = Object.freeze(['AAA', 'BBB', 'CCC', 'DDD', 'EEE']);

/**
 * Random-walk daily bars (weekdays from 2020-01-06) for the harness symbols; bars from `changeFrom`
 * on are drawn from a second generator, so two calls with different `tailSeed` share the prefix.
 */
export function harnessSeries(bars: number, seed: number, changeFrom = bars, tailSeed = seed + 1): BarSeries[] {
  const days: number[] = [];
  for (let d = dayOfIsoDate('2020-01-06'); days.length < bars; d++) {
    const wd = (((d + 4) % 7) + 7) % 7;
    if (wd !== 0 && wd !== 6) days.push(d);
  }
  return HARNESS_SYMBOLS.map((symbol, k) => {
    const close = new Float64Array(bars);
    const open = new Float64Array(bars);
    const high = new Float64Array(bars);
    const low = new Float64Array(bars);
    const volume = new Float64Array(bars);
    // one pair of generators per symbol, so the prefix of every symbol depends only on `seed`
    const head = new SeededRandom(seed * 16 + k);
    const tail = new SeededRandom(tailSeed * 16 + k);
    let p = 20 + 15 * k;
    for (let i = 0; i < bars; i++) {
      const rnd = i < changeFrom ? head : tail;
      const o = p * (1 + 0.01 * (rnd.next() - 0.5));
      p = Math.max(1, p * (1 + 0.04 * (rnd.next() - 0.5)));
      open[i] = o;
      close[i] = p;
      high[i] = Math.max(o, p) * (1 + 0.01 * rnd.next());
      low[i] = Math.min(o, p) * (1 - 0.01 * rnd.next());
      volume[i] = 1e5 + Math.floor(1e6 * rnd.next());
    }
    return createBarSeries({
      symbol,
      time: Float64Array.from(days, (d) => d * DAY_MS),
      open,
      high,
      low,
      close,
      volume,
      fields: ['open', 'high', 'low', 'close', 'volume'],
      frequency: 'daily',
      adjustment: 'raw',
      source: 'contract-harness',
    });
  });
}

class Probe extends Strategy<{ at: number; holdings: readonly number[]; fn: (ctx: StrategyContext) => void }> {
  override onBar(ctx: StrategyContext): void {
    if (ctx.index === 0) {
      this.params.holdings.forEach((q, k) => {
        if (q > 0) ctx.buy(HARNESS_SYMBOLS[k]!, q);
        else if (q < 0) ctx.sell(HARNESS_SYMBOLS[k]!, -q);
      });
    }
    if (ctx.index === this.params.at) this.params.fn(ctx);
  }
}

/**
 * Runs `fn` with the engine's context at bar `at` of a harness market, after buying (positive) or
 * shorting (negative) `holdings[k]` shares of symbol k on bar 0.
 */
export function withHarnessContext(fn: (ctx: StrategyContext) => void, at = 5, holdings: readonly number[] = [], seed = 7): void {
  backtest({
    data: harnessSeries(at + 1, seed),
    strategy: new Probe({ at, holdings, fn }),
    cash: 1_000_000,
    margin: { initial: 0.5, maintenance: 0.25 },
  });
}

/** Random insights on the harness symbols for a context at `index`/`time`. */
export function insightsArb(time: number, index: number): fc.Arbitrary<Insight[]> {
  return fc
    .array(
      fc.record({
        symbol: fc.constantFrom(...HARNESS_SYMBOLS),
        direction: fc.constantFrom<InsightDirection>(-1, 0, 1),
        size: fc.double({ min: 0.01, max: 5, noNaN: true }),
        confidence: fc.double({ min: 0, max: 1, noNaN: true }),
        weight: fc.double({ min: 0, max: 3, noNaN: true }),
        horizonBars: fc.integer({ min: 1, max: 30 }),
        source: fc.constantFrom('alpha-1', 'alpha-2'),
      }),
      { maxLength: 12 },
    )
    .map((rows) => {
      const seen = new Set<string>();
      return rows
        .filter((r) => {
          const key = `${r.source}/${r.symbol}`;
          if (seen.has(key)) return false;
          seen.add(key);
          return true;
        })
        .map((r) =>
          createInsight({
            symbol: r.symbol,
            direction: r.direction,
            score: r.direction * r.size,
            confidence: r.confidence,
            weight: r.weight,
            horizonBars: r.horizonBars,
            sourceAlpha: r.source,
            generatedTime: time,
            generatedIndex: index,
          }),
        );
    });
}

/** Random complete books on the harness symbols (weights in [−1, 1] or share quantities). */
export const targetsArb: fc.Arbitrary<PortfolioTarget[]> = fc
  .subarray([...HARNESS_SYMBOLS])
  .chain((symbols) =>
    fc.tuple(
      ...symbols.map((s) =>
        fc.oneof(
          fc.double({ min: -1, max: 1, noNaN: true }).map((w) => targetWeight(s, w)),
          fc.integer({ min: -500, max: 500 }).map((q) => targetQuantity(s, q)),
        ),
      ),
    ),
  )
  .map((t) => [...t]);

/** Random holdings (shares) for the harness symbols. */
export const holdingsArb: fc.Arbitrary<number[]> = fc.array(fc.integer({ min: -200, max: 200 }), {
  minLength: HARNESS_SYMBOLS.length,
  maxLength: HARNESS_SYMBOLS.length,
});
