/**
 * One training session of the curve-fitting widget (pure: no DOM): a 1-H-1 network
 * (hidden tanh or ReLU, linear output, MSE, full-batch gradient descent from widgets/lib/nn)
 * trained on the training points, with the validation loss recorded after every slice.
 */
import { Mlp, makeDataset, train, type Trainer, type TrainReport } from '../lib/nn';
import { runSlice } from '../lib/time/slice';
import { X_RANGE, diagnose, noiseVariance, targetVariance, type FitLabel, type Pt, type Split } from './core';

export const MAX_EPOCHS = 50_000;

export interface NetOptions {
  hidden: number;
  act: 'tanh' | 'relu';
  /** Seed of the initial weights. */
  seed: number;
  lr: number;
}

export interface LossPoint {
  epoch: number;
  loss: number;
}

export class FitSession {
  readonly net: Mlp;
  trainer: Trainer;
  #data: Split;
  /** Epochs completed before the current Trainer (data edits start a new Trainer). */
  #offset = 0;
  /** Training loss per completed epoch (index = epoch − 1) across Trainers. */
  readonly trainHistory: number[] = [];
  readonly valHistory: LossPoint[] = [];
  best: LossPoint = { epoch: 0, loss: Infinity };
  #noise: number;
  #tvar: number;
  readonly #initial: ReturnType<Mlp['getWeights']>;

  /**
   * @param noise σ of the noise the points were generated with, if known (generated data);
   *   for points edited by hand pass undefined and σ² is estimated from the points.
   */
  constructor(data: Split, readonly opts: NetOptions, noise?: number) {
    this.net = new Mlp({ sizes: [1, opts.hidden, 1], activations: opts.act, output: 'linear', seed: opts.seed });
    this.#initial = this.net.getWeights();
    this.#data = data;
    this.trainer = this.#newTrainer();
    this.#noise = noise === undefined ? noiseVariance(data.train) : noise * noise;
    this.#tvar = targetVariance(data.train);
    this.#recordVal();
  }

  get data(): Split {
    return this.#data;
  }
  get epoch(): number {
    return this.#offset + this.trainer.epoch;
  }
  get status(): TrainReport['status'] {
    return this.trainer.status;
  }

  #newTrainer(): Trainer {
    const d = this.#data.train;
    const ds = makeDataset(d.map((p) => [p.x]), d.map((p) => [p.y]));
    return train(this.net, ds, { lr: this.opts.lr, epochs: MAX_EPOCHS - this.#offset, loss: 'mse' });
  }

  /** New points (edited by the student): same weights, a new Trainer; histories continue. */
  setData(data: Split, noise?: number): void {
    this.#offset = this.epoch;
    this.#data = data;
    this.#noise = noise === undefined ? noiseVariance(data.train) : noise * noise;
    this.#tvar = targetVariance(data.train);
    this.best = { epoch: this.epoch, loss: Infinity };
    this.trainer = this.#newTrainer();
    this.#recordVal();
  }

  setLearningRate(lr: number): void {
    this.opts.lr = lr;
    this.trainer.optimizer.lr = lr;
  }

  /**
   * After a divergence: back to the initial (seeded) weights, whose curve is sane (the
   * engine's rolled-back weights can still be huge), with a fresh Trainer for the current α.
   */
  restart(): void {
    this.net.setWeights(this.#initial);
    this.#offset = this.epoch;
    this.best = { epoch: this.epoch, loss: Infinity };
    this.trainer = this.#newTrainer();
  }

  /**
   * Trains up to `epochs` epochs but stops after about `budgetMs` of work (so a frame never
   * blocks the page), in steps of at most 5 epochs: one runSlice (lib/time/slice.ts) on the clock
   * `now`. Returns the trainer's report.
   */
  run(epochs: number, budgetMs: number, now: () => number = () => performance.now()): TrainReport {
    const before = this.trainer.history.length;
    let left = epochs;
    let r = this.trainer.report;
    if (left > 0 && this.trainer.status === 'running') {
      runSlice(() => {
        const k = Math.min(5, left);
        r = this.trainer.trainEpochs(k);
        left -= k;
        return left > 0 && this.trainer.status === 'running';
      }, { budgetMs, now });
    }
    for (let i = before; i < this.trainer.history.length; i++) this.trainHistory.push(this.trainer.history[i]!);
    this.#recordVal();
    return r;
  }

  predict = (x: number): number => this.net.predict([x])[0]!;

  /** Outputs for many inputs in one forward pass (one input per sample). */
  predictMany(xs: readonly number[]): number[] {
    if (!xs.length) return [];
    return Array.from(this.net.forwardBatch(Float32Array.from(xs), xs.length));
  }

  /** MSE on points, 1/P Σ (d_p − y_p)², with one batched forward pass. NaN if empty. */
  #loss(pts: readonly Pt[]): number {
    if (!pts.length) return Number.NaN;
    const y = this.predictMany(pts.map((p) => p.x));
    let sum = 0;
    pts.forEach((p, i) => {
      sum += (p.y - y[i]!) ** 2;
    });
    return sum / pts.length;
  }

  trainLoss(): number {
    return this.#loss(this.#data.train);
  }
  valLoss(): number {
    return this.#loss(this.#data.val);
  }

  #recordVal(): void {
    const loss = this.valLoss();
    const last = this.valHistory[this.valHistory.length - 1];
    if (last && last.epoch === this.epoch) last.loss = loss;
    else this.valHistory.push({ epoch: this.epoch, loss });
    if (loss < this.best.loss) this.best = { epoch: this.epoch, loss };
  }

  /** The fitted curve at `n` evenly spaced x1 over X_RANGE. */
  curve(n = 121): Pt[] {
    const [lo, hi] = X_RANGE;
    const xs = Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));
    const ys = this.predictMany(xs);
    return xs.map((x, i) => ({ x, y: ys[i]! }));
  }

  diagnosis(): { label: FitLabel; trainLoss: number; valLoss: number; noiseVar: number } {
    const trainLoss = this.trainLoss();
    const valLoss = this.valLoss();
    const label = diagnose({
      epoch: this.epoch, trainLoss, valLoss, bestVal: this.best.loss, noiseVar: this.#noise, targetVar: this.#tvar,
    });
    return { label, trainLoss, valLoss, noiseVar: this.#noise };
  }
}

/** Training points as the engine's data set rows (for tests and checks). */
export const rows = (pts: readonly Pt[]): { x: number[][]; y: number[][] } => ({ x: pts.map((p) => [p.x]), y: pts.map((p) => [p.y]) });
