import * as Plot from '@observablehq/plot';
import { projectorPlot } from '../lib/widget/projector-plot';
import { WidgetElement, defineWidget } from '../lib/widget/element';
import { button, cssVar, fmt, h, numberInput, quietChart, resized, select, slider } from '../lib/widget/dom';
import { int, num, oneOf } from '../lib/state/schema';
import { GATE_NAMES, Session, n3, statusText, stepText, type GateName } from './core';
import { drawPlane, type PlaneColors } from './plane';
import './style.css';

/** Milliseconds between two samples while playing. */
const SPEEDS = { lenta: 900, normal: 450, rapida: 120 } as const;
type Speed = keyof typeof SPEEDS;

const schema = {
  gate: oneOf(GATE_NAMES, 'AND'),
  /** Learning rate α. */
  alpha: num(0.1, 0.01, 1),
  /** Seed of the initial weights (uniform in [−0,5; 0,5)). */
  seed: int(1, 0, 9999),
  speed: oneOf(['lenta', 'normal', 'rapida'] as const, 'normal'),
};

const GATE_LABEL: Record<GateName, string> = {
  AND: 'AND (Y)', OR: 'OR (O)', NAND: 'NAND (NO-Y)', XOR: 'XOR (O exclusivo)',
};

class PerceptronTrainer extends WidgetElement<typeof schema> {
  readonly schema = schema;
  #session!: Session;
  #key = '';
  #stopPlay: (() => void) | null = null;
  /** When resuming after a stop with an explanation: epoch at which play stops again. */
  #resumeUntil = 0;
  #ctl: Array<() => void> = [];
  /** What the errors chart shows now (epochs, width, colours): redrawn only when it changes. */
  #errKey = '';
  /** Theme colours, read in update() (called again on a theme change), never while playing. */
  #c!: PlaneColors;
  /** Width of the errors chart's box (px), kept by a ResizeObserver (no forced layout per step). */
  #errWidth = 320;
  #el!: {
    play: HTMLButtonElement; one: HTMLButtonElement; epoch: HTMLButtonElement;
    svg: SVGSVGElement; plane: HTMLElement; counter: HTMLElement; step: HTMLElement;
    weights: HTMLElement; errors: HTMLElement; table: HTMLTableSectionElement; status: HTMLElement;
  };

  protected setup(): void {
    const s = this.state;
    const gate = select({
      label: 'Tabla de verdad',
      options: GATE_NAMES.map((g) => ({ value: g, label: GATE_LABEL[g] })),
      value: s.gate, onChange: (v) => this.setState({ gate: v }),
    });
    const alpha = slider({
      label: 'Tasa de aprendizaje α', min: 0.01, max: 1, step: 0.01, value: s.alpha,
      format: (v) => fmt(v), onInput: (v) => this.setState({ alpha: v }),
    });
    const seed = numberInput({
      label: 'Semilla (pesos iniciales)', min: 0, max: 9999, step: 1, value: s.seed,
      onInput: (v) => this.setState({ seed: Math.round(v) }),
    });
    const speed = select({
      label: 'Velocidad',
      options: [{ value: 'lenta', label: 'Lenta' }, { value: 'normal', label: 'Normal' }, { value: 'rapida', label: 'Rápida' }] as { value: Speed; label: string }[],
      value: s.speed, onChange: (v) => this.setState({ speed: v }),
    });
    this.#ctl = [
      () => gate.set(this.state.gate), () => alpha.set(this.state.alpha),
      () => seed.set(this.state.seed), () => speed.set(this.state.speed),
    ];
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.setAttribute('class', 'pc-svg');
    svg.setAttribute('aria-hidden', 'true');
    const e = (this.#el = {
      play: button('Reproducir', () => this.#togglePlay(), { 'aria-pressed': 'false', class: 'btn pc-play', 'data-step': 'play' }),
      one: button('Un paso', () => this.#manual(() => this.#session.step()), { class: 'btn btn-quiet', 'data-step': 'next' }),
      epoch: button('Una época', () => this.#manual(() => this.#session.epoch()), { class: 'btn btn-quiet' }),
      svg,
      plane: h('div', { class: 'pc-plane', role: 'img' }, svg),
      counter: h('p', { class: 'pc-counter' }),
      step: h('div', { class: 'readout pc-step', 'aria-live': 'polite' }),
      weights: h('p', { class: 'pc-weights' }),
      errors: h('div', { class: 'chart pc-errors', role: 'img' }),
      table: h('tbody'),
      status: h('p', { class: 'pc-status', 'aria-live': 'polite' }),
    });
    const table = h('table', { class: 'pc-table' },
      h('caption', { text: 'La tabla de verdad (d, salida deseada) y lo que responde ahora el perceptrón (y)' }),
      h('thead', {}, h('tr', {}, ...['x₁', 'x₂', 'd', 'net', 'y', '¿Acierta?'].map((t) => h('th', { scope: 'col', text: t })))),
      e.table);
    this.append(
      h('div', { class: 'ctl-row' }, gate.root, alpha.root, seed.root, speed.root),
      h('div', { class: 'ctl-row pc-buttons' }, e.play, e.one, e.epoch,
        button('Reiniciar', () => this.#restart(), { class: 'btn btn-quiet' })),
      h('div', { class: 'pc-grid' },
        h('div', { class: 'pc-left' }, e.plane,
          h('p', { class: 'pc-legend' },
            h('span', { class: 'pc-key pc-key-one', 'aria-hidden': 'true' }), 'd = 1 (zona verde azulada: y = 1) · ',
            h('span', { class: 'pc-key pc-key-zero', 'aria-hidden': 'true' }), 'd = 0 (zona naranja: y = 0) · ',
            '✗ fallo · línea: net = 0')),
        h('div', { class: 'pc-side' }, e.counter, e.weights, e.step, e.errors)),
      e.status,
      h('div', { class: 'pc-table-wrap' }, table),
    );
    this.onCleanup(resized(e.errors, (w) => {
      this.#errWidth = w;
      this.guard(() => this.#render());
    }, { tolerance: 4, drawn: () => this.#errWidth }));
  }

  override resetState(): void {
    super.resetState();
    this.#restart();
  }

  protected update(): void {
    const s = this.state;
    for (const set of this.#ctl) set();
    this.#c = this.#colors();
    const key = `${s.gate}|${s.alpha}|${s.seed}`;
    if (key !== this.#key) {
      this.#key = key;
      this.#stop();
      this.#session = new Session(s.gate, s.alpha, s.seed);
    } else if (this.#stopPlay) {
      this.#startTimer(); // the speed may have changed
    }
    this.#render();
  }

  #restart(): void {
    this.#stop();
    this.#session = new Session(this.state.gate, this.state.alpha, this.state.seed);
    this.#render();
  }

  #manual(fn: () => void): void {
    this.#stop();
    fn();
    this.#render();
  }

  #togglePlay(): void {
    if (this.#stopPlay) {
      this.#stop();
      this.#render();
      return;
    }
    const ss = this.#session;
    if (ss.status === 'converged') return;
    // After an explained stop (XOR, limit), play runs XOR_EPOCHS-like stretches again.
    this.#resumeUntil = ss.active ? Infinity : ss.p.epoch + 10;
    this.#startTimer();
    this.#render();
  }

  #startTimer(): void {
    this.#stopPlay?.();
    this.#stopPlay = this.every(SPEEDS[this.state.speed], () => this.#tick());
  }

  #tick(): void {
    const ss = this.#session;
    const before = ss.status;
    const st = ss.step();
    const stopped = before === 'training' && !ss.active;
    if (ss.status === 'converged' || stopped || (st.endOfEpoch && ss.p.epoch >= this.#resumeUntil)) this.#stop();
    this.#render();
  }

  #stop(): void {
    this.#stopPlay?.();
    this.#stopPlay = null;
  }

  #colors(): PlaneColors {
    return {
      fg: cssVar(this, '--fg'), muted: cssVar(this, '--fg-muted'), grid: cssVar(this, '--border'),
      bg: cssVar(this, '--bg-elev'), one: cssVar(this, '--c1'), zero: cssVar(this, '--c2'), wrong: cssVar(this, '--c5'),
    };
  }

  #render(): void {
    const e = this.#el;
    const ss = this.#session;
    const p = ss.p;
    const outs = ss.outputs();
    const c = this.#c;
    const playing = this.#stopPlay !== null;
    e.play.textContent = playing ? 'Pausa' : 'Reproducir';
    e.play.setAttribute('aria-pressed', String(playing));
    e.play.disabled = ss.status === 'converged';

    drawPlane(e.svg, { w: p.w, b: p.b, points: outs, current: ss.last ? ss.last.index : -1 }, c);
    const wrong = outs.filter((o) => !o.ok).map((o) => `(${o.x.join(', ')})`);
    e.plane.setAttribute('aria-label',
      `Plano x₁–x₂ con los cuatro puntos de ${ss.gate}. Recta de decisión ${n3(p.w[0]!)}·x₁ + ${n3(p.w[1]!)}·x₂ + ${n3(p.b)} = 0. ` +
      (wrong.length ? `Clasifica mal ${wrong.length} de 4 puntos: ${wrong.join(', ')}.` : 'Clasifica bien los cuatro puntos.'));

    const inEpoch = p.index;
    e.counter.replaceChildren(
      h('strong', { class: 'pc-epoch', text: `Época ${p.epoch + (inEpoch > 0 ? 1 : 0)}` }),
      ` · ${inEpoch === 0 ? (p.epoch === 0 ? 'sin empezar' : `${p.epoch} completas`) : `ejemplo ${inEpoch} de 4`} · errores en esta época: ${p.errorsThisEpoch}`,
    );
    e.weights.textContent = `w₁ = ${n3(p.w[0]!)}   w₂ = ${n3(p.w[1]!)}   b = ${n3(p.b)}   (umbral Θ = −b = ${n3(-p.b)})`;

    if (ss.last) {
      const t = stepText(ss.last, ss.alpha);
      // Always the same lines (Δ = 0 when it is right), so the box keeps its height while playing.
      e.step.replaceChildren(...[t.sample, t.net, t.output, t.error, ...t.update, t.after]
        .map((line, k) => h('div', { class: k === 0 ? 'pc-sample' : '', text: line })));
    } else {
      e.step.replaceChildren(h('div', {
        text: `Pesos iniciales (semilla ${this.state.seed}): w₁ = ${n3(p.w[0]!)}, w₂ = ${n3(p.w[1]!)}, b = ${n3(p.b)}. Pulsa «Un paso» para presentar el primer ejemplo.`,
      }));
    }

    e.table.replaceChildren(...outs.map((o, k) => h('tr', { class: [ss.last?.index === k ? 'pc-current' : '', o.ok ? '' : 'pc-bad'].join(' ').trim() },
      h('td', { text: String(o.x[0]) }), h('td', { text: String(o.x[1]) }), h('td', { text: String(o.d) }),
      h('td', { text: n3(o.net) }), h('td', { text: String(o.y) }), h('td', { text: o.ok ? 'sí' : 'no ✗' }))));

    const msg = statusText(ss);
    // Written only on change: even an identical write invalidates paint of the whole page layer.
    if (e.status.textContent !== msg) e.status.textContent = msg;
    if (e.status.dataset.kind !== ss.status) e.status.dataset.kind = ss.status;
    if (e.status.hidden !== (msg === '')) e.status.hidden = msg === '';
    this.#drawErrors(c);
  }

  /** Errors per completed epoch (last 40), bars from 0 to 4. */
  #drawErrors(c: PlaneColors): void {
    const all = this.#session.p.errorsPerEpoch;
    const width = Math.max(240, Math.min(420, this.#errWidth));
    const key = `${all.length}|${all.join('')}|${width}|${c.fg}|${c.one}|${c.zero}`;
    if (key === this.#errKey) return;
    this.#errKey = key;
    const from = Math.max(0, all.length - 40);
    const data = all.slice(from).map((v, k) => ({ epoch: from + k + 1, errors: v }));
    const chart = projectorPlot({
      width, height: 154, marginLeft: 36, marginBottom: 34, marginTop: 22,
      style: { background: 'transparent', color: c.fg, fontSize: '12px' },
      x: { label: 'época →', labelAnchor: 'right', type: 'band', domain: data.length ? data.map((d) => d.epoch) : [1],
        tickFormat: (d: number) => (data.length <= 12 || d % 5 === 0 ? String(d) : '') },
      y: { label: '↑ errores', domain: [0, 4], ticks: [0, 1, 2, 3, 4], tickFormat: (d: number) => String(d), grid: true },
      marks: [
        Plot.barY(data, { x: 'epoch', y: 'errors', fill: (d: { errors: number }) => (d.errors === 0 ? c.one : c.zero) }),
        Plot.ruleY([0], { stroke: c.muted }),
      ],
    });
    this.#el.errors.replaceChildren(quietChart(chart));
    this.#el.errors.setAttribute('aria-label', all.length
      ? `Errores por época: ${data.map((d) => d.errors).join(', ')} (épocas ${from + 1} a ${all.length}).`
      : 'Errores por época: todavía no ha terminado ninguna época.');
  }
}

defineWidget('perceptron', PerceptronTrainer);
