/**
 * A small seeded pseudo-random number generator for fixtures and benchmarks: xoshiro128** (Blackman
 * & Vigna) seeded through splitmix32. Never `Math.random`, so the same seed gives the same numbers
 * on every machine and Node version (only 32-bit integer ops and IEEE-754 `+ * / sqrt log`).
 */

/** splitmix32: turns a 32-bit state into a well-mixed 32-bit output; used to expand seeds. */
function splitmix32(state: number): number {
  let z = (state + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
  return (z ^ (z >>> 15)) >>> 0;
}

/** FNV-1a over the UTF-16 code units of `text`, 32-bit. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  }
  return h >>> 0;
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** 2^-53, to turn a 53-bit integer into a double in [0, 1). */
const TWO_POW_MINUS_53 = 1 / 9007199254740992;

/**
 * Seeded generator with the draws the fixtures need. Instances are independent streams; derive
 * one per model component with {@link Random.derive} so that adding a component does not shift
 * the numbers every other component sees.
 *
 * @example
 * const rng = Random.derive(42, 'market');
 * const z = rng.normal();
 */
export class Random {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  /** Second variate of the last Marsaglia polar pair, or NaN when none is cached. */
  private spare = Number.NaN;

  /** @param seed - any 32-bit integer (other numbers are truncated to 32 bits). */
  constructor(seed: number) {
    let s = seed | 0;
    const next = (): number => {
      const out = splitmix32(s);
      s = (s + 0x9e3779b9) | 0;
      return out;
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
    // The all-zero state is the one fixed point of xoshiro; splitmix32 cannot produce four zeros
    // in a row in practice, but guard so the generator can never get stuck.
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** A generator from an explicit xoshiro128** state, for known-answer tests. */
  static fromState(s0: number, s1: number, s2: number, s3: number): Random {
    const r = new Random(0);
    r.s0 = s0 | 0;
    r.s1 = s1 | 0;
    r.s2 = s2 | 0;
    r.s3 = s3 | 0;
    return r;
  }

  /** An independent stream named `label` under `seed` (e.g. `derive(seed, 'idio:ALFA')`). */
  static derive(seed: number, label: string): Random {
    return new Random(splitmix32((seed | 0) ^ fnv1a(label)));
  }

  /** Next raw output: an unsigned 32-bit integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform double in [0, 1) with 53 random bits. */
  uniform(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) * TWO_POW_MINUS_53;
  }

  /** Uniform double in (0, 1]: safe to take the logarithm of. */
  uniformPositive(): number {
    return 1 - this.uniform();
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.uniform() * n);
  }

  /** Standard normal variate (Marsaglia polar method; the second of each pair is cached). */
  normal(): number {
    if (!Number.isNaN(this.spare)) {
      const z = this.spare;
      this.spare = Number.NaN;
      return z;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.uniform() - 1;
      v = 2 * this.uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * f;
    return u * f;
  }

  /**
   * Poisson variate with mean `lambda` (Knuth's multiplication method: exact, and fast for the
   * small means the fixtures use).
   */
  poisson(lambda: number): number {
    if (!(lambda > 0)) return 0;
    const limit = Math.exp(-lambda);
    let k = 0;
    let p = this.uniform();
    while (p > limit) {
      k++;
      p *= this.uniform();
    }
    return k;
  }
}
