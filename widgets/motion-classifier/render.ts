/**
 * Tables of the classifier widget (DOM; imported by view.ts): the split per class and the
 * confusion matrix on the test windows.
 */
import { h } from '../lib/widget/dom';
import type { TestResult, TrainingData } from '../lib/motion/train';
import { confusionSentence, matrixCells, splitRows } from './core';

export function splitTable(d: TrainingData, seed: number): { el: HTMLElement[]; totals: [number, number, number] } {
  const { rows, total } = splitRows(d);
  const row = (r: { label: string; train: number; val: number; test: number }, strong = false) =>
    h('tr', {}, h('th', { scope: 'row', text: r.label }), ...[r.train, r.val, r.test].map((v) => h('td', { text: String(v), class: strong ? 'mcl-total' : undefined })));
  const recs = d.set.recordings.length;
  return {
    el: [
      h('p', { class: 'mcl-caption', text: `Reparto estratificado de las ${recs} grabaciones (semilla ${seed}): 60 % entrenamiento, 20 % validación y 20 % prueba de cada clase. Ventanas en cada parte:` }),
      h('div', { class: 'mcl-table-wrap', tabindex: 0, role: 'region', 'aria-label': 'Reparto de las ventanas' },
        h('table', { class: 'mcl-table' },
          h('thead', {}, h('tr', {}, ...['Clase', 'Entrenamiento', 'Validación', 'Prueba'].map((t) => h('th', { scope: 'col', text: t })))),
          h('tbody', {}, ...rows.map((r) => row(r)), row(total, true)))),
      h('p', { class: 'mcl-note', text: 'La media y la desviación típica de cada característica se calculan solo con las ventanas de entrenamiento; validación y prueba se normalizan con esas mismas cifras.' }),
    ],
    totals: [total.train, total.val, total.test],
  };
}

export function confusionTable(t: TestResult, labels: readonly string[]): HTMLElement[] {
  const cells = matrixCells(t.matrix);
  return [
    h('p', { class: 'mcl-caption', text: 'Matriz de confusión en las ventanas de prueba: filas, la clase real; columnas, la que predijo la red.' }),
    h('div', { class: 'mcl-table-wrap', tabindex: 0, role: 'region', 'aria-label': 'Matriz de confusión' },
      h('table', { class: 'mcl-table mcl-confusion' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: 'Real \\ Predicha' }), ...labels.map((l) => h('th', { scope: 'col', text: l })))),
        h('tbody', {}, ...cells.map((row, i) => h('tr', {}, h('th', { scope: 'row', text: labels[i]! }),
          ...row.map((c) => h('td', {
            class: c.hit ? 'mcl-hit' : c.count > 0 ? 'mcl-miss' : 'mcl-zero', text: String(c.count),
            // Shade grows with the share of the row; capped so the text keeps its contrast.
            style: c.count > 0 ? `--mix: ${Math.round((c.hit ? 10 : 18) + (c.hit ? 35 : 30) * (Number.isFinite(c.share) ? c.share : 0))}%` : undefined,
          }))))))),
    h('p', { class: 'mcl-note', text: confusionSentence(t.matrix, labels) }),
  ];
}
