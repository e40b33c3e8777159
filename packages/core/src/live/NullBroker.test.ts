import { expect, it } from 'vitest';
import { testBrokerContract } from '../testing/brokerContract.js';
import { testMarketDataContract } from '../testing/marketDataContract.js';
import { NullBroker } from './NullBroker.js';
import { NullMarketData } from './NullMarketData.js';

testBrokerContract('NullBroker', () => new NullBroker());
testMarketDataContract('NullMarketData', () => new NullMarketData());

it('NullBroker rejects every order and holds nothing', async () => {
  const b = new NullBroker();
  const o = await b.submitOrder({ clientOrderId: 'x', symbol: 'A', side: 'buy', quantity: '1', type: 'market', timeInForce: 'day' });
  expect(o.status).toBe('rejected');
  expect(await b.positions()).toEqual([]);
  expect((await b.account()).tradingBlocked).toBe(true);
});
