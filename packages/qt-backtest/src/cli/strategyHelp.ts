/**
 * What `qt-backtest strategies` and `qt-backtest run --help` print: every built-in strategy with
 * its parameters — name, type, default — one line each.
 */
import { builtinStrategies, type StrategyDefinition, type StrategyParam } from '../strategies/registry.js';

/** One parameter as `name: type = default — description` (`(optional)` when it has no default). */
export function paramLine(p: StrategyParam): string {
  const dflt = p.default === undefined ? '(optional)' : `= ${String(p.default)}`;
  return `${p.name}: ${p.type} ${dflt} — ${p.description}`;
}

/**
 * The built-in strategies as text: a name line with the description, then one indented line per
 * parameter.
 *
 * @example
 * strategyHelp(); // "buy-and-hold  On the first bar, buy …\n    fraction: number = 0.99 — …\n…"
 */
export function strategyHelp(strategies: Readonly<Record<string, StrategyDefinition>> = builtinStrategies): string {
  const names = Object.keys(strategies);
  const width = names.reduce((w, n) => Math.max(w, n.length), 0);
  const out: string[] = [];
  for (const name of names) {
    const def = strategies[name]!;
    out.push(`${name.padEnd(width)}  ${def.description}`);
    for (const p of def.params) out.push(`    --param ${paramLine(p)}`);
  }
  return `${out.join('\n')}\n`;
}
