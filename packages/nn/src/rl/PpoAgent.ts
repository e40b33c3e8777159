/**
 * Proximal Policy Optimization (Schulman et al., 2017): several epochs of mini-batch updates per
 * rollout on the clipped surrogate objective, with normalised advantages, a value loss and an
 * entropy bonus.
 */
import * as tf from '@tensorflow/tfjs';
import type { SeededRandom } from '@qt-backtest/core';
import type { ActorCritic } from './ActorCritic.js';
import type { Rollout } from './PolicyGradientAgent.js';
import { AgentAlgorithm, PolicyGradientAgent, policyTerms } from './PolicyGradientAgent.js';

/**
 * A PPO agent for {@link TradingEnvironment}.
 *
 * @example
 * const agent = new PpoAgent({ seed: 7 });
 * await agent.train(trainEnv, { iterations: 20, validation: validationEnv });
 * const test = agent.evaluate(testEnv);
 */
export class PpoAgent extends PolicyGradientAgent {
  readonly algorithm = AgentAlgorithm.Ppo;

  protected update(optimizer: tf.Optimizer, net: ActorCritic, batch: Rollout, rng: SeededRandom): void {
    const { clip, epochs, miniBatch, entropyCoefficient, valueCoefficient } = this.config;
    const n = batch.count;
    let mean = 0;
    for (let k = 0; k < n; k++) mean += batch.advantages[k]!;
    mean /= n;
    let sd = 0;
    for (let k = 0; k < n; k++) sd += (batch.advantages[k]! - mean) ** 2;
    sd = Math.sqrt(sd / Math.max(1, n - 1)) + 1e-8;
    const adv = batch.advantages.map((a) => (a - mean) / sd);
    const order = Int32Array.from({ length: n }, (_, i) => i);
    const size = Math.min(miniBatch, n);
    for (let e = 0; e < epochs; e++) {
      for (let i = n - 1; i > 0; i--) {
        const j = rng.int(i + 1);
        const t = order[i]!;
        order[i] = order[j]!;
        order[j] = t;
      }
      for (let from = 0; from + size <= n; from += size) {
        const idx = order.subarray(from, from + size);
        const obs = new Float32Array(size * batch.size);
        const act = new Int32Array(size);
        const a = new Float32Array(size);
        const ret = new Float32Array(size);
        const old = new Float32Array(size);
        idx.forEach((k, m) => {
          obs.set(batch.observations.subarray(k * batch.size, (k + 1) * batch.size), m * batch.size);
          act[m] = batch.actions[k]!;
          a[m] = adv[k]!;
          ret[m] = batch.returns[k]!;
          old[m] = batch.logProbs[k]!;
        });
        tf.tidy(() => {
          const o = tf.tensor2d(obs, [size, batch.size]);
          const acts = tf.tensor1d(act, 'int32');
          const advantages = tf.tensor1d(a);
          const returns = tf.tensor1d(ret);
          const oldLogp = tf.tensor1d(old);
          optimizer.minimize(
            () => {
              const { logp, entropy, value } = policyTerms(net, o, acts);
              const ratio = tf.exp(logp.sub(oldLogp));
              const surrogate = tf.minimum(ratio.mul(advantages), tf.clipByValue(ratio, 1 - clip, 1 + clip).mul(advantages));
              const valueLoss = value.sub(returns).square().mean();
              return surrogate.mean().neg().add(valueLoss.mul(valueCoefficient)).sub(entropy.mul(entropyCoefficient)) as tf.Scalar;
            },
            false,
            net.variables,
          );
        });
      }
    }
  }
}
