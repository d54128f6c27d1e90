// Lesson 11, data side (widgets/lib/transfer/data.ts): digit lists, filtering a split, the
// 5…9 → 0…4 relabelling, seeded per-class sample selection and the training arrays.
import { describe, expect, it } from 'vitest';
import type { MnistSplit } from '../../widgets/lib/data/mnist';
import { epochRows, filterSplit, indicesOf, NEW_DIGITS, parseDigits, remap, selectPerClass, subBatch, taskBatch } from '../../widgets/lib/transfer/data';

/** n fake images; image i has label labels[i % labels.length] and every pixel equal to i % 256. */
function split(n: number, labels: number[]): MnistSplit {
  const images = new Uint8Array(n * 784);
  const ls = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    ls[i] = labels[i % labels.length]!;
    images.fill(i % 256, i * 784, (i + 1) * 784);
  }
  return { images, labels: ls, count: n };
}

describe('parseDigits', () => {
  it('reads ranges and lists', () => {
    expect(parseDigits('0-4')).toEqual([0, 1, 2, 3, 4]);
    expect(parseDigits('7,5, 6')).toEqual([5, 6, 7]);
    expect(parseDigits('0-2,2-3')).toEqual([0, 1, 2, 3]);
  });
  it('rejects nonsense', () => {
    expect(() => parseDigits('4-0')).toThrow(RangeError);
    expect(() => parseDigits('10')).toThrow(RangeError);
    expect(() => parseDigits('a')).toThrow(RangeError);
  });
});

describe('filterSplit', () => {
  it('keeps only the chosen digits, in order, with their pixels', () => {
    const s = split(30, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const f = filterSplit(s, [0, 1, 2, 3, 4]);
    expect(f.count).toBe(15);
    expect([...f.labels].every((l) => l <= 4)).toBe(true);
    // Image j of the filtered split is original image 10·⌊j/5⌋ + j mod 5 (its pixels say which).
    for (let j = 0; j < f.count; j++) expect(f.images[j * 784 + 100]).toBe(10 * Math.floor(j / 5) + (j % 5));
  });
});

describe('remap', () => {
  it('maps 5…9 to 0…4 and anything else to −1', () => {
    expect(NEW_DIGITS.map((d) => remap(d))).toEqual([0, 1, 2, 3, 4]);
    expect(remap(3)).toBe(-1);
    expect(remap(1, [7, 1])).toBe(1);
  });
});

describe('selectPerClass', () => {
  const labels = Array.from({ length: 500 }, (_, i) => i % 10);
  it('takes perClass distinct indices of each class, grouped in class order', () => {
    for (const per of [5, 10, 20]) {
      const idx = selectPerClass(labels, NEW_DIGITS, per, 1);
      expect(idx).toHaveLength(5 * per);
      expect(new Set(idx).size).toBe(idx.length);
      NEW_DIGITS.forEach((d, c) => {
        expect(idx.slice(c * per, (c + 1) * per).every((i) => labels[i] === d)).toBe(true);
      });
    }
  });
  it('repeats with the same seed, changes with another, and grows as a prefix', () => {
    expect(selectPerClass(labels, NEW_DIGITS, 10, 7)).toEqual(selectPerClass(labels, NEW_DIGITS, 10, 7));
    expect(selectPerClass(labels, NEW_DIGITS, 10, 7)).not.toEqual(selectPerClass(labels, NEW_DIGITS, 10, 8));
    const five = selectPerClass(labels, NEW_DIGITS, 5, 3);
    const twenty = selectPerClass(labels, NEW_DIGITS, 20, 3);
    NEW_DIGITS.forEach((_, c) => expect(twenty.slice(c * 20, c * 20 + 5)).toEqual(five.slice(c * 5, (c + 1) * 5)));
  });
  it('never picks a digit outside the classes and rejects a bad count', () => {
    expect(selectPerClass(labels, NEW_DIGITS, 50, 1).every((i) => labels[i]! >= 5)).toBe(true);
    expect(() => selectPerClass(labels, NEW_DIGITS, 0, 1)).toThrow(RangeError);
  });
});

describe('taskBatch and subBatch', () => {
  it('scales pixels to [0, 1], remaps labels and builds one-hot rows', () => {
    const s = split(20, [5, 6, 7, 8, 9, 0]);
    const idx = indicesOf(s.labels, NEW_DIGITS);
    expect(idx).toEqual([0, 1, 2, 3, 4, 6, 7, 8, 9, 10, 12, 13, 14, 15, 16, 18, 19]);
    const b = taskBatch(s, idx, NEW_DIGITS);
    expect(b.size).toBe(idx.length);
    idx.forEach((i, j) => {
      const c = s.labels[i]! - 5;
      expect(b.classes[j]).toBe(c);
      expect([...b.oneHot.subarray(j * 5, j * 5 + 5)]).toEqual([0, 1, 2, 3, 4].map((k) => (k === c ? 1 : 0)));
      expect(b.images[j * 784 + 10]).toBeCloseTo((i % 256) / 255, 7);
    });
    expect(() => taskBatch(s, [5], NEW_DIGITS)).toThrow(RangeError); // image 5 is a 0
    const sub = subBatch(b, [3, 0], 5);
    expect([...sub.classes]).toEqual([b.classes[3], b.classes[0]]);
    expect(sub.images[784 + 5]).toBe(b.images[5]);
  });
  it('epochRows is a seeded permutation', () => {
    const r = epochRows(1, 0, 25);
    expect([...r].sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => i));
    expect(epochRows(1, 0, 25)).toEqual(r);
    expect(epochRows(1, 1, 25)).not.toEqual(r);
  });
});
