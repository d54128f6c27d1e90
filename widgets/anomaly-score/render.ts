/**
 * SVG of the anomaly-score plane (DOM only): the clusters' discs of radius r_k + s for the
 * levels (thin lines), the threshold region (filled union of discs of radius r_k + t), the normal
 * points, the centroids and the new point with its segment to the nearest centroid.
 */
import { fmt } from '../lib/widget/dom';
import type { AnomalyModel, ScoreParts } from '../lib/kmeans/score';
import { LEVELS, PLANE } from './core';
import { svgEl as el } from '../lib/draw/svg';

let clipSeq = 0;

export interface ScorePlane {
  svg: SVGSVGElement;
  /** px → data (the plane is square, 0 … 10 on both axes). */
  ix: (px: number) => number;
  iy: (py: number) => number;
}

/** A circle as a path segment (two arcs), for unions drawn with one fill. */
const disc = (cx: number, cy: number, r: number): string => `M${cx - r},${cy}a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0`;

export function scorePlane(size: number, points: readonly number[][], m: AnomalyModel, probe: { x: number; y: number; parts: ScoreParts; anomalous: boolean }, threshold: number): ScorePlane {
  const pad = 28;
  const span = PLANE.hi - PLANE.lo;
  const u = (size - 2 * pad) / span; // px per unit
  const sx = (v: number): number => pad + (v - PLANE.lo) * u;
  const sy = (v: number): number => size - pad - (v - PLANE.lo) * u;
  const svg = el('svg', { viewBox: `0 0 ${size} ${size}`, width: size, height: size, class: 'as-svg', 'aria-hidden': 'true' });
  const clipId = `as-clip-${++clipSeq}`;
  const defs = el('defs', {});
  const cp = el('clipPath', { id: clipId });
  cp.append(el('rect', { x: pad, y: pad, width: size - 2 * pad, height: size - 2 * pad }));
  defs.append(cp);
  svg.append(defs);
  const g = el('g', { 'clip-path': `url(#${clipId})` });
  svg.append(el('rect', { x: pad, y: pad, width: size - 2 * pad, height: size - 2 * pad, class: 'as-outside' }));
  const radius = (k: number, s: number): number => Math.max(0, (m.radii[k]! + s) * u);
  g.append(el('path', { d: m.centroids.map((c, k) => disc(sx(c[0]!), sy(c[1]!), radius(k, threshold))).join(''), class: 'as-normal-zone' }));
  for (const s of LEVELS) for (const [k, c] of m.centroids.entries()) {
    if (radius(k, s) > 0) g.append(el('circle', { cx: sx(c[0]!), cy: sy(c[1]!), r: radius(k, s), class: s === 0 ? 'as-edge' : 'as-level' }));
  }
  for (const [k, c] of m.centroids.entries()) if (radius(k, threshold) > 0) g.append(el('circle', { cx: sx(c[0]!), cy: sy(c[1]!), r: radius(k, threshold), class: 'as-threshold' }));
  svg.append(g);
  svg.append(el('rect', { x: pad, y: pad, width: size - 2 * pad, height: size - 2 * pad, class: 'as-frame' }));
  for (const p of points) svg.append(el('circle', { cx: sx(p[0]!), cy: sy(p[1]!), r: 3.2, class: 'as-pt' }));
  for (const c of m.centroids) {
    const [x, y] = [sx(c[0]!), sy(c[1]!)];
    svg.append(el('path', { d: `M${x - 6},${y - 6}L${x + 6},${y + 6}M${x - 6},${y + 6}L${x + 6},${y - 6}`, class: 'as-centroid' }));
  }
  const c = m.centroids[probe.parts.cluster];
  const [qx, qy] = [sx(probe.x), sy(probe.y)];
  if (c) svg.append(el('line', { x1: sx(c[0]!), y1: sy(c[1]!), x2: qx, y2: qy, class: 'as-seg' }));
  svg.append(el('circle', { cx: qx, cy: qy, r: 7, class: probe.anomalous ? 'as-probe as-probe-bad' : 'as-probe' }));
  svg.append(el('text', { x: qx + 10, y: qy - 8, class: 'as-probe-label' }, `puntuación ${fmt(probe.parts.score, 2)}`));
  svg.append(el('text', { x: pad, y: size - 8, class: 'as-tick' }, '0'));
  svg.append(el('text', { x: size - pad, y: size - 8, 'text-anchor': 'end', class: 'as-tick' }, 'x → 10'));
  svg.append(el('text', { x: 4, y: pad + 4, class: 'as-tick' }, '10'));
  return { svg, ix: (px) => PLANE.lo + (px - pad) / u, iy: (py) => PLANE.lo + (size - pad - py) / u };
}
