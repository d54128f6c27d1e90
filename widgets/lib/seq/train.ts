/**
 * Trains the three next-value models side by side on the same windows (tfjs passed in, no DOM).
 *
 * Each epoch visits the training rows in one seeded order (createRng(seed), the same for the
 * three models) in mini-batches of `batchSize`; batch b trains the MLP, then the Conv1D, then the
 * LSTM: one batch of one model is one unit of work. Loss: mean squared error on standardized
 * values, (1/B) Σ (ẑ − z)²; optimizer Adam with `learningRate`. After epochs evalEvery,
 * 2·evalEvery, … and the last, each model predicts every test window (one unit per model) and
 * its MAE and RMSE are measured in the series' units.
 *
 * `units()` is a generator: the caller runs a few units (runSlice), yields to the browser, and
 * may stop at any time; dispose() frees the models, optimizers and tensors, so a run leaves
 * tf.memory().numTensors where it found it.
 */
import type * as TF from '@tensorflow/tfjs';
import { createRng } from '../rng/rng';
import { errors, type Errors } from './baselines';
import { unscale, type ForecastData } from './forecast';
import { buildForecastModel, MODEL_KINDS, type ModelKind } from './models';

type Tf = typeof TF;

export interface TrainConfig {
  epochs: number;
  batchSize: number;
  learningRate: number;
  seed: number;
  evalEvery: number;
}

export const TRAIN_DEFAULTS: Omit<TrainConfig, 'seed' | 'epochs'> = { batchSize: 32, learningRate: 0.01, evalEvery: 5 };

export interface LossPoint {
  epoch: number; // completed epochs, 1-based
  kind: ModelKind;
  loss: number; // mean batch MSE over the epoch (standardized units²)
}

export interface TestResult {
  epoch: number;
  err: Errors;
  /** Predictions for every test row, series' units [test]. */
  pred: Float64Array;
}

interface Net {
  model: TF.Sequential;
  optimizer: TF.Optimizer;
}

export class ForecastRun {
  readonly losses: LossPoint[] = [];
  readonly tests: Partial<Record<ModelKind, TestResult>> = {};
  readonly total: number;
  done = 0;
  /** Completed epochs. */
  epoch = 0;
  #tf: Tf;
  #data: ForecastData;
  #cfg: TrainConfig;
  #nets: Record<ModelKind, Net>;
  #disposed = false;

  constructor(tf: Tf, data: ForecastData, cfg: TrainConfig) {
    this.#tf = tf;
    this.#data = data;
    this.#cfg = { ...cfg };
    const L = data.spec.length;
    const net = (kind: ModelKind, k: number): Net => ({
      model: buildForecastModel(tf, kind, L, cfg.seed * 3 + k),
      optimizer: tf.train.adam(cfg.learningRate),
    });
    this.#nets = { mlp: net('mlp', 0), conv1d: net('conv1d', 1), lstm: net('lstm', 2) };
    const batches = Math.ceil(data.trainRows.length / cfg.batchSize);
    this.total = cfg.epochs * batches * MODEL_KINDS.length + this.evalEpochs().length * MODEL_KINDS.length;
  }

  evalEpochs(): number[] {
    const out: number[] = [];
    for (let e = 1; e <= this.#cfg.epochs; e++) if (e % this.#cfg.evalEvery === 0 || e === this.#cfg.epochs) out.push(e);
    return out;
  }

  get config(): TrainConfig {
    return { ...this.#cfg };
  }

  get disposed(): boolean {
    return this.#disposed;
  }

  /** Trainable parameter count of a model, read from tfjs. */
  params(kind: ModelKind): number {
    return this.#nets[kind].model.countParams();
  }

  *units(): Generator<void, void, void> {
    const { epochs, batchSize, seed } = this.#cfg;
    const d = this.#data;
    const L = d.spec.length;
    const n = d.trainRows.length;
    const rng = createRng(seed);
    const evalAt = new Set(this.evalEpochs());
    const order = Array.from({ length: n }, (_, i) => i);
    for (let e = 0; e < epochs; e++) {
      const rows = rng.shuffle(order);
      const sums: Record<ModelKind, number> = { mlp: 0, conv1d: 0, lstm: 0 };
      let count = 0;
      for (let s = 0; s < n; s += batchSize) {
        const idx = rows.slice(s, s + batchSize);
        const B = idx.length;
        const xb = new Float32Array(B * L);
        const yb = new Float32Array(B);
        idx.forEach((r, i) => {
          xb.set(d.trainXScaled.subarray(r * L, (r + 1) * L), i * L);
          yb[i] = d.trainYScaled[r]!;
        });
        count++;
        for (const kind of MODEL_KINDS) {
          this.#alive();
          sums[kind] += this.#trainBatch(this.#nets[kind], xb, yb, B, L);
          this.done++;
          yield;
        }
      }
      this.epoch = e + 1;
      for (const kind of MODEL_KINDS) this.losses.push({ epoch: e + 1, kind, loss: sums[kind] / count });
      if (!evalAt.has(e + 1)) continue;
      for (const kind of MODEL_KINDS) {
        this.#alive();
        this.tests[kind] = this.#evaluate(kind, e + 1);
        this.done++;
        yield;
      }
    }
  }

  runAll(): void {
    for (const _ of this.units()) { /* keep going */ }
  }

  #trainBatch(net: Net, xb: Float32Array, yb: Float32Array, B: number, L: number): number {
    const tf = this.#tf;
    const x = tf.tensor3d(xb, [B, L, 1]);
    const y = tf.tensor2d(yb, [B, 1]);
    try {
      const cost = net.optimizer.minimize(() => tf.losses.meanSquaredError(y, net.model.apply(x, { training: true }) as TF.Tensor) as TF.Scalar, true);
      const v = cost ? cost.dataSync()[0]! : Number.NaN;
      cost?.dispose();
      return v;
    } finally {
      x.dispose();
      y.dispose();
    }
  }

  /** Standardized predictions of a model for inputs [rows, L] (float32). */
  predictScaled(kind: ModelKind, X: Float32Array, rows: number): Float32Array {
    const tf = this.#tf;
    const L = this.#data.spec.length;
    return tf.tidy(() => (this.#nets[kind].model.predict(tf.tensor3d(X, [rows, L, 1])) as TF.Tensor).dataSync() as Float32Array).slice();
  }

  #evaluate(kind: ModelKind, epoch: number): TestResult {
    const d = this.#data;
    const z = this.predictScaled(kind, d.testXScaled, d.testRows.length);
    const pred = unscale(z, d.scaler);
    return { epoch, err: errors(d.testY, pred), pred };
  }

  #alive(): void {
    if (this.#disposed) throw new Error('the run was disposed');
  }

  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    for (const kind of MODEL_KINDS) {
      const net = this.#nets[kind];
      net.optimizer.dispose();
      net.model.dispose();
    }
  }
}
