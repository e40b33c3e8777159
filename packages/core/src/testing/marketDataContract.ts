import { describe, expect, it } from 'vitest';
import type { MarketData } from '../live/MarketData.js';

/** Options of {@link testMarketDataContract}. */
export interface MarketDataContractOptions {
  readonly symbols?: readonly string[];
  /** Window asked for (epoch ms; default the whole of 2026). */
  readonly start?: number;
  readonly end?: number;
}

/**
 * Registers vitest tests every {@link MarketData} must pass: a non-empty `name`; historical bars
 * inside the window asked for, of the symbols asked for, sorted by time, with `low <= open, close
 * <= high` and volume `>= 0`; asking twice gives the same bars; and a bar subscription that closes.
 *
 * @example
 * testMarketDataContract('MyFeed', async () => new MyFeed(testServerUrl), { symbols: ['AAPL'] });
 */
export function testMarketDataContract(name: string, factory: () => MarketData | Promise<MarketData>, options: MarketDataContractOptions = {}): void {
  const symbols = options.symbols ?? ['AAPL'];
  const start = options.start ?? Date.UTC(2026, 0, 1);
  const end = options.end ?? Date.UTC(2026, 11, 31);
  describe(`${name} meets the MarketData contract`, () => {
    it('has a non-empty name', async () => {
      expect((await factory()).name.length).toBeGreaterThan(0);
    });

    it('returns valid bars inside the window, sorted by time, the same each time', async () => {
      const data = await factory();
      const bars = await data.historicalBars({ symbols, timeframe: '1Min', start, end });
      for (let i = 0; i < bars.length; i++) {
        const b = bars[i]!;
        expect(symbols).toContain(b.symbol);
        expect(b.time).toBeGreaterThanOrEqual(start);
        expect(b.time).toBeLessThanOrEqual(end);
        expect(b.low).toBeLessThanOrEqual(Math.min(b.open, b.close));
        expect(b.high).toBeGreaterThanOrEqual(Math.max(b.open, b.close));
        expect(b.volume).toBeGreaterThanOrEqual(0);
        if (i > 0) expect(b.time).toBeGreaterThanOrEqual(bars[i - 1]!.time);
      }
      expect(await data.historicalBars({ symbols, timeframe: '1Min', start, end })).toStrictEqual(bars);
    });

    it('opens and closes a bar subscription', async () => {
      const data = await factory();
      const sub = data.subscribeBars({ symbols, onBar: () => {} });
      await sub.ready;
      await sub.close();
    });
  });
}
