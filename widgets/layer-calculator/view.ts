import { WidgetElement, defineWidget } from '../lib/widget/element';
import { button, cssVar, h, numberInput, select, uniqueId } from '../lib/widget/dom';
import { Stepper } from '../lib/widget/stepper';
import { bool, int, nums, oneOf } from '../lib/state/schema';
import { ACTIVATIONS, ACTIVATION_NAMES } from '../lib/nn/activations';
import {
  EXAMPLE, N_IN, N_OUT, STEP_COUNT, activationText, eq, forward, num, partialText, progress, randomLayer,
  hoverMatch, stepWords, steps, sub, vec, type Layer, type Place, type Step,
} from './core';
import { drawLayer } from './diagram';
import { block, op, paintStep, place, valueCell, type Block, type Cells } from './cells';
import './style.css';

const PLAY_MS = 900;
const LIMIT = 10;

// x (4), w (3 × 4 row-major, w[j*4+i] = w_ji), b (3): values in [−10, 10].
// step: 0 = overview (everything computed, nothing highlighted); k = the k-th operation.
const schema = {
  x: nums(EXAMPLE.x, -LIMIT, LIMIT, N_IN, N_IN),
  w: nums(EXAMPLE.W, -LIMIT, LIMIT, N_IN * N_OUT, N_IN * N_OUT),
  b: nums(EXAMPLE.b, -LIMIT, LIMIT, N_OUT, N_OUT),
  act: oneOf(ACTIVATION_NAMES, EXAMPLE.act),
  wt: bool(false),
  step: int(0, 0, STEP_COUNT),
  seed: int(1, 0, 99999),
};

type Key = 'x' | 'w' | 'b';

class LayerCalculator extends WidgetElement<typeof schema> {
  readonly schema = schema;
  #inputs: Record<Key, HTMLInputElement[]> = { x: [], w: [], b: [] };
  #net: HTMLElement[] = [];
  #net2: HTMLElement[] = [];
  #y: HTMLElement[] = [];
  #wBlock!: Block;
  #netMat!: HTMLElement;
  #yMat!: HTMLElement;
  #eqName!: HTMLElement;
  #phiName!: HTMLElement;
  #words!: HTMLElement;
  #sums!: HTMLElement;
  #result!: HTMLElement;
  #status!: HTMLElement;
  #counter!: HTMLElement;
  #svg!: SVGSVGElement;
  #player!: Stepper;
  #all!: HTMLButtonElement;
  #hover: Place | null = null;
  #netText: string[] = [];
  #sync: Array<() => void> = [];

  protected setup(): void {
    const s = this.state;
    const act = select({
      label: 'Función de activación φ',
      options: ACTIVATION_NAMES.map((a) => ({ value: a, label: ACTIVATIONS[a].label })),
      value: s.act,
      onChange: (v) => this.setState({ act: v }),
    });
    const tId = uniqueId('lc-t');
    const wt = h('input', { type: 'checkbox', id: tId });
    wt.checked = s.wt;
    this.listen(wt, 'change', () => this.setState({ wt: wt.checked }));
    const toggle = h('div', { class: 'ctl lc-toggle' }, wt, h('label', { for: tId, text: 'Ver como Wᵀ (una columna por neurona, como en muchos textos)' }));
    const seed = numberInput({
      label: 'Semilla', min: 0, max: 99999, step: 1, value: s.seed,
      onInput: (v) => this.setState({ seed: Math.round(v) }),
    });
    const random = button('Aleatorio', () => this.#random(), { class: 'btn btn-quiet' });
    this.#sync = [() => act.set(this.state.act), () => { wt.checked = this.state.wt; }, () => seed.set(this.state.seed)];

    this.#eqName = h('p', { class: 'lc-eqname' });
    const xB = block('x', `${N_IN} × 1`, 'lc-vec');
    const bB = block('b', `${N_OUT} × 1`, 'lc-vec');
    const netB = block('Net', `${N_OUT} × 1`, 'lc-vec lc-result-vec');
    this.#wBlock = block('W', '');
    this.#netMat = netB.mat;
    for (let i = 0; i < N_IN; i++) xB.mat.append(this.#cell('x', i, `Entrada x${sub(i + 1)}`, { i }));
    for (let j = 0; j < N_OUT; j++) {
      for (let i = 0; i < N_IN; i++) {
        this.#wBlock.mat.append(this.#cell('w', j * N_IN + i,
          `Peso w${sub(j + 1)}${sub(i + 1)} (de la entrada ${i + 1} a la neurona ${j + 1})`, { j, i }));
      }
      bB.mat.append(this.#cell('b', j, `Sesgo b${sub(j + 1)}`, { j }));
      this.#net.push(this.#out(netB.mat, j));
    }
    const yB = block('Y', `${N_OUT} × 1`, 'lc-vec lc-result-vec');
    const net2 = block('Net', `${N_OUT} × 1`, 'lc-vec lc-result-vec');
    this.#yMat = yB.mat;
    for (let j = 0; j < N_OUT; j++) {
      this.#y.push(this.#out(yB.mat, j));
      this.#net2.push(this.#out(net2.mat, j));
    }
    net2.mat.setAttribute('aria-hidden', 'true');
    this.#phiName = h('span', { class: 'lc-op lc-phi', 'aria-hidden': 'true' });
    // Two groups so that a phone breaks the line after "Net =" and never inside "W x + b".
    const eqMain = h('div', { class: 'lc-eq' },
      h('div', { class: 'lc-group' }, netB.root, op('=')),
      h('div', { class: 'lc-group' }, this.#wBlock.root, xB.root, op('+'), bB.root));
    const eqAct = h('div', { class: 'lc-eq lc-eq-act' }, yB.root, op('='), this.#phiName, net2.root, op(')'));
    for (const area of [eqMain, eqAct]) {
      this.listen(area, 'pointerover', (e) => this.#hoverFrom(e.target));
      this.listen(area, 'pointerleave', () => this.#setHover(null));
      this.listen(area, 'focusin', (e) => this.#hoverFrom(e.target));
      this.listen(area, 'focusout', () => this.#setHover(null));
    }

    this.#player = new Stepper({
      periodMs: PLAY_MS, every: (ms, tick) => this.every(ms, tick), next: () => this.#go(1), back: () => this.#go(-1), rewind: () => this.setState({ step: 0 }),
      atEnd: () => this.state.step >= STEP_COUNT, live: () => this.querySelector('.lc-step'), stepOnPlay: true,
      labels: { prev: '◀ Paso anterior', next: 'Paso siguiente ▶' },
    });
    this.#all = button('Vista completa', () => { this.#player.pause(); this.setState({ step: 0 }); }, { class: 'btn btn-quiet' });
    this.#counter = h('span', { class: 'lc-counter' });
    this.#words = h('p', { class: 'lc-words' });
    this.#sums = h('div', { class: 'lc-sums' });
    this.#result = h('p', { class: 'lc-result' });
    this.#status = h('p', { class: 'lc-status', 'aria-live': 'polite' });
    this.#svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    this.#svg.setAttribute('class', 'lc-diagram');
    this.#svg.setAttribute('role', 'img');
    this.append(
      h('div', { class: 'ctl-row' }, act.root, toggle),
      h('div', { class: 'ctl-row lc-random' }, seed.root, random),
      this.#status,
      this.#eqName,
      eqMain,
      eqAct,
      h('div', { class: 'ctl-row lc-player' }, this.#player.prev, this.#player.play, this.#player.next, this.#all, this.#counter),
      h('div', { class: 'readout lc-step', 'aria-live': 'polite' }, this.#words, this.#sums),
      this.#result,
      h('div', { class: 'lc-figure' }, this.#svg),
    );
  }

  /** The input for x_i, w_ji or b_j (index k in state[key]); values kept to 3 decimals in [−10, 10]. */
  #cell(key: Key, k: number, label: string, at: Place): HTMLInputElement {
    const input = valueCell({
      label, at,
      get: () => this.state[key][k]!,
      put: (v) => {
        const arr = [...this.state[key]];
        arr[k] = Math.round(Math.min(LIMIT, Math.max(-LIMIT, v)) * 1000) / 1000;
        this.setState({ [key]: arr });
      },
      listen: (target, type, fn) => this.listen(target, type, fn),
    });
    this.#inputs[key].push(input);
    return input;
  }

  #out(parent: HTMLElement, j: number): HTMLElement {
    const o = h('span', { class: 'lc-cell lc-outcell', 'data-j': j });
    parent.append(o);
    return o;
  }

  #hoverFrom(target: EventTarget | null): void {
    const cell = target instanceof Element ? target.closest<HTMLElement>('[data-j], [data-i]') : null;
    if (cell) this.#setHover(place(cell));
  }

  /** Hover or focus lights up what a cell is connected to (see hoverMatch in core.ts). */
  #setHover(hv: Place | null): void {
    this.#hover = hv;
    for (const c of this.querySelectorAll<HTMLElement>('.lc-eq [data-j], .lc-eq [data-i]')) {
      c.classList.toggle('is-hover', hoverMatch(place(c), hv));
    }
    if (this.state.step === 0) this.#drawDiagram(null);
  }

  #random(): void {
    this.#player.pause();
    const seed = this.state.seed;
    const r = randomLayer(seed);
    this.setState({ x: r.x, w: r.W, b: r.b, step: 0, seed: (seed + 1) % 100000 });
    this.#syncControls();
    this.#status.textContent = `Valores nuevos con la semilla ${seed}. La semilla pasa a ${(seed + 1) % 100000}: escribe ${seed} y pulsa «Aleatorio» para repetirlos.`;
  }

  #syncControls(): void {
    for (const f of this.#sync) f();
    for (const key of ['x', 'w', 'b'] as const) {
      this.#inputs[key].forEach((input, k) => { input.value = num(this.state[key][k]!); });
    }
  }

  override resetState(): void {
    this.#player.pause();
    super.resetState();
    this.#syncControls();
    this.#status.textContent = '';
  }

  override disconnectedCallback(): void {
    this.#player?.forget();
    super.disconnectedCallback();
  }

  #go(delta: number): void {
    this.setState({ step: Math.min(STEP_COUNT, Math.max(0, this.state.step + delta)) });
  }

  #cells(): Cells {
    return { w: this.#inputs.w, x: this.#inputs.x, b: this.#inputs.b, net: this.#net, net2: this.#net2, y: this.#y };
  }

  #layer(): Layer {
    const s = this.state;
    return { x: s.x, W: s.w, b: s.b, act: s.act };
  }

  protected update(): void {
    const s = this.state;
    const layer = this.#layer();
    const full = forward(layer);
    const all = steps(layer);
    const done = s.step === 0 ? STEP_COUNT : s.step;
    const cur: Step | undefined = s.step === 0 ? undefined : all[s.step - 1];
    const known = progress(all, done);
    const phi = ACTIVATIONS[s.act];

    // W as rows (3 × 4) or as the notes' columns (V = Wᵀ, 4 × 3): same inputs, other places.
    this.#wBlock.name.textContent = s.wt ? 'V' : 'W';
    this.#wBlock.shape.textContent = s.wt ? 'V: 4 × 3 → Vᵀ: 3 × 4' : `${N_OUT} × ${N_IN}`;
    this.#wBlock.mat.classList.toggle('is-t', s.wt);
    this.#wBlock.mat.style.setProperty('--cols', String(s.wt ? N_OUT : N_IN));
    this.#inputs.w.forEach((input, k) => {
      const j = Math.floor(k / N_IN);
      const i = k % N_IN;
      input.style.gridArea = s.wt ? `${i + 1} / ${j + 1}` : `${j + 1} / ${i + 1}`;
    });
    this.#eqName.textContent = s.wt
      ? 'Net = Vᵀ x + b, con V = Wᵀ: la matriz de 4 × 3 que usan muchos textos, con una columna por neurona. Al trasponerla vuelve a ser W, así que las cuentas y los números son los mismos.'
      : 'Net = W x + b: la matriz W tiene una fila por neurona (3 × 4), y cada fila se multiplica por x.';
    this.#phiName.textContent = `${phi.short}(`;

    // Highlights: the weights and inputs the current operation uses; Net and Y as known so far.
    paintStep(this.#cells(), cur, known);
    this.#netMat.setAttribute('role', 'img');
    this.#netMat.setAttribute('aria-label', `Net ${s.step === 0 ? '' : 'por ahora '}= ${vec(known.net)}`);
    this.#yMat.setAttribute('role', 'img');
    this.#yMat.setAttribute('aria-label', `Y ${s.step === 0 ? '' : 'por ahora '}= ${vec(known.y)}`);
    if (this.#hover) this.#setHover(this.#hover);

    // Player and the step in words.
    this.#player.prev.disabled = s.step === 0;
    this.#player.next.disabled = s.step === STEP_COUNT;
    this.#all.disabled = s.step === 0;
    this.#counter.textContent = s.step === 0 ? `${STEP_COUNT} operaciones en total` : `Paso ${s.step} de ${STEP_COUNT}`;
    this.#words.textContent = s.step === 0
      ? `Todo calculado. Pulsa «Paso siguiente» para recorrer las ${N_IN * N_OUT} multiplicaciones con suma, las ${N_OUT} sumas del sesgo y las ${N_OUT} activaciones, una a una.`
      : stepWords(all, s.step, s.act, s.wt);
    const lines: string[] = [];
    for (let j = 0; j < N_OUT; j++) lines.push(partialText(all, done, j) ?? `net${sub(j + 1)} = ?`);
    for (let j = 0; j < N_OUT; j++) {
      const y = known.y[j];
      if (y !== null && y !== undefined) lines.push(activationText(s.act, j, known.net[j]!, y));
    }
    this.#sums.replaceChildren(...lines.map((t, k) => h('p', {
      class: `lc-sum${cur && ((cur.kind !== 'act' && k === cur.j) || (cur.kind === 'act' && k === N_OUT + cur.j)) ? ' is-cur' : ''}`,
      text: t,
    })));
    this.#result.textContent = `Resultado: Net ${eqv(full.net)} ${vec(full.net)} e Y = ${phi.short}(Net) ${eqv(full.y)} ${vec(full.y)}.`;

    // The graph of the layer.
    this.#netText = known.net.map((n) => (n === null ? '= ?' : `${eq(n)} ${num(n)}`));
    this.#drawDiagram(cur === undefined ? null : cur.kind === 'mac' ? { j: cur.j, i: cur.i } : { j: cur.j });
  }

  /** Draws the graph; `focus` is the current step's neuron (and input), else the hovered cell. */
  #drawDiagram(focus: Place | null): void {
    const s = this.state;
    const f = focus ?? this.#hover;
    const colors = {
      fg: cssVar(this, '--fg'), muted: cssVar(this, '--fg-muted'), bg: cssVar(this, '--bg-elev'),
      node: cssVar(this, '--bg-sunk'), pos: cssVar(this, '--c1'), neg: cssVar(this, '--c2'), accent: cssVar(this, '--c3'),
    };
    drawLayer(this.#svg, { x: s.x, W: s.w, focus: f, netText: this.#netText }, colors);
    const where = f?.j !== undefined && f.i !== undefined ? `Resaltada la conexión de x${sub(f.i + 1)} a la neurona ${f.j + 1}.`
      : f?.j !== undefined ? `Resaltada la neurona ${f.j + 1} con sus cuatro conexiones.`
        : f?.i !== undefined ? `Resaltadas las conexiones que salen de x${sub(f.i + 1)}.` : '';
    this.#svg.setAttribute('aria-label',
      `Diagrama de la capa: ${N_IN} entradas unidas a ${N_OUT} neuronas por ${N_IN * N_OUT} conexiones, una por peso; ` +
      `las de peso negativo van en trazo discontinuo. ${where}`);
  }
}

/** "=" if every value is shown exactly, else "≈". */
const eqv = (v: readonly number[]): string => (v.every((x) => eq(x) === '=') ? '=' : '≈');

defineWidget('layer-calculator', LayerCalculator);
