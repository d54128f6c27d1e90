import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { magnitudePrune, parseWeights, pruneLayers, zeroFraction } from '../../widgets/lib/quant';
import { GRID, KERNELS, accuracy, float32File, gzipSize, int8File, pruneModel } from '../../widgets/pruning-explorer/core';
import { createRng } from '../../widgets/lib/rng/rng';

const weights = parseWeights(
  (JSON.parse(readFileSync('public/models/default-cnn/model.json', 'utf8')) as { weightsManifest: [{ weights: never[] }] }).weightsManifest[0].weights,
  readFileSync('public/models/default-cnn/weights.bin').buffer as ArrayBuffer,
);

// Independent reference: sort copies of |w| and take the k-th smallest.
const kthSmallestAbs = (w: ArrayLike<number>, k: number): number => Array.from(w, Math.abs).sort((a, b) => a - b)[k - 1]!;

describe('magnitudePrune', () => {
  it('removes exactly round(s·n) weights, the smallest by |w|, with threshold = k-th smallest |w|', () => {
    const rng = createRng(5);
    const w = Float32Array.from({ length: 1000 }, () => rng.normal(0, 1));
    for (const s of [0.05, 0.1, 0.333, 0.5, 0.9, 0.95]) {
      const r = magnitudePrune(w, s);
      const k = Math.round(s * 1000);
      expect(r.removed).toBe(k);
      expect(zeroFraction(r.pruned)).toBe(k / 1000);
      expect(r.threshold).toBe(kthSmallestAbs(w, k));
      for (let i = 0; i < w.length; i++) {
        if (r.pruned[i] === 0) expect(Math.abs(w[i]!)).toBeLessThanOrEqual(r.threshold);
        else {
          expect(Math.abs(w[i]!)).toBeGreaterThanOrEqual(r.threshold);
          expect(r.pruned[i]).toBe(w[i]); // kept weights are untouched
        }
      }
    }
  });
  it('hand example, with ties broken by position', () => {
    const r = magnitudePrune([0.5, -0.1, 0.3, 0.1, -0.9, 0.2], 0.5); // k = 3: −0.1, 0.1, 0.2
    expect(Array.from(r.pruned)).toEqual([0.5, 0, Math.fround(0.3), 0, Math.fround(-0.9), 0]);
    expect(r.threshold).toBe(0.2);
    const tie = magnitudePrune([0.1, -0.1, 0.1, 0.7], 0.25); // one of three equal |w|: the first
    expect(Array.from(tie.mask)).toEqual([1, 0, 0, 0]);
  });
  it('0 % changes nothing (threshold 0), 100 % zeroes everything, out of range throws', () => {
    const w = [0.3, -0.2, 0.1];
    const none = magnitudePrune(w, 0);
    expect(none.removed).toBe(0);
    expect(none.threshold).toBe(0);
    expect(Array.from(none.pruned)).toEqual(w.map(Math.fround));
    expect(zeroFraction(magnitudePrune(w, 1).pruned)).toBe(1);
    expect(() => magnitudePrune(w, 1.2)).toThrow(RangeError);
    expect(() => magnitudePrune(w, -0.1)).toThrow(RangeError);
  });
});

describe('per-layer and global pruning of the default model', () => {
  const kernels = KERNELS.map((k) => weights.find((w) => w.name === k.name)!);
  it('per layer: each kernel loses round(s·n) of its weights, each with its own threshold', () => {
    const layers = pruneLayers(kernels, 0.6, 'capa');
    expect(layers.map((l) => l.removed)).toEqual([Math.round(0.6 * 72), Math.round(0.6 * 1152), Math.round(0.6 * 7840)]);
    layers.forEach((l, i) => expect(l.threshold).toBe(kthSmallestAbs(kernels[i]!.values, l.removed)));
  });
  it('global: one threshold, round(s·N) removed in total, unevenly across layers', () => {
    const layers = pruneLayers(kernels, 0.6, 'global');
    const total = 72 + 1152 + 7840;
    const all = kernels.flatMap((k) => Array.from(k.values));
    expect(layers.reduce((a, l) => a + l.removed, 0)).toBe(Math.round(0.6 * total));
    expect(new Set(layers.map((l) => l.threshold)).size).toBe(1);
    expect(layers[0]!.threshold).toBe(kthSmallestAbs(all, Math.round(0.6 * total)));
    // The dense layer's many small weights go first: it loses more than 60 %, conv1 less.
    expect(layers[2]!.removed / 7840).toBeGreaterThan(0.6);
    expect(layers[0]!.removed / 72).toBeLessThan(0.6);
  });
  it('pruneModel keeps biases and the manifest order', () => {
    const p = pruneModel(weights, 50, 'capa');
    expect(p.tensors.map((t) => t.name)).toEqual(weights.map((w) => w.name));
    expect(p.tensors[1]!.values).toBe(weights[1]!.values);
    expect(p.kernelCount).toBe(9064);
    expect(p.removed).toBe(36 + 576 + 3920);
    expect(GRID).toHaveLength(20);
    expect(GRID[19]).toBe(95);
  });
});

describe('sizes: stored float32 does not shrink, gzip does', () => {
  it('float32 file keeps its 36 392 bytes at any sparsity; int8 file is about a quarter', () => {
    for (const pct of [0, 50, 95]) {
      expect(float32File(pruneModel(weights, pct, 'global').tensors).length).toBe(36392);
      expect(int8File(pruneModel(weights, pct, 'global').tensors).length).toBe(9064 + 4 * 34);
    }
  });
  it('gzip sizes fall as sparsity grows (zeros compress), float32 and int8', async () => {
    const sizes: Array<[number, number]> = [];
    for (const pct of [0, 50, 90]) {
      const t = pruneModel(weights, pct, 'global').tensors;
      sizes.push([await gzipSize(float32File(t)), await gzipSize(int8File(t))]);
    }
    expect(sizes[0]![0]).toBeGreaterThan(0.85 * 36392); // random-looking floats barely compress
    expect(sizes[1]![0]).toBeLessThan(sizes[0]![0]);
    expect(sizes[2]![0]).toBeLessThan(sizes[1]![0]);
    expect(sizes[2]![0]).toBeLessThan(0.35 * 36392);
    expect(sizes[2]![1]).toBeLessThan(sizes[1]![1]);
    expect(sizes[1]![1]).toBeLessThan(sizes[0]![1]);
  });
  it('gzipSize matches node:zlib on the same bytes (within the header bytes)', async () => {
    const { gzipSync } = await import('node:zlib');
    const bytes = float32File(pruneModel(weights, 70, 'capa').tensors);
    expect(Math.abs((await gzipSize(bytes)) - gzipSync(bytes).length)).toBeLessThan(0.02 * bytes.length);
  });
  it('accuracy counts matches', () => {
    expect(accuracy([1, 2, 3, 4], [1, 2, 0, 4])).toBe(0.75);
    expect(() => accuracy([1], [1, 2])).toThrow(RangeError);
  });
});
