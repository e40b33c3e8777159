/**
 * Stacking: a final estimator learns to combine base estimators' predictions — trained only on
 * the bases' out-of-sample predictions from purged walk-forward (time-series) splits, never on
 * in-sample fits, so a base that memorises its training data gets no credit for it.
 */
import type { Estimator, EstimatorJson, FeatureMatrix, FitOptions, Hyperparameters } from '../Estimator.js';
import { EstimatorError, EstimatorKind, isClassifier } from '../Estimator.js';
import { walkForwardSplits } from '../cv/walkForwardSplits.js';
import { estimatorFromJson } from '../estimatorTypes.js';
import { checkPredict, notFitted } from './checks.js';
import { checkRange, resolveHyperparameters } from './hyperparameters.js';

const DEFAULTS = { folds: 5, embargo: 0 };

/** Base and final estimators of a stack. */
export interface StackingMembers {
  readonly estimators: readonly Estimator[];
  readonly final: Estimator;
}

function rows(X: FeatureMatrix, index: readonly number[]): FeatureMatrix {
  const data = new Float64Array(index.length * X.cols);
  index.forEach((i, r) => data.set(X.data.subarray(i * X.cols, (i + 1) * X.cols), r * X.cols));
  return { data, rows: index.length, cols: X.cols };
}

abstract class Stacking implements Estimator {
  abstract readonly type: string;
  readonly kind: EstimatorKind;
  readonly hyperparameters: Readonly<typeof DEFAULTS>;
  readonly #members: StackingMembers;
  #cols: number | undefined;
  #fitted = false;

  protected constructor(type: string, kind: EstimatorKind, hyperparameters: Hyperparameters | undefined, members: StackingMembers | undefined) {
    this.kind = kind;
    this.hyperparameters = resolveHyperparameters(type, DEFAULTS, hyperparameters);
    checkRange(type, 'folds', this.hyperparameters.folds, 2, Infinity, true);
    if (members === undefined || members.estimators.length === 0) throw new EstimatorError(`${type} needs base estimators and a final estimator`);
    if (kind === EstimatorKind.Classifier && !isClassifier(members.final)) throw new EstimatorError(`${type}: the final estimator must be a classifier, got ${members.final.type}`);
    this.#members = members;
  }

  get fitted(): boolean {
    return this.#fitted;
  }

  /** The base estimators (fitted on all rows after `fit`). */
  get estimators(): readonly Estimator[] {
    return this.#members.estimators;
  }

  /** The level-2 estimator (fitted on out-of-sample base predictions). */
  get final(): Estimator {
    return this.#members.final;
  }

  /** Level-2 inputs: each base's prediction (P(class 1) for classifiers). */
  #level2(X: FeatureMatrix, bases: readonly Estimator[]): FeatureMatrix {
    const k = bases.length;
    const data = new Float64Array(X.rows * k);
    bases.forEach((b, j) => {
      const p = isClassifier(b) ? b.predictProba(X) : b.predict(X);
      for (let i = 0; i < X.rows; i++) data[i * k + j] = p[i]!;
    });
    return { data, rows: X.rows, cols: k };
  }

  async fit(X: FeatureMatrix, y: Float64Array, options?: FitOptions): Promise<void> {
    const n = X.rows;
    const events = options?.events ?? { start: Float64Array.from({ length: n }, (_, i) => i), end: Float64Array.from({ length: n }, (_, i) => i) };
    const splits = walkForwardSplits(events, { folds: this.hyperparameters.folds, embargo: this.hyperparameters.embargo });
    const k = this.#members.estimators.length;
    const oofRows: number[] = [];
    const oof: number[] = [];
    for (const { train, test } of splits) {
      if (train.length === 0) continue;
      const Xtr = rows(X, train);
      const ytr = Float64Array.from(train, (i) => y[i]!);
      const wtr = options?.sampleWeight === undefined ? undefined : Float64Array.from(train, (i) => options.sampleWeight![i]!);
      const bases: Estimator[] = [];
      for (const b of this.#members.estimators) {
        const m = b.withHyperparameters({});
        await m.fit(Xtr, ytr, { sampleWeight: wtr, seed: options?.seed });
        bases.push(m);
      }
      const z = this.#level2(rows(X, test), bases);
      test.forEach((i, r) => {
        oofRows.push(i);
        for (let j = 0; j < k; j++) oof.push(z.data[r * k + j]!);
      });
    }
    if (oofRows.length === 0) throw new EstimatorError(`${this.type}.fit: no out-of-sample rows for the final estimator (${n} rows, ${this.hyperparameters.folds} folds)`);
    await this.#members.final.fit({ data: Float64Array.from(oof), rows: oofRows.length, cols: k }, Float64Array.from(oofRows, (i) => y[i]!), {
      sampleWeight: options?.sampleWeight === undefined ? undefined : Float64Array.from(oofRows, (i) => options.sampleWeight![i]!),
      seed: options?.seed,
    });
    for (const b of this.#members.estimators) await b.fit(X, y, { sampleWeight: options?.sampleWeight, seed: options?.seed });
    this.#cols = X.cols;
    this.#fitted = true;
  }

  predict(X: FeatureMatrix): Float64Array {
    checkPredict(this.type, X, this.#cols);
    return this.#members.final.predict(this.#level2(X, this.#members.estimators));
  }

  /** P(class 1) from the final classifier. */
  predictProba(X: FeatureMatrix): Float64Array {
    checkPredict(this.type, X, this.#cols);
    const final = this.#members.final;
    if (!isClassifier(final)) throw new EstimatorError(`${this.type} is a regressor; it has no predictProba`);
    return final.predictProba(this.#level2(X, this.#members.estimators));
  }

  withHyperparameters(overrides: Hyperparameters): Estimator {
    const cls = this.constructor as new (h: Hyperparameters, m: StackingMembers) => Estimator;
    return new cls({ ...this.hyperparameters, ...overrides }, { estimators: this.#members.estimators.map((e) => e.withHyperparameters({})), final: this.#members.final.withHyperparameters({}) });
  }

  toJSON(): EstimatorJson {
    return {
      type: this.type,
      version: 1,
      hyperparameters: this.hyperparameters,
      state: { cols: this.#cols ?? null, fitted: this.#fitted, estimators: this.#members.estimators.map((e) => e.toJSON()), final: this.#members.final.toJSON() },
    };
  }

  /** Restores state (used by the subclasses' `fromJSON`). */
  protected restore(cols: number | null, fitted: boolean): this {
    this.#cols = cols ?? undefined;
    this.#fitted = fitted;
    if (fitted && !this.#members.estimators.every((e) => e.fitted)) throw notFitted(`${this.type} member`);
    return this;
  }
}

interface StackingState {
  readonly cols: number | null;
  readonly fitted: boolean;
  readonly estimators: readonly EstimatorJson[];
  readonly final: EstimatorJson;
}

function members(json: EstimatorJson, type: string): StackingState {
  if (json.type !== type) throw new EstimatorError(`${type}.fromJSON got type "${json.type}"`);
  const s = json.state as StackingState | null;
  if (s === null || !Array.isArray(s.estimators) || s.final === undefined) throw new EstimatorError(`${type}.fromJSON: state needs estimators and final`);
  return s;
}

/**
 * Stacked regressor: a final regressor on the bases' out-of-sample predictions from purged
 * walk-forward splits (`folds`, `embargo`; pass `events` in the fit options to purge by label
 * horizon).
 *
 * @example
 * const stack = new StackingRegressor({ folds: 5 }, { estimators: [new Ridge(), new GradientBoostingRegressor()], final: new Ridge({ alpha: 0.1 }) });
 * await stack.fit(X, y, { events: { start, end } });
 */
export class StackingRegressor extends Stacking {
  static readonly typeName = 'StackingRegressor';
  readonly type = StackingRegressor.typeName;

  constructor(hyperparameters?: Hyperparameters, stack?: StackingMembers) {
    super(StackingRegressor.typeName, EstimatorKind.Regressor, hyperparameters, stack);
  }

  static fromJSON(json: EstimatorJson): StackingRegressor {
    const s = members(json, StackingRegressor.typeName);
    return new StackingRegressor(json.hyperparameters, { estimators: s.estimators.map(estimatorFromJson), final: estimatorFromJson(s.final) }).restore(s.cols, s.fitted);
  }
}

/**
 * Stacked 0/1 classifier: a final classifier on the bases' out-of-sample P(class 1).
 *
 * @example
 * const stack = new StackingClassifier({}, { estimators: [new LogisticRegression(), new RandomForestClassifier()], final: new LogisticRegression() });
 */
export class StackingClassifier extends Stacking {
  static readonly typeName = 'StackingClassifier';
  readonly type = StackingClassifier.typeName;
  declare readonly kind: 'classifier';

  constructor(hyperparameters?: Hyperparameters, stack?: StackingMembers) {
    super(StackingClassifier.typeName, EstimatorKind.Classifier, hyperparameters, stack);
  }

  static fromJSON(json: EstimatorJson): StackingClassifier {
    const s = members(json, StackingClassifier.typeName);
    return new StackingClassifier(json.hyperparameters, { estimators: s.estimators.map(estimatorFromJson), final: estimatorFromJson(s.final) }).restore(s.cols, s.fitted);
  }
}
