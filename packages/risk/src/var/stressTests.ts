/**
 * Stress tests: historical scenarios replayed from the data (the worst N periods of the current
 * portfolio, or a named window held buy-and-hold) and hypothetical shocks per symbol or sector,
 * with a scenario report. All figures are returns of the portfolio (× its value for money).
 */
import { RiskInputError } from '../RiskError.js';
import { formatDate, type PriceTable, type ReturnTable } from '../PriceTable.js';

/** One stress scenario's outcome. */
export interface ScenarioResult {
  readonly name: string;
  readonly kind: 'historical-period' | 'historical-window' | 'hypothetical';
  /** Portfolio return under the scenario (−0.12 = lose 12 %). */
  readonly portfolioReturn: number;
  /** wᵢ × the asset's return; sums to `portfolioReturn`. */
  readonly contributions: Readonly<Record<string, number>>;
  /** Dates or shock description. */
  readonly detail: string;
  /** Symbols with no data in the scenario (treated as unchanged). */
  readonly missing: readonly string[];
}

function checkWeights(symbols: readonly string[], weights: ArrayLike<number>): void {
  if (weights.length !== symbols.length) throw new RiskInputError(`${weights.length} weights for ${symbols.length} symbols`);
  for (let i = 0; i < weights.length; i++) if (!Number.isFinite(weights[i]!)) throw new RiskInputError(`weight of ${symbols[i]} is ${weights[i]}`);
}

/**
 * The `count` periods in which today's weights would have lost most (worst first). A missing
 * asset return counts as 0 and is listed in `missing`.
 */
export function worstPeriods(returns: ReturnTable, weights: ArrayLike<number>, count = 10): ScenarioResult[] {
  const { symbols, times, values } = returns;
  checkWeights(symbols, weights);
  const n = symbols.length;
  const port = Array.from({ length: times.length }, (_, t) => {
    let s = 0;
    for (let i = 0; i < n; i++) {
      const r = values[t * n + i]!;
      if (r === r) s += weights[i]! * r;
    }
    return [s, t] as const;
  });
  port.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return port.slice(0, count).map(([r, t]) => {
    const contributions: Record<string, number> = {};
    const missing: string[] = [];
    symbols.forEach((s, i) => {
      const x = values[t * n + i]!;
      if (x !== x) missing.push(s);
      contributions[s] = x === x ? weights[i]! * x : 0;
    });
    return { name: `worst period ${formatDate(times[t]!)}`, kind: 'historical-period', portfolioReturn: r, contributions, detail: formatDate(times[t]!), missing };
  });
}

/**
 * Buy-and-hold of today's weights through a named window `[from, to]` of prices (first and last
 * rows inside it): asset return pᵢ(end)/pᵢ(start) − 1; an asset without both prices is unchanged.
 */
export function windowScenario(prices: PriceTable, weights: ArrayLike<number>, window: { readonly name: string; readonly from: number; readonly to: number }): ScenarioResult {
  const { symbols, times, values } = prices;
  checkWeights(symbols, weights);
  const n = symbols.length;
  let a = 0;
  while (a < times.length && times[a]! < window.from) a++;
  let b = times.length - 1;
  while (b >= 0 && times[b]! > window.to) b--;
  if (!(b > a)) throw new RiskInputError(`scenario "${window.name}": fewer than 2 price rows between ${formatDate(window.from)} and ${formatDate(window.to)}`);
  const contributions: Record<string, number> = {};
  const missing: string[] = [];
  let total = 0;
  symbols.forEach((s, i) => {
    const p0 = values[a * n + i]!;
    const p1 = values[b * n + i]!;
    if (!(p0 > 0) || !(p1 > 0)) {
      missing.push(s);
      contributions[s] = 0;
      return;
    }
    const c = weights[i]! * (p1 / p0 - 1);
    contributions[s] = c;
    total += c;
  });
  return { name: window.name, kind: 'historical-window', portfolioReturn: total, contributions, detail: `${formatDate(times[a]!)} → ${formatDate(times[b]!)}`, missing };
}

/**
 * A hypothetical shock: each symbol moves by its own shock, else its sector's, else `default`
 * (0). E.g. `{ bySector: { Tech: -0.3 }, bySymbol: { XOM: 0.1 } }`.
 */
export function hypotheticalShock(
  symbols: readonly string[],
  weights: ArrayLike<number>,
  shock: {
    readonly name: string;
    readonly bySymbol?: Readonly<Record<string, number>>;
    readonly sectorOf?: Readonly<Record<string, string>>;
    readonly bySector?: Readonly<Record<string, number>>;
    readonly default?: number;
  },
): ScenarioResult {
  checkWeights(symbols, weights);
  for (const [k, v] of Object.entries({ ...shock.bySymbol, ...shock.bySector })) {
    if (!(v >= -1) || !Number.isFinite(v)) throw new RiskInputError(`shock "${shock.name}": ${k} moves by ${v}; must be a finite return ≥ −1`);
  }
  for (const s of Object.keys(shock.bySymbol ?? {})) if (!symbols.includes(s)) throw new RiskInputError(`shock "${shock.name}": unknown symbol ${s}`);
  const contributions: Record<string, number> = {};
  let total = 0;
  symbols.forEach((s, i) => {
    const sector = shock.sectorOf?.[s];
    const r = shock.bySymbol?.[s] ?? (sector === undefined ? undefined : shock.bySector?.[sector]) ?? shock.default ?? 0;
    const c = weights[i]! * r;
    contributions[s] = c;
    total += c;
  });
  const parts = [
    ...Object.entries(shock.bySector ?? {}).map(([k, v]) => `${k} ${(v * 100).toFixed(1)}%`),
    ...Object.entries(shock.bySymbol ?? {}).map(([k, v]) => `${k} ${(v * 100).toFixed(1)}%`),
  ];
  return { name: shock.name, kind: 'hypothetical', portfolioReturn: total, contributions, detail: parts.join(', ') || 'no shock', missing: [] };
}

/**
 * A scenario report: one row per scenario (worst first) with the loss in money for
 * `portfolioValue`, the three largest contributors, and the same as a Markdown table.
 */
export function scenarioReport(
  scenarios: readonly ScenarioResult[],
  options: { readonly portfolioValue?: number } = {},
): { readonly rows: readonly { readonly name: string; readonly portfolioReturn: number; readonly pnl: number; readonly worstContributors: readonly [string, number][]; readonly detail: string }[]; readonly markdown: string } {
  const value = options.portfolioValue ?? 1;
  const rows = [...scenarios]
    .sort((a, b) => a.portfolioReturn - b.portfolioReturn)
    .map((s) => ({
      name: s.name,
      portfolioReturn: s.portfolioReturn,
      pnl: s.portfolioReturn * value,
      worstContributors: Object.entries(s.contributions)
        .sort((a, b) => a[1] - b[1])
        .slice(0, 3),
      detail: s.detail + (s.missing.length > 0 ? ` (no data: ${s.missing.join(', ')})` : ''),
    }));
  const pct = (x: number): string => `${(x * 100).toFixed(2)}%`;
  const markdown = [
    '| scenario | return | P&L | largest losses | detail |',
    '| --- | ---: | ---: | --- | --- |',
    ...rows.map((r) => `| ${r.name} | ${pct(r.portfolioReturn)} | ${r.pnl.toFixed(2)} | ${r.worstContributors.map(([k, v]) => `${k} ${pct(v)}`).join(', ')} | ${r.detail} |`),
  ].join('\n');
  return { rows, markdown: `${markdown}\n` };
}
