import { WidgetElement, defineWidget } from '../lib/widget/element';
import { cssVar, h, select, slider, uniqueId } from '../lib/widget/dom';
import { Stepper, WindowPlayer } from '../lib/widget/stepper';
import { bool, int, oneOf } from '../lib/state/schema';
import { imageFloat, type MnistData } from '../lib/data/mnist';
import { getMnist, mnistErrorText } from '../lib/data/mnist-client';
import { outputSize, type FeatureMap } from '../lib/conv';
import {
  EDGE_FILTERS, EDGE_LABELS, describeMap, edgeMap, mapStats, nthWithLabel, numText, poolCell, poolSizeText, poolText,
  runPool, stepAtPool, type PoolResult, type PoolSetup,
} from './core';
import './style.css';

const PLAY_MS = 600;
const SAMPLES = 20;
/** Drawn size of every map, CSS px (the pooled map is drawn as large, with bigger cells). */
const VIEW_PX = 252;

const schema = {
  digit: int(3, 0, 9),
  /** Which example of that digit in the test split (0-based). */
  sample: int(0, 0, SAMPLES - 1),
  filter: oneOf(EDGE_FILTERS, 'vertical'),
  relu: bool(true),
  kind: oneOf(['max', 'avg'] as const, 'max'),
  size: int(2, 2, 3),
  stride: int(2, 1, 3),
  /** Window position, 0-based, row by row (clamped to the positions that exist). */
  pos: int(93, 0, 728),
};

interface Colors { pos: string; neg: string; bg: string; ink: string; mark: string }

/** Draws a map as coloured squares on a canvas of VIEW_PX CSS pixels; |v| / scale sets the strength. */
function paint(canvas: HTMLCanvasElement, m: FeatureMap, scale: number, c: Colors, gray = false): CanvasRenderingContext2D | null {
  const dpr = Math.min(window.devicePixelRatio || 1, 3);
  const px = Math.round(VIEW_PX * dpr);
  if (canvas.width !== px) { canvas.width = px; canvas.height = px; }
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.globalAlpha = 1;
  ctx.fillStyle = c.bg;
  ctx.fillRect(0, 0, px, px);
  const cw = px / m.width;
  const ch = px / m.height;
  for (let y = 0; y < m.height; y++) {
    for (let x = 0; x < m.width; x++) {
      const v = m.data[y * m.width + x]!;
      if (v === 0) continue;
      ctx.globalAlpha = Math.min(Math.abs(v) / scale, 1);
      ctx.fillStyle = gray ? c.ink : v > 0 ? c.pos : c.neg;
      ctx.fillRect(Math.floor(x * cw), Math.floor(y * ch), Math.ceil(cw), Math.ceil(ch));
    }
  }
  ctx.globalAlpha = 1;
  ctx.scale(cw, ch); // later strokes use cell units
  return ctx;
}

function frame(ctx: CanvasRenderingContext2D, x: number, y: number, w: number, hgt: number, color: string, cellPx: number): void {
  ctx.strokeStyle = color;
  const lw = 3 / cellPx; // 3 CSS px, in cell units; drawn inside the cells so edges are not clipped
  ctx.lineWidth = lw;
  ctx.strokeRect(x + lw / 2, y + lw / 2, w - lw, hgt - lw);
}

class PoolExplorer extends WidgetElement<typeof schema> {
  readonly schema = schema;
  #data: MnistData | null = null;
  #sync: Array<() => void> = [];
  #status!: HTMLElement;
  #main!: HTMLElement;
  #sizes!: HTMLElement;
  #digit!: HTMLCanvasElement;
  #map!: HTMLCanvasElement;
  #out!: HTMLCanvasElement;
  #mapTitle!: HTMLElement;
  #outTitle!: HTMLElement;
  #win!: HTMLElement;
  #calc!: HTMLElement;
  #where!: HTMLElement;
  #player!: WindowPlayer;
  #last: { r: PoolResult; setup: PoolSetup } | null = null;

  protected setup(): void {
    const s = this.state;
    // The window position is kept (and clamped to the positions that exist) when the geometry changes.
    const geometry = (patch: Partial<typeof s>): void => {
      const next = { ...this.state, ...patch };
      const side = this.#data ? this.#data.rows : 28;
      const out = outputSize(side, next.size, next.stride, 'valid');
      this.setState({ ...patch, pos: Math.min(this.state.pos, out * out - 1) });
    };
    const digit = select({
      label: 'Dígito', value: String(s.digit),
      options: Array.from({ length: 10 }, (_, d) => ({ value: String(d), label: String(d) })),
      onChange: (v) => this.setState({ digit: Number(v) }),
    });
    const sample = slider({
      label: 'Ejemplo de ese dígito', min: 1, max: SAMPLES, step: 1, value: s.sample + 1,
      onInput: (v) => this.setState({ sample: v - 1 }),
    });
    const filter = select({
      label: 'Filtro', value: s.filter,
      options: EDGE_FILTERS.map((f) => ({ value: f, label: EDGE_LABELS[f] })),
      onChange: (v) => this.setState({ filter: v }),
    });
    const reluId = uniqueId('relu');
    const relu = h('input', { type: 'checkbox', id: reluId });
    relu.checked = s.relu;
    relu.addEventListener('change', () => this.setState({ relu: relu.checked }));
    const kind = select({
      label: 'Tipo de pooling', value: s.kind,
      options: [{ value: 'max', label: 'Máximo (max pooling)' }, { value: 'avg', label: 'Media (average pooling)' }],
      onChange: (v) => this.setState({ kind: v }),
    });
    const size = slider({
      label: 'Tamaño de la ventana K', min: 2, max: 3, step: 1, value: s.size,
      format: (v) => `${v} × ${v}`, onInput: (v) => geometry({ size: v }),
    });
    const stride = slider({
      label: 'Paso (stride) S', min: 1, max: 3, step: 1, value: s.stride,
      onInput: (v) => geometry({ stride: v }),
    });
    this.#player = new WindowPlayer(
      { pos: () => this.state.pos, count: () => this.#count(), set: (pos) => this.setState({ pos }) },
      (steps) => new Stepper({ periodMs: PLAY_MS, every: (ms, tick) => this.every(ms, tick), live: () => this.querySelector('.px-step'), ...steps }),
    );
    this.#sync = [
      () => digit.set(String(this.state.digit)), () => sample.set(this.state.sample + 1), () => filter.set(this.state.filter),
      () => { relu.checked = this.state.relu; }, () => kind.set(this.state.kind), () => size.set(this.state.size),
      () => stride.set(this.state.stride),
    ];

    const canvas = (): HTMLCanvasElement => h('canvas', { class: 'px-canvas', role: 'img', width: VIEW_PX, height: VIEW_PX });
    this.#digit = canvas();
    this.#map = canvas();
    this.#out = canvas();
    this.#mapTitle = h('p', { class: 'px-title' });
    this.#outTitle = h('p', { class: 'px-title' });
    this.#win = h('div', { class: 'px-win', role: 'img' });
    this.#calc = h('p', { class: 'px-calc' });
    this.#where = h('p', { class: 'px-where' });
    this.#sizes = h('div', { class: 'readout px-sizes', 'aria-live': 'polite' });
    this.#status = h('p', { class: 'px-status', role: 'status', text: 'Cargando los dígitos MNIST (unos 7,5 MB)…' });
    this.listen(this.#out, 'click', (ev) => this.#pick(ev as MouseEvent));
    this.#main = h('div', { class: 'px-main', hidden: true },
      h('div', { class: 'ctl-row' }, digit.root, sample.root, filter.root),
      h('div', { class: 'ctl-row' }, h('div', { class: 'ctl ctl-check' }, h('span', { class: 'px-check' }, relu,
        h('label', { for: reluId, text: 'Aplicar ReLU antes del pooling' })))),
      h('div', { class: 'ctl-row' }, kind.root, size.root, stride.root),
      this.#sizes,
      h('div', { class: 'px-panels' },
        h('div', { class: 'px-panel px-small' }, h('p', { class: 'px-title', text: 'Dígito 28 × 28' }), this.#digit),
        h('div', { class: 'px-panel' }, this.#mapTitle, this.#map),
        h('div', { class: 'px-panel' }, this.#outTitle, this.#out)),
      h('p', { class: 'px-legend', 'aria-hidden': 'true' },
        h('span', { class: 'px-swatch px-pos' }), 'positivo ', h('span', { class: 'px-swatch px-negs' }), 'negativo ',
        h('span', { class: 'px-swatch px-mark' }), 'ventana (pulsa el mapa reducido para elegir celda)'),
      h('div', { class: 'ctl-row px-player' }, ...this.#player.controls),
      h('div', { class: 'readout px-step', 'aria-live': 'polite' }, this.#where, h('div', { class: 'px-detail' }, this.#win, this.#calc)),
    );
    this.append(this.#status, this.#main);

    let alive = true;
    this.onCleanup(() => { alive = false; });
    getMnist().then(
      (d) => {
        if (!alive) return;
        this.#data = d;
        this.#status.hidden = true;
        this.#main.hidden = false;
        this.guard(() => this.update());
      },
      (err: unknown) => { if (alive) this.fail(new Error(mnistErrorText(err))); },
    );
  }

  override resetState(): void {
    this.#player.pause();
    super.resetState();
    for (const f of this.#sync) f();
  }

  #count(): number {
    return this.#last ? this.#last.r.outH * this.#last.r.outW : 1;
  }

  #pick(ev: MouseEvent): void {
    if (!this.#last) return;
    const box = this.#out.getBoundingClientRect();
    const { outW, outH } = this.#last.r;
    const ox = Math.min(outW - 1, Math.floor(((ev.clientX - box.left) / box.width) * outW));
    const oy = Math.min(outH - 1, Math.floor(((ev.clientY - box.top) / box.height) * outH));
    this.#player.pause();
    this.setState({ pos: Math.max(0, oy) * outW + Math.max(0, ox) });
  }

  protected update(): void {
    const d = this.#data;
    if (!d) return;
    const s = this.state;
    const idx = Math.max(0, nthWithLabel(d.test.labels, s.digit, s.sample));
    const pixels = imageFloat(d.test, idx);
    const edges = edgeMap(pixels, d.rows, d.cols, s.filter);
    const setup: PoolSetup = { kind: s.kind, size: s.size, stride: s.stride, relu: s.relu };
    const r = runPool(edges, setup);
    this.#last = { r, setup };
    const count = r.outH * r.outW;
    const pos = Math.min(s.pos, count - 1);
    const step = stepAtPool(r, setup, pos);
    const { oy, ox } = poolCell(pos, r.outW, r.outH);

    const st = mapStats(edges.data);
    const scale = Math.max(Math.abs(st.min), Math.abs(st.max), 1e-6);
    const c: Colors = {
      pos: cssVar(this, '--c1'), neg: cssVar(this, '--c2'), bg: cssVar(this, '--bg-elev'),
      ink: cssVar(this, '--fg'), mark: cssVar(this, '--c3'),
    };
    const cellPx = VIEW_PX / d.cols;
    paint(this.#digit, { height: d.rows, width: d.cols, channels: 1, data: pixels }, 1, c, true);
    const mctx = paint(this.#map, r.map, scale, c);
    if (mctx) frame(mctx, step.left, step.top, s.size, s.size, c.mark, cellPx);
    const octx = paint(this.#out, r.pooled, scale, c);
    if (octx) frame(octx, ox, oy, 1, 1, c.mark, VIEW_PX / r.outW);

    const mapName = `Bordes ${s.filter === 'vertical' ? 'verticales' : 'horizontales'}${s.relu ? ' tras ReLU' : ' (sin ReLU)'}`;
    this.#mapTitle.textContent = `Bordes${s.relu ? ' + ReLU' : ''}, 28 × 28`;
    this.#outTitle.textContent = `Tras el pooling, ${r.outH} × ${r.outW}`;
    this.#digit.setAttribute('aria-label', `Imagen de un ${s.digit} manuscrito de MNIST (ejemplo ${s.sample + 1} de prueba), 28 × 28 píxeles.`);
    this.#map.setAttribute('aria-label', `${describeMap(`Mapa de ${mapName.toLowerCase()}`, r.map)} ` +
      `Recuadro: la ventana ${s.size} × ${s.size} en la fila ${step.top + 1}, columna ${step.left + 1}. Verde: positivo; naranja: negativo.`);
    this.#out.setAttribute('aria-label', `${describeMap(`Mapa reducido con ${s.kind === 'max' ? 'el máximo' : 'la media'}`, r.pooled)} ` +
      `Recuadro: la celda de la fila ${oy + 1}, columna ${ox + 1}.`);

    const n = d.rows;
    const ratio = (n * n) / count;
    this.#sizes.replaceChildren(
      h('p', { text: `Entrada ${n} × ${n} → salida ${r.outH} × ${r.outW}: ${poolSizeText(n, s.size, s.stride)}` }),
      h('p', { class: 'px-ratio', text: `De ${n * n} valores a ${count} (${ratio >= 1 ? `${numText(ratio, 1)} veces menos` : 'más que antes'}); el pooling no tiene parámetros.` }),
    );

    this.#player.show(pos, count);
    this.#where.textContent = `Posición ${pos + 1} de ${count}: la ventana de las filas ${step.top + 1}–${step.top + s.size} ` +
      `y columnas ${step.left + 1}–${step.left + s.size} da la celda (${oy + 1}, ${ox + 1}) de la salida.`;
    this.#calc.textContent = poolText(step, s.kind);
    this.#win.style.setProperty('--cols', String(s.size));
    this.#win.replaceChildren(...step.cells.map((cell, i) => {
      const chosen = s.kind === 'max' && i === step.argmax;
      const el = h('span', { class: `px-cell${chosen ? ' px-chosen' : ''}${cell.value < 0 ? ' px-neg' : ''}`, text: numText(cell.value) });
      el.style.setProperty('--t', String(Math.min(Math.abs(cell.value) / scale, 1)));
      return el;
    }));
    this.#win.setAttribute('aria-label', `Valores de la ventana, fila a fila: ${step.cells.map((x) => numText(x.value)).join('; ')}` +
      (s.kind === 'max' ? `. El máximo es ${numText(step.value)}.` : `. La media es ${numText(step.value)}.`));
  }
}

defineWidget('pool-explorer', PoolExplorer);
