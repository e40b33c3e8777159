/**
 * Policy-gradient agents for {@link TradingEnvironment}: PPO (clipped surrogate, several epochs of
 * mini-batches per rollout) and A2C (one advantage actor-critic step per rollout), sharing rollout
 * collection with generalised advantage estimation, seeded action sampling, validation-based
 * selection of the best iteration, greedy evaluation and `save`/`load`.
 *
 * Observations are standardised with the mean and standard deviation of the features over the
 * *training* environment's episode only (never validation or test data).
 */
import * as tf from '@tensorflow/tfjs';
import { InvariantError, SeededRandom } from '@qt-backtest/core';
import { ActorCritic } from './ActorCritic.js';
import type { TradingEnvironment } from './TradingEnvironment.js';

/** Settings shared by both agents (defaults in {@link AGENT_DEFAULTS}). */
export interface AgentConfig {
  readonly hidden?: readonly number[];
  readonly learningRate?: number;
  /** Discount per bar. */
  readonly gamma?: number;
  /** GAE λ (1 = plain n-step returns). */
  readonly lambda?: number;
  /** Transitions collected per update. */
  readonly rolloutSteps?: number;
  readonly entropyCoefficient?: number;
  readonly valueCoefficient?: number;
  /** PPO only: clip range, epochs per rollout and mini-batch size. */
  readonly clip?: number;
  readonly epochs?: number;
  readonly miniBatch?: number;
  readonly seed?: number;
}

/** Defaults of {@link AgentConfig}. */
export const AGENT_DEFAULTS = {
  hidden: [32, 32] as readonly number[],
  learningRate: 0.0003,
  gamma: 0.99,
  lambda: 0.95,
  rolloutSteps: 512,
  entropyCoefficient: 0.01,
  valueCoefficient: 0.5,
  clip: 0.2,
  epochs: 4,
  miniBatch: 64,
  seed: 0,
} as const;

/** Result of running the greedy policy over one episode. */
export interface EpisodeResult {
  /** Equity after each bar of the episode (index 0 = the start, before any order). */
  readonly equity: Float64Array;
  /** Time label of each equity point (index 0, the starting point, is NaN: it precedes the first fill). */
  readonly time: Float64Array;
  /** Action chosen at each decision bar. */
  readonly actions: Int32Array;
  /** equity[last] / equity[0] − 1. */
  readonly totalReturn: number;
  /** Annualised (√252) Sharpe ratio of the per-bar equity returns (ddof 1); NaN without variance. */
  readonly sharpeRatio: number;
  /** Largest peak-to-trough equity decline, as a positive fraction. */
  readonly maxDrawdown: number;
  /** Steps in which an order filled, and buys rejected for cash. */
  readonly trades: number;
  readonly rejections: number;
}

/** One training iteration's record. */
export interface IterationRecord {
  readonly iteration: number;
  /** Mean reward of the rollout's transitions. */
  readonly meanReward: number;
  /** Validation episode's total return (greedy), when a validation environment was given. */
  readonly validationReturn: number | null;
}

/** Options of {@link PolicyGradientAgent.train}. */
export interface TrainOptions {
  readonly iterations: number;
  /** Greedy-policy episodes on this environment select the iteration whose weights are kept. */
  readonly validation?: TradingEnvironment;
}

/** The algorithm of an agent. */
export const AgentAlgorithm = { Ppo: 'ppo', A2c: 'a2c' } as const;
/** One of {@link AgentAlgorithm}. */
export type AgentAlgorithm = (typeof AgentAlgorithm)[keyof typeof AgentAlgorithm];

/** The JSON of a saved agent (weights inline as base64 float32). */
export interface AgentJson {
  readonly format: 'qt-backtest/rl-agent';
  readonly formatVersion: 1;
  readonly algorithm: AgentAlgorithm;
  readonly config: Required<AgentConfig>;
  readonly observationSize: number;
  readonly actionCount: number;
  readonly exposures: readonly number[];
  readonly scaler: { readonly mean: readonly number[]; readonly std: readonly number[] };
  readonly weightShapes: readonly (readonly number[])[];
  readonly weights: string;
}

function settings(config: AgentConfig): Required<AgentConfig> {
  const s = { ...AGENT_DEFAULTS, ...config } as Required<AgentConfig>;
  const positive: (keyof AgentConfig)[] = ['learningRate', 'rolloutSteps', 'epochs', 'miniBatch', 'clip'];
  for (const k of positive) {
    const v = s[k] as number;
    if (!(v > 0) || !Number.isFinite(v)) throw new InvariantError(`agent setting "${k}" must be > 0, got "${v}"`);
  }
  for (const k of ['gamma', 'lambda'] as const) {
    if (!(s[k] >= 0 && s[k] <= 1)) throw new InvariantError(`agent setting "${k}" must be in [0, 1], got "${s[k]}"`);
  }
  if (!Number.isSafeInteger(s.seed)) throw new InvariantError(`agent seed must be a safe integer, got "${s.seed}"`);
  return s;
}

/** Shared machinery of {@link PpoAgent} and {@link A2cAgent}. */
export abstract class PolicyGradientAgent {
  abstract readonly algorithm: AgentAlgorithm;
  readonly config: Required<AgentConfig>;
  #net: ActorCritic | null = null;
  #exposures: readonly number[] = [];
  #mean: Float64Array = new Float64Array(0);
  #std: Float64Array = new Float64Array(0);
  #rng: SeededRandom;
  #history: IterationRecord[] = [];

  constructor(config: AgentConfig = {}) {
    this.config = settings(config);
    this.#rng = new SeededRandom(this.config.seed);
  }

  /** Per-iteration records of the last `train`. */
  get history(): readonly IterationRecord[] {
    return this.#history;
  }

  #scale(observation: Float64Array): Float64Array {
    const out = new Float64Array(observation.length);
    for (let k = 0; k < observation.length; k++) out[k] = (observation[k]! - this.#mean[k]!) / this.#std[k]!;
    return out;
  }

  #checkEnv(env: TradingEnvironment): void {
    if (this.#net === null) return;
    if (env.observationSize !== this.#net.observationSize || env.exposures.join(',') !== this.#exposures.join(',')) {
      throw new InvariantError(
        `the agent was trained on ${this.#net.observationSize} observations and exposures [${this.#exposures}], the environment has ${env.observationSize} and [${env.exposures}]`,
      );
    }
  }

  /**
   * Trains on `env` for `iterations` rollouts (resetting when an episode ends). With a validation
   * environment, the greedy policy is scored after every iteration and the best iteration's weights
   * are kept. Fresh networks are built at the first call.
   */
  async train(env: TradingEnvironment, options: TrainOptions): Promise<readonly IterationRecord[]> {
    const c = this.config;
    if (this.#net === null) {
      this.#exposures = env.exposures;
      const { mean, std } = featureStatistics(env);
      this.#mean = mean;
      this.#std = std;
      this.#net = new ActorCritic(env.observationSize, env.actionCount, c.hidden, c.seed);
    }
    this.#checkEnv(env);
    if (options.validation !== undefined) this.#checkEnv(options.validation);
    const net = this.#net;
    const optimizer = tf.train.adam(c.learningRate);
    const n = c.rolloutSteps;
    const d = env.observationSize;
    const obsBuf = new Float32Array(n * d);
    const actions = new Int32Array(n);
    const rewards = new Float64Array(n);
    const dones = new Uint8Array(n);
    const values = new Float64Array(n + 1);
    const logProbs = new Float32Array(n);
    const probs = new Float64Array(env.actionCount);
    this.#history = [];
    let best = -Infinity;
    let bestWeights: ReturnType<ActorCritic['weights']> | null = null;
    let observation = this.#scale(env.reset());
    try {
      for (let it = 0; it < options.iterations; it++) {
        let rewardSum = 0;
        for (let k = 0; k < n; k++) {
          obsBuf.set(observation, k * d);
          net.probabilities(observation, probs);
          const a = sample(probs, this.#rng.next());
          actions[k] = a;
          logProbs[k] = Math.log(Math.max(probs[a]!, 1e-12));
          values[k] = net.value(observation);
          const step = env.step(a);
          rewards[k] = step.reward;
          rewardSum += step.reward;
          dones[k] = step.done ? 1 : 0;
          observation = this.#scale(step.done ? env.reset() : step.observation);
        }
        values[n] = net.value(observation);
        const { advantages, returns } = gae(rewards, values, dones, c.gamma, c.lambda);
        this.update(optimizer, net, { observations: obsBuf, actions, advantages, returns, logProbs, count: n, size: d }, this.#rng);
        net.sync();
        let validationReturn: number | null = null;
        if (options.validation !== undefined) {
          validationReturn = this.evaluate(options.validation).totalReturn;
          if (validationReturn > best) {
            best = validationReturn;
            bestWeights = net.weights();
          }
        }
        this.#history.push({ iteration: it, meanReward: rewardSum / n, validationReturn });
      }
      if (bestWeights !== null) net.setWeights(bestWeights.shapes, bestWeights.data);
    } finally {
      optimizer.dispose();
    }
    return this.#history;
  }

  /** Iteration whose weights were kept (best validation return), or the last one without validation. */
  get selectedIteration(): number {
    let best = this.#history.length - 1;
    let score = -Infinity;
    this.#history.forEach((h) => {
      if (h.validationReturn !== null && h.validationReturn > score) {
        score = h.validationReturn;
        best = h.iteration;
      }
    });
    return best;
  }

  /** One gradient update from a rollout (the algorithm-specific part). */
  protected abstract update(optimizer: tf.Optimizer, net: ActorCritic, batch: Rollout, rng: SeededRandom): void;

  /** The greedy action (most probable) for a raw observation. @throws {InvariantError} before training. */
  act(observation: Float64Array): number {
    const net = this.#net;
    if (net === null) throw new InvariantError('the agent is not trained; call train() or load()');
    const probs = new Float64Array(net.actionCount);
    net.probabilities(this.#scale(observation), probs);
    let best = 0;
    for (let a = 1; a < probs.length; a++) if (probs[a]! > probs[best]!) best = a;
    return best;
  }

  /** Runs the greedy policy over one whole episode of `env`. */
  evaluate(env: TradingEnvironment): EpisodeResult {
    this.#checkEnv(env);
    const steps = env.length;
    const equity = new Float64Array(steps + 1);
    const time = new Float64Array(steps + 1);
    const actions = new Int32Array(steps);
    let observation = env.reset();
    equity[0] = env.equity;
    let trades = 0;
    let rejections = 0;
    time[0] = NaN;
    let taken = 0;
    while (taken < steps) {
      const a = this.act(observation);
      actions[taken] = a;
      const step = env.step(a);
      taken++;
      equity[taken] = step.equity;
      time[taken] = step.time;
      if (step.traded) trades++;
      if (step.rejected !== null) rejections++;
      observation = step.observation;
      if (step.done) break;
    }
    const used = equity.subarray(0, taken + 1);
    return {
      equity: used,
      time: time.subarray(0, taken + 1),
      actions: actions.subarray(0, taken),
      totalReturn: used[used.length - 1]! / used[0]! - 1,
      sharpeRatio: sharpe(used),
      maxDrawdown: maxDrawdown(used),
      trades,
      rejections,
    };
  }

  /** The agent as JSON (networks, observation scaler, settings). @throws {InvariantError} before training. */
  toJSON(): AgentJson {
    const net = this.#net;
    if (net === null) throw new InvariantError('the agent is not trained; nothing to save');
    const { shapes, data } = net.weights();
    return {
      format: 'qt-backtest/rl-agent',
      formatVersion: 1,
      algorithm: this.algorithm,
      config: this.config,
      observationSize: net.observationSize,
      actionCount: net.actionCount,
      exposures: this.#exposures,
      scaler: { mean: Array.from(this.#mean), std: Array.from(this.#std) },
      weightShapes: shapes,
      weights: Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64'),
    };
  }

  /** @internal Installs saved networks and scaler (used by `loadAgent`). */
  restore(json: AgentJson): void {
    this.#net?.dispose();
    this.#net = new ActorCritic(json.observationSize, json.actionCount, json.config.hidden, json.config.seed);
    const bytes = Buffer.from(json.weights, 'base64');
    const data = new Float32Array(bytes.byteLength / 4);
    new Uint8Array(data.buffer).set(bytes);
    this.#net.setWeights(json.weightShapes, data);
    this.#exposures = json.exposures;
    this.#mean = Float64Array.from(json.scaler.mean);
    this.#std = Float64Array.from(json.scaler.std);
  }

  dispose(): void {
    this.#net?.dispose();
    this.#net = null;
  }
}

/** One rollout, as the update step sees it. */
export interface Rollout {
  readonly observations: Float32Array;
  readonly actions: Int32Array;
  readonly advantages: Float32Array;
  readonly returns: Float32Array;
  readonly logProbs: Float32Array;
  readonly count: number;
  readonly size: number;
}

/** Log-probabilities of the taken actions and the mean entropy, for a batch (inside a TF.js scope). */
export function policyTerms(net: ActorCritic, obs: tf.Tensor2D, actions: tf.Tensor1D): { logp: tf.Tensor1D; entropy: tf.Scalar; value: tf.Tensor1D } {
  const logits = net.actor.apply(obs) as tf.Tensor2D;
  const logAll = tf.logSoftmax(logits);
  const logp = logAll.mul(tf.oneHot(actions, net.actionCount)).sum(1) as tf.Tensor1D;
  const entropy = tf.exp(logAll).mul(logAll).sum(1).neg().mean() as tf.Scalar;
  const value = (net.critic.apply(obs) as tf.Tensor2D).reshape([-1]) as tf.Tensor1D;
  return { logp, entropy, value };
}

function sample(probs: Float64Array, u: number): number {
  let acc = 0;
  for (let a = 0; a < probs.length; a++) {
    acc += probs[a]!;
    if (u < acc) return a;
  }
  return probs.length - 1;
}

function gae(rewards: Float64Array, values: Float64Array, dones: Uint8Array, gamma: number, lambda: number) {
  const n = rewards.length;
  const advantages = new Float32Array(n);
  const returns = new Float32Array(n);
  let last = 0;
  for (let k = n - 1; k >= 0; k--) {
    const notDone = dones[k] === 1 ? 0 : 1;
    const delta = rewards[k]! + gamma * values[k + 1]! * notDone - values[k]!;
    last = delta + gamma * lambda * notDone * last;
    advantages[k] = last;
    returns[k] = last + values[k]!;
  }
  return { advantages, returns };
}

function featureStatistics(env: TradingEnvironment): { mean: Float64Array; std: Float64Array } {
  const d = env.observationSize;
  const sum = new Float64Array(d);
  const sq = new Float64Array(d);
  let count = 0;
  let obs = env.reset();
  for (;;) {
    for (let k = 0; k < d - 1; k++) {
      sum[k] = sum[k]! + obs[k]!;
      sq[k] = sq[k]! + obs[k]! * obs[k]!;
    }
    count++;
    // Stay flat: the statistics are of the features, which do not depend on the actions.
    const step = env.step(0);
    obs = step.observation;
    if (step.done) break;
  }
  const mean = new Float64Array(d);
  const std = new Float64Array(d).fill(1);
  for (let k = 0; k < d - 1; k++) {
    mean[k] = sum[k]! / count;
    const v = sq[k]! / count - mean[k]! ** 2;
    std[k] = v > 1e-24 ? Math.sqrt(v) : 1;
  }
  return { mean, std };
}

function sharpe(equity: Float64Array): number {
  const n = equity.length - 1;
  if (n < 2) return NaN;
  let mean = 0;
  for (let i = 1; i <= n; i++) mean += equity[i]! / equity[i - 1]! - 1;
  mean /= n;
  let v = 0;
  for (let i = 1; i <= n; i++) v += (equity[i]! / equity[i - 1]! - 1 - mean) ** 2;
  const sd = Math.sqrt(v / (n - 1));
  return sd > 0 ? (mean / sd) * Math.sqrt(252) : NaN;
}

function maxDrawdown(equity: Float64Array): number {
  let peak = -Infinity;
  let worst = 0;
  for (const e of equity) {
    peak = Math.max(peak, e);
    worst = Math.max(worst, 1 - e / peak);
  }
  return worst;
}
