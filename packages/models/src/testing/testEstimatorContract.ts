import { describe, expect, it } from 'vitest';
import type { Estimator, EstimatorClass, EstimatorInput, FeatureMatrix } from '../Estimator.js';
import { isClassifier } from '../Estimator.js';

/** What {@link testEstimatorContract} needs. */
export interface EstimatorContractConfig<X extends EstimatorInput = FeatureMatrix> {
  /** The class under test (its `fromJSON` is checked). */
  readonly cls: EstimatorClass<X>;
  /** A fresh, unfitted estimator (seeded if it draws random numbers). */
  readonly create: () => Estimator<X>;
  /** Training inputs and targets (0/1 for classifiers). */
  readonly X: X;
  readonly y: Float64Array;
  /** Inputs to predict on; must have the same columns. */
  readonly Xnew: X;
  /** The same inputs with one column fewer (or another shape the model must refuse). */
  readonly Xwrong: X;
}

/**
 * Registers the `Estimator` contract: predictions are one finite value per row (class ids 0/1 and
 * probabilities in [0, 1] for classifiers); two fits with the same seed agree bit for bit; refitting
 * replaces the previous fit; `toJSON` → `fromJSON` reproduces predictions bit for bit through a JSON
 * string; `withHyperparameters` returns an unfitted estimator; predicting before `fit` or on the
 * wrong shape throws. Call it at the top level of a test file; run it on your own estimators too.
 *
 * @example
 * testEstimatorContract({ cls: Ridge, create: () => new Ridge({ alpha: 1 }), X, y, Xnew, Xwrong });
 */
export function testEstimatorContract<X extends EstimatorInput = FeatureMatrix>(config: EstimatorContractConfig<X>): void {
  const { cls, create, X, y, Xnew, Xwrong } = config;
  const fitted = async (): Promise<Estimator<X>> => {
    const m = create();
    await m.fit(X, y, { seed: 7 });
    return m;
  };
  describe(`${cls.typeName} meets the Estimator contract`, () => {
    it('predicts one finite value per row (classes 0/1 and probabilities in [0, 1] for classifiers)', async () => {
      const m = await fitted();
      expect(m.fitted).toBe(true);
      expect(m.type).toBe(cls.typeName);
      const p = m.predict(Xnew);
      expect(p).toHaveLength(Xnew.rows);
      for (const v of p) expect(Number.isFinite(v)).toBe(true);
      if (isClassifier(m)) {
        for (const v of p) expect(v === 0 || v === 1).toBe(true);
        for (const q of m.predictProba(Xnew)) expect(q >= 0 && q <= 1).toBe(true);
      }
    });

    it('is deterministic for a seed, and a refit replaces the previous fit', async () => {
      const a = await fitted();
      const b = await fitted();
      expect(b.predict(Xnew)).toEqual(a.predict(Xnew));
      await a.fit(X, y, { seed: 7 });
      expect(a.predict(Xnew)).toEqual(b.predict(Xnew));
    });

    it('round-trips through JSON text bit for bit', async () => {
      const m = await fitted();
      const copy = cls.fromJSON(JSON.parse(JSON.stringify(m.toJSON())));
      expect(copy.type).toBe(m.type);
      expect(copy.hyperparameters).toEqual(JSON.parse(JSON.stringify(m.hyperparameters)));
      expect(copy.predict(Xnew)).toEqual(m.predict(Xnew));
      if (isClassifier(m) && isClassifier(copy)) expect(copy.predictProba(Xnew)).toEqual(m.predictProba(Xnew));
    });

    it('withHyperparameters gives an unfitted estimator; unfitted or wrong-shaped prediction throws', async () => {
      const m = await fitted();
      const fresh = m.withHyperparameters({});
      expect(fresh.fitted).toBe(false);
      expect(fresh.type).toBe(m.type);
      expect(() => create().predict(Xnew)).toThrow();
      expect(() => m.predict(Xwrong)).toThrow();
    });
  });
}
