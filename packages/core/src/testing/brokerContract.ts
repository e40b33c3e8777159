import { describe, expect, it } from 'vitest';
import type { Broker, SubmitOrderParams } from '../live/Broker.js';

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** Options of {@link testBrokerContract}. */
export interface BrokerContractOptions {
  /** A symbol the broker accepts orders for (default `AAPL`). */
  readonly symbol?: string;
}

/**
 * Registers vitest tests every {@link Broker} must pass: a non-empty `name`; submitting the same
 * `clientOrderId` twice never creates a second order (the second call returns the first order or
 * throws, and `listOrders({ status: 'all' })` holds at most one order with that id);
 * `orderByClientId` is null for an unknown id; decimal strings in positions and the account; a
 * finite clock; sorted calendar days; and a stream subscription that closes. Call it at the top
 * level of a test file; `factory` may be async (start a mock server there).
 *
 * @example
 * testBrokerContract('MyBroker', async () => new MyBroker(testServerUrl));
 */
export function testBrokerContract(name: string, factory: () => Broker | Promise<Broker>, options: BrokerContractOptions = {}): void {
  const symbol = options.symbol ?? 'AAPL';
  describe(`${name} meets the Broker contract`, () => {
    it('has a non-empty name', async () => {
      const broker = await factory();
      expect(broker.name.length).toBeGreaterThan(0);
    });

    it('never creates two orders for one client order id', async () => {
      const broker = await factory();
      const clientOrderId = `contract-${Math.random().toString(36).slice(2, 12)}`;
      const params: SubmitOrderParams = { clientOrderId, symbol, side: 'buy', quantity: '1', type: 'market', timeInForce: 'day' };
      const first = await broker.submitOrder(params);
      expect(first.clientOrderId).toBe(clientOrderId);
      let second: Awaited<ReturnType<Broker['submitOrder']>> | undefined;
      try {
        second = await broker.submitOrder(params);
      } catch {
        second = undefined;
      }
      if (second !== undefined) expect(second.id).toBe(first.id);
      const all = await broker.listOrders({ status: 'all' });
      expect(all.filter((o) => o.clientOrderId === clientOrderId).length).toBeLessThanOrEqual(1);
    });

    it('answers null for an unknown client order id', async () => {
      const broker = await factory();
      expect(await broker.orderByClientId({ clientOrderId: 'contract-never-submitted-0000' })).toBeNull();
    });

    it('reports positions and the account as decimal strings', async () => {
      const broker = await factory();
      for (const p of await broker.positions()) {
        expect(p.quantity).toMatch(DECIMAL);
        expect(p.averageEntryPrice).toMatch(DECIMAL);
      }
      const account = await broker.account();
      for (const v of [account.cash, account.equity, account.buyingPower]) expect(v).toMatch(DECIMAL);
    });

    it('has a finite clock and a sorted calendar', async () => {
      const broker = await factory();
      const clock = await broker.clock();
      for (const v of [clock.time, clock.nextOpen, clock.nextClose]) expect(Number.isFinite(v)).toBe(true);
      const days = await broker.calendar({ start: '2026-01-01', end: '2026-01-31' });
      for (let i = 1; i < days.length; i++) expect(days[i]!.date > days[i - 1]!.date).toBe(true);
      for (const d of days) expect(d.close).toBeGreaterThan(d.open);
    });

    it('opens and closes an order-update subscription', async () => {
      const broker = await factory();
      const sub = broker.subscribeOrderUpdates({ onUpdate: () => {} });
      await sub.ready;
      await sub.close();
    });
  });
}
