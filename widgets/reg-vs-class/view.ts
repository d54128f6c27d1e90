import { WidgetElement, defineWidget } from '../lib/widget/element';
import { button, cssVar, fmt, h, liveText, numberInput, slider } from '../lib/widget/dom';
import { int as intField, num } from '../lib/state/schema';
import { runSlice } from '../lib/time/slice';
import {
  EPOCHS, classificationData, curve, decisionBoundaries, evalClassification, evalRegression, lossToDegrees2,
  makeClassifier, makeProblem, makeRegressor, predictDegrees, predictHot, regressionData, type Problem,
} from './core';
import { ModelRun } from '../lib/nn/model-run';
import { classificationChart, drawOverlay, regressionChart } from './charts';
import { lossChart, type Colors } from '../lib/widget/plotkit';
import { column, confusionTable, legend, type Column } from './layout';
import * as T from './messages';
import './style.css';

const schema = {
  /** Seed of the weather and of the initial weights (both networks start from the same ones). */
  seed: intField(1, 0, 99999),
  /** °C: tomorrow is "calor" when its temperature is at least this. */
  threshold: num(25, 10, 32),
  /** Learning rate α of both networks; the slider moves log10(α). */
  lr: num(0.1, 0.01, 3.2),
  /** °C: today's temperature for the "mañana" question. */
  today: num(24, 0, 36),
};

/** Sets a text only when it changes (a live region re-announces, and layout reruns, on every write). */
const text = (el: HTMLElement, t: string): void => {
  if (el.textContent !== t) el.textContent = t;
};

/** Replaces the children of `el` only when `key` (what they show) changed. */
const swap = (el: HTMLElement, key: string, build: () => Node[]): void => {
  if (el.dataset.key === key) return;
  el.dataset.key = key;
  el.replaceChildren(...build());
};

/** Both axes of the data charts, °C. */
const DOMAIN: [number, number] = [0, 36];
/**
 * Epochs per model per animation frame at 60 frames/s (a run of 600 takes about 3 s to watch);
 * proportionally more when frames come slower, never more than about 8 ms of work per frame.
 */
const STEPS_PER_FRAME = 3;
const FRAME_MS = 1000 / 60;
/** While training, one loss chart is rebuilt at most this often (ms), the two taking turns. */
const LOSS_EVERY_MS = 250;

class RegVsClass extends WidgetElement<typeof schema> {
  readonly schema = schema;
  #p!: Problem;
  #seed = -1;
  #reg!: ModelRun;
  #cls!: ModelRun;
  /** Threshold the classifier last trained with (null: never trained). */
  #clsThreshold: number | null = null;
  #running = false;
  #runId = 0;
  #chartKey = '';
  #lossAt = 0;
  #lossTurn = false;
  #c!: Colors;
  #ctl: Array<() => void> = [];
  #el!: {
    reg: Column; cls: Column; legend: ReturnType<typeof legend>; status: HTMLElement; stale: HTMLElement; answer: HTMLElement; confusion: HTMLElement;
    train: HTMLButtonElement; stop: HTMLButtonElement; reset: HTMLButtonElement;
  };

  protected setup(): void {
    const s = this.state;
    const threshold = slider({
      label: 'Umbral de «calor» (temperatura de mañana)', min: 10, max: 32, step: 0.5, value: s.threshold,
      format: (v) => T.deg(v), onInput: (v) => this.#setThreshold(v),
    });
    const lr = slider({
      label: 'Tasa de aprendizaje α', min: -2, max: 0.5, step: 0.05, value: Math.log10(s.lr),
      format: (v) => fmt(10 ** v, 3), onInput: (v) => this.#setLr(Number((10 ** v).toPrecision(3))),
    });
    const seed = numberInput({
      label: 'Semilla', min: 0, max: 99999, step: 1, value: s.seed, onInput: (v) => this.setState({ seed: Math.round(v) }),
    });
    const today = slider({
      label: 'Temperatura de hoy', min: DOMAIN[0], max: DOMAIN[1], step: 0.5, value: s.today,
      format: (v) => T.deg(v), onInput: (v) => this.setState({ today: v }),
    });
    this.#ctl = [
      () => threshold.set(this.state.threshold), () => lr.set(Math.log10(this.state.lr)),
      () => seed.set(this.state.seed), () => today.set(this.state.today),
    ];
    this.#el = {
      reg: column('rc-reg', 'Regresión: ¿qué temperatura hará mañana?', 'Salida lineal, en °C. Aprende minimizando el error cuadrático medio.'),
      cls: column('rc-cls', 'Clasificación: ¿hará calor mañana?', 'Salida sigmoide: una probabilidad entre 0 y 1. Aprende minimizando la entropía cruzada binaria.'),
      legend: legend(),
      status: liveText('rc-status'),
      stale: h('p', { class: 'rc-alert', role: 'status', hidden: true }),
      answer: h('div', { class: 'rc-answer', 'aria-live': 'polite' }),
      confusion: h('div', { class: 'rc-conf-wrap' }),
      train: button('Entrenar', () => this.#train()),
      stop: button('Detener', () => this.#stop(), { class: 'btn btn-quiet' }),
      reset: button('Reiniciar modelos', () => this.#resetModels(), { class: 'btn btn-quiet' }),
    };
    const e = this.#el;
    e.cls.readout.after(e.confusion);
    this.listen(window, 'resize', () => this.#render());
    this.append(
      h('div', { class: 'ctl-row' }, threshold.root, lr.root, seed.root),
      h('div', { class: 'ctl-row rc-buttons' }, e.train, e.stop, e.reset),
      e.status, e.stale,
      e.legend.root,
      h('div', { class: 'rc-grid' }, e.reg.root, e.cls.root),
      h('section', { class: 'rc-tomorrow' },
        h('h3', { class: 'rc-h', text: 'La pregunta de mañana' }),
        h('div', { class: 'ctl-row' }, today.root), e.answer),
    );
  }

  override resetState(): void {
    this.#halt();
    super.resetState();
    this.#resetModels();
  }

  protected update(): void {
    for (const set of this.#ctl) set();
    if (this.#seed !== this.state.seed) {
      this.#halt();
      this.#seed = this.state.seed;
      this.#p = makeProblem(this.#seed);
      this.#reg = new ModelRun(makeRegressor(this.#seed), 'mse', 1);
      this.#reg.scale = lossToDegrees2(1, this.#p);
      this.#cls = new ModelRun(makeClassifier(this.#seed), 'bce', 1);
      this.#clsThreshold = null;
    }
    this.#c = {
      fg: cssVar(this, '--fg'), muted: cssVar(this, '--fg-muted'), bg: cssVar(this, '--bg-elev'), grid: cssVar(this, '--grid'),
      c1: cssVar(this, '--c1'), c2: cssVar(this, '--c2'), c3: cssVar(this, '--c3'), c4: cssVar(this, '--c4'),
    };
    this.#render();
  }

  #setThreshold(v: number): void {
    this.setState({ threshold: v });
    // A running classifier switches to the new labels at once, from its current weights.
    if (this.#running && this.#cls.status === 'running') {
      this.#cls.start(classificationData(this.#p, v), this.state.lr, EPOCHS);
      this.#clsThreshold = v;
    }
  }

  #setLr(v: number): void {
    this.setState({ lr: v });
    this.#reg.setLr(v);
    this.#cls.setLr(v);
  }

  #train(): void {
    if (this.#running) return;
    const { lr, threshold } = this.state;
    this.#reg.start(regressionData(this.#p), lr, EPOCHS);
    this.#cls.start(classificationData(this.#p, threshold), lr, EPOCHS);
    this.#clsThreshold = threshold;
    this.#running = true;
    const id = ++this.#runId;
    let last = performance.now();
    const tick = (): void => {
      if (!this.#running || id !== this.#runId) return;
      const now = performance.now();
      const steps = Math.min(10 * STEPS_PER_FRAME, Math.max(STEPS_PER_FRAME, Math.round((STEPS_PER_FRAME * (now - last)) / FRAME_MS)));
      last = now;
      // A frame that also rebuilds a loss chart (Plot, then paint) trains less, so that frame's
      // task stays well under 50 ms on a slow machine.
      const lossDue = now - this.#lossAt > LOSS_EVERY_MS;
      runSlice(() => {
        this.#reg.steps(1);
        this.#cls.steps(1);
        return true;
      }, { budgetMs: lossDue ? 2 : 6, now: () => performance.now(), maxSteps: steps });
      if (this.#reg.status !== 'running' && this.#cls.status !== 'running') {
        this.#running = false;
        this.#render(true);
      } else {
        this.#dynamic(false, lossDue);
        this.frame(tick);
      }
    };
    this.#render(false);
    this.frame(tick);
  }

  #stop(): void {
    if (!this.#running) return;
    this.#reg.stop();
    this.#cls.stop();
    this.#halt();
    this.#render(true);
  }

  #halt(): void {
    this.#running = false;
    this.#runId++;
  }

  #resetModels(): void {
    this.#halt();
    this.#reg.reset();
    this.#cls.reset();
    this.#clsThreshold = null;
    this.#render(true);
  }

  /** Rebuilds the data charts when what they show changed, then the dynamic part. */
  #render(forceLoss = true): void {
    const e = this.#el;
    const s = this.state;
    const width = Math.max(240, Math.floor(e.reg.chart.clientWidth || 420));
    const key = [s.seed, s.threshold, width, Object.values(this.#c).join()].join('|');
    if (key !== this.#chartKey || !e.reg.chart.querySelector('svg')) {
      this.#chartKey = key;
      const o = { width, days: this.#p.days, threshold: s.threshold, range: DOMAIN, colors: this.#c };
      e.reg.chart.replaceChildren(regressionChart(o));
      e.cls.chart.replaceChildren(classificationChart(o));
      e.legend.threshold.textContent = T.deg(s.threshold);
    }
    this.#dynamic(forceLoss);
  }

  /** Per-frame part: curves, markers, numbers, messages; the loss charts at most every 200 ms. */
  #dynamic(forceLoss: boolean, lossDue?: boolean): void {
    const e = this.#el;
    const s = this.state;
    const p = this.#p;
    const c = this.#c;
    const n = p.days.length;
    const reg = this.#reg;
    const cls = this.#cls;
    const yReg = predictDegrees(reg.net, p, s.today);
    const pHot = predictHot(cls.net, p, s.today);
    const frontiers = decisionBoundaries(cls.net, p, DOMAIN[0], DOMAIN[1]);
    const regSvg = e.reg.chart.querySelector('svg');
    const clsSvg = e.cls.chart.querySelector('svg');
    if (regSvg) drawOverlay(regSvg, { curve: curve(reg.net, p, 'reg', DOMAIN[0], DOMAIN[1], 60), marker: { x: s.today, y: yReg }, frontiers: [], colors: c }, DOMAIN, DOMAIN);
    if (clsSvg) drawOverlay(clsSvg, { curve: curve(cls.net, p, 'cls', DOMAIN[0], DOMAIN[1], 90), marker: { x: s.today, y: pHot }, frontiers, colors: c }, [-0.05, 1.05], DOMAIN);
    const er = evalRegression(reg.net, p);
    const ec = evalClassification(cls.net, p, s.threshold);
    const regLines = T.regReadout(er, reg.epochs);
    const clsLines = T.clsReadout(ec, n, cls.epochs);
    swap(e.reg.readout, regLines.join('|'), () => regLines.map((t) => h('div', { text: t })));
    swap(e.cls.readout, clsLines.join('|'), () => clsLines.map((t) => h('div', { text: t })));
    swap(e.confusion, `${Object.values(ec.confusion).join()}|${n}`, () => [confusionTable(ec.confusion, n)]);
    e.reg.chart.setAttribute('aria-label', T.regChartLabel(n, ec.hot, s.threshold, predictDegrees(reg.net, p, 10), predictDegrees(reg.net, p, 30)));
    e.cls.chart.setAttribute('aria-label', T.clsChartLabel(frontiers, predictHot(cls.net, p, 10), predictHot(cls.net, p, 30)));
    const ansReg = `mañana hará ${T.deg1(yReg)}`;
    const ansCls = `probabilidad de calor ${fmt(pHot, 2)} → ${pHot >= 0.5 ? 'calor' : 'frío'}`;
    const note = reg.epochs === 0 && cls.epochs === 0 ? T.UNTRAINED_NOTE : T.decisionNote(frontiers, (t) => predictHot(cls.net, p, t));
    swap(e.answer, `${ansReg}|${ansCls}|${note}`, () => [
      h('p', { class: 'rc-ans rc-ans-reg' }, 'Regresor: ', h('strong', { class: 'rc-pred-deg', text: ansReg })),
      h('p', { class: 'rc-ans rc-ans-cls' }, 'Clasificador: ', h('strong', { class: 'rc-pred-cls', text: ansCls })),
      h('p', { class: 'rc-ans-note', text: note }),
    ]);
    for (const [col, run, who] of [[e.reg, reg, 'regresor'], [e.cls, cls, 'clasificador']] as const) {
      col.alert.hidden = run.status !== 'diverged';
      text(col.alert, run.status === 'diverged' ? T.divergedText(who, run.reason, s.lr) : '');
    }
    const stale = !this.#running && this.#clsThreshold !== null && this.#clsThreshold !== s.threshold && cls.epochs > 0;
    e.stale.hidden = !stale;
    text(e.stale, stale ? T.staleText(this.#clsThreshold!, s.threshold) : '');
    text(e.status, T.statusText(reg.status, cls.status, Math.max(reg.epochs, cls.epochs), EPOCHS, s.seed));
    e.train.disabled = this.#running;
    e.stop.disabled = !this.#running;
    // While training, one loss chart every 250 ms, taking turns (each Plot redraw costs a few ms).
    const now = performance.now();
    const w = Math.max(220, Math.floor(e.reg.loss.clientWidth || 360));
    const drawReg = (): void => {
      e.reg.loss.replaceChildren(lossChart(w, [{ name: 'MSE', color: c.c1, values: reg.history }], '↑ MSE (°C², escala log.)', c));
      e.reg.loss.setAttribute('aria-label', T.lossLabel('error cuadrático medio', reg.history, ' °C²'));
    };
    const drawCls = (): void => {
      e.cls.loss.replaceChildren(lossChart(w, [{ name: 'BCE', color: c.c1, values: cls.history }], '↑ entropía cruzada (escala log.)', c));
      e.cls.loss.setAttribute('aria-label', T.lossLabel('entropía cruzada', cls.history, ''));
    };
    if (forceLoss) {
      // Two Plot charts in one task can pass 50 ms on a slow machine: the second waits a frame.
      drawReg();
      this.frame(drawCls);
    } else if (lossDue ?? now - this.#lossAt > LOSS_EVERY_MS) {
      this.#lossAt = now;
      this.#lossTurn = !this.#lossTurn;
      if (this.#lossTurn) drawReg();
      else drawCls();
    }
  }
}

defineWidget('reg-vs-class', RegVsClass);
