/**
 * <tinyml-motion-features>: the 33 features of one window (a table grouped by axis, with units)
 * and a scatter of any two features over every window of the data set, coloured by class, so the
 * student sees which features separate the gestures. Pointing at a point, or moving through the
 * points with the arrow keys once the chart has focus, names its recording; a click or Enter
 * shows that window in the table. Works on the student's data set, or on the example one when it
 * is empty (said on screen). data-phase: loading | ready | empty; data-points: dots drawn.
 */
import { WidgetElement, defineWidget } from '../lib/widget/element';
import { cssVar, h, select, trackedWidth, uniqueId } from '../lib/widget/dom';
import { int } from '../lib/state/schema';
import { loadAndFollowDataset } from '../lib/motion/dataset-store';
import { datasetOrExample, sourceSentence, type WorkingSet } from '../lib/motion/dataset-or-example';
import { featurizeRecordings, type FeatureSet } from '../lib/motion/featurize';
import { describeScatter, featureName, featureTable, fisherRatio, fmtVal, scatterPoints, type ScatterPoint } from './core';
import { classColor, ring, scatterChart, swatch, type ScatterColors } from './charts';
import './style.css';

const schema = {
  /** Window index in the featurized set; −1: the first «lado a lado» window (else the first). */
  win: int(-1, -1, 99999),
  fx: int(0, 0, 98),
  fy: int(22, 0, 98),
};

class MotionFeatures extends WidgetElement<typeof schema> {
  readonly schema = schema;
  #ws: WorkingSet | null = null;
  #set: FeatureSet | null = null;
  #loads = 0;
  #size: { readonly width: number } = { width: 720 };
  #points: ScatterPoint[] = [];
  #pixels: [number, number][] = [];
  #svg: SVGSVGElement | null = null;
  #ring: SVGCircleElement | null = null;
  #focus = -1;
  #el!: {
    win: ReturnType<typeof select<string>>; fx: ReturnType<typeof select<string>>; fy: ReturnType<typeof select<string>>;
    source: HTMLElement; table: HTMLTableElement; caption: HTMLElement; chart: HTMLElement; legend: HTMLElement;
    readout: HTMLElement; sep: HTMLElement;
  };

  protected setup(): void {
    const readId = uniqueId('mf-read');
    this.#el = {
      win: select<string>({ label: 'Ventana de la tabla', options: [], value: '', onChange: (v) => this.setState({ win: Number(v) }) }),
      fx: select<string>({ label: 'Eje horizontal', options: [], value: '', onChange: (v) => this.setState({ fx: Number(v) }) }),
      fy: select<string>({ label: 'Eje vertical', options: [], value: '', onChange: (v) => this.setState({ fy: Number(v) }) }),
      source: h('p', { class: 'mf-source', 'aria-live': 'polite' }),
      table: h('table', { class: 'mf-table' }),
      caption: h('p', { class: 'mf-note' }),
      chart: h('div', { class: 'chart mf-chart', tabindex: 0, role: 'group', 'aria-describedby': readId }),
      legend: h('ul', { class: 'mf-legend', 'aria-label': 'Clases' }),
      readout: h('p', { class: 'mf-readout', id: readId, 'aria-live': 'polite' }),
      sep: h('p', { class: 'mf-note' }),
    };
    const e = this.#el;
    this.append(
      e.source,
      h('h3', { class: 'mf-h', text: 'Dos características, todas las ventanas' }),
      h('div', { class: 'ctl-row' }, e.fx.root, e.fy.root),
      e.legend,
      e.chart,
      e.readout,
      e.sep,
      h('h3', { class: 'mf-h', text: 'Las características de una ventana' }),
      h('div', { class: 'ctl-row' }, e.win.root),
      h('div', { class: 'mf-table-wrap', tabindex: 0, role: 'region', 'aria-label': 'Tabla de características de la ventana' }, e.table),
      e.caption,
    );
    this.listen(e.chart, 'pointermove', (ev) => this.#hover(ev as PointerEvent));
    this.listen(e.chart, 'pointerleave', () => this.#highlight(this.#focus >= 0 && document.activeElement === e.chart ? this.#focus : -1));
    this.listen(e.chart, 'click', (ev) => {
      const i = this.#nearest(ev as MouseEvent);
      if (i >= 0) this.setState({ win: this.#points[i]!.window });
    });
    this.listen(e.chart, 'keydown', (ev) => this.#key(ev as KeyboardEvent));
    this.listen(e.chart, 'focus', () => this.#highlight(Math.max(0, this.#focus)));
    this.listen(e.chart, 'blur', () => this.#highlight(-1));
    this.dataset.phase = 'loading';
    const size = trackedWidth(this, () => this.guard(() => this.update()), { fallback: 720, tolerance: 8 });
    this.#size = size;
    this.onCleanup(size.stop);
    this.onCleanup(loadAndFollowDataset(() => void this.#load()));
  }

  async #load(): Promise<void> {
    const n = ++this.#loads;
    const ws = await datasetOrExample();
    if (n !== this.#loads || !this.isConnected) return;
    this.#ws = ws;
    this.#set = featurizeRecordings(ws.recordings);
    const set = this.#set;
    const skipped = set.skipped.length ? ` ${set.skipped.length} ${set.skipped.length === 1 ? 'grabación no entra' : 'grabaciones no entran'}: ${set.skipped.slice(0, 3).map((s) => `«${s.label}» ${s.reason}`).join('; ')}.` : '';
    this.#el.source.textContent = sourceSentence(ws, set.classes.length) + skipped;
    const opts = set.featureLabels.map((l, i) => h('option', { value: String(i), text: featureName(l).short }));
    this.#el.fx.input.replaceChildren(...opts.map((o) => o.cloneNode(true)));
    this.#el.fy.input.replaceChildren(...opts);
    const count = new Map<string, number>();
    this.#el.win.input.replaceChildren(...set.windows.map((w, i) => {
      const rec = set.recordings[w.recording]!;
      const k = (count.get(rec.label) ?? 0) + (w.index === 0 ? 1 : 0);
      count.set(rec.label, k);
      return h('option', { value: String(i), text: `${rec.label} · ${k}${rec.windows.length > 1 ? `, tramo ${w.index + 1}` : ''}` });
    }));
    this.guard(() => this.update());
  }

  #winIndex(set: FeatureSet): number {
    const w = this.state.win;
    if (w >= 0 && w < set.windows.length) return w;
    const wave = set.classes.indexOf('lado a lado');
    const i = wave >= 0 ? set.windows.findIndex((x) => x.cls === wave) : 0;
    return Math.max(0, i);
  }

  protected update(): void {
    const set = this.#set;
    if (!set) return;
    if (set.windows.length === 0) {
      this.dataset.phase = 'empty';
      this.#el.table.replaceChildren();
      this.#el.chart.replaceChildren();
      this.#el.readout.textContent = 'No hay ninguna ventana completa de 2 s en el conjunto de datos.';
      return;
    }
    const d = set.featureLabels.length;
    const fx = Math.min(this.state.fx, d - 1);
    const fy = Math.min(this.state.fy, d - 1);
    const wi = this.#winIndex(set);
    this.#el.fx.set(String(fx));
    this.#el.fy.set(String(fy));
    this.#el.win.set(String(wi));
    this.#drawTable(set, wi, fx, fy);
    this.#drawScatter(set, fx, fy, wi);
    this.dataset.phase = 'ready';
  }

  #drawTable(set: FeatureSet, wi: number, fx: number, fy: number): void {
    const w = set.windows[wi]!;
    const rec = set.recordings[w.recording]!;
    const groups = featureTable(set.featureLabels, w.features);
    const head = h('thead', {}, h('tr', {}, ...['Característica', 'Nombre en Edge Impulse', 'Valor', 'Unidad'].map((t) => h('th', { scope: 'col', text: t }))));
    const bodies = groups.map((g) => h('tbody', {},
      h('tr', { class: 'mf-group' }, h('th', { scope: 'colgroup', colspan: 4, text: `Eje ${g.axis.replace(/^acc/i, '').toLowerCase()} (${g.axis})` })),
      ...g.rows.map((r) => h('tr', { 'data-feature': r.label, class: r.index === fx || r.index === fy ? 'mf-picked' : undefined },
        h('th', { scope: 'row', text: r.name.name }),
        h('td', { class: 'mf-ei', text: r.label }),
        h('td', { class: 'mf-num', text: fmtVal(r.value), 'data-value': String(r.value) }),
        h('td', { class: 'mf-unit', text: r.name.unit })))));
    this.#el.table.replaceChildren(h('caption', { text: `Las ${w.features.length} características de «${rec.id}» (${rec.label}${rec.windows.length > 1 ? `, tramo ${w.index + 1}` : ''})` }), head, ...bodies);
    this.dataset.window = String(wi);
    this.dataset.recording = rec.id;
    this.#el.caption.textContent = 'Resaltadas, las dos características del diagrama. Las frecuencias de los picos están etiquetadas como k·fs/(N−2) y las potencias de banda divididas entre 10, como en Edge Impulse.';
  }

  #colors(): ScatterColors {
    return {
      fg: cssVar(this, '--fg'), grid: cssVar(this, '--grid'), bg: cssVar(this, '--bg-elev'),
      classes: ['--c1', '--c2', '--c3', '--c4', '--c5'].map((v) => cssVar(this, v)),
    };
  }

  #drawScatter(set: FeatureSet, fx: number, fy: number, wi: number): void {
    const c = this.#colors();
    const nx = featureName(set.featureLabels[fx]!);
    const ny = featureName(set.featureLabels[fy]!);
    this.#points = scatterPoints(set, fx, fy);
    const width = Math.max(280, Math.min(820, this.#size.width));
    const sc = scatterChart(this.#points, `${nx.short} (${nx.unit})`, `${ny.short} (${ny.unit})`, set.classes.length, c, width);
    this.#svg = sc.svg;
    this.#pixels = sc.pixels;
    this.#ring = null;
    this.#el.chart.replaceChildren(sc.svg);
    this.#el.chart.setAttribute('aria-label', `${describeScatter(set, this.#points, fx, fy)} Con el foco aquí, las flechas recorren los puntos.`);
    this.dataset.points = String(this.#points.length);
    this.#el.legend.replaceChildren(...set.classes.map((name, k) => h('li', {}, swatch(k, classColor(c, k)), ` ${name}`)));
    const cls = set.windows.map((w) => w.cls);
    const rx = fisherRatio(this.#points.map((p) => p.x), cls, set.classes.length);
    const ry = fisherRatio(this.#points.map((p) => p.y), cls, set.classes.length);
    const say = (v: number): string => (Number.isFinite(v) ? fmtVal(v, 3) : v > 0 ? 'infinita' : '—');
    this.#el.sep.textContent = `Separación de cada característica por sí sola (varianza entre las medias de las clases / varianza dentro de cada clase; 0 = no separa nada): ` +
      `${nx.short}, ${say(rx)}; ${ny.short}, ${say(ry)}.`;
    const keep = this.#points.findIndex((p) => p.window === wi);
    this.#focus = keep;
    this.#highlight(document.activeElement === this.#el.chart ? keep : -1);
  }

  /** Point nearest to the pointer within 24 px (in chart pixels), or −1. */
  #nearest(ev: MouseEvent): number {
    const svg = this.#svg;
    const m = svg?.getScreenCTM();
    if (!svg || !m) return -1;
    const pt = new DOMPoint(ev.clientX, ev.clientY).matrixTransform(m.inverse());
    let best = -1;
    let bd = 24 * 24;
    this.#pixels.forEach(([px, py], i) => {
      const d = (px - pt.x) ** 2 + (py - pt.y) ** 2;
      if (d < bd) {
        bd = d;
        best = i;
      }
    });
    return best;
  }

  #hover(ev: PointerEvent): void {
    const i = this.#nearest(ev);
    if (i >= 0) this.#highlight(i);
  }

  #key(ev: KeyboardEvent): void {
    const n = this.#points.length;
    if (n === 0) return;
    // Arrow keys walk the points from left to right (ties: bottom to top).
    const order = this.#points.map((_, i) => i).sort((a, b) => this.#points[a]!.x - this.#points[b]!.x || this.#points[a]!.y - this.#points[b]!.y);
    const at = Math.max(0, order.indexOf(this.#focus));
    let next = -1;
    if (ev.key === 'ArrowRight' || ev.key === 'ArrowDown') next = order[Math.min(n - 1, at + (this.#focus < 0 ? 0 : 1))]!;
    else if (ev.key === 'ArrowLeft' || ev.key === 'ArrowUp') next = order[Math.max(0, at - 1)]!;
    else if (ev.key === 'Home') next = order[0]!;
    else if (ev.key === 'End') next = order[n - 1]!;
    else if (ev.key === 'Enter' || ev.key === ' ') {
      if (this.#focus >= 0) this.setState({ win: this.#points[this.#focus]!.window });
      ev.preventDefault();
      return;
    } else return;
    ev.preventDefault();
    this.#focus = next;
    this.#highlight(next);
  }

  #highlight(i: number): void {
    this.#ring?.remove();
    this.#ring = null;
    const set = this.#set;
    if (i < 0 || !this.#svg || !set) {
      this.#el.readout.textContent = 'Pasa el puntero por un punto (o enfoca el diagrama y usa las flechas) para ver de qué grabación es; haz clic o pulsa Intro para verla en la tabla.';
      delete this.dataset.hover;
      return;
    }
    const p = this.#points[i]!;
    const [px, py] = this.#pixels[i]!;
    this.#ring = ring(this.#svg, px, py, cssVar(this, '--fg'));
    const nx = featureName(set.featureLabels[this.state.fx]!).short;
    const ny = featureName(set.featureLabels[this.state.fy]!).short;
    this.#el.readout.textContent = `«${p.name}» (${set.classes[p.cls]}): ${nx} = ${fmtVal(p.x)}, ${ny} = ${fmtVal(p.y)}.`;
    this.dataset.hover = p.name;
  }
}

defineWidget('motion-features', MotionFeatures);
