/**
 * `qt-backtest optimize`: portfolio weights from a wide price file with the @qt-backtest/risk
 * optimisers; writes optimize.json (fixed shape, see {@link OptimizeOutput}) and a self-contained
 * report.html, or prints the JSON with `--json`.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { writeDirectoryAtomically, VERSION } from '@qt-backtest/core';
import {
  blackLitterman,
  capmReturn,
  claMaxSharpe,
  claMinVolatility,
  efficientReturn,
  efficientRisk,
  emaHistoricalReturn,
  exponentialCovariance,
  hierarchicalRiskParity,
  ledoitWolf,
  ledoitWolfConstantCorrelation,
  ledoitWolfSingleFactor,
  marketImpliedPriorReturns,
  maxSharpe,
  meanHistoricalReturn,
  minVolatility,
  parseDate,
  parsePriceCsv,
  portfolioPerformance,
  returnsFromPrices,
  riskParity,
  sampleCovariance,
  selectRows,
  semicovariance,
  oracleApproximatingShrinkage,
  formatDate,
  type CovarianceEstimate,
  type OptimisedPortfolio,
  type PortfolioProblem,
  type ReturnTable,
} from '@qt-backtest/risk';
import { Command } from 'commander';
import { table, type CliIo } from './cliOutput.js';
import { optimizeReport } from './optimizeReport.js';
import { COVARIANCES, OPTIMIZE_METHODS, RETURN_MODELS, type OptimizeMethod, type OptimizeOutput, type OptimizeSettings } from './optimizeOutput.js';

export { OPTIMIZE_METHODS, type OptimizeMethod, type OptimizeOutput, type OptimizeSettings };
import { UsageError } from './runSettings.js';

function num(name: string, v: string): number {
  const x = Number(v);
  if (v.trim() === '' || !Number.isFinite(x)) throw new UsageError(`--${name}: "${v}" is not a number`);
  return x;
}

function choice<T extends string>(name: string, v: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(v)) throw new UsageError(`--${name}: "${v}" is not one of ${allowed.join(', ')}`);
  return v as T;
}

/** Checks raw commander options. */
export function optimizeSettings(opts: Record<string, unknown>): OptimizeSettings {
  const str = (k: string): string | undefined => (typeof opts[k] === 'string' ? (opts[k] as string) : undefined);
  const prices = str('prices');
  if (prices === undefined) throw new UsageError('--prices <file> is required');
  const method = choice('method', str('method') ?? '', OPTIMIZE_METHODS);
  const boundsText = str('bounds') ?? '0,1';
  const parts = boundsText.split(',');
  if (parts.length !== 2) throw new UsageError(`--bounds: "${boundsText}" is not LO,HI`);
  const bounds = [num('bounds', parts[0]!), num('bounds', parts[1]!)] as const;
  if (!(bounds[0] <= bounds[1])) throw new UsageError(`--bounds: lower ${bounds[0]} is above upper ${bounds[1]}`);
  for (const k of ['from', 'to']) {
    const v = str(k);
    if (v !== undefined && Number.isNaN(parseDate(v))) throw new UsageError(`--${k}: "${v}" is not a date (YYYY-MM-DD)`);
  }
  const target = str('target') === undefined ? undefined : num('target', str('target')!);
  if ((method === 'efficient-risk' || method === 'efficient-return') && target === undefined) {
    throw new UsageError(`--method ${method} needs --target (${method === 'efficient-risk' ? 'annual volatility' : 'annual return'})`);
  }
  const tau = str('tau') === undefined ? 0.05 : num('tau', str('tau')!);
  const riskAversion = str('riskAversion') === undefined ? 1 : num('risk-aversion', str('riskAversion')!);
  return {
    prices,
    method,
    ...(str('from') === undefined ? {} : { from: str('from')! }),
    ...(str('to') === undefined ? {} : { to: str('to')! }),
    riskFree: str('riskFree') === undefined ? 0 : num('risk-free', str('riskFree')!),
    covariance: choice('covariance', str('covariance') ?? 'sample', COVARIANCES),
    expectedReturns: choice('expected-returns', str('expectedReturns') ?? 'mean', RETURN_MODELS),
    bounds,
    ...(target === undefined ? {} : { target }),
    linkage: choice('linkage', str('linkage') ?? 'single', ['single', 'ward'] as const),
    euclidean: opts['euclidean'] === true,
    ...(str('views') === undefined ? {} : { views: str('views')! }),
    ...(str('marketCaps') === undefined ? {} : { marketCaps: str('marketCaps')! }),
    tau,
    riskAversion,
  };
}

function estimateCovariance(returns: ReturnTable, kind: OptimizeSettings['covariance']): CovarianceEstimate {
  switch (kind) {
    case 'sample':
      return sampleCovariance(returns);
    case 'ledoit-wolf':
      return ledoitWolf(returns);
    case 'ledoit-wolf-single-factor':
      return ledoitWolfSingleFactor(returns);
    case 'ledoit-wolf-constant-correlation':
      return ledoitWolfConstantCorrelation(returns);
    case 'oas':
      return oracleApproximatingShrinkage(returns);
    case 'exponential':
      return exponentialCovariance(returns);
    case 'semicovariance':
      return semicovariance(returns);
  }
}

function estimateReturns(returns: ReturnTable, kind: OptimizeSettings['expectedReturns'], rf: number): Float64Array {
  if (kind === 'ema') return emaHistoricalReturn(returns);
  if (kind === 'capm') return capmReturn(returns, { riskFreeRate: rf });
  return meanHistoricalReturn(returns);
}

async function readJsonRecord(path: string, what: string): Promise<Record<string, number>> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (e) {
    throw new UsageError(`${what} ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new UsageError(`${what} ${path}: expected a JSON object of symbol → number`);
  for (const [k, v] of Object.entries(parsed)) {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new UsageError(`${what} ${path}: "${k}" is ${JSON.stringify(v)}, expected a number`);
  }
  return parsed as Record<string, number>;
}

/** Runs the optimisation (no I/O besides reading the input files). */
export async function runOptimize(s: OptimizeSettings, cwd: string): Promise<OptimizeOutput> {
  const file = resolve(cwd, s.prices);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new Error(`--prices ${s.prices}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
  const all = parsePriceCsv(text, s.prices);
  const prices = selectRows(all, s.from === undefined ? undefined : parseDate(s.from), s.to === undefined ? undefined : parseDate(s.to));
  const returns = returnsFromPrices(prices);
  const symbols = returns.symbols;
  const n = symbols.length;
  const warnings: string[] = [];
  const mu = estimateReturns(returns, s.expectedReturns, s.riskFree);
  const est = estimateCovariance(returns, s.covariance);
  warnings.push(...est.warnings);
  let cov = est.matrix;
  let muUsed = mu;
  const problem = (): PortfolioProblem => ({ symbols, covariance: cov, expectedReturns: muUsed, lower: s.bounds[0], upper: s.bounds[1] });
  const rf = { riskFreeRate: s.riskFree };
  let result: OptimisedPortfolio;
  let order: readonly string[] | undefined;
  switch (s.method) {
    case 'min-volatility':
      result = minVolatility(problem(), rf);
      break;
    case 'max-sharpe':
      result = maxSharpe(problem(), rf);
      break;
    case 'efficient-risk':
      result = efficientRisk(problem(), s.target!, rf);
      break;
    case 'efficient-return':
      result = efficientReturn(problem(), s.target!, rf);
      break;
    case 'cla-min-volatility':
      result = claMinVolatility(problem(), rf);
      break;
    case 'cla-max-sharpe':
      result = claMaxSharpe(problem(), rf);
      break;
    case 'risk-parity':
      result = riskParity({ symbols, covariance: cov, expectedReturns: mu, riskFreeRate: s.riskFree });
      break;
    case 'hrp': {
      // Sample covariance: cluster on the pairwise correlation of the returns, as HRPOpt(returns).
      const hrp = hierarchicalRiskParity(s.covariance === 'sample' ? returns : { symbols, covariance: cov }, {
        linkage: s.linkage,
        euclideanDistance: s.euclidean,
        expectedReturns: mu,
        riskFreeRate: s.riskFree,
      });
      cov = hrp.covariance;
      result = hrp;
      order = hrp.order;
      break;
    }
    case 'black-litterman': {
      let prior = mu;
      if (s.marketCaps !== undefined) {
        const caps = await readJsonRecord(resolve(cwd, s.marketCaps), '--market-caps');
        prior = marketImpliedPriorReturns(symbols.map((x) => caps[x] ?? 0), s.riskAversion, cov, s.riskFree);
      }
      const views = s.views === undefined ? {} : await readJsonRecord(resolve(cwd, s.views), '--views');
      if (Object.keys(views).length === 0) warnings.push('black-litterman without --views: the posterior is the prior');
      const bl =
        Object.keys(views).length === 0
          ? { posteriorReturns: prior, posteriorCovariance: cov }
          : blackLitterman({ symbols, covariance: cov, prior, absoluteViews: views, tau: s.tau, riskAversion: s.riskAversion });
      muUsed = bl.posteriorReturns;
      cov = bl.posteriorCovariance;
      result = maxSharpe(problem(), rf);
      break;
    }
  }
  const w = result.weights;
  const perf = portfolioPerformance(w, cov, muUsed, s.riskFree);
  const sw = new Float64Array(n);
  let variance = 0;
  for (let i = 0; i < n; i++) {
    let acc = 0;
    for (let j = 0; j < n; j++) acc += cov[i * n + j]! * w[j]!;
    sw[i] = acc;
    variance += w[i]! * acc;
  }
  if (order === undefined) order = hierarchicalRiskParity({ symbols, covariance: cov }).order;
  const frontier: { expectedReturn: number; volatility: number }[] = [];
  try {
    const p = problem();
    const lo = minVolatility(p).performance.expectedReturn;
    let hi = -Infinity;
    for (let i = 0; i < n; i++) hi = Math.max(hi, muUsed[i]!);
    // The highest achievable return under the bounds: fill the best assets up to their caps.
    const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => muUsed[b]! - muUsed[a]!);
    let left = 1 - s.bounds[0] * n;
    let best = 0;
    for (const i of idx) {
      const extra = Math.min(s.bounds[1] - s.bounds[0], left);
      best += (s.bounds[0] + extra) * muUsed[i]!;
      left -= extra;
    }
    hi = Math.min(hi, best);
    for (let k = 0; k <= 24; k++) {
      const target = lo + ((hi - lo) * k) / 24;
      const pt = efficientReturn(p, k === 24 ? target - 1e-12 : target).performance;
      frontier.push({ expectedReturn: pt.expectedReturn, volatility: pt.volatility });
    }
  } catch (e) {
    warnings.push(`efficient frontier not drawn: ${e instanceof Error ? e.message : String(e)}`);
  }
  const rec = (xs: ArrayLike<number>): Record<string, number> => Object.fromEntries(symbols.map((x, i) => [x, xs[i]!]));
  return {
    method: s.method,
    weights: rec(w),
    performance: perf,
    covariance: { symbols, matrix: symbols.map((_, i) => Array.from(cov.subarray(i * n, i * n + n))) },
    expectedReturns: rec(muUsed),
    riskContributions: rec(Array.from(sw, (v, i) => (w[i]! * v) / variance)),
    clusterOrder: order,
    frontier,
    settings: s,
    data: { rows: prices.times.length, returns: returns.times.length, first: formatDate(prices.times[0]!), last: formatDate(prices.times[prices.times.length - 1]!) },
    warnings,
    generatedBy: `qt-backtest ${VERSION}`,
  };
}

/** Registers `optimize` on the program; `done` receives the exit code. */
export function registerOptimizeCommand(program: Command, io: CliIo, done: (code: number) => void): void {
  program
    .command('optimize')
    .description('Optimise portfolio weights from a wide price file; write optimize.json and report.html')
    .requiredOption('--prices <file>', 'CSV: date,SYM1,SYM2,… (one price column per symbol; empty = missing)')
    .requiredOption('--method <method>', OPTIMIZE_METHODS.join(' | '))
    .option('--from <date>', 'first price row (inclusive, YYYY-MM-DD)')
    .option('--to <date>', 'last price row (inclusive)')
    .option('--risk-free <rate>', 'annual risk-free rate (default 0)')
    .option('--covariance <model>', `${COVARIANCES.join(' | ')} (default sample)`)
    .option('--expected-returns <model>', `${RETURN_MODELS.join(' | ')} (default mean = geometric)`)
    .option('--bounds <lo,hi>', 'weight bounds per asset (default 0,1)')
    .option('--target <x>', 'annual volatility (efficient-risk) or return (efficient-return)')
    .option('--linkage <method>', 'hrp clustering: single | ward (default single)')
    .option('--euclidean', "hrp: López de Prado's Euclidean distance of the distance matrix")
    .option('--views <file>', 'black-litterman: JSON {"SYM": expected return, …}')
    .option('--market-caps <file>', 'black-litterman: JSON {"SYM": market cap, …} for the implied prior')
    .option('--tau <x>', 'black-litterman τ (default 0.05)')
    .option('--risk-aversion <x>', 'black-litterman δ (default 1)')
    .option('--out <dir>', 'output directory (default qt-out/optimize-<method>-<time>)')
    .option('--json', 'print optimize.json to stdout')
    .option('--quiet', 'print nothing on success')
    .option('--verbose', 'print stack traces of failures')
    .action(async (opts: Record<string, unknown>) => {
      const settings = optimizeSettings(opts);
      const out = await runOptimize(settings, io.cwd);
      const json = `${JSON.stringify(out, null, 2)}\n`;
      const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
      const dir = resolve(io.cwd, typeof opts['out'] === 'string' ? opts['out'] : join('qt-out', `optimize-${settings.method}-${stamp}`));
      await writeDirectoryAtomically(dir, { 'optimize.json': json, 'report.html': () => optimizeReport(out) });
      if (opts['json'] === true) io.stdout(json);
      else if (opts['quiet'] !== true) {
        const top = Object.entries(out.weights)
          .filter(([, v]) => Math.abs(v) > 1e-4)
          .sort((a, b) => b[1] - a[1])
          .map(([k, v]) => [k, `${(v * 100).toFixed(2)}%`] as [string, string]);
        io.stdout(
          table([
            ['method', out.method],
            ['expected return', `${(out.performance.expectedReturn * 100).toFixed(2)}%`],
            ['volatility', `${(out.performance.volatility * 100).toFixed(2)}%`],
            ['Sharpe', out.performance.sharpeRatio.toFixed(3)],
            ...top,
          ]) + `wrote ${dir}\n`,
        );
      }
      for (const w of out.warnings) io.stderr(`warning: ${w}\n`);
      done(0);
    });
}
