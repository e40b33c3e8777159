/**
 * Whole-share allocation of portfolio weights (PyPortfolioOpt 1.5 `DiscreteAllocation.
 * greedy_portfolio`): buy ⌊wᵢ·V/pᵢ⌋ shares, then repeatedly one more share of the affordable asset
 * furthest below its weight; shorts are allocated the same way from `shortRatio × V`.
 */
import { RiskInputError } from '../RiskError.js';

/** Shares per symbol (non-zero only; negative = short) and cash left over. */
export interface DiscreteAllocationResult {
  readonly shares: Readonly<Record<string, number>>;
  readonly leftover: number;
}

/** Last non-missing price of every column (PyPortfolioOpt `get_latest_prices`). */
export function latestPrices(values: Float64Array, symbols: readonly string[]): Float64Array {
  const n = symbols.length;
  const rows = values.length / n;
  return Float64Array.from(symbols, (s, j) => {
    for (let t = rows - 1; t >= 0; t--) {
      const v = values[t * n + j]!;
      if (!Number.isNaN(v)) return v;
    }
    throw new RiskInputError(`no price for ${s}`);
  });
}

function greedyLong(entries: readonly [string, number, number][], total: number): DiscreteAllocationResult {
  // Stable sort by weight, descending (Python's list.sort is stable).
  const w = [...entries].sort((a, b) => b[1] - a[1]);
  let funds = total;
  const shares = w.map(([, weight, price]) => {
    const q = Math.trunc((weight * total) / price);
    funds -= q * price;
    return q;
  });
  const argmax = (d: Float64Array): number => {
    let best = 0;
    for (let i = 1; i < d.length; i++) if (d[i]! > d[best]!) best = i;
    return best;
  };
  const deficit = new Float64Array(w.length);
  while (funds > 0) {
    let held = 0;
    for (let i = 0; i < w.length; i++) held += w[i]![2] * shares[i]!;
    for (let i = 0; i < w.length; i++) deficit[i] = w[i]![1] - (w[i]![2] * shares[i]!) / held;
    let idx = argmax(deficit);
    let price = w[idx]![2];
    let counter = 0;
    while (price > funds) {
      deficit[idx] = 0;
      idx = argmax(deficit);
      if (deficit[idx]! < 0 || counter === 10) break;
      price = w[idx]![2];
      counter++;
    }
    if (deficit[idx]! <= 0 || counter === 10) break;
    shares[idx]!++;
    funds -= price;
  }
  const out: Record<string, number> = {};
  w.forEach(([s], i) => {
    if (shares[i] !== 0) out[s] = shares[i]!;
  });
  return { shares: out, leftover: funds };
}

/**
 * @param input.totalValue portfolio value to allocate (> 0)
 * @param input.shortRatio short book as a fraction of `totalValue` (default: the sum of negative weights)
 * @param input.reinvest add the short proceeds to the long book
 * @example
 * discreteAllocation({ symbols, weights, prices: latestPrices(table.values, symbols), totalValue: 10_000 })
 */
export function discreteAllocation(input: {
  readonly symbols: readonly string[];
  readonly weights: ArrayLike<number>;
  readonly prices: ArrayLike<number>;
  readonly totalValue: number;
  readonly shortRatio?: number;
  readonly reinvest?: boolean;
}): DiscreteAllocationResult {
  const n = input.symbols.length;
  if (input.weights.length !== n || input.prices.length !== n) throw new RiskInputError(`${n} symbols, ${input.weights.length} weights, ${input.prices.length} prices`);
  if (!(input.totalValue > 0)) throw new RiskInputError(`totalValue must be > 0, got ${input.totalValue}`);
  const entries: [string, number, number][] = [];
  for (let i = 0; i < n; i++) {
    const w = input.weights[i]!;
    const p = input.prices[i]!;
    if (Number.isNaN(w)) throw new RiskInputError(`weight of ${input.symbols[i]} is NaN`);
    if (!(p > 0)) throw new RiskInputError(`price of ${input.symbols[i]} is ${p}`);
    entries.push([input.symbols[i]!, w, p]);
  }
  const shortRatio = input.shortRatio ?? entries.reduce((a, [, w]) => a + (w < 0 ? -w : 0), 0);
  if (!(shortRatio >= 0)) throw new RiskInputError(`shortRatio must be ≥ 0, got ${shortRatio}`);
  if (!entries.some(([, w]) => w < 0)) return greedyLong(entries, input.totalValue);
  const longs = entries.filter(([, w]) => w >= 0);
  const shorts = entries.filter(([, w]) => w < 0).map(([s, w, p]) => [s, -w, p] as [string, number, number]);
  const lt = longs.reduce((a, [, w]) => a + w, 0);
  const st = shorts.reduce((a, [, w]) => a + w, 0);
  const shortVal = input.totalValue * shortRatio;
  const longVal = input.totalValue + (input.reinvest === true ? shortVal : 0);
  const a = greedyLong(longs.map(([s, w, p]) => [s, w / lt, p]), longVal);
  const b = greedyLong(shorts.map(([s, w, p]) => [s, w / st, p]), shortVal);
  const shares: Record<string, number> = { ...a.shares };
  for (const [s, q] of Object.entries(b.shares)) shares[s] = -q;
  return { shares, leftover: a.leftover + b.leftover };
}
