/**
 * Canvas drawing for kws-features (browser; called once per animation frame with new rows, reads
 * no layout): a scrolling heatmap with its axes and colour legend, and the filterbank panel (the
 * newest frame's spectrum with the mel triangles over it). Sizes are CSS pixels.
 */
import type { MelFilterbank } from '../lib/audio/mel';
import type { RowRing, StickyRange } from './core';
import { es } from './core';
import { themeVars } from '../lib/widget/dom';
import { chartFontPx } from '../lib/widget/chart-font';

export interface Colors {
  fg: string;
  muted: string;
  grid: string;
  bg: string;
  accent: string;
  line: string;
}

export function readColors(el: Element): Colors {
  const v = themeVars(el);
  return { fg: v('--fg', '#222'), muted: v('--fg-muted', '#666'), grid: v('--grid', '#ddd'), bg: v('--bg-sunk', '#f3f4f1'), accent: v('--c2', '#c2410c'), line: v('--c1', '#0f766e') };
}

type Rgb = [number, number, number];
// Viridis at 0, .25, .5, .75, 1 (sequential: dark = little energy).
const SEQ: Rgb[] = [[68, 1, 84], [59, 82, 139], [33, 145, 140], [94, 201, 98], [253, 231, 37]];
// Blue – white – red (diverging around 0, for MFCC).
const DIV: Rgb[] = [[33, 102, 172], [146, 197, 222], [247, 247, 247], [244, 165, 130], [178, 24, 43]];

/** Colour of t ∈ [0, 1] on a 5-stop map. */
export function colorAt(t: number, map: 'seq' | 'div'): Rgb {
  const stops = map === 'seq' ? SEQ : DIV;
  const x = Math.min(1, Math.max(0, t)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const f = x - i;
  const a = stops[i]!;
  const b = stops[i + 1]!;
  return [a[0] + f * (b[0] - a[0]), a[1] + f * (b[1] - a[1]), a[2] + f * (b[2] - a[2])];
}

export interface Tick {
  /** Position in rows (0 = the bottom row's bottom edge … rows = top). */
  at: number;
  label: string;
}

export interface HeatmapSpec {
  ring: RowRing;
  range: StickyRange;
  map: 'seq' | 'div';
  /** First frame index on the left edge and seconds per frame (hop). */
  firstFrame: number;
  frameS: number;
  yTitle: string;
  yTicks: Tick[];
  unit: string;
  /** Highlighted cell: column (0 = left) and row (0 = bottom). */
  cursor?: { col: number; row: number } | null;
  empty?: string;
}

export const MARGIN = { left: 54, right: 58, top: 8, bottom: 34 };

/** The plot rectangle inside a w × h canvas. */
export const plotRect = (w: number, h: number): { x: number; y: number; w: number; h: number } =>
  ({ x: MARGIN.left, y: MARGIN.top, w: Math.max(10, w - MARGIN.left - MARGIN.right), h: Math.max(10, h - MARGIN.top - MARGIN.bottom) });

let scratch: HTMLCanvasElement | null = null;

/** The plot's frame, and the muted stroke, fill and font its ticks and labels are drawn with. */
function frameAxes(ctx: CanvasRenderingContext2D, r: ReturnType<typeof plotRect>, c: Colors): void {
  ctx.strokeStyle = c.muted;
  ctx.lineWidth = 1;
  ctx.strokeRect(r.x + 0.5, r.y + 0.5, r.w - 1, r.h - 1);
  ctx.fillStyle = c.muted;
  ctx.font = `${chartFontPx(ctx.canvas, 11)}px system-ui, sans-serif`;
}

export function drawHeatmap(ctx: CanvasRenderingContext2D, w: number, h: number, s: HeatmapSpec, c: Colors): void {
  ctx.clearRect(0, 0, w, h);
  const r = plotRect(w, h);
  const cols = s.ring.capacity;
  const rows = s.ring.width;
  ctx.fillStyle = c.bg;
  ctx.fillRect(r.x, r.y, r.w, r.h);
  const n = s.ring.length;
  if (n > 0 && s.range.ready) {
    scratch ??= document.createElement('canvas');
    if (scratch.width !== cols || scratch.height !== rows) {
      scratch.width = cols;
      scratch.height = rows;
    }
    const sc = scratch.getContext('2d')!;
    const img = sc.createImageData(cols, rows);
    const d = img.data;
    const offset = s.ring.first - s.firstFrame; // column of ring row 0
    for (let i = 0; i < n; i++) {
      const col = offset + i;
      if (col < 0 || col >= cols) continue;
      const row = s.ring.row(i);
      for (let b = 0; b < rows; b++) {
        const [R, G, B] = colorAt(s.range.t(row[b]!), s.map);
        const p = 4 * ((rows - 1 - b) * cols + col);
        d[p] = R;
        d[p + 1] = G;
        d[p + 2] = B;
        d[p + 3] = 255;
      }
    }
    sc.putImageData(img, 0, 0);
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(scratch, r.x, r.y, r.w, r.h);
  } else if (s.empty) {
    ctx.fillStyle = c.muted;
    ctx.font = `${chartFontPx(ctx.canvas, 13)}px system-ui, sans-serif`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText(s.empty, r.x + r.w / 2, r.y + r.h / 2);
  }
  // Cursor.
  if (s.cursor) {
    const cw = r.w / cols;
    const ch = r.h / rows;
    ctx.strokeStyle = c.fg;
    ctx.lineWidth = 1.5;
    ctx.strokeRect(r.x + s.cursor.col * cw - 1, r.y + (rows - 1 - s.cursor.row) * ch - 1, Math.max(3, cw) + 2, Math.max(3, ch) + 2);
  }
  // Axes.
  frameAxes(ctx, r, c);
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const t of s.yTicks) {
    const y = r.y + r.h - (t.at / rows) * r.h;
    ctx.fillText(t.label, r.x - 5, y);
    ctx.beginPath();
    ctx.moveTo(r.x - 3, y);
    ctx.lineTo(r.x, y);
    ctx.stroke();
  }
  ctx.save();
  ctx.translate(12, r.y + r.h / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textAlign = 'center';
  ctx.fillText(s.yTitle, 0, 0);
  ctx.restore();
  // Time: ticks every 0.5 s.
  const t0 = s.firstFrame * s.frameS;
  const t1 = (s.firstFrame + cols) * s.frameS;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (let t = Math.ceil(t0 * 2) / 2; t <= t1 + 1e-9; t += 0.5) {
    const x = r.x + ((t - t0) / (t1 - t0)) * r.w;
    ctx.beginPath();
    ctx.moveTo(x, r.y + r.h);
    ctx.lineTo(x, r.y + r.h + 3);
    ctx.stroke();
    ctx.fillText(es(t, 1), x, r.y + r.h + 4);
  }
  ctx.fillText('tiempo (s)', r.x + r.w / 2, r.y + r.h + 19);
  // Legend.
  const lx = r.x + r.w + 10;
  const lw = 10;
  for (let i = 0; i < r.h; i++) {
    const [R, G, B] = colorAt(1 - i / (r.h - 1), s.map);
    ctx.fillStyle = `rgb(${R | 0},${G | 0},${B | 0})`;
    ctx.fillRect(lx, r.y + i, lw, 1);
  }
  ctx.strokeStyle = c.muted;
  ctx.strokeRect(lx + 0.5, r.y + 0.5, lw - 1, r.h - 1);
  ctx.fillStyle = c.muted;
  ctx.textAlign = 'left';
  if (s.range.ready) {
    ctx.textBaseline = 'top';
    ctx.fillText(es(s.range.hi, 1), lx + lw + 3, r.y);
    ctx.textBaseline = 'bottom';
    ctx.fillText(es(s.range.lo, 1), lx + lw + 3, r.y + r.h);
  }
  ctx.textBaseline = 'middle';
  ctx.fillText(s.unit, lx + lw + 3, r.y + r.h / 2);
}

export interface BankSpec {
  fb: MelFilterbank;
  /** dB of the newest frame (N/2 + 1), or null. */
  db: Float32Array | null;
  dbRange: StickyRange;
  /** The highlighted filter. */
  band: number;
}

/** The newest spectrum (dB, left axis) with the M triangles W_m (weight 0…1, right axis). */
export function drawBank(ctx: CanvasRenderingContext2D, w: number, h: number, s: BankSpec, c: Colors): void {
  ctx.clearRect(0, 0, w, h);
  const r = plotRect(w, h);
  const { fs, fftSize: N } = { fs: s.fb.spec.sampleRate, fftSize: s.fb.spec.fftSize };
  const fMax = fs / 2;
  const xOf = (f: number): number => r.x + (f / fMax) * r.w;
  const yW = (v: number): number => r.y + r.h - v * r.h;
  ctx.fillStyle = c.bg;
  ctx.fillRect(r.x, r.y, r.w, r.h);
  // Triangles.
  const bins = N / 2 + 1;
  for (let m = 0; m < s.fb.weights.length; m++) {
    const wm = s.fb.weights[m]!;
    const lo = Math.max(0, s.fb.start[m]! - 1);
    const hi = Math.min(bins - 1, s.fb.end[m]!);
    ctx.beginPath();
    for (let k = lo; k <= hi; k++) {
      const x = xOf((k * fs) / N);
      if (k === lo) ctx.moveTo(x, yW(wm[k]!));
      else ctx.lineTo(x, yW(wm[k]!));
    }
    if (m === s.band) {
      ctx.lineTo(xOf((hi * fs) / N), yW(0));
      ctx.lineTo(xOf((lo * fs) / N), yW(0));
      ctx.closePath();
      ctx.globalAlpha = 0.3;
      ctx.fillStyle = c.accent;
      ctx.fill();
      ctx.globalAlpha = 1;
      ctx.strokeStyle = c.accent;
      ctx.lineWidth = 2;
    } else {
      ctx.strokeStyle = c.muted;
      ctx.lineWidth = 0.8;
      ctx.globalAlpha = 0.55;
    }
    ctx.stroke();
    ctx.globalAlpha = 1;
  }
  // Spectrum of the newest frame.
  if (s.db && s.dbRange.ready) {
    ctx.beginPath();
    for (let k = 0; k < bins; k++) {
      const x = xOf((k * fs) / N);
      const y = r.y + r.h - s.dbRange.t(s.db[k]!) * r.h;
      if (k === 0) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
    }
    ctx.strokeStyle = c.line;
    ctx.lineWidth = 1.6;
    ctx.stroke();
  }
  frameAxes(ctx, r, c);
  // x: Hz.
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (let f = 0; f <= fMax; f += 1000) {
    const x = xOf(f);
    ctx.beginPath();
    ctx.moveTo(x, r.y + r.h);
    ctx.lineTo(x, r.y + r.h + 3);
    ctx.stroke();
    if (f % 2000 === 0 || r.w > 420) ctx.fillText(String(f), x, r.y + r.h + 4);
  }
  ctx.fillText('frecuencia (Hz)', r.x + r.w / 2, r.y + r.h + 19);
  // Left: dB of the spectrum; right: weight.
  ctx.textBaseline = 'middle';
  if (s.dbRange.ready) {
    ctx.textAlign = 'right';
    ctx.fillText(es(s.dbRange.hi, 0), r.x - 5, r.y + 6);
    ctx.fillText(es(s.dbRange.lo, 0), r.x - 5, r.y + r.h - 6);
  }
  ctx.save();
  ctx.translate(12, r.y + r.h / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textAlign = 'center';
  ctx.fillStyle = c.line;
  ctx.fillText('|X|² (dB)', 0, 0);
  ctx.restore();
  ctx.textAlign = 'left';
  ctx.fillText('1', r.x + r.w + 5, yW(1) + 6);
  ctx.fillText('0', r.x + r.w + 5, yW(0) - 6);
  ctx.fillText('peso W', r.x + r.w + 5, r.y + r.h / 2);
}
