/**
 * Advantage actor-critic (A2C, the synchronous form of Mnih et al., 2016's A3C): one gradient step
 * per rollout on −log π(a|s)·A + c·(V − R)² − β·H(π).
 */
import * as tf from '@tensorflow/tfjs';
import type { ActorCritic } from './ActorCritic.js';
import type { Rollout } from './PolicyGradientAgent.js';
import { AgentAlgorithm, PolicyGradientAgent, policyTerms } from './PolicyGradientAgent.js';

/**
 * An A2C agent for {@link TradingEnvironment}. Its rollouts are typically shorter than PPO's
 * (e.g. `rolloutSteps: 64`) since each is used for one update.
 *
 * @example
 * const agent = new A2cAgent({ rolloutSteps: 64, learningRate: 7e-4, seed: 1 });
 * await agent.train(trainEnv, { iterations: 100, validation: validationEnv });
 */
export class A2cAgent extends PolicyGradientAgent {
  readonly algorithm = AgentAlgorithm.A2c;

  protected update(optimizer: tf.Optimizer, net: ActorCritic, batch: Rollout): void {
    const { entropyCoefficient, valueCoefficient } = this.config;
    tf.tidy(() => {
      const o = tf.tensor2d(batch.observations, [batch.count, batch.size]);
      const acts = tf.tensor1d(batch.actions, 'int32');
      const advantages = tf.tensor1d(batch.advantages);
      const returns = tf.tensor1d(batch.returns);
      optimizer.minimize(
        () => {
          const { logp, entropy, value } = policyTerms(net, o, acts);
          const policyLoss = logp.mul(advantages).mean().neg();
          const valueLoss = value.sub(returns).square().mean();
          return policyLoss.add(valueLoss.mul(valueCoefficient)).sub(entropy.mul(entropyCoefficient)) as tf.Scalar;
        },
        false,
        net.variables,
      );
    });
  }
}
