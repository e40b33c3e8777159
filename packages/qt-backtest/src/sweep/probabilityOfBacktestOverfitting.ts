/**
 * Probability of backtest overfitting by combinatorially symmetric cross-validation (CSCV):
 * Bailey, Borwein, López de Prado, Zhu (2017), "The Probability of Backtest Overfitting",
 * Journal of Computational Finance 20(4).
 */

/** Settings of {@link probabilityOfBacktestOverfitting}. */
export interface PboConfig {
  /** S, the number of row blocks (even, >= 2); default 16 (the paper's example). */
  readonly partitions?: number;
  /**
   * Performance of one trial on a set of rows: `'sharpe'` (mean / sample standard deviation,
   * ddof 1; the paper's choice; NaN for a constant series) or `'mean'`; default `'sharpe'`.
   */
  readonly metric?: 'sharpe' | 'mean';
}

/** What CSCV found. */
export interface PboResult {
  /** PBO: the share of splits whose in-sample best trial ranks at or below the out-of-sample median (λ <= 0). */
  readonly pbo: number;
  /** λ = ln(ω / (1 − ω)) of each split, ω = the selected trial's out-of-sample rank / (N + 1). */
  readonly logits: Float64Array;
  /** Number of splits, C(S, S/2). */
  readonly splits: number;
  /** In-sample performance of each split's selected trial. */
  readonly inSample: Float64Array;
  /** Out-of-sample performance of the same trial (the degradation the paper plots). */
  readonly outOfSample: Float64Array;
}

/** Performance from the count, sum and sum of squares of a trial's returns on some blocks. */
function performance(n: number, sum: number, sumSq: number, metric: 'sharpe' | 'mean'): number {
  const mean = sum / n;
  if (metric === 'mean') return mean;
  const variance = (sumSq - n * mean * mean) / (n - 1);
  return variance > 0 ? mean / Math.sqrt(variance) : Number.NaN;
}

/** Every `k`-subset of `0..n-1`, in lexicographic order. */
function* combinations(n: number, k: number): Generator<number[]> {
  const c = Array.from({ length: k }, (_, i) => i);
  for (;;) {
    yield c.slice();
    let i = k - 1;
    while (i >= 0 && c[i] === n - k + i) i--;
    if (i < 0) return;
    c[i]!++;
    for (let j = i + 1; j < k; j++) c[j] = c[j - 1]! + 1;
  }
}

/**
 * CSCV's probability of backtest overfitting for N trials' per-period returns over the same T
 * periods. The rows are cut into S contiguous blocks of `floor(T / S)` rows (the last `T mod S`
 * rows are dropped); for each of the C(S, S/2) ways to pick half the blocks as in-sample (the rest
 * out-of-sample), the trial with the best in-sample performance is selected (the first on ties)
 * and its out-of-sample rank r among the N trials is taken (1 = worst; ties share the average
 * rank); ω = r / (N + 1), λ = ln(ω / (1 − ω)). PBO is the share of splits with λ <= 0: how often
 * the in-sample winner is no better than the median out of sample. A trial whose performance is
 * NaN (constant returns) never wins and ranks lowest.
 *
 * @param returns - one return series per trial, all of length T (NaN-free).
 * @throws {RangeError} for fewer than 2 trials, unequal lengths, an odd or too large S, or NaN returns.
 * @example
 * probabilityOfBacktestOverfitting(trialReturns, { partitions: 16 }).pbo // e.g. 0.12
 */
export function probabilityOfBacktestOverfitting(returns: readonly ArrayLike<number>[], config: PboConfig = {}): PboResult {
  const S = config.partitions ?? 16;
  const metric = config.metric ?? 'sharpe';
  const N = returns.length;
  if (N < 2) throw new RangeError(`PBO needs at least 2 trials, got ${N}`);
  const T = returns[0]!.length;
  for (let j = 0; j < N; j++) {
    const r = returns[j]!;
    if (r.length !== T) throw new RangeError(`trial ${j} has ${r.length} returns; trial 0 has ${T}`);
    for (let t = 0; t < T; t++) if (!Number.isFinite(r[t]!)) throw new RangeError(`trial ${j} has a non-finite return "${r[t]}" at row ${t}`);
  }
  if (!(Number.isInteger(S) && S >= 2 && S % 2 === 0)) throw new RangeError(`partitions must be an even integer >= 2, got ${S}`);
  const block = Math.floor(T / S);
  if (block < 1 || (metric === 'sharpe' && block * (S / 2) < 2)) {
    throw new RangeError(`${T} returns are too few for ${S} partitions`);
  }
  // Per trial and block: sum and sum of squares (each split then costs O(N × S), not O(N × T)).
  const blockSum = new Float64Array(N * S);
  const blockSq = new Float64Array(N * S);
  for (let j = 0; j < N; j++) {
    const r = returns[j]!;
    for (let b = 0; b < S; b++) {
      let s1 = 0;
      let s2 = 0;
      for (let t = b * block; t < (b + 1) * block; t++) {
        s1 += r[t]!;
        s2 += r[t]! * r[t]!;
      }
      blockSum[j * S + b] = s1;
      blockSq[j * S + b] = s2;
    }
  }
  const splits = [...combinations(S, S / 2)];
  const logits = new Float64Array(splits.length);
  const inSample = new Float64Array(splits.length);
  const outOfSample = new Float64Array(splits.length);
  const inFlag = new Uint8Array(S);
  const isPerf = new Float64Array(N);
  const oosPerf = new Float64Array(N);
  const half = block * (S / 2);
  let overfit = 0;
  splits.forEach((chosen, c) => {
    inFlag.fill(0);
    for (const b of chosen) inFlag[b] = 1;
    let best = -1;
    for (let j = 0; j < N; j++) {
      let is1 = 0;
      let is2 = 0;
      let os1 = 0;
      let os2 = 0;
      for (let b = 0; b < S; b++) {
        if (inFlag[b] === 1) {
          is1 += blockSum[j * S + b]!;
          is2 += blockSq[j * S + b]!;
        } else {
          os1 += blockSum[j * S + b]!;
          os2 += blockSq[j * S + b]!;
        }
      }
      isPerf[j] = performance(half, is1, is2, metric);
      oosPerf[j] = performance(half, os1, os2, metric);
      if (!Number.isNaN(isPerf[j]!) && (best < 0 || isPerf[j]! > isPerf[best]!)) best = j;
    }
    let rank: number;
    if (best < 0) {
      best = 0;
      rank = 1;
    } else {
      const x = Number.isNaN(oosPerf[best]!) ? -Infinity : oosPerf[best]!;
      let below = 0;
      let equal = 0;
      for (let j = 0; j < N; j++) {
        const y = Number.isNaN(oosPerf[j]!) ? -Infinity : oosPerf[j]!;
        if (y < x) below++;
        else if (y === x) equal++;
      }
      rank = below + (equal + 1) / 2;
    }
    const w = rank / (N + 1);
    logits[c] = Math.log(w / (1 - w));
    inSample[c] = isPerf[best]!;
    outOfSample[c] = oosPerf[best]!;
    if (logits[c]! <= 0) overfit++;
  });
  return { pbo: overfit / splits.length, logits, splits: splits.length, inSample, outOfSample };
}
