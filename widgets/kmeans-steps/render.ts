/**
 * SVG drawings of the K-means explorer (DOM only, no state): the plane with the points coloured
 * by cluster and the centroids as crosses; a small line chart (inertia per step, or the elbow
 * curve over k). Colours are CSS classes on theme variables. Coordinates in CSS px.
 * `fontPx` is the size the axis text will have (11 px, or projector mode's --chart-font: the view
 * passes chartFontPx(el, AXIS_FONT_PX)); margins and label offsets grow with it by k = fontPx / 11,
 * so large text keeps its room.
 */
import { fmt } from '../lib/widget/dom';
import { svgEl } from '../lib/draw/svg';

/** Axis and tick text size in style.css (.km-axis, .km-tick), px. */
export const AXIS_FONT_PX = 11;

/** Margins (px) scaled by k, rounded. */
const scaled = (m: Record<'l' | 'r' | 't' | 'b', number>, k: number) =>
  ({ l: Math.round(m.l * k), r: Math.round(m.r * k), t: Math.round(m.t * k), b: Math.round(m.b * k) });

export interface Box {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/** Data bounds of the points (and centroids), padded 8 %; a fixed box for the plane set. */
export function boundsOf(points: readonly number[][], fixed?: Box): Box {
  if (fixed) return fixed;
  const xs = points.map((p) => p[0]!);
  const ys = points.map((p) => p[1]!);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const px = (x1 - x0) * 0.08 || 1;
  const py = (y1 - y0) * 0.08 || 1;
  return { x0: x0 - px, x1: x1 + px, y0: y0 - py, y1: y1 + py };
}

export interface Plane {
  svg: SVGSVGElement;
  /** Data → px. */
  sx: (v: number) => number;
  sy: (v: number) => number;
  /** px → data. */
  ix: (px: number) => number;
  iy: (py: number) => number;
}

export function plane(width: number, height: number, b: Box, xLabel: string, yLabel: string, fontPx = AXIS_FONT_PX): Plane {
  const k = fontPx / AXIS_FONT_PX;
  const m = scaled({ l: 40, r: 10, t: 10, b: 30 }, k);
  const svg = svgEl('svg', { viewBox: `0 0 ${width} ${height}`, width, height, class: 'km-svg', 'aria-hidden': 'true' });
  const sx = (v: number): number => m.l + ((v - b.x0) / (b.x1 - b.x0)) * (width - m.l - m.r);
  const sy = (v: number): number => height - m.b - ((v - b.y0) / (b.y1 - b.y0)) * (height - m.t - m.b);
  const ix = (px: number): number => b.x0 + ((px - m.l) / (width - m.l - m.r)) * (b.x1 - b.x0);
  const iy = (py: number): number => b.y0 + ((height - m.b - py) / (height - m.t - m.b)) * (b.y1 - b.y0);
  svg.append(svgEl('rect', { x: m.l, y: m.t, width: width - m.l - m.r, height: height - m.t - m.b, class: 'km-frame' }));
  svg.append(svgEl('text', { x: width - m.r, y: height - 6 * k, 'text-anchor': 'end', class: 'km-axis' }, `${xLabel} →`));
  // The y label reads bottom to top beside the axis, its arrow pointing up (y grows upwards).
  const midY = m.t + (height - m.t - m.b) / 2;
  svg.append(svgEl('text', { x: 0, y: 0, 'text-anchor': 'middle', class: 'km-axis', transform: `translate(${12 * k} ${midY}) rotate(-90)` }, `${yLabel} →`));
  svg.append(svgEl('text', { x: m.l, y: height - 14 * k, 'text-anchor': 'start', class: 'km-tick' }, fmt(b.x0, 1)));
  svg.append(svgEl('text', { x: m.l - 4, y: height - m.b, 'text-anchor': 'end', class: 'km-tick' }, fmt(b.y0, 1)));
  svg.append(svgEl('text', { x: m.l - 4, y: m.t + 10 * k, 'text-anchor': 'end', class: 'km-tick' }, fmt(b.y1, 1)));
  return { svg, sx, sy, ix, iy };
}

/** Points (class km-c<k> by cluster, km-none before the first assignment) and centroid crosses. */
export function drawClusters(p: Plane, points: readonly number[][], assign: readonly number[] | null, centroids: readonly number[][], reseeded: readonly number[]): void {
  points.forEach((q, i) => {
    const c = assign ? `km-c${assign[i]! % 8}` : 'km-none';
    p.svg.append(svgEl('circle', { cx: p.sx(q[0]!), cy: p.sy(q[1]!), r: 4.5, class: `km-pt ${c}` }));
  });
  centroids.forEach((c, k) => {
    const [x, y] = [p.sx(c[0]!), p.sy(c[1]!)];
    const g = svgEl('g', { class: `km-centroid km-c${k % 8}${reseeded.includes(k) ? ' km-reseeded' : ''}`, 'data-k': k });
    g.append(svgEl('path', { d: `M${x - 8},${y - 8}L${x + 8},${y + 8}M${x - 8},${y + 8}L${x + 8},${y - 8}`, class: 'km-cross-bg' }));
    g.append(svgEl('path', { d: `M${x - 8},${y - 8}L${x + 8},${y + 8}M${x - 8},${y + 8}L${x + 8},${y - 8}`, class: 'km-cross' }));
    g.append(svgEl('text', { x: x + 10, y: y - 8, class: 'km-clabel' }, String(k + 1)));
    p.svg.append(g);
  });
}

/** A line chart of (x, y) points with dots; `mark` highlights one x. */
export function lineChart(width: number, baseHeight: number, pts: readonly { x: number; y: number }[], xLabel: string, yLabel: string, xMax: number, mark?: number, fontPx = AXIS_FONT_PX): SVGSVGElement {
  const k = fontPx / AXIS_FONT_PX;
  // The y label sits above the frame, beside the top tick, so neither covers the other.
  const m = scaled({ l: 48, r: 10, t: 24, b: 30 }, k);
  // Larger margins take room from the drawing only as much as `baseHeight` allows for: grow instead.
  const height = baseHeight + (m.t - 24) + (m.b - 30);
  const svg = svgEl('svg', { viewBox: `0 0 ${width} ${height}`, width, height, class: 'km-svg', 'aria-hidden': 'true' });
  const ymax = Math.max(1e-9, ...pts.map((p) => p.y)) * 1.05;
  const xmin = pts.length ? Math.min(...pts.map((p) => p.x)) : 0;
  const sx = (v: number): number => m.l + ((v - xmin) / Math.max(1, xMax - xmin)) * (width - m.l - m.r);
  const sy = (v: number): number => height - m.b - (v / ymax) * (height - m.t - m.b);
  svg.append(svgEl('rect', { x: m.l, y: m.t, width: width - m.l - m.r, height: height - m.t - m.b, class: 'km-frame' }));
  svg.append(svgEl('text', { x: m.l - 4, y: m.t + 4 * k, 'text-anchor': 'end', class: 'km-tick' }, fmt(ymax, ymax >= 100 ? 0 : 1)));
  svg.append(svgEl('text', { x: m.l - 4, y: height - m.b, 'text-anchor': 'end', class: 'km-tick' }, '0'));
  svg.append(svgEl('text', { x: width - m.r, y: height - 2 * k, 'text-anchor': 'end', class: 'km-axis' }, `${xLabel} →`));
  svg.append(svgEl('text', { x: m.l + 4, y: m.t - 6 * k, class: 'km-axis' }, `↑ ${yLabel}`));
  if (pts.length) svg.append(svgEl('path', { d: pts.map((p, i) => `${i ? 'L' : 'M'}${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`).join(''), class: 'km-line' }));
  for (const p of pts) svg.append(svgEl('circle', { cx: sx(p.x), cy: sy(p.y), r: p.x === mark ? 5 : 3, class: p.x === mark ? 'km-dot km-dot-mark' : 'km-dot' }));
  for (const p of pts) if (Number.isInteger(p.x) && pts.length <= 12) svg.append(svgEl('text', { x: sx(p.x), y: height - m.b + 14 * k, 'text-anchor': 'middle', class: 'km-tick' }, String(p.x)));
  return svg;
}
