import type {
  Broker,
  BrokerAccount,
  BrokerAsset,
  BrokerOrder,
  BrokerPosition,
  CalendarDay,
  MarketClock,
  OrderUpdateParams,
  StreamSubscription,
  SubmitOrderParams,
} from './Broker.js';

/**
 * A broker that trades nothing: every submission comes back `rejected`, lists are empty, the
 * account is empty and blocked, and the market is closed at epoch 0. For wiring tests and dry runs.
 *
 * @example
 * const order = await new NullBroker().submitOrder(params); // order.status === 'rejected'
 */
export class NullBroker implements Broker {
  readonly name = 'NullBroker';

  async submitOrder(params: SubmitOrderParams): Promise<BrokerOrder> {
    return Object.freeze({
      id: `null-${params.clientOrderId}`,
      clientOrderId: params.clientOrderId,
      symbol: params.symbol,
      side: params.side,
      type: params.type,
      timeInForce: params.timeInForce,
      quantity: params.quantity,
      filledQuantity: '0',
      averageFillPrice: null,
      limitPrice: params.limitPrice ?? null,
      stopPrice: params.stopPrice ?? null,
      status: 'rejected',
      submittedAt: null,
    });
  }

  async cancelOrder(): Promise<boolean> {
    return false;
  }

  async replaceOrder(params: { readonly orderId: string }): Promise<BrokerOrder> {
    throw new RangeError(`NullBroker has no order "${params.orderId}" to replace`);
  }

  async listOrders(): Promise<readonly BrokerOrder[]> {
    return [];
  }

  async orderByClientId(): Promise<BrokerOrder | null> {
    return null;
  }

  async positions(): Promise<readonly BrokerPosition[]> {
    return [];
  }

  async account(): Promise<BrokerAccount> {
    return { id: 'null', status: 'INACTIVE', currency: 'USD', cash: '0', equity: '0', buyingPower: '0', tradingBlocked: true };
  }

  async clock(): Promise<MarketClock> {
    return { time: 0, isOpen: false, nextOpen: 0, nextClose: 0 };
  }

  async calendar(): Promise<readonly CalendarDay[]> {
    return [];
  }

  async asset(): Promise<BrokerAsset | null> {
    return null;
  }

  subscribeOrderUpdates(_params: OrderUpdateParams): StreamSubscription {
    return { ready: Promise.resolve(), close: async () => {} };
  }
}
