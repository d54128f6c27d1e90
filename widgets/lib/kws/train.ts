/**
 * A training run of the keyword CNN, one batch at a time (tf passed in), so a Worker can report
 * between batches and pause; scripts/train-kws-model.mjs runs the same class for the default model.
 *
 * Seeds: the model's initial weights come from `seed` (model.ts); epoch e visits the training
 * examples in createRng(seed + 1 + e).shuffle(0 … n − 1) (cnn/train.ts's epochOrder); the dropout
 * mask of step s uses the seed drawn for that step from createRng(seed + 7919) (tfjs's own dropout
 * would repeat one mask forever with a fixed seed, or use Math.random without one).
 * Loss: mean categorical cross-entropy, p clipped to [1e-7, 1] (cnn/model.ts's crossEntropy).
 * Ownership: the trainer owns its model and optimizer; dispose() frees both.
 */
import type * as TF from '@tensorflow/tfjs';
import { accuracy, confusionMatrix, meanCrossEntropy, predictions, type Matrix } from '../cnn/confusion';
import { makeOptimizer } from '../cnn/model';
import { classifierStep, predictRows } from '../tfjs/classifier';
import { BatchTrainer } from '../cnn/batch-trainer';
import { createRng, type Rng } from '../rng/rng';
import { gatherBatch, type KwsSplit } from './dataset';
import { buildKwsModel, type KwsArch } from './model';

type Tf = typeof TF;

export interface KwsTrainConfig {
  epochs: number;
  batchSize: number;
  learningRate: number;
  seed: number;
}

export const DEFAULT_KWS_CONFIG: Readonly<KwsTrainConfig> = Object.freeze({ epochs: 30, batchSize: 32, learningRate: 0.003, seed: 1 });

export interface KwsShape {
  frames: number;
  bins: number;
  classes: number;
}

export interface KwsBatchReport {
  /** Mean loss of the batch before the update (nats). */
  loss: number;
  /** Fraction of the batch right before the update. */
  accuracy: number;
  size: number;
  epochEnded: boolean;
}

export interface KwsEvaluation {
  accuracy: number;
  loss: number;
  /** m[true][predicted], classes × classes. */
  matrix: Matrix;
  /** n · classes probabilities, row i = example i. */
  probs: Float32Array;
  predicted: Uint8Array;
  n: number;
}

export class KwsTrainer extends BatchTrainer<KwsTrainConfig> {
  readonly shape: KwsShape;
  #train: KwsSplit;
  #dropoutRng: Rng;

  constructor(tf: Tf, arch: KwsArch, config: KwsTrainConfig, train: KwsSplit, shape: KwsShape) {
    if (train.n < 1) throw new RangeError('no training examples');
    const plan = { epochs: config.epochs, batchSize: config.batchSize, trainSize: train.n };
    const model = buildKwsModel(tf, arch, shape.frames, shape.bins, shape.classes, config.seed);
    super(tf, config, plan, model, makeOptimizer(tf, { optimizer: 'adam', learningRate: config.learningRate }));
    this.#train = train;
    this.shape = { ...shape };
    this.#dropoutRng = createRng((config.seed + 7919) >>> 0);
  }

  /** Runs the next batch. Throws when the run is over. */
  step(): KwsBatchReport {
    const { frames, bins, classes } = this.shape;
    const b = gatherBatch(this.#train, this.nextBatch(), frames * bins, classes);
    const dropout = this.model.getLayer('dropout') as unknown as { seed?: number };
    dropout.seed = this.#dropoutRng.int(1, 2 ** 31 - 1);
    const { loss: lossValue, correct: c } = classifierStep(this.tf, this.model, this.optimizer, b.x, [frames, bins, 1], b.oneHot, b.n, classes);
    const epochEnded = this.advanceBatch();
    return { loss: lossValue, accuracy: c / b.n, size: b.n, epochEnded };
  }

  evaluate(split: KwsSplit): KwsEvaluation {
    return evaluateKws(this.tf, this.model, split, this.shape);
  }
}

/** Probabilities of a split, `chunk` examples at a time (n · classes floats). */
export const predictKws = (tf: Tf, model: TF.LayersModel, split: KwsSplit, shape: KwsShape, chunk = 128): Float32Array =>
  predictRows(tf, model, split.x, [shape.frames, shape.bins, 1], split.n, chunk);

/** Accuracy, mean loss and confusion matrix of any model with this input/output shape on a split. */
export function evaluateKws(tf: Tf, model: TF.LayersModel, split: KwsSplit, shape: KwsShape): KwsEvaluation {
  const probs = predictKws(tf, model, split, shape);
  const predicted = predictions(probs, split.n, shape.classes);
  const matrix = confusionMatrix(split.labels, predicted, shape.classes);
  return { accuracy: accuracy(matrix), loss: meanCrossEntropy(split.labels, probs, shape.classes), matrix, probs, predicted, n: split.n };
}
