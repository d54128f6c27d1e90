/**
 * The keyword set as model inputs (pure, no tfjs): 1 s clips → features → standardized tensors.
 *
 * Per clip (16000 samples at 16 kHz): computeFeatures with AUDIO_DEFAULTS (+ `params`) gives 49
 * frames; `feature` picks the rows ('mfcc': 13 per frame, 'logmel': 40). A split is stored flat:
 * x has n · frames · bins floats, row-major [n, frames, bins] (= NHWC [n, frames, bins, 1]),
 * standardized per bin b as (v − mean[b]) / std[b], exactly like contract.ts's standardizeWindow.
 * mean/std are measured on the training split only (augmented copies and the student's recordings
 * included, because they are training data); std is floored at STD_FLOOR so it is always > 0.
 *
 * Augmentation (optional, seeded): each training clip also gets `copies` extra versions made by
 * kws-data/augment.ts (time shift that keeps the spoken word inside, plus noise), all drawn from
 * one createRng(seed), so a seed repeats the data set exactly. Validation and test are never augmented.
 */
import { computeFeatures, frameCount, AUDIO_DEFAULTS, type AudioParams } from '../audio/features';
import { augmentClip } from '../kws-data/augment';
import type { KeywordSet, Split } from '../kws-data/keyword-set';
import { createRng } from '../rng/rng';
import type { KwsFeature, KwsMeta } from './contract';

export const STD_FLOOR = 1e-6;

/** One split ready for the model. */
export interface KwsSplit {
  /** n · frames · bins standardized floats, [n, frames, bins]. */
  x: Float32Array;
  /** Class index of each example, n. */
  labels: Uint8Array;
  n: number;
}

/** A clip to add to training (the student's recordings): 1 s of 16 kHz audio. */
export interface ExtraClip {
  label: string;
  samples: Float32Array;
}

export interface DatasetOptions {
  feature: KwsFeature;
  /** Audio params that differ from AUDIO_DEFAULTS. */
  params?: Partial<AudioParams>;
  /** Extra augmented versions of every training clip (0 = none) and their seed. */
  augment?: { copies: number; seed: number; maxShiftMs?: number };
  /** Added to training (unknown labels are skipped and counted). */
  extra?: readonly ExtraClip[];
}

export interface KwsDataset {
  classes: string[];
  feature: KwsFeature;
  params: Partial<AudioParams>;
  frames: number;
  bins: number;
  /** Per-bin statistics of the training split, length bins. */
  mean: number[];
  std: number[];
  train: KwsSplit;
  val: KwsSplit;
  test: KwsSplit;
  /** Training examples that came from augmentation and from the student's recordings. */
  augmented: number;
  extraUsed: number;
  extraSkipped: number;
}

/** Frames and values per frame of one clip of `clipSamples` samples. */
export function featureShape(feature: KwsFeature, params: Partial<AudioParams> = {}, clipSamples = 16000): { frames: number; bins: number } {
  const p = { ...AUDIO_DEFAULTS, ...params };
  return { frames: frameCount(clipSamples, p), bins: feature === 'mfcc' ? p.mfccCount : p.melBands };
}

/** Raw (not standardized) features of one clip, frames · bins floats row-major. */
export function clipFeatures(samples: ArrayLike<number>, feature: KwsFeature, params: Partial<AudioParams> = {}): Float32Array {
  const rows = computeFeatures(samples, params)[feature];
  const bins = rows[0]?.length ?? 0;
  const out = new Float32Array(rows.length * bins);
  rows.forEach((r, t) => out.set(r, t * bins));
  return out;
}

/** Per-bin mean and (population) standard deviation over every frame of every clip. */
export function binStats(clips: readonly Float32Array[], bins: number): { mean: number[]; std: number[] } {
  const sum = new Float64Array(bins);
  const sq = new Float64Array(bins);
  let rows = 0;
  for (const c of clips) {
    for (let i = 0; i < c.length; i += bins) {
      for (let b = 0; b < bins; b++) {
        const v = c[i + b]!;
        sum[b]! += v;
        sq[b]! += v * v;
      }
      rows++;
    }
  }
  const mean = Array.from(sum, (s) => (rows > 0 ? s / rows : 0));
  const std = Array.from(sq, (s, b) => Math.max(Math.sqrt(Math.max(0, rows > 0 ? s / rows - mean[b]! ** 2 : 0)), STD_FLOOR));
  return { mean, std };
}

/** (v − mean[b]) / std[b] for every value of a flat [.., bins] array, into a new array. */
export function standardizeFlat(x: Float32Array, mean: readonly number[], std: readonly number[]): Float32Array {
  const bins = mean.length;
  const out = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const b = i % bins;
    out[i] = (x[i]! - mean[b]!) / std[b]!;
  }
  return out;
}

function packSplit(feats: readonly Float32Array[], labels: readonly number[], mean: number[], std: number[], size: number): KwsSplit {
  const x = new Float32Array(feats.length * size);
  feats.forEach((f, i) => x.set(standardizeFlat(f, mean, std), i * size));
  return { x, labels: Uint8Array.from(labels), n: feats.length };
}

/** Builds the three splits of the module comment from the decoded keyword set. */
export function buildKwsDataset(set: KeywordSet, opts: DatasetOptions): KwsDataset {
  const params = { ...(opts.params ?? {}) };
  const { frames, bins } = featureShape(opts.feature, params, set.manifest.clipSamples);
  const size = frames * bins;
  const bySplit: Record<Split, { feats: Float32Array[]; labels: number[] }> = {
    train: { feats: [], labels: [] },
    val: { feats: [], labels: [] },
    test: { feats: [], labels: [] },
  };
  const add = (split: Split, samples: Float32Array, label: number): void => {
    const f = clipFeatures(samples, opts.feature, params);
    if (f.length !== size) throw new RangeError(`clip gives ${f.length} values, expected ${size}`);
    bySplit[split].feats.push(f);
    bySplit[split].labels.push(label);
  };
  const copies = Math.max(0, Math.trunc(opts.augment?.copies ?? 0));
  const rng = createRng(opts.augment?.seed ?? 0);
  const sampleRate = set.sampleRate;
  let augmented = 0;
  const augmentInto = (samples: Float32Array, label: number, keepMs?: [number, number]): void => {
    for (let k = 0; k < copies; k++) {
      add('train', augmentClip(samples, rng, { sampleRate, maxShiftMs: opts.augment?.maxShiftMs ?? 100, ...(keepMs ? { keepMs } : {}) }), label);
      augmented++;
    }
  };
  for (const c of set.clips) {
    add(c.split, c.samples, c.labelIndex);
    if (c.split === 'train' && copies > 0) {
      const keep: [number, number] | undefined = c.shiftMs !== null && c.durationMs !== null ? [c.shiftMs, c.shiftMs + c.durationMs] : undefined;
      augmentInto(c.samples, c.labelIndex, keep);
    }
  }
  let extraUsed = 0;
  let extraSkipped = 0;
  for (const e of opts.extra ?? []) {
    const k = set.classes.indexOf(e.label);
    if (k < 0 || e.samples.length !== set.manifest.clipSamples) {
      extraSkipped++;
      continue;
    }
    add('train', e.samples, k);
    augmentInto(e.samples, k);
    extraUsed++;
  }
  const { mean, std } = binStats(bySplit.train.feats, bins);
  const pack = (s: Split): KwsSplit => packSplit(bySplit[s].feats, bySplit[s].labels, mean, std, size);
  return {
    classes: [...set.classes], feature: opts.feature, params, frames, bins, mean, std,
    train: pack('train'), val: pack('val'), test: pack('test'), augmented, extraUsed, extraSkipped,
  };
}

/** The contract's KwsMeta for a model trained on `d` (extra fields: source, test, training). */
export function datasetMeta(d: KwsDataset, extra: Pick<KwsMeta, 'source' | 'test' | 'training'> = {}): KwsMeta {
  return {
    format: 'tinyml-kws-model', version: 1, classes: [...d.classes], feature: d.feature,
    frames: d.frames, bins: d.bins, params: { ...d.params }, mean: [...d.mean], std: [...d.std], ...extra,
  };
}

/** Examples `idx` of a split as one batch: x (idx.length · frames · bins) and one-hot targets. */
export function gatherBatch(s: KwsSplit, idx: readonly number[], size: number, classes: number): { x: Float32Array; oneHot: Float32Array; n: number } {
  const x = new Float32Array(idx.length * size);
  const oneHot = new Float32Array(idx.length * classes);
  idx.forEach((j, i) => {
    x.set(s.x.subarray(j * size, (j + 1) * size), i * size);
    oneHot[i * classes + s.labels[j]!] = 1;
  });
  return { x, oneHot, n: idx.length };
}
