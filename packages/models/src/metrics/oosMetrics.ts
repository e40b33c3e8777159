/**
 * Out-of-sample metrics of predictions against realised outcomes: information coefficients,
 * classification and regression scores, calibration and feature-importance stability.
 */

/** Pearson correlation (NaN when either side is constant or fewer than 2 pairs). */
export function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  if (n < 2) return NaN;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i]!;
    mb += b[i]!;
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const x = a[i]! - ma;
    const y = b[i]! - mb;
    sab += x * y;
    saa += x * x;
    sbb += y * y;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : NaN;
}

/** Average ranks (ties share their mean rank), 1-based. */
export function ranks(a: ArrayLike<number>): Float64Array {
  const n = a.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => a[x]! - a[y]!);
  const out = new Float64Array(n);
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && a[order[j + 1]!] === a[order[i]!]) j++;
    const r = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) out[order[k]!] = r;
    i = j + 1;
  }
  return out;
}

/** Spearman rank correlation. */
export function spearman(a: ArrayLike<number>, b: ArrayLike<number>): number {
  return pearson(ranks(a), ranks(b));
}

/** Information coefficients of predictions against realised returns. */
export interface InformationCoefficients {
  /** Mean over bar times of the cross-sectional Pearson IC (pooled when one symbol). */
  readonly ic: number;
  /** Mean over bar times of the cross-sectional Spearman IC (pooled when one symbol). */
  readonly rankIc: number;
  /** IC mean / std over times (NaN for pooled). */
  readonly icIr: number;
  /** Bar times with at least 3 symbols (0 when pooled). */
  readonly periods: number;
}

/**
 * Information coefficients: cross-sectional per bar time (≥ 3 names) and averaged; when no bar
 * has 3 names (a single series), pooled over all samples.
 */
export function informationCoefficients(pred: ArrayLike<number>, realized: ArrayLike<number>, time: ArrayLike<number>): InformationCoefficients {
  const groups = new Map<number, number[]>();
  for (let i = 0; i < pred.length; i++) {
    if (Number.isNaN(pred[i]!) || Number.isNaN(realized[i]!)) continue;
    const t = time[i]!;
    let g = groups.get(t);
    if (g === undefined) groups.set(t, (g = []));
    g.push(i);
  }
  const ics: number[] = [];
  const rics: number[] = [];
  for (const g of groups.values()) {
    if (g.length < 3) continue;
    const a = g.map((i) => pred[i]!);
    const b = g.map((i) => realized[i]!);
    const c = pearson(a, b);
    const r = spearman(a, b);
    if (!Number.isNaN(c)) ics.push(c);
    if (!Number.isNaN(r)) rics.push(r);
  }
  if (ics.length === 0) {
    const idx = [...groups.values()].flat();
    const a = idx.map((i) => pred[i]!);
    const b = idx.map((i) => realized[i]!);
    return { ic: pearson(a, b), rankIc: spearman(a, b), icIr: NaN, periods: 0 };
  }
  const mean = ics.reduce((s, v) => s + v, 0) / ics.length;
  const sd = Math.sqrt(ics.reduce((s, v) => s + (v - mean) ** 2, 0) / Math.max(1, ics.length - 1));
  return { ic: mean, rankIc: rics.reduce((s, v) => s + v, 0) / rics.length, icIr: sd > 0 ? mean / sd : NaN, periods: ics.length };
}

/** Binary classification scores. */
export interface ClassificationMetrics {
  readonly accuracy: number;
  readonly precision: number;
  readonly recall: number;
  /** Area under the ROC curve (ties count ½). */
  readonly auc: number;
  readonly logLoss: number;
  /** Share of class 1 among the outcomes (the accuracy of always guessing it). */
  readonly baseRate: number;
  readonly count: number;
}

/** Scores of probabilities `proba` (of class 1) against 0/1 outcomes `y`. */
export function classificationMetrics(proba: ArrayLike<number>, y: ArrayLike<number>): ClassificationMetrics {
  const n = y.length;
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let correct = 0;
  let ll = 0;
  let pos = 0;
  for (let i = 0; i < n; i++) {
    const p = Math.min(1 - 1e-15, Math.max(1e-15, proba[i]!));
    const yi = y[i]!;
    const hat = proba[i]! > 0.5 ? 1 : 0;
    if (hat === yi) correct++;
    if (hat === 1 && yi === 1) tp++;
    if (hat === 1 && yi === 0) fp++;
    if (hat === 0 && yi === 1) fn++;
    if (yi === 1) pos++;
    ll -= yi === 1 ? Math.log(p) : Math.log(1 - p);
  }
  return {
    accuracy: correct / n,
    precision: tp + fp > 0 ? tp / (tp + fp) : NaN,
    recall: tp + fn > 0 ? tp / (tp + fn) : NaN,
    auc: rocAuc(proba, y),
    logLoss: ll / n,
    baseRate: pos / n,
    count: n,
  };
}

/** ROC AUC by the rank-sum (Mann–Whitney) formula. */
export function rocAuc(score: ArrayLike<number>, y: ArrayLike<number>): number {
  const r = ranks(score);
  let pos = 0;
  let sum = 0;
  for (let i = 0; i < y.length; i++) if (y[i] === 1) {
    pos++;
    sum += r[i]!;
  }
  const neg = y.length - pos;
  return pos > 0 && neg > 0 ? (sum - (pos * (pos + 1)) / 2) / (pos * neg) : NaN;
}

/** Regression scores. */
export interface RegressionMetrics {
  readonly r2: number;
  readonly mse: number;
  readonly count: number;
}

/** R² (1 − SSE/SST around the outcomes' own mean) and mean squared error. */
export function regressionMetrics(pred: ArrayLike<number>, y: ArrayLike<number>): RegressionMetrics {
  const n = y.length;
  let m = 0;
  for (let i = 0; i < n; i++) m += y[i]!;
  m /= n;
  let sse = 0;
  let sst = 0;
  for (let i = 0; i < n; i++) {
    sse += (y[i]! - pred[i]!) ** 2;
    sst += (y[i]! - m) ** 2;
  }
  return { r2: sst > 0 ? 1 - sse / sst : NaN, mse: sse / n, count: n };
}

/** One reliability bin: mean predicted probability vs observed frequency. */
export interface CalibrationBin {
  readonly lower: number;
  readonly upper: number;
  readonly count: number;
  readonly meanPredicted: number;
  readonly observedRate: number;
}

/** Reliability diagram on `bins` equal-width probability bins (empty bins omitted). */
export function calibration(proba: ArrayLike<number>, y: ArrayLike<number>, bins = 10): CalibrationBin[] {
  const count = new Float64Array(bins);
  const sumP = new Float64Array(bins);
  const sumY = new Float64Array(bins);
  for (let i = 0; i < y.length; i++) {
    const b = Math.min(bins - 1, Math.floor(proba[i]! * bins));
    count[b]!++;
    sumP[b]! += proba[i]!;
    sumY[b]! += y[i]!;
  }
  const out: CalibrationBin[] = [];
  for (let b = 0; b < bins; b++) if (count[b]! > 0) out.push({ lower: b / bins, upper: (b + 1) / bins, count: count[b]!, meanPredicted: sumP[b]! / count[b]!, observedRate: sumY[b]! / count[b]! });
  return out;
}

/** Mean pairwise Spearman correlation of importance vectors (1 = identical ranking; NaN for < 2). */
export function importanceStability(importances: readonly Float64Array[]): number {
  let s = 0;
  let k = 0;
  for (let a = 0; a < importances.length; a++) {
    for (let b = a + 1; b < importances.length; b++) {
      const r = spearman(importances[a]!, importances[b]!);
      if (!Number.isNaN(r)) {
        s += r;
        k++;
      }
    }
  }
  return k > 0 ? s / k : NaN;
}
