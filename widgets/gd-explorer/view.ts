import katex from 'katex';
import { WidgetElement, defineWidget } from '../lib/widget/element';
import { button, cssVar, h } from '../lib/widget/dom';
import { chartScale } from '../lib/widget/chart-font';
import { PRESETS, buildControls } from './controls';
import { defaults, type StateOf } from '../lib/state/schema';
import { configSchema, schema } from './schema';
import { advance, createRun, stepsOf, type Run } from './core';
import { SURFACES, curvature, surfaceById, type PresetId, type Surface, type SurfaceId } from './surfaces';
import { chartText, num as numText } from './messages';
import { SidePanel, setText } from './side-panel';
import { SurfaceChart, type Colors } from './chart';
import { buildMsePanel, type MsePanel } from './mse-panel';
import './style.css';

type State = typeof schema;

const round2 = (v: number): number => Math.round(v * 100) / 100;
/** Minimum time between two redraws while playing, ms. */
const DRAW_MS = 50;
const texHtml = (t: string, display = true): string => katex.renderToString(t, { displayMode: display, throwOnError: false });

class GdExplorer extends WidgetElement<State> {
  readonly schema = schema;
  override readonly configSchema = configSchema;
  #allowed: Surface[] = [...SURFACES];
  #run!: Run;
  /** The run whose result was last reported to <Predice> (once per run). */
  #reported: Run | null = null;
  #runKey = '';
  #playing = false;
  #raf = 0;
  #last = 0;
  #acc = 0;
  #drawAt = 0;
  /** CSS widths measured in #render(true) only: reading them per frame would force a layout. */
  #lossWidth = 320;
  #mseWidth = 300;
  #chart: SurfaceChart | null = null;
  #chartKey = '';
  #ruleAt = 0;
  /** Heavy redraws still owed, one per frame while playing. */
  #heavy: (() => void)[] = [];
  #dragging = false;
  #colors!: Colors;
  #sync: () => void = () => {};
  #mse!: MsePanel;
  #side!: SidePanel;
  #el!: {
    plot: HTMLElement; formula: HTMLElement; note: HTMLElement;
    play: HTMLButtonElement; step: HTMLButtonElement; presets: HTMLButtonElement[]; start2: HTMLElement;
  };

  protected setup(): void {
    // A re-inserted widget runs setup() again: forget the chart drawn into the old DOM.
    this.#chart = null;
    this.#chartKey = '';
    this.#heavy = [];
    this.#playing = false;
    const cfg = this.config<{ dims?: number; surface?: string }>({});
    this.#allowed = SURFACES.filter((s) => !cfg.dims || s.dims === cfg.dims);
    if (!this.#allowed.some((s) => s.id === this.state.surface)) {
      this.state = { ...this.state, ...this.#surfaceDefaults(this.#initialSurface()) };
    }
    const ctl = buildControls({
      allowed: this.#allowed,
      state: () => this.state,
      surface: () => this.#surface(),
      onSurface: (id) => {
        this.#setPlaying(false);
        this.setState(this.#surfaceDefaults(id));
      },
      onAlpha: (alpha) => this.setState({ alpha }),
      onSpeed: (speed) => this.setState({ speed }),
      onStart: (i, v) => this.#setStart(i, v),
      onPreset: (id) => this.#preset(id),
    });
    this.#sync = ctl.sync;
    this.#el = {
      plot: h('div', { class: 'gd-plot', role: 'img' }),
      formula: h('div', { class: 'gd-formula', 'aria-hidden': 'true' }),
      note: h('p', { class: 'gd-note' }),
      play: button('Reproducir', () => this.#togglePlay(), { 'data-step': 'play' }),
      step: button('Un paso', () => this.#stepOnce(), { class: 'btn btn-quiet', 'data-step': 'next' }),
      presets: ctl.presetButtons,
      start2: ctl.start2,
    };
    const e = this.#el;
    this.#side = new SidePanel();
    this.#mse = buildMsePanel();
    this.listen(e.plot, 'pointerdown', (ev) => this.#pointer(ev as PointerEvent, 'down'));
    this.listen(e.plot, 'pointermove', (ev) => this.#pointer(ev as PointerEvent, 'move'));
    this.listen(e.plot, 'pointerup', () => { this.#dragging = false; });
    this.listen(e.plot, 'pointercancel', () => { this.#dragging = false; });
    this.listen(window, 'resize', () => this.#render(true));
    this.onCleanup(() => cancelAnimationFrame(this.#raf));
    this.append(
      ctl.row,
      ctl.presets,
      e.formula,
      e.note,
      h('div', { class: 'gd-grid' },
        h('div', { class: 'gd-main' },
          h('p', { class: 'gd-hint', text: 'Haz clic o arrastra en la gráfica para elegir el punto de partida (o escríbelo abajo).' }),
          e.plot,
          h('div', { class: 'ctl-row gd-buttons' }, e.play, e.step,
            button('Volver al inicio', () => this.#restart(), { class: 'btn btn-quiet' })),
          ctl.start),
        this.#side.root),
      this.#side.live,
      this.#mse.root,
    );
  }

  #initialSurface(): SurfaceId {
    const want = this.config<{ surface?: string }>({}).surface;
    return (this.#allowed.find((x) => x.id === want) ?? this.#allowed[0]!).id;
  }

  #surfaceDefaults(id: SurfaceId): Partial<StateOf<State>> {
    const sf = surfaceById(id);
    return { surface: sf.id, alpha: sf.presets.buena, w1: sf.start[0]!, w2: sf.start[1] ?? 0 };
  }

  override resetState(): void {
    this.#setPlaying(false);
    this.setState({ ...defaults(schema), ...this.#surfaceDefaults(this.#initialSurface()) });
  }

  #surface(): Surface {
    const sf = surfaceById(this.state.surface);
    return this.#allowed.includes(sf) ? sf : this.#allowed[0]!;
  }

  /** Start point from the state, clamped to the drawn domain. */
  #start(): number[] {
    const sf = this.#surface();
    return [this.state.w1, this.state.w2].slice(0, sf.dims).map((v, i) => Math.min(sf.domain[i]![1], Math.max(sf.domain[i]![0], v)));
  }

  #setStart(i: number, v: number): void {
    const [lo, hi] = this.#surface().domain[i] ?? [-50, 50];
    const c = round2(Math.min(hi, Math.max(lo, v)));
    this.setState(i === 0 ? { w1: c } : { w2: c });
  }

  #preset(id: PresetId): void {
    const sf = this.#surface();
    this.#runKey = '';
    this.setState({ alpha: sf.presets[id] });
    this.#setPlaying(true);
  }

  #pointer(ev: PointerEvent, kind: 'down' | 'move'): void {
    if (kind === 'move' && !this.#dragging) return;
    const at = this.#chart?.toPlane(ev.clientX, ev.clientY);
    if (!at) return;
    if (kind === 'down') {
      this.#dragging = true;
      this.#setPlaying(false);
      this.#el.plot.setPointerCapture?.(ev.pointerId);
      ev.preventDefault();
    }
    this.setState(at.length === 1 ? { w1: round2(at[0]!) } : { w1: round2(at[0]!), w2: round2(at[1]!) });
  }

  #restart(): void {
    this.#setPlaying(false);
    this.#runKey = '';
    this.#render(false);
  }

  #stepOnce(): void {
    this.#setPlaying(false);
    if (this.#run.status !== 'running') return;
    advance(this.#run, 1);
    this.#render(false, true);
  }

  #togglePlay(): void {
    if (this.#playing) {
      this.#setPlaying(false);
      this.#render(false, true);
      return;
    }
    if (this.#run.status !== 'running') this.#runKey = '';
    this.#render(false);
    this.#setPlaying(true);
  }

  #setPlaying(on: boolean): void {
    this.#playing = on;
    cancelAnimationFrame(this.#raf);
    if (on) {
      this.#last = performance.now();
      this.#acc = 0;
      this.#raf = requestAnimationFrame((t) => this.#tick(t));
    }
    if (this.#el) this.#syncButtons();
  }

  #tick(now: number): void {
    this.guard(() => {
      if (!this.#playing) return;
      const dt = Math.min(0.25, (now - this.#last) / 1000);
      this.#last = now;
      this.#acc += dt * Number(this.state.speed);
      const n = Math.min(40, Math.floor(this.#acc));
      this.#acc -= n;
      if (n > 0) {
        advance(this.#run, n);
        // At high speeds several steps share one redraw (at most one every DRAW_MS).
        if (now - this.#drawAt >= DRAW_MS || this.#run.status !== 'running') {
          this.#drawAt = now;
          this.#render(false);
        }
      }
      if (this.#run.status !== 'running') {
        this.#setPlaying(false);
        this.#render(false, true);
      } else this.#raf = requestAnimationFrame((t) => this.#tick(t));
    });
  }

  protected update(): void {
    this.#sync();
    this.#render(true);
  }

  #readColors(): Colors {
    return {
      fg: cssVar(this, '--fg'), muted: cssVar(this, '--fg-muted'), grid: cssVar(this, '--grid'), bg: cssVar(this, '--bg-elev'),
      curve: cssVar(this, '--c1'), path: cssVar(this, '--c2'), min: cssVar(this, '--c3'), contour: cssVar(this, '--c4'),
    };
  }

  /**
   * Redraw. `all`: also the static parts (surface drawing, formula) when their key changed.
   * `now`: draw the throttled parts (loss chart, KaTeX rule) immediately.
   */
  #render(all: boolean, now = false): void {
    const e = this.#el;
    const sf = this.#surface();
    const key = [sf.id, this.state.alpha, ...this.#start()].join('|');
    if (key !== this.#runKey) {
      this.#runKey = key;
      this.#run = createRun(sf, this.#start(), this.state.alpha);
      this.#reported = null;
      this.clearResult('pasos');
      now = true;
    }
    if (all) {
      this.#colors = this.#readColors();
      const width = Math.max(260, Math.min(640, Math.floor(e.plot.clientWidth || 520)));
      this.#lossWidth = this.#side.loss.clientWidth;
      this.#mseWidth = this.#mse.plot.clientWidth;
      const k = chartScale(this, 12);
      const ckey = [sf.id, width, k, Object.values(this.#colors).join()].join('|');
      if (ckey !== this.#chartKey || !this.#chart) {
        this.#chartKey = ckey;
        this.#chart = new SurfaceChart(sf, width, this.#colors, k);
        e.plot.replaceChildren(this.#chart.svg);
        e.formula.innerHTML = texHtml(sf.tex);
        e.note.textContent = sf.note;
      }
      const { lambdaMax, limit } = curvature(sf);
      this.#side.limit.textContent = `Cerca del mínimo, la curvatura más fuerte es λₘₐₓ ≈ ${numText(lambdaMax, 3)}: el descenso solo es estable con α < 2/λₘₐₓ ≈ ${numText(limit, 3)}. Ahora α = ${numText(this.state.alpha)}.`;
      e.start2.hidden = sf.dims === 1;
      e.presets.forEach((b, i) => b.setAttribute('aria-pressed', String(sf.presets[PRESETS[i]!.id] === this.state.alpha)));
      now = true;
    }
    this.#dynamic(now);
  }

  /** Per-step part: path, numbers, regime; the loss chart, KaTeX and the regression panel throttled. */
  #dynamic(now: boolean): void {
    const run = this.#run;
    const g = run.grads[stepsOf(run)]!;
    this.#chart?.drawRun(run.path, g.length === 1 ? g[0]! : null);
    this.#el.plot.setAttribute('aria-label', chartText(run.surface, run));
    this.#side.update(run);
    // KaTeX, the loss chart and the regression panel are the costly parts (style and layout of
    // many elements): at most every 100 ms up to 8 steps/s, every 400 ms at higher speeds.
    const stamp = performance.now();
    const every = Number(this.state.speed) <= 8 ? 100 : 400;
    // The three heavy parts (KaTeX rule, loss chart, regression panel) go in different frames
    // while playing, so no single frame pays for two (issue 3: no main-thread task over 50 ms);
    // `now` (a pause, a step, a change) draws them all at once.
    if (now) {
      this.#ruleAt = stamp;
      this.#heavy = [];
      this.#side.updateHeavy(run, this.#colors, this.#lossWidth);
      this.#mse.render(run, this.#colors, this.#mseWidth);
    } else if (this.#heavy.length) {
      this.#heavy.shift()!();
    } else if (stamp - this.#ruleAt > every) {
      this.#ruleAt = stamp;
      this.#heavy = [
        () => this.#side.updateLoss(this.#run, this.#colors, this.#lossWidth),
        () => this.#mse.render(this.#run, this.#colors, this.#mseWidth),
      ];
      this.#side.updateRule(run);
    }
    this.#syncButtons();
    // For <Predice>: once per run, the steps a converged run took (state = the run's α, start…).
    if (run.status === 'converged' && stepsOf(run) > 0 && this.#reported !== run) {
      this.#reported = run;
      this.reportResult('pasos', stepsOf(run));
    }
  }

  #syncButtons(): void {
    const e = this.#el;
    const done = this.#run?.status !== 'running';
    setText(e.play, this.#playing ? 'Pausa' : done && stepsOf(this.#run) > 0 ? 'Reproducir de nuevo' : 'Reproducir');
    e.step.disabled = done;
    // For tests: 'playing', 'idle' (paused or not started) or 'done' (the run stopped by itself).
    this.dataset.phase = this.#playing ? 'playing' : done ? 'done' : 'idle';
  }
}

defineWidget('gd-explorer', GdExplorer);
