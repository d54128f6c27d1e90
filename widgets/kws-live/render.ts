/**
 * SVG of the live timeline (DOM only; geometry from core.ts): the last 5 s of results with the
 * raw posterior of every class as a thin line, the smoothed (averaged) score of each keyword as a
 * thick line, the detection threshold as a horizontal line, and each reported detection as a
 * vertical mark with its label and its suppression window shaded.
 */
import { fmt } from '../lib/widget/dom';
import type { Detection, TimelinePoint } from '../lib/kws/timeline';
import { detectionsInView, seriesPath, suppressionBand, timeToX, viewOf } from './core';
import { svgEl as el } from '../lib/draw/svg';

/** Colour slot (1…5, the theme's --c1…--c5) of class i. */
export const classSlot = (i: number): number => (i % 5) + 1;

export interface ChartInput {
  width: number;
  height: number;
  classes: readonly string[];
  keywords: readonly string[];
  points: readonly TimelinePoint[];
  detections: readonly Detection[];
  threshold: number;
  spanMs: number;
}

export function timelineChart(o: ChartInput): SVGSVGElement {
  const { width, height } = o;
  const m = { l: 34, r: 10, t: 22, b: 22 };
  const svg = el('svg', { viewBox: `0 0 ${width} ${height}`, width, height, class: 'kl-svg', 'aria-hidden': 'true' });
  const v = viewOf(o.points, m.l, width - m.r, o.spanMs);
  const y0 = m.t;
  const y1 = height - m.b;
  const sy = (p: number): number => y1 + (y0 - y1) * p;
  svg.append(el('rect', { x: m.l, y: y0, width: width - m.l - m.r, height: y1 - y0, class: 'kl-frame' }));
  const shown = detectionsInView(o.detections, v);
  for (const d of shown) {
    const b = suppressionBand(d, v);
    const slot = classSlot(o.classes.indexOf(d.label));
    if (b.width > 0) svg.append(el('rect', { x: b.x, y: y0, width: b.width, height: y1 - y0, class: `kl-supp kl-f${slot}` }));
  }
  for (const p of [0, 0.5, 1]) {
    svg.append(el('line', { x1: m.l, x2: width - m.r, y1: sy(p), y2: sy(p), class: 'kl-grid' }));
    svg.append(el('text', { x: m.l - 4, y: sy(p) + 4, 'text-anchor': 'end', class: 'kl-tick' }, fmt(p, 1)));
  }
  // Seconds ago, every second.
  for (let s = 1; s < o.spanMs / 1000; s++) {
    const x = timeToX(v.endMs - s * 1000, v);
    svg.append(el('line', { x1: x, x2: x, y1: y0, y2: y1, class: 'kl-grid' }));
  }
  svg.append(el('text', { x: width - m.r, y: height - 6, 'text-anchor': 'end', class: 'kl-tick' }, 'ahora'));
  svg.append(el('text', { x: m.l, y: height - 6, class: 'kl-tick' }, `hace ${fmt(o.spanMs / 1000, 0)} s`));
  o.classes.forEach((c, i) => {
    const d = seriesPath(o.points, (p) => p.probs[i]!, v, y0, y1);
    if (d) svg.append(el('path', { d, class: `kl-raw kl-s${classSlot(i)}`, 'data-series': `raw:${c}` }));
  });
  o.classes.forEach((c, i) => {
    if (!o.keywords.includes(c)) return;
    const d = seriesPath(o.points, (p) => (p.averages ? p.averages[i]! : null), v, y0, y1);
    if (d) svg.append(el('path', { d, class: `kl-avg kl-s${classSlot(i)}`, 'data-series': `avg:${c}` }));
  });
  const ty = sy(Math.min(1, Math.max(0, o.threshold)));
  svg.append(el('line', { x1: m.l, x2: width - m.r, y1: ty, y2: ty, class: 'kl-threshold' }));
  svg.append(el('text', { x: m.l + 4, y: ty - 4, class: 'kl-tick kl-threshold-text' }, `umbral ${fmt(o.threshold, 2)}`));
  for (const d of shown) {
    const x = timeToX(d.timeMs, v);
    if (x < m.l) continue;
    const slot = classSlot(o.classes.indexOf(d.label));
    svg.append(el('line', { x1: x, x2: x, y1: y0 - 4, y2: y1, class: `kl-det kl-s${slot}`, 'data-detection': d.label }));
    svg.append(el('text', { x, y: y0 - 7, 'text-anchor': x > width - 40 ? 'end' : 'middle', class: 'kl-det-text' }, `«${d.label}»`));
  }
  return svg;
}
