/**
 * SVG drawings of the sliding-window explorer: the whole series with the selected window, its
 * target and the train/test cut; and a close-up of that window. Colours come from CSS classes
 * (theme variables), so a theme change needs no redraw. Coordinates in CSS px.
 */
import { fmt } from '../lib/widget/dom';
import { chartScale } from '../lib/widget/chart-font';
import type { RowView } from './core';
import { svgEl as el } from '../lib/draw/svg';

interface Frame {
  svg: SVGSVGElement;
  x: (i: number) => number;
  y: (v: number) => number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** Nice round ticks covering [lo, hi] (about `count` of them). */
export function ticks(lo: number, hi: number, count: number): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-9 * step; v += step) out.push(Math.abs(v) < 1e-12 ? 0 : v);
  return out;
}

/** Axes and grid; with projector mode's larger text (k = chartScale) the margins, offsets and height grow by k. */
function frame(width: number, baseHeight: number, x0: number, x1: number, vmin: number, vmax: number, unit: string, stepName: string): Frame {
  const k = chartScale(document.documentElement, 11);
  const m = { l: Math.round(46 * k), r: Math.round(12 * k), t: Math.round(18 * k), b: Math.round(34 * k) };
  const height = baseHeight + (m.t - 18) + (m.b - 34);
  const svg = el('svg', { viewBox: `0 0 ${width} ${height}`, width, height, class: 'sw-svg', 'aria-hidden': 'true' });
  const pad = (vmax - vmin) * 0.08 || 1;
  const lo = vmin - pad;
  const hi = vmax + pad;
  const x = (i: number): number => m.l + ((i - x0) / Math.max(1e-9, x1 - x0)) * (width - m.l - m.r);
  const y = (v: number): number => m.t + (1 - (v - lo) / (hi - lo)) * (height - m.t - m.b);
  for (const v of ticks(lo, hi, 4)) {
    svg.append(el('line', { x1: m.l, x2: width - m.r, y1: y(v), y2: y(v), class: 'sw-grid' }));
    svg.append(el('text', { x: m.l - 6, y: y(v) + 4 * k, 'text-anchor': 'end', class: 'sw-tick' }, fmt(v, 1)));
  }
  for (const i of ticks(x0, x1, Math.max(2, Math.floor(width / 110 / k)))) {
    if (!Number.isInteger(i)) continue;
    svg.append(el('text', { x: x(i), y: height - m.b + 16 * k, 'text-anchor': 'middle', class: 'sw-tick' }, fmt(i, 0)));
  }
  svg.append(el('text', { x: width - m.r, y: height - 4 * k, 'text-anchor': 'end', class: 'sw-axis' }, `${stepName} →`));
  if (unit) svg.append(el('text', { x: 4, y: 12 * k, class: 'sw-axis' }, unit));
  return { svg, x, y, left: m.l, right: width - m.r, top: m.t, bottom: height - m.b };
}

const pathOf = (f: Frame, values: ArrayLike<number>, from: number, to: number): string => {
  let d = '';
  for (let i = from; i <= to; i++) d += `${i === from ? 'M' : 'L'}${f.x(i).toFixed(1)},${f.y(values[i]!).toFixed(1)}`;
  return d;
};

function range(values: ArrayLike<number>, from: number, to: number): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = from; i <= to; i++) {
    lo = Math.min(lo, values[i]!);
    hi = Math.max(hi, values[i]!);
  }
  return [lo, hi];
}

/** The whole series: test part shaded, the cut, the selected window (band) and its target. */
export function overviewChart(values: Float64Array, cut: number, row: RowView | null, width: number, unit: string, stepName: string): SVGSVGElement {
  const n = values.length;
  const [lo, hi] = range(values, 0, n - 1);
  const f = frame(width, Math.round(Math.max(170, Math.min(240, width * 0.3))), 0, n - 1, lo, hi, unit, stepName);
  const { svg, x } = f;
  svg.append(el('rect', { x: x(cut - 0.5), y: f.top, width: Math.max(0, f.right - x(cut - 0.5)), height: f.bottom - f.top, class: 'sw-test-bg' }));
  svg.append(el('line', { x1: x(cut - 0.5), x2: x(cut - 0.5), y1: f.top - 4, y2: f.bottom, class: 'sw-cut' }));
  svg.append(el('text', { x: x(cut - 0.5) - 6, y: f.top - 5, 'text-anchor': 'end', class: 'sw-part' }, '← entrenamiento'));
  svg.append(el('text', { x: x(cut - 0.5) + 6, y: f.top - 5, class: 'sw-part' }, 'prueba →'));
  if (row) {
    const bandW = Math.max(2, x(row.end + 0.5) - x(row.start - 0.5));
    svg.append(el('rect', { x: x(row.start - 0.5), y: f.top, width: bandW, height: f.bottom - f.top, class: `sw-band sw-band-${row.part}` }));
  }
  svg.append(el('path', { d: pathOf(f, values, 0, n - 1), class: 'sw-line' }));
  if (row) {
    svg.append(el('path', { d: pathOf(f, values, row.start, row.end), class: 'sw-line-in' }));
    svg.append(el('circle', { cx: x(row.target), cy: f.y(values[row.target]!), r: 5, class: 'sw-target' }));
  }
  return svg;
}

/** Close-up of one row: its L inputs, the horizon gap and the target, with a few steps around. */
export function zoomChart(values: Float64Array, row: RowView, width: number, unit: string, stepName: string): SVGSVGElement {
  const L = row.inputs.length;
  const pad = Math.max(2, Math.round(L / 5));
  const a = Math.max(0, row.start - pad);
  const b = Math.min(values.length - 1, row.target + pad);
  const [lo, hi] = range(values, a, b);
  const f = frame(width, 190, a - 0.5, b + 0.5, lo, hi, unit, stepName);
  const { svg, x, y } = f;
  svg.append(el('rect', { x: x(row.start - 0.5), y: f.top, width: x(row.end + 0.5) - x(row.start - 0.5), height: f.bottom - f.top, class: `sw-band sw-band-${row.part}` }));
  svg.append(el('path', { d: pathOf(f, values, a, b), class: 'sw-line' }));
  const r = Math.max(2, Math.min(4.5, (x(1) - x(0)) / 3));
  for (let i = a; i <= b; i++) {
    const cls = i >= row.start && i <= row.end ? 'sw-dot-in' : i === row.target ? 'sw-target' : 'sw-dot';
    svg.append(el('circle', { cx: x(i), cy: y(values[i]!), r: i === row.target ? r + 1.5 : r, class: cls }));
  }
  const yLab = f.top + 12;
  // «t» to the left of its point and «t+h» to the right of its own, so they never overlap.
  svg.append(el('text', { x: x(row.end) + 3, y: yLab, 'text-anchor': 'end', class: 'sw-mark' }, 't'));
  svg.append(el('text', { x: x(row.target) - 3, y: yLab, 'text-anchor': 'start', class: 'sw-mark sw-mark-target' }, `t+${row.target - row.end}`));
  if (row.target - row.end > 1) {
    svg.append(el('line', { x1: x(row.end), x2: x(row.target), y1: yLab + 6, y2: yLab + 6, class: 'sw-horizon' }));
  }
  return svg;
}
