/**
 * Training the motion classifier (tfjs passed in; no DOM).
 *
 * prepareTraining: a FeatureSet (featurize.ts) → stratified, seeded split of its *recordings*
 * (split.ts; a recording's windows stay together) → standardizer fitted on the training windows
 * only (normalize.ts) → flat Float32Array matrices [n, d] for each split.
 *
 * MotionTrainer.units() is the run cut into small units of work: one mini-batch step, or the
 * evaluation at the end of an epoch, or the final test evaluation. The caller runs a few units
 * (lib/time/slice.ts runSlice), yields to the browser and goes on, or stops whenever it likes;
 * dispose() frees the model and the optimizer, so a run leaves tf.memory().numTensors where it
 * found it. Epoch e visits the training windows in createRng(classSeed(seed, 1000 + e)) order.
 * After each epoch, loss and accuracy are measured on the whole training and validation sets
 * (after the epoch's updates): loss = −(1/n) Σ log p_i,c_i (clipped at 1e-7), acc = hits / n.
 */
import type * as TF from '@tensorflow/tfjs';
import { LOG_CLIP } from '../tfjs/classifier';
import { confusionMatrix, type Matrix } from '../cnn/confusion';
import type { EpochPoint } from '../cnn/schedule';
import { runSlice } from '../time/slice';
import { createRng } from '../rng/rng';
import { exampleRecordings } from './example';
import { featurizeRecordings, type FeatureSet } from './featurize';
import { argmax, type MotionModelData } from './model';
import { classifierStep } from '../tfjs/classifier';
import { buildMotionNet, predictBatch, readLayers } from './net';
import { fitStandardizer, standardizeRows, type Standardizer } from './normalize';
import { classSeed, SPLIT_DEFAULTS, stratifiedSplit, type Split, type SplitFractions } from './split';

type Tf = typeof TF;

export interface TrainConfig {
  /** Hidden layer sizes (0 = no layer), e.g. [20, 10]. */
  hidden: number[];
  epochs: number;
  learningRate: number;
  batchSize: number;
  seed: number;
}

export const TRAIN_DEFAULTS: Readonly<Omit<TrainConfig, 'seed'>> = { hidden: [20, 10], epochs: 60, learningRate: 0.005, batchSize: 16 };

export interface SplitData {
  /** Normalised features, row-major [n, d]. */
  x: Float32Array;
  /** Class of each row. */
  y: number[];
  /** Index into FeatureSet.windows of each row. */
  windows: number[];
  n: number;
}

export interface TrainingData {
  set: FeatureSet;
  /** Indices into set.recordings. */
  split: Split;
  standardizer: Standardizer;
  d: number;
  classes: number;
  train: SplitData;
  val: SplitData;
  test: SplitData;
}

export function prepareTraining(set: FeatureSet, seed: number, fractions: SplitFractions = SPLIT_DEFAULTS): TrainingData {
  if (set.classes.length < 2) throw new RangeError('Hacen falta al menos dos clases para entrenar un clasificador.');
  const split = stratifiedSplit(set.recordings.map((r) => r.cls), seed, fractions);
  const windowsOf = (recs: number[]): number[] => recs.flatMap((r) => set.recordings[r]!.windows);
  const trainW = windowsOf(split.train);
  if (trainW.length === 0) throw new RangeError('No queda ninguna ventana para entrenar.');
  const standardizer = fitStandardizer(trainW.map((w) => set.windows[w]!.features));
  const part = (ws: number[]): SplitData => ({
    x: standardizeRows(standardizer, ws.map((w) => set.windows[w]!.features)),
    y: ws.map((w) => set.windows[w]!.cls),
    windows: ws,
    n: ws.length,
  });
  return {
    set, split, standardizer, d: standardizer.mean.length, classes: set.classes.length,
    train: part(trainW), val: part(windowsOf(split.val)), test: part(windowsOf(split.test)),
  };
}

export type { EpochPoint };

export interface TestResult {
  acc: number;
  loss: number;
  /** m[true][predicted] over the test windows. */
  matrix: Matrix;
  /** Predicted class of each test row. */
  predicted: number[];
}

/** Loss and accuracy of probabilities (n·C) against classes. */
export function score(probs: ArrayLike<number>, y: readonly number[], classes: number): { loss: number; acc: number; predicted: number[] } {
  let loss = 0;
  let hits = 0;
  const predicted: number[] = [];
  for (let i = 0; i < y.length; i++) {
    const row = Array.from({ length: classes }, (_, k) => probs[i * classes + k]!);
    const p = argmax(row);
    predicted.push(p);
    if (p === y[i]) hits++;
    loss -= Math.log(Math.min(1, Math.max(LOG_CLIP, row[y[i]!]!)));
  }
  const n = y.length;
  return { loss: n ? loss / n : Number.NaN, acc: n ? hits / n : Number.NaN, predicted };
}

export class MotionTrainer {
  readonly history: EpochPoint[] = [];
  test: TestResult | null = null;
  readonly total: number;
  done = 0;
  /** Epochs completed. */
  epoch = 0;
  readonly config: TrainConfig;
  #tf: Tf;
  #data: TrainingData;
  #model: TF.Sequential;
  #opt: TF.Optimizer;
  #disposed = false;

  constructor(tf: Tf, data: TrainingData, config: TrainConfig) {
    this.#tf = tf;
    this.#data = data;
    this.config = { ...config, hidden: [...config.hidden] };
    this.#model = buildMotionNet(tf, data.d, config.hidden, data.classes, config.seed);
    this.#opt = tf.train.adam(config.learningRate);
    const batches = Math.ceil(data.train.n / config.batchSize);
    this.total = config.epochs * (batches + 1) + 1;
  }

  get data(): TrainingData {
    return this.#data;
  }

  get finished(): boolean {
    return this.test !== null;
  }

  *units(): Generator<void, void, void> {
    const { epochs, batchSize, seed } = this.config;
    const { train, val, test, d, classes } = this.#data;
    const rows = Array.from({ length: train.n }, (_, i) => i);
    for (let e = 0; e < epochs; e++) {
      const order = createRng(classSeed(seed, 1000 + e)).shuffle(rows);
      for (let s = 0; s < order.length; s += batchSize) {
        this.#alive();
        const idx = order.slice(s, s + batchSize);
        const x = new Float32Array(idx.length * d);
        const y = new Float32Array(idx.length * classes);
        idx.forEach((r, i) => {
          x.set(train.x.subarray(r * d, (r + 1) * d), i * d);
          y[i * classes + train.y[r]!] = 1;
        });
        classifierStep(this.#tf, this.#model, this.#opt, x, [d], y, idx.length, classes);
        this.done++;
        yield;
      }
      this.#alive();
      const tr = score(this.predict(train.x, train.n), train.y, classes);
      const va = score(this.predict(val.x, val.n), val.y, classes);
      this.epoch = e + 1;
      this.history.push({ epoch: e + 1, trainLoss: tr.loss, trainAcc: tr.acc, valLoss: va.loss, valAcc: va.acc });
      this.done++;
      yield;
    }
    this.#alive();
    const te = score(this.predict(test.x, test.n), test.y, classes);
    this.test = { acc: te.acc, loss: te.loss, predicted: te.predicted, matrix: confusionMatrix(test.y, te.predicted, classes) };
    this.done++;
  }

  /** Runs everything at once (Node tests and scripts; pages use units() in slices). */
  runAll(): void {
    for (const _ of this.units()) { /* keep going */ }
  }

  /** Probabilities [n, C] of normalised rows. */
  predict(x: Float32Array, n: number): Float32Array {
    this.#alive();
    return predictBatch(this.#tf, this.#model, x, n, this.#data.d);
  }

  /** The trained network as plain data (call before dispose). */
  result(meta: { createdAt: number; source: MotionModelData['source'] }): MotionModelData {
    this.#alive();
    const last = this.history[this.history.length - 1];
    const set = this.#data.set;
    return {
      labels: [...set.classes], hz: set.hz, windowMs: set.windowMs, params: structuredClone(set.params),
      mean: [...this.#data.standardizer.mean], std: [...this.#data.standardizer.std],
      layers: readLayers(this.#model),
      ...(last && this.test ? { metrics: { trainAcc: last.trainAcc, valAcc: last.valAcc, testAcc: this.test.acc } } : {}),
      createdAt: meta.createdAt, source: meta.source,
    };
  }

  get disposed(): boolean {
    return this.#disposed;
  }

  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#opt.dispose();
    this.#model.dispose();
  }

  #alive(): void {
    if (this.#disposed) throw new Error('trainer disposed');
  }
}

export interface TrainProgress {
  done: number;
  total: number;
  epoch: number;
  epochs: number;
  last: EpochPoint | null;
}

export interface SlicedRunOptions {
  signal?: AbortSignal;
  onProgress?: (p: TrainProgress) => void;
  /** Clock, ms (performance.now in the browser). */
  now?: () => number;
  /** Gives the page a turn between slices (default: a zero timeout). */
  pause?: () => Promise<void>;
  /** Work per slice, ms [20]. */
  budgetMs?: number;
}

const abortError = (): Error => new DOMException('Entrenamiento cancelado.', 'AbortError');
const defaultPause = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

/** Runs a trainer to the end in slices; rejects with an AbortError if `signal` fires. */
export async function runSliced(t: MotionTrainer, o: SlicedRunOptions = {}): Promise<void> {
  const now = o.now ?? (() => performance.now());
  const pause = o.pause ?? defaultPause;
  const units = t.units();
  let more = true;
  while (more) {
    if (o.signal?.aborted) throw abortError();
    runSlice(() => (more = !units.next().done), { budgetMs: o.budgetMs ?? 20, now });
    o.onProgress?.({ done: t.done, total: t.total, epoch: t.epoch, epochs: t.config.epochs, last: t.history[t.history.length - 1] ?? null });
    if (more) await pause();
  }
}

export interface ExampleModelOptions extends SlicedRunOptions {
  /** Seed of the split and of the initial weights. */
  seed: number;
  /** tfjs to use (Node tests pass @tensorflow/tfjs); default: the page's shared instance (lib/cnn/tf-main). */
  tf?: Tf;
  /** createdAt of the model, ms [Date.now()]. */
  createdAt?: number;
  config?: Partial<Omit<TrainConfig, 'seed'>>;
}

/** Trains the default network on the example data set (for widgets with no model yet). */
export async function trainExampleModel(o: ExampleModelOptions): Promise<MotionModelData> {
  const tf = o.tf ?? (await (await import('../cnn/tf-main')).loadTf()).tf;
  if (o.signal?.aborted) throw abortError();
  const set = featurizeRecordings(exampleRecordings());
  const data = prepareTraining(set, o.seed);
  const t = new MotionTrainer(tf, data, { ...TRAIN_DEFAULTS, hidden: [...TRAIN_DEFAULTS.hidden], ...o.config, seed: o.seed });
  try {
    await runSliced(t, o);
    return t.result({ createdAt: o.createdAt ?? Date.now(), source: 'example' });
  } finally {
    t.dispose();
  }
}
