/**
 * `qt-backtest run --alpha ./myAlpha.ts --portfolio …`: a user's Alpha class, wrapped in a
 * `FrameworkStrategy` with a built-in portfolio construction, so an alpha becomes a costed
 * backtest without a strategy file.
 */
import { existsSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Alpha, alphaPanel } from '@qt-backtest/alpha';
import {
  alignBars,
  type BarSeries,
  EqualWeightingPortfolio,
  FrameworkStrategy,
  InsightWeightingPortfolio,
  LongShortQuantilePortfolio,
  type PortfolioConstructionModel,
  type Strategy,
} from '@qt-backtest/core';
import { typeParam } from './loadStrategy.js';
import type { RawParams } from './runSettings.js';
import { UsageError } from './runSettings.js';

/** Portfolio construction choices of `--portfolio`. */

/**
 * tsx, imported only when a TypeScript alpha is loaded: its cache flag is read when it loads, and a
 * CLI run must not leave tsx's compile cache in $TMPDIR (issue 11, finding 10).
 */
async function tsxApi(): Promise<typeof import('tsx/esm/api')> {
  process.env['TSX_DISABLE_CACHE'] ??= '1';
  return import('tsx/esm/api');
}

export const PORTFOLIOS: Readonly<Record<string, () => PortfolioConstructionModel>> = {
  'equal-weight': () => new EqualWeightingPortfolio({ gross: 0.95 }),
  'insight-weighted': () => new InsightWeightingPortfolio({ gross: 0.95 }),
  'long-short-quantile': () => new LongShortQuantilePortfolio({ quantiles: 5, gross: 0.95 }),
};

type AlphaClass = new (params: object) => Alpha<object>;

async function importAlpha(file: string): Promise<AlphaClass> {
  if (!existsSync(file)) throw new UsageError(`--alpha ${file}: no such file`);
  const ext = extname(file).toLowerCase();
  let mod: Record<string, unknown>;
  try {
    mod = ['.ts', '.mts', '.cts', '.tsx'].includes(ext)
      ? ((await (await tsxApi()).tsImport(pathToFileURL(file).href, import.meta.url)) as Record<string, unknown>)
      : ((await import(pathToFileURL(file).href)) as Record<string, unknown>);
  } catch (e) {
    throw new Error(`${file}: the alpha file failed to load: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
  let cls = mod['default'];
  if (typeof cls === 'object' && cls !== null && 'default' in cls) cls = (cls as Record<string, unknown>)['default'];
  const proto = typeof cls === 'function' ? (cls as { prototype?: Record<string, unknown> }).prototype : undefined;
  if (proto === undefined || typeof proto['compute'] !== 'function' || typeof proto['validate'] !== 'function') {
    throw new UsageError(`${file}: the default export is not an Alpha class; expected \`export default class MyAlpha extends Alpha { compute(panel) { … } }\``);
  }
  return cls as AlphaClass;
}

/** Settings of {@link alphaStrategy}. */
export interface AlphaRunSettings {
  readonly alpha: string;
  readonly portfolio: string | undefined;
  readonly rebalanceEvery: number | undefined;
  readonly params: RawParams;
}

/**
 * Builds the strategy of `run --alpha`: the alpha (constructed with the `--param` values, typed as
 * numbers/booleans where they look like them) is validated for causality on the traded symbols'
 * aligned bars and wrapped as the alpha model of a `FrameworkStrategy` that rebalances every
 * `rebalanceEvery` bars (default 21) with the chosen construction (default equal-weight).
 *
 * @throws {UsageError} for a missing file, a default export that is not an Alpha class, or an unknown portfolio.
 * @throws {CausalityError} when the alpha reads data after the bar it scores.
 */
export async function alphaStrategy(settings: AlphaRunSettings, series: readonly BarSeries[], traded: readonly string[], cwd: string): Promise<Strategy<object>> {
  const portfolio = settings.portfolio ?? 'equal-weight';
  const make = PORTFOLIOS[portfolio];
  if (make === undefined) throw new UsageError(`--portfolio "${portfolio}": expected one of ${Object.keys(PORTFOLIOS).join(', ')}`);
  const cls = await importAlpha(resolve(cwd, settings.alpha));
  const values: Record<string, number | boolean | string> = {};
  for (const [k, v] of Object.entries(settings.params)) values[k] = typeParam({ spec: settings.alpha, params: undefined }, k, v as string);
  const alpha = new cls(values);
  if (!(alpha instanceof Alpha) && typeof (alpha as { toAlphaModel?: unknown }).toAlphaModel !== 'function') {
    throw new UsageError(`${settings.alpha}: the default export did not construct an Alpha`);
  }
  const panel = alphaPanel(alignBars(series.filter((s) => traded.includes(s.symbol))));
  return new FrameworkStrategy({
    alpha: alpha.toAlphaModel(panel),
    portfolio: make(),
    rebalance: { everyBars: settings.rebalanceEvery ?? 21, onInsightChange: false, onExpiry: false },
  });
}
