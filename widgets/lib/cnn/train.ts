/**
 * A training run of the lesson-10 CNN on the MNIST split, one batch at a time (the tfjs module
 * is passed in). Used by the trainer's Worker and by scripts/train-default-model.mjs, so the
 * shipped default model is trained by exactly the code the student runs.
 *
 * Order of the examples: epoch e visits the first trainSize training digits in the order
 * createRng(seed + 1 + e).shuffle(0 … trainSize − 1): the same seed repeats a run exactly.
 * Ownership: the trainer owns its model and optimizer; dispose() frees both (their variables are
 * tensors), so a run leaves tf.memory().numTensors as it found it.
 */
import type * as TF from '@tensorflow/tfjs';
import { batch, type MnistSplit } from '../data/mnist';
import { accuracy, confusionMatrix, meanCrossEntropy, predictions, type Matrix } from './confusion';
import { classifierStep } from '../tfjs/classifier';
import { buildCnn, makeOptimizer, predictProbs } from './model';
import { BatchTrainer, epochOrder } from './batch-trainer';
import { CLASSES, IMAGE_SHAPE, type CnnArch, type TrainConfig } from './spec';

type Tf = typeof TF;

export interface BatchReport {
  loss: number;
  /** Fraction of the batch classified correctly (before the update). */
  accuracy: number;
  size: number;
  epochEnded: boolean;
}

export interface Evaluation {
  accuracy: number;
  loss: number;
  matrix: Matrix;
  /** n·10 probabilities, row i = test image i. */
  probs: Float32Array;
  predicted: Uint8Array;
}

/** Epoch order of the module comment. */
export { epochOrder };

export class CnnTrainer extends BatchTrainer<TrainConfig> {
  #train: MnistSplit;

  constructor(tf: Tf, arch: CnnArch, config: TrainConfig, train: MnistSplit) {
    if (config.trainSize > train.count) throw new RangeError(`trainSize ${config.trainSize} > ${train.count} training images`);
    const plan = { epochs: config.epochs, batchSize: config.batchSize, trainSize: config.trainSize };
    super(tf, config, plan, buildCnn(tf, arch, config.seed), makeOptimizer(tf, config));
    this.#train = train;
  }

  /** Allows more (or fewer, not below the current one) epochs; the run goes on from where it is. */
  setEpochs(epochs: number): void {
    const c = this.cursor;
    this.plan.epochs = Math.max(epochs, c.batch > 0 ? c.epoch + 1 : c.epoch);
    this.settings.epochs = this.plan.epochs;
  }

  /** Runs the next batch. Throws when the run is over. */
  step(): BatchReport {
    const b = batch(this.#train, this.nextBatch());
    const r = classifierStep(this.tf, this.model, this.optimizer, b.images, IMAGE_SHAPE, b.oneHot, b.size, CLASSES);
    const epochEnded = this.advanceBatch();
    return { loss: r.loss, accuracy: r.correct / b.size, size: b.size, epochEnded };
  }

  /** Accuracy, loss, confusion matrix and probabilities on a split (normally the test split). */
  evaluate(split: MnistSplit): Evaluation {
    return evaluateModel(this.tf, this.model, split);
  }
}

/** Evaluates any model with the lesson's input and output shapes on a split. */
export function evaluateModel(tf: Tf, model: TF.LayersModel, split: MnistSplit): Evaluation {
  const all = Array.from({ length: split.count }, (_, i) => i);
  const b = batch(split, all);
  const probs = predictProbs(tf, model, b.images, b.size);
  const predicted = predictions(probs, b.size);
  const matrix = confusionMatrix(b.labels, predicted);
  return { accuracy: accuracy(matrix), loss: meanCrossEntropy(b.labels, probs), matrix, probs, predicted };
}
