/**
 * d3 drawings of the gradient-descent explorer (imported only by view.ts, so d3 loads lazily).
 *
 * SurfaceChart draws a surface once (1-D: the curve L(w); 2-D: filled contours of L(w1, w2)
 * computed with d3.contours on a GRID × GRID grid) and then, on every step, only moves the
 * overlay: the path w_0 … w_t, the current point and (1-D) the tangent whose slope is L'(w_t).
 * Pixel sizes are SVG viewBox units; the SVG scales to its container width.
 */
import { axisBottom, axisLeft, contours, geoPath, geoTransform, line, scaleLinear, scaleLog, select, type ScaleLinear } from 'd3';
import { fmt, uniqueId } from '../lib/widget/dom';
import type { Surface } from './surfaces';

export interface Colors {
  fg: string;
  muted: string;
  grid: string;
  bg: string;
  curve: string;
  path: string;
  min: string;
  contour: string;
}

const NS = 'http://www.w3.org/2000/svg';
const GRID = 80;
const LEVELS = 14;
/** Dots are drawn for at most this many of the most recent points (the polyline shows all). */
const MAX_DOTS = 150;

type Scale = ScaleLinear<number, number>;
const tick = (v: number | { valueOf(): number }): string => fmt(Number(v), 2);

/** Contour levels between lo and hi, denser near the bottom (log-spaced above lo). */
export function contourLevels(lo: number, hi: number, n = LEVELS): number[] {
  const span = Math.max(hi - lo, 1e-9);
  const a = Math.log(span * 2e-3);
  const b = Math.log(span * 0.9);
  return Array.from({ length: n }, (_, i) => lo + Math.exp(a + ((b - a) * i) / (n - 1)));
}

export class SurfaceChart {
  readonly svg: SVGSVGElement;
  readonly x: Scale;
  readonly y: Scale;
  readonly #s: Surface;
  readonly #c: Colors;
  readonly #overlay: SVGGElement;

  /** `k`: text scale (lib/widget/chart-font chartScale); margins and label offsets grow by it. */
  constructor(s: Surface, width: number, c: Colors, k = 1) {
    this.#s = s;
    this.#c = c;
    const m = { top: Math.round(26 * k), right: Math.round(14 * k), bottom: Math.round(42 * k), left: Math.round(50 * k) };
    const height = Math.round(s.dims === 1 ? Math.min(360, Math.max(230, width * 0.62)) : Math.min(460, Math.max(260, width * 0.8))) + (m.top - 26) + (m.bottom - 42);
    const [d0, d1] = [s.domain[0]!, s.dims === 2 ? s.domain[1]! : s.lossRange!];
    this.x = scaleLinear().domain([d0[0], d0[1]]).range([m.left, width - m.right]);
    this.y = scaleLinear().domain([d1[0], d1[1]]).range([height - m.bottom, m.top]);
    const svg = select(document.createElementNS(NS, 'svg'))
      .attr('viewBox', `0 0 ${width} ${height}`).attr('width', width).attr('height', height)
      .attr('class', 'gd-svg');
    const clip = uniqueId('gd-clip');
    svg.append('clipPath').attr('id', clip).append('rect')
      .attr('x', m.left).attr('y', m.top).attr('width', width - m.left - m.right).attr('height', height - m.top - m.bottom);
    const plot = svg.append('g').attr('clip-path', `url(#${clip})`).attr('aria-hidden', 'true');
    if (s.dims === 2) this.#contours(plot.node()!);
    else this.#curve(plot.node()!);
    // Minima: a small cross each (the global one slightly larger), not clipped by the frame.
    const marks = svg.append('g').attr('aria-hidden', 'true');
    s.minima.forEach((mn, i) => {
      const [px, py] = this.toPixels(mn);
      const r = i === 0 ? 7 : 5;
      marks.append('path').attr('d', `M${px - r},${py - r}L${px + r},${py + r}M${px - r},${py + r}L${px + r},${py - r}`)
        .attr('stroke', c.min).attr('stroke-width', 2.5).attr('fill', 'none');
    });
    this.#overlay = svg.append('g').attr('clip-path', `url(#${clip})`).attr('aria-hidden', 'true').attr('class', 'gd-overlay').node()!;
    const ax = svg.append('g').attr('transform', `translate(0,${height - m.bottom})`).attr('aria-hidden', 'true')
      .call(axisBottom(this.x).ticks(Math.max(3, Math.floor(width / 80 / k))).tickFormat(tick));
    const ay = svg.append('g').attr('transform', `translate(${m.left},0)`).attr('aria-hidden', 'true')
      .call(axisLeft(this.y).ticks(Math.max(3, Math.round(6 / k))).tickFormat(tick));
    for (const a of [ax, ay]) {
      a.selectAll('path, line').attr('stroke', c.muted);
      a.selectAll('text').attr('fill', c.fg).attr('font-size', 12);
    }
    svg.append('text').attr('x', width - m.right).attr('y', height - 6 * k).attr('text-anchor', 'end')
      .attr('fill', c.fg).attr('font-size', 13).text(`${s.plain[0]} →`);
    svg.append('text').attr('x', m.left - 6).attr('y', 16 * k).attr('text-anchor', 'middle')
      .attr('fill', c.fg).attr('font-size', 13).text(s.dims === 2 ? `↑ ${s.plain[1]}` : '↑ L(w)');
    this.svg = svg.node()!;
  }

  /** Pixel position (viewBox units) of a parameter point; 1-D points sit on the curve. */
  toPixels(w: readonly number[]): [number, number] {
    const s = this.#s;
    return s.dims === 2 ? [this.x(w[0]!), this.y(w[1]!)] : [this.x(w[0]!), this.y(s.f(w))];
  }

  /** Parameter point under a pointer position, clamped to the drawn domain. */
  toPlane(clientX: number, clientY: number): number[] | null {
    const r = this.svg.getBoundingClientRect();
    if (r.width === 0) return null;
    const k = this.svg.viewBox.baseVal.width / r.width;
    const clamp = (v: number, [lo, hi]: readonly [number, number]): number => Math.min(hi, Math.max(lo, v));
    const a = clamp(this.x.invert((clientX - r.left) * k), this.#s.domain[0]!);
    if (this.#s.dims === 1) return [a];
    return [a, clamp(this.y.invert((clientY - r.top) * k), this.#s.domain[1]!)];
  }

  #curve(g: SVGGElement): void {
    const s = this.#s;
    const [lo, hi] = s.domain[0]!;
    const pts = Array.from({ length: 241 }, (_, i) => lo + ((hi - lo) * i) / 240);
    select(g).append('path')
      .attr('d', line<number>().x((w) => this.x(w)).y((w) => this.y(s.f([w])))(pts))
      .attr('fill', 'none').attr('stroke', this.#c.curve).attr('stroke-width', 3);
  }

  #contours(g: SVGGElement): void {
    const s = this.#s;
    const [[x0, x1], [y0, y1]] = [s.domain[0]!, s.domain[1]!];
    // values[j*GRID + i] = L at the centre of cell (i, j); row j = 0 is the bottom (smallest w2).
    const values = new Float64Array(GRID * GRID);
    let lo = Infinity;
    let hi = -Infinity;
    for (let j = 0; j < GRID; j++) {
      for (let i = 0; i < GRID; i++) {
        const v = s.f([x0 + ((i + 0.5) * (x1 - x0)) / GRID, y0 + ((j + 0.5) * (y1 - y0)) / GRID]);
        values[j * GRID + i] = v;
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    const levels = contourLevels(lo, hi);
    const xs = this.x;
    const ys = this.y;
    const project = geoTransform({
      point(gx: number, gy: number) {
        this.stream.point(xs(x0 + (gx * (x1 - x0)) / GRID), ys(y0 + (gy * (y1 - y0)) / GRID));
      },
    });
    const path = geoPath(project);
    const bands = contours().size([GRID, GRID]).thresholds(levels)(Array.from(values));
    const sel = select(g);
    bands.forEach((band, i) => {
      sel.append('path').attr('d', path(band) ?? '')
        .attr('fill', this.#c.contour).attr('fill-opacity', 0.045)
        .attr('stroke', this.#c.contour).attr('stroke-opacity', 0.55 - (0.3 * i) / LEVELS).attr('stroke-width', 1);
    });
  }

  /** Redraws the overlay for the visited points path[0..t]. */
  drawRun(path: readonly (readonly number[])[], slope: number | null): void {
    const c = this.#c;
    const o = select(this.#overlay);
    o.selectAll('*').remove();
    if (!path.length) return;
    // Far-off points (a diverging run) are clamped so SVG numbers stay small; the clip hides them.
    const k = (v: number): number => Math.max(-1e5, Math.min(1e5, Number.isFinite(v) ? v : 1e5));
    const px = path.map((w) => this.toPixels(w).map(k) as [number, number]);
    o.append('path').attr('d', `M${px.map((p) => p.join(',')).join('L')}`)
      .attr('fill', 'none').attr('stroke', c.path).attr('stroke-width', 2).attr('stroke-linejoin', 'round');
    const from = Math.max(1, px.length - 1 - MAX_DOTS);
    for (let i = from; i < px.length - 1; i++) {
      o.append('circle').attr('cx', px[i]![0]).attr('cy', px[i]![1]).attr('r', 3).attr('fill', c.path);
    }
    const [sx, sy] = px[0]!;
    o.append('circle').attr('class', 'gd-start').attr('cx', sx).attr('cy', sy).attr('r', 8)
      .attr('fill', c.bg).attr('stroke', c.fg).attr('stroke-width', 2.5);
    const [cx, cy] = px[px.length - 1]!;
    if (slope !== null && Number.isFinite(slope) && this.#s.dims === 1) {
      // Tangent through (w, L(w)) with slope L'(w), ± 0.12 of the w range.
      const w = path[path.length - 1]![0]!;
      const [lo, hi] = this.#s.domain[0]!;
      const dw = (hi - lo) * 0.12;
      const L = this.#s.f([w]);
      o.append('line').attr('x1', k(this.x(w - dw))).attr('y1', k(this.y(L - slope * dw)))
        .attr('x2', k(this.x(w + dw))).attr('y2', k(this.y(L + slope * dw)))
        .attr('stroke', c.min).attr('stroke-width', 2).attr('stroke-dasharray', '5 4');
    }
    o.append('circle').attr('class', 'gd-current').attr('cx', cx).attr('cy', cy).attr('r', 7)
      .attr('fill', c.path).attr('stroke', c.bg).attr('stroke-width', 2);
  }
}

/** Loss L(w_t) against the step t, on a log axis (values ≤ 0 are floored at 1e-8); `k` as in SurfaceChart. */
export function lossChart(losses: readonly number[], width: number, c: Colors, diverged: boolean, k = 1): SVGSVGElement {
  const m = { top: Math.round(10 * k), right: Math.round(12 * k), bottom: Math.round(30 * k), left: Math.round(54 * k) };
  const height = 150 + (m.top - 10) + (m.bottom - 30);
  const every = Math.max(1, Math.ceil(losses.length / 400));
  const pts = losses.map((L, t) => [t, Math.max(1e-8, Number.isFinite(L) ? L : 1e12)] as const).filter((_, t) => t % every === 0 || t === losses.length - 1);
  const ys = pts.map((p) => p[1]);
  const lo = Math.min(...ys, 1);
  const hi = Math.max(...ys, lo * 10);
  const x = scaleLinear().domain([0, Math.max(10, losses.length - 1)]).range([m.left, width - m.right]);
  const y = scaleLog().domain([lo, hi]).range([height - m.bottom, m.top]).nice();
  const svg = select(document.createElementNS(NS, 'svg'))
    .attr('viewBox', `0 0 ${width} ${height}`).attr('width', width).attr('height', height);
  svg.append('path').attr('d', line<readonly [number, number]>().x((p) => x(p[0])).y((p) => y(p[1]))(pts) ?? '')
    .attr('fill', 'none').attr('stroke', diverged ? c.min : c.path).attr('stroke-width', 2).attr('aria-hidden', 'true');
  const ax = svg.append('g').attr('transform', `translate(0,${height - m.bottom})`)
    .call(axisBottom(x).ticks(Math.max(2, Math.round(5 / k))).tickFormat((v) => fmt(Number(v), 0)));
  const pow = (v: number): string => {
    const e = Math.round(Math.log10(v));
    return Math.abs(v - 10 ** e) / v < 1e-6 ? (e >= -2 && e <= 3 ? fmt(v, 2) : `1e${e}`) : '';
  };
  const ay = svg.append('g').attr('transform', `translate(${m.left},0)`)
    .call(axisLeft(y).ticks(4).tickFormat((v) => pow(Number(v))));
  for (const a of [ax, ay]) {
    a.attr('aria-hidden', 'true');
    a.selectAll('path, line').attr('stroke', c.muted);
    a.selectAll('text').attr('fill', c.fg).attr('font-size', 11);
  }
  svg.append('text').attr('x', width - m.right).attr('y', height - 2 * k).attr('text-anchor', 'end')
    .attr('fill', c.fg).attr('font-size', 12).text('paso t →');
  svg.append('text').attr('x', m.left + 4).attr('y', m.top + 2).attr('dominant-baseline', 'hanging')
    .attr('fill', c.fg).attr('font-size', 12).text('L (escala log.)');
  return svg.node()!;
}
