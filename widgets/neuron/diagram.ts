/**
 * SVG diagram of one neuron: inputs x_i → weighted edges → Σ → φ → y, plus the bias b.
 * Edge width grows with |w_i · x_i| (capped at |w_i x_i| = 3); positive contributions are drawn
 * solid in `pos`, negative ones dashed in `neg`, so the sign never depends on colour alone.
 * Pure DOM construction (no libraries); coordinates are in a W × H viewBox (see Layout).
 */
import { ACTIVATIONS, sampleSegments, type ActivationName } from '../lib/nn/activations';
import { wordNum } from './core';
import { chartScale } from '../lib/widget/chart-font';

const NS = 'http://www.w3.org/2000/svg';
const SUB = ['₀', '₁', '₂', '₃', '₄', '₅', '₆', '₇', '₈', '₉'];
export const sub = (i: number): string => String(i).split('').map((d) => SUB[Number(d)]).join('');

function s(tag: string, attrs: Record<string, string | number>, ...children: Array<Node | string>): SVGElement {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  el.append(...children);
  return el;
}

export interface DiagramColors {
  fg: string;
  muted: string;
  bg: string;
  pos: string;
  neg: string;
  node: string;
  accent: string;
}

export interface DiagramInput {
  x: readonly number[];
  w: readonly number[];
  b: number;
  net: number;
  y: number;
  act: ActivationName;
}

/** Layout in viewBox units: wide (≥ 560 px available) or compact (phones, text drawn larger). */
interface Layout { W: number; row: number; inX: number; inR: number; sumX: number; sumR: number; bx: number; bw: number; bh: number; ox: number; oR: number; fs: number }
const WIDE: Layout = { W: 680, row: 74, inX: 40, inR: 27, sumX: 380, sumR: 36, bx: 460, bw: 100, bh: 76, ox: 640, oR: 29, fs: 14 };
const COMPACT: Layout = { W: 460, row: 82, inX: 32, inR: 27, sumX: 250, sumR: 32, bx: 306, bw: 82, bh: 66, ox: 430, oR: 27, fs: 17 };

export function drawNeuron(svg: SVGSVGElement, d: DiagramInput, c: DiagramColors, compact = false): void {
  const L = compact ? COMPACT : WIDE;
  const n = d.x.length;
  // Rows spread out as the text grows (projector mode draws it at --chart-font), so the labels of
  // neighbouring edges keep apart.
  const row = Math.round(L.row * Math.max(1, chartScale(svg, Math.round(L.fs * 1.07))));
  const H = Math.max(230, (n + 1) * row + 20);
  svg.setAttribute('viewBox', `0 0 ${L.W} ${H}`);
  svg.replaceChildren();
  const sumX = L.sumX;
  const sumY = H / 2;
  const rowY = (i: number): number => 20 + row / 2 + i * row;
  const fs = (k: number): number => Math.round(L.fs * k);
  const labelStyle = { 'paint-order': 'stroke', stroke: c.bg, 'stroke-width': 5, 'stroke-linejoin': 'round' };
  const edgeEnd = sumX - L.sumR;

  const edge = (x1: number, y1: number, value: number, label: string, sublabel: string): void => {
    const mag = Math.min(1, Math.abs(value) / 3);
    const zero = Math.abs(value) < 1e-9;
    const color = zero ? c.muted : value > 0 ? c.pos : c.neg;
    svg.append(
      s('line', {
        x1, y1, x2: edgeEnd, y2: sumY, stroke: color, 'stroke-width': 1.5 + 9 * mag,
        'stroke-linecap': 'round', ...(value < 0 ? { 'stroke-dasharray': '10 6' } : {}),
      }),
    );
    const t = 0.3;
    const lx = x1 + (edgeEnd - x1) * t + 10;
    const ly = y1 + (sumY - y1) * t;
    // The label's bottom edge sits above the line and the sublabel's top edge below it, so the two
    // never meet whatever size the text ends up (projector mode enlarges it).
    svg.append(
      s('text', { x: lx, y: ly - 6, 'dominant-baseline': 'text-after-edge', 'text-anchor': 'middle', fill: c.fg, 'font-size': fs(1.07), ...labelStyle }, label),
      s('text', { x: lx, y: ly + 6, 'dominant-baseline': 'text-before-edge', 'text-anchor': 'middle', fill: color === c.muted ? c.fg : color, 'font-size': fs(0.93), 'font-weight': 600, ...labelStyle }, sublabel),
    );
  };

  const x0 = L.inX + L.inR;
  for (let i = 0; i < n; i++) {
    const xi = d.x[i]!;
    const wi = d.w[i]!;
    edge(x0, rowY(i), wi * xi, `w${sub(i + 1)} = ${wordNum(wi, 2)}`, `w${sub(i + 1)}x${sub(i + 1)} = ${wordNum(wi * xi, 3)}`);
  }
  edge(x0, rowY(n), d.b, `b = ${wordNum(d.b, 2)}`, 'sesgo');

  for (let i = 0; i <= n; i++) {
    const isBias = i === n;
    const y = rowY(i);
    svg.append(
      s('circle', { cx: L.inX, cy: y, r: L.inR, fill: c.node, stroke: isBias ? c.muted : c.fg, 'stroke-width': 1.5, ...(isBias ? { 'stroke-dasharray': '4 3' } : {}) }),
      s('text', { x: L.inX, y: y + fs(0.36), 'text-anchor': 'middle', fill: c.fg, 'font-size': fs(1.07), 'font-weight': 600 },
        isBias ? '1' : wordNum(d.x[i]!, 2)),
      s('text', { x: L.inX, y: y - L.inR - 5, 'text-anchor': 'middle', fill: c.muted, 'font-size': fs(0.93) }, isBias ? '' : `x${sub(i + 1)}`),
    );
  }

  // Σ node with the net input.
  svg.append(
    s('circle', { cx: sumX, cy: sumY, r: L.sumR, fill: c.node, stroke: c.fg, 'stroke-width': 2 }),
    s('text', { x: sumX, y: sumY + 11, 'text-anchor': 'middle', fill: c.fg, 'font-size': 32 }, 'Σ'),
    s('text', { x: sumX, y: sumY + L.sumR + fs(1.6), 'text-anchor': 'middle', fill: c.fg, 'font-size': fs(1), 'font-weight': 600, ...labelStyle },
      `net = ${wordNum(d.net, 3)}`),
  );

  // φ box with a sketch of the activation over z ∈ [−5, 5] and the current point.
  const { bx, bw, bh } = L;
  const by = sumY - bh / 2;
  const a = ACTIVATIONS[d.act];
  const segs = sampleSegments(a, -5, 5, 81);
  const vals = segs.flat().map(([, v]) => v);
  const lo = Math.min(...vals);
  const hi = Math.max(...vals);
  const pad = (hi - lo) * 0.12 || 0.5;
  const px = (z: number): number => bx + 8 + ((z + 5) / 10) * (bw - 16);
  const py = (v: number): number => by + bh - 8 - ((v - (lo - pad)) / (hi - lo + 2 * pad)) * (bh - 16);
  svg.append(
    s('line', { x1: sumX + L.sumR, y1: sumY, x2: bx, y2: sumY, stroke: c.fg, 'stroke-width': 2 }),
    s('rect', { x: bx, y: by, width: bw, height: bh, rx: 10, fill: c.node, stroke: c.fg, 'stroke-width': 2 }),
    ...segs.map((seg) => s('polyline', {
      points: seg.map(([z, v]) => `${px(z).toFixed(1)},${py(v).toFixed(1)}`).join(' '),
      fill: 'none', stroke: c.accent, 'stroke-width': 2.5,
    })),
    s('text', { x: bx + bw / 2, y: by - 8, 'text-anchor': 'middle', fill: c.fg, 'font-size': fs(1.07) }, `φ: ${a.short}`),
  );
  if (d.net >= -5 && d.net <= 5 && Number.isFinite(d.y)) {
    svg.append(s('circle', { cx: px(d.net), cy: Math.min(by + bh - 4, Math.max(by + 4, py(d.y))), r: 4.5, fill: c.neg, stroke: c.bg, 'stroke-width': 1.5 }));
  }

  // Output.
  const ox = L.ox;
  svg.append(
    s('line', { x1: bx + bw, y1: sumY, x2: ox - L.oR - 1, y2: sumY, stroke: c.fg, 'stroke-width': 2 }),
    s('path', { d: `M ${ox - L.oR - 1} ${sumY} l -9 -5 v 10 z`, fill: c.fg }),
    s('circle', { cx: ox, cy: sumY, r: L.oR, fill: c.node, stroke: c.accent, 'stroke-width': 3 }),
    s('text', { x: ox, y: sumY + fs(0.36), 'text-anchor': 'middle', fill: c.fg, 'font-size': fs(1), 'font-weight': 700 }, wordNum(d.y, 3)),
    s('text', { x: ox, y: sumY - L.oR - 7, 'text-anchor': 'middle', fill: c.muted, 'font-size': fs(1) }, 'y'),
  );
}
