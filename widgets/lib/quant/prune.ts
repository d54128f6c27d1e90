/**
 * Magnitude pruning: set to zero the weights with the smallest absolute value.
 *
 * For a sparsity s ∈ [0, 1) and n weights, k = round(s · n) weights are removed: the k smallest
 * by |w| (ties broken by position, so exactly k are zeroed). The threshold t is the k-th smallest
 * |w| (the largest one removed; 0 when k = 0): every removed weight has |w| ≤ t and every kept
 * one |w| ≥ t.
 *
 * - Per layer ('capa'): each kernel loses the same fraction s of its own weights.
 * - Global ('global'): one ranking over all the kernels together, so layers with many small
 *   weights lose more than s and layers with few large weights less.
 * Biases are never pruned (they are few and each one shifts a whole channel).
 */

export type PruneMode = 'capa' | 'global';

export interface PruneResult {
  pruned: Float32Array;
  /** Number of weights set to zero by pruning (k). */
  removed: number;
  /** The k-th smallest |w| (0 when nothing is removed). */
  threshold: number;
  /** 1 where the weight was removed, 0 where kept. */
  mask: Uint8Array;
}

function checkSparsity(s: number): void {
  if (!(s >= 0 && s <= 1)) throw new RangeError('sparsity must be in [0, 1]');
}

/** Indices of `values` sorted by |w| ascending, ties by index (a stable, total order). */
function orderByMagnitude(mags: ArrayLike<number>): Uint32Array {
  const idx = new Uint32Array(mags.length);
  for (let i = 0; i < idx.length; i++) idx[i] = i;
  return idx.sort((a, b) => mags[a]! - mags[b]! || a - b);
}

/** Prunes one tensor to sparsity s (per tensor). */
export function magnitudePrune(values: ArrayLike<number>, sparsity: number): PruneResult {
  checkSparsity(sparsity);
  const n = values.length;
  const k = Math.round(sparsity * n);
  const mags = Float64Array.from({ length: n }, (_, i) => Math.abs(values[i]!));
  const order = orderByMagnitude(mags);
  const pruned = Float32Array.from({ length: n }, (_, i) => values[i]!);
  const mask = new Uint8Array(n);
  for (let j = 0; j < k; j++) {
    pruned[order[j]!] = 0;
    mask[order[j]!] = 1;
  }
  return { pruned, removed: k, threshold: k > 0 ? mags[order[k - 1]!]! : 0, mask };
}

export interface LayerPrune {
  name: string;
  pruned: Float32Array;
  /** Weights of this layer removed by pruning. */
  removed: number;
  count: number;
  /** The cut used for this layer (the same for every layer in global mode). */
  threshold: number;
}

/** Prunes several kernels, per layer or with one global ranking. */
export function pruneLayers(
  layers: ReadonlyArray<{ name: string; values: ArrayLike<number> }>,
  sparsity: number,
  mode: PruneMode,
): LayerPrune[] {
  checkSparsity(sparsity);
  if (mode === 'capa') {
    return layers.map((l) => {
      const r = magnitudePrune(l.values, sparsity);
      return { name: l.name, pruned: r.pruned, removed: r.removed, count: l.values.length, threshold: r.threshold };
    });
  }
  const all = new Float64Array(layers.reduce((a, l) => a + l.values.length, 0));
  let o = 0;
  for (const l of layers) for (let i = 0; i < l.values.length; i++) all[o++] = l.values[i]!;
  const r = magnitudePrune(all, sparsity);
  const out: LayerPrune[] = [];
  o = 0;
  for (const l of layers) {
    const pruned = r.pruned.slice(o, o + l.values.length);
    let removed = 0;
    for (let i = o; i < o + l.values.length; i++) removed += r.mask[i]!;
    out.push({ name: l.name, pruned, removed, count: l.values.length, threshold: r.threshold });
    o += l.values.length;
  }
  return out;
}

/** Fraction of exact zeros in a tensor. */
export function zeroFraction(values: ArrayLike<number>): number {
  if (values.length === 0) return 0;
  let z = 0;
  for (let i = 0; i < values.length; i++) if (values[i] === 0) z++;
  return z / values.length;
}
