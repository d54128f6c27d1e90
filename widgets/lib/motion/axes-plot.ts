/**
 * Canvas drawing of the three accelerometer axes (browser view helper, used by the capture and
 * live widgets and their thumbnails). Light on the main thread: the canvas's backing size comes
 * from a ResizeObserver (never read in a frame, so drawing causes no layout), and a trace with
 * more points than pixel columns is drawn as a min/max band per column, so 1 kHz costs about
 * the same as 100 Hz. Units: t in ms, values in m/s².
 */
import { themeVars } from '../widget/dom';
import { chartFontPx } from '../widget/chart-font';

export interface AxesData {
  readonly length: number;
  t(i: number): number;
  /** Axis 0, 1, 2 = x, y, z. */
  v(axis: number, i: number): number;
}

export interface PlotColors {
  fg: string;
  muted: string;
  grid: string;
  /** Colours of x, y, z. */
  axes: [string, string, string];
  band: string;
}

export interface PlotOptions {
  /** Time domain, ms. */
  t0: number;
  t1: number;
  /** Shaded time span (e.g. the live window), ms. */
  band?: readonly [number, number] | null;
  /** Axis labels and grid (false for thumbnails). */
  decorate?: boolean;
  /** Fixed value domain, m/s² (default: fitted to the data, rounded out to multiples of 5). */
  yDomain?: readonly [number, number];
  /** Text drawn in the middle when there is nothing to show. */
  empty?: string;
}

/** Keeps a canvas's backing store at its CSS size × devicePixelRatio (observed, not polled). */
export class CanvasSurface {
  readonly canvas: HTMLCanvasElement;
  width = 0;
  height = 0;
  #ro: ResizeObserver | null = null;
  #onResize: () => void;

  constructor(canvas: HTMLCanvasElement, onResize: () => void = () => {}) {
    this.canvas = canvas;
    this.#onResize = onResize;
    if (typeof ResizeObserver === 'function') {
      this.#ro = new ResizeObserver((entries) => {
        const box = entries[entries.length - 1]!.contentRect;
        this.#set(box.width, box.height);
      });
      this.#ro.observe(canvas);
    }
  }

  #set(w: number, h: number): void {
    if (w === this.width && h === this.height) return;
    this.width = w;
    this.height = h;
    const dpr = Math.min(2, globalThis.devicePixelRatio || 1);
    this.canvas.width = Math.max(1, Math.round(w * dpr));
    this.canvas.height = Math.max(1, Math.round(h * dpr));
    this.#onResize();
  }

  /** A 2-D context scaled to CSS pixels, or null before the first size is known. */
  context(): CanvasRenderingContext2D | null {
    if (this.width < 2 || this.height < 2) return null;
    const ctx = this.canvas.getContext('2d');
    if (!ctx) return null;
    ctx.setTransform(this.canvas.width / this.width, 0, 0, this.canvas.height / this.height, 0, 0);
    return ctx;
  }

  dispose(): void {
    this.#ro?.disconnect();
    this.#ro = null;
  }
}

/** A value domain that holds [lo, hi], rounded out to multiples of 5 m/s², at least 10 wide. */
export function niceDomain(lo: number, hi: number): [number, number] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [-10, 10];
  let a = Math.floor(lo / 5) * 5;
  let b = Math.ceil(hi / 5) * 5;
  if (b - a < 10) {
    const mid = (a + b) / 2;
    a = Math.floor((mid - 5) / 5) * 5;
    b = a + 10;
  }
  return [a, b];
}

/** First and one-past-last indices with t0 ≤ t(i) ≤ t1 (t increasing). */
function visible(d: AxesData, t0: number, t1: number): [number, number] {
  let lo = 0;
  let hi = d.length;
  while (lo < hi) { const m = (lo + hi) >> 1; if (d.t(m) < t0) lo = m + 1; else hi = m; }
  let end = lo;
  let r = d.length;
  while (end < r) { const m = (end + r) >> 1; if (d.t(m) <= t1) end = m + 1; else r = m; }
  return [lo, end];
}

export function drawAxes(ctx: CanvasRenderingContext2D, w: number, h: number, d: AxesData, c: PlotColors, o: PlotOptions): void {
  const deco = o.decorate ?? true;
  // Tick labels are 11 px, or more in projector mode: the margins grow with them.
  const tick = chartFontPx(ctx.canvas, 11);
  const k = tick / 11;
  const left = deco ? Math.round(34 * k) : 1;
  const right = deco ? 6 : 1;
  const top = deco ? Math.round(6 * k) : 2;
  const bottom = deco ? Math.round(16 * k) : 2;
  const pw = Math.max(1, w - left - right);
  const ph = Math.max(1, h - top - bottom);
  ctx.clearRect(0, 0, w, h);
  const [i0, i1] = visible(d, o.t0, o.t1);
  let yd = o.yDomain;
  if (!yd) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = i0; i < i1; i++) for (let a = 0; a < 3; a++) { const v = d.v(a, i); if (v < lo) lo = v; if (v > hi) hi = v; }
    yd = i1 > i0 ? niceDomain(lo, hi) : [-10, 10];
  }
  const [ya, yb] = yd;
  const X = (t: number): number => left + ((t - o.t0) / (o.t1 - o.t0)) * pw;
  const Y = (v: number): number => top + (1 - (v - ya) / (yb - ya)) * ph;
  if (o.band) {
    const a = Math.max(left, X(o.band[0]));
    const b = Math.min(left + pw, X(o.band[1]));
    if (b > a) { ctx.fillStyle = c.band; ctx.fillRect(a, top, b - a, ph); }
  }
  if (deco) {
    ctx.strokeStyle = c.grid;
    ctx.fillStyle = c.muted;
    ctx.lineWidth = 1;
    ctx.font = `${tick}px system-ui, sans-serif`;
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    const step = yb - ya > 40 ? 10 : 5;
    for (let v = Math.ceil(ya / step) * step; v <= yb + 1e-9; v += step) {
      const y = Math.round(Y(v)) + 0.5;
      ctx.beginPath(); ctx.moveTo(left, y); ctx.lineTo(left + pw, y); ctx.stroke();
      ctx.fillText(String(v).replace('-', '−'), left - 4, y);
    }
  }
  if (i1 - i0 === 0 && o.empty) {
    ctx.fillStyle = c.muted;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.font = `${chartFontPx(ctx.canvas, 13)}px system-ui, sans-serif`;
    ctx.fillText(o.empty, left + pw / 2, top + ph / 2);
    return;
  }
  ctx.lineWidth = deco ? 1.6 : 1.1;
  ctx.lineJoin = 'round';
  const dense = i1 - i0 > 2 * pw;
  for (let a = 0; a < 3; a++) {
    ctx.strokeStyle = c.axes[a]!;
    ctx.beginPath();
    if (dense) {
      // One vertical min–max stroke per pixel column.
      let col = -1;
      let mn = 0;
      let mx = 0;
      const flush = (): void => { if (col >= 0) { ctx.moveTo(col + 0.5, Y(mx)); ctx.lineTo(col + 0.5, Y(mn) + 0.01); } };
      for (let i = i0; i < i1; i++) {
        const px = Math.floor(X(d.t(i)));
        const v = d.v(a, i);
        if (px !== col) { flush(); col = px; mn = mx = v; } else { if (v < mn) mn = v; if (v > mx) mx = v; }
      }
      flush();
    } else {
      for (let i = i0; i < i1; i++) {
        const x = X(d.t(i));
        const y = Y(d.v(a, i));
        if (i === i0) ctx.moveTo(x, y); else ctx.lineTo(x, y);
      }
    }
    ctx.stroke();
  }
}

/** AxesData over plain rows `[t, x, y, z]`. */
export function rowsData(rows: ReadonlyArray<readonly [number, number, number, number]>): AxesData {
  return { length: rows.length, t: (i) => rows[i]![0], v: (a, i) => rows[i]![a + 1]! };
}

/** Reads the chart colours from the theme variables on `el` (call when the theme changes, not per frame). */
export function plotColors(el: Element): PlotColors {
  const v = themeVars(el);
  return {
    fg: v('--fg', '#222'), muted: v('--fg-muted', '#666'), grid: v('--grid', '#ddd'),
    axes: [v('--c2', '#c2410c'), v('--c1', '#0f766e'), v('--c3', '#6d28d9')],
    band: v('--bg-sunk', '#f3f4f1'),
  };
}
