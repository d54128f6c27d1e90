import { WidgetElement, defineWidget } from '../lib/widget/element';
import { button, h, numberInput, select } from '../lib/widget/dom';
import { nums } from '../lib/state/schema';
import { SMALL_CNN, describeLayer, shapeText, summarize, type LayerSpec, type Padding } from '../lib/conv';
import {
  LIMITS, MAX_CODES, MAX_CODE_VALUE, MAX_LAYERS, decodeStack, encodeStack, intText, macsText, moveLayer, paramsText,
  removeLayer, totalsText,
} from './core';
import './style.css';

const schema = {
  /** Input shape [height, width, channels]. */
  input: nums([28, 28, 1], 1, 1024, 3, 3),
  /** The layer stack, encoded as in core.ts. */
  stack: nums(encodeStack(SMALL_CNN), 0, MAX_CODE_VALUE, 0, MAX_CODES),
};

const TYPES = ['conv2d', 'maxPool2d', 'avgPool2d', 'flatten', 'dense'] as const;
type LayerType = (typeof TYPES)[number];
const TYPE_LABELS: Record<LayerType, string> = {
  conv2d: 'Convolución (Conv2D)',
  maxPool2d: 'Max pooling (MaxPooling2D)',
  avgPool2d: 'Average pooling (AveragePooling2D)',
  flatten: 'Aplanar (Flatten)',
  dense: 'Totalmente conectada (Dense)',
};
const opts = <V extends string>(values: readonly V[], label: (v: V) => string = (v) => v) =>
  values.map((value) => ({ value, label: label(value) }));

class ShapeCalculator extends WidgetElement<typeof schema> {
  readonly schema = schema;
  #sync: Array<() => void> = [];
  #body!: HTMLTableSectionElement;
  #totals!: HTMLElement;
  #status!: HTMLElement;
  #add!: HTMLButtonElement;
  #form!: () => LayerSpec;
  #focus: { row: number; action: string } | null = null;

  protected setup(): void {
    const dims = ['Alto', 'Ancho', 'Canales'].map((label, i) => numberInput({
      label, min: 1, max: 1024, step: 1, value: this.state.input[i]!,
      onInput: (v) => {
        const input = [...this.state.input];
        input[i] = Math.round(v);
        this.setState({ input });
      },
    }));
    this.#sync = dims.map((d, i) => () => d.set(this.state.input[i]!));

    const type = select({ label: 'Tipo de capa', value: 'conv2d', options: opts(TYPES, (t) => TYPE_LABELS[t]), onChange: () => show() });
    const filters = numberInput({ label: 'Filtros', min: LIMITS.filters[0], max: LIMITS.filters[1], step: 1, value: 8, onInput: () => {} });
    const kernel = select({ label: 'Kernel', value: '3', options: opts(['1', '3', '5', '7'] as const, (v) => `${v} × ${v}`), onChange: () => {} });
    const poolSize = select({ label: 'Ventana', value: '2', options: opts(['2', '3'] as const, (v) => `${v} × ${v}`), onChange: () => {} });
    const stride = select({ label: 'Paso (stride)', value: '1', options: opts(['1', '2', '3'] as const), onChange: () => {} });
    const poolStride = select({ label: 'Paso (stride)', value: '2', options: opts(['1', '2', '3'] as const), onChange: () => {} });
    const padding = select({ label: 'Relleno', value: 'same', options: opts(['valid', 'same'] as const), onChange: () => {} });
    const poolPadding = select({ label: 'Relleno', value: 'valid', options: opts(['valid', 'same'] as const), onChange: () => {} });
    const convAct = select({ label: 'Activación', value: 'relu', options: [{ value: 'relu', label: 'ReLU' }, { value: 'linear', label: 'ninguna (lineal)' }], onChange: () => {} });
    const units = numberInput({ label: 'Neuronas', min: LIMITS.units[0], max: LIMITS.units[1], step: 1, value: 10, onInput: () => {} });
    const denseAct = select({
      label: 'Activación', value: 'softmax',
      options: [{ value: 'softmax', label: 'softmax' }, { value: 'relu', label: 'ReLU' }, { value: 'linear', label: 'ninguna (lineal)' }],
      onChange: () => {},
    });
    const groups: Record<LayerType, HTMLElement[]> = {
      conv2d: [filters.root, kernel.root, stride.root, padding.root, convAct.root],
      maxPool2d: [poolSize.root, poolStride.root, poolPadding.root],
      avgPool2d: [poolSize.root, poolStride.root, poolPadding.root],
      flatten: [],
      dense: [units.root, denseAct.root],
    };
    const fields = [...new Set(Object.values(groups).flat())];
    const show = (): void => {
      const visible = groups[type.input.value as LayerType];
      for (const f of fields) f.hidden = !visible.includes(f);
    };
    show();
    const intOf = (el: HTMLInputElement, [lo, hi]: readonly [number, number]): number =>
      Math.min(hi, Math.max(lo, Math.round(Number(el.value) || lo)));
    this.#form = () => {
      const t = type.input.value as LayerType;
      switch (t) {
        case 'conv2d':
          return {
            type: t, filters: intOf(filters.input, LIMITS.filters), kernelSize: Number(kernel.input.value), stride: Number(stride.input.value),
            padding: padding.input.value as Padding, activation: convAct.input.value as 'relu' | 'linear',
          };
        case 'maxPool2d':
        case 'avgPool2d':
          return { type: t, poolSize: Number(poolSize.input.value), stride: Number(poolStride.input.value), padding: poolPadding.input.value as Padding };
        case 'flatten':
          return { type: t };
        case 'dense':
          return { type: t, units: intOf(units.input, LIMITS.units), activation: denseAct.input.value as 'softmax' | 'relu' | 'linear' };
      }
    };
    this.#add = button('Añadir capa', () => this.#addLayer());

    this.#body = h('tbody');
    this.#totals = h('div', { class: 'readout sc-totals', 'aria-live': 'polite' });
    this.#status = h('p', { class: 'sc-status', role: 'status' });
    const table = h('table', { class: 'sc-table' },
      h('caption', { class: 'visually-hidden', text: 'Capas de la red con la forma de su salida, sus parámetros y sus multiplicaciones-sumas' }),
      h('thead', {}, h('tr', {},
        ...['#', 'Capa', 'Forma de salida', 'Parámetros', 'Multiplicaciones-sumas'].map((t) => h('th', { scope: 'col', text: t })),
        h('th', { scope: 'col' }, h('span', { class: 'visually-hidden', text: 'Acciones' })))),
      this.#body);
    this.append(
      h('fieldset', { class: 'sc-input' }, h('legend', { text: 'Entrada (alto × ancho × canales)' }), h('div', { class: 'ctl-row' }, ...dims.map((d) => d.root))),
      h('div', { class: 'sc-presets' },
        button('Cargar la CNN pequeña del curso', () => this.#set(SMALL_CNN, 'Cargada la CNN pequeña de las lecciones 09 y 10.'), { class: 'btn btn-quiet' }),
        button('Vaciar la pila', () => this.#set([], 'Pila vacía: añade capas abajo.'), { class: 'btn btn-quiet' })),
      h('div', { class: 'sc-scroll' }, table),
      this.#totals,
      h('fieldset', { class: 'sc-add' }, h('legend', { text: 'Añadir una capa al final' }),
        h('div', { class: 'ctl-row' }, type.root, ...fields, this.#add)),
      this.#status,
    );
  }

  override resetState(): void {
    super.resetState();
    for (const f of this.#sync) f();
  }

  #specs(): { specs: LayerSpec[]; broken: boolean } {
    const specs = decodeStack(this.state.stack);
    return specs ? { specs, broken: false } : { specs: [...SMALL_CNN], broken: true };
  }

  #set(specs: readonly LayerSpec[], message: string, focus: { row: number; action: string } | null = null): void {
    this.#focus = focus;
    this.setState({ stack: encodeStack(specs) });
    this.#status.textContent = message;
  }

  #addLayer(): void {
    const { specs } = this.#specs();
    if (specs.length >= MAX_LAYERS) {
      this.#status.textContent = `La calculadora admite hasta ${MAX_LAYERS} capas.`;
      return;
    }
    const spec = this.#form();
    this.#set([...specs, spec], `Añadida la capa ${specs.length + 1}: ${describeLayer(spec)}.`);
  }

  protected update(): void {
    const { specs, broken } = this.#specs();
    const input = this.state.input;
    const sum = summarize(input, specs);
    const err = sum.error;
    const rows: HTMLElement[] = [];
    rows.push(h('tr', { class: 'sc-in' },
      h('td', { text: '0' }), h('td', { text: 'Entrada' }), h('td', { class: 'sc-shape', 'data-label': 'Salida', text: shapeText(input) }),
      h('td', { 'data-label': 'Parámetros', text: '0' }), h('td', { 'data-label': 'Multiplicaciones-sumas', text: '0' }), h('td', { class: 'sc-actions' })));
    if (err?.layer === -1) rows.push(this.#errorRow(err.message));
    specs.forEach((spec, i) => {
      const l = sum.layers[i];
      const mk = (action: string, text: string, label: string, fn: () => void, disabled = false): HTMLButtonElement => {
        const b = button(text, fn, { class: 'btn btn-quiet sc-act', 'aria-label': label, 'data-action': action, disabled });
        return b;
      };
      const name = `la capa ${i + 1}`;
      const actions = h('td', { class: 'sc-actions' },
        mk('up', '↑', `Subir ${name}`, () => this.#set(moveLayer(specs, i, i - 1), `Capa ${i + 1} subida.`, { row: i - 1, action: 'up' }), i === 0),
        mk('down', '↓', `Bajar ${name}`, () => this.#set(moveLayer(specs, i, i + 1), `Capa ${i + 1} bajada.`, { row: i + 1, action: 'down' }), i === specs.length - 1),
        mk('remove', '✕', `Quitar ${name}`, () => this.#set(removeLayer(specs, i), `Quitada la capa ${i + 1}.`, { row: Math.min(i, specs.length - 2), action: 'remove' })));
      const sub = (col: string, main: string, detail: string): HTMLElement =>
        h('td', { 'data-label': col }, h('span', { class: 'sc-num', text: main }), h('span', { class: 'sc-detail', text: detail }));
      rows.push(h('tr', { 'data-layer': i, class: l ? '' : 'sc-off' },
        h('td', { text: String(i + 1) }),
        h('td', { text: l ? l.label : describeLayer(spec) }),
        h('td', { class: 'sc-shape', 'data-label': 'Salida', text: l ? shapeText(l.outputShape) : '—' }),
        l ? sub('Parámetros', intText(l.params), paramsText(l)) : h('td', { 'data-label': 'Parámetros', text: '—' }),
        l ? sub('Multiplicaciones-sumas', intText(l.macs), macsText(l)) : h('td', { 'data-label': 'Multiplicaciones-sumas', text: '—' }),
        actions));
      if (err?.layer === i) rows.push(this.#errorRow(`Capa ${i + 1}: ${err.message}`));
    });
    this.#body.replaceChildren(...rows);

    const t = totalsText(sum);
    const lines = [
      h('p', { class: 'sc-total-main', text: `Total: ${t.params} · ${t.macs}` }),
      h('p', { text: t.weights }),
    ];
    if (t.largest) lines.push(h('p', { text: t.largest }));
    if (err) lines.push(h('p', { class: 'sc-warn', text: 'Los totales solo cuentan las capas anteriores al error.' }));
    else if (specs.length) lines.push(h('p', { text: `Salida de la red: ${shapeText(sum.output)}.` }));
    if (broken) lines.push(h('p', { class: 'sc-warn', text: 'El enlace traía una pila que no se entiende; se muestra la CNN pequeña del curso.' }));
    this.#totals.replaceChildren(...lines);
    // For <Predice>: the parameters of a stack that computes without error (state = input + stack).
    if (err) this.clearResult('parametros');
    else this.reportResult('parametros', sum.totalParams);
    this.#add.disabled = specs.length >= MAX_LAYERS;

    const f = this.#focus;
    this.#focus = null;
    if (f) {
      const target = this.#body.querySelector<HTMLButtonElement>(`tr[data-layer="${f.row}"] [data-action="${f.action}"]`);
      const fallback = this.#body.querySelector<HTMLButtonElement>(`tr[data-layer="${f.row}"] button:not([disabled])`);
      (target && !target.disabled ? target : fallback ?? this.#add).focus();
    }
  }

  #errorRow(message: string): HTMLElement {
    return h('tr', { class: 'sc-error' }, h('td', { colspan: 6 }, h('strong', { text: 'No encaja. ' }), message));
  }
}

defineWidget('shape-calculator', ShapeCalculator);
