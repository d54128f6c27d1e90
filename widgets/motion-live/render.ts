/**
 * Drawing for the live classification widget (view only): the probabilities over time on a
 * canvas (one line per class, the threshold dashed) and the current probabilities as labelled
 * bars (text in the DOM, so it is readable by everyone; the bars are decoration).
 */
import { fmt, h } from '../lib/widget/dom';
import type { ProbHistory } from '../lib/motion/live';
import { chartFontPx } from '../lib/widget/chart-font';

/** Theme colours for N classes (cycled when there are more than five). */
export function classColors(el: Element, n: number): string[] {
  const s = getComputedStyle(el);
  const base = ['--c1', '--c2', '--c3', '--c4', '--c5'].map((v, i) => s.getPropertyValue(v).trim() || ['#0f766e', '#c2410c', '#6d28d9', '#0369a1', '#b91c1c'][i]!);
  return Array.from({ length: n }, (_, i) => base[i % base.length]!);
}

export interface ChartColors {
  muted: string;
  grid: string;
  classes: string[];
}

/** Probabilities (0…1) of the history's last `spanMs`, right edge = the newest prediction. */
export function drawProbChart(ctx: CanvasRenderingContext2D, w: number, hgt: number, hist: ProbHistory, c: ChartColors, threshold: number): void {
  const left = 34;
  const right = 6;
  const top = 6;
  const bottom = 16;
  const pw = Math.max(1, w - left - right);
  const ph = Math.max(1, hgt - top - bottom);
  ctx.clearRect(0, 0, w, hgt);
  const Y = (p: number): number => top + (1 - p) * ph;
  ctx.font = `${chartFontPx(ctx.canvas, 11)}px system-ui, sans-serif`;
  ctx.fillStyle = c.muted;
  ctx.strokeStyle = c.grid;
  ctx.lineWidth = 1;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const p of [0, 0.5, 1]) {
    const y = Math.round(Y(p)) + 0.5;
    ctx.beginPath(); ctx.moveTo(left, y); ctx.lineTo(left + pw, y); ctx.stroke();
    ctx.fillText(`${p * 100} %`, left - 4, y);
  }
  ctx.textAlign = 'left';
  ctx.textBaseline = 'alphabetic';
  ctx.fillText(`últimos ${Math.round(hist.spanMs / 1000)} s`, left + 2, hgt - 3);
  ctx.setLineDash([5, 4]);
  ctx.strokeStyle = c.muted;
  ctx.beginPath(); ctx.moveTo(left, Y(threshold)); ctx.lineTo(left + pw, Y(threshold)); ctx.stroke();
  ctx.setLineDash([]);
  const items = hist.items;
  if (!items.length) return;
  const t1 = items[items.length - 1]!.t;
  const t0 = t1 - hist.spanMs;
  const X = (t: number): number => left + ((t - t0) / hist.spanMs) * pw;
  ctx.lineWidth = 2;
  ctx.lineJoin = 'round';
  c.classes.forEach((color, k) => {
    ctx.strokeStyle = color;
    ctx.beginPath();
    items.forEach((it, i) => {
      const x = X(it.t);
      const y = Y(it.probs[k] ?? 0);
      if (i === 0) ctx.moveTo(x, y); else ctx.lineTo(x, y);
    });
    ctx.stroke();
  });
}

export interface Bars {
  root: HTMLElement;
  set(probs: ArrayLike<number> | null, top: number | null): void;
}

export function probBars(labels: readonly string[], colors: readonly string[]): Bars {
  const rows = labels.map((label, k) => {
    const fill = h('span', { class: 'ml-bar-fill', style: `background:${colors[k]}` });
    const value = h('span', { class: 'ml-bar-value', text: '—' });
    const li = h('li', { class: 'ml-bar' },
      h('span', { class: 'ml-bar-label' }, h('span', { class: 'ml-swatch', style: `background:${colors[k]}`, 'aria-hidden': 'true' }), label),
      h('span', { class: 'ml-bar-track', 'aria-hidden': 'true' }, fill), value);
    return { li, fill, value };
  });
  return {
    root: h('ul', { class: 'ml-bars', 'aria-label': 'Probabilidad de cada clase en la última predicción' }, ...rows.map((r) => r.li)),
    set(probs, top) {
      rows.forEach((r, k) => {
        const p = probs ? (probs[k] ?? 0) : 0;
        r.fill.style.width = `${(100 * p).toFixed(1)}%`;
        r.value.textContent = probs ? `${fmt(100 * p, 0)} %` : '—';
        r.li.classList.toggle('ml-bar-top', top === k);
      });
    },
  };
}
