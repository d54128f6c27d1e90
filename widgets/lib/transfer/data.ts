/**
 * Data side of the lesson-11 transfer-learning experiment (pure: no tfjs, no DOM).
 *
 * - The base CNN (public/models/base-0-4/) is trained only on the digits BASE_DIGITS = 0…4
 *   (filterSplit keeps those, scripts/train-default-model.mjs --digits 0-4).
 * - The new task is the digits NEW_DIGITS = 5…9, relabelled to classes 0…4 (remap): class = digit − 5.
 * - From the 8 000 training digits, `perClass` examples of each new digit are drawn with a seeded
 *   shuffle (selectPerClass); the test set is every 5…9 digit of the 2 000 test digits.
 */
import { createRng } from '../rng/rng';
import type { MnistSplit } from '../data/mnist';

export const BASE_DIGITS = [0, 1, 2, 3, 4] as const;
export const NEW_DIGITS = [5, 6, 7, 8, 9] as const;
/** Pixels per image (28 × 28). */
export const PIXELS = 784;

/** Parses '0-4' or '0,2,5' into sorted distinct digits 0…9; throws RangeError on anything else. */
export function parseDigits(text: string): number[] {
  const out = new Set<number>();
  for (const part of text.split(',')) {
    const m = /^\s*(\d)\s*(?:-\s*(\d)\s*)?$/.exec(part);
    if (!m) throw new RangeError(`digits: cannot read "${part}" (use e.g. 0-4 or 0,1,2)`);
    const a = Number(m[1]);
    const b = m[2] === undefined ? a : Number(m[2]);
    if (b < a) throw new RangeError(`digits: empty range "${part}"`);
    for (let d = a; d <= b; d++) out.add(d);
  }
  return [...out].sort((x, y) => x - y);
}

/** A new split holding, in their original order, only the images whose label is in `digits` (copies). */
export function filterSplit(s: MnistSplit, digits: readonly number[]): MnistSplit {
  const keep = new Set(digits);
  const px = s.images.length / s.count;
  const idx: number[] = [];
  for (let i = 0; i < s.count; i++) if (keep.has(s.labels[i]!)) idx.push(i);
  const images = new Uint8Array(idx.length * px);
  const labels = new Uint8Array(idx.length);
  idx.forEach((i, j) => {
    images.set(s.images.subarray(i * px, (i + 1) * px), j * px);
    labels[j] = s.labels[i]!;
  });
  return { images, labels, count: idx.length };
}

/** Class index of a digit in `classes` (5…9 → 0…4 for NEW_DIGITS); −1 when it is not one of them. */
export const remap = (digit: number, classes: readonly number[] = NEW_DIGITS): number => classes.indexOf(digit);

/**
 * `perClass` indices of each digit of `classes`, drawn without repetition: for class c, the
 * indices of that digit in `labels` are shuffled with createRng(seed + 7919·c) and the first
 * `perClass` kept (fewer when the split has fewer). Result grouped by class, class order.
 * Growing perClass with the same seed keeps the earlier picks (a prefix of the same shuffle).
 */
export function selectPerClass(labels: ArrayLike<number>, classes: readonly number[], perClass: number, seed: number): number[] {
  if (!Number.isInteger(perClass) || perClass < 1) throw new RangeError(`perClass must be a positive integer, got ${perClass}`);
  const out: number[] = [];
  classes.forEach((digit, c) => {
    const own: number[] = [];
    for (let i = 0; i < labels.length; i++) if (labels[i] === digit) own.push(i);
    const rng = createRng((seed + 7919 * (c + 1)) >>> 0);
    out.push(...rng.shuffle(own).slice(0, perClass));
  });
  return out;
}

/** Every index whose label is one of `classes`, in split order. */
export function indicesOf(labels: ArrayLike<number>, classes: readonly number[]): number[] {
  const keep = new Set(classes);
  const out: number[] = [];
  for (let i = 0; i < labels.length; i++) if (keep.has(labels[i]!)) out.push(i);
  return out;
}

export interface TaskBatch {
  /** n·784 floats in [0, 1] (NHWC [n, 28, 28, 1]). */
  images: Float32Array;
  /** Class index 0…k−1 of each image (remapped). */
  classes: Uint8Array;
  /** n·k one-hot targets. */
  oneHot: Float32Array;
  size: number;
}

/** The images at `indices` of split `s`, with labels remapped to 0…k−1 for `classes`. */
export function taskBatch(s: MnistSplit, indices: readonly number[], classes: readonly number[]): TaskBatch {
  const n = indices.length;
  const k = classes.length;
  const images = new Float32Array(n * PIXELS);
  const cls = new Uint8Array(n);
  const oneHot = new Float32Array(n * k);
  indices.forEach((i, j) => {
    const c = remap(s.labels[i]!, classes);
    if (c < 0) throw new RangeError(`image ${i} is a ${s.labels[i]}, not one of ${classes.join(', ')}`);
    const src = s.images.subarray(i * PIXELS, (i + 1) * PIXELS);
    for (let p = 0; p < PIXELS; p++) images[j * PIXELS + p] = src[p]! / 255;
    cls[j] = c;
    oneHot[j * k + c] = 1;
  });
  return { images, classes: cls, oneHot, size: n };
}

/** Rows of a TaskBatch, picked by position (for a mini-batch). */
export function subBatch(b: TaskBatch, rows: readonly number[], k: number): TaskBatch {
  const n = rows.length;
  const images = new Float32Array(n * PIXELS);
  const classes = new Uint8Array(n);
  const oneHot = new Float32Array(n * k);
  rows.forEach((r, j) => {
    images.set(b.images.subarray(r * PIXELS, (r + 1) * PIXELS), j * PIXELS);
    classes[j] = b.classes[r]!;
    oneHot.set(b.oneHot.subarray(r * k, (r + 1) * k), j * k);
  });
  return { images, classes, oneHot, size: n };
}

/** Order of the training rows in epoch e: createRng(seed + 1 + e).shuffle(0…n−1) (both models use it). */
export function epochRows(seed: number, epoch: number, n: number): number[] {
  return createRng((seed + 1 + epoch) >>> 0).shuffle(Array.from({ length: n }, (_, i) => i));
}
