/**
 * DOM pieces of the layer calculator's equation: a matrix block (name, bracketed grid, shape
 * caption), operators, and the painting of one step (which cells the operation uses).
 * Cells carry data-j (neuron) and data-i (input) so hover and highlights can find them.
 */
import { h } from '../lib/widget/dom';
import { N_IN, N_OUT, num, parseNum, type Place, type Step } from './core';

export interface Block {
  root: HTMLElement;
  name: HTMLElement;
  mat: HTMLElement;
  shape: HTMLElement;
}

export function block(name: string, shape: string, extra = ''): Block {
  const b: Block = {
    root: h('div', { class: `lc-block ${extra}` }),
    name: h('span', { class: 'lc-name', text: name }),
    mat: h('div', { class: 'lc-mat' }),
    shape: h('span', { class: 'lc-shape', text: shape }),
  };
  b.root.append(b.name, b.mat, b.shape);
  return b;
}

/** An operator between blocks ("=", "+", ")"): decoration, the text alternatives say it. */
export const op = (t: string): HTMLElement => h('span', { class: 'lc-op', 'aria-hidden': 'true', text: t });

/** Where a cell sits, read from its data-j / data-i attributes. */
export const place = (c: HTMLElement): Place => ({
  j: c.dataset.j === undefined ? undefined : Number(c.dataset.j),
  i: c.dataset.i === undefined ? undefined : Number(c.dataset.i),
});

export interface ValueCellOptions {
  /** Accessible name, e.g. "Peso w₂₁ (de la entrada 1 a la neurona 2)". */
  label: string;
  at: Place;
  get: () => number;
  put: (v: number) => void;
  /** The widget's `listen` (released on disconnect). */
  listen: (target: EventTarget, type: string, fn: (e: Event) => void) => void;
}

/**
 * A labelled text input holding one number: text, not type=number, so it shows and accepts
 * the decimal comma ("0,5" or "0.5"). ArrowUp/ArrowDown add ±0,1; on change (blur, Enter) the
 * text is rewritten from the stored value.
 */
export function valueCell(o: ValueCellOptions): HTMLInputElement {
  const input = h('input', {
    type: 'text', class: 'lc-cell', inputmode: 'decimal', autocomplete: 'off', spellcheck: 'false',
    'aria-label': o.label, value: num(o.get()), 'data-j': o.at.j, 'data-i': o.at.i,
  });
  o.listen(input, 'input', () => {
    const v = parseNum(input.value);
    if (v !== null) o.put(v);
  });
  o.listen(input, 'keydown', (e) => {
    const key = (e as KeyboardEvent).key;
    if (key !== 'ArrowUp' && key !== 'ArrowDown') return;
    e.preventDefault();
    o.put(Math.round((o.get() + (key === 'ArrowUp' ? 0.1 : -0.1)) * 1e6) / 1e6);
    input.value = num(o.get());
  });
  o.listen(input, 'change', () => { input.value = num(o.get()); });
  return input;
}

export interface Cells {
  /** 12 inputs, w[j*4 + i] = w_ji. */
  w: HTMLInputElement[];
  x: HTMLInputElement[];
  b: HTMLInputElement[];
  /** Net in "Net = W x + b", Net again inside "φ(Net)", and Y. */
  net: HTMLElement[];
  net2: HTMLElement[];
  y: HTMLElement[];
}

/**
 * Paints step `cur` (undefined = overview): is-cur on the weight, input or bias being used
 * and on the value it changes, is-row on the rest of that neuron's weights and on x; writes
 * Net and Y as known so far ("·" = not computed yet, italics = running sum).
 */
export function paintStep(c: Cells, cur: Step | undefined, known: { net: Array<number | null>; y: Array<number | null> }): void {
  const mark = (el: HTMLElement, cls: string, on: boolean): void => { el.classList.toggle(cls, on); };
  const sums = cur !== undefined && cur.kind !== 'act';
  c.w.forEach((el, k) => {
    const j = Math.floor(k / N_IN);
    const i = k % N_IN;
    mark(el, 'is-row', sums && cur.j === j);
    mark(el, 'is-cur', cur?.kind === 'mac' && cur.j === j && cur.i === i);
  });
  c.x.forEach((el, i) => {
    mark(el, 'is-row', sums);
    mark(el, 'is-cur', cur?.kind === 'mac' && cur.i === i);
  });
  c.b.forEach((el, j) => mark(el, 'is-cur', cur?.kind === 'bias' && cur.j === j));
  for (let j = 0; j < N_OUT; j++) {
    const n = known.net[j] ?? null;
    const y = known.y[j] ?? null;
    for (const el of [c.net[j]!, c.net2[j]!]) {
      el.textContent = n === null ? '·' : num(n);
      mark(el, 'is-todo', n === null);
      mark(el, 'is-partial', cur?.kind === 'mac' && cur.j === j);
    }
    mark(c.net[j]!, 'is-cur', sums && cur.j === j);
    mark(c.net2[j]!, 'is-cur', cur?.kind === 'act' && cur.j === j);
    c.y[j]!.textContent = y === null ? '·' : num(y);
    mark(c.y[j]!, 'is-todo', y === null);
    mark(c.y[j]!, 'is-cur', cur?.kind === 'act' && cur.j === j);
  }
}
