/**
 * <tinyml-kmeans-steps>: K-means one step at a time. Controls: data set, the two features
 * («movimiento»), k, seed; «Asignar», «Actualizar», «Hasta converger», the stepper and «Volver al
 * inicio»; points added by click or from the keyboard (arrows move a cursor on the plane, Enter
 * adds a point there, Supr removes the last one). Draws the plane, the inertia after each step
 * and the elbow curve. data-phase: init | assign | update | converged | max-iter; data-step,
 * data-steps, data-inertia, data-points, data-k, data-reseeded carry what is shown.
 */
import { WidgetElement, defineWidget } from '../lib/widget/element';
import { button, fmt, h, numberInput, select, slider, syncControls, uniqueId } from '../lib/widget/dom';
import { Stepper } from '../lib/widget/stepper';
import { int, nums, oneOf } from '../lib/state/schema';
import {
  DATASETS, DATASET_LABELS, ELBOW_MAX_K, MOTION_FEATURES, MOTION_FEATURE_IDS, PLANE,
  stepSentence, stepsView, type DatasetId, type MotionFeatureId, type StepsView,
} from './core';
import { svgEl } from '../lib/draw/svg';
import { AXIS_FONT_PX, boundsOf, drawClusters, lineChart, plane, type Plane } from './render';
import { chartFontPx } from '../lib/widget/chart-font';
import './style.css';

const schema = {
  datos: oneOf(DATASETS, 'grupos'),
  k: int(3, 1, 8),
  seed: int(1, 0, 9999),
  paso: int(0, 0, 400),
  fx: oneOf(MOTION_FEATURE_IDS, 'x-rms'),
  fy: oneOf(MOTION_FEATURE_IDS, 'z-rms'),
  extra: nums([], 0, 10, 0, 60),
};
type State = typeof schema;
const FIXED = { x0: PLANE.lo, x1: PLANE.hi, y0: PLANE.lo, y1: PLANE.hi };

class KMeansSteps extends WidgetElement<State> {
  readonly schema = schema;
  #view: StepsView | null = null;
  #plane: Plane | null = null;
  #cursor: [number, number] = [5, 5];
  #stepper!: Stepper;
  #el!: {
    datos: ReturnType<typeof select<DatasetId>>; fx: ReturnType<typeof select<MotionFeatureId>>; fy: ReturnType<typeof select<MotionFeatureId>>;
    k: ReturnType<typeof slider>; seed: ReturnType<typeof numberInput>; featRow: HTMLElement;
    assign: HTMLButtonElement; update: HTMLButtonElement; converge: HTMLButtonElement; rewind: HTMLButtonElement; undo: HTMLButtonElement;
    plot: HTMLElement; hint: HTMLElement; step: HTMLElement; inertia: HTMLElement; elbow: HTMLElement; summary: HTMLElement;
  };

  protected setup(): void {
    const s = this.state;
    const feats = MOTION_FEATURES.map((f) => ({ value: f.id, label: f.label }));
    this.#stepper = new Stepper({
      periodMs: 900, every: (ms, cb) => this.every(ms, cb), atEnd: () => this.#atEnd(),
      next: () => this.#go(1), back: () => this.#go(-1), rewind: () => this.setState({ paso: 0 }),
      live: () => this.#el?.step ?? null, labels: { prev: '◀ Paso anterior', next: 'Paso siguiente ▶' },
    });
    this.onCleanup(() => this.#stepper.forget());
    const hintId = uniqueId('km-hint');
    this.#el = {
      datos: select({ label: 'Datos', value: s.datos, options: DATASETS.map((v) => ({ value: v, label: DATASET_LABELS[v] })), onChange: (v) => this.setState({ datos: v, paso: 0 }) }),
      fx: select({ label: 'Característica horizontal', value: s.fx, options: feats, onChange: (v) => this.setState({ fx: v, paso: 0 }) }),
      fy: select({ label: 'Característica vertical', value: s.fy, options: feats, onChange: (v) => this.setState({ fy: v, paso: 0 }) }),
      k: slider({ label: 'Número de grupos (k)', min: 1, max: 8, step: 1, value: s.k, onInput: (v) => this.setState({ k: v, paso: 0 }) }),
      seed: numberInput({ label: 'Semilla', min: 0, max: 9999, step: 1, value: s.seed, onInput: (v) => this.setState({ seed: Math.round(v), paso: 0 }) }),
      featRow: h('div', { class: 'ctl-row' }),
      assign: button('Asignar', () => this.#go(1)),
      update: button('Actualizar', () => this.#go(1)),
      converge: button('Hasta converger', () => this.#toEnd()),
      rewind: button('Volver al inicio', () => { this.#stepper.pause(); this.setState({ paso: 0 }); }, { class: 'btn btn-quiet' }),
      undo: button('Quitar el último punto', () => this.#removeLast(), { class: 'btn btn-quiet' }),
      plot: h('div', { class: 'km-plot', role: 'application', tabindex: 0, 'aria-describedby': hintId, 'aria-roledescription': 'plano de puntos' }),
      hint: h('p', { class: 'km-hint', id: hintId }),
      step: h('p', { class: 'km-step', 'aria-live': 'polite' }),
      inertia: h('div', { class: 'km-chart', role: 'img' }),
      elbow: h('div', { class: 'km-chart', role: 'img' }),
      summary: h('p', { class: 'km-summary' }),
    };
    const e = this.#el;
    e.featRow.append(e.fx.root, e.fy.root);
    this.append(
      h('div', { class: 'ctl-row' }, e.datos.root, e.seed.root),
      e.featRow,
      h('div', { class: 'ctl-row' }, e.k.root),
      h('div', { class: 'km-buttons' }, e.assign, e.update, e.converge, this.#stepper.prev, this.#stepper.play, this.#stepper.next, e.rewind),
      e.step,
      e.plot, e.hint, h('div', { class: 'km-buttons' }, e.undo),
      h('div', { class: 'km-charts' },
        h('div', {}, h('p', { class: 'km-h', text: 'Inercia después de cada paso' }), e.inertia),
        h('div', {}, h('p', { class: 'km-h', text: 'Curva del codo (inercia final para cada k)' }), e.elbow)),
      e.summary,
    );
    this.listen(e.plot, 'click', (ev) => this.#click(ev as MouseEvent));
    this.listen(e.plot, 'keydown', (ev) => this.#key(ev as KeyboardEvent));
    this.listen(window, 'resize', () => this.#draw());
  }

  #atEnd(): boolean {
    return !this.#view || this.#view.nextKind === null;
  }

  #go(d: number): void {
    const v = this.#view;
    if (!v) return;
    this.setState({ paso: Math.max(0, Math.min(v.trace.steps.length - 1, v.index + d)) });
  }

  #toEnd(): void {
    this.#stepper.pause();
    const v = this.#view;
    if (v) this.setState({ paso: Math.min(400, v.trace.steps.length - 1) });
  }

  #addPoint(x: number, y: number): void {
    if (this.state.datos !== 'grupos' || this.state.extra.length >= 60) return;
    const r = (v: number): number => Math.round(Math.max(0, Math.min(10, v)) * 100) / 100;
    this.setState({ extra: [...this.state.extra, r(x), r(y)], paso: 0 });
  }

  #removeLast(): void {
    if (this.state.extra.length >= 2) this.setState({ extra: this.state.extra.slice(0, -2), paso: 0 });
  }

  #click(ev: MouseEvent): void {
    const p = this.#plane;
    if (!p || this.state.datos !== 'grupos') return;
    const rect = p.svg.getBoundingClientRect();
    const w = Number(p.svg.getAttribute('width'));
    const scale = rect.width > 0 ? w / rect.width : 1;
    this.#addPoint(p.ix((ev.clientX - rect.left) * scale), p.iy((ev.clientY - rect.top) * scale));
  }

  #key(ev: KeyboardEvent): void {
    const moves: Record<string, [number, number]> = { ArrowLeft: [-0.25, 0], ArrowRight: [0.25, 0], ArrowUp: [0, 0.25], ArrowDown: [0, -0.25] };
    const m = moves[ev.key];
    if (m && this.state.datos === 'grupos') {
      ev.preventDefault();
      this.#cursor = [Math.max(0, Math.min(10, this.#cursor[0] + m[0])), Math.max(0, Math.min(10, this.#cursor[1] + m[1]))];
      this.#draw();
      this.#el.hint.textContent = this.#hintText();
    } else if (ev.key === 'Enter' || ev.key === ' ') {
      ev.preventDefault();
      this.#addPoint(...this.#cursor);
    } else if (ev.key === 'Delete' || ev.key === 'Backspace') {
      ev.preventDefault();
      this.#removeLast();
    }
  }

  #hintText(): string {
    if (this.state.datos !== 'grupos') return 'Cada punto es una ventana de 2 s del conjunto de ejemplo de la lección 15; los dos ejes están estandarizados (media 0, desviación 1).';
    return `Haz clic en el plano para añadir un punto, o usa el teclado: las flechas mueven el cursor (ahora en ${fmt(this.#cursor[0])}; ${fmt(this.#cursor[1])}), Intro añade un punto ahí y Supr quita el último.`;
  }

  protected update(): void {
    const s = this.state;
    const e = this.#el;
    syncControls(e, s, ['datos', 'fx', 'fy', 'k', 'seed']);
    e.featRow.hidden = s.datos !== 'movimiento';
    e.undo.hidden = s.datos !== 'grupos';
    e.undo.disabled = s.extra.length < 2;
    const v = (this.#view = stepsView(s));
    const end = v.nextKind === null;
    e.assign.disabled = v.nextKind !== 'assign';
    e.update.disabled = v.nextKind !== 'update';
    e.converge.disabled = end;
    this.#stepper.prev.disabled = v.index === 0;
    this.#stepper.next.disabled = end;
    if (end) this.#stepper.pause();
    const phase = end ? (v.trace.converged ? 'converged' : 'max-iter') : v.step.kind;
    const ds = this.dataset;
    ds.phase = phase;
    ds.step = String(v.index);
    ds.steps = String(v.trace.steps.length);
    ds.points = String(v.points.length);
    ds.k = String(v.k);
    ds.inertia = v.step.inertia === null ? '' : String(v.step.inertia);
    ds.reseeded = v.step.reseeded.join(',');
    e.step.textContent = stepSentence(v, (x) => fmt(x, 2));
    e.hint.textContent = this.#hintText();
    const final = v.trace.steps.at(-1)!;
    e.summary.textContent = `${v.points.length} puntos, k = ${v.k}. La ejecución completa tiene ${v.trace.steps.length} pasos y termina con inercia ${fmt(final.inertia!, 2)} ` +
      `${v.trace.converged ? 'porque ya ningún punto cambia de grupo' : 'al llegar al máximo de iteraciones'}. Con la misma semilla, siempre sale lo mismo.`;
    this.#draw();
  }

  #draw(): void {
    const v = this.#view;
    if (!v) return;
    const e = this.#el;
    const width = Math.max(280, Math.min(640, Math.floor(e.plot.clientWidth || this.clientWidth || 560)));
    const grupos = this.state.datos === 'grupos';
    const b = boundsOf([...v.points, ...v.step.centroids], grupos ? FIXED : undefined);
    const fx = MOTION_FEATURES.find((f) => f.id === this.state.fx)!.label;
    const fy = MOTION_FEATURES.find((f) => f.id === this.state.fy)!.label;
    const font = chartFontPx(this, AXIS_FONT_PX);
    const p = (this.#plane = plane(width, Math.round(width * 0.75), b, grupos ? 'x' : `${fx} (z)`, grupos ? 'y' : `${fy} (z)`, font));
    drawClusters(p, v.points, v.step.assign, v.step.centroids, v.step.kind === 'update' ? v.step.reseeded : []);
    if (grupos) {
      const [cx, cy] = [p.sx(this.#cursor[0]), p.sy(this.#cursor[1])];
      p.svg.append(svgEl('path', { d: `M${cx - 10},${cy}H${cx + 10}M${cx},${cy - 10}V${cy + 10}`, class: 'km-cursor' }));
    }
    e.plot.replaceChildren(p.svg);
    const sizes = v.step.centroids.map((_, k) => v.step.assign?.filter((a) => a === k).length ?? 0);
    e.plot.setAttribute('aria-label', `Plano con ${v.points.length} puntos y ${v.k} centroides` +
      (v.step.assign ? `; puntos por grupo: ${sizes.map((n, k) => `grupo ${k + 1}, ${n}`).join('; ')}.` : '; todavía sin asignar.'));
    const cw = Math.max(260, Math.min(420, Math.floor((e.plot.clientWidth || 560) / 2) - 8));
    e.inertia.replaceChildren(lineChart(cw, 170, v.inertias.map((r) => ({ x: r.index, y: r.inertia })), 'paso', 'inercia', Math.max(4, v.trace.steps.length - 1), v.index, font));
    e.inertia.setAttribute('aria-label', v.inertias.length ? `Inercia en los pasos 1 a ${v.index}: de ${fmt(v.inertias[0]!.inertia, 2)} a ${fmt(v.inertias.at(-1)!.inertia, 2)}; nunca sube.` : 'Todavía no hay inercia: falta el primer paso de asignación.');
    e.elbow.replaceChildren(lineChart(cw, 170, v.elbow.map((r) => ({ x: r.k, y: r.inertia })), 'k', 'inercia', ELBOW_MAX_K, v.k, font));
    e.elbow.setAttribute('aria-label', `Curva del codo: inercia final para k = 1 a ${v.elbow.length}: ${v.elbow.map((r) => fmt(r.inertia, 1)).join('; ')}.`);
  }
}

defineWidget('kmeans-steps', KMeansSteps);
