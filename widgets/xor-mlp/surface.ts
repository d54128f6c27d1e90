/**
 * Drawing of the XOR network's input plane (imported only by view.ts, so d3 loads lazily).
 * A 50×50 canvas holds the decision surface (network output over [LO, HI]², one cell per
 * grid point, scaled up by CSS with smoothing); an SVG on top, with the same square in a
 * W×W viewBox, draws the axes, each hidden unit's line w_j1·x1 + w_j2·x2 + b_j = 0, and the
 * four XOR rows (class 1 a circle, class 0 a square; a wrong answer gets a dashed ring and ✗).
 */
import { scaleLinear } from 'd3';
import { decisionLine } from '../lib/nn/perceptron';
import type { Mlp } from '../lib/nn';
import { HI, LO, XOR_D, XOR_ROWS, paintSurface, parseColor } from './core';

const NS = 'http://www.w3.org/2000/svg';
/** Grid points per side of the surface. */
export const GRID = 50;
export const W = 360;
export const M = { l: 40, r: 14, t: 14, b: 40 };

const sx = scaleLinear().domain([LO, HI]).range([M.l, W - M.r]);
const sy = scaleLinear().domain([LO, HI]).range([W - M.b, M.t]);

export interface SurfaceColors {
  fg: string; muted: string; grid: string; bg: string; one: string; zero: string; wrong: string; hidden: string[];
}

/** Canvas placement inside the plane box, in % of the box (the SVG square's inner area). */
export const canvasInset = {
  left: `${(M.l / W) * 100}%`, top: `${(M.t / W) * 100}%`,
  width: `${((W - M.l - M.r) / W) * 100}%`, height: `${((W - M.t - M.b) / W) * 100}%`,
};

function s(tag: string, attrs: Record<string, string | number> = {}, text?: string): SVGElement {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

/** Paints the network's output on the GRID×GRID canvas (~2 500 forward passes: < 1 ms for 2-8-1). */
export function paintCanvas(canvas: HTMLCanvasElement, net: Mlp, c: SurfaceColors): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const values = net.grid(GRID, GRID, [LO, HI], [LO, HI]);
  const img = ctx.createImageData(GRID, GRID);
  paintSurface(values, img.data, parseColor(c.zero), parseColor(c.one), parseColor(c.bg));
  ctx.putImageData(img, 0, 0);
}

/**
 * Builds the SVG overlay for a network with `hidden` hidden units: axes and frame (static), one
 * dashed line and one label per hidden unit, and the four points with their "wrong" markers.
 * updateOverlay() then only moves and shows/hides these nodes (cheap enough for every frame).
 */
export function buildOverlay(svg: SVGSVGElement, hidden: number, c: SurfaceColors): void {
  svg.setAttribute('viewBox', `0 0 ${W} ${W}`);
  const kids: SVGElement[] = [];
  for (const v of [0, 1]) {
    kids.push(s('text', { x: sx(v), y: W - M.b + 18, 'text-anchor': 'middle', fill: c.muted, 'font-size': 13 }, String(v)));
    kids.push(s('text', { x: M.l - 10, y: sy(v) + 4, 'text-anchor': 'end', fill: c.muted, 'font-size': 13 }, String(v)));
  }
  kids.push(s('rect', { x: M.l, y: M.t, width: W - M.l - M.r, height: W - M.t - M.b, fill: 'none', stroke: c.grid }));
  kids.push(s('text', { x: W - M.r, y: W - 6, 'text-anchor': 'end', fill: c.fg, 'font-size': 14 }, 'x₁ →'));
  kids.push(s('text', { x: 16, y: M.t, 'text-anchor': 'end', fill: c.fg, 'font-size': 14, transform: `rotate(-90 16 ${M.t})` }, 'x₂ →'));
  for (let j = 0; j < hidden; j++) {
    const col = c.hidden[j % c.hidden.length]!;
    kids.push(s('line', { stroke: col, 'stroke-width': 2, 'stroke-dasharray': '7 4', class: 'xm-hline' }));
    kids.push(s('text', {
      'text-anchor': 'middle', fill: col, 'font-size': 13, 'font-weight': 700, class: 'xm-hlabel',
      'paint-order': 'stroke', stroke: c.bg, 'stroke-width': 4, 'stroke-linejoin': 'round',
    }, `h${j + 1}`));
  }
  XOR_ROWS.forEach((x, p) => {
    const cx = sx(x[0]);
    const cy = sy(x[1]);
    const wrong = s('g', { class: 'xm-wrong' });
    wrong.append(
      s('circle', { cx, cy, r: 12, fill: 'none', stroke: c.wrong, 'stroke-width': 2.5, 'stroke-dasharray': '4 3' }),
      s('text', { x: cx + 15, y: cy - 13, fill: c.wrong, 'font-size': 15, 'font-weight': 700 }, '✗'));
    kids.push(wrong);
    kids.push(XOR_D[p] === 1
      ? s('circle', { cx, cy, r: 7.5, fill: c.one, stroke: c.fg, 'stroke-width': 1.5 })
      : s('rect', { x: cx - 7, y: cy - 7, width: 14, height: 14, fill: c.zero, stroke: c.fg, 'stroke-width': 1.5 }));
  });
  svg.replaceChildren(...kids);
}

/** Moves each hidden unit's line w_j1·x1 + w_j2·x2 + b_j = 0 and marks the rows answered wrong. */
export function updateOverlay(svg: SVGSVGElement, net: Mlp, outputs: readonly number[]): void {
  const layer = net.layers[0]!;
  const lines = svg.querySelectorAll<SVGLineElement>('line.xm-hline');
  const labels = svg.querySelectorAll<SVGTextElement>('text.xm-hlabel');
  lines.forEach((line, j) => {
    const label = labels[j]!;
    const seg = decisionLine(layer.W.subarray(2 * j, 2 * j + 2), layer.b[j]!, LO, HI);
    line.style.display = seg ? '' : 'none';
    label.style.display = seg ? '' : 'none';
    if (!seg) return;
    const [[a1, a2], [b1, b2]] = seg;
    line.setAttribute('x1', String(sx(a1)));
    line.setAttribute('y1', String(sy(a2)));
    line.setAttribute('x2', String(sx(b1)));
    line.setAttribute('y2', String(sy(b2)));
    // Label 15 % of the way in from the end point nearer the middle of the square.
    const [p, q] = Math.abs(a1 - 0.5) + Math.abs(a2 - 0.5) <= Math.abs(b1 - 0.5) + Math.abs(b2 - 0.5)
      ? [[a1, a2], [b1, b2]] : [[b1, b2], [a1, a2]];
    const lx = sx(p[0]! + 0.15 * (q[0]! - p[0]!));
    const ly = sy(p[1]! + 0.15 * (q[1]! - p[1]!));
    label.setAttribute('x', String(Math.min(W - M.r - 12, Math.max(M.l + 12, lx))));
    label.setAttribute('y', String(Math.min(W - M.b - 6, Math.max(M.t + 14, ly + 4))));
  });
  svg.querySelectorAll<SVGGElement>('g.xm-wrong').forEach((g, p) => {
    g.style.display = (outputs[p]! >= 0.5 ? 1 : 0) === XOR_D[p] ? 'none' : '';
  });
}
