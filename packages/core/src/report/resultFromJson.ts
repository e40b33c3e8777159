/**
 * Reads a `result.json` back into a result, so that reports can be re-rendered without re-running.
 */
import { equityReturns } from '../analyzer/resultMetrics.js';
import { inferFrequency } from '../analyzer/inferFrequency.js';
import type { BacktestResult, Delisting, FillPolicy, OpenPosition, Ruin } from '../backtest/BacktestResult.js';
import { completeResult } from '../backtest/completeResult.js';
import { DiagnosticCode, type Diagnostic } from '../backtest/Diagnostic.js';
import type { EngineRun } from '../engine/EngineRun.js';
import { tearSheetExtrasFromJson } from './tearSheetExtras.js';
import type { MarginCalled } from '../engine/events.js';
import type { Trade } from '../ledger/Trade.js';
import type { Fill, Order } from '../orders/Order.js';
import { QtError } from '../errors.js';
import { DAY_MS, dayOfIsoDate } from '../time/civil.js';

/** A `result.json` that cannot be read: names the file, the JSON path, the value and what was expected. */
export class ResultFileError extends QtError {
  readonly file: string;
  readonly path: string;
  readonly value: unknown;
  readonly expected: string;

  constructor(file: string, path: string, value: unknown, expected: string) {
    const shown = JSON.stringify(value)?.slice(0, 60) ?? String(value);
    super(`${file}: ${path} is ${shown}; expected ${expected}`);
    this.file = file;
    this.path = path;
    this.value = value;
    this.expected = expected;
  }
}

/** A benchmark curve stored in `result.json` (aligned with the result's bars). */
export interface StoredBenchmark {
  readonly name: string;
  readonly equity: Float64Array;
}

/** A result read back from JSON, with the benchmark and run config stored beside it (if any). */
export interface StoredResult {
  readonly result: BacktestResult;
  readonly benchmark: StoredBenchmark | undefined;
  readonly config: unknown;
  /** What the tear sheet drew beyond the result (price charts, robustness, sweep), for `renderTearSheet`. */
  readonly tearSheet: ReturnType<typeof tearSheetExtrasFromJson>;
}

type Json = Record<string, unknown>;

class Reader {
  readonly #file: string;
  constructor(file: string) {
    this.#file = file;
  }

  fail(path: string, value: unknown, expected: string): never {
    throw new ResultFileError(this.#file, path, value, expected);
  }

  object(v: unknown, path: string): Json {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) this.fail(path, v, 'an object');
    return v as Json;
  }

  array(v: unknown, path: string): unknown[] {
    if (!Array.isArray(v)) this.fail(path, v, 'an array');
    return v;
  }

  /** JSON has no NaN or Infinity: `JSON.stringify` writes them as null, read back as NaN. */
  number(v: unknown, path: string): number {
    if (v === null) return Number.NaN;
    if (typeof v !== 'number') this.fail(path, v, 'a number');
    return v;
  }

  string(v: unknown, path: string): string {
    if (typeof v !== 'string') this.fail(path, v, 'a string');
    return v;
  }

  time(v: unknown, path: string): number {
    const s = this.string(v, path);
    if (/^\d{4}-\d{2}-\d{2}$/.test(s)) {
      try {
        return dayOfIsoDate(s) * DAY_MS;
      } catch {
        this.fail(path, v, 'a valid date YYYY-MM-DD');
      }
    }
    const t = Date.parse(s);
    if (!/^\d{4}-\d{2}-\d{2}T/.test(s) || Number.isNaN(t)) this.fail(path, v, 'a date YYYY-MM-DD or an ISO date-time');
    return t;
  }
}

/**
 * Parses the text of a `result.json` written by `writeReport` (or `qt-backtest run`) back into a
 * result: curves, positions, orders, fills, trades and totals, enough to recompute the metrics
 * and re-render the tear sheet. Recorded order events are not stored in `result.json`, so
 * `events` is empty.
 *
 * @param file - the file name quoted in errors
 * @throws {ResultFileError} naming the JSON path and value when a required field is missing or malformed.
 * @example
 * const { result, benchmark } = resultFromJson(await readFile('qt-out/run/result.json', 'utf8'), 'result.json');
 * const html = renderTearSheet(result, benchmark === undefined ? {} : { benchmark });
 */
export function resultFromJson(text: string, file = 'result.json'): StoredResult {
  const r = new Reader(file);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    r.fail('(file)', text.slice(0, 40), `JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  const root = r.object(parsed, '$');
  const curve = r.array(root['equity'], '$.equity');
  const n = curve.length;
  if (n === 0) r.fail('$.equity', curve, 'at least one bar');
  const time = new Float64Array(n);
  const equity = new Float64Array(n);
  const cash = new Float64Array(n);
  const longValue = new Float64Array(n);
  const shortValue = new Float64Array(n);
  curve.forEach((row, i) => {
    const p = `$.equity[${i}]`;
    const o = r.object(row, p);
    time[i] = r.time(o['time'], `${p}.time`);
    if (i > 0 && !(time[i]! > time[i - 1]!)) r.fail(`${p}.time`, o['time'], 'a time after the previous bar');
    equity[i] = r.number(o['equity'], `${p}.equity`);
    cash[i] = r.number(o['cash'], `${p}.cash`);
    longValue[i] = o['longValue'] === undefined ? Number.NaN : r.number(o['longValue'], `${p}.longValue`);
    shortValue[i] = o['shortValue'] === undefined ? Number.NaN : r.number(o['shortValue'], `${p}.shortValue`);
  });
  const initialCash = r.number(root['initialCash'], '$.initialCash');

  const positionsJson = r.object(root['positions'] ?? {}, '$.positions');
  const positions = new Map<string, Float64Array>();
  for (const [symbol, q] of Object.entries(positionsJson)) {
    const arr = r.array(q, `$.positions.${symbol}`);
    if (arr.length !== n) r.fail(`$.positions.${symbol}`, `${arr.length} values`, `${n} values (one per bar)`);
    positions.set(symbol, Float64Array.from(arr, (v, i) => r.number(v, `$.positions.${symbol}[${i}]`)));
  }

  const list = (key: string): Json[] => r.array(root[key] ?? [], `$.${key}`).map((v, i) => r.object(v, `$.${key}[${i}]`));
  const fills = list('fills').map((f, i) => ({ ...f, time: r.time(f['time'], `$.fills[${i}].time`) }) as unknown as Fill);
  const orders = list('orders').map((o, i) => ({ ...o, submittedAt: r.time(o['submittedAt'], `$.orders[${i}].submittedAt`) }) as unknown as Order);
  // Files before 0.2 carry the old names too (`direction`, `netPnl`): the Trade now uses `side` and `pnl`.
  const trades = list('trades').map((t, i) => {
    const { direction: _direction, netPnl: _netPnl, ...rest } = t;
    return {
      ...rest,
      entryTime: r.time(t['entryTime'], `$.trades[${i}].entryTime`),
      exitTime: r.time(t['exitTime'], `$.trades[${i}].exitTime`),
    } as unknown as Trade;
  });
  const openPositions = list('openPositions').map(
    (p, i) => ({ ...p, entryTime: r.time(p['entryTime'], `$.openPositions[${i}].entryTime`) }) as unknown as OpenPosition,
  );
  const marginCalls = list('marginCalls').map((m, i) => ({ ...m, time: r.time(m['time'], `$.marginCalls[${i}].time`) }) as unknown as MarginCalled);
  // Older files have no long/short values: rebuild gross exposure as equity − cash (all long).
  if (Number.isNaN(longValue[0]!)) {
    for (let i = 0; i < n; i++) {
      const net = equity[i]! - cash[i]!;
      longValue[i] = Math.max(net, 0);
      shortValue[i] = Math.max(-net, 0);
    }
  }

  // Files written before these fields existed have no ruin and no delistings.
  const ruinJson = root['ruin'];
  const ruin: Ruin | null =
    ruinJson === undefined || ruinJson === null
      ? null
      : (() => {
          const o = r.object(ruinJson, '$.ruin');
          return { time: r.time(o['time'], '$.ruin.time'), index: r.number(o['index'], '$.ruin.index'), equity: r.number(o['equity'], '$.ruin.equity') };
        })();
  const delistings = list('delistings').map(
    (d, i) =>
      ({
        ...d,
        time: r.time(d['time'], `$.delistings[${i}].time`),
        lastBarTime: r.time(d['lastBarTime'], `$.delistings[${i}].lastBarTime`),
      }) as unknown as Delisting,
  );
  const exact = r.object(root['exact'], '$.exact');
  const totals = r.object(root['totals'], '$.totals');
  const benchJson = root['benchmark'];
  let benchmark: StoredBenchmark | undefined;
  if (benchJson !== undefined) {
    const b = r.object(benchJson, '$.benchmark');
    const values = r.array(b['equity'], '$.benchmark.equity');
    if (values.length !== n) r.fail('$.benchmark.equity', `${values.length} values`, `${n} values (one per bar)`);
    benchmark = {
      name: r.string(b['name'], '$.benchmark.name'),
      equity: Float64Array.from(values, (v, i) => r.number(v, `$.benchmark.equity[${i}]`)),
    };
  }

  const run: EngineRun = Object.freeze({
    strategy: r.string(root['strategy'], '$.strategy'),
    params: r.object(root['params'] ?? {}, '$.params'),
    symbols: r.array(root['symbols'], '$.symbols').map((s, i) => r.string(s, `$.symbols[${i}]`)),
    time,
    equity,
    returns: equityReturns({ equity, initialCash }),
    cash,
    longValue,
    shortValue,
    positions,
    orders,
    fills,
    trades,
    openPositions,
    events: [],
    marginCalls,
    ruin,
    delistings,
    initialCash,
    finalEquity: r.number(root['finalEquity'], '$.finalEquity'),
    finalCash: r.number(root['finalCash'], '$.finalCash'),
    exact: {
      finalEquity: r.string(exact['finalEquity'], '$.exact.finalEquity'),
      finalCash: r.string(exact['finalCash'], '$.exact.finalCash'),
    },
    totals: {
      realisedPnl: r.number(totals['realisedPnl'], '$.totals.realisedPnl'),
      fees: r.number(totals['fees'], '$.totals.fees'),
      borrow: r.number(totals['borrow'], '$.totals.borrow'),
      interest: r.number(totals['interest'], '$.totals.interest'),
    },
    policy: r.object(root['policy'], '$.policy') as unknown as FillPolicy,
    wallTimeMs: 0,
  });
  const result = completeResult(run, inferFrequency(time), diagnosticsOf(root['diagnostics'], r));
  return { result, benchmark, config: root['config'], tearSheet: tearSheetExtrasFromJson(root['tearSheet']) };
}

const CODES = new Set<string>(Object.values(DiagnosticCode));

/** `$.diagnostics` (absent in files written before diagnostics existed: none). */
function diagnosticsOf(json: unknown, r: Reader): Diagnostic[] {
  if (json === undefined) return [];
  return r.array(json, '$.diagnostics').map((v, i) => {
    const p = `$.diagnostics[${i}]`;
    const d = r.object(v, p);
    const code = r.string(d['code'], `${p}.code`);
    if (!CODES.has(code)) r.fail(`${p}.code`, code, `one of ${[...CODES].join(', ')}`);
    const severity = r.string(d['severity'], `${p}.severity`);
    if (severity !== 'info' && severity !== 'warning') r.fail(`${p}.severity`, severity, '"info" or "warning"');
    const reason = d['reason'];
    return {
      code: code as DiagnosticCode,
      severity,
      message: r.string(d['message'], `${p}.message`),
      count: r.number(d['count'], `${p}.count`),
      examples: r.array(d['examples'], `${p}.examples`).map((e, k) => r.string(e, `${p}.examples[${k}]`)),
      ...(reason === undefined ? {} : { reason: r.string(reason, `${p}.reason`) }),
    };
  });
}
