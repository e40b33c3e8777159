import { describe, expect, it } from 'vitest';
import { matrix, sklearnReference } from '../internal/sklearnReference.js';
import { ElasticNet, Lasso } from './ElasticNet.js';
import { LogisticRegression } from './LogisticRegression.js';
import { LinearRegression, Ridge } from './Ridge.js';
import type { Estimator } from '../Estimator.js';

// Reference values: scikit-learn 1.2.1 (numpy 1.24.2, scipy 1.10.1) run here by
// packages/models/reference/sklearn_reference.py on a seeded 60 × 4 dataset; see the fixture's "versions".
const ref = sklearnReference.linear;
const X = matrix(ref.X, ref.cols);
const Xnew = matrix(ref.Xnew, ref.cols);
const y = Float64Array.from(ref.y);
const w = Float64Array.from(ref.w);
const yClass = Float64Array.from(ref.yClass);

interface Linear extends Estimator {
  readonly coef: readonly number[];
  readonly intercept: number;
}

function expectAgreement(model: Linear, expected: { coef: number[]; intercept: number; predict: number[] }, tol: number): void {
  model.coef.forEach((c, j) => expect(Math.abs(c - expected.coef[j]!)).toBeLessThan(tol));
  expect(Math.abs(model.intercept - expected.intercept)).toBeLessThan(tol);
  model.predict(Xnew).forEach((v, i) => expect(Math.abs(v - expected.predict[i]!)).toBeLessThan(tol * 10));
}

describe('linear models agree with scikit-learn', () => {
  it('OLS to 1e-10 (LinearRegression, with and without sample weights)', () => {
    const ols = new LinearRegression();
    ols.fit(X, y);
    expectAgreement(ols, ref.ols, 1e-10);
    const olsW = new LinearRegression();
    olsW.fit(X, y, { sampleWeight: w });
    expectAgreement(olsW, ref.olsWeighted, 1e-10);
  });

  it('ridge to 1e-10 (alpha 1.5, weighted, and without intercept)', () => {
    const r = new Ridge({ alpha: 1.5 });
    r.fit(X, y);
    expectAgreement(r, ref.ridge, 1e-10);
    const rw = new Ridge({ alpha: 1.5 });
    rw.fit(X, y, { sampleWeight: w });
    expectAgreement(rw, ref.ridgeWeighted, 1e-10);
    const r0 = new Ridge({ alpha: 0.8, fitIntercept: false });
    r0.fit(X, y);
    expectAgreement(r0, ref.ridgeNoIntercept, 1e-10);
  });

  it('lasso and elastic net to 1e-6 (coordinate descent, sklearn objective scaling)', () => {
    const l = new Lasso({ alpha: 0.05 });
    l.fit(X, y);
    expectAgreement(l, ref.lasso, 1e-6);
    const ls = new Lasso({ alpha: 0.4 });
    ls.fit(X, y);
    expectAgreement(ls, ref.lassoSparse, 1e-6);
    expect(ls.coef.filter((c) => c === 0).length).toBe(ref.lassoSparse.coef.filter((c: number) => c === 0).length);
    const e = new ElasticNet({ alpha: 0.1, l1Ratio: 0.3 });
    e.fit(X, y);
    expectAgreement(e, ref.elasticNet, 1e-6);
    const ew = new ElasticNet({ alpha: 0.1, l1Ratio: 0.3 });
    ew.fit(X, y, { sampleWeight: w });
    expectAgreement(ew, ref.elasticNetWeighted, 1e-6);
  });

  it('logistic regression to 1e-6 (Newton/IRLS, C convention, weighted)', () => {
    const c = new LogisticRegression({ C: 0.7 });
    c.fit(X, yClass);
    c.coef.forEach((v, j) => expect(Math.abs(v - ref.logistic.coef[j])).toBeLessThan(1e-6));
    expect(Math.abs(c.intercept - ref.logistic.intercept)).toBeLessThan(1e-6);
    c.predictProba(Xnew).forEach((p, i) => expect(Math.abs(p - ref.logistic.proba[i])).toBeLessThan(1e-6));
    expect(Array.from(c.predict(Xnew))).toEqual(ref.logistic.predict);
    const cw = new LogisticRegression({ C: 2 });
    cw.fit(X, yClass, { sampleWeight: w });
    cw.coef.forEach((v, j) => expect(Math.abs(v - ref.logisticWeighted.coef[j])).toBeLessThan(1e-6));
    cw.predictProba(Xnew).forEach((p, i) => expect(Math.abs(p - ref.logisticWeighted.proba[i])).toBeLessThan(1e-6));
  });

  it('toJSON/fromJSON reproduce predictions bit for bit', () => {
    const models = [new Ridge({ alpha: 2 }), new LinearRegression(), new Lasso({ alpha: 0.1 }), new ElasticNet({ alpha: 0.1 })];
    for (const m of models) {
      m.fit(X, y);
      const json = JSON.parse(JSON.stringify(m.toJSON()));
      const copy = (m.constructor as unknown as { fromJSON(j: unknown): Estimator }).fromJSON(json);
      expect(copy.type).toBe(m.type);
      expect(copy.predict(Xnew)).toEqual(m.predict(Xnew));
    }
    const c = new LogisticRegression({ C: Infinity });
    c.fit(X, yClass);
    const copy = LogisticRegression.fromJSON(JSON.parse(JSON.stringify(c.toJSON())));
    expect(copy.predictProba(Xnew)).toEqual(c.predictProba(Xnew));
  });

  it('bad inputs get one clear error each', () => {
    expect(() => new Ridge({ alpah: 1 })).toThrow('unknown hyperparameter "alpah" for Ridge; known: alpha, fitIntercept');
    expect(() => new Ridge({ alpha: -1 })).toThrow('Ridge hyperparameter "alpha" must be in [0, Infinity], got -1');
    expect(() => new Ridge().fit(X, y.subarray(1))).toThrow('Ridge.fit: y has 59 values for 60 rows of X');
    expect(() => new LogisticRegression().fit(X, y)).toThrow('LogisticRegression.fit: class ids must be 0 or 1, y[0] =');
    expect(() => new Ridge().predict(X)).toThrow('Ridge is not fitted; call fit first');
    const r = new Ridge();
    r.fit(X, y);
    expect(() => r.predict(matrix([1, 2], 2))).toThrow('Ridge.predict: X has 2 columns, the model was fitted on 4');
    expect(() => new LinearRegression().fit(matrix([1, 2, 1, 2, 1, 2], 2), Float64Array.of(1, 2, 3))).toThrow('singular');
  });
});
