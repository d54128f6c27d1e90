/**
 * Drawings of the quantization explorer (imported only by view.ts): the before/after histogram
 * (Observable Plot) and the small matrices of the 3×4 example (HTML tables).
 */
import * as Plot from '@observablehq/plot';
import { projectorPlot } from '../lib/widget/projector-plot';
import { fmt, h, quietChart } from '../lib/widget/dom';
import { chartBase } from '../lib/widget/chart-preset';
import type { Colors as PlotColors } from '../lib/widget/plotkit';
import type { BeforeAfter } from './core';

export type Colors = Pick<PlotColors, 'fg' | 'grid' | 'c1' | 'c2'>;

/** Both histograms on one chart: original values (wide, light bars) and restored ones (narrow). */
export function histogramChart(b: BeforeAfter, c: Colors, width: number): Element {
  const rows = (counts: number[]) => counts.map((count, k) => ({ x1: b.edges[k]!, x2: b.edges[k + 1]!, count }));
  const before = rows(b.before);
  const after = rows(b.after).filter((r) => r.count > 0);
  const el = projectorPlot({
    ...chartBase(c.fg, width, { min: 180, max: 250, ratio: 0.45 }, { left: 48, right: 12, top: 18, bottom: 36 }),
    x: { label: 'valor del peso →', tickFormat: (v: number) => fmt(v, 2) },
    y: { type: 'sqrt', label: '↑ número de pesos (escala raíz)', grid: true },
    marks: [
      Plot.frame({ stroke: c.grid }),
      Plot.rectY(before, { x1: 'x1', x2: 'x2', y: 'count', fill: c.c1, fillOpacity: 0.45, inset: 0 }),
      Plot.rectY(after, { x1: 'x1', x2: 'x2', y: 'count', fill: c.c2, insetLeft: 1, insetRight: 1 }),
      Plot.ruleY([0], { stroke: c.fg }),
    ],
  }) as unknown as Element;
  return quietChart(el);
}

/** A small matrix as a table; `cls` marks its kind ('w', 'q', 'r', 'e'). */
export function matrixTable(caption: string, rows: number[][], format: (v: number) => string, cls: string): HTMLElement {
  return h('table', { class: `qe-matrix qe-${cls}` },
    h('caption', { text: caption }),
    h('tbody', {}, ...rows.map((r) => h('tr', {}, ...r.map((v) => h('td', { text: format(v) }))))));
}
