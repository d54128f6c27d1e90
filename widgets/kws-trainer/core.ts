/**
 * Pure parts of the lesson-17 keyword trainer (no DOM, no tfjs): the state options, the messages
 * between the view and its Worker (with a validator for each direction), the per-epoch curve
 * bookkeeping, the data-set table and the confusion-matrix cells.
 *
 * Numbers: losses are mean categorical cross-entropy (nats); accuracies are fractions in [0, 1];
 * a confusion matrix is m[true][predicted] (counts); a row percentage is m[t][p] / Σ_p m[t][p].
 */
import type { KwsMeta, KwsFeature } from '../lib/kws/contract';
import type { KwsArch, KwsSummary } from '../lib/kws/model';
import type { KwsTrainConfig } from '../lib/kws/train';
import type { EpochPoint } from '../lib/cnn/schedule';
import { fmt } from '../lib/widget/dom';
import { bytesText, intText, pct } from '../lib/format/number';
import { contrastRatio, luminance, textOn } from '../lib/draw/contrast';

export { bytesText, contrastRatio, intText, luminance, pct, textOn };

export const FEATURES = ['mfcc', 'logmel'] as const satisfies readonly KwsFeature[];
export const LEARNING_RATES = ['0.0003', '0.001', '0.003', '0.01', '0.03'] as const;
/** Fixed parts of the recipe (scripts/train-kws-model.mjs): batch size, dropout. */
export const BATCH_SIZE = 32;
export const DROPOUT = 0.25;
/** The augmentation seed is the model seed + this (seed 1 → 17, the default model's recipe). */
export const AUGMENT_SEED_OFFSET = 16;
export const SPLIT_NAMES = ['train', 'val', 'test'] as const;
export type SplitName = (typeof SPLIT_NAMES)[number];

export interface TrainerState {
  feature: (typeof FEATURES)[number];
  epochs: number;
  lr: (typeof LEARNING_RATES)[number];
  conv1: number;
  conv2: number;
  copies: number;
  seed: number;
}

export const archOf = (s: Pick<TrainerState, 'conv1' | 'conv2'>): KwsArch => ({ conv1: s.conv1, conv2: s.conv2, dropout: DROPOUT });
export const configOf = (s: Pick<TrainerState, 'epochs' | 'lr' | 'seed'>): KwsTrainConfig => ({
  epochs: s.epochs, batchSize: BATCH_SIZE, learningRate: Number(s.lr), seed: s.seed,
});

// ---------------------------------------------------------------------------------------------
// Protocol

/** One recording of the student, sent to the worker (training split only). */
export interface ExtraMsg {
  label: string;
  samples: Float32Array;
}

export interface TrainRequest {
  feature: KwsFeature;
  arch: KwsArch;
  config: KwsTrainConfig;
  copies: number;
  augmentSeed: number;
}

export type ToWorker =
  | { type: 'init'; baseUrl: string }
  | { type: 'start'; run: number; request: TrainRequest; extra: ExtraMsg[] }
  | { type: 'cancel'; run: number };

/** Clips per class of one split, in the order of `classes`. */
export type SplitCounts = Record<SplitName, number[]>;

export interface SetInfo {
  classes: string[];
  counts: SplitCounts;
  /** How many voices each split has (no voice is in two splits). */
  voices: Record<SplitName, number>;
}

/** One row of the per-epoch table. */
export type EpochRow = EpochPoint;

export interface DatasetReport {
  train: number;
  val: number;
  test: number;
  augmented: number;
  extraUsed: number;
  extraSkipped: number;
  frames: number;
  bins: number;
  /** Time the worker spent computing the features, ms. */
  ms: number;
}

export interface DoneReport {
  meta: KwsMeta;
  test: { accuracy: number; loss: number; matrix: number[][]; n: number };
  summary: KwsSummary;
  /** tfjs artifacts of the trained model (topology JSON, weight specs and one weight buffer). */
  modelTopology: object;
  weightSpecs: object[];
  weightData: ArrayBuffer;
}

export type FromWorker =
  | { type: 'ready'; backend: string; set: SetInfo }
  | { type: 'dataset'; run: number; report: DatasetReport }
  | { type: 'progress'; run: number; epoch: number; batch: number; batchesPerEpoch: number; epochs: number }
  /** ms: time of this epoch's batches plus its validation pass. */
  | ({ type: 'epoch'; run: number; ms: number } & EpochRow)
  | ({ type: 'done'; run: number } & DoneReport)
  | { type: 'cancelled'; run: number }
  /** A Spanish message for the student; `during` says which request failed. */
  | { type: 'error'; during: ToWorker['type']; run: number; message: string };

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const isInt = (x: unknown, lo: number, hi: number): x is number => Number.isInteger(x) && (x as number) >= lo && (x as number) <= hi;
const isStr = (x: unknown): x is string => typeof x === 'string';

/** Checks a message for the worker; returns it typed, or a reason (English, for the console). */
export function checkToWorker(m: unknown): ToWorker | string {
  if (!isObj(m)) return 'not an object';
  switch (m.type) {
    case 'init':
      return isStr(m.baseUrl) ? (m as ToWorker) : 'init: baseUrl must be a string';
    case 'cancel':
      return isInt(m.run, 0, 2 ** 31) ? (m as ToWorker) : 'cancel: bad run';
    case 'start': {
      if (!isInt(m.run, 0, 2 ** 31)) return 'start: bad run';
      const r = m.request;
      if (!isObj(r)) return 'start: no request';
      if (r.feature !== 'mfcc' && r.feature !== 'logmel') return 'start: bad feature';
      const a = r.arch;
      if (!isObj(a) || !isInt(a.conv1, 1, 64) || !isInt(a.conv2, 1, 64) || !isNum(a.dropout) || a.dropout < 0 || a.dropout >= 1) return 'start: bad arch';
      const c = r.config;
      if (!isObj(c) || !isInt(c.epochs, 1, 1000) || !isInt(c.batchSize, 1, 4096) || !isNum(c.learningRate) || c.learningRate <= 0 || !isInt(c.seed, 0, 2 ** 31)) {
        return 'start: bad config';
      }
      if (!isInt(r.copies, 0, 10) || !isInt(r.augmentSeed, 0, 2 ** 31)) return 'start: bad augmentation';
      if (!Array.isArray(m.extra) || !m.extra.every((e) => isObj(e) && isStr(e.label) && e.samples instanceof Float32Array)) return 'start: bad extra clips';
      return m as ToWorker;
    }
    default:
      return `unknown type ${String(m.type)}`;
  }
}

const isMatrix = (x: unknown, k: number): x is number[][] =>
  Array.isArray(x) && x.length === k && x.every((r) => Array.isArray(r) && r.length === k && r.every((v) => isInt(v, 0, 2 ** 31)));

/** Checks a message from the worker; returns it typed, or a reason (English, for the console). */
export function checkFromWorker(m: unknown): FromWorker | string {
  if (!isObj(m)) return 'not an object';
  const run = isInt(m.run, 0, 2 ** 31);
  switch (m.type) {
    case 'ready': {
      const s = m.set;
      if (!isStr(m.backend) || !isObj(s) || !Array.isArray(s.classes) || !s.classes.every(isStr)) return 'ready: bad set';
      const k = s.classes.length;
      const counts = s.counts;
      const voices = s.voices;
      if (!isObj(counts) || !SPLIT_NAMES.every((n) => Array.isArray(counts[n]) && (counts[n] as unknown[]).length === k && (counts[n] as unknown[]).every((v) => isInt(v, 0, 1e9)))) return 'ready: bad counts';
      if (!isObj(voices) || !SPLIT_NAMES.every((n) => isInt(voices[n], 0, 1e6))) return 'ready: bad voices';
      return m as FromWorker;
    }
    case 'dataset': {
      const r = m.report;
      if (!run || !isObj(r)) return 'dataset: bad report';
      const keys = ['train', 'val', 'test', 'augmented', 'extraUsed', 'extraSkipped', 'frames', 'bins'];
      return keys.every((key) => isInt(r[key], 0, 1e9)) && isNum(r.ms) && r.ms >= 0 ? (m as FromWorker) : 'dataset: bad counts';
    }
    case 'progress':
      return run && isInt(m.epoch, 0, 1e6) && isInt(m.batch, 0, 1e6) && isInt(m.batchesPerEpoch, 1, 1e6) && isInt(m.epochs, 1, 1e6) ? (m as FromWorker) : 'progress: bad numbers';
    case 'epoch':
      return run && isInt(m.epoch, 1, 1e6) && [m.trainLoss, m.trainAcc, m.valLoss, m.valAcc, m.ms].every(isNum) ? (m as FromWorker) : 'epoch: bad numbers';
    case 'done': {
      const t = m.test;
      if (!run || !isObj(t) || !isNum(t.accuracy) || !isNum(t.loss) || !isInt(t.n, 0, 1e9)) return 'done: bad test';
      const meta = m.meta;
      if (!isObj(meta) || !Array.isArray(meta.classes)) return 'done: bad meta';
      if (!isMatrix(t.matrix, meta.classes.length)) return 'done: bad matrix';
      if (!isObj(m.summary) || !isObj(m.modelTopology) || !Array.isArray(m.weightSpecs) || !(m.weightData instanceof ArrayBuffer)) return 'done: bad model';
      return m as FromWorker;
    }
    case 'cancelled':
      return run ? (m as FromWorker) : 'cancelled: bad run';
    case 'error':
      return run && isStr(m.message) && isStr(m.during) ? (m as FromWorker) : 'error: bad message';
    default:
      return `unknown type ${String(m.type)}`;
  }
}

// ---------------------------------------------------------------------------------------------
// Curves

/** Per-epoch rows of one run, kept in epoch order; a repeated epoch replaces the old row. */
export class Curves {
  #rows: EpochRow[] = [];

  get rows(): readonly EpochRow[] {
    return this.#rows;
  }

  get last(): EpochRow | undefined {
    return this.#rows[this.#rows.length - 1];
  }

  add(r: EpochRow): void {
    const i = this.#rows.findIndex((x) => x.epoch >= r.epoch);
    if (i < 0) this.#rows.push({ ...r });
    else if (this.#rows[i]!.epoch === r.epoch) this.#rows[i] = { ...r };
    else this.#rows.splice(i, 0, { ...r });
  }

  clear(): void {
    this.#rows = [];
  }

  /** Long-format points for the charts: one per epoch and series. */
  points(kind: 'loss' | 'acc'): Array<{ epoch: number; value: number; series: 'entrenamiento' | 'validación' }> {
    return this.#rows.flatMap((r) => [
      { epoch: r.epoch, value: kind === 'loss' ? r.trainLoss : 100 * r.trainAcc, series: 'entrenamiento' as const },
      { epoch: r.epoch, value: kind === 'loss' ? r.valLoss : 100 * r.valAcc, series: 'validación' as const },
    ]);
  }

  /** The epoch with the best validation accuracy (earliest on ties). */
  best(): EpochRow | undefined {
    return this.#rows.reduce<EpochRow | undefined>((a, r) => (!a || r.valAcc > a.valAcc ? r : a), undefined);
  }
}

// ---------------------------------------------------------------------------------------------
// Texts

export interface MatrixCell {
  truth: number;
  predicted: number;
  count: number;
  /** Share of the true class's row, in [0, 1] (0 for an empty row). */
  share: number;
  /** "12 (75 %)"-style text of the cell. */
  text: string;
}

/** The cells of m[true][predicted], row-major, with counts and row percentages. */
export function confusionCells(m: readonly (readonly number[])[]): MatrixCell[][] {
  return m.map((row, t) => {
    const n = row.reduce((a, v) => a + v, 0);
    return row.map((count, p) => {
      const share = n > 0 ? count / n : 0;
      return { truth: t, predicted: p, count, share, text: `${count} (${pct(share, 0)})` };
    });
  });
}

/** Text alternative of the confusion matrix: hits, total and the worst mix-ups. */
export function describeConfusion(m: readonly (readonly number[])[], classes: readonly string[]): string {
  const n = m.reduce((a, r) => a + r.reduce((b, v) => b + v, 0), 0);
  const hits = m.reduce((a, r, k) => a + (r[k] ?? 0), 0);
  const mixes: Array<{ t: number; p: number; c: number }> = [];
  m.forEach((r, t) => r.forEach((c, p) => { if (t !== p && c > 0) mixes.push({ t, p, c }); }));
  mixes.sort((a, b) => b.c - a.c || a.t - b.t || a.p - b.p);
  const top = mixes.slice(0, 3).map((x) => `«${classes[x.t]}» tomado por «${classes[x.p]}» (${x.c} ${x.c === 1 ? 'vez' : 'veces'})`);
  const tail = top.length === 0 ? 'No confundió ninguna clase.' : `Las confusiones más frecuentes: ${top.join('; ')}.`;
  return `Matriz de confusión sobre ${intText(n)} clips de voces de prueba: acertó ${intText(hits)} (${pct(n > 0 ? hits / n : Number.NaN)}). ${tail}`;
}

/** Text alternative of the curves. */
export function describeCurves(c: Curves): string {
  const last = c.last;
  if (!last) return 'Aún no hay curvas: pulsa «Entrenar».';
  const best = c.best()!;
  return `Tras la época ${last.epoch}: pérdida de entrenamiento ${fmt(last.trainLoss, 3)} y de validación ${fmt(last.valLoss, 3)}; ` +
    `exactitud de entrenamiento ${pct(last.trainAcc)} y de validación ${pct(last.valAcc)} (la mejor de validación, ${pct(best.valAcc)}, en la época ${best.epoch}).`;
}

/** Counts of the student's recordings per class (labels outside `classes` go to `other`). */
export function recordingCounts(labels: readonly string[], classes: readonly string[]): { perClass: number[]; other: number } {
  const perClass = classes.map(() => 0);
  let other = 0;
  for (const l of labels) {
    const k = classes.indexOf(l);
    if (k < 0) other++;
    else perClass[k]!++;
  }
  return { perClass, other };
}

export interface SetRow {
  label: string;
  train: number;
  val: number;
  test: number;
  mine: number;
}

/** Rows of the data-set table (one per class, then «Total»). */
export function setRows(info: SetInfo, mine: readonly number[]): SetRow[] {
  const rows = info.classes.map((label, k) => ({
    label, train: info.counts.train[k] ?? 0, val: info.counts.val[k] ?? 0, test: info.counts.test[k] ?? 0, mine: mine[k] ?? 0,
  }));
  const sum = (key: 'train' | 'val' | 'test' | 'mine'): number => rows.reduce((a, r) => a + r[key], 0);
  return [...rows, { label: 'Total', train: sum('train'), val: sum('val'), test: sum('test'), mine: sum('mine') }];
}

/** Clips whose features a run computes: training (with copies and recordings), validation and test. */
export const featureClips = (info: SetInfo, recordings: number, copies: number): number => {
  const sum = (a: readonly number[]): number => a.reduce((x, v) => x + v, 0);
  return trainExamples(sum(info.counts.train), recordings, copies) + sum(info.counts.val) + sum(info.counts.test);
};

/** Mean of the epochs' durations in seconds (NaN with none). */
export const secondsPerEpoch = (ms: readonly number[]): number => (ms.length ? ms.reduce((a, v) => a + v, 0) / ms.length / 1000 : Number.NaN);

/** Training examples a run will have: (clips + recordings) · (1 + copies). */
export const trainExamples = (clips: number, recordings: number, copies: number): number => (clips + recordings) * (1 + copies);

export type Phase = 'idle' | 'loading' | 'training' | 'done' | 'cancelled' | 'error';

