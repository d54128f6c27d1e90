import * as Plot from '@observablehq/plot';
import { projectorPlot } from '../lib/widget/projector-plot';
import { WidgetElement, defineWidget } from '../lib/widget/element';
import { cssVar, fmt, h, resized, uniqueId } from '../lib/widget/dom';
import { oneOf } from '../lib/state/schema';
import {
  COIN_CELL_WH, PROCESSORS, coinCellText, compareSentence, decadeDomain, decadeTicks, decades,
  describeChart, describePx, formatValue, linearBarPx, pairs, valueOf, type Metric, type ScaleKind,
} from './core';
import './style.css';

const metrics = ['power', 'area'] as const;
const scales = ['log', 'linear'] as const;

const schema = {
  metric: oneOf(metrics, 'power'),
  scale: oneOf(scales, 'log'),
};

// Chart geometry (px). Each processor gets one row: its label on top, its bar below.
const ROW = 64;
const PAD_INNER = 0.6; // band padding: bar thickness = ROW · (1 − PAD_INNER)
const MARGIN = { top: 8, right: 40, bottom: 46, left: 30 };
const COLOURS = ['--c2', '--c4', '--c1'] as const; // K80, A12, NDP100

interface Radio<V extends string> {
  root: HTMLFieldSetElement;
  set(v: V): void;
}

/** A native radio group in a fieldset (arrow keys move between options). */
function radioGroup<V extends string>(
  legend: string,
  options: ReadonlyArray<{ value: V; label: string }>,
  value: V,
  onChange: (v: V) => void,
): Radio<V> {
  const name = uniqueId('rg');
  const inputs = options.map((o) => {
    const id = uniqueId('rb');
    const input = h('input', { type: 'radio', id, name, value: o.value });
    input.checked = o.value === value;
    input.addEventListener('change', () => {
      if (input.checked) onChange(o.value);
    });
    return { input, root: h('span', { class: 'ec-radio' }, input, h('label', { for: id, text: o.label })) };
  });
  const root = h('fieldset', { class: 'ctl ec-group' }, h('legend', { text: legend }), ...inputs.map((i) => i.root));
  return {
    root,
    set: (v) => {
      for (const i of inputs) i.input.checked = i.input.value === v;
    },
  };
}

const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** "Con la energía de una pila CR2032 (0,675 Wh), el K80 la agotaría en 8,1 segundos; …". */
function coinCellSentence(): string {
  const [a, b, c] = PROCESSORS.map((p) => ({ s: p.short, t: coinCellText(p) }));
  return `Con la energía de una pila de botón CR2032 (${fmt(COIN_CELL_WH, 3)} Wh), el ${a!.s} la agotaría en ${a!.t}; el ${b!.s}, en ${b!.t}, y el ${c!.s}, en ${c!.t}.`;
}

const AREA_NOTE =
  'Menos superficie de silicio significa más chips por oblea y, por tanto, chips más baratos: por eso un procesador diminuto cabe en objetos que cuestan pocos euros.';

class EnergyChart extends WidgetElement<typeof schema> {
  readonly schema = schema;
  #chart!: HTMLElement;
  #scaleNote!: HTMLElement;
  #ratios!: HTMLElement;
  #extra!: HTMLElement;
  #metric!: Radio<Metric>;
  #scale!: Radio<ScaleKind>;
  #width = 0;

  protected setup(): void {
    type S = typeof this.state;
    const radios = <K extends 'metric' | 'scale'>(key: K, legend: string, options: { value: S[K]; label: string }[]): Radio<S[K]> =>
      radioGroup(legend, options, this.state[key], (v) => this.setState({ [key]: v }));
    this.#metric = radios('metric', 'Qué comparar', [
      { value: 'power', label: 'Potencia (W)' },
      { value: 'area', label: 'Superficie del chip (mm²)' },
    ]);
    this.#scale = radios('scale', 'Escala del eje', [
      { value: 'log', label: 'Logarítmica' },
      { value: 'linear', label: 'Lineal' },
    ]);
    this.#chart = h('div', { class: 'chart ec-chart' });
    this.#scaleNote = h('p', { class: 'ec-note', 'aria-live': 'polite' });
    this.#ratios = h('ul', { class: 'ec-ratios' });
    this.#extra = h('p', { class: 'ec-extra' });
    this.append(
      h('div', { class: 'ctl-row' }, this.#metric.root, this.#scale.root),
      this.#chart,
      this.#scaleNote,
      h('div', { class: 'readout ec-readout' }, this.#ratios, this.#extra),
    );
    // Redraw when the available width changes (phone rotation, window resize).
    this.onCleanup(resized(this.#chart, () => this.guard(() => this.update()), { tolerance: 8, drawn: () => this.#width }));
  }

  protected update(): void {
    const { metric, scale } = this.state;
    this.#metric.set(metric);
    this.#scale.set(scale);
    this.#width = this.#chart.clientWidth || 640;
    const width = Math.max(280, this.#width);
    const plotW = width - MARGIN.left - MARGIN.right;

    const values = PROCESSORS.map((p) => valueOf(p, metric));
    const max = Math.max(...values);
    const log = scale === 'log';
    const domain: [number, number] = log ? decadeDomain(values) : [0, max];
    const base = domain[0];
    const barPx = (v: number): number => linearBarPx(v, max, plotW);
    const data = PROCESSORS.map((p, i) => {
      const v = valueOf(p, metric);
      // On a linear axis a bar under 1 px does not show: say so next to its name when it fits.
      const note = !log && barPx(v) < 1 && plotW >= 360 ? ' (barra invisible)' : '';
      return { name: p.name, v, fill: cssVar(this, COLOURS[i]!), label: `${p.name} · ${formatValue(v, metric)}${note}` };
    });
    const fg = cssVar(this, '--fg');
    const grid = cssVar(this, '--grid');
    const unit = metric === 'power' ? 'Potencia' : 'Superficie del chip';
    const band = ROW * (1 - PAD_INNER);
    const fmtTick = (v: number): string => formatValue(v, metric);

    const svg = projectorPlot({
      width,
      height: MARGIN.top + MARGIN.bottom + ROW * PROCESSORS.length,
      marginTop: MARGIN.top,
      marginRight: MARGIN.right,
      marginBottom: MARGIN.bottom,
      marginLeft: MARGIN.left,
      style: { color: fg, fontSize: '13px', background: 'transparent', overflow: 'visible' },
      x: log
        ? { type: 'log', domain, ticks: decadeTicks(domain, plotW / 62), tickFormat: fmtTick,
            label: `${unit} (escala logarítmica: cada marca ×10) →`, labelAnchor: 'left' }
        : { type: 'linear', domain, ticks: Math.max(2, Math.floor(plotW / 90)), tickFormat: fmtTick,
            label: `${unit} (escala lineal) →`, labelAnchor: 'left' },
      y: { domain: data.map((d) => d.name), axis: null, paddingInner: PAD_INNER, paddingOuter: PAD_INNER / 2 },
      color: { type: 'identity' },
      marks: [
        // Grid: one line per decade on a log axis, one per labelled tick on a linear axis.
        log ? Plot.ruleX(decades(domain), { stroke: grid }) : Plot.gridX({ stroke: grid, strokeOpacity: 1 }),
        Plot.barX(data, { x1: base, x2: 'v', y: 'name', fill: 'fill' }),
        Plot.text(data, {
          x: base, y: 'name', text: 'label', textAnchor: 'start', lineAnchor: 'bottom',
          dx: 4, dy: -band / 2 - 4, fill: 'currentColor', fontWeight: 600,
        }),
        Plot.ruleX([base], { stroke: 'currentColor' }),
      ],
    });
    // Plot labels each mark group with aria-label; inside role="img" those are not allowed
    // (axe: aria-prohibited-attr), so keep the name as data-mark (used by tests) instead.
    for (const g of svg.querySelectorAll('[aria-label]')) {
      g.setAttribute('data-mark', g.getAttribute('aria-label') ?? '');
      g.removeAttribute('aria-label');
    }
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', describeChart(metric, scale, plotW));
    this.#chart.replaceChildren(svg);

    this.#scaleNote.textContent = this.#scaleText(metric, scale, plotW, domain);
    this.#ratios.replaceChildren(
      ...pairs().map(([a, b]) => h('li', { text: `${capital(compareSentence(a, b, metric))}.` })),
    );
    this.#extra.textContent = metric === 'power' ? coinCellSentence() : AREA_NOTE;
  }

  #scaleText(metric: Metric, scale: ScaleKind, plotW: number, domain: [number, number]): string {
    const values = PROCESSORS.map((p) => valueOf(p, metric));
    const max = Math.max(...values);
    const smallest = PROCESSORS[PROCESSORS.length - 1]!;
    const middle = PROCESSORS[1]!;
    if (scale === 'log') {
      const n = decades(domain).length - 1;
      return `Escala logarítmica: el eje cubre ${n} potencias de diez, de ${formatValue(domain[0], metric)} a ${formatValue(domain[1], metric)}, y cada marca vale diez veces la anterior. Por eso caben las tres barras. Fíjate en dónde termina cada una, no en su longitud. Cambia a «Lineal» para ver qué pasa sin este truco.`;
    }
    const pxSmall = linearBarPx(valueOf(smallest, metric), max, plotW);
    const pxMid = linearBarPx(valueOf(middle, metric), max, plotW);
    return `Escala lineal: el eje va de 0 a ${formatValue(max, metric)} en pasos iguales. La barra del ${middle.short} mide ${describePx(pxMid)} y la del ${smallest.short}, ${describePx(pxSmall)}${pxSmall < 1 ? ': es invisible, aunque su valor no es cero' : ''}. Vuelve a «Logarítmica» para verlas todas.`;
  }
}

defineWidget('energy-chart', EnergyChart);
