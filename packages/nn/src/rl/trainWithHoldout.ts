/**
 * The honest protocol for a trading agent: train on one period, select the iteration on a later
 * validation period, and report only a test period that comes after both and that neither
 * training nor selection ever saw.
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import type { BarSeries, FeeModel, SlippageModel } from '@qt-backtest/core';
import { InvariantError } from '@qt-backtest/core';
import type { FeatureDefinition } from '@qt-backtest/features';
import { A2cAgent } from './A2cAgent.js';
import type { AgentJson, EpisodeResult, PolicyGradientAgent } from './PolicyGradientAgent.js';
import { AgentAlgorithm } from './PolicyGradientAgent.js';
import { PpoAgent } from './PpoAgent.js';
import { TradingEnvironment } from './TradingEnvironment.js';

/** An inclusive time range, epoch ms (daily bars: UTC-midnight date labels). */
export interface Period {
  readonly from: number;
  readonly to: number;
}

/** Settings of {@link trainWithHoldout}. */
export interface HoldoutConfig {
  readonly agent: PolicyGradientAgent;
  readonly bars: BarSeries;
  readonly features: readonly FeatureDefinition[];
  readonly train: Period;
  readonly validation: Period;
  readonly test: Period;
  readonly iterations: number;
  readonly exposures?: readonly number[];
  readonly allowShort?: boolean;
  readonly initialCash?: number;
  readonly fee?: FeeModel;
  readonly slippage?: SlippageModel;
}

/** What {@link trainWithHoldout} reports: the test period's results only, and how they were reached. */
export interface HoldoutReport {
  readonly algorithm: string;
  readonly symbol: string;
  readonly periods: { readonly train: Period; readonly validation: Period; readonly test: Period };
  /** Training iterations run, and the one kept (best greedy validation return). */
  readonly iterations: number;
  readonly selectedIteration: number;
  /** The greedy policy on the test period: the only performance this report states. */
  readonly test: EpisodeResult;
}

/**
 * Trains `agent` on the training period, keeps the iteration with the best validation return and
 * evaluates it once on the test period.
 *
 * @throws {InvariantError} when the periods are not in order train < validation < test without
 *   overlap, or a period holds too few bars.
 * @throws {CausalityError} when a feature is not causal (see {@link TradingEnvironment}).
 * @example
 * const report = await trainWithHoldout({ agent: new PpoAgent({ seed: 1 }), bars: orcl, features, iterations: 20,
 *   train: { from: Date.UTC(2005, 0, 1), to: Date.UTC(2009, 11, 31) },
 *   validation: { from: Date.UTC(2010, 0, 1), to: Date.UTC(2011, 11, 31) },
 *   test: { from: Date.UTC(2012, 0, 1), to: Date.UTC(2014, 11, 31) } });
 */
export async function trainWithHoldout(config: HoldoutConfig): Promise<HoldoutReport> {
  const { train, validation, test } = config;
  for (const [name, p] of [['train', train], ['validation', validation], ['test', test]] as const) {
    if (!(p.from <= p.to)) throw new InvariantError(`${name} period starts after it ends (${iso(p.from)} > ${iso(p.to)})`);
  }
  if (!(train.to < validation.from && validation.to < test.from)) {
    throw new InvariantError(
      `periods must be in order without overlap: train ${iso(train.from)}..${iso(train.to)} < validation ${iso(validation.from)}..${iso(validation.to)} < test ${iso(test.from)}..${iso(test.to)}`,
    );
  }
  const env = (p: Period) =>
    new TradingEnvironment({
      bars: config.bars,
      features: config.features,
      from: p.from,
      to: p.to,
      ...(config.exposures === undefined ? {} : { exposures: config.exposures }),
      ...(config.allowShort === undefined ? {} : { allowShort: config.allowShort }),
      ...(config.initialCash === undefined ? {} : { initialCash: config.initialCash }),
      ...(config.fee === undefined ? {} : { fee: config.fee }),
      ...(config.slippage === undefined ? {} : { slippage: config.slippage }),
    });
  const trainEnv = env(train);
  const validationEnv = env(validation);
  await config.agent.train(trainEnv, { iterations: config.iterations, validation: validationEnv });
  // The test environment is built only now, after training and selection are final.
  const testResult = config.agent.evaluate(env(test));
  return {
    algorithm: config.agent.algorithm,
    symbol: config.bars.symbol,
    periods: { train, validation, test },
    iterations: config.iterations,
    selectedIteration: config.agent.selectedIteration,
    test: testResult,
  };
}

/**
 * Writes an agent's JSON to `path` (through a temporary file and a rename).
 *
 * @example
 * await saveAgent(agent, 'ppo-orcl.json');
 */
export async function saveAgent(agent: PolicyGradientAgent, path: string): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}`;
  await writeFile(tmp, `${JSON.stringify(agent.toJSON())}\n`);
  await rename(tmp, path);
}

/**
 * Rebuilds a saved agent; it chooses the same actions as the one saved.
 *
 * @throws {InvariantError} naming the file when it is not an agent file.
 * @example
 * const agent = await loadAgent('ppo-orcl.json');
 */
export async function loadAgent(path: string): Promise<PolicyGradientAgent> {
  let json: AgentJson;
  try {
    json = JSON.parse(await readFile(path, 'utf8')) as AgentJson;
  } catch (error) {
    throw new InvariantError(`"${path}": cannot read the agent file: ${(error as Error).message}`);
  }
  return agentFromJson(json, path);
}

/** Rebuilds an agent from {@link PolicyGradientAgent.toJSON}. @throws {InvariantError} for other JSON. */
export function agentFromJson(json: AgentJson, source = 'agent JSON'): PolicyGradientAgent {
  if (json?.format !== 'qt-backtest/rl-agent' || json.formatVersion !== 1) {
    throw new InvariantError(`"${source}": not a qt-backtest agent file (format "${String(json?.format)}", version "${String(json?.formatVersion)}")`);
  }
  const agent = json.algorithm === AgentAlgorithm.Ppo ? new PpoAgent(json.config) : json.algorithm === AgentAlgorithm.A2c ? new A2cAgent(json.config) : null;
  if (agent === null) throw new InvariantError(`"${source}": unknown agent algorithm "${String(json.algorithm)}"`);
  agent.restore(json);
  return agent;
}

function iso(t: number): string {
  return Number.isFinite(t) ? new Date(t).toISOString().slice(0, 10) : String(t);
}
