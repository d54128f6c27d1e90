import { WidgetElement, defineWidget } from '../lib/widget/element';
import { button, cssVar, fmt, h, liveText, numberInput, select, slider } from '../lib/widget/dom';
import { chartScale } from '../lib/widget/chart-font';
import { int, num, nums, oneOf, type StateOf } from '../lib/state/schema';
import { CURVES } from '../lib/nn';
import {
  CURVE_IDS, CURVE_INFO, FIT_TEXT, MAX_POINTS, X_RANGE, flatten, generate, thin, unflatten, type Pt, type Split,
} from './core';
import { FitSession, MAX_EPOCHS } from './session';
import { FitChart, lossChart, type Colors } from './chart';
import { buildEditor, type Editor } from './editor';
import { pointerHandlers } from './pointer';
import { PRESETS, divergedText, fitSummary, lossNum } from './texts';
import './style.css';
import { intText } from '../lib/format/number';

const schema = {
  curve: oneOf(CURVE_IDS, 'seno'),
  /** Generated points, training + validation. */
  n: int(24, 6, MAX_POINTS),
  /** σ of the Gaussian noise added to x2. */
  noise: num(0.15, 0, 0.6),
  /** Seed of the points, of the split and of the initial weights. */
  seed: int(1, 0, 99999),
  hidden: int(8, 1, 32),
  act: oneOf(['tanh', 'relu'] as const, 'tanh'),
  /** Learning rate α; the slider moves log10 α. */
  lr: num(0.2, 0.001, 3),
  /** Epochs per animation frame ('max': as many as fit in about 8 ms). */
  speed: oneOf(['1', '10', '100', 'max'] as const, '100'),
  /** Edited points [x1, x2, …]; both empty means "generated from the seed". */
  pts: nums([], -2, 2, 0, 2 * MAX_POINTS),
  val: nums([], -2, 2, 0, 2 * MAX_POINTS),
};
export type CurveFitSchema = typeof schema;
type S = StateOf<CurveFitSchema>;

const SPEEDS = [
  { value: '1' as const, label: '1 época por fotograma' },
  { value: '10' as const, label: '10 épocas por fotograma' },
  { value: '100' as const, label: '100 épocas por fotograma' },
  { value: 'max' as const, label: 'Lo más rápido posible' },
];
/** Training time per frame, ms: leaves most of a 16 ms frame to drawing and to the rest of the page. */
const BUDGET_MS = 5;
/** Minimum time between two redraws while training, ms (about 20 redraws per second). */
const DRAW_MS = 50;

class CurveFit extends WidgetElement<CurveFitSchema> {
  readonly schema = schema;
  #session!: FitSession;
  #netKey = '';
  #dataKey = '';
  #playing = false;
  #raf = 0;
  /** Selected point of [...train, ...val]; −1 until the student picks one (no ring drawn). */
  #selected = -1;
  #chart: FitChart | null = null;
  #chartKey = '';
  #lossAt = 0;
  #drawAt = 0;
  /** CSS width of the loss chart, measured in #render only (a per-frame read forces a layout). */
  #lossWidth = 320;
  #announced = '';
  #message = '';
  #c!: Colors;
  #ctl: Array<() => void> = [];
  #editor!: Editor;
  #el!: {
    plot: HTMLElement; loss: HTMLElement; badge: HTMLElement; text: HTMLElement; nums: HTMLElement; count: HTMLElement;
    status: HTMLElement; live: HTMLElement; play: HTMLButtonElement;
  };

  protected setup(): void {
    const s = this.state;
    const regen = (patch: Partial<S>): void => this.setState({ ...patch, pts: [], val: [] });
    const curve = select({ label: 'Curva', value: s.curve, options: CURVE_IDS.map((id) => ({ value: id, label: CURVE_INFO[id].label })), onChange: (v) => regen({ curve: v }) });
    const n = slider({ label: 'Número de puntos', min: 6, max: MAX_POINTS, step: 1, value: s.n, onInput: (v) => regen({ n: v }) });
    const noise = slider({ label: 'Ruido s', min: 0, max: 0.6, step: 0.01, value: s.noise, format: (v) => fmt(v, 2), onInput: (v) => regen({ noise: v }) });
    const seed = numberInput({ label: 'Semilla', min: 0, max: 99999, step: 1, value: s.seed, onInput: (v) => { if (Number.isInteger(v)) regen({ seed: v }); } });
    const hidden = slider({ label: 'Neuronas ocultas H', min: 1, max: 32, step: 1, value: s.hidden, onInput: (v) => this.setState({ hidden: v }) });
    const act = select({ label: 'Activación oculta', value: s.act, options: [{ value: 'tanh' as const, label: 'tanh' }, { value: 'relu' as const, label: 'ReLU' }], onChange: (v) => this.setState({ act: v }) });
    const lr = slider({
      label: 'Tasa de aprendizaje α', min: -3, max: Math.log10(3), step: 0.01, value: Math.log10(s.lr),
      format: (v) => fmt(10 ** v, 3), onInput: (v) => this.setState({ lr: Number((10 ** v).toPrecision(3)) }),
    });
    const speed = select({ label: 'Velocidad', value: s.speed, options: SPEEDS, onChange: (v) => this.setState({ speed: v }) });
    this.#ctl.push(
      () => curve.set(this.state.curve), () => n.set(this.state.n), () => noise.set(this.state.noise),
      () => { if (document.activeElement !== seed.input) seed.set(this.state.seed); },
      () => hidden.set(this.state.hidden), () => act.set(this.state.act), () => lr.set(Math.log10(this.state.lr)), () => speed.set(this.state.speed),
    );
    this.#el = {
      plot: h('div', { class: 'cf-plot', role: 'img' }),
      loss: h('div', { class: 'cf-loss', role: 'img' }),
      badge: h('span', { class: 'cf-badge' }),
      text: h('p', { class: 'cf-text' }),
      nums: h('p', { class: 'cf-nums' }),
      count: h('p', { class: 'cf-count' }),
      status: h('p', { class: 'cf-status', role: 'status' }),
      live: liveText(),
      play: button('Entrenar', () => this.#toggle(), { 'data-step': 'play' }),
    };
    const e = this.#el;
    this.#editor = buildEditor({
      data: () => this.#data(),
      selected: () => Math.max(0, this.#selected),
      select: (i) => { this.#selected = i; this.#render(true); },
      commit: (d, sel) => { this.#selected = sel; this.setState({ pts: flatten(d.train), val: flatten(d.val) }); },
    });
    const ptr = pointerHandlers({
      chart: () => this.#chart,
      data: () => this.#data(),
      select: (i) => { this.#selected = i; this.#render(true); },
      move: (i, p) => this.#editor.move(i, p),
      add: (p) => this.#editor.add(p),
      capture: e.plot,
    });
    this.listen(e.plot, 'pointerdown', (ev) => ptr.down(ev as PointerEvent));
    this.listen(e.plot, 'pointermove', (ev) => ptr.move(ev as PointerEvent));
    this.listen(e.plot, 'pointerup', (ev) => ptr.up(ev as PointerEvent));
    this.listen(e.plot, 'pointercancel', () => ptr.cancel());
    this.listen(window, 'resize', () => this.#render(true));
    this.onCleanup(() => cancelAnimationFrame(this.#raf));
    const item = (cls: string, text: string): HTMLElement => h('span', { class: 'cf-item' }, h('span', { class: `cf-key ${cls}` }), text);
    const legend = h('p', { class: 'cf-legend', 'aria-hidden': 'true' },
      item('cf-key-train', 'entrenamiento'), item('cf-key-val', 'validación'), item('cf-key-fit', 'red'), item('cf-key-truth', 'curva verdadera'));
    this.append(
      h('div', { class: 'cf-presets', role: 'group', 'aria-label': 'Ejemplos' },
        ...PRESETS.map((p) => button(p.label, () => this.#preset(p.state), { class: 'btn btn-quiet cf-preset' }))),
      h('div', { class: 'cf-grid' },
        h('div', { class: 'cf-main' },
          h('p', { class: 'cf-hint', text: 'Haz clic en un hueco para añadir un punto de entrenamiento; arrastra un punto para moverlo.' }),
          e.plot, legend, e.count),
        h('div', { class: 'cf-side' },
          h('div', { class: 'ctl-row cf-buttons' }, e.play, button('Reiniciar pesos', () => this.#restart(), { class: 'btn btn-quiet' })),
          h('div', { class: 'cf-verdict' }, e.badge, e.text), e.nums, e.loss)),
      e.status, e.live,
      h('fieldset', { class: 'cf-group' }, h('legend', { text: 'Red y entrenamiento' }),
        h('div', { class: 'ctl-row' }, hidden.root, act.root, lr.root, speed.root)),
      h('fieldset', { class: 'cf-group' }, h('legend', { text: 'Datos' }),
        h('div', { class: 'ctl-row' }, curve.root, n.root, noise.root, seed.root,
          button('Otros puntos', () => regen({ seed: (this.state.seed + 1) % 100000 }), { class: 'btn btn-quiet' }))),
      this.#editor.root,
    );
  }

  override resetState(): void {
    this.#stop();
    this.#selected = -1;
    this.#netKey = '';
    super.resetState();
  }

  /** Current points: edited ones from the state, or the generated ones. */
  #data(): Split {
    const s = this.state;
    if (s.pts.length >= 4 && s.val.length >= 2) return { train: unflatten(s.pts), val: unflatten(s.val) };
    return generate({ curve: s.curve, n: s.n, noise: s.noise, seed: s.seed });
  }
  #edited(): boolean {
    return this.state.pts.length >= 4 && this.state.val.length >= 2;
  }

  #preset(p: Partial<S>): void {
    this.#netKey = '';
    this.setState({ ...p, pts: [], val: [] });
    this.#start();
  }

  #restart(): void {
    this.#netKey = '';
    this.#message = '';
    this.#render(true);
  }

  #toggle(): void {
    if (this.#playing) this.#stop();
    else {
      if (this.#session.status === 'diverged') this.#session.restart();
      if (this.#session.status !== 'running') this.#netKey = '';
      this.#render(true);
      this.#start();
    }
  }

  #start(): void {
    this.#playing = true;
    this.#message = '';
    cancelAnimationFrame(this.#raf);
    this.#raf = requestAnimationFrame(() => this.#tick());
    this.#buttons();
  }
  #stop(): void {
    this.#playing = false;
    cancelAnimationFrame(this.#raf);
    if (this.#el) this.#buttons();
  }

  #tick(): void {
    this.guard(() => {
      if (!this.#playing) return;
      const k = this.state.speed === 'max' ? Infinity : Number(this.state.speed);
      const r = this.#session.run(k, BUDGET_MS);
      if (r.status === 'diverged') {
        this.#message = divergedText(r.reason, this.state.lr);
        this.#session.restart();
        this.#stop();
      } else if (r.status !== 'running') {
        this.#message = `Se ha llegado al máximo de ${intText(MAX_EPOCHS)} épocas.`;
        this.#stop();
      }
      // Frames that only train touch no DOM (no style, layout or paint): draw at most every DRAW_MS.
      const now = performance.now();
      if (!this.#playing || now - this.#drawAt >= DRAW_MS) {
        this.#drawAt = now;
        this.#dynamic(!this.#playing);
      }
      if (this.#playing) this.#raf = requestAnimationFrame(() => this.#tick());
    });
  }

  protected update(): void {
    for (const set of this.#ctl) set();
    this.#render(true);
  }

  /** Brings the session in line with the state: new net, new data or new α. */
  #sync(): void {
    const s = this.state;
    const data = this.#data();
    const netKey = [s.hidden, s.act, s.seed].join('|');
    const dataKey = [flatten(data.train).join(), flatten(data.val).join()].join('/');
    const noise = this.#edited() ? undefined : s.noise;
    if (netKey !== this.#netKey || !this.#session) {
      this.#session = new FitSession(data, { hidden: s.hidden, act: s.act, seed: s.seed, lr: s.lr }, noise);
      this.#netKey = netKey;
      this.#dataKey = dataKey;
    } else if (dataKey !== this.#dataKey) {
      this.#session.setData(data, noise);
      this.#dataKey = dataKey;
    }
    if (this.#session.opts.lr !== s.lr) this.#session.setLearningRate(s.lr);
  }

  #colors(): Colors {
    return {
      fg: cssVar(this, '--fg'), muted: cssVar(this, '--fg-muted'), bg: cssVar(this, '--bg-elev'),
      fit: cssVar(this, '--c1'), val: cssVar(this, '--c3'), truth: cssVar(this, '--fg-muted'), sel: cssVar(this, '--c2'),
    };
  }

  #render(all: boolean): void {
    this.#sync();
    const e = this.#el;
    const d = this.#session.data;
    const total = d.train.length + d.val.length;
    if (this.#selected >= total) this.#selected = total - 1;
    this.#c = this.#colors();
    const width = Math.max(260, Math.min(620, Math.floor(e.plot.clientWidth || 520)));
    this.#lossWidth = e.loss.clientWidth;
    const truthFn = CURVES[CURVE_INFO[this.state.curve].key]!;
    const truth: Pt[] | null = this.#edited() ? null : Array.from({ length: 161 }, (_, i) => {
      const x = X_RANGE[0] + ((X_RANGE[1] - X_RANGE[0]) * i) / 160;
      return { x, y: truthFn(x) };
    });
    const key = [this.#dataKey, this.#selected, width, !!truth, this.state.curve, Object.values(this.#c).join()].join('|');
    if (all && (key !== this.#chartKey || !this.#chart)) {
      this.#chartKey = key;
      this.#chart = new FitChart(width, { train: d.train, val: d.val, truth, selected: this.#selected }, this.#c, chartScale(this, 12));
      e.plot.replaceChildren(this.#chart.svg);
    }
    e.count.textContent = `${total} puntos: ${d.train.length} de entrenamiento y ${d.val.length} de validación${this.#edited() ? ' (editados a mano)' : ''}.`;
    if (all) this.#editor.sync();
    this.#dynamic(true);
  }

  /** Per-frame part: the network's curve, losses, verdict; the loss chart at most every 200 ms. */
  #dynamic(force: boolean): void {
    const e = this.#el;
    const ses = this.#session;
    this.#chart?.drawFit(ses.curve());
    const now = performance.now();
    // Text and the loss chart at most every 300 ms while training (each change costs a repaint).
    if (!force && now - this.#lossAt <= 300) return;
    this.#lossAt = now;
    const f = ses.diagnosis();
    const info = FIT_TEXT[f.label];
    setText(e.badge, info.label);
    if (e.badge.parentElement!.dataset.fit !== f.label) e.badge.parentElement!.dataset.fit = f.label;
    setText(e.text, info.text);
    setText(e.nums, fitSummary(ses.epoch, f.trainLoss, f.valLoss, f.noiseVar, this.#edited()));
    e.plot.setAttribute('aria-label',
      `Puntos de x₂ frente a x₁: ${ses.data.train.length} de entrenamiento (círculos) y ${ses.data.val.length} de validación (rombos huecos), ` +
      `y la curva de una red 1-${this.state.hidden}-1 tras ${ses.epoch} épocas. Error de entrenamiento ${lossNum(f.trainLoss)}, de validación ${lossNum(f.valLoss)}: ${info.label.toLowerCase()}.`);
    setText(e.status, this.#message);
    const say = this.#playing || ses.epoch === 0 ? info.label : `${info.label}. ${info.text}`;
    if (say !== this.#announced && (f.label !== 'inicio' || !this.#playing)) {
      this.#announced = say;
      e.live.textContent = f.label === 'inicio' ? '' : `Diagnóstico: ${say}`;
    }
    const tr = thin(ses.trainHistory, 300, (loss, i) => ({ epoch: i + 1, loss }));
    const va = thin(ses.valHistory, 300, (p) => p);
    const width = Math.max(220, Math.min(420, Math.floor(this.#lossWidth || 320)));
    e.loss.replaceChildren(lossChart(tr, va, Number.isFinite(ses.best.loss) ? ses.best : null, width, this.#c, chartScale(this, 11)));
    e.loss.setAttribute('aria-label', `Pérdida de entrenamiento (línea continua) y de validación (discontinua) frente a la época; ahora ${lossNum(f.trainLoss)} y ${lossNum(f.valLoss)}` +
      (Number.isFinite(ses.best.loss) && ses.best.epoch > 0 ? `; la mejor validación fue ${lossNum(ses.best.loss)} en la época ${ses.best.epoch}.` : '.'));
    this.#buttons();
  }

  #buttons(): void {
    setText(this.#el.play, this.#playing ? 'Pausa' : this.#session?.epoch ? 'Seguir entrenando' : 'Entrenar');
  }
}

/** Changes an element's text only when it differs (an identical assignment still repaints). */
function setText(el: HTMLElement, text: string): void {
  if (el.textContent !== text) el.textContent = text;
}

defineWidget('curve-fit', CurveFit);
