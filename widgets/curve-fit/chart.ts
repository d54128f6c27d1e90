/**
 * d3 drawings of the curve-fitting widget (imported only by view.ts, so d3 loads lazily).
 * FitChart: the plane x1 ∈ X_RANGE, x2 ∈ Y_RANGE with the training points (filled circles),
 * the validation points (hollow diamonds), the true curve (dashed, when known) and the
 * network's curve, which is the only part redrawn on every frame.
 * lossChart: training and validation loss against the epoch, both axes logarithmic.
 */
import { axisBottom, axisLeft, line, scaleLinear, scaleLog, select, type ScaleLinear } from 'd3';
import { fmt, uniqueId } from '../lib/widget/dom';
import { X_RANGE, Y_RANGE, type Pt } from './core';
import type { LossPoint } from './session';
import { tick } from '../lib/format/number';

export interface Colors {
  fg: string;
  muted: string;
  bg: string;
  fit: string;
  val: string;
  truth: string;
  sel: string;
}

const NS = 'http://www.w3.org/2000/svg';
type Scale = ScaleLinear<number, number>;

export interface FitChartData {
  train: readonly Pt[];
  val: readonly Pt[];
  truth: readonly Pt[] | null;
  /** Index into [...train, ...val] of the selected point, or −1. */
  selected: number;
}

export class FitChart {
  readonly svg: SVGSVGElement;
  readonly x: Scale;
  readonly y: Scale;
  readonly #fit: SVGPathElement;

  /** `k`: text scale (lib/widget/chart-font chartScale); margins and label offsets grow by it. */
  constructor(width: number, d: FitChartData, c: Colors, k = 1) {
    const m = { top: Math.round(24 * k), right: Math.round(14 * k), bottom: Math.round(40 * k), left: Math.round(44 * k) };
    const height = Math.round(Math.min(400, Math.max(250, width * 0.66))) + (m.top - 24) + (m.bottom - 40);
    // A little room beyond X_RANGE so points at x1 = ±1 are not cut by the frame.
    this.x = scaleLinear().domain([X_RANGE[0] - 0.06, X_RANGE[1] + 0.06]).range([m.left, width - m.right]);
    this.y = scaleLinear().domain([...Y_RANGE]).range([height - m.bottom, m.top]);
    const svg = select(document.createElementNS(NS, 'svg')).attr('viewBox', `0 0 ${width} ${height}`)
      .attr('width', width).attr('height', height);
    const clip = uniqueId('cf-clip');
    svg.append('clipPath').attr('id', clip).append('rect').attr('x', m.left).attr('y', m.top)
      .attr('width', width - m.left - m.right).attr('height', height - m.top - m.bottom);
    const ax = svg.append('g').attr('transform', `translate(0,${height - m.bottom})`).call(axisBottom(this.x).ticks(Math.max(2, Math.round(5 / k))).tickFormat((v) => fmt(Number(v), 1)));
    const ay = svg.append('g').attr('transform', `translate(${m.left},0)`).call(axisLeft(this.y).ticks(Math.max(2, Math.round(5 / k))).tickFormat((v) => fmt(Number(v), 1)));
    for (const a of [ax, ay]) {
      a.attr('aria-hidden', 'true');
      a.selectAll('path, line').attr('stroke', c.muted);
      a.selectAll('text').attr('fill', c.fg).attr('font-size', 12);
    }
    svg.append('text').attr('x', width - m.right).attr('y', height - 6 * k).attr('text-anchor', 'end').attr('fill', c.fg).attr('font-size', 13).text('x₁ →');
    svg.append('text').attr('x', m.left - 8).attr('y', 15 * k).attr('text-anchor', 'middle').attr('fill', c.fg).attr('font-size', 13).text('↑ x₂');
    const g = svg.append('g').attr('clip-path', `url(#${clip})`).attr('aria-hidden', 'true');
    const ln = line<Pt>().x((p) => this.x(p.x)).y((p) => this.y(Math.max(-50, Math.min(50, p.y))));
    if (d.truth) {
      g.append('path').attr('d', ln(d.truth as Pt[]) ?? '').attr('fill', 'none').attr('stroke', c.truth)
        .attr('stroke-width', 2).attr('stroke-dasharray', '6 5').attr('stroke-opacity', 0.8);
    }
    this.#fit = g.append('path').attr('class', 'cf-fit').attr('fill', 'none').attr('stroke', c.fit).attr('stroke-width', 3).node()!;
    for (const p of d.train) {
      g.append('circle').attr('cx', this.x(p.x)).attr('cy', this.y(p.y)).attr('r', 5.5).attr('fill', c.fg).attr('stroke', c.bg).attr('stroke-width', 1.5);
    }
    for (const p of d.val) {
      const [px, py] = [this.x(p.x), this.y(p.y)];
      g.append('path').attr('d', `M${px},${py - 7}L${px + 7},${py}L${px},${py + 7}L${px - 7},${py}Z`)
        .attr('fill', c.bg).attr('stroke', c.val).attr('stroke-width', 2.5);
    }
    const all = [...d.train, ...d.val];
    const sel = all[d.selected];
    if (sel) g.append('circle').attr('cx', this.x(sel.x)).attr('cy', this.y(sel.y)).attr('r', 11).attr('fill', 'none').attr('stroke', c.sel).attr('stroke-width', 2.5);
    this.svg = svg.node()!;
  }

  /** Moves the network's curve (points in plane units; far values are clamped). */
  drawFit(curve: readonly Pt[]): void {
    const ln = line<Pt>().x((p) => this.x(p.x)).y((p) => this.y(Math.max(-50, Math.min(50, Number.isFinite(p.y) ? p.y : 0))));
    this.#fit.setAttribute('d', ln(curve as Pt[]) ?? '');
  }

  /** Plane point under a pointer position (not clamped), and the viewBox pixel position. */
  toPlane(clientX: number, clientY: number): { x: number; y: number; px: number; py: number } | null {
    const r = this.svg.getBoundingClientRect();
    if (r.width === 0) return null;
    const k = this.svg.viewBox.baseVal.width / r.width;
    const px = (clientX - r.left) * k;
    const py = (clientY - r.top) * k;
    return { x: this.x.invert(px), y: this.y.invert(py), px, py };
  }

  toPixels(p: Pt): [number, number] {
    return [this.x(p.x), this.y(p.y)];
  }
}

/** Training (per epoch) and validation (per frame) loss; a dashed rule at the best validation epoch; `k` as in FitChart. */
export function lossChart(train: readonly LossPoint[], val: readonly LossPoint[], best: LossPoint | null, width: number, c: Colors, k = 1): SVGSVGElement {
  const m = { top: Math.round(22 * k), right: Math.round(12 * k), bottom: Math.round(32 * k), left: Math.round(50 * k) };
  const height = 190 + (m.top - 22) + (m.bottom - 32);
  const ok = (p: LossPoint): boolean => p.epoch >= 1 && Number.isFinite(p.loss) && p.loss > 0;
  const tr = train.filter(ok);
  const va = val.filter(ok);
  const losses = [...tr, ...va].map((p) => p.loss);
  const lastEpoch = Math.max(10, ...tr.map((p) => p.epoch), ...va.map((p) => p.epoch));
  const x = scaleLog().domain([1, lastEpoch]).range([m.left, width - m.right]);
  const y = scaleLog().domain([Math.min(1e-3, ...losses), Math.max(1, ...losses)]).range([height - m.bottom, m.top]).nice();
  const svg = select(document.createElementNS(NS, 'svg')).attr('viewBox', `0 0 ${width} ${height}`).attr('width', width).attr('height', height);
  const g = svg.append('g').attr('aria-hidden', 'true');
  const ln = line<LossPoint>().x((p) => x(p.epoch)).y((p) => y(Math.min(1e12, p.loss)));
  if (best && best.epoch >= 1 && Number.isFinite(best.loss)) {
    g.append('line').attr('x1', x(best.epoch)).attr('x2', x(best.epoch)).attr('y1', m.top).attr('y2', height - m.bottom)
      .attr('stroke', c.val).attr('stroke-dasharray', '3 4').attr('stroke-width', 1.5);
  }
  g.append('path').attr('d', ln(tr as LossPoint[]) ?? '').attr('fill', 'none').attr('stroke', c.fit).attr('stroke-width', 2.5);
  g.append('path').attr('d', ln(va as LossPoint[]) ?? '').attr('fill', 'none').attr('stroke', c.val).attr('stroke-width', 2.5).attr('stroke-dasharray', '7 3');
  const pow = (v: number): string => {
    const e = Math.round(Math.log10(v));
    return Math.abs(v - 10 ** e) / v < 1e-6 ? (e >= -3 && e <= 4 ? tick(v) : `1e${e}`) : '';
  };
  const ax = svg.append('g').attr('transform', `translate(0,${height - m.bottom})`).call(axisBottom(x).ticks(Math.max(2, Math.round(5 / k))).tickFormat((v) => pow(Number(v))));
  const ay = svg.append('g').attr('transform', `translate(${m.left},0)`).call(axisLeft(y).ticks(4).tickFormat((v) => pow(Number(v))));
  for (const a of [ax, ay]) {
    a.attr('aria-hidden', 'true');
    a.selectAll('path, line').attr('stroke', c.muted);
    a.selectAll('text').attr('fill', c.fg).attr('font-size', 11);
  }
  svg.append('text').attr('x', width - m.right).attr('y', height - 2 * k).attr('text-anchor', 'end').attr('fill', c.fg).attr('font-size', 12).text('época (escala log.) →');
  svg.append('text').attr('x', m.left + 4).attr('y', 14 * k).attr('fill', c.fg).attr('font-size', 12).text('↑ pérdida MSE (escala log.)');
  return svg.node()!;
}
