// lib/motion/split.ts and normalize.ts: the split is stratified (every class in the same
// proportion in each part), seeded (same seed → same split, another seed → another), a partition
// of the items; the standardizer uses only the rows it is given and handles constant features.
import { describe, expect, it } from 'vitest';
import { fitStandardizer, standardize, standardizeRows } from '../../widgets/lib/motion/normalize';
import { splitSizes, stratifiedSplit } from '../../widgets/lib/motion/split';

const classes = (perClass: number[]): number[] => perClass.flatMap((n, c) => new Array<number>(n).fill(c));

describe('stratifiedSplit', () => {
  it('puts 60/20/20 of every class in train/val/test and partitions the items', () => {
    const y = classes([12, 12, 12, 12]);
    const s = stratifiedSplit(y, 7);
    expect([s.train.length, s.val.length, s.test.length]).toEqual([32, 8, 8]);
    for (let c = 0; c < 4; c++) {
      expect(s.train.filter((i) => y[i] === c)).toHaveLength(8);
      expect(s.val.filter((i) => y[i] === c)).toHaveLength(2);
      expect(s.test.filter((i) => y[i] === c)).toHaveLength(2);
    }
    const all = [...s.train, ...s.val, ...s.test].sort((a, b) => a - b);
    expect(all).toEqual(y.map((_, i) => i));
  });

  it('is seeded: the same seed repeats, another seed changes it', () => {
    const y = classes([10, 7, 15]);
    expect(stratifiedSplit(y, 3)).toEqual(stratifiedSplit(y, 3));
    expect(stratifiedSplit(y, 3).test).not.toEqual(stratifiedSplit(y, 4).test);
  });

  it('keeps small classes in training and gives every class of 3+ one item in val and test', () => {
    expect(splitSizes(2)).toEqual([2, 0, 0]);
    expect(splitSizes(3)).toEqual([1, 1, 1]);
    expect(splitSizes(5)).toEqual([3, 1, 1]);
    expect(splitSizes(10)).toEqual([6, 2, 2]);
    const y = classes([2, 3, 20]);
    const s = stratifiedSplit(y, 1);
    expect(s.train.filter((i) => y[i] === 0)).toHaveLength(2);
    expect(s.test.filter((i) => y[i] === 1)).toHaveLength(1);
    expect(s.test.filter((i) => y[i] === 2)).toHaveLength(4);
  });

  it('does not depend on the order of the other classes (per-class seeds)', () => {
    const a = stratifiedSplit([0, 0, 0, 0, 0, 1, 1, 1, 1, 1], 9);
    const b = stratifiedSplit([0, 0, 0, 0, 0, 2, 2, 2, 2, 2, 2, 2], 9);
    expect(a.test.filter((i) => i < 5)).toEqual(b.test.filter((i) => i < 5));
  });
});

describe('standardizer', () => {
  it('measures mean and population std per column, σ = 1 for constant columns', () => {
    const s = fitStandardizer([[1, 5, 0], [3, 5, 0], [5, 5, 0]]);
    expect(s.mean).toEqual([3, 5, 0]);
    expect(s.std[0]).toBeCloseTo(Math.sqrt(8 / 3), 12);
    expect(s.std.slice(1)).toEqual([1, 1]);
    expect(Array.from(standardize(s, [3, 5, 0]))).toEqual([0, 0, 0]);
    expect(standardize(s, [5, 6, 2])[0]).toBeCloseTo(2 / Math.sqrt(8 / 3), 12);
  });

  it('depends only on the rows it is fitted on (train stats only)', () => {
    const train = [[0, 1], [2, 3]];
    const test = [[100, -50]];
    const s = fitStandardizer(train);
    expect(s).toEqual(fitStandardizer([...train]));
    expect(s).not.toEqual(fitStandardizer([...train, ...test]));
    const flat = standardizeRows(s, [...train, ...test]);
    expect(Array.from(flat.subarray(0, 4))).toEqual([-1, -1, 1, 1]);
    expect(flat[4]).toBeCloseTo(99, 5);
  });
});
