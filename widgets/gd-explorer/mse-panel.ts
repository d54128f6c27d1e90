/**
 * The regression panel of the explorer (shown only on the 'recta' surface): the notes' MSE
 * formula, a table with the P = 4 points, the line's outputs y_p = w x_p + b and the squared
 * errors, the mean that gives L(w, b), and a small plot of the points and the current line.
 * Imported only by view.ts (uses katex and d3).
 */
import katex from 'katex';
import { axisBottom, axisLeft, scaleLinear, select } from 'd3';
import { fmt, h, uniqueId } from '../lib/widget/dom';
import { chartScale } from '../lib/widget/chart-font';
import { stepsOf, type Run } from './core';
import { mseRows, num, tex } from './messages';
import { LINE_DATA, lineOptimum } from './surfaces';
import type { Colors } from './chart';

export interface MsePanel {
  root: HTMLElement;
  /** Redraws for the run's current point; `width` is the plot's CSS width, measured by the caller. */
  render(run: Run, c: Colors, width: number): void;
  /** The element whose width the caller measures (only when the layout may have changed). */
  plot: HTMLElement;
}

const NOTES_TEX = String.raw`L=\frac{1}{PM}\sum_{p=1}^{P}\sum_{k=1}^{M}\left(d_{pk}-y_{pk}\right)^2`;
const NS = 'http://www.w3.org/2000/svg';

export function buildMsePanel(): MsePanel {
  const formula = h('div', { class: 'gd-mse-formula', 'aria-hidden': 'true' });
  formula.innerHTML = katex.renderToString(NOTES_TEX, { displayMode: true, throwOnError: false });
  const live = h('div', { class: 'gd-mse-live', 'aria-hidden': 'true' });
  const sum = h('p', { class: 'gd-mse-sum' });
  const body = h('tbody');
  const table = h('table', { class: 'gd-mse-table' },
    h('caption', { text: 'Error de la recta actual en cada punto: d es la salida deseada e y = w·x + b la de la recta' }),
    h('thead', {}, h('tr', {},
      ...[['p'], ['x', 'p'], ['d', 'p'], ['y', 'p'], ['(d', 'p', ' − y', 'p', ')²']].map((parts) =>
        h('th', { scope: 'col' }, ...parts.map((t, i) => (i % 2 ? h('sub', { text: t }) : t)))))),
    body);
  const plot = h('div', { class: 'gd-mse-plot', role: 'img' });
  const root = h('section', { class: 'gd-mse', hidden: true },
    h('h3', { class: 'gd-mse-h', text: 'La altura de la superficie es el error cuadrático medio de una recta' }),
    h('p', { class: 'gd-mse-p', text: 'Cada punto (w, b) del mapa es una recta y = w·x + b. Su altura es el error cuadrático medio con P = 4 ejemplos y M = 1 salida:' }),
    formula, live,
    h('div', { class: 'gd-mse-grid' }, h('div', { class: 'gd-mse-tablewrap' }, table, sum), plot));
  let shown = '';
  return {
    root,
    plot,
    render(run, c, width) {
      root.hidden = run.surface.id !== 'recta';
      if (root.hidden) return;
      const t = stepsOf(run);
      const [w = 0, b = 0] = run.path[t]!;
      const rows = mseRows(w, b);
      const key = `${w}|${b}|${Object.values(c).join()}|${width}`;
      if (key === shown) return;
      shown = key;
      const L = rows.reduce((s, r) => s + r.e2, 0) / rows.length;
      body.replaceChildren(...rows.map((r, i) => h('tr', {},
        h('td', { text: String(i + 1) }), h('td', { text: fmt(r.x, 2) }), h('td', { text: fmt(r.d, 2) }),
        h('td', { text: num(r.y, 3) }), h('td', { text: num(r.e2, 3) }))));
      sum.textContent = `L = (${rows.map((r) => num(r.e2, 3)).join(' + ')}) / 4 = ${num(L)}`;
      // Two terms per line, so the sum fits a phone screen.
      const term = (r: (typeof rows)[number]): string => String.raw`\bigl(${tex(r.d, 3)}-${tex(r.y, 3)}\bigr)^2`;
      live.innerHTML = katex.renderToString(
        String.raw`\begin{aligned}L(${tex(w, 3)},\,${tex(b, 3)})&=\tfrac14\Bigl[${term(rows[0]!)}+${term(rows[1]!)}\\&\qquad+${term(rows[2]!)}+${term(rows[3]!)}\Bigr]\\&=${tex(L)}\end{aligned}`,
        { displayMode: true, throwOnError: false });
      plot.replaceChildren(linePlot(w, b, Math.max(220, Math.min(360, width || 300)), c, chartScale(plot, 11)));
      const [ws, bs] = lineOptimum();
      plot.setAttribute('aria-label', `Los 4 puntos y la recta actual y = ${num(w, 3)}·x + ${num(b, 3)}, con L = ${num(L)}; la mejor recta posible es y = ${num(ws, 3)}·x + ${num(bs, 3)}.`);
    },
  };
}

/**
 * The four points (x_p, d_p), the current line and the vertical error segments. `k`: text scale
 * (lib/widget/chart-font chartScale): margins grow by it, so projector mode's large ticks and
 * axis labels keep apart.
 */
function linePlot(w: number, b: number, width: number, c: Colors, k = 1): SVGSVGElement {
  const m = { top: Math.round(12 * k), right: 12, bottom: Math.round(30 * k), left: Math.round(38 * k) };
  const height = Math.round(width * 0.7) + (m.top - 12) + (m.bottom - 30);
  const x = scaleLinear().domain([0, 3.5]).range([m.left, width - m.right]);
  const y = scaleLinear().domain([-0.5, 3.5]).range([height - m.bottom, m.top]);
  const svg = select(document.createElementNS(NS, 'svg')).attr('viewBox', `0 0 ${width} ${height}`).attr('width', width).attr('height', height);
  const clip = uniqueId('gd-mse-clip');
  svg.append('clipPath').attr('id', clip).append('rect').attr('x', m.left).attr('y', m.top)
    .attr('width', width - m.left - m.right).attr('height', height - m.top - m.bottom);
  const g = svg.append('g').attr('clip-path', `url(#${clip})`).attr('aria-hidden', 'true');
  const clamp = (v: number): number => Math.max(-1e5, Math.min(1e5, v));
  for (const p of LINE_DATA) {
    g.append('line').attr('x1', x(p.x)).attr('x2', x(p.x)).attr('y1', clamp(y(p.d))).attr('y2', clamp(y(w * p.x + b)))
      .attr('stroke', c.path).attr('stroke-width', 2).attr('stroke-dasharray', '4 3');
  }
  g.append('line').attr('x1', x(0)).attr('x2', x(3.5)).attr('y1', clamp(y(b))).attr('y2', clamp(y(w * 3.5 + b)))
    .attr('stroke', c.curve).attr('stroke-width', 3);
  for (const p of LINE_DATA) g.append('circle').attr('cx', x(p.x)).attr('cy', y(p.d)).attr('r', 5).attr('fill', c.fg);
  const ax = svg.append('g').attr('transform', `translate(0,${height - m.bottom})`).call(axisBottom(x).ticks(4).tickFormat((v) => fmt(Number(v), 1)));
  const ay = svg.append('g').attr('transform', `translate(${m.left},0)`).call(axisLeft(y).ticks(4).tickFormat((v) => fmt(Number(v), 1)));
  for (const a of [ax, ay]) {
    a.attr('aria-hidden', 'true');
    a.selectAll('path, line').attr('stroke', c.muted);
    a.selectAll('text').attr('fill', c.fg).attr('font-size', 11);
  }
  svg.append('text').attr('x', width - m.right).attr('y', height - 2).attr('text-anchor', 'end').attr('fill', c.fg).attr('font-size', 12).text('x →');
  svg.append('text').attr('x', m.left + 6).attr('y', m.top + 4 * k).attr('fill', c.fg).attr('font-size', 12).text('↑ d, y');
  return svg.node()!;
}
