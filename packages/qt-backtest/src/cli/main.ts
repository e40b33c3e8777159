/**
 * The `qt-backtest` command line: `validate` and `run`. `main` is the whole CLI as a function —
 * it returns the exit code and never calls `process.exit`, so it runs in tests unchanged.
 */
import { resolve } from 'node:path';
import {
  backtest,
  createBarSeries,
  DataError,
  DAY_MS,
  dayOfIsoDate,
  FixedBpsSlippage,
  formatReport,
  loadBars,
  PercentFee,
  PerShareFee,
  validateBars,
  type BarSeries,
  type BacktestConfig,
  type FeeModel,
  type LoadBarsOptions,
  type Strategy,
} from '@qt-backtest/core';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { builtinStrategies, type StrategyParamValues } from '../strategies/registry.js';

/** Where the CLI writes and which directory relative paths start from. */
export interface CliIo {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  readonly cwd: string;
}

/** A bad command line (exit code 2). */
class UsageError extends Error {}

/** Exit codes: success, run or data failure, usage error. */
const EXIT_OK = 0;
const EXIT_FAILURE = 1;
const EXIT_USAGE = 2;

function numberArg(what: string, check: (n: number) => boolean) {
  return (value: string): number => {
    const n = value.trim() === '' ? Number.NaN : Number(value);
    if (!Number.isFinite(n) || !check(n)) throw new InvalidArgumentError(`expected ${what}.`);
    return n;
  };
}

function dateArg(value: string): number {
  try {
    return dayOfIsoDate(value);
  } catch {
    throw new InvalidArgumentError('expected a date YYYY-MM-DD.');
  }
}

function collect(value: string, previous: readonly string[]): string[] {
  return [...previous, value];
}

interface CommonOptions {
  readonly data: readonly string[];
  readonly symbol?: string;
  readonly adjusted?: boolean;
  readonly verbose?: boolean;
}

interface RunOptions extends CommonOptions {
  readonly strategy: string;
  readonly param: readonly string[];
  readonly cash: number;
  readonly feePct?: number;
  readonly feePerShare?: number;
  readonly feeMin?: number;
  readonly slippageBps?: number;
  readonly volumeLimit?: number;
  readonly from?: number;
  readonly to?: number;
  readonly seed?: number;
  readonly out?: string;
  readonly json?: boolean;
  readonly quiet?: boolean;
}

function loadOptions(opts: CommonOptions, hash: boolean): LoadBarsOptions {
  return {
    ...(opts.symbol === undefined ? {} : { symbol: opts.symbol }),
    adjustment: opts.adjusted === true ? 'adjusted' : 'raw',
    ...(hash ? { hash: true } : {}),
  };
}

/** Parses `key=value` pairs against the strategy's declared parameters. */
function parseParams(strategy: string, pairs: readonly string[]): StrategyParamValues {
  const def = builtinStrategies[strategy];
  if (def === undefined) {
    throw new UsageError(`unknown strategy "${strategy}"; expected one of: ${Object.keys(builtinStrategies).join(', ')}`);
  }
  const out: Record<string, number | boolean> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--param "${pair}": expected key=value`);
    const key = pair.slice(0, eq);
    const raw = pair.slice(eq + 1).trim();
    const spec = def.params.find((p) => p.name === key);
    if (spec === undefined) {
      const names = def.params.map((p) => p.name).join(', ') || '(none)';
      throw new UsageError(`unknown param "${key}" for strategy "${strategy}"; expected one of: ${names}`);
    }
    if (spec.type === 'boolean') {
      if (raw !== 'true' && raw !== 'false') throw new UsageError(`--param ${key}="${raw}": expected true or false`);
      out[key] = raw === 'true';
    } else {
      const n = raw === '' ? Number.NaN : Number(raw);
      if (!Number.isFinite(n) || (spec.type === 'integer' && !Number.isInteger(n))) {
        throw new UsageError(`--param ${key}="${raw}": expected ${spec.type === 'integer' ? 'an integer' : 'a number'}`);
      }
      out[key] = n;
    }
  }
  return out;
}

/** Keeps the bars with `fromDay <= session day <= toDay` (either bound optional). */
function sliceSeries(series: BarSeries, fromDay: number | undefined, toDay: number | undefined): BarSeries {
  const lo = fromDay === undefined ? -Infinity : fromDay * DAY_MS;
  const hi = toDay === undefined ? Infinity : (toDay + 1) * DAY_MS;
  const t = series.time;
  let start = 0;
  while (start < t.length && t[start]! < lo) start++;
  let end = start;
  while (end < t.length && t[end]! < hi) end++;
  return createBarSeries({
    symbol: series.symbol,
    time: t.slice(start, end),
    open: series.open.slice(start, end),
    high: series.high.slice(start, end),
    low: series.low.slice(start, end),
    close: series.close.slice(start, end),
    volume: series.volume.slice(start, end),
    fields: series.fields,
    frequency: series.frequency,
    adjustment: series.adjustment,
    source: series.source,
  });
}

function feeModel(opts: RunOptions): FeeModel | undefined {
  if (opts.feePct !== undefined && opts.feePerShare !== undefined) {
    throw new UsageError('--fee-pct and --fee-per-share are mutually exclusive');
  }
  if (opts.feeMin !== undefined && opts.feePerShare === undefined) throw new UsageError('--fee-min needs --fee-per-share');
  if (opts.feePct !== undefined) return new PercentFee(opts.feePct / 100);
  if (opts.feePerShare !== undefined) return new PerShareFee({ perShare: opts.feePerShare, minimum: opts.feeMin ?? 0 });
  return undefined;
}

function timestamp(): string {
  return new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

const fmtPct = (x: number): string => (Number.isFinite(x) ? `${(x * 100).toFixed(2)}%` : 'n/a');
const fmtNum = (x: number, digits: number): string => (Number.isFinite(x) ? x.toFixed(digits) : 'n/a');

async function runCommand(opts: RunOptions, io: CliIo): Promise<number> {
  const params = parseParams(opts.strategy, opts.param);
  const fees = feeModel(opts);
  if (opts.from !== undefined && opts.to !== undefined && opts.to < opts.from) throw new UsageError('--to is before --from');
  const def = builtinStrategies[opts.strategy]!;

  const loaded = await loadBars(
    opts.data.map((p) => resolve(io.cwd, p)),
    loadOptions(opts, true),
  );
  let data: BacktestConfig['data'] = loaded;
  if (opts.from !== undefined || opts.to !== undefined) {
    const sliced = loaded.symbols.map((s) => sliceSeries(loaded.get(s), opts.from, opts.to));
    const empty = sliced.find((s) => s.length === 0);
    if (empty !== undefined) throw new Error(`no bars of "${empty.symbol}" between --from and --to`);
    data = sliced;
  }
  let strategy: Strategy<object>;
  try {
    strategy = def.create(params, loaded.symbols);
  } catch (e) {
    if (e instanceof RangeError) throw new UsageError(e.message);
    throw e;
  }
  const result = backtest({
    data,
    strategy,
    cash: opts.cash,
    ...(fees === undefined ? {} : { fees }),
    ...(opts.slippageBps === undefined ? {} : { slippage: new FixedBpsSlippage(opts.slippageBps) }),
    ...(opts.volumeLimit === undefined ? {} : { volumeLimit: opts.volumeLimit }),
    ...(opts.seed === undefined ? {} : { seed: opts.seed }),
  });
  const outDir = resolve(io.cwd, opts.out ?? `qt-out/${opts.strategy}-${timestamp()}`);
  await result.writeReport(outDir, { sources: loaded.sources });
  const metrics = result.metrics();

  if (opts.json === true) {
    io.stdout(`${JSON.stringify({ ...result.toJSON(), metrics })}\n`);
  } else if (opts.quiet !== true) {
    const rows: [string, string][] = [
      ['strategy', `${opts.strategy} (${loaded.symbols.join(', ')})`],
      ['final equity', result.exact.finalEquity],
      ['total return', fmtPct(metrics.totalReturn)],
      ['CAGR', fmtPct(metrics.annualReturn)],
      ['Sharpe', fmtNum(metrics.sharpeRatio, 2)],
      ['max drawdown', fmtPct(metrics.maxDrawdown)],
      ['trades', String(result.trades.length)],
      ['win rate', fmtPct(metrics.winRate)],
      ['report', outDir],
    ];
    const width = Math.max(...rows.map(([k]) => k.length));
    io.stdout(`${rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n')}\n`);
  }
  return EXIT_OK;
}

async function validateCommand(opts: CommonOptions, io: CliIo): Promise<number> {
  const { report } = await validateBars(
    opts.data.map((p) => resolve(io.cwd, p)),
    loadOptions(opts, false),
  );
  const text = formatReport(report);
  if (text !== '') io.stdout(text.endsWith('\n') ? text : `${text}\n`);
  return report.ok ? EXIT_OK : EXIT_FAILURE;
}

function addDataOptions(cmd: Command): Command {
  return cmd
    .requiredOption('--data <paths...>', 'CSV/Arrow files or directories')
    .option('--symbol <symbol>', 'symbol of a single-symbol file')
    .option('--adjusted', 'adjust prices by Adj Close / Close (default: raw)')
    .option('--verbose', 'print stack traces of failures');
}

/**
 * Runs the CLI on `argv` (the arguments after the program name) and resolves to the exit code:
 * 0 success, 1 run or data failure, 2 usage error. Output goes only to `io`.
 *
 * @example
 * const code = await main(['validate', '--data', 'prices.csv'], { stdout, stderr, cwd: process.cwd() });
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let code = EXIT_OK;
  let verbose = argv.includes('--verbose');
  const program = new Command('qt-backtest')
    .description('Research-first backtesting: validate data and run built-in strategies.')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s), outputError: (s, write) => write(s) })
    .showSuggestionAfterError(true);

  addDataOptions(program.command('validate').description('Validate bar data and print the report (exit 1 on errors)')).action(
    async (opts: CommonOptions) => {
      verbose = opts.verbose === true;
      code = await validateCommand(opts, io);
    },
  );

  const names = Object.keys(builtinStrategies);
  addDataOptions(program.command('run').description('Backtest a built-in strategy and write its report'))
    .addOption(new Option('--strategy <name>', 'strategy to run').choices(names).makeOptionMandatory())
    .option('--param <key=value>', 'strategy parameter (repeatable)', collect, [])
    .option('--cash <amount>', 'starting cash', numberArg('a positive number', (n) => n > 0), 100_000)
    .option('--fee-pct <percent>', 'fee in percent of traded value', numberArg('a number >= 0', (n) => n >= 0))
    .option('--fee-per-share <amount>', 'fee per share', numberArg('a number >= 0', (n) => n >= 0))
    .option('--fee-min <amount>', 'least fee per order (with --fee-per-share)', numberArg('a number >= 0', (n) => n >= 0))
    .option('--slippage-bps <bps>', 'fixed slippage in basis points', numberArg('a number >= 0', (n) => n >= 0))
    .option('--volume-limit <fraction>', 'most of a bar\'s volume one order may take', numberArg('a number in (0, 1]', (n) => n > 0 && n <= 1))
    .option('--from <date>', 'first session (YYYY-MM-DD)', dateArg)
    .option('--to <date>', 'last session (YYYY-MM-DD)', dateArg)
    .option('--seed <n>', 'random seed', numberArg('an integer', (n) => Number.isInteger(n)))
    .option('--out <dir>', 'report directory (default: qt-out/<strategy>-<timestamp>)')
    .option('--json', 'print the result and metrics as JSON')
    .option('--quiet', 'print nothing on success')
    .action(async (opts: RunOptions) => {
      verbose = opts.verbose === true;
      code = await runCommand(opts, io);
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and `help` exit 0; a missing command (help shown on stderr) and bad options are usage errors.
      return e.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    if (e instanceof UsageError) {
      io.stderr(`error: ${e.message}\n`);
      return EXIT_USAGE;
    }
    const message = e instanceof Error ? e.message : String(e);
    io.stderr(`error: ${message}\n`);
    if (verbose && e instanceof Error && e.stack !== undefined && !(e instanceof DataError)) io.stderr(`${e.stack}\n`);
    else if (verbose && e instanceof DataError) io.stderr(`${formatReport(e.report)}\n`);
    return EXIT_FAILURE;
  }
}
