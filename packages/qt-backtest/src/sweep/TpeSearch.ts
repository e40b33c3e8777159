/**
 * Bayesian optimisation with the Tree-structured Parzen Estimator (Bergstra, Bardenet, Bengio,
 * Kégl 2011, "Algorithms for Hyper-Parameter Optimization", NeurIPS 24).
 *
 * Why TPE rather than a Gaussian process with expected improvement: backtest parameters are mostly
 * integers (windows) and categories (flags), which TPE models directly while a GP needs a kernel
 * trick; TPE costs O(n log n) per proposal where a GP costs O(n³) (thousands of trials are
 * common in a sweep); and TPE proposes a batch for parallel workers by sampling, where GP-EI needs
 * a fantasy scheme. Its known weakness — it models parameters independently — matters little for
 * the low-dimensional spaces of trading rules.
 */
import { SeededRandom } from '@qt-backtest/core';
import { sampleDimension } from './RandomSearch.js';
import { checkSpace, isChoice, paramSetKey, type ChoiceDimension, type Observation, type ParamSet, type ParameterSearch, type RangeDimension, type SearchSpace } from './SearchSpace.js';

/** Settings of {@link TpeSearch}. */
export interface TpeSearchConfig {
  /** Seed of every random draw; default 0. */
  readonly seed?: number;
  /** Random trials before the model is used; default 10. */
  readonly startupTrials?: number;
  /** Candidates drawn from the good-trial density per proposal; default 24 (hyperopt's). */
  readonly candidates?: number;
  /** Share of finished trials counted as good: `min(ceil(gamma × n), 25)`; default 0.1 (Optuna's). */
  readonly gamma?: number;
}

const SQRT_2PI = Math.sqrt(2 * Math.PI);

/** A one-dimensional Parzen estimator on `[low, high]`: Gaussian kernels plus a flat prior kernel. */
class Parzen {
  readonly mus: Float64Array;
  readonly sigmas: Float64Array;
  readonly #low: number;
  readonly #high: number;

  /** hyperopt's adaptive Parzen estimator: each bandwidth is the larger gap to its neighbours. */
  constructor(points: readonly number[], low: number, high: number) {
    this.#low = low;
    this.#high = high;
    const range = high - low || 1;
    const prior = (low + high) / 2;
    const xs = [...points, prior].sort((a, b) => a - b);
    const n = xs.length;
    const minSigma = range / Math.min(100, 1 + n);
    this.mus = Float64Array.from(xs);
    this.sigmas = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const left = i > 0 ? xs[i]! - xs[i - 1]! : xs[i]! - low;
      const right = i < n - 1 ? xs[i + 1]! - xs[i]! : high - xs[i]!;
      this.sigmas[i] = Math.min(range, Math.max(minSigma, left, right));
    }
    // The prior kernel is wide: it keeps every region reachable.
    const p = xs.indexOf(prior);
    this.sigmas[p] = range;
  }

  /** One draw: a kernel chosen uniformly, then a Gaussian draw clipped into the range. */
  sample(rng: SeededRandom): number {
    const k = Math.min(this.mus.length - 1, Math.floor(rng.next() * this.mus.length));
    const u1 = Math.max(rng.next(), 1e-300);
    const u2 = rng.next();
    const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    return Math.min(this.#high, Math.max(this.#low, this.mus[k]! + this.sigmas[k]! * z));
  }

  /** Log density at `x` (kernels renormalised to their mass inside the range). */
  logDensity(x: number): number {
    let s = 0;
    for (let k = 0; k < this.mus.length; k++) {
      const m = this.mus[k]!;
      const sd = this.sigmas[k]!;
      const z = (x - m) / sd;
      const mass = normalCdf((this.#high - m) / sd) - normalCdf((this.#low - m) / sd);
      s += Math.exp(-0.5 * z * z) / (sd * SQRT_2PI * Math.max(mass, 1e-12));
    }
    return Math.log(s / this.mus.length);
  }
}

/** Standard normal CDF (Abramowitz–Stegun 7.1.26 via erf; |error| < 1.5e-7, ample for weights). */
function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

/** Internal coordinate of a range value (log for log ranges). */
function toInternal(d: RangeDimension, x: number): number {
  return d.log === true ? Math.log(x) : x;
}

/** Range bounds in internal coordinates; integers get half a unit each side so the ends are not starved. */
function internalBounds(d: RangeDimension): [number, number] {
  if (d.integer === true) {
    const lo = Math.ceil(d.low) - 0.5;
    const hi = Math.floor(d.high) + 0.5;
    return d.log === true ? [Math.log(Math.max(lo, Math.ceil(d.low) * 0.5)), Math.log(hi)] : [lo, hi];
  }
  return [toInternal(d, d.low), toInternal(d, d.high)];
}

function fromInternal(d: RangeDimension, u: number): number {
  const x = d.log === true ? Math.exp(u) : u;
  if (d.integer === true) return Math.min(Math.floor(d.high), Math.max(Math.ceil(d.low), Math.round(x)));
  return Math.min(d.high, Math.max(d.low, x));
}

/**
 * TPE search (maximises the score). The first `startupTrials` proposals are uniform random; then
 * the finished trials are split into the best `min(ceil(gamma × n), 25)` ("good", density `l`) and
 * the rest (`g`); each proposal draws `candidates` sets from `l` (each parameter independently)
 * and keeps the one with the largest `log l − log g`. Categories use smoothed counts. Failed
 * trials (NaN score) count as the worst. Proposals already tried (or proposed in the same batch)
 * are redrawn when the space is discrete. Deterministic for a seed and a history.
 *
 * @example
 * const tpe = new TpeSearch({ fast: { low: 2, high: 50, integer: true }, slow: { low: 20, high: 250, integer: true } }, { seed: 1 });
 */
export class TpeSearch implements ParameterSearch {
  readonly name = 'tpe';
  readonly #space: SearchSpace;
  readonly #names: readonly string[];
  readonly #rng: SeededRandom;
  readonly #startup: number;
  readonly #candidates: number;
  readonly #gamma: number;

  /** @throws {RangeError} for a bad space or settings. */
  constructor(space: SearchSpace, config: TpeSearchConfig = {}) {
    checkSpace(space);
    this.#space = space;
    this.#names = Object.keys(space);
    this.#rng = new SeededRandom(config.seed ?? 0);
    this.#startup = config.startupTrials ?? 10;
    this.#candidates = config.candidates ?? 24;
    this.#gamma = config.gamma ?? 0.1;
    if (!(Number.isInteger(this.#startup) && this.#startup >= 1)) throw new RangeError(`startupTrials must be an integer >= 1, got ${this.#startup}`);
    if (!(Number.isInteger(this.#candidates) && this.#candidates >= 1)) throw new RangeError(`candidates must be an integer >= 1, got ${this.#candidates}`);
    if (!(this.#gamma > 0 && this.#gamma < 1)) throw new RangeError(`gamma must be in (0, 1), got ${this.#gamma}`);
  }

  propose(count: number, history: readonly Observation[]): ParamSet[] {
    const seen = new Set(history.map((o) => paramSetKey(o.params, this.#names)));
    const out: ParamSet[] = [];
    for (let i = 0; i < count; i++) {
      let set: ParamSet | undefined;
      // A repeat is redrawn from the model, then uniformly (a small discrete space may be exhausted:
      // then the last draw stands).
      for (let attempt = 0; attempt < 60; attempt++) {
        set = history.length < this.#startup || attempt >= 10 ? this.#random() : this.#modelled(history);
        if (!seen.has(paramSetKey(set, this.#names))) break;
      }
      seen.add(paramSetKey(set!, this.#names));
      out.push(set!);
    }
    return out;
  }

  #random(): ParamSet {
    const set: Record<string, number | boolean | string> = {};
    for (const name of this.#names) set[name] = sampleDimension(this.#space[name]!, this.#rng);
    return set;
  }

  #modelled(history: readonly Observation[]): ParamSet {
    // Best first; NaN (failed) last; ties keep completion order.
    const order = history.map((_, i) => i);
    const score = (i: number): number => (Number.isNaN(history[i]!.score) ? -Infinity : history[i]!.score);
    order.sort((a, b) => score(b) - score(a) || a - b);
    const nGood = Math.max(1, Math.min(25, Math.ceil(this.#gamma * history.length)));
    const good = order.slice(0, nGood).map((i) => history[i]!.params);
    const bad = order.slice(nGood).map((i) => history[i]!.params);
    const models = this.#names.map((name) => {
      const d = this.#space[name]!;
      return isChoice(d) ? choiceModel(d, name, good, bad) : rangeModel(d, name, good, bad);
    });
    let best: Record<string, number | boolean | string> | undefined;
    let bestScore = -Infinity;
    for (let c = 0; c < this.#candidates; c++) {
      const set: Record<string, number | boolean | string> = {};
      let s = 0;
      for (let k = 0; k < models.length; k++) {
        const { value, logRatio } = models[k]!(this.#rng);
        set[this.#names[k]!] = value;
        s += logRatio;
      }
      if (s > bestScore || best === undefined) {
        bestScore = s;
        best = set;
      }
    }
    return best!;
  }
}

type DimensionModel = (rng: SeededRandom) => { value: number | boolean | string; logRatio: number };

function rangeModel(d: RangeDimension, name: string, good: readonly ParamSet[], bad: readonly ParamSet[]): DimensionModel {
  const [lo, hi] = internalBounds(d);
  const l = new Parzen(good.map((p) => toInternal(d, p[name] as number)), lo, hi);
  const g = new Parzen(bad.map((p) => toInternal(d, p[name] as number)), lo, hi);
  return (rng) => {
    const u = l.sample(rng);
    const value = fromInternal(d, u);
    // Integers are scored at the whole number they round to.
    const at = d.integer === true ? toInternal(d, value) : u;
    return { value, logRatio: l.logDensity(at) - g.logDensity(at) };
  };
}

function choiceModel(d: ChoiceDimension, name: string, good: readonly ParamSet[], bad: readonly ParamSet[]): DimensionModel {
  const weights = (sets: readonly ParamSet[]): Float64Array => {
    const w = new Float64Array(d.values.length).fill(1); // one pseudo-count each (the prior)
    for (const p of sets) {
      const i = d.values.indexOf(p[name]!);
      if (i >= 0) w[i]!++;
    }
    const total = w.reduce((a, b) => a + b, 0);
    return w.map((x) => x / total);
  };
  const l = weights(good);
  const g = weights(bad);
  return (rng) => {
    let u = rng.next();
    let i = 0;
    while (i < l.length - 1 && u >= l[i]!) u -= l[i++]!;
    return { value: d.values[i]!, logRatio: Math.log(l[i]!) - Math.log(g[i]!) };
  };
}
