import { WidgetElement, defineWidget } from '../lib/widget/element';
import { button, cssVar, fmt, h, numberInput, select, slider } from '../lib/widget/dom';
import { int, num, oneOf } from '../lib/state/schema';
import type { Mlp } from '../lib/nn';
import { ModelRun } from '../lib/nn/model-run';
import { runSlice } from '../lib/time/slice';
import { dateLabel } from '../lib/data/weather';
import { lossChart, type Colors } from '../lib/widget/plotkit';
import {
  STAGES, buildNet, collect, evaluate, preprocess, toDegrees2, valLoss,
  type Collected, type Design, type Evaluation, type HiddenActivation, type Prepared,
} from './core';
import { buildNav, buildPanel, type Nav, type Panel, type StageState } from './nav';
import { collectOutput, designOutput, evaluateOutput, inferOutput, preprocessOutput } from './stages';
import * as T from './messages';
import './style.css';

const ACTS = ['tanh', 'relu', 'sigmoid'] as const;
const schema = {
  /** Seed of the weather, of the split (seed + 1000) and of the initial weights. */
  seed: int(1, 0, 99999),
  days: int(730, 120, 1460),
  hidden: int(8, 1, 16),
  act: oneOf(ACTS, 'tanh'),
  /** Learning rate α; the slider moves log10(α). */
  lr: num(0.2, 0.01, 3.2),
  epochs: int(1000, 50, 3000),
  /** Inference inputs: today's temperature (°C) and day of the year (0 = 1 January). */
  today: num(24, 0, 36),
  doy: int(195, 0, 364),
};

/** At most this many epochs per animation frame (and about 8 ms of work). */
const EPOCHS_PER_FRAME = 20;

interface Out {
  collected?: { sig: string; c: Collected };
  prepared?: { sig: string; p: Prepared };
  design?: { sig: string; d: Design; net: Mlp };
  train?: { sig: string; run: ModelRun; val: number[] };
  evaluation?: { sig: string; ev: Evaluation };
}
const KEYS = ['collected', 'prepared', 'design', 'train', 'evaluation'] as const;

class WorkflowStepper extends WidgetElement<typeof schema> {
  readonly schema = schema;
  #out: Out = {};
  #active = 0;
  #running = false;
  #runId = 0;
  #lossAt = 0;
  #colorKey = '';
  #c!: Colors;
  #nav!: Nav;
  #panels: Panel[] = [];
  #ctl: Array<() => void> = [];
  #stop!: HTMLButtonElement;
  #trainInfo!: HTMLElement;
  #lossBox!: HTMLElement;

  /** Parameters each stage depends on (its own and all earlier ones). */
  #sig(k: number): string {
    const s = this.state;
    return [`${s.seed}|${s.days}`, `${s.seed}|${s.days}`, `|${s.hidden}|${s.act}`, `|${s.lr}|${s.epochs}`, '']
      .slice(0, k + 1).join('');
  }

  #done(k: number): boolean {
    const o = this.#out;
    if (k === 3) return !!o.train && o.train.run.epochs > 0 && o.train.run.status !== 'running' && o.train.run.status !== 'diverged';
    return k < 5 ? !!o[KEYS[k]!] : !!o.evaluation;
  }

  protected setup(): void {
    const s = this.state;
    const set = (patch: Partial<typeof s>): void => this.setState(patch);
    const days = slider({ label: 'Días registrados', min: 120, max: 1460, step: 10, value: s.days, format: (v) => `${v} días`, onInput: (v) => set({ days: v }) });
    const seed = numberInput({ label: 'Semilla', min: 0, max: 99999, step: 1, value: s.seed, onInput: (v) => set({ seed: Math.round(v) }) });
    const hidden = slider({ label: 'Neuronas ocultas', min: 1, max: 16, step: 1, value: s.hidden, onInput: (v) => set({ hidden: v }) });
    const act = select({ label: 'Activación oculta', options: ACTS.map((a) => ({ value: a, label: T.ACT_LABEL[a] })), value: s.act, onChange: (v) => set({ act: v }) });
    const lr = slider({ label: 'Tasa de aprendizaje α', min: -2, max: 0.5, step: 0.05, value: Math.log10(s.lr), format: (v) => fmt(10 ** v, 3), onInput: (v) => set({ lr: Number((10 ** v).toPrecision(3)) }) });
    const epochs = slider({ label: 'Épocas', min: 50, max: 3000, step: 50, value: s.epochs, onInput: (v) => set({ epochs: v }) });
    const today = slider({ label: 'Temperatura de hoy', min: 0, max: 36, step: 0.5, value: s.today, format: (v) => `${fmt(v, 1)} °C`, onInput: (v) => set({ today: v }) });
    const doy = slider({ label: 'Fecha de hoy', min: 0, max: 364, step: 1, value: s.doy, format: (v) => dateLabel(v), onInput: (v) => set({ doy: v }) });
    this.#ctl = [
      () => days.set(this.state.days), () => seed.set(this.state.seed), () => hidden.set(this.state.hidden), () => act.set(this.state.act),
      () => lr.set(Math.log10(this.state.lr)), () => epochs.set(this.state.epochs), () => today.set(this.state.today), () => doy.set(this.state.doy),
    ];
    this.#nav = buildNav((k) => this.#go(k));
    const runs = [() => this.#collect(), () => this.#preprocess(), () => this.#design(), () => this.#train(), () => this.#evaluate(), () => {}];
    this.#panels = STAGES.map((_, k) => buildPanel(k, T.INTRO[k]!, T.RUN_LABEL[k] ?? null, runs[k]!, () => this.#go(k + 1)));
    const [p0, , p2, p3, , p5] = this.#panels as [Panel, Panel, Panel, Panel, Panel, Panel];
    p0.controls.append(days.root, seed.root);
    p2.controls.append(hidden.root, act.root);
    p3.controls.append(lr.root, epochs.root);
    p5.controls.append(today.root, doy.root);
    this.#stop = button('Detener', () => this.#halt(true), { class: 'btn btn-quiet' });
    p3.run!.after(this.#stop);
    this.#trainInfo = h('div', { class: 'readout ws-train-info', 'aria-live': 'off' });
    this.#lossBox = h('div', { class: 'chart ws-loss', role: 'img' });
    this.listen(window, 'resize', () => this.#redrawAll());
    this.append(this.#nav.root, ...this.#panels.map((p) => p.root));
  }

  override resetState(): void {
    this.#halt(false);
    this.#out = {};
    this.#active = 0;
    super.resetState();
  }

  protected update(): void {
    for (const set of this.#ctl) set();
    this.#c = {
      fg: cssVar(this, '--fg'), muted: cssVar(this, '--fg-muted'), bg: cssVar(this, '--bg-elev'), grid: cssVar(this, '--grid'),
      c1: cssVar(this, '--c1'), c2: cssVar(this, '--c2'), c3: cssVar(this, '--c3'), c4: cssVar(this, '--c4'),
    };
    // Drop every stage whose parameters changed since it ran, and all later ones.
    const sigs = [this.#out.collected?.sig, this.#out.prepared?.sig, this.#out.design?.sig, this.#out.train?.sig, this.#out.evaluation?.sig];
    const stale = sigs.findIndex((sig, k) => sig !== undefined && sig !== this.#sig(k));
    if (stale >= 0) this.#clearFrom(stale, true);
    const key = Object.values(this.#c).join();
    if (key !== this.#colorKey) {
      this.#colorKey = key;
      this.#redrawAll();
    }
    this.#renderInfer();
    this.#syncNav();
  }

  #clearFrom(k: number, changed: boolean): void {
    if (k <= 3) this.#halt(false);
    for (let j = k; j < KEYS.length; j++) {
      const had = !!this.#out[KEYS[j]!];
      delete this.#out[KEYS[j]!];
      const p = this.#panels[j]!;
      p.out.replaceChildren();
      p.note.hidden = !(had && changed);
      p.note.textContent = had && changed ? T.CHANGED : '';
    }
    this.#renderInfer();
  }

  #go(k: number): void {
    if (k > 0 && !this.#done(k - 1)) return;
    this.#active = k;
    this.#syncNav();
    this.#nav.buttons[k]!.focus();
  }

  #syncNav(): void {
    const states: StageState[] = STAGES.map((_, k) =>
      k > 0 && !this.#done(k - 1) ? 'locked' : k === 5 ? (this.#done(4) ? 'done' : 'todo') : this.#done(k) ? 'done' : 'todo');
    if (states[this.#active] === 'locked') this.#active = Math.max(0, states.indexOf('locked') - 1);
    this.#nav.sync(this.#active, states);
    this.#panels.forEach((p, k) => {
      p.root.hidden = k !== this.#active;
      if (p.next) p.next.disabled = !this.#done(k);
    });
    const p3 = this.#panels[3]!;
    p3.run!.disabled = this.#running;
    this.#stop.disabled = !this.#running;
  }

  #width(k: number): number {
    return Math.max(260, Math.floor(this.#panels[k]!.out.clientWidth || this.clientWidth || 560));
  }

  #ran(k: number): void {
    this.#clearFrom(k + 1, false);
    this.#panels[k]!.note.hidden = true;
    this.#draw(k);
    this.#renderInfer();
    this.#syncNav();
  }

  #collect(): void {
    this.#out.collected = { sig: this.#sig(0), c: collect(this.state.days, this.state.seed) };
    this.#ran(0);
  }

  #preprocess(): void {
    const c = this.#out.collected;
    if (c) this.#out.prepared = { sig: this.#sig(1), p: preprocess(c.c) };
    this.#ran(1);
  }

  #design(): void {
    const d: Design = { hidden: this.state.hidden, activation: this.state.act as HiddenActivation };
    this.#out.design = { sig: this.#sig(2), d, net: buildNet(d, this.state.seed) };
    this.#ran(2);
  }

  #train(): void {
    const { collected: c, prepared: p, design: d } = this.#out;
    if (!c || !p || !d || this.#running) return;
    this.#clearFrom(4, false);
    const net = buildNet(d.d, this.state.seed);
    d.net = net;
    const run = new ModelRun(net, 'mse', toDegrees2(1, p.p));
    run.start(p.p.train, this.state.lr, this.state.epochs);
    const t = { sig: this.#sig(3), run, val: [] as number[] };
    this.#out.train = t;
    this.#panels[3]!.note.hidden = true;
    this.#running = true;
    const id = ++this.#runId;
    const tick = (): void => {
      if (!this.#running || id !== this.#runId) return;
      if (run.status === 'running') {
        runSlice(() => {
          run.steps(1);
          if (run.epochs > t.val.length) t.val.push(valLoss(net, c.c, p.p));
          return run.status === 'running';
        }, { budgetMs: 8, now: () => performance.now(), maxSteps: EPOCHS_PER_FRAME });
      }
      if (run.status !== 'running') this.#halt(false);
      else this.frame(tick);
      this.#drawTrain(run.status !== 'running');
      this.#syncNav();
    };
    this.#drawTrain(true);
    this.#syncNav();
    this.frame(tick);
  }

  #halt(byUser: boolean): void {
    if (byUser) this.#out.train?.run.stop();
    const was = this.#running;
    this.#running = false;
    this.#runId++;
    if (was && byUser) {
      this.#drawTrain(true);
      this.#syncNav();
    }
  }

  #evaluate(): void {
    const { collected: c, prepared: p, design: d } = this.#out;
    if (c && p && d && this.#done(3)) this.#out.evaluation = { sig: this.#sig(4), ev: evaluate(d.net, c.c, p.p) };
    this.#ran(4);
  }

  #redrawAll(): void {
    for (let k = 0; k < 5; k++) this.#draw(k);
    this.#renderInfer();
  }

  /** Rebuilds the output of stage k from what it stored (nothing if it has not run). */
  #draw(k: number): void {
    const o = this.#out;
    const out = this.#panels[k]?.out;
    if (!out) return;
    const c = this.#c;
    if (k === 0 && o.collected) out.replaceChildren(...collectOutput(o.collected.c, this.#width(0), c));
    if (k === 1 && o.collected && o.prepared) out.replaceChildren(...preprocessOutput(o.collected.c, o.prepared.p));
    if (k === 2 && o.design) out.replaceChildren(...designOutput(o.design.d, c));
    if (k === 3 && o.train) this.#drawTrain(true);
    if (k === 4 && o.evaluation && o.collected && o.prepared && o.design) {
      out.replaceChildren(...evaluateOutput(o.evaluation.ev, o.design.net, o.collected.c, o.prepared.p, this.#width(4), c));
    }
  }

  #drawTrain(force: boolean): void {
    const t = this.#out.train;
    const out = this.#panels[3]!.out;
    if (!t) return;
    const r = t.run;
    if (!out.contains(this.#lossBox)) out.replaceChildren(this.#trainInfo, T.lossKey(), this.#lossBox);
    this.#trainInfo.replaceChildren(...T.trainLines(r.status, r.epochs, this.state.epochs, r.history, t.val, r.reason, this.state.lr).map((x) => h('div', { text: x })));
    this.#trainInfo.dataset.status = r.status;
    const now = performance.now();
    if (force || now - this.#lossAt > 300) {
      this.#lossAt = now;
      const c = this.#c;
      this.#lossBox.replaceChildren(lossChart(this.#width(3), [
        { name: 'entrenamiento', color: c.c1, values: r.history },
        { name: 'validación', color: c.c3, values: t.val },
      ], '↑ MSE (°C², escala log.)', c, 210));
      this.#lossBox.setAttribute('aria-label', T.lossAlt(r.history, t.val));
    }
  }

  #renderInfer(): void {
    const { prepared: p, design: d } = this.#out;
    const out = this.#panels[5]?.out;
    if (!out) return;
    if (p && d && this.#done(4)) out.replaceChildren(...inferOutput(d.net, p.p, d.d, this.state.today, this.state.doy));
    else out.replaceChildren();
  }
}

defineWidget('workflow-stepper', WorkflowStepper);
