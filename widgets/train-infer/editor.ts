/**
 * Keyboard-friendly data editor of train-infer: pick a point, move it with number inputs
 * (arrow keys step 0.1), add or remove points; and the seeded generator settings.
 * It only builds controls and calls back into the widget; it never holds the data itself.
 */
import { button, fmt, h, numberInput, select, slider } from '../lib/widget/dom';
import { pointPicker } from '../lib/widget/point-picker';
import type { WidgetElement } from '../lib/widget/element';
import type { StateOf } from '../lib/state/schema';
import { HI, LO, round2, type Point } from './core';
import type { TrainInferSchema } from './view';

export interface EditorApi {
  points(): Point[];
  selected(): number;
  select(i: number): void;
  /** Replaces the data with edited points (stored in the URL state) and selects `sel`. */
  setPoints(pts: Point[], sel: number): void;
}

export interface Editor {
  root: HTMLElement;
  /** Brings every control in line with the widget state (skips the field being typed in). */
  sync(): void;
  commit(pts: Point[], sel: number): void;
  add(p: Point): void;
}

export const MIN_POINTS = 2;
export const MAX_POINTS = 40;

type Host = WidgetElement<TrainInferSchema>;
type S = StateOf<TrainInferSchema>;

export function buildEditor(host: Host, api: EditorApi): Editor {
  const st = (): S => host.getState();
  const set = (patch: Partial<S>): void => host.setState(patch);
  const regenerate = (patch: Partial<S>): void => {
    api.select(0);
    set({ ...patch, pts: [] });
  };
  const moveTo = (axis: 'x' | 'y', v: number): void => {
    const pts = api.points().slice();
    const i = api.selected();
    const p = pts[i];
    if (!p) return;
    pts[i] = { ...p, [axis]: round2(v) };
    api.setPoints(pts, i);
  };
  const picker = pointPicker({
    x: { label: 'x del punto', min: LO, max: HI },
    y: { label: 'y del punto', min: LO, max: HI },
    step: 0.1, onPick: (i) => { api.select(i); sync(); }, onMove: moveTo,
  });
  const add = (p: Point): void => {
    const pts = api.points();
    if (pts.length >= MAX_POINTS) return;
    api.setPoints([...pts, p], pts.length);
  };
  const addBtn = button('Añadir punto', () => add({ x: 5, y: 5 }), { class: 'btn btn-quiet' });
  const removeBtn = button('Quitar punto', () => {
    const pts = api.points().slice();
    if (pts.length <= MIN_POINTS) return;
    const i = api.selected();
    pts.splice(i, 1);
    api.setPoints(pts, Math.min(i, pts.length - 1));
  }, { class: 'btn btn-quiet' });

  const s0 = st();
  const seed = numberInput({ label: 'Semilla', min: 0, max: 99999, step: 1, value: s0.seed,
    onInput: (v) => { if (Number.isInteger(v)) regenerate({ seed: v }); } });
  const n = slider({ label: 'Número de puntos N', min: MIN_POINTS, max: MAX_POINTS, step: 1, value: s0.n, onInput: (v) => regenerate({ n: v }) });
  const noise = slider({ label: 'Ruido (desviación típica)', min: 0, max: 3, step: 0.1, value: s0.noise,
    format: (v) => fmt(v, 1), onInput: (v) => regenerate({ noise: v }) });
  const shape = select({ label: 'Tendencia oculta', value: s0.shape,
    options: [{ value: 'recta', label: 'Recta' }, { value: 'curva', label: 'Curva (parábola)' }],
    onChange: (v) => regenerate({ shape: v }) });
  const another = button('Otros datos (semilla + 1)', () => regenerate({ seed: (st().seed + 1) % 100000 }), { class: 'btn btn-quiet' });

  function sync(): void {
    const pts = api.points();
    const i = Math.min(api.selected(), pts.length - 1);
    picker.show(pts.map((p, k) => `Punto ${k + 1}: (${fmt(p.x)}; ${fmt(p.y)})`), i, pts[i]);
    removeBtn.disabled = pts.length <= MIN_POINTS;
    addBtn.disabled = pts.length >= MAX_POINTS;
    const s = st();
    if (document.activeElement !== seed.input) seed.set(s.seed);
    n.set(s.n);
    noise.set(s.noise);
    shape.set(s.shape);
  }

  const root = h('div', { class: 'ti-editor' },
    h('fieldset', { class: 'ti-fieldset' },
      h('legend', { text: 'Editar puntos (también con teclado: flechas en x e y)' }),
      h('div', { class: 'ctl-row' }, picker.pick.root, picker.px.root, picker.py.root),
      h('div', { class: 'ctl-row' }, addBtn, removeBtn)),
    h('details', { class: 'ti-gen' },
      h('summary', { text: 'Generar otros datos' }),
      h('p', { class: 'ti-hint', text: 'La misma semilla da siempre los mismos puntos: compártela para que otra persona vea lo mismo.' }),
      h('div', { class: 'ctl-row' }, seed.root, shape.root, another),
      h('div', { class: 'ctl-row' }, n.root, noise.root)),
  );
  return { root, sync, commit: (pts, sel) => api.setPoints(pts, sel), add };
}
