import { WidgetElement, defineWidget } from '../lib/widget/element';
import { button, cssVar, fmt, h, numberInput, uniqueId } from '../lib/widget/dom';
import { bool, int, nums, oneOf } from '../lib/state/schema';
import { imageBytes, type MnistData } from '../lib/data/mnist';
import { getMnist, mnistErrorText } from '../lib/data/mnist-client';
import { digitName, pickIndex } from '../lib/data/digits';
import { paintGray } from '../lib/draw/paint';
import {
  CUSTOM_MAX, CUSTOM_MIN, DEFAULT_CUSTOM, FILTERS, FILTER_IDS, SIZE, applyFilter, customHint,
  describeOutput, diverging, fallbackImage, kernelWeights, normalise, outputStats, parseColor, probe, probeText,
  type FilterId, type Rgb,
} from './core';
import { kernelPanel, type KernelPanel } from './parts';
import './style.css';

const TEST_MAX = 1999;
const schema = {
  index: int(0, 0, TEST_MAX),
  seed: int(1, 0, 1_000_000),
  filter: oneOf(FILTER_IDS, 'edge-v'),
  custom: nums(DEFAULT_CUSTOM, CUSTOM_MIN, CUSTOM_MAX, 9, 9),
  relu: bool(false),
  /** Output pixel whose sum is spelled out; −1 = the strongest response. */
  pr: int(-1, -1, SIZE - 1),
  pc: int(-1, -1, SIZE - 1),
};

const filterName = (id: FilterId): string => (id === 'custom' ? 'Tu filtro' : FILTERS[id].name);

interface Thumb {
  id: FilterId;
  btn: HTMLButtonElement;
  canvas: HTMLCanvasElement;
}

class FilterGallery extends WidgetElement<typeof schema> {
  readonly schema = schema;
  #data: MnistData | null = null;
  #error: string | null = null;
  #status!: HTMLElement;
  #index!: ReturnType<typeof numberInput>;
  #relu!: HTMLInputElement;
  #thumbs: Thumb[] = [];
  #input!: HTMLCanvasElement;
  #inputCap!: HTMLElement;
  #output!: HTMLCanvasElement;
  #marker!: HTMLElement;
  #outCap!: HTMLElement;
  #alt!: HTMLElement;
  #legend!: HTMLElement;
  #kernel!: KernelPanel;
  #detects!: HTMLElement;
  #probeRow!: ReturnType<typeof numberInput>;
  #probeCol!: ReturnType<typeof numberInput>;
  #probeOut!: HTMLElement;

  protected setup(): void {
    const s = this.state;
    this.#index = numberInput({
      label: `Imagen de prueba (0 a ${TEST_MAX})`, min: 0, max: TEST_MAX, step: 1, value: s.index,
      onInput: (v) => this.setState({ index: Math.round(v), pr: -1, pc: -1 }),
    });
    const other = button('Otro dígito', () => {
      const seed = (this.state.seed + 1) % 1_000_000;
      this.setState({ seed, index: pickIndex(seed, this.#data?.test.count ?? TEST_MAX + 1), pr: -1, pc: -1 });
    });
    const reluId = uniqueId('fg-relu');
    this.#relu = h('input', { type: 'checkbox', id: reluId });
    this.listen(this.#relu, 'change', () => this.setState({ relu: this.#relu.checked }));
    this.#status = h('div', { class: 'fg-status' });

    const gallery = h('div', { class: 'fg-gallery', role: 'group', 'aria-label': 'Filtro' });
    for (const id of FILTER_IDS) {
      const canvas = h('canvas', { width: SIZE, height: SIZE, class: 'fg-thumb', 'aria-hidden': 'true' });
      const btn = button('', () => this.setState({ filter: id, pr: -1, pc: -1 }), { class: 'fg-pick', 'aria-pressed': 'false' });
      btn.append(canvas, h('span', { text: filterName(id) }));
      gallery.append(btn);
      this.#thumbs.push({ id, btn, canvas });
    }

    this.#input = h('canvas', { width: SIZE, height: SIZE, class: 'fg-img', role: 'img' });
    this.#inputCap = h('p', { class: 'fg-cap' });
    this.#output = h('canvas', { width: SIZE, height: SIZE, class: 'fg-img fg-out', role: 'img' });
    this.#marker = h('div', { class: 'fg-marker', 'aria-hidden': 'true' });
    this.#outCap = h('p', { class: 'fg-cap' });
    this.#alt = h('p', { class: 'visually-hidden', 'aria-live': 'polite' });
    this.#legend = h('div', { class: 'fg-legend', 'aria-hidden': 'true' });
    this.#kernel = kernelPanel({
      onWeight: (i, v) => {
        const custom = [...this.state.custom];
        custom[i] = v;
        this.setState({ custom, filter: 'custom' });
      },
      onPreset: (weights) => this.setState({ custom: [...weights], filter: 'custom', pr: -1, pc: -1 }),
      onCopy: () => {
        const f = this.state.filter;
        if (f === 'custom') return;
        const w = Array.from(kernelWeights(f, this.state.custom), (x) => Math.round(x * 1e4) / 1e4);
        this.setState({ custom: w, filter: 'custom' });
      },
    });
    this.#detects = h('p', { class: 'fg-detects' });
    this.#probeRow = numberInput({ label: 'Fila', min: 0, max: SIZE - 1, step: 1, value: 0, onInput: (v) => this.#setProbe(Math.round(v), null) });
    this.#probeCol = numberInput({ label: 'Columna', min: 0, max: SIZE - 1, step: 1, value: 0, onInput: (v) => this.#setProbe(null, Math.round(v)) });
    this.#probeOut = h('p', { class: 'readout fg-probe-sum', 'aria-live': 'polite' });

    const outBox = h('div', { class: 'fg-outbox' }, this.#output, this.#marker);
    const pick = (e: PointerEvent): void => {
      const r = this.#output.getBoundingClientRect();
      const col = Math.floor(((e.clientX - r.left) / r.width) * SIZE);
      const row = Math.floor(((e.clientY - r.top) / r.height) * SIZE);
      if (row >= 0 && row < SIZE && col >= 0 && col < SIZE && (row !== this.state.pr || col !== this.state.pc)) this.setState({ pr: row, pc: col });
    };
    this.listen(this.#output, 'pointermove', (e) => { if ((e as PointerEvent).pointerType === 'mouse') pick(e as PointerEvent); });
    this.listen(this.#output, 'pointerdown', (e) => pick(e as PointerEvent));

    this.append(
      h('div', { class: 'ctl-row' }, this.#index.root, other,
        h('div', { class: 'ctl fg-check' }, this.#relu, h('label', { for: reluId, text: 'Aplicar ReLU (solo queda lo positivo)' }))),
      this.#status,
      gallery,
      h('div', { class: 'fg-main' },
        h('div', { class: 'fg-panel fg-inp' }, h('p', { class: 'fg-title', text: 'Entrada' }), this.#input, this.#inputCap),
        h('div', { class: 'fg-panel fg-kpanel' }, this.#kernel.root),
        h('div', { class: 'fg-panel fg-outp' }, h('p', { class: 'fg-title', text: 'Salida' }), outBox, this.#legend, this.#outCap, this.#alt)),
      this.#detects,
      h('div', { class: 'fg-probe' },
        h('p', { class: 'fg-probe-title', text: 'La cuenta en un píxel de la salida (pasa el ratón por la salida, tócala o elige fila y columna):' }),
        h('div', { class: 'ctl-row' }, this.#probeRow.root, this.#probeCol.root),
        this.#probeOut),
    );

    getMnist().then(
      (d) => { this.#data = d; if (this.isConnected) this.guard(() => this.update()); },
      (e: unknown) => { this.#error = mnistErrorText(e); if (this.isConnected) this.guard(() => this.update()); },
    );
  }

  #setProbe(row: number | null, col: number | null): void {
    const cur = this.#probeCell();
    this.setState({ pr: row ?? cur.row, pc: col ?? cur.col });
  }

  #image(): { bytes: Uint8Array; label: number | null } {
    if (!this.#data) return { bytes: fallbackImage(), label: null };
    const i = Math.min(this.state.index, this.#data.test.count - 1);
    return { bytes: imageBytes(this.#data.test, i), label: this.#data.test.labels[i]! };
  }

  #probeCell(): { row: number; col: number } {
    const s = this.state;
    if (s.pr >= 0 && s.pc >= 0) return { row: s.pr, col: s.pc };
    const { bytes } = this.#image();
    return outputStats(applyFilter(normalise(bytes), kernelWeights(s.filter, s.custom), s.relu)).argAbs;
  }

  protected update(): void {
    const s = this.state;
    if (Number(this.#index.input.value) !== s.index) this.#index.set(s.index);
    this.#relu.checked = s.relu;
    this.#status.replaceChildren();
    this.#status.removeAttribute('role');
    this.#status.className = 'fg-status';
    if (this.#error) {
      this.#status.setAttribute('role', 'alert');
      this.#status.className = 'fg-status fg-error';
      this.#status.append(h('p', { text: this.#error }),
        h('p', { text: 'Mientras tanto, los filtros se aplican a una figura de prueba: un cuadrado hueco con una diagonal.' }));
    } else if (!this.#data) {
      this.#status.className = 'fg-status fg-loading';
      this.#status.textContent = 'Cargando los dígitos de MNIST…';
    }

    const { bytes, label } = this.#image();
    const image = normalise(bytes);
    const what = label === null ? 'la figura de prueba' : `la imagen ${Math.min(s.index, TEST_MAX)} (${digitName(label)})`;
    const colors = this.#colors();
    paintGray(this.#input, bytes, { width: SIZE });
    this.#input.setAttribute('aria-label', `Entrada: ${what}, 28 por 28 píxeles en escala de grises.`);
    this.#inputCap.textContent = label === null ? 'Figura de prueba' : `Imagen ${Math.min(s.index, TEST_MAX)}: ${digitName(label)}`;

    for (const t of this.#thumbs) {
      const w = kernelWeights(t.id, s.custom);
      const out = applyFilter(image, w, s.relu);
      paintDiverging(t.canvas, out, outputStats(out).absMax, colors);
      t.btn.setAttribute('aria-pressed', String(t.id === s.filter));
    }

    const weights = kernelWeights(s.filter, s.custom);
    const out = applyFilter(image, weights, s.relu);
    const st = outputStats(out);
    paintDiverging(this.#output, out, st.absMax, colors);
    const name = filterName(s.filter);
    const alt = describeOutput(name, st, s.relu, (v) => fmt(v, 2));
    this.#output.setAttribute('aria-label', alt);
    this.#alt.textContent = alt;
    this.#outCap.textContent = `${name}${s.relu ? ' + ReLU' : ''}`;
    const [neg, zero, pos] = colors.map((c) => `rgb(${c.join(' ')})`);
    this.#legend.style.setProperty('--neg', neg!);
    this.#legend.style.setProperty('--zero', zero!);
    this.#legend.style.setProperty('--pos', pos!);
    this.#legend.replaceChildren(h('span', { class: 'fg-bar' }),
      h('span', { text: fmt(-st.absMax, 2) }), h('span', { text: '0' }), h('span', { text: fmt(st.absMax, 2) }),
      h('span', { text: 'negativo' }), h('span'), h('span', { text: 'positivo' }));

    this.#kernel.show(s.filter, s.custom);
    this.#detects.textContent = s.filter === 'custom'
      ? customHint(s.custom, (v) => fmt(v, 3))
      : FILTERS[s.filter].detects;

    const cell = this.#probeCell();
    if (Number(this.#probeRow.input.value) !== cell.row) this.#probeRow.set(cell.row);
    if (Number(this.#probeCol.input.value) !== cell.col) this.#probeCol.set(cell.col);
    this.#marker.style.left = `${(cell.col / SIZE) * 100}%`;
    this.#marker.style.top = `${(cell.row / SIZE) * 100}%`;
    const step = probe(image, weights, cell.row, cell.col);
    this.#probeOut.textContent = probeText(step, s.filter, s.relu);
  }

  /** Negative, zero and positive colours of the current theme. */
  #colors(): [Rgb, Rgb, Rgb] {
    const read = (name: string, fallback: Rgb): Rgb => parseColor(cssVar(this, name)) ?? fallback;
    return [read('--c2', [194, 65, 12]), read('--bg-elev', [255, 255, 255]), read('--c4', [3, 105, 161])];
  }
}

function paintDiverging(canvas: HTMLCanvasElement, values: Float32Array, m: number, [neg, zero, pos]: [Rgb, Rgb, Rgb]): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const img = ctx.createImageData(SIZE, SIZE);
  for (let i = 0; i < values.length; i++) img.data.set([...diverging(values[i]!, m, neg, zero, pos), 255], i * 4);
  ctx.putImageData(img, 0, 0);
}

defineWidget('filter-gallery', FilterGallery);
