/**
 * Training loop that runs in slices, so a widget can train a few steps per animation frame
 * and never block the page:
 *
 *   const trainer = train(net, data, { lr: 0.5, epochs: 2000, loss: 'mse' });
 *   function frame() {
 *     const r = trainer.trainFor(8);          // about 8 ms of work, or trainer.trainSteps(50)
 *     draw(r.epochLoss);
 *     if (r.status === 'running') requestAnimationFrame(frame);
 *     else if (r.status === 'diverged') explain(r.reason);
 *   }
 *
 * One step = one mini-batch: forward pass, loss, backward pass, one SGD update. One epoch =
 * ceil(n / batchSize) steps, visiting every sample once (in a seeded random order when
 * batchSize < n; in data order for full-batch training).
 *
 * Divergence: a step whose loss is NaN or ±Infinity, or larger than 10⁶ · max(L₀, 10⁻³) (L₀ the
 * first step's loss), or an update that leaves a weight that is not finite, stops training with
 * status 'diverged'. The network is then rolled back to the weights with the lowest loss seen so
 * far (the loss of the mini-batch they were evaluated on; with full-batch training, exactly the
 * best weights of the run), so a widget keeps drawing a sensible model while it explains what
 * happened, instead of the nearly exploded weights of the step before the blow-up.
 * Note: with a sigmoid output and MSE the loss can never exceed 1, so a learning rate that is far
 * too large does not "diverge" there: it saturates the sigmoids and training stalls instead.
 *
 * The learning rate can be changed between slices (trainer.optimizer.lr = …). When the data
 * change (a student adds a point), create a new Trainer for the same network.
 */
import { createRng, type Rng } from '../rng/rng';
import { runSlice } from '../time/slice';
import type { Dataset } from './datasets';
import { alloc, type Vec } from './dense';
import { LOSSES, type Loss, type LossName } from './loss';
import type { Mlp } from './mlp';
import { Sgd } from './optim';

export interface TrainOptions {
  /** Learning rate α > 0. */
  lr: number;
  /** Momentum μ in [0, 1); default 0. */
  momentum?: number;
  /** Epochs to run before status 'done' (default Infinity: until stopped or converged). */
  epochs?: number;
  /** Samples per step; default (and maximum) the whole data set. */
  batchSize?: number;
  /** Seed of the sample order (does not touch the weights: those come from the Mlp's seed). */
  seed?: number;
  /** Default 'mse'. 'bce' needs a sigmoid output layer, 'softmax-ce' a linear one. */
  loss?: LossName;
  /** Stop with status 'converged' once an epoch's mean loss is below this (default: never). */
  targetLoss?: number;
}

export type TrainStatus = 'running' | 'converged' | 'done' | 'diverged';

export interface TrainReport {
  status: TrainStatus;
  /** Loss of the last mini-batch (before its update). NaN before the first step. */
  loss: number;
  /** Mean loss over the last completed epoch. NaN before the first epoch ends. */
  epochLoss: number;
  /** Completed epochs and steps. */
  epoch: number;
  steps: number;
  /** Spanish explanation when status is 'diverged', else ''. */
  reason: string;
  divergence: DivergenceKind | null;
}

export const DIVERGENCE_FACTOR = 1e6;

/** Why training was stopped: loss not finite, loss exploded, or a weight not finite. */
export type DivergenceKind = 'nan' | 'explode' | 'weights';

/** Spanish explanations (no numbers, so the view formats them with fmt()). */
export const DIVERGENCE_TEXT: Readonly<Record<DivergenceKind, string>> = {
  nan: 'La pérdida ha dejado de ser un número finito (se ha desbordado o es NaN).',
  explode: 'La pérdida ha crecido más de un millón de veces respecto a la del primer paso.',
  weights: 'Algún peso se ha hecho infinito o NaN al actualizarlo.',
};
export const DIVERGENCE_ADVICE =
  'El entrenamiento ha divergido: cada paso empeora en lugar de mejorar, casi siempre porque la ' +
  'tasa de aprendizaje es demasiado grande y cada corrección se pasa de largo. Se han restaurado ' +
  'los últimos pesos sanos; baja la tasa de aprendizaje (por ejemplo, a la décima parte) y vuelve a empezar.';

export class Trainer {
  readonly loss: Loss;
  readonly optimizer: Sgd;
  readonly batchSize: number;
  readonly stepsPerEpoch: number;
  readonly epochs: number;
  readonly targetLoss: number;
  status: TrainStatus = 'running';
  reason = '';
  divergence: DivergenceKind | null = null;
  /** The loss value that triggered the divergence (NaN, ±Infinity or a huge number). */
  divergedLoss = NaN;
  steps = 0;
  epoch = 0;
  lastLoss = NaN;
  /** Mean loss of every completed epoch, in order. */
  readonly history: number[] = [];

  private readonly rng: Rng;
  private order: number[];
  private epochLossSum = 0;
  private initialLoss = NaN;
  /** Copy of net.theta (every parameter, flat) with the lowest loss so far. */
  private readonly best: Vec;
  /** The loss of `best` (Infinity until the first step). */
  private bestLoss = Infinity;
  private readonly xb: Vec;
  private readonly yb: Float32Array;
  /** dL/d(last layer) of a step, written by the loss (one buffer per batch size). */
  private gradBuf: Vec;
  private gradTail: Vec;
  /** Full batch in data order, float32 net: the data arrays are the batch (no copy). */
  private readonly direct: boolean;

  constructor(
    readonly net: Mlp,
    readonly data: Dataset,
    opts: TrainOptions,
  ) {
    if (data.inputs !== net.inputs || data.outputs !== net.outputs) {
      throw new RangeError(`train: data is ${data.inputs}→${data.outputs} but the network is ${net.inputs}→${net.outputs}`);
    }
    this.loss = LOSSES[opts.loss ?? 'mse'];
    const need = this.loss.needsOutput;
    if (need && net.outputLayer.activation !== need) {
      throw new RangeError(`train: loss ${this.loss.name} needs a '${need}' output layer, not '${net.outputLayer.activation}'`);
    }
    this.batchSize = Math.max(1, Math.min(data.n, Math.floor(opts.batchSize ?? data.n)));
    this.stepsPerEpoch = Math.ceil(data.n / this.batchSize);
    this.epochs = opts.epochs ?? Infinity;
    this.targetLoss = opts.targetLoss ?? -Infinity;
    // One flat parameter array: one update loop, one copy for the best weights.
    this.optimizer = new Sgd([{ value: net.theta, grad: net.grad }], opts.lr, opts.momentum ?? 0);
    this.rng = createRng(opts.seed ?? 1);
    this.order = Array.from({ length: data.n }, (_, p) => p);
    this.best = net.theta.slice();
    this.xb = alloc(net.dtype, this.batchSize * data.inputs);
    this.yb = new Float32Array(this.batchSize * data.outputs);
    this.gradBuf = alloc(net.dtype, this.batchSize * data.outputs);
    this.gradTail = this.gradBuf;
    this.direct = this.batchSize === data.n && net.dtype === 'float32';
  }

  get report(): TrainReport {
    return {
      status: this.status,
      loss: this.lastLoss,
      epochLoss: this.history.length ? this.history[this.history.length - 1]! : NaN,
      epoch: this.epoch,
      steps: this.steps,
      reason: this.reason,
      divergence: this.divergence,
    };
  }

  /** Loss of the current weights on the whole data set (does not train). */
  evaluate(): number {
    const { net, data, loss } = this;
    const X = alloc(net.dtype, data.x.length);
    X.set(data.x);
    const out = net.forwardBatch(X, data.n);
    return loss.compute(loss.reads === 'net' ? net.outputLayer.net : out, data.y, data.n, data.outputs).loss;
  }

  /** One mini-batch step. Returns false (and does nothing) once training has stopped. */
  step(): boolean {
    if (this.status !== 'running') return false;
    const { net, data, loss } = this;
    const within = this.steps % this.stepsPerEpoch;
    if (within === 0 && this.batchSize < data.n) this.order = this.rng.shuffle(this.order);

    // 1. Gather the mini-batch (the last one of an epoch may be smaller).
    const start = within * this.batchSize;
    const B = Math.min(this.batchSize, data.n - start);
    const nIn = data.inputs;
    const nOut = data.outputs;
    let X: Vec = data.x;
    let Y: Float32Array = data.y;
    if (!this.direct) {
      X = B === this.batchSize ? this.xb : this.xb.subarray(0, B * nIn);
      Y = B === this.batchSize ? this.yb : this.yb.subarray(0, B * nOut);
      const { order } = this;
      for (let s = 0; s < B; s++) {
        const p = order[start + s]!;
        for (let i = 0; i < nIn; i++) X[s * nIn + i] = data.x[p * nIn + i]!;
        for (let k = 0; k < nOut; k++) Y[s * nOut + k] = data.y[p * nOut + k]!;
      }
    }

    // 2. Forward pass and loss.
    const out = net.forwardBatch(X, B);
    if (this.gradTail.length !== B * nOut) this.gradTail = B === this.batchSize ? this.gradBuf : alloc(net.dtype, B * nOut);
    const { loss: L, grad } = loss.compute(loss.reads === 'net' ? net.outputLayer.net : out, Y, B, nOut, this.gradTail);
    if (this.steps === 0) this.initialLoss = L;
    if (!Number.isFinite(L)) return this.diverge('nan', L);
    if (L > DIVERGENCE_FACTOR * Math.max(this.initialLoss, 1e-3)) return this.diverge('explode', L);
    if (L <= this.bestLoss) {
      this.bestLoss = L;
      this.best.set(net.theta);
    }

    // 3. Backward pass (fills every dW, db; the data need no gradient) and 4. the SGD update,
    // which also says whether every weight is still finite.
    net.backward(grad, loss.reads, false);
    if (!this.optimizer.step()) return this.diverge('weights', L);

    this.lastLoss = L;
    this.steps++;
    this.epochLossSum += L * B;
    if (this.steps % this.stepsPerEpoch === 0) {
      const epochLoss = this.epochLossSum / data.n;
      this.history.push(epochLoss);
      this.epochLossSum = 0;
      this.epoch++;
      if (epochLoss < this.targetLoss) this.status = 'converged';
      else if (this.epoch >= this.epochs) this.status = 'done';
    }
    return true;
  }

  private diverge(kind: DivergenceKind, loss: number): false {
    this.net.theta.set(this.best);
    this.optimizer.reset();
    if (Number.isFinite(this.bestLoss)) this.lastLoss = this.bestLoss;
    this.status = 'diverged';
    this.divergence = kind;
    this.divergedLoss = loss;
    this.reason = `${DIVERGENCE_TEXT[kind]} ${DIVERGENCE_ADVICE}`;
    return false;
  }

  /** Runs up to n steps (fewer if training stops) and reports where it is. */
  trainSteps(n: number): TrainReport {
    for (let k = 0; k < n && this.step(); k++);
    return this.report;
  }

  /**
   * Runs whole steps for about `ms` milliseconds (at least one step while running), as one
   * runSlice (lib/time/slice.ts) on the clock `now` (performance.now unless a test passes another).
   */
  trainFor(ms: number, now: () => number = () => performance.now()): TrainReport {
    runSlice(() => this.step() && this.status === 'running', { budgetMs: ms, now });
    return this.report;
  }

  /** Runs whole epochs (up to k). */
  trainEpochs(k: number): TrainReport {
    return this.trainSteps(k * this.stepsPerEpoch);
  }

  /** Runs until the status is no longer 'running'. Needs `epochs` or `targetLoss` to end. */
  run(maxSteps = 10_000_000): TrainReport {
    return this.trainSteps(maxSteps);
  }
}

/** Creates a Trainer for `net` on `data`; call trainSteps / trainFor / trainEpochs / run on it. */
export function train(net: Mlp, data: Dataset, opts: TrainOptions): Trainer {
  return new Trainer(net, data, opts);
}
