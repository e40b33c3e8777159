/**
 * A backtest result as Arrow tables (equity curve, trades, fills), for notebooks and other tools.
 */
import { type Float64, makeVector, Table, tableToIPC, type Vector, vectorFromArray, Utf8 } from 'apache-arrow';
import type { BacktestResult } from '../backtest/BacktestResult.js';
import type { ArrowTable } from './ArrowTable.js';

/**
 * The result's tables (real apache-arrow `Table`s, typed structurally: see {@link ArrowTable}).
 * Times are epoch-ms Float64 columns (date labels for daily data).
 */
export interface ResultTables {
  readonly equity: ArrowTable;
  readonly trades: ArrowTable;
  readonly fills: ArrowTable;
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
      side: text(t.map((x) => x.side)),
      entryTime: f64(t.map((x) => x.entryTime)),
      entryPrice: f64(t.map((x) => x.entryPrice)),
      exitTime: f64(t.map((x) => x.exitTime)),
      exitPrice: f64(t.map((x) => x.exitPrice)),
      quantity: f64(t.map((x) => x.quantity)),
      grossPnl: f64(t.map((x) => x.grossPnl)),
      fees: f64(t.map((x) => x.fees)),
      pnl: f64(t.map((x) => x.pnl)),
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

/** Arrow IPC file bytes of a table (one of {@link ResultTables}, or any apache-arrow `Table`). */
export function tableBytes(table: ArrowTable): Uint8Array {
  return tableToIPC(table as Table, 'file');
}
