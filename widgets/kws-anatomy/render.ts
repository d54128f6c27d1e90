/**
 * Drawing for kws-anatomy (DOM only): sparklines and bars as small SVGs, the 49 × C window as a
 * canvas heatmap, class-probability bars, a stage's cost lines and the board's stacked bars.
 * Colours come from the theme variables through CSS classes (style.css); the heatmap's ramp is fixed.
 */
import { h } from '../lib/widget/dom';
import { classBars as probBars } from '../lib/widget/bars';
import type { StageId } from '../lib/kws/anatomy';
import { budgetSegments, formatShare, stageCostLines, type AnatomyCosts, type Resource } from './core';
import type { StageCost } from '../lib/kws/anatomy';
import { svgEl } from '../lib/draw/svg';

export const PLOT_W = 240;
export const PLOT_H = 64;

function frame(w: number, hgt: number): SVGSVGElement {
  return svgEl('svg', { viewBox: `0 0 ${w} ${hgt}`, class: 'ka-svg', 'aria-hidden': 'true', preserveAspectRatio: 'none' });
}

/** A waveform in [−1, 1] (scaled to its own peak, at least ±0.05) as a line. */
export function sparkline(values: ArrayLike<number> | null, w = PLOT_W, hgt = PLOT_H): SVGSVGElement {
  const svg = frame(w, hgt);
  svg.append(svgEl('line', { x1: 0, x2: w, y1: hgt / 2, y2: hgt / 2, class: 'ka-zero' }));
  if (!values || values.length < 2) return svg;
  let peak = 0.05;
  for (let i = 0; i < values.length; i++) peak = Math.max(peak, Math.abs(values[i]!));
  const n = values.length;
  // At most one point per half pixel.
  const step = Math.max(1, Math.floor(n / (2 * w)));
  let d = '';
  for (let i = 0; i < n; i += step) {
    const x = (i / (n - 1)) * w;
    const y = hgt / 2 - (values[i]! / peak) * (hgt / 2 - 2);
    d += `${d ? 'L' : 'M'}${x.toFixed(1)},${y.toFixed(1)}`;
  }
  svg.append(svgEl('path', { d, class: 'ka-line' }));
  return svg;
}

/** Bars from `lo` up (values clamped to [lo, hi]); signed: bars from 0 both ways on a ±max scale. */
export function bars(values: ArrayLike<number> | null, o: { lo?: number; hi?: number; signed?: boolean } = {}, w = PLOT_W, hgt = PLOT_H): SVGSVGElement {
  const svg = frame(w, hgt);
  if (!values || values.length === 0) return svg;
  const n = values.length;
  const bw = w / n;
  if (o.signed) {
    let m = 1e-9;
    for (let i = 0; i < n; i++) m = Math.max(m, Math.abs(values[i]!));
    svg.append(svgEl('line', { x1: 0, x2: w, y1: hgt / 2, y2: hgt / 2, class: 'ka-zero' }));
    for (let i = 0; i < n; i++) {
      const v = values[i]! / m;
      const y = v >= 0 ? hgt / 2 - v * (hgt / 2 - 1) : hgt / 2;
      svg.append(svgEl('rect', { x: (i * bw + 0.5).toFixed(1), y: y.toFixed(1), width: Math.max(0.5, bw - 1).toFixed(1), height: (Math.abs(v) * (hgt / 2 - 1)).toFixed(1), class: v >= 0 ? 'ka-bar' : 'ka-bar-neg' }));
    }
    return svg;
  }
  let lo = o.lo ?? Infinity;
  let hi = o.hi ?? -Infinity;
  if (o.lo === undefined) for (let i = 0; i < n; i++) lo = Math.min(lo, values[i]!);
  if (o.hi === undefined) for (let i = 0; i < n; i++) hi = Math.max(hi, values[i]!);
  if (!(hi > lo)) hi = lo + 1;
  for (let i = 0; i < n; i++) {
    const v = Math.min(1, Math.max(0, (values[i]! - lo) / (hi - lo)));
    const bh = v * (hgt - 1);
    svg.append(svgEl('rect', { x: (i * bw + (bw > 2 ? 0.5 : 0)).toFixed(2), y: (hgt - bh).toFixed(1), width: Math.max(0.4, bw > 2 ? bw - 1 : bw).toFixed(2), height: bh.toFixed(1), class: 'ka-bar' }));
  }
  return svg;
}

/** A fixed dark-blue → yellow ramp (readable on light and dark pages), t in [0, 1]. */
function ramp(t: number): [number, number, number] {
  const stops: [number, number, number][] = [[33, 25, 84], [45, 110, 142], [38, 168, 123], [160, 210, 60], [250, 230, 35]];
  const x = Math.min(0.9999, Math.max(0, t)) * (stops.length - 1);
  const i = Math.floor(x);
  const f = x - i;
  const a = stops[i]!;
  const b = stops[i + 1]!;
  return [a[0] + f * (b[0] - a[0]), a[1] + f * (b[1] - a[1]), a[2] + f * (b[2] - a[2])];
}

/**
 * The window as a heatmap: time left → right (oldest first), coefficient 0 at the bottom; each
 * coefficient scaled by its own range over the window (the values of c0 are far larger).
 */
export function paintWindow(canvas: HTMLCanvasElement, rows: readonly ArrayLike<number>[], frames: number): void {
  const bins = rows[0]?.length ?? 1;
  canvas.width = frames;
  canvas.height = bins;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const img = ctx.createImageData(frames, bins);
  const lo = new Float64Array(bins).fill(Infinity);
  const hi = new Float64Array(bins).fill(-Infinity);
  for (const r of rows) for (let b = 0; b < bins; b++) { lo[b] = Math.min(lo[b]!, r[b]!); hi[b] = Math.max(hi[b]!, r[b]!); }
  const offset = frames - rows.length;
  for (let t = 0; t < frames; t++) {
    const r = rows[t - offset];
    for (let b = 0; b < bins; b++) {
      const p = ((bins - 1 - b) * frames + t) * 4;
      const [R, G, B] = r ? ramp(hi[b]! > lo[b]! ? (r[b]! - lo[b]!) / (hi[b]! - lo[b]!) : 0.5) : [128, 128, 128];
      img.data[p] = R; img.data[p + 1] = G; img.data[p + 2] = B; img.data[p + 3] = r ? 255 : 40;
    }
  }
  ctx.putImageData(img, 0, 0);
}

/** One labelled bar per class (probability in %); the top one marked. */
export function classBars(labels: readonly string[], probs: ArrayLike<number> | null, cls = 'ka-probs'): HTMLElement {
  return probBars(labels, probs, { list: cls, top: 'ka-top', label: 'ka-plabel', track: 'ka-ptrack', bar: 'ka-pbar', value: 'ka-pvalue' });
}

/** The three cost lines of a box, each with data-cost for the tests. */
export function costList(c: StageCost): HTMLElement {
  const l = stageCostLines(c);
  const row = (k: 'ops' | 'ram' | 'flash', label: string, v: string): HTMLElement =>
    h('div', { class: 'ka-cost-row' }, h('dt', { text: label }), h('dd', { 'data-cost': k, text: v }));
  return h('dl', { class: 'ka-costs' }, row('ops', 'Cálculo', l.ops), row('ram', 'RAM', l.ram), row('flash', 'Flash', l.flash));
}

/** Colour class of each stage in the stacked bars (the five theme colours and four mixes of them). */
export const STAGE_COLOR: Record<StageId, string> = {
  mic: 'ka-s5', frames: 'ka-s6', fft: 'ka-s1', mel: 'ka-s3', log: 'ka-s7', dct: 'ka-s4', window: 'ka-s8', model: 'ka-s2', recognize: 'ka-s9',
};

/**
 * A resource's stacked bars: the real scale (100 % = the whole board) and the «reparto» (100 % =
 * what the app uses), each segment titled with its stage and share.
 */
export function budgetBars(r: Resource, c: AnatomyCosts, titles: Record<StageId, string>): HTMLElement {
  const segs = budgetSegments(r, c);
  const real = h('div', { class: 'ka-track', 'aria-hidden': 'true' });
  const split = h('div', { class: 'ka-track ka-split', 'aria-hidden': 'true' });
  for (const s of segs) {
    const a = h('span', { class: `ka-seg ${STAGE_COLOR[s.id]}`, title: `${titles[s.id]}: ${formatShare(s.share)}` });
    a.style.width = `${Math.min(100, s.share * 100).toFixed(3)}%`;
    real.append(a);
    const b = h('span', { class: `ka-seg ${STAGE_COLOR[s.id]}`, title: `${titles[s.id]}: ${formatShare(s.ofUsed)} de lo usado` });
    b.style.width = `${(s.ofUsed * 100).toFixed(3)}%`;
    split.append(b);
  }
  return h('div', { class: 'ka-budget-bars' },
    h('span', { class: 'ka-track-label', text: 'de la placa' }), real,
    h('span', { class: 'ka-track-label', text: 'reparto' }), split);
}
