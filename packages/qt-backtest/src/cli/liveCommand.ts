/**
 * `qt-backtest live …` (run a strategy on Alpaca, paper by default) and `qt-backtest audit verify
 * FILE` (check a live run's hash-chained audit log).
 */
import { resolve } from 'node:path';
import { ImmediateSlicing, startLiveSession, TwapSlicing, verifyAuditLog, type SlicingModel } from '@qt-backtest/alpaca';
import type { LiveTimeframe, Strategy } from '@qt-backtest/core';
import { RiskGuard, type RiskLimits } from '@qt-backtest/risk';
import { Option, type Command } from 'commander';
import type { CliIo } from './cliOutput.js';
import { loadStrategy, typeParams } from './loadStrategy.js';
import { paramFlags, UsageError } from './runSettings.js';
import { suspendSignalHandlers } from './signals.js';

/** Flags of `live`. */
interface LiveFlags {
  readonly strategy: string;
  readonly symbols: string;
  readonly param: readonly string[];
  readonly timeframe: string;
  readonly warmup: string;
  readonly paper?: boolean;
  readonly live?: boolean;
  readonly confirmLive?: boolean;
  readonly auditLog?: string;
  readonly statusPort?: string;
  readonly log?: string;
  readonly keepOrders?: boolean;
  readonly execution: string;
  readonly participation?: string;
  readonly maxOrderNotional?: string;
  readonly maxOrderQuantity?: string;
  readonly maxWeight?: string;
  readonly maxLeverage?: string;
  readonly maxDrawdown?: string;
  readonly maxDailyLoss?: string;
}

function collect(value: string, previous: readonly string[]): string[] {
  return [...previous, value];
}

function positive(flag: string, text: string | undefined, integer = false): number | undefined {
  if (text === undefined) return undefined;
  const v = Number(text);
  if (!Number.isFinite(v) || v < 0 || (integer && !Number.isInteger(v))) throw new UsageError(`${flag} "${text}": expected a ${integer ? 'whole ' : ''}number >= 0`);
  return v;
}

function executionModel(spec: string, participation: number | undefined): SlicingModel {
  const p = participation === undefined ? {} : { participation };
  if (spec === 'immediate') return new ImmediateSlicing(p);
  const m = /^twap:(\d+)$/.exec(spec);
  if (m !== null) return new TwapSlicing({ slices: Number(m[1]), ...p });
  throw new UsageError(`--execution "${spec}": expected immediate or twap:N`);
}

async function liveCommand(flags: LiveFlags, io: CliIo, env: Readonly<Record<string, string | undefined>>): Promise<number> {
  const symbols = flags.symbols.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (symbols.length === 0) throw new UsageError('--symbols: expected a comma-separated list such as AAPL,MSFT');
  const timeframe = flags.timeframe as LiveTimeframe;
  if (timeframe !== '1Min' && timeframe !== '1Day') throw new UsageError(`--timeframe "${flags.timeframe}": expected 1Min or 1Day`);
  if (flags.paper === true && flags.live === true) throw new UsageError('--paper and --live contradict each other');
  const factory = await loadStrategy(flags.strategy, io.cwd);
  const values = typeParams(factory, paramFlags(flags.param));
  let inner: Strategy<object>;
  try {
    inner = factory.create(values, symbols);
  } catch (e) {
    if (e instanceof RangeError) throw new UsageError(e.message);
    throw e;
  }
  // Limits and the kill switch: @qt-backtest/risk's RiskGuard wraps the strategy, as in a backtest.
  const limits: RiskLimits = Object.fromEntries(
    (
      [
        ['maxOrderNotional', positive('--max-order-notional', flags.maxOrderNotional)],
        ['maxOrderQuantity', positive('--max-order-quantity', flags.maxOrderQuantity)],
        ['maxWeight', positive('--max-weight', flags.maxWeight)],
        ['maxLeverage', positive('--max-leverage', flags.maxLeverage)],
        ['maxDrawdown', positive('--max-drawdown', flags.maxDrawdown)],
        ['dailyLossLimit', positive('--max-daily-loss', flags.maxDailyLoss)],
      ] as const
    ).filter(([, v]) => v !== undefined),
  );
  let session: Awaited<ReturnType<typeof startLiveSession>> | undefined;
  const strategy =
    Object.keys(limits).length === 0
      ? inner
      : new RiskGuard(inner, limits, { onRiskEvent: (e) => session?.runner.recordRiskEvent({ ...e }) });
  // The session stops itself on SIGINT/SIGTERM (cancel orders, flush, shutdown record, exit 0).
  suspendSignalHandlers();
  session = await startLiveSession({
    env,
    strategy,
    symbols,
    timeframe,
    warmup: positive('--warmup', flags.warmup, true) ?? 0,
    live: flags.live === true,
    confirmLive: flags.confirmLive === true,
    ...(flags.auditLog === undefined ? {} : { auditLog: resolve(io.cwd, flags.auditLog) }),
    ...(flags.log === undefined ? {} : { log: resolve(io.cwd, flags.log) }),
    ...(flags.statusPort === undefined ? {} : { statusPort: positive('--status-port', flags.statusPort, true)! }),
    keepOrdersOnStop: flags.keepOrders === true,
    execution: executionModel(flags.execution, positive('--participation', flags.participation)),
  });
  io.stderr(`live: ${strategy.name} on ${symbols.join(', ')} (${flags.live === true ? 'LIVE' : 'paper'})${session.statusPort === undefined ? '' : `, status on 127.0.0.1:${session.statusPort}`}; Ctrl-C or SIGTERM stops\n`);
  await session.done;
  const positions = session.runner.positions();
  io.stdout(`${JSON.stringify({ stopped: true, positions })}\n`);
  return 0;
}

async function auditVerifyCommand(file: string, io: CliIo, env: Readonly<Record<string, string | undefined>>): Promise<number> {
  const key = env['QT_AUDIT_HMAC_KEY'];
  let v;
  try {
    v = await verifyAuditLog(resolve(io.cwd, file), key === undefined || key === '' ? {} : { hmacKey: key });
  } catch (e) {
    throw new UsageError(`${file}: cannot read the audit log (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  if (!v.ok) {
    io.stderr(`${file}:${v.error!.line}: ${v.error!.reason}\n`);
    return 1;
  }
  io.stdout(`${file}: ok, ${v.records} records, chain intact${key === undefined || key === '' ? '' : ', HMAC verified'}${v.endsWithShutdown ? ', ends with shutdown' : ', no shutdown record (the run did not stop cleanly)'}\n`);
  return 0;
}

/**
 * Registers `live` and `audit verify` on the program. `setCode` receives each command's exit code.
 *
 * @example registerLiveCommands(program, io, (c) => (code = c));
 */
export function registerLiveCommands(program: Command, io: CliIo, setCode: (code: number) => void, env: Readonly<Record<string, string | undefined>> = process.env): void {
  program
    .command('live')
    .description('Run a strategy on Alpaca (paper by default) until SIGINT/SIGTERM; keys from APCA_API_KEY_ID/APCA_API_SECRET_KEY')
    .requiredOption('--strategy <name|file>', 'built-in strategy or a .ts/.js file')
    .requiredOption('--symbols <A,B>', 'symbols to trade, comma-separated')
    .option('--param <key=value>', 'strategy parameter (repeatable)', collect, [])
    .addOption(new Option('--timeframe <tf>', 'bar size').choices(['1Min', '1Day']).default('1Min'))
    .option('--warmup <n>', 'bars of history loaded before the first live bar (no orders during warm-up)', '0')
    .option('--paper', 'paper trading (the default)')
    .option('--live', 'trade live (needs --confirm-live)')
    .option('--confirm-live', 'confirm live trading with real money')
    .option('--audit-log <file>', 'append-only hash-chained audit log (JSON lines)')
    .option('--log <file>', 'structured JSON log file')
    .option('--status-port <port>', 'status page on 127.0.0.1 (token: QT_STATUS_TOKEN)')
    .option('--keep-orders', 'leave working orders at the broker on stop (default: cancel them)')
    .option('--execution <model>', 'immediate or twap:N', 'immediate')
    .option('--participation <fraction>', "largest fraction of a bar's volume one slice may take")
    .option('--max-order-notional <amount>', 'pre-trade limit: largest order value')
    .option('--max-order-quantity <shares>', 'pre-trade limit: largest order in shares')
    .option('--max-weight <fraction>', 'pre-trade limit: largest |position| / equity per symbol')
    .option('--max-leverage <multiple>', 'pre-trade limit: largest gross exposure / equity')
    .option('--max-drawdown <fraction>', 'kill switch: cancel, flatten and halt at this drawdown from peak')
    .option('--max-daily-loss <fraction>', 'no new orders for the day after this loss')
    .option('--verbose', 'print stack traces of failures')
    .action(async (flags: LiveFlags) => setCode(await liveCommand(flags, io, env)));

  program
    .command('audit')
    .description('Audit log tools')
    .command('verify')
    .description('Check the hash chain (and HMAC with QT_AUDIT_HMAC_KEY) of a live run audit log; exit 1 when broken')
    .argument('<file>', 'audit log (JSON lines)')
    .action(async (file: string) => setCode(await auditVerifyCommand(file, io, env)));
}
