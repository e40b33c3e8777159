/**
 * Standard normal distribution function Φ and its inverse Φ⁻¹, to full double precision, for the
 * probabilistic / deflated Sharpe ratio and the minimum track record length.
 */

// W. J. Cody, ANORM (SPECFUN, TOMS Algorithm 715, 1993), built on Cody's rational Chebyshev
// approximations ("Rational Chebyshev approximations for the error function", Math. Comp. 1969).
// The same coefficients and interval splits as R's pnorm.c.
const A = [2.2352520354606839287, 161.02823106855587881, 1067.6894854603709582, 18154.981253343561249, 0.065682337918207449113] as const;
const B = [47.20258190468824187, 976.09855173777669322, 10260.932208618978205, 45507.789335026729956] as const;
const C = [
  0.39894151208813466764, 8.8831497943883759412, 93.506656132177855979, 597.27027639480026226, 2494.5375852903726711,
  6848.1904505362823326, 11602.651437647350124, 9842.7148383839780218, 1.0765576773720192317e-8,
] as const;
const D = [
  22.266688044328115691, 235.38790178262499861, 1519.377599407554805, 6485.558298266760755, 18615.571640885098091,
  34900.952721145977266, 38912.003286093271411, 19685.429676859990727,
] as const;
const P = [0.21589853405795699, 0.1274011611602473639, 0.022235277870649807, 0.001421619193227893466, 2.9112874951168792e-5, 0.02307344176494017303] as const;
const Q = [1.28426009614491121, 0.468238212480865118, 0.0659881378689285515, 0.00378239633202758244, 7.29751555083966205e-5] as const;
/** 1/√(2π). */
const SQRPI = 0.3989422804014326779399460599343819;
/** Φ(THRSH) ≈ 0.75: the split between the first and second interval. */
const THRSH = 0.66291;
/** √32: the split between the second and third interval. */
const ROOT32 = 5.656854249492380195206754896838792;

/**
 * `exp(−x²/2)` without the rounding error of squaring x: x is split into a part with 4 fractional
 * bits (whose square is exact) and a small remainder (Cody's device).
 */
function halfGaussian(y: number): number {
  const xsq = Math.trunc(y * 16) / 16;
  const del = (y - xsq) * (y + xsq);
  return Math.exp(-xsq * xsq * 0.5) * Math.exp(-del * 0.5);
}

/**
 * Standard normal cumulative distribution function Φ(x) = P(Z ≤ x), Z ~ N(0, 1).
 *
 * W. J. Cody's algorithm (ANORM, TOMS 715; Cody 1969 rational Chebyshev approximations): relative
 * error < 7e-16 (measured on a dense grid against 40-digit values) for every result ≥ 2.2e-308,
 * i.e. x ≥ −37.5; below that the result is subnormal (fewer digits) and 0 from x ≈ −38.5. The
 * upper tail is computed as `1 − Φ(−x)`, so results for x ≳ 8.3 round to 1.
 *
 * @param x - any number.
 * @returns Φ(x) in [0, 1]; `NaN` for `NaN`, 0 for −∞, 1 for +∞.
 * @example
 * normalCdf(1.959963984540054); // 0.975
 * @see scipy.stats.norm.cdf, R pnorm
 */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  const y = Math.abs(x);
  if (y <= THRSH) {
    const xsq = y > 1.11e-16 ? x * x : 0;
    let num = A[4] * xsq;
    let den = xsq;
    for (let i = 0; i < 3; i++) {
      num = (num + A[i]!) * xsq;
      den = (den + B[i]!) * xsq;
    }
    return 0.5 + (x * (num + A[3])) / (den + B[3]);
  }
  let tail: number;
  if (y <= ROOT32) {
    let num = C[8] * y;
    let den = y;
    for (let i = 0; i < 7; i++) {
      num = (num + C[i]!) * y;
      den = (den + D[i]!) * y;
    }
    tail = halfGaussian(y) * ((num + C[7]) / (den + D[7]));
  } else if (y === Number.POSITIVE_INFINITY) {
    tail = 0;
  } else {
    const xsq = 1 / (y * y);
    let num = P[5] * xsq;
    let den = xsq;
    for (let i = 0; i < 4; i++) {
      num = (num + P[i]!) * xsq;
      den = (den + Q[i]!) * xsq;
    }
    const r = (xsq * (num + P[4])) / (den + Q[4]);
    tail = (halfGaussian(y) * (SQRPI - r)) / y;
  }
  return x > 0 ? 1 - tail : tail;
}

// M. J. Wichura, "Algorithm AS 241: The Percentage Points of the Normal Distribution", Applied
// Statistics 37(3), 1988, 477–484 — PPND16, coefficients in ascending powers.
const PA = [
  3.387132872796366608, 133.14166789178437745, 1971.5909503065514427, 13731.693765509461125, 45921.953931549871457,
  67265.770927008700853, 33430.575583588128105, 2509.0809287301226727,
] as const;
const PB = [
  1, 42.313330701600911252, 687.1870074920579083, 5394.1960214247511077, 21213.794301586595867, 39307.89580009271061,
  28729.085735721942674, 5226.495278852854561,
] as const;
const PC = [
  1.42343711074968357734, 4.6303378461565452959, 5.7694972214606914055, 3.64784832476320460504, 1.27045825245236838258,
  0.24178072517745061177, 0.0227238449892691845833, 7.7454501427834140764e-4,
] as const;
const PD = [
  1, 2.05319162663775882187, 1.6763848301838038494, 0.68976733498510000455, 0.14810397642748007459,
  0.0151986665636164571966, 5.475938084995344946e-4, 1.05075007164441684324e-9,
] as const;
const PE = [
  6.6579046435011037772, 5.4637849111641143699, 1.7848265399172913358, 0.29656057182850489123,
  0.026532189526576123093, 0.0012426609473880784386, 2.71155556874348757815e-5, 2.01033439929228813265e-7,
] as const;
const PF = [
  1, 0.59983220655588793769, 0.13692988092273580531, 0.0148753612908506148525, 7.868691311456132591e-4,
  1.8463183175100546818e-5, 1.4215117583164458887e-7, 2.04426310338993978564e-15,
] as const;

/** Horner evaluation of Σ c[i]·x^i (degree 7). */
function poly7(c: readonly number[], x: number): number {
  let v = c[7]!;
  for (let i = 6; i >= 0; i--) v = v * x + c[i]!;
  return v;
}

/**
 * Inverse of the standard normal distribution function: the z with Φ(z) = p.
 *
 * Wichura's AS 241 (PPND16, designed for ~1e-16): relative error < 6e-16 (measured on a dense
 * grid of p from 1e-300 to 1 against 40-digit quantiles of the same double p). For p close to 1 the answer is limited by the representation of p itself
 * (1 − p loses digits); pass the complementary probability and negate for the far upper tail.
 *
 * @param p - a probability.
 * @returns z with Φ(z) = p; −∞ for p = 0, +∞ for p = 1, `NaN` for `NaN` or p outside [0, 1].
 * @example
 * normalInverseCdf(0.975); // 1.959963984540054
 * @see scipy.stats.norm.ppf, R qnorm
 */
export function normalInverseCdf(p: number): number {
  if (!(p >= 0 && p <= 1)) return Number.NaN;
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * poly7(PA, r)) / poly7(PB, r);
  }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let z: number;
  if (r <= 5) {
    r -= 1.6;
    z = poly7(PC, r) / poly7(PD, r);
  } else {
    r -= 5;
    z = poly7(PE, r) / poly7(PF, r);
  }
  return q < 0 ? -z : z;
}
