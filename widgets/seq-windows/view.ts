/**
 * <tinyml-seq-windows>: a series cut into sliding windows. Controls: series, seed, window length
 * L, stride, horizon and the selected row; draws the series with that row's window and target,
 * a close-up, and the training matrix around the row. data-* attributes carry what is shown
 * (rows, row, start, target, part, train/test/gap counts) for the browser tests.
 */
import { WidgetElement, defineWidget } from '../lib/widget/element';
import { button, fmt, h, numberInput, select, slider, syncControls, uniqueId } from '../lib/widget/dom';
import { int, oneOf } from '../lib/state/schema';
import { SERIES_LABELS, type SeriesId } from '../lib/seq/series';
import { PART_LABEL, firstRowOf, windowsView, type RowView, type WindowsView } from './core';
import { overviewChart, zoomChart } from './chart';
import './style.css';

const SERIES = ['sintetica', 'movimiento', 'temperatura'] as const;
const schema = {
  serie: oneOf(SERIES, 'sintetica'),
  L: int(12, 2, 48),
  paso: int(1, 1, 24),
  horizonte: int(1, 1, 24),
  fila: int(0, 0, 5000),
  seed: int(1, 0, 9999),
};
type State = typeof schema;

const SUB: Record<string, string> = { '0': '₀', '1': '₁', '2': '₂', '3': '₃', '4': '₄', '5': '₅', '6': '₆', '7': '₇', '8': '₈', '9': '₉', '+': '₊', '−': '₋', t: 'ₜ', h: 'ₕ' };
/** x with a Unicode subscript: xs(35) → "x₃₅". */
const xs = (i: number | string): string => `x${String(i).replace(/[0-9+−th]/g, (c) => SUB[c] ?? c)}`;

class SeqWindows extends WidgetElement<State> {
  readonly schema = schema;
  #view: WindowsView | null = null;
  #el!: {
    serie: ReturnType<typeof select<SeriesId>>; seed: ReturnType<typeof numberInput>;
    L: ReturnType<typeof slider>; paso: ReturnType<typeof slider>; horizonte: ReturnType<typeof slider>;
    fila: ReturnType<typeof slider>; prev: HTMLButtonElement; next: HTMLButtonElement; toTest: HTMLButtonElement;
    about: HTMLElement; overview: HTMLElement; zoom: HTMLElement; rowText: HTMLElement; summary: HTMLElement;
    table: HTMLTableElement; tableWrap: HTMLElement; caption: HTMLElement;
  };

  protected setup(): void {
    const s = this.state;
    this.#el = {
      serie: select({ label: 'Serie', value: s.serie, options: SERIES.map((v) => ({ value: v, label: SERIES_LABELS[v] })), onChange: (v) => this.setState({ serie: v }) }),
      seed: numberInput({ label: 'Semilla', min: 0, max: 9999, step: 1, value: s.seed, onInput: (v) => this.setState({ seed: Math.round(v) }) }),
      L: slider({ label: 'Longitud de la ventana (L)', min: 2, max: 48, step: 1, value: s.L, onInput: (v) => this.setState({ L: v }) }),
      paso: slider({ label: 'Paso entre ventanas', min: 1, max: 24, step: 1, value: s.paso, onInput: (v) => this.setState({ paso: v }) }),
      horizonte: slider({ label: 'Horizonte (h)', min: 1, max: 24, step: 1, value: s.horizonte, onInput: (v) => this.setState({ horizonte: v }) }),
      fila: slider({ label: 'Fila de la matriz', min: 0, max: 100, step: 1, value: s.fila, onInput: (v) => this.setState({ fila: v }) }),
      prev: button('← Fila anterior', () => this.#move(-1), { class: 'btn btn-quiet' }),
      next: button('Fila siguiente →', () => this.#move(1), { class: 'btn btn-quiet' }),
      toTest: button('Ir a la primera fila de prueba', () => this.#toTest(), { class: 'btn btn-quiet' }),
      about: h('p', { class: 'sw-about' }),
      overview: h('div', { class: 'sw-chart', role: 'img' }),
      zoom: h('div', { class: 'sw-chart sw-zoom', role: 'img' }),
      rowText: h('p', { class: 'sw-row-text', 'aria-live': 'polite' }),
      summary: h('p', { class: 'sw-summary' }),
      caption: h('p', { class: 'sw-caption', id: uniqueId('sw-cap') }),
      table: h('table', { class: 'sw-table' }),
      tableWrap: h('div', { class: 'sw-table-wrap', tabindex: 0, role: 'region', 'aria-label': 'Matriz de entrenamiento: filas alrededor de la elegida' }),
    };
    const e = this.#el;
    e.tableWrap.append(e.table);
    e.table.setAttribute('aria-labelledby', e.caption.id);
    this.append(
      h('div', { class: 'ctl-row sw-controls' }, e.serie.root, e.seed.root),
      e.about,
      h('div', { class: 'ctl-row sw-controls' }, e.L.root, e.paso.root, e.horizonte.root),
      e.overview,
      h('div', { class: 'sw-legend', 'aria-hidden': 'true' },
        h('span', { class: 'sw-key sw-key-in', text: 'ventana (entradas)' }),
        h('span', { class: 'sw-key sw-key-target', text: 'objetivo' }),
        h('span', { class: 'sw-key sw-key-test', text: 'parte de prueba' })),
      h('div', { class: 'ctl-row sw-rownav' }, e.fila.root, h('div', { class: 'sw-buttons' }, e.prev, e.next, e.toTest)),
      e.rowText,
      e.zoom,
      e.summary,
      e.caption,
      e.tableWrap,
    );
    this.listen(window, 'resize', () => this.#draw());
  }

  override resetState(): void {
    super.resetState();
    this.#syncControls();
  }

  #syncControls(): void {
    const s = this.state;
    const e = this.#el;
    syncControls(e, s, ['serie', 'seed', 'L', 'paso', 'horizonte']);
  }

  #move(d: number): void {
    const v = this.#view;
    if (!v?.row) return;
    this.setState({ fila: Math.max(0, Math.min(v.windows.rows - 1, v.row.k + d)) });
  }

  #toTest(): void {
    const v = this.#view;
    if (!v) return;
    const k = firstRowOf(v.windows, v.cut, 'test');
    if (k !== null) this.setState({ fila: k });
  }

  protected update(): void {
    this.#syncControls();
    const v = (this.#view = windowsView(this.state));
    const e = this.#el;
    const rows = v.windows.rows;
    e.fila.input.max = String(Math.max(0, rows - 1));
    e.fila.set(v.row?.k ?? 0);
    e.fila.input.disabled = rows === 0;
    e.prev.disabled = !v.row || v.row.k === 0;
    e.next.disabled = !v.row || v.row.k >= rows - 1;
    e.toTest.disabled = v.counts.test === 0;
    e.about.textContent = v.series.about;
    const ds = this.dataset;
    ds.series = v.series.id;
    ds.rows = String(rows);
    ds.train = String(v.counts.train);
    ds.test = String(v.counts.test);
    ds.gap = String(v.counts.gap);
    ds.cut = String(v.cut);
    if (v.row) {
      ds.row = String(v.row.k);
      ds.start = String(v.row.start);
      ds.target = String(v.row.target);
      ds.part = v.row.part;
    } else {
      for (const k of ['row', 'start', 'target', 'part'] as const) delete ds[k];
    }
    e.summary.textContent = this.#summary(v);
    e.rowText.textContent = v.row ? this.#rowText(v.row, v) : 'Con esta longitud y este horizonte no cabe ninguna ventana en la serie.';
    this.#table(v);
    this.#draw();
  }

  #rowText(r: RowView, v: WindowsView): string {
    const u = v.series.unit ? ` ${v.series.unit}` : '';
    return `Fila ${r.k} (${PART_LABEL[r.part]}): entradas ${xs(r.start)} … ${xs(r.end)} (${r.inputs.length} valores, el último es «ahora», t = ${r.end}); ` +
      `objetivo ${xs(r.target)} = ${fmt(r.y, 2)}${u}, ${r.target - r.end} ${r.target - r.end === 1 ? 'paso' : 'pasos'} después.`;
  }

  #summary(v: WindowsView): string {
    const n = v.series.values.length;
    const { train, test, gap } = v.counts;
    return `La serie tiene ${n} valores. Con L = ${this.state.L}, paso ${this.state.paso} y horizonte ${this.state.horizonte} salen ${v.windows.rows} filas ` +
      `(${v.windows.rows} × ${this.state.L} entradas y un objetivo por fila). El corte está en el paso ${v.cut}: ${train} filas de entrenamiento, ` +
      `${test} de prueba y ${gap} descartadas porque mezclarían las dos partes.`;
  }

  #table(v: WindowsView): void {
    const L = this.state.L;
    const hz = this.state.horizonte;
    const head = h('tr', {}, h('th', { scope: 'col', text: 'fila' }), h('th', { scope: 'col', text: 'parte' }));
    for (let j = L - 1; j >= 0; j--) head.append(h('th', { scope: 'col', class: 'num', text: j === 0 ? xs('t') : xs(`t−${j}`) }));
    head.append(h('th', { scope: 'col', class: 'num sw-y', text: `objetivo ${xs(`t+${hz}`)}` }));
    const body = h('tbody');
    for (const r of v.table) {
      const current = r.k === v.row?.k;
      const pick = button(String(r.k), () => this.setState({ fila: r.k }), { class: 'sw-pick', 'aria-label': `Elegir la fila ${r.k}`, 'aria-pressed': String(current) });
      const tr = h('tr', { class: `sw-tr sw-tr-${r.part}${current ? ' sw-current' : ''}`, 'data-k': r.k },
        h('th', { scope: 'row' }, pick), h('td', { class: 'sw-part-cell', text: PART_LABEL[r.part] }));
      for (const x of r.inputs) tr.append(h('td', { class: 'num', text: fmt(x, 2) }));
      tr.append(h('td', { class: 'num sw-y', text: fmt(r.y, 2) }));
      body.append(tr);
    }
    this.#el.caption.textContent = `Filas ${v.table[0]?.k ?? 0}–${v.table.at(-1)?.k ?? 0} de ${v.windows.rows} de la matriz: cada fila es un ejemplo; la elegida está resaltada.`;
    this.#el.table.replaceChildren(h('thead', {}, head), body);
  }

  #draw(): void {
    const v = this.#view;
    if (!v) return;
    const e = this.#el;
    const width = Math.max(280, Math.min(900, Math.floor(e.overview.clientWidth || this.clientWidth || 640)));
    const { values, unit, stepName } = v.series;
    e.overview.replaceChildren(overviewChart(values, v.cut, v.row, width, unit, stepName));
    const r = v.row;
    e.overview.setAttribute('aria-label', `Serie completa de ${values.length} valores con la parte de prueba sombreada desde el paso ${v.cut}` +
      (r ? `; resaltada la ventana de la fila ${r.k}, de ${xs(r.start)} a ${xs(r.end)}, y su objetivo ${xs(r.target)}.` : '.'));
    if (r) {
      e.zoom.hidden = false;
      e.zoom.replaceChildren(zoomChart(values, r, width, unit, stepName));
      e.zoom.setAttribute('aria-label', `De cerca: los ${r.inputs.length} valores de entrada de la fila ${r.k} (de ${fmt(Math.min(...r.inputs), 2)} a ${fmt(Math.max(...r.inputs), 2)}) y el objetivo ${fmt(r.y, 2)}.`);
    } else {
      e.zoom.hidden = true;
    }
  }
}

defineWidget('seq-windows', SeqWindows);
