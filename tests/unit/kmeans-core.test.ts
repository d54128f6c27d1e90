// widgets/lib/kmeans/kmeans.ts: k-means++ seeding, assign / update steps, the stopping rule,
// empty-cluster re-seeding, determinism per seed, inertia never increasing, elbow curve.
import { describe, expect, it } from 'vitest';
import { createRng } from '../../widgets/lib/rng/rng';
import { assignStep, elbowCurve, inertia, kmeans, kmeansPlusPlus, kmeansTrace, updateStep } from '../../widgets/lib/kmeans/kmeans';

/** Three tight blobs around known centres, 30 points each, seeded. */
function blobs(seed: number): { points: number[][]; label: number[]; centres: number[][] } {
  const centres = [[0, 0], [10, 0], [5, 9]];
  const rng = createRng(seed);
  const points: number[][] = [];
  const label: number[] = [];
  centres.forEach((c, k) => {
    for (let i = 0; i < 30; i++) {
      points.push([c[0]! + rng.normal(0, 0.5), c[1]! + rng.normal(0, 0.5)]);
      label.push(k);
    }
  });
  return { points, label, centres };
}

describe('k-means on known clusters', () => {
  it('finds the three blob centres and groups every blob together', () => {
    const { points, label, centres } = blobs(3);
    const r = kmeans(points, { k: 3, seed: 7 });
    expect(r.converged).toBe(true);
    for (const c of centres) {
      const best = Math.min(...r.centroids.map((m) => Math.hypot(m[0]! - c[0]!, m[1]! - c[1]!)));
      expect(best).toBeLessThan(0.3);
    }
    // one cluster per blob: all points of a blob share a cluster, and the three differ
    const byBlob = [0, 1, 2].map((k) => new Set(r.assign.filter((_, i) => label[i] === k)));
    expect(byBlob.every((s) => s.size === 1)).toBe(true);
    expect(new Set(byBlob.map((s) => [...s][0])).size).toBe(3);
  });

  it('hand example: two pairs on a line converge in one update', () => {
    const pts = [[0], [1], [9], [10]];
    const t = kmeansTrace(pts, { k: 2, seed: 0, init: [[0], [1]] });
    expect(t.steps.map((s) => s.kind)).toEqual(['init', 'assign', 'update', 'assign', 'update', 'assign']);
    expect(t.steps[1]!.assign).toEqual([0, 1, 1, 1]);
    expect(t.steps[1]!.inertia).toBeCloseTo(0 + 0 + 64 + 81, 12);
    expect(t.steps[2]!.centroids).toEqual([[0], [20 / 3]]);
    expect(t.steps[3]!.assign).toEqual([0, 0, 1, 1]);
    expect(t.steps[4]!.centroids).toEqual([[0.5], [9.5]]);
    expect(t.steps[5]!.changed).toBe(0);
    expect(t.steps[5]!.inertia).toBeCloseTo(1, 12);
    expect(t.converged).toBe(true);
  });

  it('stops at maxIter when not converged yet', () => {
    const { points } = blobs(5);
    const t = kmeansTrace(points, { k: 3, seed: 1, maxIter: 1, init: [[0, 0], [0.1, 0], [0.2, 0]] });
    expect(t.steps).toHaveLength(4);
    expect(t.converged).toBe(false);
  });
});

describe('empty clusters', () => {
  it('re-seeds an empty cluster at the farthest point and says so', () => {
    const pts = [[0, 0], [1, 0], [0, 1], [20, 20]];
    // centroid 1 starts far from every point: nobody is assigned to it
    const a = assignStep(pts, [[0, 0], [100, -100]]);
    expect(a.assign).toEqual([0, 0, 0, 0]);
    const u = updateStep(pts, [[0, 0], [100, -100]], a.assign);
    expect(u.sizes).toEqual([4, 0]);
    expect(u.reseeded).toEqual([1]);
    expect(u.centroids[1]).toEqual([20, 20]); // the farthest from its centroid (the mean 5.25, 5.25)
    expect(u.inertia).toBeLessThanOrEqual(a.inertia);
    const r = kmeans(pts, { k: 2, seed: 0, init: [[0, 0], [100, -100]] });
    expect(r.reseeded).toEqual([1]);
    expect(r.assign).toEqual([0, 0, 0, 1]);
  });

  it('two empty clusters take two different points', () => {
    const pts = [[0], [1], [5], [9]];
    const u = updateStep(pts, [[0], [50], [60]], [0, 0, 0, 0]);
    expect(u.reseeded).toEqual([1, 2]);
    expect(u.centroids[1]).toEqual([9]);
    expect(u.centroids[2]).toEqual([0]); // mean 3.75: 0 (3.75) beats 5 (1.25) and 1 (2.75)
  });
});

describe('determinism and monotone inertia', () => {
  it('the same seed gives the same run; another seed may differ in its start', () => {
    const { points } = blobs(11);
    expect(kmeansTrace(points, { k: 4, seed: 42 })).toEqual(kmeansTrace(points, { k: 4, seed: 42 }));
    expect(kmeansPlusPlus(points, 4, 42)).not.toEqual(kmeansPlusPlus(points, 4, 43));
  });

  it('inertia never increases, over many seeds and k', () => {
    const rng = createRng(99);
    const points = Array.from({ length: 120 }, () => [rng.normal(0, 3), rng.normal(0, 1), rng.uniform(-2, 2)]);
    for (let seed = 0; seed < 20; seed++) {
      for (const k of [1, 2, 5, 9]) {
        const t = kmeansTrace(points, { k, seed });
        const ins = t.steps.filter((s) => s.inertia !== null).map((s) => s.inertia!);
        for (let i = 1; i < ins.length; i++) expect(ins[i]!).toBeLessThanOrEqual(ins[i - 1]! + 1e-9);
        const last = t.steps.at(-1)!;
        expect(inertia(points, last.centroids, last.assign!)).toBeCloseTo(last.inertia!, 9);
      }
    }
  });

  it('k-means++ picks distinct points when there are enough; rejects bad k', () => {
    const { points } = blobs(2);
    const c = kmeansPlusPlus(points, 3, 5);
    expect(new Set(c.map((p) => p.join(','))).size).toBe(3);
    expect(() => kmeansPlusPlus(points, 0, 1)).toThrow(RangeError);
    expect(() => kmeansPlusPlus(points, 91, 1)).toThrow(RangeError);
  });
});

describe('elbow curve', () => {
  it('falls steeply to the true k and flattens after it', () => {
    const { points } = blobs(4);
    const e = elbowCurve(points, 6, 1);
    expect(e.map((r) => r.k)).toEqual([1, 2, 3, 4, 5, 6]);
    for (let i = 1; i < e.length; i++) expect(e[i]!.inertia).toBeLessThanOrEqual(e[i - 1]!.inertia * 1.0001);
    const drop = (i: number): number => e[i - 1]!.inertia - e[i]!.inertia;
    expect(drop(2)).toBeGreaterThan(10 * drop(3)); // 2 → 3 is the last big fall
  });
});
