/**
 * <tinyml-anomaly-score>: Edge Impulse's anomaly score in the plane. Controls: k, seed, the
 * threshold, and the new point (click on the plane, or focus it and use the arrows; also two
 * number fields). Shows the contours (score 0, 1, 2, 3 and the threshold), the nearest cluster,
 * ‖p − c‖, r and the score. data-phase: normal | anomalous; data-score, data-cluster carry it.
 */
import { WidgetElement, defineWidget } from '../lib/widget/element';
import { fmt, h, numberInput, slider, syncControls, uniqueId } from '../lib/widget/dom';
import { int, num } from '../lib/state/schema';
import { scoreView, type ScoreView } from './core';
import { scorePlane, type ScorePlane } from './render';
import './style.css';

const schema = {
  k: int(3, 1, 6),
  seed: int(1, 0, 9999),
  umbral: num(0.5, -1, 3),
  px: num(9.5, 0, 10),
  py: num(9.5, 0, 10),
};
type State = typeof schema;
const round2 = (v: number): number => Math.round(Math.max(0, Math.min(10, v)) * 100) / 100;

class AnomalyScore extends WidgetElement<State> {
  readonly schema = schema;
  #view: ScoreView | null = null;
  #plane: ScorePlane | null = null;
  #el!: {
    k: ReturnType<typeof slider>; seed: ReturnType<typeof numberInput>; umbral: ReturnType<typeof slider>;
    px: ReturnType<typeof numberInput>; py: ReturnType<typeof numberInput>;
    plot: HTMLElement; verdict: HTMLElement; formula: HTMLElement; note: HTMLElement;
  };

  protected setup(): void {
    const s = this.state;
    const hint = uniqueId('as-hint');
    this.#el = {
      k: slider({ label: 'Número de grupos (k)', min: 1, max: 6, step: 1, value: s.k, onInput: (v) => this.setState({ k: v }) }),
      seed: numberInput({ label: 'Semilla', min: 0, max: 9999, step: 1, value: s.seed, onInput: (v) => this.setState({ seed: Math.round(v) }) }),
      umbral: slider({ label: 'Umbral', min: -1, max: 3, step: 0.05, value: s.umbral, format: (v) => fmt(v, 2), onInput: (v) => this.setState({ umbral: v }) }),
      px: numberInput({ label: 'Punto nuevo: x', min: 0, max: 10, step: 0.1, value: s.px, onInput: (v) => this.setState({ px: round2(v) }) }),
      py: numberInput({ label: 'Punto nuevo: y', min: 0, max: 10, step: 0.1, value: s.py, onInput: (v) => this.setState({ py: round2(v) }) }),
      plot: h('div', { class: 'as-plot', role: 'application', tabindex: 0, 'aria-roledescription': 'plano de puntos', 'aria-describedby': hint }),
      verdict: h('p', { class: 'as-verdict', 'aria-live': 'polite' }),
      formula: h('p', { class: 'as-formula' }),
      note: h('p', { class: 'as-hint', id: hint, text: 'Haz clic en el plano para mover el punto nuevo, o enfoca el plano y usa las flechas (paso 0,25; con Mayús, 1).' }),
    };
    const e = this.#el;
    this.append(
      h('div', { class: 'ctl-row' }, e.k.root, e.seed.root, e.umbral.root),
      h('div', { class: 'ctl-row' }, e.px.root, e.py.root),
      e.plot, e.note, e.verdict, e.formula,
      h('p', { class: 'as-legend', 'aria-hidden': 'true' },
        h('span', { class: 'as-key as-key-zone', text: 'puntuación ≤ umbral (normal)' }),
        h('span', { class: 'as-key as-key-edge', text: 'borde de cada grupo (puntuación 0)' }),
        h('span', { class: 'as-key as-key-level', text: 'puntuación 1, 2 y 3' })),
    );
    this.listen(e.plot, 'click', (ev) => this.#click(ev as MouseEvent));
    this.listen(e.plot, 'keydown', (ev) => this.#key(ev as KeyboardEvent));
    this.listen(window, 'resize', () => this.#draw());
  }

  #click(ev: MouseEvent): void {
    const p = this.#plane;
    if (!p) return;
    const rect = p.svg.getBoundingClientRect();
    const scale = rect.width > 0 ? Number(p.svg.getAttribute('width')) / rect.width : 1;
    this.setState({ px: round2(p.ix((ev.clientX - rect.left) * scale)), py: round2(p.iy((ev.clientY - rect.top) * scale)) });
  }

  #key(ev: KeyboardEvent): void {
    const d = ev.shiftKey ? 1 : 0.25;
    const moves: Record<string, [number, number]> = { ArrowLeft: [-d, 0], ArrowRight: [d, 0], ArrowUp: [0, d], ArrowDown: [0, -d] };
    const m = moves[ev.key];
    if (!m) return;
    ev.preventDefault();
    this.setState({ px: round2(this.state.px + m[0]), py: round2(this.state.py + m[1]) });
  }

  protected update(): void {
    const s = this.state;
    const e = this.#el;
    syncControls(e, s, ['k', 'seed', 'umbral', 'px', 'py']);
    const v = (this.#view = scoreView(s));
    const p = v.probe;
    this.dataset.phase = v.anomalous ? 'anomalous' : 'normal';
    this.dataset.score = String(p.score);
    this.dataset.cluster = String(p.cluster);
    e.verdict.textContent = `El punto (${fmt(s.px)}; ${fmt(s.py)}) tiene puntuación ${fmt(p.score, 2)}: ` +
      (v.anomalous ? `está por encima del umbral ${fmt(s.umbral, 2)}, así que es una anomalía.` : `no pasa del umbral ${fmt(s.umbral, 2)}, así que se considera normal.`) +
      (v.normalOver > 0 ? ` Con este umbral, ${v.normalOver} de los ${v.points.length} puntos normales también darían la alarma.` : '');
    e.formula.textContent = `Grupo más cercano (por su borde): ${p.cluster + 1}. Distancia al centroide ‖p − c‖ = ${fmt(p.distance, 2)}; radio del grupo r = ${fmt(p.radius, 2)}; ` +
      `puntuación = ${fmt(p.distance, 2)} − ${fmt(p.radius, 2)} = ${fmt(p.score, 2)}. Negativa: dentro del grupo; positiva: así de lejos de su borde.`;
    this.#draw();
  }

  #draw(): void {
    const v = this.#view;
    if (!v) return;
    const e = this.#el;
    const size = Math.max(280, Math.min(560, Math.floor(e.plot.clientWidth || this.clientWidth || 480)));
    const s = this.state;
    this.#plane = scorePlane(size, v.points, v.model, { x: s.px, y: s.py, parts: v.probe, anomalous: v.anomalous }, s.umbral);
    e.plot.replaceChildren(this.#plane.svg);
    e.plot.setAttribute('aria-label', `Plano con ${v.points.length} puntos normales en ${v.model.centroids.length} grupos, de radios ${v.model.radii.map((r) => fmt(r, 2)).join(', ')}; ` +
      `la zona normal llega hasta puntuación ${fmt(s.umbral, 2)}; el punto nuevo está en (${fmt(s.px)}; ${fmt(s.py)}), ${v.anomalous ? 'fuera de ella' : 'dentro de ella'}.`);
  }
}

defineWidget('anomaly-score', AnomalyScore);
