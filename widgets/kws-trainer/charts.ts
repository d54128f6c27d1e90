/**
 * Drawings of the keyword trainer (imported only by view.ts, so Plot and d3 load with the widget):
 * loss and accuracy per epoch (training and validation) with Observable Plot, the confusion
 * matrix and the data-set and layer tables as HTML.
 */
import * as Plot from '@observablehq/plot';
import { projectorPlot } from '../lib/widget/projector-plot';
import { interpolateRgb } from 'd3';
import type { KwsSummary } from '../lib/kws/model';
import { h, quietChart } from '../lib/widget/dom';
import { tick } from '../lib/format/number';
import type { Colors } from '../lib/widget/plotkit';
import { chartBase, shadedCell, trainingLegend } from '../lib/widget/chart-preset';
import { bytesText, confusionCells, intText, pct, setRows, type Curves, type SetInfo } from './core';

const base = (c: Colors, width: number) => chartBase(c.fg, width, { min: 180, max: 240, ratio: 0.5 });

/** Loss (kind 'loss', nats) or accuracy (kind 'acc', %) per epoch: training solid, validation dashed. */
export function curveChart(curves: Curves, kind: 'loss' | 'acc', c: Colors, width: number, epochs: number): Element {
  const pts = curves.points(kind);
  const train = pts.filter((p) => p.series === 'entrenamiento');
  const val = pts.filter((p) => p.series === 'validación');
  const top = kind === 'acc' ? 100 : Math.min(3, Math.max(0.5, ...pts.map((p) => p.value).filter(Number.isFinite)) * 1.1);
  const marks: Plot.Markish[] = [Plot.frame({ stroke: c.grid })];
  if (kind === 'acc') marks.push(Plot.ruleY([25], { stroke: c.muted, strokeDasharray: '2 3' }));
  if (pts.length === 0) marks.push(Plot.text(['Todavía sin épocas: pulsa «Entrenar».'], { frameAnchor: 'middle', fill: c.muted, fontSize: 13 }));
  marks.push(
    Plot.line(train, { x: 'epoch', y: 'value', stroke: c.c1, strokeWidth: 2 }),
    Plot.dot(train, { x: 'epoch', y: 'value', fill: c.c1, r: 2.5 }),
    Plot.line(val, { x: 'epoch', y: 'value', stroke: c.c3, strokeWidth: 2, strokeDasharray: '5 4' }),
    Plot.dot(val, { x: 'epoch', y: 'value', fill: c.c3, r: 3, symbol: 'square' }),
  );
  return quietChart(projectorPlot({
    ...base(c, width),
    x: { domain: [0, Math.max(1, epochs)], label: 'época →', grid: true, tickFormat: tick },
    y: { domain: [0, top], label: kind === 'acc' ? '↑ exactitud (%)' : '↑ pérdida (entropía cruzada)', grid: true, tickFormat: tick },
    marks,
  }) as unknown as Element);
}

/** A legend for both charts (HTML, so it wraps on a phone). */
export function legend(c: Colors): HTMLElement {
  return trainingLegend('kt', [c.c1, 'entrenamiento (media de la época)'],
    [c.c3, 'validación (voces apartadas, al final de cada época)'], [c.muted, 'azar (25 %)']);
}

/** m[true][predicted] as a table: each cell shows the count and its row percentage. */
export function matrixTable(m: number[][], classes: readonly string[], c: Colors): HTMLTableElement {
  const hit = interpolateRgb(c.bg, c.c1);
  const miss = interpolateRgb(c.bg, c.c2);
  const cells = confusionCells(m);
  const head = h('tr', {}, h('th', { scope: 'col', class: 'kt-corner' }, h('span', { text: 'real ↓ / predicho →' })),
    ...classes.map((k) => h('th', { scope: 'col', text: k })));
  const rows = cells.map((row, t) => h('tr', {}, h('th', { scope: 'row', text: classes[t] ?? String(t) }), ...row.map((cell) => {
    const bg = cell.truth === cell.predicted ? hit(cell.share) : miss(cell.count === 0 ? 0 : Math.min(1, 0.25 + 2 * cell.share));
    return h('td', { style: shadedCell(bg), 'data-count': cell.count },
      h('span', { class: 'kt-count', text: String(cell.count) }), h('span', { class: 'kt-share', text: pct(cell.share, 0) }));
  })));
  return h('table', { class: 'kt-matrix' },
    h('caption', { class: 'visually-hidden', text: 'Matriz de confusión en las voces de prueba: filas, clase real; columnas, clase predicha; en cada celda, clips y porcentaje de su fila.' }),
    h('thead', {}, head), h('tbody', {}, ...rows));
}

/** Clips per class and split, plus the student's recordings (training only). */
export function setTable(info: SetInfo, mine: readonly number[]): HTMLElement {
  const head = h('tr', {}, ...['Clase', 'Entrenamiento', 'Validación', 'Prueba', 'Tus grabaciones'].map((x) => h('th', { scope: 'col', text: x })));
  const rows = setRows(info, mine).map((r) => h('tr', { class: r.label === 'Total' ? 'kt-total' : undefined },
    h('th', { scope: 'row', text: r.label }), ...[r.train, r.val, r.test, r.mine].map((v) => h('td', { class: 'num', text: intText(v) }))));
  return h('div', { class: 'kt-table-wrap' }, h('table', { class: 'kt-set' },
    h('caption', { class: 'visually-hidden', text: 'Clips por clase en cada parte del conjunto' }), h('thead', {}, head), h('tbody', {}, ...rows)));
}

/** The model table: one row per layer (output shape, parameters, multiply-adds) and the totals. */
export function layerTable(s: KwsSummary): HTMLElement[] {
  const head = h('tr', {}, ...['Capa', 'Qué hace', 'Salida', 'Parámetros', 'Mult.-sumas'].map((x) => h('th', { scope: 'col', text: x })));
  const rows = s.layers.map((l) => h('tr', {}, h('th', { scope: 'row', text: l.name }), h('td', { text: l.label }),
    h('td', { text: l.outputShape.join(' × ') }), h('td', { class: 'num', text: intText(l.params) }), h('td', { class: 'num', text: intText(l.macs) })));
  const foot = h('tr', { class: 'kt-total' }, h('th', { scope: 'row', text: 'Total' }), h('td'), h('td'),
    h('td', { class: 'num', text: intText(s.totalParams) }), h('td', { class: 'num', text: intText(s.totalMacs) }));
  return [
    h('div', { class: 'kt-table-wrap' }, h('table', { class: 'kt-layers' }, h('thead', {}, head), h('tbody', {}, ...rows), h('tfoot', {}, foot))),
    h('p', { class: 'kt-model-totals' },
      `Entrada ${s.inputShape.join(' × ')}. En total: ${intText(s.totalParams)} parámetros y ${intText(s.totalMacs)} multiplicaciones-sumas por ventana de 1 s; `,
      `los pesos ocupan ${bytesText(s.totalBytesFloat32)} en float32 y ${bytesText(s.totalBytesInt8)} en int8 (pesos de 1 byte, sesgos de 4).`),
  ];
}
