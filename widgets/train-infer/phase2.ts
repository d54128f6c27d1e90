/**
 * Phase 2 of train-infer (inference): the frozen line, the query x* and ŷ* = w·x* + b with its
 * numbers, the cost comparison with training, and the "out of date" warning.
 */
import { fmt, h } from '../lib/widget/dom';
import { predict, type Line } from './core';
import { inferChart, type Colors } from './charts';
import * as T from './messages';

/** The model handed to inference: parameters, the data they were fitted to (key), steps used. */
export interface Frozen {
  model: Line;
  key: string;
  steps: number;
}

/** A piece of a formula that must not break across lines ("w = 0,811"). */
export const nw = (text: string, cls = ''): HTMLSpanElement => h('span', { class: `nw ${cls}`.trim(), text });

export interface Phase2Elements {
  stale: HTMLElement;
  infer: HTMLElement;
  inferText: HTMLElement;
  cost: HTMLElement;
}

export function renderPhase2(e: Phase2Elements, f: Frozen | null, stale: boolean, n: number, xq: number, c: Colors): void {
  e.stale.hidden = !stale;
  e.stale.textContent = stale ? T.STALE : '';
  e.infer.hidden = !f;
  if (!f) {
    e.infer.replaceChildren();
    e.infer.removeAttribute('aria-label');
    e.inferText.textContent = T.UNTRAINED;
    e.cost.textContent = '';
    return;
  }
  const m = f.model;
  const yq = predict(m, xq);
  e.infer.replaceChildren(inferChart(Math.max(260, e.infer.clientWidth || 520), m, xq, yq, c));
  e.infer.setAttribute('aria-label', `Modelo congelado ${T.lineText(m)}; para x* = ${fmt(xq, 1)} predice ŷ* = ${T.num(yq)}.`);
  e.inferText.replaceChildren(
    h('div', {}, 'Modelo congelado: ', nw(`w = ${T.num(m.w)}`), ' · ', nw(`b = ${T.num(m.b)}`)),
    h('div', {}, nw('ŷ* = w·x* + b'), ' ', nw(`= ${T.num(m.w)} × ${fmt(xq, 1)} ${m.b < 0 ? '−' : '+'} ${T.num(Math.abs(m.b))}`), ' ',
      nw('= '), h('strong', { class: 'ti-pred nw', text: T.num(yq) })),
  );
  e.cost.textContent = T.costText(f.steps, n);
}
