/**
 * The planted-leak test of issue 15. Labels are the sign of the h-bar forward return of a seeded
 * random walk; the planted feature is the (continuous) label shifted into the past by d = h − 1 < h
 * bars, so at bar t it holds the return from t − d to t + 1 — information from after t whose horizon
 * overlaps its neighbours' labels; the second feature is the bar number (a legitimate, slowly
 * moving feature, like any trend or calendar feature, that lets a flexible model find a sample's
 * time neighbours). Overlapping labels make neighbouring samples near-copies, so a forest scored by
 * plain (shuffled) k-fold "predicts" each test sample from its neighbours in the training folds:
 * high accuracy. Purged k-fold with an embargo removes every training label that overlaps the test
 * fold, and the accuracy collapses to chance: out of sample, the planted feature shares one of h
 * returns with the label, which is worth almost nothing.
 *
 * (The planted feature alone does not fool plain k-fold: a single value does not identify a
 * sample's neighbours. With d ≪ h it would carry real, if unusable, information — it contains
 * future returns — and no splitter can remove that; walk-forward's dataset builder only takes
 * features computed causally by the features pipeline.)
 */
import { SeededRandom } from '@qt-backtest/core';
import { describe, expect, it } from 'vitest';
import type { Split } from '../cv/eventTimes.js';
import { purgedKFold } from '../cv/purgedKFold.js';
import { classificationMetrics } from '../metrics/oosMetrics.js';
import { RandomForestClassifier } from '../trees/RandomForest.js';

const N = 1500;
const H = 20;
const D = H - 1;

function plantedLeak(seed: number): { X: Float64Array; y: Float64Array; start: Float64Array; end: Float64Array; rows: number } {
  const rng = new SeededRandom(seed);
  const total = N + 2 * H;
  const logPrice = new Float64Array(total);
  for (let t = 1; t < total; t++) logPrice[t] = logPrice[t - 1]! + (rng.next() + rng.next() + rng.next() - 1.5) * 0.02;
  const forward = (t: number): number => logPrice[t + H]! - logPrice[t]!;
  const X = new Float64Array(N * 2);
  const y = new Float64Array(N);
  const start = new Float64Array(N);
  const end = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    const t = i + H; // room for the shifted label on the left and the horizon on the right
    X[i * 2] = forward(t - D); // the label shifted into the past by D < H bars
    X[i * 2 + 1] = t;
    y[i] = forward(t) > 0 ? 1 : 0;
    start[i] = t;
    end[i] = t + H;
  }
  return { X, y, start, end, rows: N };
}

function shuffledKFold(n: number, folds: number, seed: number): Split[] {
  const rng = new SeededRandom(seed);
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return Array.from({ length: folds }, (_, f) => {
    const test = order.filter((_, k) => k % folds === f).sort((a, b) => a - b);
    const inTest = new Set(test);
    return { train: order.filter((i) => !inTest.has(i)).sort((a, b) => a - b), test };
  });
}

function crossValidated(data: ReturnType<typeof plantedLeak>, splits: Split[]): { accuracy: number; auc: number } {
  const proba = new Float64Array(data.rows).fill(NaN);
  for (const { train, test } of splits) {
    const pick = (idx: number[]): { data: Float64Array; rows: number; cols: number } => ({ data: Float64Array.from(idx.flatMap((i) => [data.X[i * 2]!, data.X[i * 2 + 1]!])), rows: idx.length, cols: 2 });
    const model = new RandomForestClassifier({ nEstimators: 25, maxFeatures: 1, seed: 1 });
    model.fit(pick(train), Float64Array.from(train, (i) => data.y[i]!));
    const p = model.predictProba(pick(test));
    test.forEach((i, r) => (proba[i] = p[r]!));
  }
  const scored = Array.from({ length: data.rows }, (_, i) => i).filter((i) => !Number.isNaN(proba[i]!));
  const m = classificationMetrics(Float64Array.from(scored, (i) => proba[i]!), Float64Array.from(scored, (i) => data.y[i]!));
  return { accuracy: m.accuracy, auc: m.auc };
}

describe('planted leak: plain k-fold is fooled, purged k-fold with embargo is not', () => {
  it.each([3, 4])('seed %i', (seed) => {
    const data = plantedLeak(seed);
    const plain = crossValidated(data, shuffledKFold(N, 5, seed));
    const purged = crossValidated(data, purgedKFold({ start: data.start, end: data.end }, { folds: 5, embargo: 0.02 }));
    expect(plain.accuracy).toBeGreaterThan(0.8);
    expect(plain.auc).toBeGreaterThan(0.85);
    expect(Math.abs(purged.auc - 0.5)).toBeLessThan(0.08);
    expect(Math.abs(purged.accuracy - 0.5)).toBeLessThan(0.1);
  });
});
