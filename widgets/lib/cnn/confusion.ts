/**
 * Confusion matrix and the figures read from it (pure).
 *
 * m[t][p] counts the test examples whose true class is t and that the model labelled p; the
 * diagonal holds the hits. With N examples in all:
 *   accuracy       = Σ_k m[k][k] / N
 *   recall of k    = m[k][k] / Σ_p m[k][p]   (of the real k's, how many it found)
 *   precision of k = m[k][k] / Σ_t m[t][k]   (of the ones it called k, how many were k)
 * A row or column without examples gives NaN for that class.
 */
export type Matrix = number[][];

export function confusionMatrix(labels: ArrayLike<number>, predicted: ArrayLike<number>, classes = 10): Matrix {
  if (labels.length !== predicted.length) throw new RangeError('labels and predictions differ in length');
  const m = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  for (let i = 0; i < labels.length; i++) {
    const t = labels[i]!;
    const p = predicted[i]!;
    if (!(t >= 0 && t < classes && p >= 0 && p < classes)) throw new RangeError(`class out of range at ${i}: ${t}, ${p}`);
    m[t]![p]!++;
  }
  return m;
}

export const matrixTotal = (m: Matrix): number => m.reduce((a, row) => a + row.reduce((b, v) => b + v, 0), 0);

export function accuracy(m: Matrix): number {
  const n = matrixTotal(m);
  return n > 0 ? m.reduce((a, row, k) => a + row[k]!, 0) / n : Number.NaN;
}

export function recall(m: Matrix): number[] {
  return m.map((row, k) => {
    const n = row.reduce((a, v) => a + v, 0);
    return n > 0 ? row[k]! / n : Number.NaN;
  });
}

export function precision(m: Matrix): number[] {
  return m.map((_, k) => {
    const n = m.reduce((a, row) => a + row[k]!, 0);
    return n > 0 ? m[k]![k]! / n : Number.NaN;
  });
}

export interface Confusion {
  truth: number;
  predicted: number;
  count: number;
}

/** The largest off-diagonal cells, most frequent first (ties: lower true class, then lower predicted). */
export function topConfusions(m: Matrix, limit = 3): Confusion[] {
  const cells: Confusion[] = [];
  m.forEach((row, t) => row.forEach((count, p) => {
    if (t !== p && count > 0) cells.push({ truth: t, predicted: p, count });
  }));
  cells.sort((a, b) => b.count - a.count || a.truth - b.truth || a.predicted - b.predicted);
  return cells.slice(0, limit);
}

export interface Miss {
  /** Index in the test split. */
  index: number;
  truth: number;
  predicted: number;
  /** Probability the model gave to its (wrong) answer. */
  confidence: number;
}

/**
 * Misclassified examples, the most confident mistakes first (ties: lower index). probs holds
 * n·classes values, row i for example i.
 */
export function misclassified(labels: ArrayLike<number>, probs: ArrayLike<number>, limit = 12, classes = 10): Miss[] {
  const out: Miss[] = [];
  for (let i = 0; i < labels.length; i++) {
    let best = 0;
    for (let k = 1; k < classes; k++) if (probs[i * classes + k]! > probs[i * classes + best]!) best = k;
    if (best !== labels[i]) out.push({ index: i, truth: labels[i]!, predicted: best, confidence: probs[i * classes + best]! });
  }
  out.sort((a, b) => b.confidence - a.confidence || a.index - b.index);
  return out.slice(0, limit);
}

/** Predicted class of every row of probs (argmax; ties: the lower class). */
export function predictions(probs: ArrayLike<number>, n: number, classes = 10): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let k = 1; k < classes; k++) if (probs[i * classes + k]! > probs[i * classes + best]!) best = k;
    out[i] = best;
  }
  return out;
}

/** Mean cross-entropy −(1/n) Σ log p_i,label (p clipped at 1e-7, as in model.ts). */
export function meanCrossEntropy(labels: ArrayLike<number>, probs: ArrayLike<number>, classes = 10): number {
  let s = 0;
  for (let i = 0; i < labels.length; i++) s -= Math.log(Math.max(probs[i * classes + labels[i]!]!, 1e-7));
  return labels.length > 0 ? s / labels.length : Number.NaN;
}
