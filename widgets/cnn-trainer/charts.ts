/**
 * Drawings of the CNN trainer (imported only by view.ts, so Plot and d3 load with the widget):
 * the loss and accuracy curves (Observable Plot), the confusion matrix as an HTML table coloured
 * with d3, and the misclassified digits on small canvases.
 */
import * as Plot from '@observablehq/plot';
import { projectorPlot } from '../lib/widget/projector-plot';
import { interpolateRgb } from 'd3';
import type { Matrix } from '../lib/cnn/confusion';
import type { CurvePoint, EvaluationReport } from '../lib/cnn/protocol';
import { h, quietChart } from '../lib/widget/dom';
import { tick } from '../lib/format/number';
import { chartBase, shadedCell, trainingLegend } from '../lib/widget/chart-preset';
import type { Colors as PlotColors } from '../lib/widget/plotkit';
import { paintGray } from '../lib/draw/paint';
import { pct, type EpochPoint, type summaryTable } from './core';

export type Colors = Pick<PlotColors, 'fg' | 'muted' | 'grid' | 'bg' | 'c1' | 'c2'>;

const base = (c: Colors, width: number) => chartBase(c.fg, width, { min: 190, max: 260, ratio: 0.55 });

/** Loss of the recent batches (line) and of the test split at each epoch end (dots) vs epochs. */
export function lossChart(points: readonly CurvePoint[], epochs: readonly EpochPoint[], c: Colors, width: number, maxX: number): Element {
  const top = Math.max(0.5, ...points.map((p) => p.loss).filter(Number.isFinite), ...epochs.map((e) => e.valLoss));
  return quietChart(projectorPlot({
    ...base(c, width),
    x: { domain: [0, maxX], label: 'épocas →', grid: true, tickFormat: tick },
    y: { domain: [0, Math.min(top, 3)], label: '↑ pérdida (entropía cruzada)', grid: true, tickFormat: tick },
    marks: [
      Plot.frame({ stroke: c.grid }),
      Plot.line(points, { x: 'x', y: 'loss', stroke: c.c1, strokeWidth: 2, clip: true }),
      Plot.line(epochs, { x: 'epoch', y: 'valLoss', stroke: c.c2, strokeWidth: 1.5, strokeDasharray: '5 4' }),
      Plot.dot(epochs, { x: 'epoch', y: 'valLoss', fill: c.c2, r: 4, symbol: 'square' }),
    ],
  }) as unknown as Element);
}

/** Accuracy of the recent batches (line) and of the test split at each epoch end (dots). */
export function accuracyChart(points: readonly CurvePoint[], epochs: readonly EpochPoint[], c: Colors, width: number, maxX: number): Element {
  return quietChart(projectorPlot({
    ...base(c, width),
    x: { domain: [0, maxX], label: 'épocas →', grid: true, tickFormat: tick },
    y: { domain: [0, 100], label: '↑ exactitud (%)', grid: true },
    marks: [
      Plot.frame({ stroke: c.grid }),
      Plot.ruleY([10], { stroke: c.muted, strokeDasharray: '2 3' }),
      Plot.line(points, { x: 'x', y: (p: CurvePoint) => 100 * p.acc, stroke: c.c1, strokeWidth: 2, clip: true }),
      Plot.line(epochs, { x: 'epoch', y: (e: EpochPoint) => 100 * e.valAcc, stroke: c.c2, strokeWidth: 1.5, strokeDasharray: '5 4' }),
      Plot.dot(epochs, { x: 'epoch', y: (e: EpochPoint) => 100 * e.valAcc, fill: c.c2, r: 4, symbol: 'square' }),
    ],
  }) as unknown as Element);
}

/** A legend for both charts (HTML, so it wraps on a phone). */
export function legend(c: Colors): HTMLElement {
  return trainingLegend('ct', [c.c1, 'entrenamiento (media de los últimos 20 lotes)'],
    [c.c2, 'validación (1 000 dígitos apartados del entrenamiento, al final de cada época)'], [c.muted, 'azar (10 %)']);
}

/**
 * The confusion matrix as a table: rows are the true digit, columns the predicted one; each cell
 * is shaded by the share of its row (so a class with fewer examples is not paler) and shows the count.
 */
export function matrixTable(m: Matrix, c: Colors): HTMLTableElement {
  const mix = interpolateRgb(c.bg, c.c1);
  const warm = interpolateRgb(c.bg, c.c2);
  const head = h('tr', {}, h('th', { scope: 'col', class: 'ct-corner' }, h('span', { text: 'real ↓ / predicho →' })),
    ...m.map((_, p) => h('th', { scope: 'col', text: String(p) })));
  const rows = m.map((row, t) => {
    const n = row.reduce((a, v) => a + v, 0);
    return h('tr', {}, h('th', { scope: 'row', text: String(t) }), ...row.map((v, p) => {
      const share = n > 0 ? v / n : 0;
      // Hits in the first chart colour, mistakes in the second; a mistake shows even when rare.
      const bg = t === p ? mix(share) : warm(v === 0 ? 0 : Math.min(1, 0.25 + 2 * share));
      return h('td', { style: shadedCell(bg), 'data-count': v, text: String(v) });
    }));
  });
  return h('table', { class: 'ct-matrix' }, h('caption', { class: 'visually-hidden', text: 'Matriz de confusión: filas, dígito real; columnas, dígito predicho.' }),
    h('thead', {}, head), h('tbody', {}, ...rows));
}

/** One canvas per misclassified digit, with what it was and what the model said. */
export function missGallery(e: EvaluationReport): HTMLElement {
  if (e.misses.length === 0) return h('p', { text: `¡Ningún fallo en los dígitos ${e.set === 'prueba' ? 'de prueba' : 'de validación'}!` });
  const items = e.misses.map((m) => {
    const canvas = h('canvas', { width: 28, height: 28, class: 'ct-miss-img', role: 'img', 'aria-label': `Dígito ${m.truth} escrito a mano` });
    paintGray(canvas, m.image);
    return h('figure', { class: 'ct-miss' }, canvas,
      h('figcaption', {}, `Es un ${m.truth}; dijo ${m.predicted} (${pct(m.confidence, 0)})`));
  });
  return h('div', { class: 'ct-misses' }, ...items);
}

/** The model summary: one row per layer and the totals line. */
export function summaryElements(t: ReturnType<typeof summaryTable>, imported: boolean): HTMLElement[] {
  const head = h('tr', {}, ...['Capa', 'Qué hace', 'Salida', 'Parámetros', 'Mult.-sumas'].map((x) => h('th', { scope: 'col', text: x })));
  const rows = t.rows.map((r) => h('tr', {}, h('th', { scope: 'row', text: r.name }), h('td', { text: r.label }), h('td', { text: r.shape }),
    h('td', { class: 'num', text: r.params }), h('td', { class: 'num', text: r.macs })));
  return [
    h('div', { class: 'ct-table-wrap' }, h('table', { class: 'ct-layers' }, h('thead', {}, head), h('tbody', {}, ...rows))),
    h('p', { text: `${imported ? 'Modelo cargado desde archivos. ' : ''}Entrada 28 × 28 × 1. En total: ${t.total}` }),
  ];
}
