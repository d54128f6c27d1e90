import katex from 'katex';
import * as Plot from '@observablehq/plot';
import { projectorPlot } from '../lib/widget/projector-plot';
import { WidgetElement, defineWidget } from '../lib/widget/element';
import { cssVar, fmt, h, quietChart, resized, slider, uniqueId, type Slider } from '../lib/widget/dom';
import { bool, num, oneOf } from '../lib/state/schema';
import { ACTIVATIONS, ACTIVATION_NAMES, sampleSegments, type ActivationName } from '../lib/nn/activations';
import { Z_MAX, Z_MIN, tableAt, yExtent } from './core';
import './style.css';

const FOCUS = ['none', ...ACTIVATION_NAMES] as const;
type Focus = (typeof FOCUS)[number];

const schema = {
  z: num(0.5, Z_MIN, Z_MAX),
  deriv: bool(true),
  focus: oneOf(FOCUS as readonly Focus[], 'none'),
};

interface Card {
  name: ActivationName;
  root: HTMLElement;
  toggle: HTMLButtonElement;
  chart: HTMLElement;
  dtex: HTMLElement;
  readout: HTMLElement;
  /** Markers inside the current Plot svg, moved on every z change without redrawing. */
  place?: (z: number) => void;
}

const tex = (t: string): string => katex.renderToString(t, { throwOnError: true });

class ActivationGallery extends WidgetElement<typeof schema> {
  readonly schema = schema;
  #z!: Slider;
  #deriv!: HTMLInputElement;
  #cards: Card[] = [];
  #grid!: HTMLElement;
  #caption!: HTMLElement;
  #cells = new Map<ActivationName, { row: HTMLElement; value: HTMLElement; slope: HTMLElement }>();
  /** What the charts were last drawn for; they are redrawn only when this changes. */
  #drawnFor = '';

  protected setup(): void {
    const s = this.state;
    this.#z = slider({
      label: 'Valor de z (común a todas)', min: Z_MIN, max: Z_MAX, step: 0.05, value: s.z,
      format: (v) => fmt(v, 2),
      onInput: (v) => this.setState({ z: v }),
    });
    const id = uniqueId('ag-d');
    this.#deriv = h('input', { type: 'checkbox', id });
    this.#deriv.checked = s.deriv;
    this.listen(this.#deriv, 'change', () => this.setState({ deriv: this.#deriv.checked }));
    const derivCtl = h('div', { class: 'ctl ag-check' }, this.#deriv, h('label', { for: id, text: 'Mostrar derivada' }));
    const legend = h('p', { class: 'ag-legend', 'aria-hidden': 'true' },
      h('span', { class: 'ag-key ag-key-f' }), 'φ(z)  ',
      h('span', { class: 'ag-key ag-key-df' }), 'φ′(z)');

    this.#grid = h('div', { class: 'ag-grid' });
    for (const name of ACTIVATION_NAMES) {
      const a = ACTIVATIONS[name];
      const toggle = h('button', { type: 'button', class: 'ag-title', 'aria-pressed': 'false', 'aria-label': `Ampliar ${a.label}` },
        h('span', { text: a.label }), h('span', { class: 'ag-zoom', 'aria-hidden': 'true', text: '⤢' }));
      this.listen(toggle, 'click', () => this.setState({ focus: this.state.focus === name ? 'none' : name }));
      const chart = h('div', { class: 'chart ag-chart', role: 'img' });
      const ftex = h('div', { class: 'ag-tex' });
      ftex.innerHTML = tex(a.tex);
      const dtex = h('div', { class: 'ag-tex ag-dtex' });
      dtex.innerHTML = tex(a.dtex);
      const readout = h('p', { class: 'ag-readout' });
      const root = h('article', { class: 'ag-card', 'data-act': name },
        h('h3', { class: 'ag-h' }, toggle), chart, ftex, dtex, readout,
        h('p', { class: 'ag-note' }, h('strong', { text: 'Uso: ' }), a.usedIn),
        h('p', { class: 'ag-note' }, h('strong', { text: 'Derivada: ' }), a.derivativeNote ?? ''),
      );
      this.#cards.push({ name, root, toggle, chart, dtex, readout });
      this.#grid.append(root);
    }

    this.#caption = h('caption');
    const tbody = h('tbody');
    for (const name of ACTIVATION_NAMES) {
      const value = h('td');
      const slope = h('td');
      const row = h('tr', {}, h('th', { scope: 'row', text: ACTIVATIONS[name].label }), value, slope);
      this.#cells.set(name, { row, value, slope });
      tbody.append(row);
    }
    const table = h('table', { class: 'ag-table' }, this.#caption,
      h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: 'Función' }), h('th', { scope: 'col', text: 'φ(z)' }), h('th', { scope: 'col', text: 'φ′(z)' }))),
      tbody);

    this.append(
      h('div', { class: 'ctl-row ag-controls' }, this.#z.root, derivCtl, legend),
      this.#grid,
      h('div', { class: 'ag-table-wrap' }, table),
    );
    this.onCleanup(resized(this, () => {
      this.#drawnFor = '';
      this.guard(() => this.update());
    }, { tolerance: 8 }));
  }

  override resetState(): void {
    super.resetState();
    this.#z.set(this.state.z);
    this.#deriv.checked = this.state.deriv;
  }

  protected update(): void {
    const s = this.state;
    this.#z.set(s.z);
    this.#deriv.checked = s.deriv;
    for (const c of this.#cards) {
      const on = s.focus === c.name;
      c.root.classList.toggle('is-focus', on);
      c.toggle.setAttribute('aria-pressed', String(on));
      c.dtex.hidden = !s.deriv;
    }
    // Theme changes call update() too: the colours are part of the key.
    const key = `${s.deriv}|${s.focus}|${cssVar(this, '--c3')}|${this.clientWidth}`;
    if (key !== this.#drawnFor) {
      this.#drawnFor = key;
      for (const c of this.#cards) this.#drawCard(c);
    }
    this.#updateValues();
  }

  #drawCard(c: Card): void {
    const s = this.state;
    const a = ACTIVATIONS[c.name];
    const big = s.focus === c.name;
    const fColor = cssVar(this, '--c3');
    const dColor = cssVar(this, '--c2');
    const fg = cssVar(this, '--fg');
    const bg = cssVar(this, '--bg-elev');
    const width = Math.max(160, Math.round(c.chart.clientWidth || (big ? 640 : 200)));
    const height = big ? Math.round(Math.min(300, Math.max(200, width * 0.4))) : 130;
    const series = (which: 'f' | 'df') =>
      sampleSegments(a, Z_MIN, Z_MAX, 201, which).flatMap((seg, k) => seg.map(([z, v]) => ({ z, v, k })));
    const marks: Plot.Markish[] = [
      Plot.ruleY([0], { stroke: fg, strokeOpacity: 0.35 }),
      Plot.ruleX([0], { stroke: fg, strokeOpacity: 0.35 }),
    ];
    if (s.deriv) marks.push(Plot.line(series('df'), { x: 'z', y: 'v', z: 'k', stroke: dColor, strokeWidth: 2, strokeDasharray: '5 4' }));
    marks.push(Plot.line(series('f'), { x: 'z', y: 'v', z: 'k', stroke: fColor, strokeWidth: 2.5 }));
    marks.push(Plot.dot(a.jumps.map((j) => ({ z: j, v: a.f(j) })), { x: 'z', y: 'v', r: 3, fill: fColor }));
    const ext = yExtent(c.name, s.deriv);
    const svg = projectorPlot({
      width, height,
      marginLeft: big ? 44 : 34, marginRight: 8, marginTop: 10, marginBottom: big ? 36 : 22,
      style: { background: 'transparent', color: fg, fontSize: big ? '13px' : '11px' },
      x: { domain: [Z_MIN, Z_MAX], ticks: big ? 10 : 5, tickFormat: (d: number) => fmt(d), label: big ? 'z' : null },
      y: { domain: ext, ticks: big ? 6 : 4, tickFormat: (d: number) => fmt(d), label: null },
      marks,
    }) as SVGSVGElement & Plot.Plot;
    const sx = svg.scale('x');
    const sy = svg.scale('y');
    const ns = 'http://www.w3.org/2000/svg';
    const mk = (fill: string): SVGCircleElement => {
      const el = document.createElementNS(ns, 'circle');
      el.setAttribute('r', big ? '6' : '4.5');
      el.setAttribute('fill', fill);
      el.setAttribute('stroke', bg);
      el.setAttribute('stroke-width', '1.5');
      return el;
    };
    const guide = document.createElementNS(ns, 'line');
    guide.setAttribute('stroke', fg);
    guide.setAttribute('stroke-opacity', '0.45');
    guide.setAttribute('stroke-dasharray', '3 3');
    const mf = mk(fColor);
    const md = mk(dColor);
    const g = document.createElementNS(ns, 'g');
    g.append(guide, md, mf);
    svg.append(g);
    c.place = (z: number): void => {
      if (!sx?.apply || !sy?.apply) return;
      const X = Number(sx.apply(z));
      guide.setAttribute('x1', String(X));
      guide.setAttribute('x2', String(X));
      guide.setAttribute('y1', String(sy.apply(ext[0])));
      guide.setAttribute('y2', String(sy.apply(ext[1])));
      mf.setAttribute('cx', String(X));
      mf.setAttribute('cy', String(sy.apply(a.f(z))));
      const showD = this.state.deriv && !a.kinks.some((k) => Math.abs(k - z) < 1e-9);
      md.style.display = showD ? '' : 'none';
      md.setAttribute('cx', String(X));
      md.setAttribute('cy', String(sy.apply(a.df(z))));
    };
    // The container (role="img") carries the description; Plot's own aria-labels on <g> are not allowed there.
    c.chart.replaceChildren(quietChart(svg));
  }

  #updateValues(): void {
    const s = this.state;
    const zText = fmt(s.z, 2);
    this.#caption.textContent = `Valores en z = ${zText}`;
    for (const r of tableAt(s.z)) {
      const a = ACTIVATIONS[r.name];
      const cells = this.#cells.get(r.name)!;
      cells.row.classList.toggle('is-focus', s.focus === r.name);
      const v = fmt(r.value, 4);
      const d = r.differentiable ? fmt(r.slope, 4) : `no existe (se toma ${fmt(r.slope, 4)})`;
      cells.value.textContent = v;
      cells.slope.textContent = d;
      const card = this.#cards.find((c) => c.name === r.name)!;
      card.place?.(s.z);
      card.readout.textContent = s.deriv ? `z = ${zText}: φ = ${v}; φ′ = ${d}` : `z = ${zText}: φ = ${v}`;
      card.chart.setAttribute('aria-label',
        `Curva de la función ${a.short}${s.deriv ? ' y de su derivada (línea de trazos)' : ''} para z entre −5 y 5; ` +
        `en z = ${zText}, φ vale ${v}${s.deriv ? ` y φ′ ${d}` : ''}.`);
    }
  }
}

defineWidget('activation-gallery', ActivationGallery);
