import { WidgetElement, defineWidget } from '../lib/widget/element';
import { button, fmt, h, liveText, numberInput, select, slider } from '../lib/widget/dom';
import { svgEl } from '../lib/draw/svg';
import { int, num, oneOf } from '../lib/state/schema';
import {
  N_STAGES, SAMPLES, SAMPLE_KEYS, STAGES, TARGETS, computePass, formulaLines, initialWeights, num as numText,
  sampleIndex, sampleLoss, stageText, weightsAt, type Pass, type SampleKey,
} from './core';
import { drawDiagram } from './render';
import './style.css';

const schema = {
  /** The XOR sample the pass runs on. */
  sample: oneOf(SAMPLE_KEYS, '01'),
  /** Learning rate α of the update (stage 9). */
  lr: num(0.5, 0.05, 5),
  /** Seed of the initial weights (lib/nn Mlp, Xavier uniform, biases 0). */
  seed: int(1, 0, 9999),
  /** Current stage, 1…9. */
  stage: int(1, 1, N_STAGES),
  /** Updates already applied on this sample («Otra vez» adds one). */
  round: int(0, 0, 200),
};

const setText = (el: Element, t: string): void => {
  if (el.textContent !== t) el.textContent = t;
};

class BackpropSteps extends WidgetElement<typeof schema> {
  readonly schema = schema;
  #ctl: Array<() => void> = [];
  #pass!: Pass;
  #key = '';
  #el!: {
    svg: SVGSVGElement; plot: HTMLElement; title: HTMLElement; formula: HTMLElement; prev: HTMLButtonElement;
    next: HTMLButtonElement; again: HTMLButtonElement; lossStart: HTMLElement; lossNow: HTMLElement; round: HTMLElement;
    steps: HTMLElement[]; live: HTMLElement;
  };

  protected setup(): void {
    const s = this.state;
    const sample = select({
      label: 'Muestra de XOR',
      options: SAMPLE_KEYS.map((k, p) => ({ value: k, label: `(${SAMPLES[p]!.join(', ')}) → d = ${TARGETS[p]}` })),
      value: s.sample, onChange: (v) => this.setState({ sample: v as SampleKey, round: 0 }),
    });
    const lr = slider({
      label: 'Tasa de aprendizaje α', min: 0.05, max: 5, step: 0.05, value: s.lr,
      format: (v) => fmt(v, 2), onInput: (v) => this.setState({ lr: Math.round(v * 100) / 100, round: 0 }),
    });
    const seed = numberInput({
      label: 'Semilla (pesos iniciales)', min: 0, max: 9999, step: 1, value: s.seed,
      onInput: (v) => this.setState({ seed: Math.round(v), round: 0 }),
    });
    this.#ctl = [() => sample.set(this.state.sample), () => lr.set(this.state.lr), () => seed.set(this.state.seed)];
    const svg = svgEl('svg', { class: 'bp-svg', 'aria-hidden': 'true', focusable: 'false' });
    const steps = STAGES.map((t, k) => h('li', { 'data-k': k + 1 }, t.slice(2)));
    const e = (this.#el = {
      svg,
      plot: h('div', { class: 'bp-plot', role: 'img', tabindex: 0 }, svg),
      title: h('p', { class: 'bp-title' }),
      formula: h('div', { class: 'bp-formula' }),
      prev: button('Paso anterior', () => this.#go(-1), { class: 'btn btn-quiet', 'data-step': 'back' }),
      next: button('Paso siguiente', () => this.#go(1), { class: 'btn', 'data-step': 'next' }),
      again: button('Otra vez', () => this.#again(), { class: 'btn btn-quiet bp-again' }),
      lossStart: h('strong', { class: 'bp-loss-start' }),
      lossNow: h('strong', { class: 'bp-loss-now' }),
      round: h('span', { class: 'bp-round' }),
      steps,
      live: liveText(),
    });
    this.listen(this, 'keydown', (ev) => this.#onKey(ev as KeyboardEvent));
    this.append(
      h('div', { class: 'ctl-row' }, sample.root, lr.root, seed.root),
      h('div', { class: 'ctl-row bp-buttons' }, e.prev, e.next, e.again),
      h('ol', { class: 'bp-stages', 'aria-label': 'Pasos' }, ...steps),
      e.title,
      e.plot,
      h('p', { class: 'bp-hint', text: 'Haz clic en el diagrama y usa las flechas ← y → para ir de un paso a otro; si no cabe entero, deslízalo hacia los lados.' }),
      e.formula,
      h('p', { class: 'bp-readout' }, e.round, ' · pérdida en esta muestra al empezar: ', e.lossStart, ' · con los pesos de ahora: ', e.lossNow),
      e.live,
    );
  }

  #onKey(ev: KeyboardEvent): void {
    const t = ev.target as HTMLElement | null;
    if (t && /^(INPUT|SELECT|TEXTAREA)$/.test(t.tagName)) return;
    if (ev.key === 'ArrowRight') { ev.preventDefault(); this.#go(1); }
    else if (ev.key === 'ArrowLeft') { ev.preventDefault(); this.#go(-1); }
  }

  #go(d: number): void {
    const stage = Math.min(N_STAGES, Math.max(1, this.state.stage + d));
    if (stage !== this.state.stage) this.setState({ stage });
  }

  #again(): void {
    this.setState({ round: Math.min(200, this.state.round + 1), stage: 1 });
  }

  protected update(): void {
    const s = this.state;
    for (const set of this.#ctl) set();
    const p = sampleIndex(s.sample);
    const key = `${s.sample}|${s.lr}|${s.seed}|${s.round}`;
    if (key !== this.#key || !this.#pass) {
      this.#key = key;
      this.#pass = computePass(weightsAt(s.seed, p, s.lr, s.round), p, s.lr);
    }
    const q = this.#pass;
    const e = this.#el;
    this.dataset.stage = String(s.stage);
    drawDiagram(e.svg, q, s.stage);
    const text = stageText(s.stage, q);
    e.plot.setAttribute('aria-label', `Red 2-2-1. ${text}`);
    setText(e.title, `Paso ${s.stage} de ${N_STAGES}: ${STAGES[s.stage - 1]!.slice(2)}`);
    // Numbers and fixed markup only (formulaLines never holds user text).
    e.formula.innerHTML = formulaLines(s.stage, q).map((l) => `<p>${l}</p>`).join('');
    e.steps.forEach((li, k) => {
      if (k + 1 === s.stage) li.setAttribute('aria-current', 'step');
      else li.removeAttribute('aria-current');
      li.classList.toggle('bp-done', k + 1 < s.stage);
    });
    e.prev.disabled = s.stage === 1;
    e.next.disabled = s.stage === N_STAGES;
    e.again.disabled = s.stage !== N_STAGES;
    e.again.title = s.stage === N_STAGES ? '' : 'Llega al paso 9 para repetir con los pesos actualizados.';
    setText(e.round, s.round === 0 ? 'Pesos iniciales' : `Tras ${s.round} ${s.round === 1 ? 'actualización' : 'actualizaciones'}`);
    setText(e.lossStart, numText(sampleLoss(initialWeights(s.seed), p)));
    setText(e.lossNow, numText(q.loss));
    setText(e.live, text);
  }
}

defineWidget('backprop-steps', BackpropSteps);
