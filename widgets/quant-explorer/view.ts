import katex from 'katex';
import { WidgetElement, defineWidget } from '../lib/widget/element';
import { cssVar, fmt, h, liveText, numberInput, select, slider } from '../lib/widget/dom';
import { int, num, oneOf } from '../lib/state/schema';
import { NOTES_CLAIMED_CODES, quantize, roundHalfAway, type NamedTensor } from '../lib/quant';
import {
  NOTES_MATRIX, NOTES_SHAPE, SCHEME_LABEL, TENSORS, beforeAfter, formulaTex, runQuant, toRows, type QScheme, type TensorId,
} from './core';
import { histogramChart, matrixTable } from './charts';
import { loadDefaultWeights } from '../lib/quant/default-weights';
import './style.css';

const schema = {
  tensor: oneOf(['conv1', 'conv2', 'dense', 'notas'] as const, 'conv2'),
  scheme: oneOf(['minmax', 'affine', 'symmetric'] as const, 'minmax'),
  bits: int(8, 2, 8),
  granularity: oneOf(['tensor', 'canal'] as const, 'tensor'),
  /** The quantize(x, step) demo. */
  x: num(3.14, -1000, 1000),
  step: num(1, 0.001, 100),
};

const tex = (t: string): string => katex.renderToString(t, { displayMode: true, throwOnError: true });
const bytes = (n: number): string => `${fmt(n, 0)} B`;
const sci = (v: number): string => (v !== 0 && Math.abs(v) < 1e-3 ? v.toExponential(2).replace('.', ',').replace('-', '−') : fmt(v, 5));

class QuantExplorer extends WidgetElement<typeof schema> {
  readonly schema = schema;
  #weights: NamedTensor[] | null = null;
  #sync: Array<() => void> = [];
  #status!: HTMLElement;
  #formula!: HTMLElement;
  #channels!: HTMLElement;
  #metrics!: HTMLElement;
  #chart!: HTMLElement;
  #chartText!: HTMLElement;
  #legend!: HTMLElement;
  #notes!: HTMLElement;
  #notesNote!: HTMLElement;
  #demo!: HTMLElement;

  protected setup(): void {
    const s = this.state;
    const tensor = select({
      label: 'Tensor', value: s.tensor, options: TENSORS.map((t) => ({ value: t.id, label: t.label })),
      onChange: (v) => this.setState({ tensor: v as TensorId }),
    });
    const scheme = select({
      label: 'Esquema', value: s.scheme, options: (['minmax', 'affine', 'symmetric'] as const).map((v) => ({ value: v, label: SCHEME_LABEL[v] })),
      onChange: (v) => this.setState({ scheme: v as QScheme }),
    });
    const gran = select({
      label: 'Parámetros', value: s.granularity,
      options: [{ value: 'tensor' as const, label: 'uno para todo el tensor' }, { value: 'canal' as const, label: 'uno por canal (filtro, neurona o fila)' }],
      onChange: (v) => this.setState({ granularity: v }),
    });
    const bits = slider({ label: 'Bits por peso', min: 2, max: 8, step: 1, value: s.bits, format: (v) => `${v} bits`, onInput: (v) => this.setState({ bits: v }) });
    const x = numberInput({ label: 'x', min: -1000, max: 1000, step: 0.01, value: s.x, onInput: (v) => this.setState({ x: v }) });
    const step = numberInput({ label: 'paso', min: 0.001, max: 100, step: 0.001, value: s.step, onInput: (v) => this.setState({ step: v }) });
    this.#sync = [
      () => tensor.set(this.state.tensor), () => scheme.set(this.state.scheme), () => gran.set(this.state.granularity),
      () => bits.set(this.state.bits), () => x.set(this.state.x), () => step.set(this.state.step),
    ];
    this.#status = h('p', { class: 'qe-status', 'aria-live': 'polite' });
    this.#formula = h('div', { class: 'qe-formula' });
    this.#channels = h('div', { class: 'qe-channels' });
    this.#metrics = h('dl', { class: 'qe-metrics' });
    this.#chart = h('div', { class: 'qe-chart', role: 'img' });
    this.#chartText = liveText();
    this.#legend = h('p', { class: 'qe-legend' });
    this.#notes = h('div', { class: 'qe-notes' });
    this.#notesNote = h('p', { class: 'qe-note' });
    this.#demo = h('p', { class: 'qe-demo-out', 'aria-live': 'polite' });
    this.append(
      h('div', { class: 'ctl-row' }, tensor.root, scheme.root),
      h('div', { class: 'ctl-row' }, gran.root, bits.root),
      this.#status, this.#formula, this.#channels, this.#metrics, this.#chart, this.#chartText, this.#legend,
      h('p', { class: 'qe-h', text: 'El ejemplo 3×4 de otros textos, ida y vuelta' }),
      h('p', { class: 'qe-note', text: 'Con el esquema y los bits de arriba («uno por canal» usa un rango por fila). La fila central no está en ese ejemplo: es nuestra.' }),
      this.#notes, this.#notesNote,
      h('p', { class: 'qe-h', text: 'Redondear a una rejilla: quantize(x, paso) = round(x / paso) · paso' }),
      h('div', { class: 'ctl-row' }, x.root, step.root), this.#demo,
    );
    loadDefaultWeights().then(
      (w) => {
        this.#weights = w;
        this.update();
      },
      (e: unknown) => {
        this.#status.textContent = `No se pudieron cargar los pesos del modelo (${e instanceof Error ? e.message : String(e)}). El ejemplo 3×4 sigue disponible.`;
        this.dataset.phase = 'error';
      },
    );
  }

  override resetState(): void {
    super.resetState();
    for (const f of this.#sync) f();
  }

  #tensor(): { values: ArrayLike<number>; shape: readonly number[] } | null {
    const info = TENSORS.find((t) => t.id === this.state.tensor)!;
    if (!info.weight) return { values: NOTES_MATRIX.flat(), shape: NOTES_SHAPE };
    const w = this.#weights?.find((t) => t.name === info.weight);
    return w ? { values: w.values, shape: w.shape } : null;
  }

  protected update(): void {
    const s = this.state;
    const info = TENSORS.find((t) => t.id === s.tensor)!;
    this.#drawNotes();
    this.#drawDemo();
    const t = this.#tensor();
    if (!t) {
      if (this.dataset.phase !== 'error') this.#status.textContent = 'Cargando los pesos del modelo por defecto…';
      return;
    }
    const axis = s.granularity === 'canal' ? info.axis : undefined;
    const r = runQuant(t.values, t.shape, s.scheme, s.bits, axis);
    const n = t.values.length;
    this.#status.textContent = `${info.label}: forma [${t.shape.join(', ')}], ${n} valores, ${r.params.length === 1 ? 'un rango para todo' : `${r.params.length} rangos, uno por ${info.channel}`}.`;
    const p0 = r.params[0]!;
    this.#formula.innerHTML = (r.params.length > 1 ? [`\\text{${info.channel} 1 de ${r.params.length}:}`] : []).concat(formulaTex(s.scheme, s.bits, p0)).map(tex).join('');
    this.#drawChannels(r.params, info.channel);
    const err = r.error;
    const codes = s.scheme === 'symmetric' ? 2 ** s.bits - 1 : 2 ** s.bits;
    const dt = (label: string, value: string, cls: string) => [h('dt', { text: label }), h('dd', { class: cls, text: value })];
    this.#metrics.replaceChildren(
      ...dt('Códigos posibles / usados', `${codes} / ${r.usedCodes}`, 'qe-codes'),
      ...dt('Paso entre códigos (Δ o S)', r.params.length === 1 ? sci(p0.scale) : `de ${sci(Math.min(...r.params.map((p) => p.scale)))} a ${sci(Math.max(...r.params.map((p) => p.scale)))}`, 'qe-step'),
      ...dt('Error cuadrático medio (MSE)', sci(err.mse), 'qe-mse'),
      ...dt('Error máximo |x − x̂|', sci(err.maxAbs), 'qe-max'),
      ...dt('Tamaño', `${bytes(r.size.float32Bytes)} en float32 → ${bytes(r.size.dataBytes)} de códigos + ${bytes(r.size.paramBytes)} de parámetros = ${bytes(r.size.totalBytes)} (${fmt(100 * r.size.ratio, 1)} %)`, 'qe-size'),
    );
    const b = beforeAfter(t.values, r.restored, 60);
    const width = Math.max(280, Math.min(720, this.clientWidth || 640));
    this.#chart.replaceChildren(histogramChart(b, { fg: cssVar(this, '--fg'), grid: cssVar(this, '--border'), c1: cssVar(this, '--c1'), c2: cssVar(this, '--c2') }, width));
    const nonEmpty = b.after.filter((c) => c > 0).length;
    const label = `Histograma de los ${n} valores de ${info.label}: en claro los originales, entre ${fmt(b.edges[0]!, 3)} y ${fmt(b.edges[60]!, 3)}; en oscuro los restaurados tras cuantizar con ${s.bits} bits, que se apilan en ${r.usedCodes} valores distintos.`;
    this.#chart.setAttribute('aria-label', label);
    this.#chartText.textContent = label;
    this.#legend.replaceChildren(
      h('span', { class: 'qe-key' }, h('span', { class: 'qe-swatch', style: `background:${cssVar(this, '--c1')};opacity:.45` }), 'original (float32)'),
      h('span', { class: 'qe-key' }, h('span', { class: 'qe-swatch', style: `background:${cssVar(this, '--c2')}` }), `restaurado x̂ (${s.bits} bits)`),
    );
    Object.assign(this.dataset, {
      phase: 'ready', mse: String(err.mse), maxErr: String(err.maxAbs), usedCodes: String(r.usedCodes),
      bytes: String(r.size.totalBytes), afterBins: String(nonEmpty), afterHist: b.after.join(','),
    });
  }

  #drawChannels(params: ReturnType<typeof runQuant>['params'], channel: string): void {
    if (params.length === 1) {
      this.#channels.replaceChildren();
      return;
    }
    const head = h('tr', {}, ...[channel, 'rango representable', 'paso', 'punto cero'].map((t) => h('th', { scope: 'col', text: t })));
    const rows = params.map((p, c) => h('tr', {}, h('td', { text: String(c + 1) }), h('td', { text: `[${fmt(p.lo, 4)}, ${fmt(p.hi, 4)}]` }),
      h('td', { text: sci(p.scale) }), h('td', { text: this.state.scheme === 'minmax' ? '—' : String(p.zeroPoint) })));
    this.#channels.replaceChildren(h('details', {}, h('summary', { text: `Los ${params.length} juegos de parámetros` }),
      h('table', { class: 'qe-ptable' }, h('thead', {}, head), h('tbody', {}, ...rows))));
  }

  #drawNotes(): void {
    const s = this.state;
    const flat = NOTES_MATRIX.flat();
    const r = runQuant(flat, NOTES_SHAPE, s.scheme, s.bits, s.granularity === 'canal' ? 0 : undefined);
    const d = (v: number) => fmt(v, 4);
    this.#notes.replaceChildren(
      matrixTable('W (float32)', toRows(flat, 4), (v) => fmt(v, 2), 'w'),
      matrixTable(`q (${s.bits} bits)`, toRows(r.codes, 4), (v) => String(v).replace('-', '−'), 'q'),
      matrixTable('Ŵ (restaurada)', toRows(r.restored, 4), d, 'r'),
      matrixTable('W − Ŵ (error)', toRows(flat.map((v, i) => v - r.restored[i]!), 4), d, 'e'),
    );
    const row1 = r.codes.slice(0, 4).join(', ');
    this.#notesNote.textContent = s.scheme === 'minmax' && s.bits === 8 && s.granularity === 'tensor'
      ? `Ese ejemplo, tal como circula, da ${NOTES_CLAIMED_CODES.join(', ')} para la primera fila, pero la fórmula da ${row1}: 9,56 es el máximo y le toca 255; −4,28 es el mínimo y le toca 0. Error máximo de la ida y vuelta: ${d(r.error.maxAbs)} (medio paso como mucho: ${d(r.params[0]!.scale / 2)}).`
      : `Primera fila: ${row1}. Error máximo de la ida y vuelta: ${d(r.error.maxAbs)}. Con min-max, 8 bits y un rango para todo verás los códigos de la fórmula de la lección.`;
    this.dataset.notesCodes = Array.from(r.codes).join(',');
  }

  #drawDemo(): void {
    const { x, step } = this.state;
    const q = quantize(x, step);
    const k = roundHalfAway(x / step);
    this.#demo.textContent = `quantize(${fmt(x, 4)}; ${fmt(step, 4)}) = round(${fmt(x, 4)} / ${fmt(step, 4)}) · ${fmt(step, 4)} = round(${fmt(x / step, 4)}) · ${fmt(step, 4)} = ${fmt(k, 0)} · ${fmt(step, 4)} = ${fmt(q, 6)}`;
    this.dataset.demo = String(q);
  }
}

defineWidget('quant-explorer', QuantExplorer);
