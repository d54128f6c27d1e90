/**
 * SVG drawing of the perceptron's input plane (imported only by view.ts, so d3 loads lazily):
 * the square [LO, HI]² in input units, the two half-planes (y = 1 tinted with `one`, y = 0 with
 * `zero`), the decision line w1·x1 + w2·x2 + b = 0, and the four rows of the truth table.
 * Class 1 is a filled circle, class 0 a filled square (shape and colour both tell the class);
 * a wrong output gets a dashed ring in `wrong` and a ✗; the sample just used gets a solid ring.
 */
import { scaleLinear } from 'd3';
import { decisionLine } from '../lib/nn/perceptron';
import { HI, LO, halfPlane } from './core';

const NS = 'http://www.w3.org/2000/svg';
/** viewBox size and margins (viewBox units). */
const W = 360;
const M = { l: 40, r: 14, t: 14, b: 40 };

export interface PlaneColors {
  fg: string;
  muted: string;
  grid: string;
  bg: string;
  one: string;
  zero: string;
  wrong: string;
}

export interface PlanePoint {
  x: readonly number[];
  d: number;
  ok: boolean;
}

export interface PlaneInput {
  w: readonly number[];
  b: number;
  points: readonly PlanePoint[];
  /** Row of the sample just used (−1: none). */
  current: number;
}

function s(tag: string, attrs: Record<string, string | number> = {}, text?: string): SVGElement {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

const sx = scaleLinear().domain([LO, HI]).range([M.l, W - M.r]);
const sy = scaleLinear().domain([LO, HI]).range([W - M.b, M.t]);

/** Draws everything again (a few dozen nodes: cheap enough for every step). */
export function drawPlane(svg: SVGSVGElement, d: PlaneInput, c: PlaneColors): void {
  svg.setAttribute('viewBox', `0 0 ${W} ${W}`);
  const kids: SVGElement[] = [];
  const poly = (pts: readonly (readonly [number, number])[], fill: string, op: number): SVGElement =>
    s('polygon', { points: pts.map((p) => `${sx(p[0])},${sy(p[1])}`).join(' '), fill, 'fill-opacity': op });

  kids.push(poly(halfPlane(d.w.map((v) => -v), -d.b), c.zero, 0.14));
  kids.push(poly(halfPlane(d.w, d.b), c.one, 0.16));
  for (const v of [0, 1]) {
    kids.push(s('line', { x1: sx(v), x2: sx(v), y1: sy(LO), y2: sy(HI), stroke: c.grid, 'stroke-width': 1 }));
    kids.push(s('line', { x1: sx(LO), x2: sx(HI), y1: sy(v), y2: sy(v), stroke: c.grid, 'stroke-width': 1 }));
    kids.push(s('text', { x: sx(v), y: W - M.b + 18, 'text-anchor': 'middle', fill: c.muted, 'font-size': 13 }, String(v)));
    kids.push(s('text', { x: M.l - 10, y: sy(v) + 4, 'text-anchor': 'end', fill: c.muted, 'font-size': 13 }, String(v)));
  }
  kids.push(s('rect', { x: M.l, y: M.t, width: W - M.l - M.r, height: W - M.t - M.b, fill: 'none', stroke: c.grid }));
  kids.push(s('text', { x: W - M.r, y: W - 6, 'text-anchor': 'end', fill: c.fg, 'font-size': 14 }, 'x₁ →'));
  kids.push(s('text', { x: 16, y: M.t, 'text-anchor': 'end', fill: c.fg, 'font-size': 14, transform: `rotate(-90 16 ${M.t})` }, 'x₂ →'));

  const line = decisionLine(d.w, d.b, LO, HI);
  if (line) {
    const [[a1, a2], [b1, b2]] = line;
    kids.push(s('line', {
      x1: sx(a1), y1: sy(a2), x2: sx(b1), y2: sy(b2), stroke: c.fg, 'stroke-width': 2.5, 'stroke-linecap': 'round',
      class: 'pc-line',
    }));
  }

  d.points.forEach((p, k) => {
    const cx = sx(p.x[0]!);
    const cy = sy(p.x[1]!);
    if (k === d.current) kids.push(s('circle', { cx, cy, r: 17, fill: 'none', stroke: c.fg, 'stroke-width': 2.5 }));
    if (!p.ok) {
      kids.push(s('circle', { cx, cy, r: 12, fill: 'none', stroke: c.wrong, 'stroke-width': 2.5, 'stroke-dasharray': '4 3' }));
      kids.push(s('text', { x: cx + 15, y: cy - 13, fill: c.wrong, 'font-size': 15, 'font-weight': 700 }, '✗'));
    }
    kids.push(p.d === 1
      ? s('circle', { cx, cy, r: 7.5, fill: c.one, stroke: c.bg, 'stroke-width': 1.5 })
      : s('rect', { x: cx - 7, y: cy - 7, width: 14, height: 14, fill: c.zero, stroke: c.bg, 'stroke-width': 1.5 }));
    kids.push(s('text', {
      // Top of the label 15 px below the point (clear of its 12 px error ring) at any font size:
      // projector mode enlarges the text, and a fixed baseline would push it onto the ring.
      x: cx, y: cy + 15, 'dominant-baseline': 'hanging', 'text-anchor': 'middle', fill: c.fg, 'font-size': 12,
      'paint-order': 'stroke', stroke: c.bg, 'stroke-width': 4, 'stroke-linejoin': 'round',
    }, `d = ${p.d}`));
  });
  svg.replaceChildren(...kids);
}
