/**
 * SVG of the live anomaly score (DOM only): the last HISTORY results as a line over time, the
 * threshold as a horizontal line, the points above it marked; and the classifier's bars.
 */
import { fmt } from '../lib/widget/dom';
import { classBars as probBars } from '../lib/widget/bars';
import type { LiveResult } from './core';
import { svgEl as el } from '../lib/draw/svg';

/** Score over the last `spanMs` of results (x: seconds before the newest), threshold line. */
export function scoreChart(width: number, height: number, hist: readonly LiveResult[], threshold: number, spanMs = 20_000): SVGSVGElement {
  const m = { l: 44, r: 12, t: 12, b: 28 };
  const svg = el('svg', { viewBox: `0 0 ${width} ${height}`, width, height, class: 'al-svg', 'aria-hidden': 'true' });
  const scores = hist.map((r) => Math.min(r.score, 50));
  const hi = Math.max(threshold + 1, 2, ...scores) * 1.05;
  const lo = Math.min(-1.5, threshold - 0.5, ...scores);
  const tEnd = hist.length ? hist[hist.length - 1]!.t : spanMs;
  const sx = (t: number): number => m.l + (1 - (tEnd - t) / spanMs) * (width - m.l - m.r);
  const sy = (v: number): number => m.t + (1 - (v - lo) / (hi - lo)) * (height - m.t - m.b);
  svg.append(el('rect', { x: m.l, y: m.t, width: width - m.l - m.r, height: height - m.t - m.b, class: 'al-frame' }));
  svg.append(el('rect', { x: m.l, y: m.t, width: width - m.l - m.r, height: Math.max(0, sy(threshold) - m.t), class: 'al-danger' }));
  svg.append(el('line', { x1: m.l, x2: width - m.r, y1: sy(0), y2: sy(0), class: 'al-zero' }));
  svg.append(el('line', { x1: m.l, x2: width - m.r, y1: sy(threshold), y2: sy(threshold), class: 'al-threshold' }));
  svg.append(el('text', { x: width - m.r - 4, y: sy(threshold) - 4, 'text-anchor': 'end', class: 'al-tick' }, `umbral ${fmt(threshold, 2)}`));
  for (const v of [lo, 0, hi]) svg.append(el('text', { x: m.l - 4, y: sy(v) + 4, 'text-anchor': 'end', class: 'al-tick' }, fmt(v, 1)));
  svg.append(el('text', { x: width - m.r, y: height - 6, 'text-anchor': 'end', class: 'al-tick' }, 'ahora'));
  svg.append(el('text', { x: m.l, y: height - 6, class: 'al-tick' }, `hace ${Math.round(spanMs / 1000)} s`));
  const vis = hist.filter((r) => tEnd - r.t <= spanMs);
  if (vis.length) svg.append(el('path', { d: vis.map((r, i) => `${i ? 'L' : 'M'}${sx(r.t).toFixed(1)},${sy(Math.min(r.score, 50)).toFixed(1)}`).join(''), class: 'al-line' }));
  for (const r of vis) if (r.score > threshold) svg.append(el('circle', { cx: sx(r.t), cy: sy(Math.min(r.score, 50)), r: 3.5, class: 'al-hot' }));
  return svg;
}

/** One labelled bar per class (probability in %); the top one marked. */
export function classBars(labels: readonly string[], probs: ArrayLike<number> | null): HTMLElement {
  return probBars(labels, probs, { list: 'al-bars', top: 'al-top', label: 'al-bar-label', track: 'al-bar-track', bar: 'al-bar', value: 'al-bar-value' });
}
