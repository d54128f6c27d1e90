/** DOM skeleton of reg-vs-class (built once by the view; the view fills it in). */
import { h } from '../lib/widget/dom';
import type { Confusion } from '../lib/nn/metrics';
import { intText } from '../lib/format/number';

export interface Column {
  root: HTMLElement;
  chart: HTMLElement;
  readout: HTMLElement;
  loss: HTMLElement;
  alert: HTMLElement;
}

/** One model's column: title, what it outputs and minimises, chart, numbers, loss curve. */
export function column(cls: string, title: string, what: string): Column {
  const chart = h('div', { class: 'chart rc-chart', role: 'img' });
  const readout = h('div', { class: 'readout rc-readout', 'aria-live': 'off' });
  const loss = h('div', { class: 'chart rc-loss', role: 'img' });
  const alert = h('p', { class: 'rc-alert', role: 'status', hidden: true });
  const root = h('section', { class: `rc-col ${cls}` },
    h('h3', { class: 'rc-h', text: title }),
    h('p', { class: 'rc-what', text: what }),
    chart, alert, readout, loss);
  return { root, chart, readout, loss, alert };
}

/** The 2×2 confusion matrix as a table (rows: real class, columns: predicted class). */
export function confusionTable(c: Confusion, n: number): HTMLTableElement {
  const cell = (v: number, ok: boolean): HTMLTableCellElement =>
    h('td', { class: ok ? 'rc-ok' : 'rc-bad', text: intText(v) });
  return h('table', { class: 'rc-confusion' },
    h('caption', { text: `Matriz de confusión (${intText(n)} días)` }),
    h('thead', {}, h('tr', {},
      h('td', {}),
      h('th', { scope: 'col', text: 'predice calor' }),
      h('th', { scope: 'col', text: 'predice frío' }))),
    h('tbody', {},
      h('tr', {}, h('th', { scope: 'row', text: 'era calor' }), cell(c.tp, true), cell(c.fn, false)),
      h('tr', {}, h('th', { scope: 'row', text: 'era frío' }), cell(c.fp, false), cell(c.tn, true))),
  );
}

/** Colour key of both data charts; the threshold is filled in by the view. */
export function legend(): { root: HTMLElement; threshold: HTMLElement } {
  const threshold = h('span', {});
  const key = (cls: string, ...text: Array<string | Node>): HTMLElement =>
    h('span', { class: 'rc-key' }, h('span', { class: `rc-swatch ${cls}` }), h('span', {}, ...text));
  const root = h('p', { class: 'rc-legend', 'aria-hidden': 'true' },
    key('rc-sw-hot', 'calor (mañana ≥ ', threshold, ')'),
    key('rc-sw-cold', 'frío'),
    key('rc-sw-model', 'respuesta del modelo'),
    key('rc-sw-frontier', 'frontera de decisión (p = 0,5)'));
  return { root, threshold };
}
