/**
 * The layer as a graph (SVG, no library): 4 input nodes on the left, 3 neurons on the right,
 * one line per weight w_ji. Line width grows with |w_ji|; negative weights are dashed.
 * `focus` marks what the current step (or the hovered cell) uses.
 */
import { N_IN, N_OUT, num, sub } from './core';
import { svgEl as el } from '../lib/draw/svg';

export interface DiagramColors {
  fg: string;
  muted: string;
  bg: string;
  node: string;
  pos: string;
  neg: string;
  accent: string;
}

export interface DiagramData {
  x: readonly number[];
  /** (3 × 4) row-major, W[j*4 + i] = w_ji. */
  W: readonly number[];
  /** Text under each neuron (its net, running sum or "·"). */
  netText: readonly string[];
  /**
   * What to emphasise: one connection (j and i), neuron j with its four connections (j only),
   * or the connections leaving input i (i only); null for no emphasis.
   */
  focus: { j?: number; i?: number } | null;
}

/** Redraws `svg` completely (viewBox 440 × 210, scales with its width). */
export function drawLayer(svg: SVGSVGElement, d: DiagramData, c: DiagramColors): void {
  const W = 440;
  const H = 210;
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  const xIn = 70;
  const xOut = 300;
  const yIn = (i: number): number => 30 + i * ((H - 60) / (N_IN - 1));
  const yOut = (j: number): number => 45 + j * ((H - 90) / (N_OUT - 1));
  const maxAbs = Math.max(1, ...d.W.map(Math.abs));
  const kids: SVGElement[] = [];
  kids.push(el('text', { x: xIn, y: 12, 'text-anchor': 'middle', fill: c.muted, 'font-size': 13 }, 'entradas'));
  kids.push(el('text', { x: xOut, y: 12, 'text-anchor': 'middle', fill: c.muted, 'font-size': 13 }, 'neuronas'));
  const edges: SVGElement[] = [];
  const front: SVGElement[] = [];
  for (let j = 0; j < N_OUT; j++) {
    for (let i = 0; i < N_IN; i++) {
      const w = d.W[j * N_IN + i]!;
      const f = d.focus;
      const picked = f !== null && (f.j === undefined || f.j === j) && (f.i === undefined || f.i === i);
      const exact = picked && f.j !== undefined && f.i !== undefined;
      const dim = f !== null && !picked;
      const line = el('line', {
        x1: xIn + 18, y1: yIn(i), x2: xOut - 18, y2: yOut(j),
        stroke: exact ? c.accent : w < 0 ? c.neg : c.pos,
        'stroke-width': exact ? 5 : 0.8 + 3.2 * (Math.abs(w) / maxAbs),
        'stroke-opacity': dim ? 0.18 : w === 0 && !exact ? 0.35 : 0.9,
        'stroke-linecap': 'round',
      });
      if (w < 0 && !exact) line.setAttribute('stroke-dasharray', '6 4');
      (exact ? front : edges).push(line);
    }
  }
  kids.push(...edges, ...front);
  for (let i = 0; i < N_IN; i++) {
    const on = d.focus?.i === i;
    kids.push(el('circle', { cx: xIn, cy: yIn(i), r: 17, fill: c.node, stroke: on ? c.accent : c.fg, 'stroke-width': on ? 3 : 1.2 }));
    kids.push(el('text', { x: xIn, y: yIn(i) + 4.5, 'text-anchor': 'middle', fill: c.fg, 'font-size': 15, 'font-weight': 600 }, `x${sub(i + 1)}`));
    kids.push(el('text', { x: xIn - 22, y: yIn(i) + 4.5, 'text-anchor': 'end', fill: c.fg, 'font-size': 15 }, num(d.x[i]!)));
  }
  for (let j = 0; j < N_OUT; j++) {
    const on = d.focus?.j === j;
    kids.push(el('circle', { cx: xOut, cy: yOut(j), r: 17, fill: c.node, stroke: on ? c.accent : c.fg, 'stroke-width': on ? 3 : 1.2 }));
    kids.push(el('text', { x: xOut, y: yOut(j) + 4.5, 'text-anchor': 'middle', fill: c.fg, 'font-size': 15, 'font-weight': 600 }, `${j + 1}`));
    kids.push(el('text', { x: xOut + 24, y: yOut(j) + 4.5, fill: c.fg, 'font-size': 15 }, `net${sub(j + 1)} ${d.netText[j]}`));
  }
  svg.replaceChildren(...kids);
}
