import type { Insight } from './Insight.js';

/** Per symbol (first-seen order): the sign of the summed directions of its insights. */
export function netDirections(insights: readonly Insight[]): Array<[string, number]> {
  const sums = new Map<string, number>();
  for (const i of insights) sums.set(i.symbol, (sums.get(i.symbol) ?? 0) + i.direction);
  return [...sums].map(([s, v]) => [s, Math.sign(v)]);
}
