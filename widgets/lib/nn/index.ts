/**
 * A small, readable training engine for tiny networks (pure TypeScript, no DOM).
 * Weight convention (see dense.ts): W is (m × n) row-major, W[j*n + i] = w_ji, net = W x + b.
 */
export { ACTIVATIONS, ACTIVATION_NAMES, type Activation, type ActivationName } from './activations';
export { Dense, alloc, initLimit, type DType, type InitName, type Vec } from './dense';
export { Mlp, type MlpOptions, type Weights } from './mlp';
export { BCE, LOSSES, MSE, SOFTMAX_CE, softmax, type Loss, type LossName, type LossResult } from './loss';
export { Sgd, type Param } from './optim';
export { DIVERGENCE_ADVICE, DIVERGENCE_FACTOR, DIVERGENCE_TEXT, Trainer, train, type TrainOptions, type TrainReport, type TrainStatus, type DivergenceKind } from './train';
export {
  CURVES, makeDataset, regressionDataset, row, spiralDataset, xorDataset,
  type Dataset, type RegressionOptions, type SpiralOptions,
} from './datasets';
export {
  GATE_NAMES, Perceptron, TRUTH_TABLES, decisionLine, perceptronStep,
  type GateName, type PerceptronOptions, type PerceptronStep, type TruthRow, type TruthTable,
} from './perceptron';
