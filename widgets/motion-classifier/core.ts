/**
 * The classifier widget's pure part: the split summary per class, the architecture sentence, the
 * confusion matrix's cells with their shares, and the text alternatives of the curves.
 */
import type { Matrix } from '../lib/cnn/confusion';
import type { EpochPoint, TrainingData } from '../lib/motion/train';
import { fmt, intText, pct, sig } from '../lib/format/number';

export { pct };

/** `digits` significant digits («0,0123»); «—» when not finite. */
export const num = (v: number, digits = 3): string => (Number.isFinite(v) ? sig(v, digits) : '—');

export interface SplitRow {
  label: string;
  train: number;
  val: number;
  test: number;
}

/** Windows per class in each split, plus a total row. */
export function splitRows(d: TrainingData): { rows: SplitRow[]; total: SplitRow } {
  const rows = d.set.classes.map((label) => ({ label, train: 0, val: 0, test: 0 }));
  for (const k of ['train', 'val', 'test'] as const) for (const c of d[k].y) rows[c]![k]++;
  const total = rows.reduce((a, r) => ({ label: 'Total', train: a.train + r.train, val: a.val + r.val, test: a.test + r.test }), { label: 'Total', train: 0, val: 0, test: 0 });
  return { rows, total };
}

/** «33 → 20 ReLU → 10 ReLU → 4 softmax: 934 parámetros». */
export function architecture(inputs: number, hidden: readonly number[], classes: number): { text: string; params: number } {
  const units = [...hidden.filter((u) => u > 0), classes];
  let n = inputs;
  let params = 0;
  for (const u of units) {
    params += n * u + u;
    n = u;
  }
  const parts = [String(inputs), ...hidden.filter((u) => u > 0).map((u) => `${u} ReLU`), `${classes} softmax`];
  return { text: `${parts.join(' → ')}: ${intText(params)} parámetros`, params };
}

export interface Cell {
  count: number;
  /** count / (windows of that true class); NaN for an empty row. */
  share: number;
  hit: boolean;
}

export function matrixCells(m: Matrix): Cell[][] {
  return m.map((row, t) => {
    const n = row.reduce((a, b) => a + b, 0);
    return row.map((count, p) => ({ count, share: n ? count / n : Number.NaN, hit: t === p }));
  });
}

/** The errors in words, most frequent first (at most 3), or that there is none. */
export function confusionSentence(m: Matrix, labels: readonly string[]): string {
  const errs: { t: number; p: number; n: number }[] = [];
  m.forEach((row, t) => row.forEach((n, p) => {
    if (t !== p && n > 0) errs.push({ t, p, n });
  }));
  const total = m.reduce((a, row) => a + row.reduce((b, v) => b + v, 0), 0);
  const hits = m.reduce((a, row, k) => a + row[k]!, 0);
  if (errs.length === 0) return `La red acierta las ${total} ventanas de prueba: toda la matriz está en la diagonal.`;
  errs.sort((a, b) => b.n - a.n || a.t - b.t || a.p - b.p);
  const list = errs.slice(0, 3).map((e) => `${e.n} de «${labels[e.t]}» ${e.n === 1 ? 'tomada' : 'tomadas'} por «${labels[e.p]}»`).join('; ');
  return `Acierta ${hits} de ${total} ventanas de prueba. Errores: ${list}.`;
}

export function describeCurves(h: readonly EpochPoint[], epochs: number, what: 'loss' | 'acc'): string {
  if (h.length === 0) return what === 'loss' ? 'Gráfica de la pérdida por época: todavía vacía.' : 'Gráfica de la exactitud por época: todavía vacía.';
  const last = h[h.length - 1]!;
  const first = h[0]!;
  if (what === 'loss') {
    const best = h.reduce((a, p) => (p.valLoss < a.valLoss ? p : a), h[0]!);
    return `Pérdida (entropía cruzada) de entrenamiento y de validación en ${last.epoch} de ${epochs} épocas: entrenamiento de ${num(first.trainLoss)} a ${num(last.trainLoss)}, ` +
      `validación de ${num(first.valLoss)} a ${num(last.valLoss)}${Number.isFinite(best.valLoss) ? `, la más baja ${num(best.valLoss)} en la época ${best.epoch}` : ''}.`;
  }
  return `Exactitud de entrenamiento y de validación en ${last.epoch} de ${epochs} épocas: entrenamiento ${pct(last.trainAcc)}, validación ${pct(last.valAcc)} ` +
    `(al principio, ${pct(first.trainAcc)} y ${pct(first.valAcc)}).`;
}

/** «36 328 bytes (35,5 KB)». */
export function sizeText(n: number): string {
  const g = intText(n);
  return n < 1024 ? `${g} bytes` : `${g} bytes (${fmt(n / 1024, 1)} KB)`;
}
