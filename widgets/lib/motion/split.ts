/**
 * Stratified, seeded train / validation / test split (pure).
 *
 * Items are whatever the caller splits (the classifier splits *recordings*, so windows cut from
 * one recording never end up on both sides). For each class c with n items: its items are
 * shuffled with createRng(mixSeed(seed, c)) and the first nTest go to test, the next nVal to
 * validation, the rest to training, with
 *   nTest = round(n · test), nVal = round(n · val)   (n ≥ 3: each at least 1; n < 3: all train).
 * So every split holds (about) the same share of every class. Same classes + seed → same split.
 * Index lists come back sorted ascending.
 */
import { createRng } from '../rng/rng';

export interface SplitFractions {
  /** Share of each class for validation, in [0, 0.5]. */
  val: number;
  /** Share of each class for test, in [0, 0.5]. */
  test: number;
}

export const SPLIT_DEFAULTS: Readonly<SplitFractions> = { val: 0.2, test: 0.2 };

export interface Split {
  train: number[];
  val: number[];
  test: number[];
}

/** A 32-bit seed for class `c` derived from `seed` (so adding a class does not reshuffle the others). */
export function classSeed(seed: number, c: number): number {
  let h = (Math.trunc(seed) ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ (c + 0x85ebca6b), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/** Per-class sizes [train, val, test] for a class of n items. */
export function splitSizes(n: number, f: SplitFractions = SPLIT_DEFAULTS): [number, number, number] {
  if (n < 3) return [n, 0, 0];
  const nTest = Math.max(1, Math.round(n * f.test));
  const nVal = Math.max(1, Math.round(n * f.val));
  const train = n - nTest - nVal;
  if (train < 1) return [1, Math.max(0, n - 1 - nTest), Math.min(nTest, n - 1)];
  return [train, nVal, nTest];
}

/** classes[i] = class index of item i (integers ≥ 0). */
export function stratifiedSplit(classes: ArrayLike<number>, seed: number, f: SplitFractions = SPLIT_DEFAULTS): Split {
  if (!(f.val >= 0 && f.test >= 0 && f.val + f.test < 1)) throw new RangeError('val + test must be in [0, 1)');
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < classes.length; i++) {
    const c = classes[i]!;
    if (!(Number.isInteger(c) && c >= 0)) throw new RangeError(`class of item ${i} is not an integer ≥ 0`);
    let list = byClass.get(c);
    if (!list) byClass.set(c, (list = []));
    list.push(i);
  }
  const out: Split = { train: [], val: [], test: [] };
  for (const [c, items] of [...byClass].sort((a, b) => a[0] - b[0])) {
    const order = createRng(classSeed(seed, c)).shuffle(items);
    const [, nVal, nTest] = splitSizes(items.length, f);
    out.test.push(...order.slice(0, nTest));
    out.val.push(...order.slice(nTest, nTest + nVal));
    out.train.push(...order.slice(nTest + nVal));
  }
  const asc = (a: number, b: number): number => a - b;
  out.train.sort(asc);
  out.val.sort(asc);
  out.test.sort(asc);
  return out;
}
