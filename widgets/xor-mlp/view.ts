import { WidgetElement, defineWidget } from '../lib/widget/element';
import { button, cssVar, fmt, h, liveText, numberInput, resized, select, slider } from '../lib/widget/dom';
import { int, num, oneOf } from '../lib/state/schema';
import { ACT_LABEL, TARGET_LOSS, XOR_D, XOR_ROWS, XorRun, fmtLoss, niceEpochMax, statusText } from './core';
import { GRID, buildOverlay, canvasInset, paintCanvas, updateOverlay, type SurfaceColors } from './surface';
import { drawLossPath, lossFrame } from './loss-chart';
import './style.css';

const HIDDEN = ['2', '3', '4', '5', '6', '7', '8'] as const;
const SPEEDS = ['1', '2', '5', '20', '100'] as const;
/** Milliseconds of training per animation frame at most (the rest of the frame draws). */
const SLICE_MS = 8;
/** While training, the numbers are rewritten at most this often (ms)… */
const TEXT_MS = 100;
/** …and the loss chart, the status and the text alternatives at most this often (ms). */
const SLOW_MS = 250;

/** Sets text only when it changes (an identical write still invalidates layout). */
const setText = (el: HTMLElement, t: string): void => {
  if (el.textContent !== t) el.textContent = t;
};

const schema = {
  hidden: int(2, 2, 8),
  act: oneOf(['tanh', 'sigmoid', 'relu'] as const, 'tanh'),
  /** Learning rate α (the slider moves log10 α). */
  lr: num(1, 0.01, 10),
  seed: int(1, 0, 9999),
  /** Epochs per animation frame. */
  speed: oneOf(SPEEDS, '2'),
};

class XorMlp extends WidgetElement<typeof schema> {
  readonly schema = schema;
  #run!: XorRun;
  /** The run whose epochs were reported to <Predice> (once per run). */
  #reported: XorRun | null = null;
  #key = '';
  #playing = false;
  #runId = 0;
  #slowAt = 0;
  #textAt = 0;
  #ctl: Array<() => void> = [];
  #c!: SurfaceColors;
  /** What the overlay and the loss frame were built for; rebuilt only when these change. */
  #overlayKey = '';
  #frameKey = '';
  /** Width of the loss chart's box (px), kept by a ResizeObserver so drawing never forces a layout. */
  #lossWidth = 320;
  #el!: {
    play: HTMLButtonElement; one: HTMLButtonElement; canvas: HTMLCanvasElement; svg: SVGSVGElement;
    plane: HTMLElement; arch: HTMLElement; epoch: HTMLElement; lossVal: HTMLElement;
    cells: { y: HTMLElement; ok: HTMLElement; row: HTMLElement }[];
    loss: HTMLElement; status: HTMLElement; live: HTMLElement;
  };

  protected setup(): void {
    const s = this.state;
    const hidden = select({
      label: 'Neuronas ocultas',
      options: HIDDEN.map((v) => ({ value: v, label: v })),
      value: String(s.hidden) as (typeof HIDDEN)[number], onChange: (v) => this.setState({ hidden: Number(v) }),
    });
    const act = select({
      label: 'Activación oculta',
      options: (['tanh', 'sigmoid', 'relu'] as const).map((a) => ({ value: a, label: ACT_LABEL[a] })),
      value: s.act, onChange: (v) => this.setState({ act: v }),
    });
    const lr = slider({
      label: 'Tasa de aprendizaje α', min: -2, max: 1, step: 0.05, value: Math.log10(s.lr),
      format: (v) => fmt(10 ** v, 3), onInput: (v) => this.setState({ lr: Number((10 ** v).toPrecision(3)) }),
    });
    const seed = numberInput({
      label: 'Semilla (pesos iniciales)', min: 0, max: 9999, step: 1, value: s.seed,
      onInput: (v) => this.setState({ seed: Math.round(v) }),
    });
    const speed = select({
      label: 'Épocas por fotograma',
      options: SPEEDS.map((v) => ({ value: v, label: v })), value: s.speed, onChange: (v) => this.setState({ speed: v }),
    });
    this.#ctl = [
      () => hidden.set(String(this.state.hidden) as (typeof HIDDEN)[number]), () => act.set(this.state.act),
      () => lr.set(Math.log10(this.state.lr)), () => seed.set(this.state.seed), () => speed.set(this.state.speed),
    ];
    const canvas = h('canvas', { class: 'xm-canvas', width: GRID, height: GRID, 'aria-hidden': 'true' });
    Object.assign(canvas.style, canvasInset);
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.setAttribute('class', 'xm-svg');
    svg.setAttribute('aria-hidden', 'true');
    const e = (this.#el = {
      play: button('Entrenar', () => this.#togglePlay(), { 'aria-pressed': 'false', class: 'btn xm-play', 'data-step': 'play' }),
      one: button('Una época', () => this.#oneEpoch(), { class: 'btn btn-quiet', 'data-step': 'next' }),
      canvas, svg,
      plane: h('div', { class: 'xm-plane', role: 'img' }, canvas, svg),
      arch: h('p', { class: 'xm-arch' }),
      epoch: h('strong', { class: 'xm-epoch' }),
      lossVal: h('strong', { class: 'xm-lossval' }),
      cells: XOR_ROWS.map(() => ({ y: h('td'), ok: h('td'), row: h('tr') })),
      loss: h('div', { class: 'chart xm-loss', role: 'img' }),
      status: h('p', { class: 'xm-status' }),
      live: liveText(),
    });
    const body = h('tbody', {}, ...XOR_ROWS.map((x, p) => {
      const c = e.cells[p]!;
      c.row.append(h('td', { text: String(x[0]) }), h('td', { text: String(x[1]) }), h('td', { text: String(XOR_D[p]) }), c.y, c.ok);
      return c.row;
    }));
    const table = h('table', { class: 'xm-table' },
      h('caption', { text: 'Salidas de la red para los cuatro casos de XOR' }),
      h('thead', {}, h('tr', {}, ...['x₁', 'x₂', 'd', 'ŷ', '¿Acierta?'].map((t) => h('th', { scope: 'col', text: t })))),
      body);
    const readout = h('p', { class: 'xm-readout' }, e.epoch, ' · pérdida (MSE) ', e.lossVal, ` · objetivo < ${fmt(TARGET_LOSS)}`);
    this.append(
      h('div', { class: 'ctl-row' }, hidden.root, act.root, lr.root),
      h('div', { class: 'ctl-row' }, seed.root, speed.root),
      h('div', { class: 'ctl-row xm-buttons' }, e.play, e.one, button('Reiniciar', () => this.#restart(), { class: 'btn btn-quiet' })),
      e.arch,
      h('div', { class: 'xm-grid' },
        h('div', { class: 'xm-left' }, e.plane,
          h('p', { class: 'xm-legend', text: 'Fondo: salida de la red (verde azulado hacia 1, naranja hacia 0, neutro en 0,5). Líneas discontinuas: donde la entrada neta de cada neurona oculta vale 0.' })),
        h('div', { class: 'xm-side' }, readout, table, e.loss)),
      e.status, e.live,
    );
    this.onCleanup(resized(e.loss, (w) => {
      this.#lossWidth = w;
      this.guard(() => this.#render(true));
    }, { tolerance: 4, drawn: () => this.#lossWidth }));
  }

  override resetState(): void {
    super.resetState();
    this.#restart();
  }

  protected update(): void {
    const s = this.state;
    for (const set of this.#ctl) set();
    const key = `${s.hidden}|${s.act}|${s.seed}`;
    if (key !== this.#key || !this.#run) {
      this.#key = key;
      this.#newRun();
    } else if (this.#run.lr !== s.lr) {
      this.#run.lr = s.lr; // α may change between slices without restarting
    }
    this.#render(true);
  }

  #newRun(): void {
    this.#playing = false;
    this.#runId++;
    const s = this.state;
    this.#run = new XorRun(s.hidden, s.act, s.lr, s.seed);
    this.clearResult('epocas');
  }

  #restart(): void {
    this.#newRun();
    this.#el.live.textContent = 'Red reiniciada con los pesos iniciales de la semilla.';
    this.#render(true);
  }

  #togglePlay(): void {
    if (this.#playing) {
      this.#playing = false;
      this.#runId++;
      this.#el.live.textContent = `En pausa en la época ${this.#run.epoch}.`;
      this.#render(true);
      return;
    }
    const run = this.#run;
    if (run.status === 'stalled') run.resume();
    if (run.status !== 'running') return;
    this.#playing = true;
    const id = ++this.#runId;
    this.#el.live.textContent = 'Entrenando…';
    const tick = (): void => {
      if (!this.#playing || id !== this.#runId) return;
      const st = run.advance(Number(this.state.speed), SLICE_MS);
      if (st !== 'running') {
        this.#playing = false;
        this.#el.live.textContent = statusText(run);
        this.#render(true);
        return;
      }
      this.#render(false);
      this.frame(tick);
    };
    this.#render(true);
    this.frame(tick);
  }

  #oneEpoch(): void {
    if (this.#playing) return;
    const run = this.#run;
    if (run.status === 'stalled') run.resume();
    run.advance(1, SLICE_MS);
    this.#render(true);
  }

  #colors(): SurfaceColors {
    return {
      fg: cssVar(this, '--fg'), muted: cssVar(this, '--fg-muted'), grid: cssVar(this, '--border'), bg: cssVar(this, '--bg-elev'),
      one: cssVar(this, '--c1'), zero: cssVar(this, '--c2'), wrong: cssVar(this, '--c5'),
      hidden: [cssVar(this, '--c3'), cssVar(this, '--c4'), cssVar(this, '--fg')],
    };
  }

  /** Per frame: surface, lines, numbers. `all`: also the loss chart and text alternatives. */
  #render(all: boolean): void {
    const e = this.#el;
    const run = this.#run;
    const s = this.state;
    if (all) this.#c = this.#colors();
    const c = this.#c;
    const o = run.outputs();
    paintCanvas(e.canvas, run.net, c);
    const overlayKey = `${s.hidden}|${c.fg}|${c.one}|${c.bg}`;
    if (overlayKey !== this.#overlayKey) {
      this.#overlayKey = overlayKey;
      buildOverlay(e.svg, s.hidden, c);
    }
    updateOverlay(e.svg, run.net, o.y);
    const now = performance.now();
    if (!all && now - this.#textAt < TEXT_MS) return;
    this.#textAt = now;
    const last = run.history[run.history.length - 1];
    setText(e.epoch, `Época ${run.epoch}`);
    setText(e.lossVal, fmtLoss(last ?? run.loss()));
    e.cells.forEach((cell, p) => {
      setText(cell.y, fmt(o.y[p]!, 3));
      setText(cell.ok, o.right[p] ? 'sí' : 'no ✗');
      cell.row.classList.toggle('xm-bad', !o.right[p]);
    });
    setText(e.play, this.#playing ? 'Pausa' : run.status === 'stalled' ? 'Seguir entrenando' : 'Entrenar');
    e.play.setAttribute('aria-pressed', String(this.#playing));
    e.play.disabled = !this.#playing && run.status !== 'running' && run.status !== 'stalled';
    e.one.disabled = this.#playing || (run.status !== 'running' && run.status !== 'stalled');
    if (!all && now - this.#slowAt < SLOW_MS) return;
    this.#slowAt = now;
    setText(e.arch, `Red 2-${s.hidden}-1: 2 entradas → ${s.hidden} neuronas ocultas (${ACT_LABEL[s.act]}) → 1 salida (sigmoide); ${run.net.paramCount} parámetros. Pérdida: error cuadrático medio.`);
    const nRight = o.right.filter(Boolean).length;
    e.plane.setAttribute('aria-label',
      `Superficie de decisión de la red 2-${s.hidden}-1 en la época ${run.epoch}: acierta ${nRight} de los 4 puntos de XOR. ` +
      `Salidas: ${XOR_ROWS.map((x, p) => `(${x.join(', ')}) → ${fmt(o.y[p]!, 2)}`).join('; ')}.`);
    const msg = statusText(run);
    // For <Predice>: the epochs a run needed to bring the loss under TARGET_LOSS.
    if (run.status === 'solved' && this.#reported !== run) {
      this.#reported = run;
      this.reportResult('epocas', run.epoch);
    }
    // Written only on change: even an identical write invalidates paint of the whole page layer.
    setText(e.status, msg);
    if (e.status.dataset.kind !== run.status) e.status.dataset.kind = run.status;
    if (e.status.hidden !== (msg === '')) e.status.hidden = msg === '';
    this.#drawLoss();
  }

  /** Loss per epoch on a log scale; the Plot frame is rebuilt only when its x axis or size changes. */
  #drawLoss(): void {
    const c = this.#c;
    const hist = this.#run.history;
    const width = Math.max(240, Math.min(460, this.#lossWidth));
    const xMax = niceEpochMax(hist.length);
    const key = `${xMax}|${width}|${c.fg}|${c.one}`;
    let svg = this.#el.loss.querySelector('svg');
    if (key !== this.#frameKey || !svg) {
      this.#frameKey = key;
      svg = lossFrame(width, xMax, { fg: c.fg, muted: c.muted, target: c.one });
      this.#el.loss.replaceChildren(svg);
    }
    drawLossPath(svg, hist);
    const first = hist[0];
    const last = hist[hist.length - 1];
    this.#el.loss.setAttribute('aria-label', first === undefined || last === undefined
      ? 'Curva de pérdida: todavía no ha terminado ninguna época.'
      : `Curva de pérdida por época: de ${fmtLoss(first)} en la época 1 a ${fmtLoss(last)} en la época ${hist.length}; la línea discontinua marca el objetivo ${fmt(TARGET_LOSS)}.`);
  }
}

defineWidget('xor-mlp', XorMlp);
