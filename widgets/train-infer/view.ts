import { WidgetElement, defineWidget } from '../lib/widget/element';
import { button, cssVar, fmt, h, liveText, select, slider } from '../lib/widget/dom';
import { int, num, nums, oneOf } from '../lib/state/schema';
import {
  LIMITS, LossHistory, flatten, generateData, gradient, leastSquares, maxStableRate, mse, runSteps, unflatten,
  type Line, type Point, type RunResult,
} from './core';
import { drawModel, fitChart, lossChart, type Colors } from './charts';
import { dragHandlers } from './drag';
import { nw, renderPhase2, type Frozen } from './phase2';
import * as T from './messages';
import { buildEditor, type Editor } from './editor';
import './style.css';

const schema = {
  seed: int(2, 0, 99999),
  n: int(12, 2, 40),
  noise: num(0.6, 0, 3),
  shape: oneOf(['recta', 'curva'] as const, 'recta'),
  /** Learning rate α; the slider moves log10(α). */
  lr: num(0.01, 0.0001, 0.1),
  /** GD steps per animation frame. */
  spf: oneOf(['1', '5', '20', '60'] as const, '20'),
  /** Query input x* of the inference phase. */
  xq: num(7.5, 0, 10),
  /** Edited points [x0, y0, x1, y1, …]; empty means "generated from the seed". */
  pts: nums([], 0, 10, 0, 80),
};
export type TrainInferSchema = typeof schema;

class TrainInfer extends WidgetElement<typeof schema> {
  readonly schema = schema;
  #model: Line = { w: 0, b: 0 };
  #steps = 0; // total GD steps of the current model
  #runSteps = 0; // steps of the current run (the limit applies per run)
  #hist = new LossHistory();
  #diverged = false;
  #running = false;
  #runId = 0;
  #frozen: Frozen | null = null;
  #selected = 0;
  #cache = { key: '', points: [] as Point[] };
  #c!: Colors;
  #fitKey = '';
  #lossKey = '';
  #lossAt = 0;
  #el!: {
    fit: HTMLElement; loss: HTMLElement; infer: HTMLElement; readout: HTMLElement; status: HTMLElement;
    inferText: HTMLElement; cost: HTMLElement; stale: HTMLElement; train: HTMLButtonElement;
    stop: HTMLButtonElement; one: HTMLButtonElement; showExact: HTMLInputElement;
  };
  #ctl: Array<() => void> = [];
  #editor!: Editor;

  protected setup(): void {
    const s = this.state;
    const lr = slider({
      label: 'Tasa de aprendizaje α', min: -4, max: -1, step: 0.05, value: Math.log10(s.lr),
      format: (v) => fmt(10 ** v, 4),
      onInput: (v) => this.setState({ lr: Number((10 ** v).toPrecision(3)) }),
    });
    const spf = select({
      label: 'Pasos por fotograma',
      options: schema.spf.options.map((v) => ({ value: v, label: v })),
      value: s.spf, onChange: (v) => this.setState({ spf: v }),
    });
    const xq = slider({
      label: 'Nueva entrada x*', min: 0, max: 10, step: 0.1, value: s.xq,
      format: (v) => fmt(v, 1), onInput: (v) => this.setState({ xq: v }),
    });
    this.#ctl.push(() => lr.set(Math.log10(this.state.lr)), () => spf.set(this.state.spf), () => xq.set(this.state.xq));
    const showExact = h('input', { type: 'checkbox', class: 'ti-check' });
    this.listen(showExact, 'change', () => this.#render());
    this.#el = {
      fit: h('div', { class: 'chart ti-fit', role: 'img' }),
      loss: h('div', { class: 'chart ti-loss', role: 'img' }),
      infer: h('div', { class: 'chart ti-infer', role: 'img' }),
      readout: h('div', { class: 'readout ti-readout' }),
      status: Object.assign(liveText('ti-status'), { textContent: 'Modelo sin entrenar: w = 0 y b = 0. Pulsa «Entrenar».' }),
      inferText: h('div', { class: 'readout ti-infer-text', 'aria-live': 'polite' }),
      cost: h('p', { class: 'ti-cost' }),
      stale: h('p', { class: 'ti-stale', role: 'status' }),
      train: button('Entrenar', () => this.#train(0)),
      stop: button('Detener', () => this.#stop(), { class: 'btn btn-quiet' }),
      one: button('Un paso', () => this.#train(1), { class: 'btn btn-quiet', 'data-step': 'next' }),
      showExact,
    };
    this.#editor = buildEditor(this, {
      points: () => this.#points(),
      selected: () => this.#selected,
      select: (i) => { this.#selected = i; this.#render(); },
      setPoints: (pts, sel) => { this.#selected = sel; this.setState({ pts: flatten(pts) }); },
    });
    const e = this.#el;
    const drag = dragHandlers({
      svg: () => e.fit.querySelector('svg'),
      points: () => this.#points(),
      select: (i) => { this.#selected = i; this.#render(true); },
      move: (i, p) => { const pts = this.#points().slice(); pts[i] = p; this.#editor.commit(pts, i); },
      add: (p) => this.#editor.add(p),
    });
    this.listen(e.fit, 'pointerdown', (ev) => drag.down(ev as PointerEvent, e.fit));
    this.listen(e.fit, 'pointermove', (ev) => drag.move(ev as PointerEvent));
    this.listen(e.fit, 'pointerup', (ev) => drag.up(ev as PointerEvent));
    this.listen(e.fit, 'pointercancel', () => drag.cancel());
    this.listen(window, 'resize', () => this.#render(true));
    this.append(
      h('section', { class: 'ti-phase' },
        h('h3', { class: 'ti-h', text: 'Fase 1 · Entrenamiento: ajustar w y b a los datos' }),
        h('p', { class: 'ti-hint', text: 'Arrastra un punto para moverlo o haz clic en un hueco para añadir uno. Con teclado, usa «Editar puntos» más abajo.' }),
        h('div', { class: 'ti-grid' }, e.fit, h('div', { class: 'ti-side' }, e.loss, e.readout)),
        h('label', { class: 'ti-exact' }, showExact, 'Mostrar la solución exacta (mínimos cuadrados, línea discontinua)'),
        h('div', { class: 'ctl-row' }, lr.root, spf.root),
        h('div', { class: 'ctl-row ti-buttons' }, e.train, e.stop, e.one,
          button('Reiniciar modelo (w = 0, b = 0)', () => this.#resetModel(), { class: 'btn btn-quiet' })),
        e.status,
        this.#editor.root),
      h('section', { class: 'ti-phase' },
        h('h3', { class: 'ti-h', text: 'Fase 2 · Inferencia: usar el modelo congelado' }),
        h('p', { class: 'ti-hint', text: 'Aquí ya no hay datos ni entrenamiento: solo los w y b aprendidos y una entrada nueva.' }),
        e.stale, h('div', { class: 'ctl-row' }, xq.root), e.infer, e.inferText, e.cost),
    );
  }

  override resetState(): void {
    this.#resetModel();
    this.#frozen = null;
    this.#selected = 0;
    super.resetState();
  }

  /** Current data: edited points from the state, or the seeded ones. */
  #points(): Point[] {
    const s = this.state;
    if (s.pts.length >= 4) return unflatten(s.pts);
    const key = `${s.seed}|${s.n}|${s.noise}|${s.shape}`;
    if (this.#cache.key !== key) this.#cache = { key, points: generateData(s) };
    return this.#cache.points;
  }

  #dataKey(pts: readonly Point[]): string {
    return flatten(pts).join(',');
  }

  #train(k: number): void {
    if (this.#running) return;
    const pts = this.#points();
    if (this.#diverged || this.#steps === 0) {
      this.#diverged = false;
      this.#hist = new LossHistory();
      this.#hist.push(this.#steps, mse(this.#model, pts));
    }
    this.#runSteps = 0;
    if (k > 0) {
      this.#end(this.#apply(k));
      return;
    }
    this.#running = true;
    const id = ++this.#runId;
    this.#el.status.textContent = 'Entrenando…';
    const tick = (): void => {
      if (!this.#running || id !== this.#runId) return;
      const r = this.#apply(Number(this.state.spf));
      if (r.outcome !== 'running') this.#end(r);
      else {
        this.#dynamic();
        this.frame(tick);
      }
    };
    this.#render();
    this.frame(tick);
  }

  /** Runs up to k GD steps on the current data (lr read now) and records the loss. */
  #apply(k: number): RunResult {
    const base = this.#steps - this.#runSteps;
    const r = runSteps(this.#model, this.#points(), this.state.lr, this.#runSteps, k, undefined, (t, loss) => {
      this.#hist.push(base + t, loss);
    });
    this.#steps = base + r.step;
    this.#runSteps = r.step;
    this.#model = r.model;
    return r;
  }

  #stop(): void {
    if (this.#running) this.#end(null);
  }

  /** Ends a run: freezes the model (or, after a divergence, resets it) and explains why it ended. */
  #end(r: RunResult | null): void {
    this.#running = false;
    this.#runId++;
    const pts = this.#points();
    const st = this.#el.status;
    if (r?.outcome === 'diverged') {
      st.textContent = T.divergedText(this.state.lr, r.step, r.loss, maxStableRate(pts));
      this.#diverged = true;
      this.#model = { w: 0, b: 0 };
      this.#steps = 0;
    } else {
      this.#frozen = { model: { ...this.#model }, key: this.#dataKey(pts), steps: this.#steps };
      const ls = leastSquares(pts);
      const gap = ls ? Math.max(Math.abs(ls.w - this.#model.w), Math.abs(ls.b - this.#model.b)) : null;
      // For <Predice>: the steps a converged model took since it was last reset (w = b = 0).
      if (r?.outcome === 'converged') this.reportResult('pasos', this.#steps);
      st.textContent = r?.outcome === 'converged' ? T.trainedText(this.#steps, gap)
        : r?.outcome === 'max-steps' ? T.maxStepsText(LIMITS.maxSteps, this.state.lr)
          : r?.outcome === 'running' ? T.oneStepText(this.#steps, r.loss)
            : T.stoppedText(this.#steps);
    }
    this.#render(true);
  }

  #resetModel(): void {
    this.#running = false;
    this.#runId++;
    this.#model = { w: 0, b: 0 };
    this.#steps = 0;
    this.#hist = new LossHistory();
    this.#diverged = false;
    this.#el.status.textContent = 'Modelo reiniciado: w = 0 y b = 0. Pulsa «Entrenar».';
    this.clearResult('pasos');
    this.#render();
  }

  protected update(): void {
    for (const set of this.#ctl) set();
    this.#render(true);
  }

  #colors(): Colors {
    return {
      fg: cssVar(this, '--fg'), muted: cssVar(this, '--fg-muted'), line: cssVar(this, '--c1'),
      accent2: cssVar(this, '--c2'), exact: cssVar(this, '--c3'), grid: cssVar(this, '--grid'), bg: cssVar(this, '--bg-elev'),
    };
  }

  /**
   * Full redraw from state. The Plot charts are rebuilt only when what they show changed
   * (keys below); phase 2 and the editor only when `all` (they do not change while training).
   */
  #render(all = false): void {
    const e = this.#el;
    const pts = this.#points();
    if (this.#selected >= pts.length) this.#selected = pts.length - 1;
    this.#c = this.#colors();
    const c = this.#c;
    const ls = leastSquares(pts);
    const width = Math.max(260, Math.floor(e.fit.clientWidth || 520));
    const key = [this.#dataKey(pts), this.#selected, e.showExact.checked, width, Object.values(c).join()].join('|');
    if (key !== this.#fitKey || !e.fit.querySelector('svg')) {
      this.#fitKey = key;
      e.fit.replaceChildren(fitChart({ width, points: pts, exact: ls, showExact: e.showExact.checked, selected: this.#selected, colors: c }));
    }
    this.#dynamic(true);
    if (all) {
      this.#editor.sync();
      this.#renderInference(pts, c);
    }
  }

  /** Per-frame part: the moving line and residuals, the numbers, and (throttled) the loss curve. */
  #dynamic(forceLoss = false): void {
    const e = this.#el;
    const c = this.#c;
    const pts = this.#points();
    const ls = leastSquares(pts);
    const svg = e.fit.querySelector('svg');
    if (svg) drawModel(svg, this.#model, pts, c);
    const now = performance.now();
    const L = mse(this.#model, pts);
    const Lx = ls ? mse(ls, pts) : null;
    const lossKey = [this.#hist.size, this.#hist.last?.step, this.#hist.last?.loss, L, this.#diverged, e.loss.clientWidth, c.line, Lx].join('|');
    if ((forceLoss || now - this.#lossAt > 200) && lossKey !== this.#lossKey) {
      this.#lossAt = now;
      this.#lossKey = lossKey;
      const width = Math.max(220, Math.floor(e.loss.clientWidth || 320));
      e.loss.replaceChildren(lossChart(width, this.#hist.points(), { step: this.#steps, loss: L }, Lx, this.#diverged, c));
    }
    const g = gradient(this.#model, pts);
    const ex = ls ? [nw(`w* = ${T.num(ls.w)}`), ' · ', nw(`b* = ${T.num(ls.b)}`), ' · ', nw(`L* = ${T.num(Lx ?? 0, 4)}`)] : [];
    e.readout.replaceChildren(
      h('div', {}, `Paso ${T.intText(this.#steps)}`),
      h('div', {}, nw(`w = ${T.num(this.#model.w)}`, 'ti-w'), ' · ', nw(`b = ${T.num(this.#model.b)}`, 'ti-b')),
      h('div', {}, 'L = ', nw(T.num(L, 4), 'ti-L')),
      h('div', {}, nw(`∂L/∂w = ${T.num(g.dw)}`), ' · ', nw(`∂L/∂b = ${T.num(g.db)}`)),
      ls ? h('div', { class: 'ti-exact-text' }, 'Solución exacta: ', ...ex)
        : h('div', { class: 'ti-exact-text', text: 'Todos los puntos tienen la misma x: no hay una única recta mejor.' }),
    );
    e.fit.setAttribute('aria-label', `Diagrama de dispersión con ${pts.length} puntos; recta actual ${T.lineText(this.#model)}, pérdida L = ${T.num(L, 4)}.`);
    e.loss.setAttribute('aria-label', this.#diverged ? 'Curva de pérdida: crece sin control hasta que el entrenamiento se detiene.'
      : `Curva de pérdida: ${this.#hist.size ? `L = ${T.num(L, 4)} en el paso ${T.intText(this.#steps)}` : 'todavía sin entrenar'}.`);
    e.train.disabled = this.#running;
    e.one.disabled = this.#running;
    e.stop.disabled = !this.#running;
  }

  #renderInference(pts: readonly Point[], c: Colors): void {
    const f = this.#frozen;
    renderPhase2(this.#el, f, !!f && f.key !== this.#dataKey(pts), pts.length, this.state.xq, c);
  }
}

defineWidget('train-infer', TrainInfer);
