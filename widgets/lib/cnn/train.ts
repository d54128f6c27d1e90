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
import { createRng } from '../rng/rng';
import { accuracy, confusionMatrix, meanCrossEntropy, predictions, type Matrix } from './confusion';
import { classifierStep } from '../tfjs/classifier';
import { buildCnn, makeOptimizer, predictProbs } from './model';
import { advance, batchRange, isDone, samplesSeen, START, type Cursor, type RunPlan } from './schedule';
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
export function epochOrder(seed: number, epoch: number, trainSize: number): number[] {
  return createRng((seed + 1 + epoch) >>> 0).shuffle(Array.from({ length: trainSize }, (_, i) => i));
}

export class CnnTrainer {
  readonly model: TF.Sequential;
  readonly plan: RunPlan;
  #tf: Tf;
  #optimizer: TF.Optimizer;
  #train: MnistSplit;
  #config: TrainConfig;
  #cursor: Cursor = { ...START };
  #order: number[];
  #disposed = false;

  constructor(tf: Tf, arch: CnnArch, config: TrainConfig, train: MnistSplit) {
    if (config.trainSize > train.count) throw new RangeError(`trainSize ${config.trainSize} > ${train.count} training images`);
    this.#tf = tf;
    this.#config = { ...config };
    this.#train = train;
    this.plan = { epochs: config.epochs, batchSize: config.batchSize, trainSize: config.trainSize };
    this.model = buildCnn(tf, arch, config.seed);
    this.#optimizer = makeOptimizer(tf, config);
    this.#order = epochOrder(config.seed, 0, config.trainSize);
  }

  get cursor(): Cursor {
    return { ...this.#cursor };
  }

  get done(): boolean {
    return isDone(this.#cursor, this.plan);
  }

  get samples(): number {
    return samplesSeen(this.#cursor, this.plan);
  }

  get config(): TrainConfig {
    return { ...this.#config };
  }

  /** Allows more (or fewer, not below the current one) epochs; the run goes on from where it is. */
  setEpochs(epochs: number): void {
    this.plan.epochs = Math.max(epochs, this.#cursor.batch > 0 ? this.#cursor.epoch + 1 : this.#cursor.epoch);
    this.#config.epochs = this.plan.epochs;
  }

  /** Runs the next batch. Throws when the run is over. */
  step(): BatchReport {
    if (this.#disposed) throw new Error('trainer disposed');
    if (this.done) throw new Error('the run is over');
    const [start, end] = batchRange(this.#cursor, this.plan);
    const b = batch(this.#train, this.#order.slice(start, end));
    const r = classifierStep(this.#tf, this.model, this.#optimizer, b.images, IMAGE_SHAPE, b.oneHot, b.size, CLASSES);
    const { next, epochEnded } = advance(this.#cursor, this.plan);
    this.#cursor = next;
    if (epochEnded) this.#order = epochOrder(this.#config.seed, next.epoch, this.plan.trainSize);
    return { loss: r.loss, accuracy: r.correct / b.size, size: b.size, epochEnded };
  }

  /** Accuracy, loss, confusion matrix and probabilities on a split (normally the test split). */
  evaluate(split: MnistSplit): Evaluation {
    return evaluateModel(this.#tf, this.model, split);
  }

  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#optimizer.dispose();
    this.model.dispose();
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
