/**
 * Tiny DOM helpers for widget views: labelled native controls (keyboard and screen-reader
 * friendly) and an element builder. Views use these instead of innerHTML with user data.
 */
type Attrs = Record<string, string | number | boolean | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Array<Node | string>
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (k === 'class') el.className = String(v);
    else if (k === 'text') el.textContent = String(v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  el.append(...children);
  return el;
}

let uid = 0;
/** A unique id for label/for pairs inside widgets (two copies of a widget never collide). */
export const uniqueId = (prefix: string): string => `${prefix}-${++uid}`;

export interface SliderOptions {
  label: string;
  min: number;
  max: number;
  step: number;
  value: number;
  /** Text shown next to the slider and announced as aria-valuetext. */
  format?: (v: number) => string;
  onInput: (v: number) => void;
}

export interface Slider {
  root: HTMLElement;
  input: HTMLInputElement;
  set(v: number): void;
}

export function slider(o: SliderOptions): Slider {
  const id = uniqueId('sl');
  const fmt = o.format ?? ((v: number) => String(v));
  const input = h('input', { type: 'range', id, min: o.min, max: o.max, step: o.step, value: o.value });
  const out = h('output', { for: id, class: 'ctl-value' });
  const set = (v: number): void => {
    input.value = String(v);
    out.textContent = fmt(v);
    input.setAttribute('aria-valuetext', fmt(v));
  };
  input.addEventListener('input', () => {
    const v = Number(input.value);
    set(v);
    o.onInput(v);
  });
  set(o.value);
  const root = h('div', { class: 'ctl ctl-slider' }, h('label', { for: id, text: o.label }), input, out);
  return { root, input, set };
}

export interface SelectOptions<V extends string> {
  label: string;
  options: ReadonlyArray<{ value: V; label: string }>;
  value: V;
  onChange: (v: V) => void;
}

export function select<V extends string>(o: SelectOptions<V>): { root: HTMLElement; input: HTMLSelectElement; set(v: V): void } {
  const id = uniqueId('sel');
  const input = h('select', { id });
  for (const opt of o.options) input.append(h('option', { value: opt.value, text: opt.label }));
  input.value = o.value;
  input.addEventListener('change', () => o.onChange(input.value as V));
  const root = h('div', { class: 'ctl ctl-select' }, h('label', { for: id, text: o.label }), input);
  return { root, input, set: (v: V) => { input.value = v; } };
}

export function numberInput(o: SliderOptions): { root: HTMLElement; input: HTMLInputElement; set(v: number): void } {
  const id = uniqueId('num');
  const input = h('input', { type: 'number', id, min: o.min, max: o.max, step: o.step, value: o.value, inputmode: 'decimal' });
  input.addEventListener('input', () => {
    const v = Number(input.value);
    if (input.value !== '' && Number.isFinite(v)) o.onInput(Math.min(o.max, Math.max(o.min, v)));
  });
  const root = h('div', { class: 'ctl ctl-number' }, h('label', { for: id, text: o.label }), input);
  return { root, input, set: (v: number) => { input.value = String(v); } };
}

export function button(label: string, onClick: () => void, attrs: Attrs = {}): HTMLButtonElement {
  const b = h('button', { type: 'button', class: 'btn', ...attrs }, label);
  b.addEventListener('click', onClick);
  return b;
}

/** A visually hidden live region for chart text alternatives and status messages. */
export function liveText(className = 'visually-hidden'): HTMLParagraphElement {
  return h('p', { class: className, 'aria-live': 'polite' });
}

/** A reader of theme variables on `el`, each with its fallback (one getComputedStyle for a palette). */
export function themeVars(el: Element): (name: string, fallback: string) => string {
  const s = getComputedStyle(el);
  return (n, f) => s.getPropertyValue(n).trim() || f;
}

/** Reads a theme colour variable (e.g. '--c1') for charts drawn in JS. */
export function cssVar(el: Element, name: string): string {
  return getComputedStyle(el).getPropertyValue(name).trim() || '#888';
}

/** Spanish number text: moved to lib/format (this re-export keeps old imports working). */
export { fmt } from '../format/number';

/**
 * Puts each listed control back in step with the state field of the same name (after a reset, a
 * shared link or a preset): `syncControls(el, state, ['k', 'seed'])` is `el.k.set(state.k);
 * el.seed.set(state.seed)`. Controls are what slider / select / numberInput return.
 */
export function syncControls<S, K extends keyof S & string>(
  controls: { [P in K]: { set(v: S[P]): void } },
  state: S,
  keys: readonly K[],
): void {
  for (const k of keys) controls[k].set(state[k]);
}

/**
 * Prepares a Plot/d3 chart for a container that carries the text alternative (role="img"):
 * inner aria-labels (not allowed there) move to data-mark, still handy to query, and the chart
 * is hidden from assistive technology. Returns the same element.
 */
export function quietChart(el: Element): SVGSVGElement {
  for (const n of el.querySelectorAll('[aria-label]')) {
    n.setAttribute('data-mark', n.getAttribute('aria-label') ?? '');
    n.removeAttribute('aria-label');
  }
  el.setAttribute('aria-hidden', 'true');
  return el as SVGSVGElement;
}

export interface ResizedOptions {
  /** Smallest change of width that counts, px (default 4). */
  tolerance?: number;
  /** The width the view last drew for, px (default: the width when resized() is called, then the last one reported). */
  drawn?: () => number;
  /** How the width is read, px (default: clientWidth). */
  measure?: (el: HTMLElement) => number;
}

/**
 * Calls `onWidth(w)` when the width w of `el` (px, > 0) differs from the width drawn for by more
 * than `tolerance`, so a chart redraws when its box changes (phone rotation, window resize)
 * without reading sizes on every frame. A ResizeObserver watches (nothing happens where there is
 * none). Returns the function that stops watching: hand it to onCleanup.
 */
export function resized(el: HTMLElement, onWidth: (width: number) => void, o: ResizedOptions = {}): () => void {
  if (typeof ResizeObserver !== 'function') return () => {};
  const measure = o.measure ?? ((e: HTMLElement) => e.clientWidth);
  const tolerance = o.tolerance ?? 4;
  let seen = o.drawn ? 0 : measure(el);
  const drawn = o.drawn ?? (() => seen);
  const ro = new ResizeObserver(() => {
    const w = measure(el);
    if (w > 0 && Math.abs(w - drawn()) > tolerance) {
      seen = w;
      onWidth(w);
    }
  });
  ro.observe(el);
  return () => ro.disconnect();
}

/**
 * The width a widget draws at, kept up to date by resized(): it starts at el.clientWidth (or
 * `fallback` before layout) and `onChange` runs after each change beyond `tolerance`; `stop`
 * disconnects the observer.
 */
export function trackedWidth(el: HTMLElement, onChange: () => void, o: { fallback: number; tolerance: number }): { readonly width: number; stop: () => void } {
  let width = el.clientWidth || o.fallback;
  const stop = resized(el, (w) => {
    width = w;
    onChange();
  }, { tolerance: o.tolerance, drawn: () => width });
  return { get width() { return width; }, stop };
}
