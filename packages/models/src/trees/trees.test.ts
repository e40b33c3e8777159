import { describe, expect, it } from 'vitest';
import type { Classifier, Estimator, FeatureMatrix } from '../Estimator.js';
import { matrix, sklearnReference } from '../internal/sklearnReference.js';
import { DecisionTreeClassifier, DecisionTreeRegressor } from './DecisionTree.js';
import { GradientBoostingClassifier, GradientBoostingRegressor } from './GradientBoosting.js';
import { RandomForestClassifier, RandomForestRegressor } from './RandomForest.js';

// Reference values: scikit-learn 1.2.1 run here by packages/models/reference/sklearn_reference.py.
const exact = sklearnReference.exactTree;
const Xi = matrix(exact.X, exact.cols);
const Xq = matrix(exact.Xq, exact.cols);

function rows(X: FeatureMatrix, from: number, to: number): FeatureMatrix {
  return { data: X.data.subarray(from * X.cols, to * X.cols), rows: to - from, cols: X.cols };
}

function accuracy(model: Classifier, X: FeatureMatrix, y: Float64Array): number {
  const p = model.predict(X);
  return p.reduce((a, v, i) => a + (v === y[i] ? 1 : 0), 0) / y.length;
}

function auc(score: Float64Array, y: Float64Array): number {
  let pairs = 0;
  let wins = 0;
  for (let i = 0; i < y.length; i++) for (let j = 0; j < y.length; j++) if (y[i] === 1 && y[j] === 0) {
    pairs++;
    wins += score[i]! > score[j]! ? 1 : score[i] === score[j] ? 0.5 : 0;
  }
  return wins / pairs;
}

function r2(pred: Float64Array, y: Float64Array): number {
  const m = y.reduce((a, b) => a + b, 0) / y.length;
  let ss = 0;
  let st = 0;
  for (let i = 0; i < y.length; i++) {
    ss += (y[i]! - pred[i]!) ** 2;
    st += (y[i]! - m) ** 2;
  }
  return 1 - ss / st;
}

describe('decision trees match scikit-learn exactly when every distinct value has its own bin', () => {
  it('DecisionTreeRegressor(max_depth=3): predictions and feature importances', () => {
    const tree = new DecisionTreeRegressor({ maxDepth: 3 });
    tree.fit(Xi, Float64Array.from(exact.y));
    tree.predict(Xq).forEach((v, i) => expect(v).toBeCloseTo(exact.regressorDepth3[i], 12));
    tree.featureImportances().forEach((v, j) => expect(v).toBeCloseTo(exact.regressorImportances[j], 12));
  });

  it('DecisionTreeClassifier(max_depth=3): class-1 probabilities (Gini)', () => {
    const tree = new DecisionTreeClassifier({ maxDepth: 3 });
    tree.fit(Xi, Float64Array.from(exact.yClass));
    tree.predictProba(Xq).forEach((v, i) => expect(v).toBeCloseTo(exact.classifierDepth3Proba[i], 12));
  });

  it('an unlimited tree fits distinct training rows exactly', () => {
    const X = matrix([0, 1, 2, 3, 4, 5, 6, 7], 1);
    const y = Float64Array.of(3, -1, 4, 1, -5, 9, 2, 6);
    const tree = new DecisionTreeRegressor();
    tree.fit(X, y);
    expect(tree.predict(X)).toEqual(y);
  });
});

// Known datasets: scikit-learn's breast cancer (569 × 30) and diabetes (442 × 10) with a fixed
// holdout; our models must be within a small margin of scikit-learn's scores on the same split.
describe('tree ensembles on known datasets (vs scikit-learn 1.2.1 on the same holdout)', () => {
  const bc = sklearnReference.breastCancer;
  const Xb = matrix(bc.X, bc.cols);
  const yb = Float64Array.from(bc.y);
  const [Xtr, Xte] = [rows(Xb, 0, bc.train), rows(Xb, bc.train, bc.rows)];
  const [ytr, yte] = [yb.subarray(0, bc.train), yb.subarray(bc.train)];

  it('breast cancer: decision tree, random forest and gradient boosting accuracy and AUC', () => {
    const dt = new DecisionTreeClassifier({ maxDepth: 4 });
    dt.fit(Xtr, ytr);
    expect(accuracy(dt, Xte, yte)).toBeGreaterThanOrEqual(bc.accuracy['DecisionTreeClassifier(max_depth=4)'] - 0.04);
    const rf = new RandomForestClassifier({ nEstimators: 100, seed: 1 });
    rf.fit(Xtr, ytr);
    expect(accuracy(rf, Xte, yte)).toBeGreaterThanOrEqual(bc.accuracy['RandomForestClassifier(n_estimators=100)'] - 0.03);
    expect(auc(rf.predictProba(Xte), yte)).toBeGreaterThanOrEqual(bc.auc['RandomForestClassifier(n_estimators=100)'] - 0.01);
    const gb = new GradientBoostingClassifier({ maxIter: 100, maxDepth: 4 });
    gb.fit(Xtr, ytr);
    expect(accuracy(gb, Xte, yte)).toBeGreaterThanOrEqual(bc.accuracy['HistGradientBoostingClassifier(max_iter=100,max_depth=4)'] - 0.03);
    expect(auc(gb.predictProba(Xte), yte)).toBeGreaterThanOrEqual(bc.auc['HistGradientBoostingClassifier(max_iter=100,max_depth=4)'] - 0.01);
  });

  it('diabetes: random forest and gradient boosting R²', () => {
    const d = sklearnReference.diabetes;
    const Xd = matrix(d.X, d.cols);
    const yd = Float64Array.from(d.y);
    const [Xtr2, Xte2] = [rows(Xd, 0, d.train), rows(Xd, d.train, d.rows)];
    const [ytr2, yte2] = [yd.subarray(0, d.train), yd.subarray(d.train)];
    const rf = new RandomForestRegressor({ nEstimators: 100, seed: 3 });
    rf.fit(Xtr2, ytr2);
    expect(r2(rf.predict(Xte2), yte2)).toBeGreaterThanOrEqual(d.r2['RandomForestRegressor(n_estimators=100)'] - 0.05);
    const gb = new GradientBoostingRegressor({ maxIter: 100, maxDepth: 4 });
    gb.fit(Xtr2, ytr2);
    expect(r2(gb.predict(Xte2), yte2)).toBeGreaterThanOrEqual(d.r2['HistGradientBoostingRegressor(max_iter=100,max_depth=4)'] - 0.05);
  });
});

describe('tree ensemble properties', () => {
  const n = 400;
  const X = { data: new Float64Array(n * 3), rows: n, cols: 3 };
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const a = Math.sin(i * 1.7);
    const b = Math.cos(i * 0.37);
    X.data.set([a, b, ((i * 7919) % 101) / 101], i * 3);
    y[i] = 2 * a + (b > 0 ? 1 : -1);
  }

  it('same seed gives identical forests; another seed a different one; JSON round trip is bit-exact', () => {
    const fit = (seed: number): RandomForestRegressor => {
      const m = new RandomForestRegressor({ nEstimators: 10, maxFeatures: 'sqrt', seed });
      m.fit(X, y);
      return m;
    };
    expect(fit(5).predict(X)).toEqual(fit(5).predict(X));
    expect(fit(5).predict(X)).not.toEqual(fit(6).predict(X));
    const models: Estimator[] = [fit(5), new GradientBoostingRegressor({ maxIter: 20 }), new DecisionTreeRegressor({ maxDepth: 5 })];
    for (const m of models) {
      if (!m.fitted) m.fit(X, y);
      const copy = (m.constructor as unknown as { fromJSON(j: unknown): Estimator }).fromJSON(JSON.parse(JSON.stringify(m.toJSON())));
      expect(copy.predict(X)).toEqual(m.predict(X));
    }
  });

  it('importances sum to 1 and find the informative features, not the noise column', () => {
    const gb = new GradientBoostingRegressor({ maxIter: 50 });
    gb.fit(X, y);
    const imp = gb.featureImportances();
    expect(imp.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(imp[2]!).toBeLessThan(0.05);
  });

  it('boosting training loss falls with rounds; early stopping keeps the best validation round', () => {
    const mse = (m: Estimator): number => m.predict(X).reduce((a, v, i) => a + (v - y[i]!) ** 2, 0) / n;
    const few = new GradientBoostingRegressor({ maxIter: 5 });
    few.fit(X, y);
    const many = new GradientBoostingRegressor({ maxIter: 60 });
    many.fit(X, y);
    expect(mse(many)).toBeLessThan(mse(few));
    const noisy = y.map((v, i) => v + Math.sin(i * 12.9898) * 3);
    const es = new GradientBoostingRegressor({ maxIter: 500, learningRate: 0.3, nIterNoChange: 5 });
    es.fit(rows(X, 0, 300), noisy.subarray(0, 300), { validation: { X: rows(X, 300, n), y: noisy.subarray(300) } });
    expect(es.iterations).toBeLessThan(500);
  });

  it('classifier probabilities lie in [0, 1] and rows with NaN features are predicted (missing values go right)', () => {
    const y01 = y.map((v) => (v > 0 ? 1 : 0));
    const gb = new GradientBoostingClassifier({ maxIter: 20 });
    gb.fit(X, y01);
    for (const p of gb.predictProba(X)) expect(p >= 0 && p <= 1).toBe(true);
    const withNaN = matrix([NaN, 0.5, 0.2], 3);
    expect(Number.isFinite(gb.predictProba(withNaN)[0]!)).toBe(true);
  });
});
