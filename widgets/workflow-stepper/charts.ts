/**
 * Drawings of workflow-stepper (imported only by view modules, so Plot loads lazily): the
 * recorded days, the network's architecture and predicted vs real temperatures on the test set.
 */
import * as Plot from '@observablehq/plot';
import { projectorPlot } from '../lib/widget/projector-plot';
import { climate } from '../lib/data/weather';
import { plotStyle, type Colors } from '../lib/widget/plotkit';
import { quietChart } from '../lib/widget/dom';
import { svgEl as el } from '../lib/draw/svg';
import { tick } from '../lib/format/number';


/** Temperature of every recorded day (°C) against the day number, with the climate c(d) dashed. */
export function daysChart(width: number, temp: readonly number[], doy: readonly number[], c: Colors): SVGSVGElement {
  const pts = temp.map((t, i) => ({ i, t, c: climate(doy[i]!) }));
  return quietChart(projectorPlot({
    width, height: Math.round(Math.min(260, Math.max(190, width * 0.36))), marginLeft: 40, marginTop: 20, marginBottom: 36, marginRight: 12,
    style: plotStyle(c),
    x: { label: 'día →', labelAnchor: 'right', tickFormat: tick, ticks: 6 },
    y: { label: '↑ temperatura (°C)', grid: true, tickFormat: tick },
    marks: [
      Plot.frame({ stroke: c.grid }),
      Plot.line(pts, { x: 'i', y: 't', stroke: c.c1, strokeWidth: 1.2 }),
      Plot.line(pts, { x: 'i', y: 'c', stroke: c.c3, strokeWidth: 2, strokeDasharray: '6 4' }),
    ],
  }) as unknown as Element);
}

/** Predicted vs real temperature (°C) of the test days, with the line "prediction = reality". */
export function testChart(width: number, real: readonly number[], pred: readonly number[], c: Colors): SVGSVGElement {
  const pts = real.map((r, i) => ({ r, p: pred[i]! }));
  const all = [...real, ...pred];
  const lo = Math.floor(Math.min(...all)) - 1;
  const hi = Math.ceil(Math.max(...all)) + 1;
  return quietChart(projectorPlot({
    width, height: Math.round(Math.min(300, Math.max(220, width * 0.6))), marginLeft: 44, marginTop: 20, marginBottom: 38, marginRight: 12,
    style: plotStyle(c),
    x: { domain: [lo, hi], label: 'temperatura real de mañana (°C) →', labelAnchor: 'right', grid: true, tickFormat: tick },
    y: { domain: [lo, hi], label: '↑ predicción (°C)', grid: true, tickFormat: tick },
    marks: [
      Plot.frame({ stroke: c.grid }),
      Plot.line([{ x: lo, y: lo }, { x: hi, y: hi }], { x: 'x', y: 'y', stroke: c.muted, strokeDasharray: '5 4' }),
      Plot.dot(pts, { x: 'r', y: 'p', r: 3, fill: c.c1, fillOpacity: 0.7 }),
    ],
  }) as unknown as Element);
}

const SVG = 'http://www.w3.org/2000/svg';

/**
 * The 2 → H → 1 network as circles and lines (every line is one weight), with the layer names
 * under each column. Decorative: the caller gives the text alternative.
 */
export function networkDiagram(hidden: number, activation: string, c: Colors): SVGSVGElement {
  const W = 420;
  const rowH = 17;
  const H = Math.max(150, hidden * rowH + 60);
  const xs = [60, 210, 360];
  const col = (n: number): number[] => Array.from({ length: n }, (_, k) => 24 + ((H - 64) * (k + 0.5)) / n);
  const ys = [col(2), col(hidden), col(1)];
  const svg = el('svg', { viewBox: `0 0 ${W} ${H}`, width: W, height: H, 'aria-hidden': 'true', class: 'ws-net' });
  for (let l = 0; l < 2; l++) {
    for (const y0 of ys[l]!) for (const y1 of ys[l + 1]!) {
      svg.append(el('line', { x1: xs[l]!, y1: y0, x2: xs[l + 1]!, y2: y1, stroke: c.muted, 'stroke-opacity': 0.45, 'stroke-width': 1 }));
    }
  }
  const fills = [c.c4, c.c1, c.c2];
  ys.forEach((col, l) => col.forEach((y) => {
    svg.append(el('circle', { cx: xs[l]!, cy: y, r: l === 1 ? Math.min(7, rowH / 2 - 1) : 9, fill: fills[l]!, stroke: c.bg, 'stroke-width': 1.5 }));
  }));
  const labels = [['entrada', '2 valores'], ['capa oculta', `${hidden} × ${activation}`], ['salida', '1 · lineal']];
  labels.forEach(([a, b], l) => {
    svg.append(el('text', { x: xs[l]!, y: H - 26, 'text-anchor': 'middle', fill: c.fg, 'font-size': 13, 'font-weight': 600 }, a));
    svg.append(el('text', { x: xs[l]!, y: H - 9, 'text-anchor': 'middle', fill: c.muted, 'font-size': 12 }, b));
  });
  svg.append(el('text', { x: xs[0]! - 14, y: ys[0]![0]! + 4, 'text-anchor': 'end', fill: c.fg, 'font-size': 12 }, 'z_T'));
  svg.append(el('text', { x: xs[0]! - 14, y: ys[0]![1]! + 4, 'text-anchor': 'end', fill: c.fg, 'font-size': 12 }, 'z_d'));
  svg.append(el('text', { x: xs[2]! + 14, y: ys[2]![0]! + 4, 'text-anchor': 'start', fill: c.fg, 'font-size': 12 }, 'ẑ′'));
  return svg;
}
