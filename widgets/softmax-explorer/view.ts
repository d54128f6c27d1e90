import katex from 'katex';
import { WidgetElement, defineWidget } from '../lib/widget/element';
import { h, select, slider, uniqueId, type Slider } from '../lib/widget/dom';
import { bool, int, num, nums, oneOf } from '../lib/state/schema';
import {
  LABEL_SETS, MAX_CLASSES, MIN_CLASSES, denominatorText, directSoftmax, formulaParts, formulaTex, numText, probabilities,
  probabilitySum, topClass, type LabelSet,
} from './core';
import './style.css';

/** Added to every logit by the «sumar 1000» check box (shows why the code subtracts the maximum). */
const SHIFT = 1000;
const SUBS = '₀₁₂₃₄₅₆₇₈₉';

const schema = {
  n: int(4, MIN_CLASSES, MAX_CLASSES),
  labels: oneOf(['animales', 'digitos'] as const, 'animales'),
  /** Logits z_0…z_9 (only the first n are used). */
  z: nums([2, 1, 0.1, -1, 0, 0, 0, 0, 0, 0], -10, 10, MAX_CLASSES, MAX_CLASSES),
  /** Temperature T (the slider moves log10 T). */
  t: num(1, 0.1, 10),
  /** Class whose formula is written out. */
  k: int(0, 0, MAX_CLASSES - 1),
  shift: bool(false),
};

const tex = (t: string): string => katex.renderToString(t, { displayMode: true, throwOnError: true });
const pct = (p: number): string => `${numText(p * 100, 1)} %`;
const roundT = (v: number): number => Number((10 ** v).toPrecision(2));

class SoftmaxExplorer extends WidgetElement<typeof schema> {
  readonly schema = schema;
  #sync: Array<() => void> = [];
  #rows: Array<{ root: HTMLElement; z: Slider; fill: HTMLElement; value: HTMLElement; label: HTMLLabelElement }> = [];
  #kSel!: HTMLSelectElement;
  #sum!: HTMLElement;
  #summary!: HTMLElement;
  #formula!: HTMLElement;
  #terms!: HTMLElement;
  #stability!: HTMLElement;
  #tNote!: HTMLElement;

  protected setup(): void {
    const s = this.state;
    const n = slider({
      label: 'Número de clases', min: MIN_CLASSES, max: MAX_CLASSES, step: 1, value: s.n,
      onInput: (v) => this.setState({ n: v, k: Math.min(this.state.k, v - 1) }),
    });
    const labels = select({
      label: 'Nombres de las clases', value: s.labels,
      options: [{ value: 'animales', label: 'Animales' }, { value: 'digitos', label: 'Dígitos 0–9' }],
      onChange: (v) => this.setState({ labels: v }),
    });
    const t = slider({
      label: 'Temperatura T', min: -1, max: 1, step: 0.05, value: Math.log10(s.t),
      format: (v) => numText(roundT(v), 2),
      onInput: (v) => this.setState({ t: roundT(v) }),
    });
    const k = select({
      label: 'Fórmula de la clase', value: String(s.k) as string,
      options: Array.from({ length: MAX_CLASSES }, (_, i) => ({ value: String(i), label: String(i) })),
      onChange: (v) => this.setState({ k: Number(v) }),
    });
    this.#kSel = k.input;
    const shiftId = uniqueId('shift');
    const shift = h('input', { type: 'checkbox', id: shiftId });
    shift.checked = s.shift;
    shift.addEventListener('change', () => this.setState({ shift: shift.checked }));

    const bars = h('div', { class: 'sx-rows' });
    for (let i = 0; i < MAX_CLASSES; i++) {
      const z = slider({
        label: `z${SUBS[i]}`, min: -10, max: 10, step: 0.1, value: s.z[i]!,
        format: (v) => numText(v, 1),
        onInput: (v) => {
          const arr = [...this.state.z];
          arr[i] = v;
          this.setState({ z: arr });
        },
      });
      const fill = h('span', { class: 'sx-fill' });
      const value = h('span', { class: 'sx-value' });
      const root = h('div', { class: 'sx-row' }, z.root, h('div', { class: 'sx-bar', 'aria-hidden': 'true' }, fill), value);
      this.#rows.push({ root, z, fill, value, label: z.root.querySelector('label')! });
      bars.append(root);
    }
    this.#sync = [
      () => n.set(this.state.n), () => labels.set(this.state.labels), () => t.set(Math.log10(this.state.t)),
      () => k.set(String(this.state.k)), () => { shift.checked = this.state.shift; },
      ...this.#rows.map((r, i) => () => r.z.set(this.state.z[i]!)),
    ];
    this.#sum = h('p', { class: 'sx-sum' });
    this.#summary = h('p', { class: 'visually-hidden', 'aria-live': 'polite' });
    this.#tNote = h('p', { class: 'sx-tnote' });
    this.#formula = h('div', { class: 'sx-formula' });
    this.#terms = h('p', { class: 'sx-terms' });
    this.#stability = h('p', { class: 'sx-stability', 'aria-live': 'polite' });
    this.append(
      h('div', { class: 'ctl-row' }, n.root, labels.root, t.root),
      this.#tNote,
      h('div', { class: 'sx-head', 'aria-hidden': 'true' }, h('span', { text: 'Logit z (deslizador)' }), h('span', { text: 'Probabilidad p' })),
      bars,
      this.#sum,
      this.#summary,
      h('div', { class: 'ctl-row sx-kpick' }, k.root),
      this.#formula,
      this.#terms,
      h('div', { class: 'sx-stab-box' },
        h('span', { class: 'sx-check' }, shift, h('label', { for: shiftId, text: `Sumar ${SHIFT} a todos los logits` })),
        this.#stability),
    );
  }

  override resetState(): void {
    super.resetState();
    for (const f of this.#sync) f();
  }

  protected update(): void {
    const s = this.state;
    const names = LABEL_SETS[s.labels as LabelSet];
    const n = s.n;
    const k = Math.min(s.k, n - 1);
    const offset = s.shift ? SHIFT : 0;
    const z = s.z.slice(0, n).map((v) => v + offset);
    const p = probabilities(z, n, s.t);
    const top = topClass(p);

    this.#rows.forEach((r, i) => {
      r.root.hidden = i >= n;
      r.root.classList.toggle('sx-selected', i === k);
      r.root.classList.toggle('sx-top', i === top);
      r.label.textContent = `z${SUBS[i]} · ${names[i]}`;
      if (i < n) {
        r.fill.style.width = `${(p[i]! * 100).toFixed(2)}%`;
        r.value.textContent = pct(p[i]!);
      }
    });
    const opts = [...this.#kSel.options];
    opts.forEach((o, i) => {
      o.textContent = `${i} · ${names[i]}`;
      o.hidden = i >= n;
      o.disabled = i >= n;
    });
    this.#kSel.value = String(k);

    const sum = probabilitySum(p);
    this.#sum.textContent = `Suma de las probabilidades: ${numText(sum, 3, true)}`;
    this.#summary.textContent = `La clase más probable es ${names[top]} con ${pct(p[top]!)}. ` +
      Array.from(p, (v, i) => `${names[i]}: ${pct(v)}`).join('; ') + '.';
    this.#tNote.textContent = s.t < 1
      ? `T = ${numText(s.t)} < 1: las diferencias entre logits se amplían y la clase mayor se lleva casi todo.`
      : s.t > 1
        ? `T = ${numText(s.t)} > 1: las diferencias se encogen y las probabilidades se acercan a 1/${n} = ${numText(1 / n, 3)}.`
        : 'T = 1: la softmax de siempre.';

    const parts = formulaParts(z, n, s.t, k);
    const f = formulaTex(parts);
    const math = (t: string): HTMLElement => {
      const el = h('div');
      el.innerHTML = tex(t);
      return el;
    };
    this.#formula.replaceChildren(
      math(f.general),
      h('p', { class: 'sx-cap', text: `Con los números de la clase ${k} (${names[k]}), tal cual:` }),
      math(f.direct),
      h('p', { class: 'sx-cap', text: `Restando antes el máximo, m = ${numText(parts.max, 2)}, que es lo que calcula el código:` }),
      math(f.stable),
    );
    this.#terms.textContent = `Denominador, término a término: e^(z_j/T) = ${denominatorText(parts.terms, parts.denominator)}.`;

    const direct = directSoftmax(z, s.t);
    const same = `Restando el máximo m, todos los exponentes quedan en 0 o por debajo y sale ${numText(parts.p, 3)}, ` +
      'igual que sin sumar nada: sumar la misma constante a todos los logits no cambia la softmax.';
    this.#stability.textContent = !s.shift
      ? `Sin desbordamiento, la fórmula directa (${numText(direct[k]!, 3)}) y la que resta el máximo (${numText(parts.p, 3)}) ` +
        `coinciden. Marca la casilla para ver qué pasa con logits grandes.`
      : Number.isNaN(direct[k]!)
        ? `Con ${SHIFT} sumado a cada logit, e^(z/T) supera unos 1,8·10^308 (el mayor número de coma flotante de 64 bits) y vale ∞: ` +
          `la fórmula directa da ∞/∞ = NaN («no es un número»). ${same}`
        : `Con T = ${numText(s.t)} los exponentes z/T todavía caben en coma flotante y la fórmula directa da ${numText(direct[k]!, 3)}; ` +
          `baja la temperatura y verás cómo desborda. ${same}`;
  }
}

defineWidget('softmax-explorer', SoftmaxExplorer);
