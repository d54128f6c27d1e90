/**
 * Observable Plot drawings for train-infer (imported only by view.ts, so Plot loads lazily).
 * Every chart is an SVG in plane units: x and y in [0, 10]; the loss chart is loss vs step.
 */
import * as Plot from '@observablehq/plot';
import { projectorPlot } from '../lib/widget/projector-plot';
import { HI, LO, type Line, type LossPoint, type Point } from './core';
import { quietChart, uniqueId } from '../lib/widget/dom';
import { sci, sig, superscript, tick } from '../lib/format/number';

export interface Colors {
  fg: string;
  muted: string;
  line: string;
  accent2: string;
  exact: string;
  grid: string;
  bg: string;
}


const style = (c: Colors) => ({ background: 'transparent', color: c.fg, fontSize: '13px', overflow: 'visible' as const });
const segment = (m: Line, x0 = LO, x1 = HI) => [
  { x: x0, y: m.w * x0 + m.b },
  { x: x1, y: m.w * x1 + m.b },
];

export interface FitOptions {
  width: number;
  points: readonly Point[];
  exact: Line | null;
  showExact: boolean;
  selected: number;
  colors: Colors;
}

/**
 * Static part of the training chart: frame, grid, (optional) least-squares line, the points
 * and a ring on the selected one. The moving line and the residuals are an overlay drawn by
 * drawModel(), so an animation frame only moves a few SVG lines instead of re-plotting.
 */
export function fitChart(o: FitOptions): SVGSVGElement {
  const c = o.colors;
  const height = Math.round(Math.min(400, Math.max(240, o.width * 0.72)));
  const marks: Plot.Markish[] = [Plot.frame({ stroke: c.grid })];
  if (o.exact && o.showExact) {
    marks.push(Plot.line(segment(o.exact), { x: 'x', y: 'y', stroke: c.exact, strokeWidth: 2, strokeDasharray: '6 5', clip: true }));
  }
  marks.push(Plot.dot(o.points, { x: 'x', y: 'y', r: 5.5, fill: c.fg, stroke: c.bg, strokeWidth: 1.5 }));
  const sel = o.points[o.selected];
  if (sel) marks.push(Plot.dot([sel], { x: 'x', y: 'y', r: 10, stroke: c.accent2, strokeWidth: 2.5, fill: 'none' }));
  return quietChart(projectorPlot({
    width: o.width, height, marginLeft: 40, marginTop: 24, marginBottom: 38, marginRight: 14, style: style(c),
    x: { domain: [LO, HI], label: 'x →', grid: true, labelAnchor: 'right' },
    y: { domain: [LO, HI], label: '↑ y', grid: true },
    marks,
  }) as unknown as Element);
}

const SVG = 'http://www.w3.org/2000/svg';

/**
 * Draws (or moves) the current line ŷ = w·x + b and the residual segments from each point
 * (x_i, y_i) to (x_i, ŷ_i) on a chart made by fitChart, below the points and clipped to the
 * frame. model = null hides them (nothing sensible to draw after a divergence).
 */
export function drawModel(svg: SVGSVGElement, m: Line | null, pts: readonly Point[], c: Colors): void {
  const sx = scaleOf(svg, 'x');
  const sy = scaleOf(svg, 'y');
  if (!sx || !sy) return;
  let g = svg.querySelector<SVGGElement>('g.ti-model');
  if (!g) {
    const id = uniqueId('ti-clip');
    const clip = document.createElementNS(SVG, 'clipPath');
    clip.id = id;
    const rect = document.createElementNS(SVG, 'rect');
    const [x0, x1, y0, y1] = [sx(LO), sx(HI), sy(HI), sy(LO)];
    for (const [k, v] of [['x', x0], ['y', y0], ['width', x1 - x0], ['height', y1 - y0]] as const) rect.setAttribute(k, String(v));
    clip.append(rect);
    g = document.createElementNS(SVG, 'g');
    g.setAttribute('class', 'ti-model');
    g.setAttribute('clip-path', `url(#${id})`);
    g.setAttribute('aria-hidden', 'true');
    // Below the dashed least-squares line (so it shows on top when they coincide) and the points.
    const before = svg.querySelector('g[data-mark="line"]') ?? svg.querySelector('g[data-mark="dot"]');
    svg.insertBefore(clip, before);
    svg.insertBefore(g, before);
  }
  g.style.display = m ? '' : 'none';
  if (!m) return;
  const need = pts.length + 1;
  while (g.childElementCount < need) g.append(document.createElementNS(SVG, 'line'));
  while (g.childElementCount > need) g.lastElementChild!.remove();
  const lines = g.children;
  pts.forEach((p, i) => {
    setLine(lines[i]!, sx(p.x), sy(p.y), sx(p.x), sy(m.w * p.x + m.b), c.accent2, 1.5, 0.8);
  });
  const [a, b] = segment(m);
  setLine(lines[pts.length]!, sx(a!.x), sy(a!.y), sx(b!.x), sy(b!.y), c.line, 3, 1);
}

function setLine(el: Element, x1: number, y1: number, x2: number, y2: number, stroke: string, width: number, opacity: number): void {
  // Far-off endpoints (a wild model) are clamped so the SVG numbers stay finite and small.
  const k = (v: number): string => String(Math.max(-1e5, Math.min(1e5, v)));
  el.setAttribute('x1', k(x1));
  el.setAttribute('y1', k(y1));
  el.setAttribute('x2', k(x2));
  el.setAttribute('y2', k(y2));
  el.setAttribute('stroke', stroke);
  el.setAttribute('stroke-width', String(width));
  el.setAttribute('stroke-opacity', String(opacity));
}

function scaleOf(svg: SVGSVGElement, name: 'x' | 'y'): ((v: number) => number) | null {
  const s = (svg as unknown as { scale?(n: string): { apply(v: number): number } | undefined }).scale?.(name);
  return s ? (v: number) => s.apply(v) : null;
}


/**
 * Loss L vs step on a log y scale (non-finite or non-positive values are left out). Before any
 * training `hist` is empty and the chart shows only `current` (the untrained model's loss);
 * `target` is L* of the least-squares line, drawn dashed.
 */
export function lossChart(
  width: number, hist: readonly LossPoint[], current: LossPoint, target: number | null, diverged: boolean, c: Colors,
): SVGSVGElement {
  const ok = (h: LossPoint): boolean => Number.isFinite(h.loss) && h.loss > 0;
  const data = (hist.length ? hist : [current]).filter(ok);
  const stroke = diverged ? c.accent2 : c.line;
  const marks: Plot.Markish[] = [Plot.frame({ stroke: c.grid })];
  if (target !== null && target > 0) {
    marks.push(Plot.ruleY([target], { stroke: c.exact, strokeDasharray: '6 5', strokeWidth: 1.5 }));
  }
  marks.push(Plot.line(data, { x: 'step', y: 'loss', stroke, strokeWidth: 2.5 }));
  const last = data[data.length - 1];
  if (last) marks.push(Plot.dot([last], { x: 'step', y: 'loss', r: 4, fill: stroke }));
  const losses = data.map((d) => d.loss).concat(target !== null && target > 0 ? [target] : []);
  let hi = losses.length ? Math.max(...losses) : 10;
  let lo = losses.length ? Math.min(...losses) : 1;
  lo = Math.min(lo / 1.5, hi / 10); // at least one decade, with room around the data
  hi *= 1.5;
  return quietChart(projectorPlot({
    width, height: 190, marginLeft: 46, marginTop: 24, marginBottom: 36, marginRight: 14, style: style(c),
    x: { domain: [0, Math.max(10, last?.step ?? 0)], label: 'paso →', labelAnchor: 'right', ticks: 4, tickFormat: tick },
    y: { type: 'log', domain: [lo, hi], label: '↑ pérdida L (escala log.)', grid: true, ticks: logTicks(lo, hi), tickFormat: logLabel },
    marks,
  }) as unknown as Element);
}

/** Tick values for a log axis over [lo, hi]: powers of ten, plus 2 and 5 times them when few. */
export function logTicks(lo: number, hi: number): number[] {
  const e0 = Math.floor(Math.log10(lo));
  const e1 = Math.ceil(Math.log10(hi));
  const step = Math.max(1, Math.ceil((e1 - e0) / 5));
  const out: number[] = [];
  for (let e = e0; e <= e1; e += step) {
    const mult = e1 - e0 <= 2 ? [1, 2, 5] : [1];
    for (const m of mult) {
      const v = m * 10 ** e;
      if (v >= lo * 0.999 && v <= hi * 1.001) out.push(v);
    }
  }
  return out;
}

/** 0,5 · 1 · 10 · 100 · 10³ … 10⁸ (powers of ten from 1000 on, so labels stay short). */
function logLabel(v: number): string {
  if (v >= 1000) {
    const e = Math.round(Math.log10(v));
    return Math.abs(v / 10 ** e - 1) < 1e-9 ? `10${superscript(e)}` : sci(v, 3);
  }
  return sig(v, 3);
}

/** Inference: only the frozen line, the query x* and its prediction ŷ* with guides to the axes. */
export function inferChart(width: number, m: Line, xq: number, yq: number, c: Colors): SVGSVGElement {
  const height = Math.round(Math.min(280, Math.max(200, width * 0.45)));
  const lo = Math.min(LO, Math.floor(yq));
  const hi = Math.max(HI, Math.ceil(yq));
  return quietChart(projectorPlot({
    width, height, marginLeft: 40, marginTop: 24, marginBottom: 38, marginRight: 14, style: style(c),
    x: { domain: [LO, HI], label: 'x →', grid: true, labelAnchor: 'right' },
    y: { domain: [lo, hi], label: '↑ ŷ', grid: true },
    marks: [
      Plot.frame({ stroke: c.grid }),
      Plot.line(segment(m), { x: 'x', y: 'y', stroke: c.line, strokeWidth: 3, clip: true }),
      Plot.link([{ x1: xq, y1: lo, x2: xq, y2: yq }, { x1: LO, y1: yq, x2: xq, y2: yq }], {
        x1: 'x1', y1: 'y1', x2: 'x2', y2: 'y2', stroke: c.accent2, strokeDasharray: '4 4', strokeWidth: 1.5,
      }),
      Plot.dot([{ x: xq, y: yq }], { x: 'x', y: 'y', r: 7, fill: c.accent2, stroke: c.bg, strokeWidth: 2 }),
    ],
  }) as unknown as Element);
}

/** Maps a pointer position to plane units with the scales of a chart drawn by fitChart. */
export function toPlane(svg: SVGSVGElement, clientX: number, clientY: number): { x: number; y: number; px: number; py: number } | null {
  const plot = svg as unknown as { scale(name: 'x' | 'y'): { invert?(v: number): number; apply(v: number): number } | undefined };
  const sx = plot.scale('x');
  const sy = plot.scale('y');
  const r = svg.getBoundingClientRect();
  const vbw = svg.viewBox.baseVal?.width || r.width;
  if (!sx?.invert || !sy?.invert || r.width === 0) return null;
  const k = vbw / r.width;
  const px = (clientX - r.left) * k;
  const py = (clientY - r.top) * k;
  return { x: sx.invert(px), y: sy.invert(py), px, py };
}

/** Pixel (viewBox) position of a plane point in a chart drawn by fitChart. */
export function toPixels(svg: SVGSVGElement, p: Point): { px: number; py: number } | null {
  const plot = svg as unknown as { scale(name: 'x' | 'y'): { apply(v: number): number } | undefined };
  const sx = plot.scale('x');
  const sy = plot.scale('y');
  return sx && sy ? { px: sx.apply(p.x), py: sy.apply(p.y) } : null;
}
