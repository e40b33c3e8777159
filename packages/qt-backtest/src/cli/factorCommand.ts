/**
 * `qt-backtest factor`: alphalens-style factor analysis of a factor file against prices (or
 * returns), writing `factor.json` and the HTML tear sheet `factor.html`.
 */
import { resolve } from 'node:path';
import { analyzeFactor, loadFactorData, renderFactorTearSheet } from '@qt-backtest/alpha';
import { writeDirectoryAtomically } from '@qt-backtest/core';
import type { Command } from 'commander';
import type { CliIo } from './cliOutput.js';
import { table } from './cliOutput.js';
import { UsageError } from './runSettings.js';

/** Flags of `qt-backtest factor`. */
export interface FactorFlags {
  readonly factor: string;
  readonly prices?: string;
  readonly returns?: string;
  readonly groups?: string;
  readonly periods: string;
  readonly quantiles: string;
  readonly out?: string;
  readonly json?: boolean;
  readonly quiet?: boolean;
}

function integers(text: string, flag: string, min: number, max: number): number[] {
  const parts = text.split(',').map((s) => s.trim());
  const values = parts.map(Number);
  values.forEach((v, i) => {
    if (!(Number.isInteger(v) && v >= min && v <= max)) throw new UsageError(`${flag}: "${parts[i]}" is not an integer in ${min}…${max}`);
  });
  if (new Set(values).size !== values.length) throw new UsageError(`${flag}: "${text}" repeats a value`);
  return values;
}

/** Runs the analysis and writes the output directory; resolves to the exit code (0). */
export async function factorCommand(flags: FactorFlags, io: CliIo): Promise<number> {
  if ((flags.prices === undefined) === (flags.returns === undefined)) throw new UsageError('give exactly one of --prices and --returns');
  const periods = integers(flags.periods, '--periods', 1, 10_000);
  const [quantiles] = integers(flags.quantiles, '--quantiles', 2, 255);
  const at = (p: string | undefined) => (p === undefined ? undefined : resolve(io.cwd, p));
  const loaded = await loadFactorData({
    factor: at(flags.factor)!,
    ...(flags.prices === undefined ? {} : { prices: at(flags.prices)! }),
    ...(flags.returns === undefined ? {} : { returns: at(flags.returns)! }),
    ...(flags.groups === undefined ? {} : { groups: at(flags.groups)! }),
  });
  const report = analyzeFactor(loaded.input, { periods, quantiles: quantiles! });
  const json = JSON.stringify(
    {
      ...report,
      inputs: { factor: flags.factor, prices: flags.prices ?? null, returns: flags.returns ?? null, groups: flags.groups ?? null },
      droppedByLoader: loaded.drops,
      factorRows: loaded.factorRows,
    },
  );
  const outDir = resolve(io.cwd, flags.out ?? 'qt-out/factor');
  const notes = [
    `factor ${flags.factor} · ${flags.prices === undefined ? `returns ${flags.returns}` : `prices ${flags.prices}`}${flags.groups === undefined ? '' : ` · groups ${flags.groups}`}`,
    `${loaded.factorRows.toLocaleString('en-US')} factor rows read; before analysis the loader dropped ${loaded.drops.dateNotInPrices} with a date not in the prices, ${loaded.drops.symbolNotInPrices} with a symbol without prices, ${loaded.drops.emptyFactor} empty`,
  ];
  await writeDirectoryAtomically(outDir, {
    'factor.json': `${json}\n`,
    'factor.html': () => renderFactorTearSheet(report, { title: `Factor tear sheet: ${flags.factor}`, notes }),
  });
  if (flags.json === true) io.stdout(`${json}\n`);
  else if (flags.quiet !== true) {
    const rows: Array<[string, string]> = [['factor', flags.factor]];
    const f = (x: number | null, d = 4) => (x === null ? '—' : x.toFixed(d));
    for (const p of report.periods) {
      const s = report.icSummary[String(p)]!;
      rows.push([`IC ${p}`, `mean ${f(s.mean)}  std ${f(s.std)}  t ${f(s.tStat, 2)}  p ${s.pValue === null ? '—' : s.pValue.toExponential(2)}`]);
    }
    const d = report.dropped;
    rows.push(['rows', `${d.kept.toLocaleString('en-US')} analysed of ${loaded.factorRows.toLocaleString('en-US')} read`]);
    rows.push([
      'dropped',
      `${loaded.drops.dateNotInPrices} date not in prices, ${loaded.drops.symbolNotInPrices} symbol without prices, ${loaded.drops.emptyFactor} empty, ` +
        `${d.nonFiniteFactor} non-finite, ${d.missingForwardReturns} no forward return, ${d.binning} binning`,
    ]);
    rows.push(['report', outDir]);
    io.stdout(table(rows));
  }
  return 0;
}

/** Registers `factor` on the program; `done` receives the exit code. */
export function registerFactorCommand(program: Command, io: CliIo, done: (code: number) => void): void {
  program
    .command('factor')
    .description('Factor analysis with alphalens conventions: factor.json and an HTML tear sheet')
    .requiredOption('--factor <file>', 'factor CSV: long "date,symbol,factor" or wide (date column, one column per symbol)')
    .option('--prices <path>', 'prices: a wide CSV of closes or any file/directory loadBars reads')
    .option('--returns <file>', 'instead of prices: a wide CSV of one-row simple returns')
    .option('--groups <file>', 'CSV with header "symbol,group" for the group-adjusted variants')
    .option('--periods <list>', 'forward-return periods in rows', '1,5,10')
    .option('--quantiles <n>', 'quantiles per date', '5')
    .option('--out <dir>', 'output directory (default qt-out/factor)')
    .option('--json', 'print factor.json to stdout')
    .option('--quiet', 'print nothing on success')
    .option('--verbose', 'print stack traces of failures')
    .action(async (opts: FactorFlags) => {
      done(await factorCommand(opts, io));
    });
}
