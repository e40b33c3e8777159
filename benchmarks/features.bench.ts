/**
 * Indicator kernels on 1,000,000 values: for SMA(20), EMA(20), RSI(14), ATR(14), MACD(12,26,9) and
 * Bollinger(20, 2), our native kernel (`@qt-backtest/features`) against (a) a plain hand-written
 * Float64Array loop with naive running sums, one pass, producing the same outputs as the native
 * kernel (Bollinger's five, MACD's three), the floor a kernel is held to (target: native within
 * 2× of it), and (b) `technicalindicators`, the npm library (target: native ≥ 10× faster).
 *
 * Three benchmarks per indicator, `features-<indicator>-{naive,technicalindicators,native}`, run in
 * that order; the native one's notes print both ratios, from the medians of the three (and from
 * their minima, the steadier figure on a busy machine).
 * Every run checks its output against the naive loop's, so a broken fast path cannot report a
 * good number.
 */
import { SeededRandom } from '@qt-backtest/core';
import { atr, bollinger, ema, macd, rsi, sma } from '@qt-backtest/features';
import { ATR, BollingerBands, EMA, MACD, RSI, SMA } from 'technicalindicators';
import type { Benchmark } from './Benchmark.js';
import { defineBenchmark } from './Benchmark.js';
import { median } from './harness.js';

const N = 1_000_000;

/** Seeded data, as typed arrays for our kernels and plain arrays for the library (converted untimed). */
interface Data {
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly plain: { readonly high: number[]; readonly low: number[]; readonly close: number[] };
}

let cached: Data | null = null;

/** A multiplicative random walk (±0.1 % steps, so 1M steps stay within a few e-folds of 100) with consistent high/low. */
function data(): Data {
  if (cached !== null) return cached;
  const rng = new SeededRandom(20_240_601);
  const high = new Float64Array(N);
  const low = new Float64Array(N);
  const close = new Float64Array(N);
  let p = 100;
  for (let i = 0; i < N; i++) {
    const o = p;
    p = o * (1 + (rng.next() - 0.5) * 0.002);
    close[i] = p;
    high[i] = Math.max(o, p) * (1 + rng.next() * 0.001);
    low[i] = Math.min(o, p) * (1 - rng.next() * 0.001);
  }
  cached = { high, low, close, plain: { high: Array.from(high), low: Array.from(low), close: Array.from(close) } };
  return cached;
}

// ---------------------------------------------------------------------------------------------
// The baseline: plain loops with naive running sums (the accumulation error they carry is the
// price of their speed; the native kernels are exactly rounded and NaN-aware).

function naiveSma(x: Float64Array, period: number): Float64Array {
  const out = new Float64Array(x.length);
  let s = 0;
  for (let i = 0; i < x.length; i++) {
    s += x[i]!;
    if (i >= period) s -= x[i - period]!;
    out[i] = i >= period - 1 ? s / period : Number.NaN;
  }
  return out;
}

function naiveEma(x: Float64Array, period: number): Float64Array {
  const out = new Float64Array(x.length);
  const alpha = 2 / (period + 1);
  let s = 0;
  let e = Number.NaN;
  for (let i = 0; i < x.length; i++) {
    if (i < period) {
      s += x[i]!;
      if (i === period - 1) e = s / period;
      out[i] = e;
    } else {
      e += alpha * (x[i]! - e);
      out[i] = e;
    }
  }
  return out;
}

function naiveRsi(x: Float64Array, period: number): Float64Array {
  const out = new Float64Array(x.length);
  out[0] = Number.NaN;
  let gain = 0;
  let loss = 0;
  for (let i = 1; i < x.length; i++) {
    const d = x[i]! - x[i - 1]!;
    const g = d > 0 ? d : 0;
    const l = d < 0 ? -d : 0;
    if (i <= period) {
      gain += g;
      loss += l;
      if (i < period) {
        out[i] = Number.NaN;
        continue;
      }
      gain /= period;
      loss /= period;
    } else {
      gain = (gain * (period - 1) + g) / period;
      loss = (loss * (period - 1) + l) / period;
    }
    out[i] = (100 * gain) / (gain + loss);
  }
  return out;
}

function naiveAtr(high: Float64Array, low: Float64Array, close: Float64Array, period: number): Float64Array {
  const out = new Float64Array(close.length);
  out[0] = Number.NaN;
  let a = 0;
  for (let i = 1; i < close.length; i++) {
    const pc = close[i - 1]!;
    const tr = Math.max(high[i]! - low[i]!, Math.abs(high[i]! - pc), Math.abs(low[i]! - pc));
    if (i <= period) {
      a += tr;
      if (i < period) {
        out[i] = Number.NaN;
        continue;
      }
      a /= period;
    } else {
      a = (a * (period - 1) + tr) / period;
    }
    out[i] = a;
  }
  return out;
}

function naiveMacd(x: Float64Array, fast: number, slow: number, signal: number): { macd: Float64Array; signal: Float64Array; histogram: Float64Array } {
  const m = new Float64Array(x.length);
  const sig = new Float64Array(x.length);
  const hist = new Float64Array(x.length);
  const af = 2 / (fast + 1);
  const as = 2 / (slow + 1);
  const ag = 2 / (signal + 1);
  let sf = 0;
  let ss = 0;
  let sg = 0;
  let ef = Number.NaN;
  let es = Number.NaN;
  let eg = Number.NaN;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (i < fast) {
      sf += v;
      if (i === fast - 1) ef = sf / fast;
    } else ef += af * (v - ef);
    if (i < slow) {
      ss += v;
      if (i === slow - 1) es = ss / slow;
    } else es += as * (v - es);
    if (i < slow - 1) {
      m[i] = sig[i] = hist[i] = Number.NaN;
      continue;
    }
    const line = ef - es;
    m[i] = line;
    const j = i - (slow - 1);
    if (j < signal) {
      sg += line;
      if (j === signal - 1) eg = sg / signal;
    } else eg += ag * (line - eg);
    sig[i] = eg;
    hist[i] = line - eg;
  }
  return { macd: m, signal: sig, histogram: hist };
}

/** Same five outputs as the native kernel (middle, bands, bandwidth, %B), population σ from naive sums. */
function naiveBollinger(
  x: Float64Array,
  period: number,
  k: number,
): { middle: Float64Array; upper: Float64Array; lower: Float64Array; bandwidth: Float64Array; percentB: Float64Array } {
  const middle = new Float64Array(x.length);
  const upper = new Float64Array(x.length);
  const lower = new Float64Array(x.length);
  const bandwidth = new Float64Array(x.length);
  const percentB = new Float64Array(x.length);
  let s = 0;
  let sq = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    s += v;
    sq += v * v;
    if (i >= period) {
      const old = x[i - period]!;
      s -= old;
      sq -= old * old;
    }
    if (i < period - 1) {
      middle[i] = upper[i] = lower[i] = bandwidth[i] = percentB[i] = Number.NaN;
      continue;
    }
    const mean = s / period;
    const sd = Math.sqrt(Math.max(0, sq / period - mean * mean));
    const up = mean + k * sd;
    const lo = mean - k * sd;
    middle[i] = mean;
    upper[i] = up;
    lower[i] = lo;
    bandwidth[i] = (up - lo) / mean;
    percentB[i] = (v - lo) / (up - lo);
  }
  return { middle, upper, lower, bandwidth, percentB };
}

// ---------------------------------------------------------------------------------------------

type Impl = 'naive' | 'technicalindicators' | 'native';

/** One indicator: the value each implementation gives at the last index, and how close they must be. */
interface Case {
  /** e.g. `sma20`. */
  readonly key: string;
  readonly label: string;
  /** Each implementation's run: returns its value at the last index. */
  readonly impls: Readonly<Record<Impl, (d: Data) => number>>;
  /** Allowed |difference| from the naive value at the last index (the library rounds RSI to 0.01). */
  readonly tolerance: Readonly<Record<Impl, number>>;
}

const last = (a: ArrayLike<number>): number => a[a.length - 1]!;
const lastOf = <T>(rows: readonly T[], pick: (row: T) => number): number => pick(rows[rows.length - 1]!);
const tight = { naive: 0, technicalindicators: 1e-6, native: 1e-6 } as const;

const CASES: readonly Case[] = [
  {
    key: 'sma20',
    label: 'SMA(20)',
    impls: {
      naive: (d) => last(naiveSma(d.close, 20)),
      technicalindicators: (d) => last(SMA.calculate({ values: d.plain.close, period: 20 })),
      native: (d) => last(sma(d.close, 20)),
    },
    tolerance: tight,
  },
  {
    key: 'ema20',
    label: 'EMA(20)',
    impls: {
      naive: (d) => last(naiveEma(d.close, 20)),
      technicalindicators: (d) => last(EMA.calculate({ values: d.plain.close, period: 20 })),
      native: (d) => last(ema(d.close, 20)),
    },
    tolerance: tight,
  },
  {
    key: 'rsi14',
    label: 'RSI(14)',
    impls: {
      naive: (d) => last(naiveRsi(d.close, 14)),
      technicalindicators: (d) => last(RSI.calculate({ values: d.plain.close, period: 14 })),
      native: (d) => last(rsi(d.close, 14)),
    },
    tolerance: { naive: 0, technicalindicators: 0.006, native: 1e-6 },
  },
  {
    key: 'atr14',
    label: 'ATR(14)',
    impls: {
      naive: (d) => last(naiveAtr(d.high, d.low, d.close, 14)),
      technicalindicators: (d) => last(ATR.calculate({ high: d.plain.high, low: d.plain.low, close: d.plain.close, period: 14 })),
      native: (d) => last(atr({ high: d.high, low: d.low, close: d.close }, 14)),
    },
    tolerance: tight,
  },
  {
    key: 'macd',
    label: 'MACD(12,26,9)',
    impls: {
      naive: (d) => last(naiveMacd(d.close, 12, 26, 9).histogram),
      technicalindicators: (d) =>
        lastOf(
          MACD.calculate({ values: d.plain.close, fastPeriod: 12, slowPeriod: 26, signalPeriod: 9, SimpleMAOscillator: false, SimpleMASignal: false }),
          (r) => r.histogram ?? Number.NaN,
        ),
      native: (d) => last(macd(d.close, { fast: 12, slow: 26, signal: 9 }).histogram),
    },
    tolerance: tight,
  },
  {
    key: 'bollinger',
    label: 'Bollinger(20,2)',
    impls: {
      naive: (d) => last(naiveBollinger(d.close, 20, 2).upper),
      technicalindicators: (d) => lastOf(BollingerBands.calculate({ values: d.plain.close, period: 20, stdDev: 2 }), (r) => r.upper),
      native: (d) => last(bollinger(d.close, { period: 20, k: 2 }).upper),
    },
    tolerance: tight,
  },
];

/** Each benchmark's own timings (warm-up runs included; the first is dropped before the median). */
const timings = new Map<string, number[]>();
const reference = new Map<string, number>();

const IMPL_TEXT: Readonly<Record<Impl, string>> = {
  naive: 'a hand-written Float64Array loop with naive running sums',
  technicalindicators: 'technicalindicators 3.1 (plain-array input, converted untimed)',
  native: '@qt-backtest/features',
};

/** Median and minimum of a benchmark's timings, the warm-up run dropped. */
function statsOf(name: string): { median: number; min: number } {
  const all = timings.get(name) ?? [];
  const t = all.length > 1 ? all.slice(1) : all;
  return t.length === 0 ? { median: Number.NaN, min: Number.NaN } : { median: median(t), min: Math.min(...t) };
}

const fmt = (x: number, digits = 2): string => (Number.isFinite(x) ? x.toFixed(digits) : 'n/a');
const verdict = (ok: boolean, x: number): string => (Number.isFinite(x) ? (ok ? 'PASS' : 'FAIL') : 'run all three');

/**
 * The two ratios from medians (the harness's statistic), and from minima in brackets: on a busy
 * shared machine the minimum is the better estimate of a kernel's own cost.
 */
function ratios(key: string): Readonly<Record<string, string>> {
  const native = statsOf(`features-${key}-native`);
  const naive = statsOf(`features-${key}-naive`);
  const lib = statsOf(`features-${key}-technicalindicators`);
  const ratio = native.median / naive.median;
  const speedUp = lib.median / native.median;
  return {
    'ms native/naive/technicalindicators': `${fmt(native.median)} / ${fmt(naive.median)} / ${fmt(lib.median, 0)}`,
    'native/naive': `${fmt(ratio)}× [min ${fmt(native.min / naive.min)}×] (target ≤ 2: ${verdict(ratio <= 2, ratio)})`,
    'speed-up vs technicalindicators': `${fmt(speedUp, 1)}× [min ${fmt(lib.min / native.min, 1)}×] (target ≥ 10: ${verdict(speedUp >= 10, speedUp)})`,
  };
}

function benchFor(c: Case, impl: Impl): Benchmark<Data> {
  const name = `features-${c.key}-${impl}`;
  return defineBenchmark({
    name,
    description: `${c.label} on 1,000,000 values, ${IMPL_TEXT[impl]}`,
    unit: 'values',
    // The library needs seconds per run on a million values: fewer repeats.
    warmup: 1,
    repeats: impl === 'technicalindicators' ? 3 : 15,
    setup: async () => {
      timings.set(name, []);
      const d = data();
      if (!reference.has(c.key)) reference.set(c.key, c.impls.naive(d));
      return d;
    },
    run: async (d) => {
      const start = performance.now();
      const value = c.impls[impl](d);
      timings.get(name)!.push(performance.now() - start);
      const want = reference.get(c.key)!;
      if (!(Math.abs(value - want) <= c.tolerance[impl] * Math.max(1, Math.abs(want)))) {
        throw new Error(`${name}: last value ${value}, the naive loop gives ${want}`);
      }
      return N;
    },
    ...(impl === 'native' ? { notes: () => ratios(c.key) } : {}),
  });
}

/** Per indicator: the naive baseline, the library, then ours (whose notes compare the three). */
export const benchmarks: readonly Benchmark<Data>[] = CASES.flatMap((c) => [benchFor(c, 'naive'), benchFor(c, 'technicalindicators'), benchFor(c, 'native')]);
