/**
 * `@qt-backtest/nn`: neural-network estimators (MLP, LSTM, TCN, Transformer encoder) on
 * TensorFlow.js with the WASM backend, ONNX model import, and reinforcement-learning agents
 * (PPO, A2C) over a costed trading environment — in their own package so that users who never
 * train a network never load TensorFlow.js.
 *
 * @packageDocumentation
 */
import { registerEstimator } from '@qt-backtest/models';
import { NetworkClassifier, NetworkRegressor } from './NetworkEstimator.js';

export type { BackendPreference } from './tensorflowBackend.js';
export { TensorFlowBackend, useTensorFlowBackend } from './tensorflowBackend.js';
export type { NetworkShape } from './NetworkArchitecture.js';
export { NetworkArchitecture, buildNetwork, isSequenceArchitecture } from './NetworkArchitecture.js';
export type { WindowedSequencesConfig } from './WindowedSequences.js';
export { WindowedSequences } from './WindowedSequences.js';
export type { NetworkInput, NetworkState, NetworkWeights, TrainingHistory } from './NetworkEstimator.js';
export { NETWORK_DEFAULTS, NetworkClassifier, NetworkRegressor } from './NetworkEstimator.js';
export type { LoadNetworkModelOptions, NetworkModelDocument, NetworkModelInfo } from './networkModelFile.js';
export { NETWORK_MODEL_FORMAT, NETWORK_MODEL_FORMAT_VERSION, loadNetworkModel, saveNetworkModel } from './networkModelFile.js';
export type { LoadOnnxModelOptions } from './OnnxModel.js';
export { OnnxModel, loadOnnxModel } from './OnnxModel.js';
export type { OnnxModelInfo, OnnxValueInfo } from './onnxModelInfo.js';
export { readOnnxModelInfo } from './onnxModelInfo.js';
export type { StepResult, TradingEnvironmentConfig } from './rl/TradingEnvironment.js';
export { TradingEnvironment } from './rl/TradingEnvironment.js';
export type { AgentConfig, AgentJson, EpisodeResult, IterationRecord, TrainOptions } from './rl/PolicyGradientAgent.js';
export { AGENT_DEFAULTS, AgentAlgorithm, PolicyGradientAgent } from './rl/PolicyGradientAgent.js';
export { PpoAgent } from './rl/PpoAgent.js';
export { A2cAgent } from './rl/A2cAgent.js';
export type { HoldoutConfig, HoldoutReport, Period } from './rl/trainWithHoldout.js';
export { agentFromJson, loadAgent, saveAgent, trainWithHoldout } from './rl/trainWithHoldout.js';

// `loadEstimator` (models) rebuilds network estimators once this package is imported.
registerEstimator(NetworkRegressor);
registerEstimator(NetworkClassifier);
