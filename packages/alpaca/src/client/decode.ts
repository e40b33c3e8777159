/**
 * Decoders of Alpaca JSON into core's live types. Tolerant by design: unknown fields are ignored,
 * unknown enum values are kept as strings, numbers where strings were expected are converted, and
 * only the fields the adapter cannot work without are required.
 */
import type { BrokerOrder, BrokerOrderUpdate, BrokerPosition, LiveBar } from '@qt-backtest/core';

/** A payload lacks a field the adapter needs. */
export class DecodeError extends Error {
  override readonly name = 'DecodeError';
}

type Json = Readonly<Record<string, unknown>>;

function obj(v: unknown, what: string): Json {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new DecodeError(`${what}: expected an object, got ${Array.isArray(v) ? 'an array' : typeof v}`);
  return v as Json;
}

function str(o: Json, key: string, what: string): string {
  const v = o[key];
  if (typeof v === 'string' && v !== '') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  throw new DecodeError(`${what}: field "${key}" is missing or not a string (got ${JSON.stringify(v)})`);
}

function optStr(o: Json, key: string): string | null {
  const v = o[key];
  if (typeof v === 'string') return v === '' ? null : v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
}

const DECIMAL = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i;

function dec(o: Json, key: string, what: string, fallback?: string): string {
  const v = optStr(o, key) ?? fallback;
  if (v === undefined || !DECIMAL.test(v)) throw new DecodeError(`${what}: field "${key}" is not a decimal (got ${JSON.stringify(o[key])})`);
  return v;
}

function optDec(o: Json, key: string, what: string): string | null {
  const v = optStr(o, key);
  if (v === null) return null;
  if (!DECIMAL.test(v)) throw new DecodeError(`${what}: field "${key}" is not a decimal (got ${JSON.stringify(v)})`);
  return v;
}

/** An Order object (§2.5.2). */
export function decodeOrder(v: unknown): BrokerOrder {
  const o = obj(v, 'order');
  const what = `order ${typeof o['id'] === 'string' ? o['id'] : '?'}`;
  return Object.freeze({
    id: str(o, 'id', what),
    clientOrderId: str(o, 'client_order_id', what),
    symbol: str(o, 'symbol', what),
    side: str(o, 'side', what),
    type: optStr(o, 'type') ?? optStr(o, 'order_type') ?? 'market',
    timeInForce: optStr(o, 'time_in_force') ?? 'day',
    quantity: optDec(o, 'qty', what),
    filledQuantity: dec(o, 'filled_qty', what, '0'),
    averageFillPrice: optDec(o, 'filled_avg_price', what),
    limitPrice: optDec(o, 'limit_price', what),
    stopPrice: optDec(o, 'stop_price', what),
    status: str(o, 'status', what),
    submittedAt: optStr(o, 'submitted_at') ?? optStr(o, 'created_at'),
  });
}

/** A Position object (§2.6.3). */
export function decodePosition(v: unknown): BrokerPosition {
  const o = obj(v, 'position');
  const what = `position ${typeof o['symbol'] === 'string' ? o['symbol'] : '?'}`;
  return Object.freeze({ symbol: str(o, 'symbol', what), quantity: dec(o, 'qty', what), averageEntryPrice: dec(o, 'avg_entry_price', what, '0') });
}

/** The `data` of a `trade_updates` message (§4.1). */
export function decodeTradeUpdate(v: unknown): BrokerOrderUpdate {
  const o = obj(v, 'trade update');
  const order = decodeOrder(o['order']);
  const executionId = optStr(o, 'execution_id');
  const quantity = optDec(o, 'qty', 'trade update');
  const price = optDec(o, 'price', 'trade update');
  return Object.freeze({
    event: str(o, 'event', 'trade update'),
    order,
    ...(executionId === null ? {} : { executionId }),
    ...(quantity === null ? {} : { quantity }),
    ...(price === null ? {} : { price }),
  });
}

/**
 * A bar (REST or stream, §5.3): `t` is the bar's start. Daily bars (stamped midnight ET in UTC)
 * become the UTC midnight of their date, the label daily backtest data uses.
 */
export function decodeBar(v: unknown, symbol: string | undefined, daily: boolean): LiveBar {
  const o = obj(v, 'bar');
  const sym = symbol ?? str(o, 'S', 'bar');
  const t = Date.parse(str(o, 't', `bar of ${sym}`));
  if (Number.isNaN(t)) throw new DecodeError(`bar of ${sym}: "t" is not a time (${JSON.stringify(o['t'])})`);
  const num = (k: string): number => {
    const x = o[k];
    if (typeof x !== 'number' || !Number.isFinite(x)) throw new DecodeError(`bar of ${sym} at ${String(o['t'])}: "${k}" is not a number (${JSON.stringify(x)})`);
    return x;
  };
  const time = daily ? Date.UTC(new Date(t + 12 * 3_600_000).getUTCFullYear(), new Date(t + 12 * 3_600_000).getUTCMonth(), new Date(t + 12 * 3_600_000).getUTCDate()) : t;
  return Object.freeze({ symbol: sym, time, open: num('o'), high: num('h'), low: num('l'), close: num('c'), volume: num('v') });
}
