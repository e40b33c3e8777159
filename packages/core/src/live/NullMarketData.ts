import type { StreamSubscription } from './Broker.js';
import type { BarStreamParams, LiveBar, MarketData } from './MarketData.js';

/**
 * Market data with no bars: history is empty and the stream never emits.
 *
 * @example
 * await new NullMarketData().historicalBars({ symbols: ['X'], timeframe: '1Day', start: 0, end: 1 }); // []
 */
export class NullMarketData implements MarketData {
  readonly name = 'NullMarketData';

  async historicalBars(): Promise<readonly LiveBar[]> {
    return [];
  }

  subscribeBars(_params: BarStreamParams): StreamSubscription {
    return { ready: Promise.resolve(), close: async () => {} };
  }
}
