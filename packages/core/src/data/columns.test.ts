import { describe, expect, it } from 'vitest';
import { detectColumns, normaliseHeader, type ColumnLayout } from './columns.js';

const layout = (header: string[], ...rest: Parameters<typeof detectColumns> extends [unknown, ...infer R] ? R : never): ColumnLayout => {
  const r = detectColumns(header, ...rest);
  if ('code' in r) throw new Error(r.message);
  return r;
};

describe('detectColumns', () => {
  it('normalises header names', () => {
    expect(['Adj Close', 'adj_close', 'AdjClose', ' ADJ-CLOSE ', '\uFEFFAdj.Close'].map(normaliseHeader)).toEqual(Array(5).fill('adjclose'));
  });

  it('finds Yahoo, backtrader and long layouts', () => {
    expect(layout(['Date', 'Open', 'High', 'Low', 'Close', 'Adj Close', 'Volume'])).toMatchObject({ layout: 'ohlcv', time: 0, open: 1, close: 4, adjClose: 5, volume: 6 });
    expect(layout(['Date', 'Open', 'High', 'Low', 'Close', 'Volume', 'OpenInterest'])).toMatchObject({ layout: 'ohlcv', volume: 5, adjClose: -1 });
    expect(layout(['ts', 'TICKER', 'c'])).toMatchObject({ layout: 'long', symbol: 1, close: 2 });
  });

  it('reads a Date plus Time pair as one time, and a wide file as tickers', () => {
    expect(layout(['Date', 'Time', 'Open', 'High', 'Low', 'Close'])).toMatchObject({ time: -1, date: 0, timeOfDay: 1 });
    expect(layout(['date', 'GOOG', 'AAPL']).tickers.map((t) => t.name)).toEqual(['GOOG', 'AAPL']);
  });

  it('describes what is missing', () => {
    expect(detectColumns(['Date', 'Open', 'Close'])).toMatchObject({ code: 'missing_column', column: 'high' });
    expect(detectColumns(['Date', 'Close', 'close'])).toMatchObject({ code: 'bad_header' });
    expect(detectColumns(['Price'])).toMatchObject({ code: 'missing_column', column: 'time' });
    expect(detectColumns(['Date', 'Close'], {}, 'long')).toMatchObject({ code: 'missing_column', column: 'symbol' });
  });
});
