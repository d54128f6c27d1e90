/**
 * <tinyml-seq-cells>: the same short input through a basic recurrent unit, an LSTM cell and a
 * Conv1D kernel, and self-attention on five toy tokens, one step at a time («Paso siguiente» /
 * «Paso anterior», or ← → Inicio Fin on the stage). Under each view, the code that computed the
 * numbers (lib/seq/cells.ts, attention.ts, imported as text). data-vista, data-paso, data-pasos
 * and data-values (the numbers of the current step) are read by the browser tests.
 */
import { WidgetElement, defineWidget } from '../lib/widget/element';
import { button, h, select } from '../lib/widget/dom';
import { int, oneOf } from '../lib/state/schema';
import { INPUTS, type InputId } from '../lib/seq/examples';
import cellsSource from '../lib/seq/cells.ts?raw';
import attentionSource from '../lib/seq/attention.ts?raw';
import { VIEWS, VIEW_LABELS, clampStep, maxStep, runAll, stepText, type Runs, type ViewId } from './core';
import { attentionPanel, convPanel, lstmPanel, rnnPanel } from './render';
import './style.css';

const INPUT_IDS = ['pulso', 'escalon', 'onda'] as const;
const schema = {
  vista: oneOf(VIEWS as readonly ViewId[] as ['rnn', 'lstm', 'conv', 'atencion'], 'rnn'),
  entrada: oneOf(INPUT_IDS, 'pulso'),
  paso: int(0, 0, 20),
};
type State = typeof schema;

/** The source between `// #region <name>` and `// #endregion <name>`. */
export function region(src: string, name: string): string {
  const m = new RegExp(`// #region ${name}\\n([\\s\\S]*?)// #endregion ${name}`).exec(src);
  return m ? m[1]!.trimEnd() : '';
}

const CODE: Record<ViewId, string> = {
  rnn: `${region(cellsSource, 'helpers')}\n\n${region(cellsSource, 'rnn')}`,
  lstm: `${region(cellsSource, 'helpers')}\n\n${region(cellsSource, 'lstm')}`,
  conv: region(cellsSource, 'conv1d'),
  atencion: region(attentionSource, 'attention'),
};

class SeqCells extends WidgetElement<State> {
  readonly schema = schema;
  #runs: { input: InputId; r: Runs } | null = null;
  #el!: {
    tabs: Map<ViewId, HTMLButtonElement>; input: ReturnType<typeof select<InputId>>;
    prev: HTMLButtonElement; next: HTMLButtonElement; first: HTMLButtonElement; counter: HTMLElement;
    text: HTMLElement; stage: HTMLElement; code: HTMLElement;
  };

  protected setup(): void {
    const tabs = new Map<ViewId, HTMLButtonElement>();
    const tabRow = h('div', { class: 'sq-tabs', role: 'group', 'aria-label': 'Arquitectura' });
    for (const v of VIEWS) {
      const b = button(VIEW_LABELS[v], () => this.setState({ vista: v, paso: 0 }), { class: 'btn btn-quiet sq-tab', 'aria-pressed': 'false' });
      tabs.set(v, b);
      tabRow.append(b);
    }
    this.#el = {
      tabs,
      input: select({ label: 'Secuencia de entrada', value: this.state.entrada, options: INPUT_IDS.map((v) => ({ value: v, label: INPUTS[v].label })), onChange: (v) => this.setState({ entrada: v, paso: 0 }) }),
      prev: button('← Paso anterior', () => this.#go(-1), { class: 'btn btn-quiet' }),
      next: button('Paso siguiente →', () => this.#go(1)),
      first: button('Volver al principio', () => this.setState({ paso: 0 }), { class: 'btn btn-quiet' }),
      counter: h('span', { class: 'sq-counter' }),
      text: h('p', { class: 'sq-text', 'aria-live': 'polite' }),
      stage: h('div', { class: 'sq-stage-box', tabindex: 0, role: 'group', 'aria-label': 'Cuentas del paso actual. Usa las flechas izquierda y derecha para retroceder o avanzar.' }),
      code: h('pre', { class: 'sq-code' }),
    };
    const e = this.#el;
    this.listen(e.stage, 'keydown', (ev) => this.#key(ev as KeyboardEvent));
    this.append(
      tabRow,
      h('div', { class: 'ctl-row' }, e.input.root),
      h('div', { class: 'sq-nav' }, e.prev, e.next, e.first, e.counter),
      e.text,
      e.stage,
      h('details', { class: 'sq-code-box' }, h('summary', { text: 'El código que calcula estos números' }),
        h('p', { class: 'sq-hint', text: 'Es el mismo código que usa el widget (en TypeScript), y las pruebas del curso lo comparan con las capas de TensorFlow.js con los mismos pesos: coinciden hasta la quinta cifra decimal.' }),
        h('div', { class: 'sq-scroll', tabindex: 0, role: 'region', 'aria-label': 'Código fuente' }, e.code)),
    );
  }

  #r(): Runs {
    if (this.#runs?.input !== this.state.entrada) this.#runs = { input: this.state.entrada, r: runAll(this.state.entrada) };
    return this.#runs.r;
  }

  #go(d: number): void {
    const r = this.#r();
    this.setState({ paso: clampStep(this.state.vista, r, this.state.paso + d) });
  }

  #key(ev: KeyboardEvent): void {
    const r = this.#r();
    const map: Record<string, number | undefined> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };
    if (map[ev.key] !== undefined) this.#go(map[ev.key]!);
    else if (ev.key === 'Home') this.setState({ paso: 0 });
    else if (ev.key === 'End') this.setState({ paso: maxStep(this.state.vista, r) });
    else return;
    ev.preventDefault();
  }

  protected update(): void {
    const s = this.state;
    const r = this.#r();
    const e = this.#el;
    const max = maxStep(s.vista, r);
    const step = clampStep(s.vista, r, s.paso);
    for (const [v, b] of e.tabs) b.setAttribute('aria-pressed', String(v === s.vista));
    e.input.set(s.entrada);
    e.input.root.hidden = s.vista === 'atencion';
    e.prev.disabled = step === 0;
    e.next.disabled = step >= max;
    e.first.disabled = step === 0;
    e.counter.textContent = `Paso ${step} de ${max}`;
    e.text.textContent = stepText(s.vista, r, step);
    const panel = s.vista === 'rnn' ? rnnPanel(r, step) : s.vista === 'lstm' ? lstmPanel(r, step) : s.vista === 'conv' ? convPanel(r, step) : attentionPanel(r, step);
    e.stage.replaceChildren(panel);
    e.code.textContent = CODE[s.vista];
    const ds = this.dataset;
    ds.vista = s.vista;
    ds.paso = String(step);
    ds.pasos = String(max);
    ds.values = this.#values(r, step);
  }

  /** The current step's numbers, comma-separated with full precision (for the tests). */
  #values(r: Runs, step: number): string {
    const s = this.state;
    if (step === 0 && s.vista !== 'atencion') return '';
    switch (s.vista) {
      case 'rnn':
        return r.rnn[step - 1]!.h.join(',');
      case 'lstm': {
        const t = r.lstm[step - 1]!;
        return [...t.f, ...t.i, ...t.o, ...t.cand, ...t.c, ...t.h].join(',');
      }
      case 'conv':
        return r.conv[step - 1]!.y.join(',');
      case 'atencion':
        return step === 0 ? r.att.Q.flat().join(',') : step === 1 ? r.att.scores.flat().join(',') : step === 2 ? r.att.weights.flat().join(',') : r.att.out[step - 3]!.join(',');
    }
  }
}

defineWidget('seq-cells', SeqCells);
