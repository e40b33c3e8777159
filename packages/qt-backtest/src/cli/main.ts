/**
 * The `qt-backtest` command line: `run`, `sweep`, `validate`, `report`, `init`. `main` is the
 * whole CLI as a function — it returns the exit code and never calls `process.exit`, so it runs in
 * tests unchanged.
 */
import { createReadStream, readFileSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { basename, extname, resolve } from 'node:path';
import {
  backtest,
  benchmarkCurve,
  benchmarkReturns,
  DataError,
  DAY_MS,
  formatReport,
  issueLocation,
  isoDate,
  prepareOutputDirectory,
  renderTearSheet,
  resultFromJson,
  ResultFileError,
  validateBars,
  writeReport,
  type BacktestResult,
  type RobustnessVariant,
  type Strategy,
} from '@qt-backtest/core';
import { Command, CommanderError, Option } from 'commander';
import { builtinStrategies } from '../strategies/registry.js';
import { initProject } from './initProject.js';
import { registerLiveCommands } from './liveCommand.js';
import { loadStrategy, typeParams } from './loadStrategy.js';
import { costModels, loadOptions, prepareData } from './prepareRun.js';
import { ProgressBar } from './ProgressBar.js';
import { withDefaultSignals } from './signals.js';
import { ROBUSTNESS_MAX_BASE_MS, robustnessRuns } from './robustnessRuns.js';
import { checkFlag, mergeSettings, readConfigFile, settingsJson, UsageError, type RunSettings } from './runSettings.js';
import { strategyHelp } from './strategyHelp.js';
import { sweepCommand } from './sweepCommand.js';
import { walkForwardCommand } from './walkForwardCommand.js';
import { registerFactorCommand } from './factorCommand.js';
import { alphaStrategy, PORTFOLIOS } from './alphaRun.js';
import { registerOptimizeCommand } from './optimizeCommand.js';
import { workerCommand } from './workerCommand.js';
import { writeFileAtomically } from './writeFileAtomically.js';
import { diagnosticsText, equityText, runId, summaryRows, table, type CliIo } from './cliOutput.js';

export type { CliIo } from './cliOutput.js';

/** The version of the `qt-backtest` package (its package.json, two levels above src/cli or dist/cli). */
export const CLI_VERSION: string = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** Exit codes: success, run or data failure, usage error. */
const EXIT_OK = 0;
const EXIT_FAILURE = 1;
const EXIT_USAGE = 2;

function collect(value: string, previous: readonly string[]): string[] {
  return [...previous, value];
}

/** Options every command that reads settings shares. */
interface OutputFlags {
  readonly json?: boolean;
  readonly quiet?: boolean;
  readonly verbose?: boolean;
  readonly config?: string;
  readonly param: readonly string[];
  /** `--no-robustness` sets it to false (run only). */
  readonly robustness?: boolean;
}

/** Reads the settings of a `run` or `sweep`: the config file (if any), then the flags typed. */
export function settingsOf(cmd: Command, opts: OutputFlags & Record<string, unknown>, io: CliIo): RunSettings {
  const config = opts.config === undefined ? {} : readConfigFile(resolve(io.cwd, opts.config));
  const flags: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(opts)) {
    if (value === undefined || ['json', 'quiet', 'verbose', 'config', 'param', 'executor', 'search', 'budget', 'robustness'].includes(key)) continue;
    if (cmd.getOptionValueSource(key) === 'cli') flags[key] = value;
  }
  return mergeSettings(config, flags, opts.param);
}

/** Loads the data and runs the engine; the bars go out of scope on return (a 10 M-bar run frees ~0.5 GB). */
async function backtestOf(
  settings: RunSettings,
  flags: OutputFlags,
  io: CliIo,
  factory: Awaited<ReturnType<typeof loadStrategy>> | undefined,
  values: ReturnType<typeof typeParams>,
) {
  const data = await prepareData(settings, io.cwd);
  checkBenchmarkStart(data);
  let strategy: Strategy<object>;
  try {
    strategy =
      factory === undefined
        ? await alphaStrategy({ alpha: settings.alpha!, portfolio: settings.portfolio, rebalanceEvery: settings.rebalanceEvery, params: settings.params }, data.series, data.traded, io.cwd)
        : factory.create(values, data.traded);
  } catch (e) {
    if (e instanceof RangeError) throw new UsageError(e.message);
    throw e;
  }
  const bar = io.stderrIsTTY === true && flags.quiet !== true && flags.json !== true ? new ProgressBar(io.stderr, 'bars') : undefined;
  let result;
  try {
    result = withDefaultSignals(() =>
      backtest({
        data: data.series,
        strategy,
        ...costModels(settings),
        ...(bar === undefined ? {} : { onProgress: (done: number, total: number) => bar.update(done, total) }),
      }),
    );
  } finally {
    bar?.finish();
  }
  const bench = data.benchmark === undefined ? undefined : { name: data.benchmark.symbol, equity: benchmarkCurve(result.time, data.benchmark) };
  // The robustness panel: three re-runs under harsher assumptions, when the run is fast enough.
  let robustness: readonly RobustnessVariant[] | undefined;
  let robustnessNote: string;
  if (flags.robustness === false) {
    robustnessNote = 'off (--no-robustness)';
  } else if (factory === undefined) {
    robustnessNote = 'not available for --alpha runs yet';
  } else if (result.wallTimeMs > ROBUSTNESS_MAX_BASE_MS) {
    robustnessNote = `skipped: the run took ${(result.wallTimeMs / 1000).toFixed(1)} s (the panel re-runs it 3 times when it takes <= ${ROBUSTNESS_MAX_BASE_MS / 1000} s)`;
  } else {
    robustness = robustnessRuns(data.series, settings, () => factory.create(values, data.traded));
    const sharpe = (r: { metrics(): { sharpeRatio: number } } | undefined): string => (r === undefined ? 'failed' : r.metrics().sharpeRatio.toFixed(2));
    robustnessNote = `Sharpe ${result.metrics().sharpeRatio.toFixed(2)} as run; ${robustness.map((v) => `${v.label.toLowerCase()} ${sharpe(v.result as BacktestResult | undefined)}`).join('; ')} (report: Robustness)`;
  }
  const prices = data.series.filter((s) => s.symbol !== data.benchmark?.symbol);
  return { result, bench, sources: data.sources, warnings: data.warnings, traded: data.traded, prices, robustness, robustnessNote };
}

async function runCommand(settings: RunSettings, flags: OutputFlags, io: CliIo): Promise<number> {
  // With --alpha there is no strategy file: the alpha class is loaded once the data is known.
  const factory = settings.alpha === undefined ? await loadStrategy(settings.strategy, io.cwd) : undefined;
  const values = factory === undefined ? {} : typeParams(factory, settings.params);
  // A bad --out fails now, not after the backtest (nothing is created yet).
  const wanted = resolve(io.cwd, settings.out ?? `qt-out/${runId(settings.strategy)}`);
  await prepareOutputDirectory(wanted);
  const { result, bench, sources, warnings, traded, prices, robustness, robustnessNote } = await backtestOf(settings, flags, io, factory, values);
  // A default name is reserved only now, atomically: a run started in the same second gets "-2".
  const outDir = settings.out === undefined ? await prepareOutputDirectory(wanted, { unique: true }) : wanted;
  try {
    await writeReport(result, outDir, {
      sources,
      config: settingsJson(settings),
      dataWarnings: warnings,
      ...(bench === undefined ? {} : { benchmark: bench }),
      tearSheet: { prices, ...(robustness === undefined ? {} : { robustness }) },
    });
  } catch (e) {
    if (settings.out === undefined) await rm(outDir, { recursive: true, force: true });
    throw e;
  }
  if (flags.json === true) {
    // Streamed: a 10 M-bar result.json is larger than one string may be.
    for await (const chunk of createReadStream(resolve(outDir, 'result.json'), { encoding: 'utf8', highWaterMark: 1 << 20 })) io.stdout(chunk as string);
  } else if (flags.quiet !== true) {
    const m = result.metrics(bench === undefined ? {} : { benchmarkReturns: benchmarkReturns(bench.equity) });
    const label = `${result.strategy} on ${traded.join(', ')}${bench === undefined ? '' : ` (benchmark ${bench.name})`}`;
    // A single file named the symbol (a directory of per-symbol files is the documented convention).
    const inferred = settings.symbol === undefined && settings.data.length === 1 ? inferredSymbols(sources) : [];
    const notes: [string, string][] = [];
    if (inferred.length === 1) notes.push(['symbol', `${inferred[0]!.symbol} (from the file name ${inferred[0]!.file}); --symbol names a single file's symbol`]);
    const sizing = factory === undefined ? undefined : sizingText(factory.params, values);
    if (sizing !== undefined) notes.push(['sizing', sizing]);
    const warned = warnings.warningCount;
    const extra: [string, string][] = [];
    if (warned > 0) extra.push(['data warnings', `${warned} (listed in result.json; \`qt-backtest validate\` shows all)`]);
    extra.push(['robustness', robustnessNote], ['report', outDir]);
    io.stdout(table([['strategy', label], ...notes, ...summaryRows(m, equityText(result), extra)]));
    const shownWarnings = warnings.warnings.slice(0, 5);
    for (const w of shownWarnings) io.stdout(`warning  ${issueLocation(w)}  [${w.code}]  ${w.message}\n`);
    if (warned > shownWarnings.length) io.stdout(`         … and ${warned - shownWarnings.length} more warning(s)\n`);
    io.stdout(diagnosticsText(result.diagnostics));
  }
  return EXIT_OK;
}

/** The symbols the loader named after their files (no symbol column, no `--symbol`). */
function inferredSymbols(sources: PreparedSources): { symbol: string; file: string }[] {
  const out: { symbol: string; file: string }[] = [];
  for (const src of sources) {
    const stem = basename(src.path, extname(src.path));
    if (src.symbols?.length === 1 && src.symbols[0] === stem) out.push({ symbol: stem, file: basename(src.path) });
  }
  return out;
}

type PreparedSources = Awaited<ReturnType<typeof prepareData>>['sources'];

/**
 * The sizing in effect, stated for the summary: `sizePct=0.95 (default): …` — so a result is never
 * read without knowing how much of the account it put at risk. A given `sizePct` wins over a given
 * `size` (as in the built-ins), a given `size` over the `sizePct` default.
 */
export function sizingText(declared: readonly { readonly name: string; readonly default: number | boolean | undefined; readonly description: string }[] | undefined, values: Readonly<Record<string, unknown>>): string | undefined {
  if (declared === undefined) return undefined;
  const decl = (name: string) => declared.find((d) => d.name === name);
  for (const name of ['sizePct', 'size', 'fraction']) {
    const p = decl(name);
    if (p !== undefined && values[name] !== undefined) return `${name}=${String(values[name])}: ${p.description}`;
  }
  for (const name of ['sizePct', 'fraction', 'size']) {
    const p = decl(name);
    if (p?.default !== undefined) return `${name}=${String(p.default)} (default): ${p.description}`;
  }
  return undefined;
}

/**
 * Fails early, with dates and a fix, when the benchmark starts after the first bar of the data
 * (the benchmark curve needs a price on every bar of the run).
 *
 * @throws {UsageError} naming both dates and suggesting `--from`.
 */
function checkBenchmarkStart(data: Awaited<ReturnType<typeof prepareData>>): void {
  const b = data.benchmark;
  if (b === undefined || b.time.length === 0) return;
  let first = Infinity;
  for (const s of data.series) if (s.symbol !== b.symbol && s.time.length > 0) first = Math.min(first, s.time[0]!);
  const start = b.time[0]!;
  if (!(start > first)) return;
  const day = (t: number): string => (t % DAY_MS === 0 ? isoDate(t) : new Date(t).toISOString());
  throw new UsageError(
    `--benchmark ${b.symbol} starts on ${day(start)}, after the first bar of the data (${day(first)}); ` +
      `add --from ${day(start).slice(0, 10)} so that the run starts when the benchmark does`,
  );
}

async function validateCommand(opts: { data: readonly string[]; symbol?: string; adjusted?: boolean }, io: CliIo): Promise<number> {
  const { report, bars } = await validateBars(
    opts.data.map((p) => resolve(io.cwd, p)),
    loadOptions({ symbol: opts.symbol, adjusted: opts.adjusted === true }, false),
  );
  const text = formatReport(report);
  if (text !== '') io.stdout(text.endsWith('\n') ? text : `${text}\n`);
  if (bars !== null) {
    const rows = bars.symbols.reduce((n, s) => n + bars.get(s).length, 0);
    io.stdout(`ok: ${bars.symbols.length} symbol(s), ${rows.toLocaleString('en-US')} bars\n`);
  }
  return report.ok ? EXIT_OK : EXIT_FAILURE;
}

async function reportCommand(file: string, opts: { out?: string; quiet?: boolean }, io: CliIo): Promise<number> {
  const path = resolve(io.cwd, file);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new UsageError(`${file}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const stored = resultFromJson(text, file);
  const html = renderTearSheet(stored.result, { ...stored.tearSheet, ...(stored.benchmark === undefined ? {} : { benchmark: stored.benchmark }) });
  const out = resolve(io.cwd, opts.out ?? resolve(path, '..', 'report.html'));
  await writeFileAtomically(out, html);
  if (opts.quiet !== true) io.stdout(`report written to ${out}\n`);
  return EXIT_OK;
}

/** Adds the settings flags shared by `run` and `sweep` (each checked by `checkFlag`). */
function addRunOptions(cmd: Command): Command {
  const check = (key: string) => (value: string) => checkFlag(key, value);
  return cmd
    .option('--data <paths...>', 'CSV/Arrow/Parquet files or directories')
    .option('--symbol <symbol>', 'symbol of a single-symbol file')
    .option('--adjusted', 'adjust prices by Adj Close / Close (default: raw)')
    .option('--strategy <name|file>', `built-in (${Object.keys(builtinStrategies).join(', ')}; see below) or a .ts/.js file`)
    .option('--param <key=value>', 'strategy parameter (repeatable)', collect, [])
    .option('--config <file>', 'JSON file of settings (flags override it)')
    .option('--cash <amount>', 'starting cash (default 100000)', check('cash'))
    .option('--fee-pct <percent>', 'fee in percent of traded value', check('feePct'))
    .option('--fee-per-share <amount>', 'fee per share', check('feePerShare'))
    .option('--fee-min <amount>', 'least fee per order (with --fee-per-share)', check('feeMin'))
    .option('--slippage-bps <bps>', 'fixed slippage in basis points', check('slippageBps'))
    .option('--volume-limit <fraction>', "most of a bar's volume one order may take", check('volumeLimit'))
    .option('--from <date>', 'first session (YYYY-MM-DD)', check('from'))
    .option('--to <date>', 'last session (YYYY-MM-DD)', check('to'))
    .option('--benchmark <symbol|file>', 'benchmark: a symbol of the data (not traded) or a file')
    .option('--seed <n>', 'random seed', check('seed'))
    .option('--alpha <file>', 'instead of --strategy: a .ts/.js file whose default export extends Alpha (run only)', check('alpha'))
    .option('--portfolio <name>', `with --alpha: ${Object.keys(PORTFOLIOS).join(', ')} (default equal-weight)`, check('portfolio'))
    .option('--rebalance-every <bars>', 'with --alpha: rebalance every this many bars (default 21)', check('rebalanceEvery'))
    .option('--out <dir>', 'output directory (default: qt-out/<run id>)')
    .option('--json', 'print the result JSON to stdout')
    .option('--quiet', 'print nothing on success')
    .option('--verbose', 'print stack traces of failures')
    .addHelpText('after', `\nBuilt-in strategies and their parameters (--param name=value):\n${strategyHelp()}`);
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
  const verbose = argv.includes('--verbose');
  const program = new Command('qt-backtest')
    .description('Research-first backtesting: run, sweep, validate and report.')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s), outputError: (s, write) => write(s) })
    .showSuggestionAfterError(true)
    .version(CLI_VERSION, '-V, --version', 'print the version of qt-backtest');

  program
    .command('strategies')
    .description('List the built-in strategies with their parameters, types and defaults')
    .action(() => {
      io.stdout(strategyHelp());
      code = EXIT_OK;
    });

  program
    .command('validate')
    .description('Validate bar data and print the report (exit 1 on errors)')
    .requiredOption('--data <paths...>', 'CSV/Arrow/Parquet files or directories')
    .option('--symbol <symbol>', 'symbol of a single-symbol file')
    .option('--adjusted', 'check adjusted prices')
    .option('--verbose', 'print stack traces of failures')
    .action(async (opts: { data: string[]; symbol?: string; adjusted?: boolean }) => {
      code = await validateCommand(opts, io);
    });

  const run = addRunOptions(program.command('run').description('Backtest a strategy and write its report directory')).option(
    '--no-robustness',
    `skip the robustness panel (3 re-runs: pessimistic intrabar, fills one bar later, costs × 2; on when the run takes <= ${ROBUSTNESS_MAX_BASE_MS / 1000} s)`,
  );
  run.action(async (opts: OutputFlags & Record<string, unknown>) => {
    code = await runCommand(settingsOf(run, opts, io), opts, io);
  });

  const sweep = addRunOptions(program.command('sweep').description('Backtest every parameter set of a grid on worker threads'))
    .addOption(new Option('--workers <n>', 'worker threads (default: CPU cores)').argParser((v) => checkFlag('workers', v)))
    .option('--metric <name>', 'metric that picks the best trial (default sharpeRatio)', (v) => checkFlag('metric', v))
    .option('--executor <redis://HOST:PORT>', 'run the trials on `qt-backtest worker` processes through Redis (default: local threads)')
    .addOption(new Option('--search <method>', 'grid (every set), random (seeded by --seed) or tpe (Bayesian, Tree-structured Parzen Estimator)').choices(['grid', 'random', 'tpe']).default('grid'))
    .option('--budget <n>', 'most trials (default: the whole grid; 100 for random and tpe)', (v) => {
      const n = Number(v);
      if (!(Number.isInteger(n) && n >= 1)) throw new UsageError(`--budget ${v}: expected an integer >= 1`);
      return n;
    });
  sweep.action(async (opts: OutputFlags & Record<string, unknown>) => {
    code = await sweepCommand(settingsOf(sweep, opts, io), opts as OutputFlags & { search?: 'grid' | 'random' | 'tpe'; budget?: number; executor?: string }, io);
  });

  program
    .command('walk-forward')
    .description('Train a model walk-forward (inner purged CV) and report only out-of-sample numbers')
    .requiredOption('--config <file>', 'walk-forward JSON: data, features, label, estimator, search, windows')
    .option('--out <dir>', 'output directory (default: the config\'s "out", else qt-out/walk-forward-<time>)')
    .option('--json', 'print metrics.json to stdout')
    .option('--quiet', 'print nothing on success')
    .option('--verbose', 'print stack traces of failures')
    .action(async (opts: { config: string; out?: string; quiet?: boolean; json?: boolean }) => {
      code = await walkForwardCommand(opts, io);
    });

  program
    .command('worker')
    .description('Serve sweep trials from Redis until stopped (same data files as the submitter, checked by hash)')
    .requiredOption('--redis <redis://HOST:PORT>', 'the Redis server sweeps are submitted to')
    .option('--concurrency <n>', 'trials held at once by this process (start one process per core)', '1')
    .option('--lock-duration <ms>', "a dead worker's trials are retried elsewhere after about this long", '30000')
    .option('--quiet', 'print nothing but errors')
    .action(async (opts: { redis: string; concurrency: string; lockDuration: string; quiet?: boolean }) => {
      code = await workerCommand(opts, io);
    });

  program
    .command('report')
    .description('Re-render report.html from a result.json')
    .argument('<result.json>', 'a result.json written by run or sweep')
    .option('--out <file>', 'HTML file to write (default: report.html beside result.json)')
    .option('--quiet', 'print nothing on success')
    .option('--verbose', 'print stack traces of failures')
    .action(async (file: string, opts: { out?: string; quiet?: boolean }) => {
      code = await reportCommand(file, opts, io);
    });

  registerFactorCommand(program, io, (c) => (code = c));
  registerOptimizeCommand(program, io, (c) => (code = c));

  program
    .command('init')
    .description('Scaffold a project: a typed example strategy, a config file, sample data and a README')
    .argument('<dir>', 'directory to create (must not exist or be empty)')
    .option('--quiet', 'print nothing on success')
    .action(async (dir: string, opts: { quiet?: boolean }) => {
      const written = await initProject(resolve(io.cwd, dir));
      if (opts.quiet !== true) io.stdout(`created ${dir}/: ${written.join(', ')}\nnext: cd ${dir} && npm install && npx qt-backtest run --config run.json\n`);
      code = EXIT_OK;
    });

  registerLiveCommands(program, io, (c) => (code = c));

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
    if (verbose && e instanceof DataError) io.stderr(`${formatReport(e.report)}\n`);
    else if (verbose && e instanceof Error && e.stack !== undefined && !(e instanceof ResultFileError)) io.stderr(`${e.stack}\n`);
    return EXIT_FAILURE;
  }
}
