import { SeededRandom } from '@qt-backtest/core';
import { describe, expect, it } from 'vitest';
import { loadEstimator } from '../estimatorRegistry.js';
import { DecisionTreeRegressor } from '../trees/DecisionTree.js';
import { LogisticRegression } from './LogisticRegression.js';
import { LinearRegression, Ridge } from './Ridge.js';
import { StackingClassifier, StackingRegressor } from './Stacking.js';

function data(n: number, seed: number): { X: { data: Float64Array; rows: number; cols: number }; y: Float64Array; noise: Float64Array } {
  const rng = new SeededRandom(seed);
  const X = new Float64Array(n * 2);
  const y = new Float64Array(n);
  const noise = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    X[i * 2] = rng.next() - 0.5;
    X[i * 2 + 1] = i; // a time-like feature a deep tree can memorise
    noise[i] = rng.next() - 0.5;
    y[i] = 2 * X[i * 2]! + noise[i]!;
  }
  return { X: { data: X, rows: n, cols: 2 }, y, noise };
}

describe('stacking with purged time-series CV at level 2', () => {
  it('gives a memorising base no weight: level 2 sees only its out-of-sample predictions', async () => {
    const { X, y } = data(250, 1); // ≤ 255 distinct times: every row gets its own bin, so the tree can memorise
    const stack = new StackingRegressor({ folds: 5 }, { estimators: [new LinearRegression(), new DecisionTreeRegressor()], final: new LinearRegression() });
    await stack.fit(X, y);
    const coef = (stack.final as LinearRegression).coef;
    // In sample the unlimited tree is perfect (it would take all the weight); out of sample it is
    // noise, so the linear base carries the stack.
    expect(coef[0]!).toBeGreaterThan(0.8);
    expect(Math.abs(coef[1]!)).toBeLessThan(0.2);
    const tree = new DecisionTreeRegressor();
    tree.fit(X, y);
    tree.predict(X).forEach((v, i) => expect(v).toBeCloseTo(y[i]!, 9));
  });

  it('classifier stack, purging by event times, and a bit-exact JSON round trip through loadEstimator', async () => {
    const { X, y } = data(400, 2);
    const y01 = y.map((v) => (v > 0 ? 1 : 0));
    const start = Float64Array.from({ length: 400 }, (_, i) => i);
    const stack = new StackingClassifier({ folds: 4, embargo: 0.01 }, { estimators: [new LogisticRegression(), new Ridge()], final: new LogisticRegression() });
    await stack.fit(X, y01, { events: { start, end: start.map((s) => s + 5) } });
    const p = stack.predictProba(X);
    for (const v of p) expect(v >= 0 && v <= 1).toBe(true);
    const copy = loadEstimator(JSON.parse(JSON.stringify(stack.toJSON())));
    expect(copy.type).toBe('StackingClassifier');
    expect((copy as StackingClassifier).predictProba(X)).toEqual(p);
    expect(() => new StackingRegressor({ folds: 3 })).toThrow('StackingRegressor needs base estimators and a final estimator');
    expect(() => new StackingClassifier({}, { estimators: [new Ridge()], final: new Ridge() })).toThrow('the final estimator must be a classifier, got Ridge');
  });
});
