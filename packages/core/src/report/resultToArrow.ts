/**
 * A backtest result as Arrow tables (equity curve, trades, fills), for notebooks and other tools.
 */
import { type Float64, makeVector, Table, tableToIPC, type Vector, vectorFromArray, Utf8 } from 'apache-arrow';
import type { BacktestResult } from '../engine/BacktestResult.js';

/** The result's tables. Times are epoch-ms Float64 columns (date labels for daily data). */
export interface ResultTables {
  readonly equity: Table;
  readonly trades: Table;
  readonly fills: Table;
}

/** A Float64 column; a Float64Array is wrapped as it is (no copy: a 10-million-bar curve is 80 MB). */
const f64 = (values: Float64Array | readonly number[]): Vector<Float64> => makeVector(values instanceof Float64Array ? values : Float64Array.from(values));
const text = (values: readonly string[]): Vector<Utf8> => vectorFromArray(values as string[], new Utf8());

/**
 * Builds Arrow tables of the equity curve (`time, equity, cash`), trades and fills.
 *
 * @example
 * const { equity } = resultToArrow(result); equity.getChild('equity')!.toArray();
 */
export function resultToArrow(result: BacktestResult): ResultTables {
  const t = result.trades;
  const f = result.fills;
  return {
    equity: new Table({ time: f64(result.time), equity: f64(result.equity), cash: f64(result.cash) }),
    trades: new Table({
      symbol: text(t.map((x) => x.symbol)),
      direction: text(t.map((x) => x.direction)),
      entryTime: f64(t.map((x) => x.entryTime)),
      entryPrice: f64(t.map((x) => x.entryPrice)),
      exitTime: f64(t.map((x) => x.exitTime)),
      exitPrice: f64(t.map((x) => x.exitPrice)),
      quantity: f64(t.map((x) => x.quantity)),
      grossPnl: f64(t.map((x) => x.grossPnl)),
      fees: f64(t.map((x) => x.fees)),
      netPnl: f64(t.map((x) => x.netPnl)),
    }),
    fills: new Table({
      orderId: text(f.map((x) => x.orderId)),
      symbol: text(f.map((x) => x.symbol)),
      side: text(f.map((x) => x.side)),
      time: f64(f.map((x) => x.time)),
      quantity: f64(f.map((x) => x.quantity)),
      price: f64(f.map((x) => x.price)),
      slippage: f64(f.map((x) => x.slippage)),
      fee: f64(f.map((x) => x.fee)),
    }),
  };
}

/** Arrow IPC file bytes of a table. */
export function tableBytes(table: Table): Uint8Array {
  return tableToIPC(table, 'file');
}
