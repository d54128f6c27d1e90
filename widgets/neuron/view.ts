import katex from 'katex';
import * as Plot from '@observablehq/plot';
import { projectorPlot } from '../lib/widget/projector-plot';
import { WidgetElement, defineWidget } from '../lib/widget/element';
import { button, cssVar, fmt, h, quietChart, resized, select, slider, type Slider } from '../lib/widget/dom';
import { bounds, int, num, nums, oneOf, optionsOf } from '../lib/state/schema';
import { ACTIVATIONS, ACTIVATION_NAMES, sampleSegments, type ActivationName } from '../lib/nn/activations';
import { PRESETS, describeNeuron, formulaTex, neuron, wordNum } from './core';
import { drawNeuron, sub } from './diagram';
import './style.css';

const MAX_IN = 4;
// x_i ∈ [−2, 2], w_i and b ∈ [−3, 3]; the state always holds 4 inputs, the first n are used.
const schema = {
  n: int(2, 2, MAX_IN),
  x: nums([1, 0.3, 0.5, -1], -2, 2, MAX_IN, MAX_IN),
  w: nums([0.5, -1.2, 0.8, 0.3], -3, 3, MAX_IN, MAX_IN),
  b: num(0.1, -3, 3),
  act: oneOf(ACTIVATION_NAMES, 'sigmoid'),
};

const pad4 = (v: readonly number[]): number[] => Array.from({ length: MAX_IN }, (_, i) => v[i] ?? 0);

class NeuronExplorer extends WidgetElement<typeof schema> {
  readonly schema = schema;
  #xs: Slider[] = [];
  #ws: Slider[] = [];
  #rows: HTMLElement[] = [];
  #bias!: Slider;
  #nSel!: { set(v: '2' | '3' | '4'): void };
  #actSel!: { set(v: ActivationName): void };
  #hint!: HTMLElement;
  #svg!: SVGSVGElement;
  #formula!: HTMLElement;
  #words!: HTMLElement;
  #result!: HTMLElement;
  #chart!: HTMLElement;
  #width = 640;

  protected setup(): void {
    const s = this.state;
    const presets = h('div', { class: 'nr-presets', role: 'group', 'aria-label': 'Ejemplos' },
      h('span', { class: 'nr-presets-label', text: 'Ejemplos:' }),
      ...PRESETS.map((p) => button(p.label, () => this.#applyPreset(p.id), { class: 'btn btn-quiet nr-preset' })),
    );
    this.#hint = h('p', { class: 'nr-hint', 'aria-live': 'polite' });
    const nSel = select({
      label: 'Número de entradas',
      options: Array.from({ length: schema.n.max - schema.n.min + 1 }, (_, i) => {
        const v = String(schema.n.min + i) as '2' | '3' | '4';
        return { value: v, label: v };
      }),
      value: String(s.n) as '2' | '3' | '4',
      onChange: (v) => this.setState({ n: Number(v) }),
    });
    const actSel = select({
      label: 'Función de activación φ',
      options: optionsOf(schema.act, (a) => ACTIVATIONS[a].label),
      value: s.act,
      onChange: (v) => this.setState({ act: v }),
    });
    this.#nSel = nSel;
    this.#actSel = actSel;
    const grid = h('div', { class: 'nr-inputs' });
    for (let i = 0; i < MAX_IN; i++) {
      const xs = slider({
        label: `Entrada x${sub(i + 1)}`, ...bounds(schema.x), step: 0.1, value: s.x[i]!,
        format: (v) => wordNum(v, 2, 1),
        onInput: (v) => this.#setAt('x', i, v),
      });
      const ws = slider({
        label: `Peso w${sub(i + 1)}`, ...bounds(schema.w), step: 0.1, value: s.w[i]!,
        format: (v) => wordNum(v, 2, 1),
        onInput: (v) => this.#setAt('w', i, v),
      });
      this.#xs.push(xs);
      this.#ws.push(ws);
      const row = h('div', { class: 'nr-row' }, xs.root, ws.root);
      this.#rows.push(row);
      grid.append(row);
    }
    this.#bias = slider({
      label: 'Sesgo b', ...bounds(schema.b), step: 0.1, value: s.b,
      format: (v) => wordNum(v, 2, 1),
      onInput: (v) => this.setState({ b: v }),
    });
    grid.append(h('div', { class: 'nr-row' }, this.#bias.root));

    this.#svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    this.#svg.setAttribute('class', 'nr-diagram');
    this.#svg.setAttribute('role', 'img');
    this.#formula = h('div', { class: 'nr-formula' });
    this.#result = h('p', { class: 'nr-result', 'aria-live': 'polite' });
    this.#words = h('p', { class: 'nr-words' });
    this.#chart = h('div', { class: 'chart nr-chart', role: 'img' });
    this.append(
      presets,
      this.#hint,
      h('div', { class: 'ctl-row' }, nSel.root, actSel.root),
      grid,
      h('div', { class: 'nr-figure' }, this.#svg),
      this.#result,
      this.#formula,
      this.#words,
      this.#chart,
    );
    this.#width = this.clientWidth || 640;
    this.onCleanup(resized(this, (w) => {
      this.#width = w;
      this.guard(() => this.update());
    }, { tolerance: 8, drawn: () => this.#width }));
  }

  #setAt(key: 'x' | 'w', i: number, v: number): void {
    const arr = [...this.state[key]];
    arr[i] = v;
    this.setState({ [key]: arr });
    this.#hint.textContent = '';
  }

  #applyPreset(id: string): void {
    const p = PRESETS.find((q) => q.id === id);
    if (!p) return;
    const x = pad4(p.x);
    const w = pad4(p.w);
    // Inputs beyond n keep their previous values (they are hidden and do not count).
    for (let i = p.n; i < MAX_IN; i++) {
      x[i] = this.state.x[i]!;
      w[i] = this.state.w[i]!;
    }
    this.setState({ n: p.n, x, w, b: p.b, act: p.act });
    this.#syncControls();
    this.#hint.textContent = p.hint;
  }

  #syncControls(): void {
    const s = this.state;
    this.#nSel.set(String(s.n) as '2' | '3' | '4');
    this.#actSel.set(s.act);
    for (let i = 0; i < MAX_IN; i++) {
      this.#xs[i]!.set(s.x[i]!);
      this.#ws[i]!.set(s.w[i]!);
    }
    this.#bias.set(s.b);
  }

  override resetState(): void {
    super.resetState();
    this.#syncControls();
    this.#hint.textContent = '';
  }

  /** The first n inputs and weights: the ones the neuron uses. */
  #active(): { x: number[]; w: number[] } {
    const { n, x, w } = this.state;
    return { x: x.slice(0, n), w: w.slice(0, n) };
  }

  protected update(): void {
    const s = this.state;
    const { x, w } = this.#active();
    this.#rows.forEach((row, i) => { row.hidden = i >= s.n; });
    const r = neuron(x, w, s.b, s.act);
    const a = ACTIVATIONS[s.act];
    const colors = {
      fg: cssVar(this, '--fg'), muted: cssVar(this, '--fg-muted'), bg: cssVar(this, '--bg-elev'),
      pos: cssVar(this, '--c1'), neg: cssVar(this, '--c2'), node: cssVar(this, '--bg-sunk'), accent: cssVar(this, '--c3'),
    };
    // Below 560 px the diagram switches to its compact layout and the formula to 2 products a line.
    const compact = this.#width < 560;
    drawNeuron(this.#svg, { x, w, b: s.b, net: r.net, y: r.y, act: s.act }, colors, compact);
    const words = describeNeuron(x, w, s.b, s.act);
    this.#svg.setAttribute('aria-label', `Diagrama de la neurona con ${s.n} entradas. ${words}`);
    const tex = formulaTex(x, w, s.b, s.act, compact ? 2 : 4);
    const render = (t: string): string => katex.renderToString(t, { displayMode: true, throwOnError: true });
    this.#formula.innerHTML = render(tex.net) + render(tex.out) +
      `<p class="nr-phi">Función de activación elegida: ${a.label}.</p>` + render(a.tex);
    this.#words.textContent = words;
    this.#result.textContent = `Salida: y = ${wordNum(r.y, 3)} (entrada neta ${wordNum(r.net, 3)}).`;
    this.#drawChart();
  }

  /** φ over z ∈ [−5, 5] (widened to include net) with the current point (net, y). */
  #drawChart(): void {
    const s = this.state;
    const { x, w } = this.#active();
    const { net, y } = neuron(x, w, s.b, s.act);
    const a = ACTIVATIONS[s.act];
    const lo = Math.min(-5, Math.floor(net - 0.5));
    const hi = Math.max(5, Math.ceil(net + 0.5));
    const pts = sampleSegments(a, lo, hi, 241).flatMap((seg, k) => seg.map(([z, v]) => ({ z, v, k })));
    const c1 = cssVar(this, '--c3');
    const c2 = cssVar(this, '--c2');
    const fg = cssVar(this, '--fg');
    const grid = cssVar(this, '--grid');
    const bg = cssVar(this, '--bg-elev');
    const width = Math.max(280, Math.min(760, this.#width));
    const jumpDots = a.jumps.filter((j) => j > lo && j < hi).map((j) => ({ z: j, v: a.f(j) }));
    const chart = projectorPlot({
      width,
      height: Math.round(Math.min(300, Math.max(200, width * 0.42))),
      marginLeft: 48,
      marginTop: 32,
      marginBottom: 36,
      style: { background: 'transparent', color: fg, fontSize: '13px' },
      x: { domain: [lo, hi], label: 'z (entrada neta)', tickFormat: (d: number) => fmt(d) },
      y: { label: 'φ(z)', tickFormat: (d: number) => fmt(d), nice: true },
      marks: [
        Plot.gridY({ stroke: grid, strokeOpacity: 1 }),
        Plot.ruleY([0], { stroke: fg, strokeOpacity: 0.5 }),
        Plot.ruleX([0], { stroke: fg, strokeOpacity: 0.5 }),
        Plot.line(pts, { x: 'z', y: 'v', z: 'k', stroke: c1, strokeWidth: 2.5 }),
        Plot.dot(jumpDots, { x: 'z', y: 'v', r: 3.5, fill: c1 }),
        Plot.ruleX([net], { stroke: c2, strokeDasharray: '4 4', y1: 0, y2: y }),
        Plot.ruleY([y], { stroke: c2, strokeDasharray: '4 4', x1: lo, x2: net }),
        Plot.dot([{ z: net, v: y }], { x: 'z', y: 'v', r: 6.5, fill: c2, stroke: bg, strokeWidth: 2 }),
        Plot.text([{ z: net, v: y }], {
          x: 'z', y: 'v', dy: -16, text: () => `(${wordNum(net, 2)}; ${wordNum(y, 3)})`,
          fill: fg, stroke: bg, strokeWidth: 4, fontWeight: 600, textAnchor: net > hi - 1.5 ? 'end' : 'middle',
        }),
      ],
    });
    // The container (role="img") carries the description; Plot's own aria-labels on <g> are not allowed there.
    this.#chart.replaceChildren(quietChart(chart));
    this.#chart.setAttribute('aria-label',
      `Gráfica de la función ${a.short} para z entre ${fmt(lo)} y ${fmt(hi)}; ` +
      `el punto marcado es z = ${wordNum(net, 3)}, φ(z) = ${wordNum(y, 3)}.`);
  }
}

defineWidget('neuron', NeuronExplorer);
