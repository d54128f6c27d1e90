/**
 * The lesson-11 experiment: the same few labelled digits train two networks side by side, one with
 * the frozen pretrained base (transfer) and one from scratch, with the same seed, epochs, mini-batch
 * order, optimiser (Adam) and learning rate. tfjs is passed in.
 *
 * Work is cut into small units (a one-image warm-up per model, the gradient of up to MICRO examples
 * of a mini-batch for one model, or `evalChunk` test images of one model) by the generator `units()`: the caller runs a few, then yields to the browser, so no task
 * blocks the page for long, and stops whenever it likes (cancel = stop iterating + dispose()).
 *
 * Per epoch e (0-based), the rows of the training set are visited in epochRows(seed, e, n)
 * (data.ts) in mini-batches of `batchSize`; each batch trains the transfer model, then the scratch
 * model. A mini-batch's gradient is summed over pieces of MICRO examples (one unit each) and the
 * update uses the mean over the whole mini-batch: the same step as computing it in one go. At the end of epochs evalEvery, 2·evalEvery, … and of the last one, both are measured on
 * the whole test set: accuracy = (1/N) Σ [argmax p_i = c_i], loss = −(1/N) Σ log p_i,c_i (clipped).
 *
 * Ownership: the experiment owns its two models and optimisers; dispose() frees all of them, so a
 * run leaves tf.memory().numTensors as it found it.
 */
import type * as TF from '@tensorflow/tfjs';
import { makeOptimizer } from '../cnn/model';
import { LOG_CLIP } from '../tfjs/classifier';
import { epochRows, subBatch, type TaskBatch, PIXELS } from './data';
import { applyMeanGradients, buildSmallCnn, gradientSum, predict, trainableVariables, type BaseWeights, type Mode } from './model';

type Tf = typeof TF;

/** Examples per gradient piece (keeps one unit of work short on slow backends). */
export const MICRO = 8;

export const MODES: readonly Mode[] = ['transfer', 'scratch'];

export interface ExperimentConfig {
  epochs: number;
  batchSize: number;
  learningRate: number;
  seed: number;
  /** Measure on the test set every this many epochs (and after the last). */
  evalEvery: number;
  /** Test images per evaluation unit. */
  evalChunk: number;
}

export interface TrainPoint {
  /** Epochs completed (1 = after the first). */
  epoch: number;
  mode: Mode;
  /** Mean cross-entropy over the epoch's training examples (each measured before its update). */
  loss: number;
  accuracy: number;
}

export interface TestPoint {
  epoch: number;
  mode: Mode;
  accuracy: number;
  loss: number;
  /** Correct answers per class, and examples per class. */
  correctPerClass: number[];
  countPerClass: number[];
}

interface Net {
  model: TF.Sequential;
  optimizer: TF.Optimizer;
  vars: TF.Variable[];
}

/** Test accuracy and loss from probabilities (n·k) and true classes; pure. */
export function scoreProbs(probs: ArrayLike<number>, classes: ArrayLike<number>, k: number): { correct: number; lossSum: number; correctPerClass: number[]; countPerClass: number[] } {
  let correct = 0;
  let lossSum = 0;
  const correctPerClass = new Array<number>(k).fill(0);
  const countPerClass = new Array<number>(k).fill(0);
  for (let i = 0; i < classes.length; i++) {
    let best = 0;
    for (let j = 1; j < k; j++) if (probs[i * k + j]! > probs[i * k + best]!) best = j;
    const c = classes[i]!;
    countPerClass[c]!++;
    if (best === c) {
      correct++;
      correctPerClass[c]!++;
    }
    lossSum -= Math.log(Math.min(1, Math.max(LOG_CLIP, probs[i * k + c]!)));
  }
  return { correct, lossSum, correctPerClass, countPerClass };
}

export class Experiment {
  readonly k: number;
  readonly nets: Record<Mode, Net>;
  readonly trainPoints: TrainPoint[] = [];
  readonly testPoints: TestPoint[] = [];
  /** Units done so far and in the whole run (for a progress bar). */
  done = 0;
  readonly total: number;
  #tf: Tf;
  #train: TaskBatch;
  #test: TaskBatch;
  #cfg: ExperimentConfig;
  #disposed = false;
  /** Gradient sums of the mini-batch in progress (between its pieces), or null. */
  #pending: TF.Tensor[] | null = null;

  constructor(tf: Tf, base: BaseWeights, train: TaskBatch, test: TaskBatch, k: number, cfg: ExperimentConfig) {
    this.#tf = tf;
    this.#train = train;
    this.#test = test;
    this.#cfg = { ...cfg };
    this.k = k;
    const net = (b: BaseWeights | null): Net => {
      const model = buildSmallCnn(tf, k, cfg.seed, b);
      return { model, optimizer: makeOptimizer(tf, { optimizer: 'adam', learningRate: cfg.learningRate }), vars: trainableVariables(model) };
    };
    this.nets = { transfer: net(base), scratch: net(null) };
    let pieces = 0;
    for (let s = 0; s < train.size; s += cfg.batchSize) pieces += Math.ceil(Math.min(cfg.batchSize, train.size - s) / MICRO);
    const evals = this.evalEpochs().length;
    this.total = 2 + cfg.epochs * pieces * 2 + evals * 2 * Math.ceil(test.size / cfg.evalChunk);
  }

  /** Epochs (1-based, completed) after which the test set is measured. */
  evalEpochs(): number[] {
    const out: number[] = [];
    for (let e = 1; e <= this.#cfg.epochs; e++) if (e % this.#cfg.evalEvery === 0 || e === this.#cfg.epochs) out.push(e);
    return out;
  }

  /** The work of the module comment, one small unit per yield. */
  *units(): Generator<void, void, void> {
    const { epochs, batchSize, seed, evalChunk } = this.#cfg;
    const k = this.k;
    const n = this.#train.size;
    const evalAt = new Set(this.evalEpochs());
    // Warm-up: a first prediction on one image makes tfjs set up each model's kernels, so the
    // first training step is not also the slowest unit. Changes no weight.
    for (const mode of MODES) {
      this.#alive();
      predict(this.#tf, this.nets[mode].model, this.#train.images.subarray(0, PIXELS), 1);
      this.done++;
      yield;
    }
    for (let e = 0; e < epochs; e++) {
      const rows = epochRows(seed, e, n);
      const sums: Record<Mode, { loss: number; correct: number }> = { transfer: { loss: 0, correct: 0 }, scratch: { loss: 0, correct: 0 } };
      for (let start = 0; start < n; start += batchSize) {
        const b = subBatch(this.#train, rows.slice(start, start + batchSize), k);
        for (const mode of MODES) {
          const net = this.nets[mode];
          for (let m0 = 0; m0 < b.size; m0 += MICRO) {
            this.#alive();
            const m = Math.min(MICRO, b.size - m0);
            const g = gradientSum(this.#tf, net.model, net.vars, b.images.subarray(m0 * PIXELS, (m0 + m) * PIXELS), b.oneHot.subarray(m0 * k, (m0 + m) * k), m, k);
            sums[mode].loss += g.lossSum;
            sums[mode].correct += g.correct;
            const held = this.#pending;
            this.#pending = held ? held.map((a, i) => this.#tf.add(a, g.grads[i]!)) : g.grads;
            if (held) this.#tf.dispose([...held, ...g.grads]);
            if (m0 + m >= b.size) {
              const all = this.#pending;
              this.#pending = null;
              applyMeanGradients(this.#tf, net.optimizer, net.vars, all, b.size);
            }
            this.done++;
            yield;
          }
        }
      }
      for (const mode of MODES) this.trainPoints.push({ epoch: e + 1, mode, loss: sums[mode].loss / n, accuracy: sums[mode].correct / n });
      if (!evalAt.has(e + 1)) continue;
      for (const mode of MODES) {
        const t = this.#test;
        const probs = new Float32Array(t.size * k);
        for (let s = 0; s < t.size; s += evalChunk) {
          this.#alive();
          const m = Math.min(evalChunk, t.size - s);
          probs.set(predict(this.#tf, this.nets[mode].model, t.images.subarray(s * PIXELS, (s + m) * PIXELS), m), s * k);
          this.done++;
          yield;
        }
        const sc = scoreProbs(probs, t.classes, k);
        this.testPoints.push({ epoch: e + 1, mode, accuracy: sc.correct / t.size, loss: sc.lossSum / t.size, correctPerClass: sc.correctPerClass, countPerClass: sc.countPerClass });
      }
    }
  }

  /** Runs everything at once (scripts and tests; the page uses units() with pauses). */
  runAll(): void {
    for (const _ of this.units()) { /* keep going */ }
  }

  /** The last test measurement of a model, or null before the first. */
  lastTest(mode: Mode): TestPoint | null {
    for (let i = this.testPoints.length - 1; i >= 0; i--) if (this.testPoints[i]!.mode === mode) return this.testPoints[i]!;
    return null;
  }

  get disposed(): boolean {
    return this.#disposed;
  }

  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    if (this.#pending) this.#tf.dispose(this.#pending);
    this.#pending = null;
    for (const mode of MODES) {
      this.nets[mode].optimizer.dispose();
      this.nets[mode].model.dispose();
    }
  }

  #alive(): void {
    if (this.#disposed) throw new Error('experiment disposed');
  }
}
