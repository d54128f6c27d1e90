/**
 * Keyboard alternative to clicking and dragging on the curve-fitting chart: pick a point,
 * change its x1 and x2 with number inputs (arrow keys step 0.05), add a training point or remove
 * the selected one. It only builds controls and calls back into the widget.
 */
import { button, fmt, h } from '../lib/widget/dom';
import { pointPicker } from '../lib/widget/point-picker';
import { MAX_POINTS, X_RANGE, Y_RANGE, round2, type Pt, type Split } from './core';

export interface EditorApi {
  data(): Split;
  selected(): number;
  select(i: number): void;
  /** Stores an edited data set and selects point `sel` of [...train, ...val]. */
  commit(d: Split, sel: number): void;
}

export interface Editor {
  root: HTMLElement;
  sync(): void;
  /** Adds a training point (click on the chart or the button). */
  add(p: Pt): void;
  /** Moves point i of [...train, ...val] to p. */
  move(i: number, p: Pt): void;
}

/** Point i of [...train, ...val] replaced by p (a new Split; the inputs are not changed). */
export function replacePoint(d: Split, i: number, p: Pt): Split {
  const train = d.train.slice();
  const val = d.val.slice();
  if (i < train.length) train[i] = p;
  else val[i - train.length] = p;
  return { train, val };
}

export function buildEditor(api: EditorApi): Editor {
  const move = (i: number, p: Pt): void => api.commit(replacePoint(api.data(), i, { x: round2(p.x), y: round2(p.y) }), i);
  const moveAxis = (axis: 'x' | 'y', v: number): void => {
    const d = api.data();
    const i = api.selected();
    const p = [...d.train, ...d.val][i];
    if (p) move(i, { ...p, [axis]: v });
  };
  const picker = pointPicker({
    x: { label: 'x₁ del punto', min: X_RANGE[0], max: X_RANGE[1] },
    y: { label: 'x₂ del punto', min: Y_RANGE[0], max: Y_RANGE[1] },
    step: 0.05, onPick: (i) => api.select(i), onMove: moveAxis,
  });
  const add = (p: Pt): void => {
    const d = api.data();
    if (d.train.length + d.val.length >= MAX_POINTS) return;
    api.commit({ train: [...d.train, { x: round2(p.x), y: round2(p.y) }], val: d.val }, d.train.length);
  };
  const addBtn = button('Añadir punto de entrenamiento', () => add({ x: 0, y: 0 }), { class: 'btn btn-quiet' });
  const removeBtn = button('Quitar el punto elegido', () => {
    const d = api.data();
    const i = api.selected();
    const train = d.train.slice();
    const val = d.val.slice();
    if (i < train.length) train.splice(i, 1);
    else val.splice(i - train.length, 1);
    api.commit({ train, val }, Math.max(0, Math.min(i, train.length + val.length - 1)));
  }, { class: 'btn btn-quiet' });

  function sync(): void {
    const d = api.data();
    const all = [...d.train, ...d.val];
    const i = Math.min(api.selected(), all.length - 1);
    const text = all.map((p, k) => (k < d.train.length ? `Entrenamiento ${k + 1}` : `Validación ${k - d.train.length + 1}`) + `: (${fmt(p.x)}; ${fmt(p.y)})`);
    picker.show(text, i, all[i]);
    const isTrain = i < d.train.length;
    removeBtn.disabled = isTrain ? d.train.length <= 2 : d.val.length <= 1;
    addBtn.disabled = all.length >= MAX_POINTS;
  }

  const root = h('details', { class: 'cf-editor' },
    h('summary', { text: 'Editar los puntos con el teclado' }),
    h('p', { class: 'cf-hint', text: 'Elige un punto y cambia sus coordenadas (las flechas las mueven de 0,05 en 0,05). Los puntos nuevos son de entrenamiento; se necesitan al menos 2 de entrenamiento y 1 de validación.' }),
    h('div', { class: 'ctl-row' }, picker.pick.root, picker.px.root, picker.py.root),
    h('div', { class: 'ctl-row' }, addBtn, removeBtn));
  return { root, sync, add, move };
}
