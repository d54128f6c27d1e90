/**
 * «Ejecutar» panel of the converter (DOM): a test digit (number input, keyboard) or one drawn
 * on a DrawPad goes through tfjs, the float32 .tflite and the int8 .tflite in LiteRT.js; the ten
 * probabilities side by side and max |LiteRT − tfjs|. The host widget owns the models and passes
 * a `predict` function; this panel only renders and keeps runs from overlapping.
 */
import { button, fmt, h, numberInput } from '../lib/widget/dom';
import { DrawPad, paintGray, rasterizeStrokes, type Stroke } from '../lib/draw';
import { argmax } from '../lib/conv/ops';
import { maxAbsDiff } from '../lib/convert/compare';
import { fmtSci } from '../lib/tflite/format';

export interface Outputs {
  tfjs: Float32Array;
  fp32: Float32Array;
  int8: Float32Array;
}

export interface RunPanelHost {
  /** Runs one 28·28 image (pixels in [0, 1]) through the three models. */
  predict(img: Float32Array): Promise<Outputs>;
  /** Test image `i` and its label, or null before the data is loaded. */
  testImage(i: number): { img: Float32Array; label: number } | null;
  /** A test digit was chosen (the drawing is not part of the shared state). */
  onPick(index: number): void;
}

export const TEST_MAX = 1999;

export class RunPanel {
  readonly root: HTMLElement;
  readonly pad: DrawPad;
  #host: RunPanelHost;
  #drawn: Float32Array = new Float32Array(784);
  #input: 'prueba' | 'dibujo' = 'prueba';
  #index = 0;
  #seq = 0;
  #el: { index: ReturnType<typeof numberInput>; preview: HTMLCanvasElement; what: HTMLElement; table: HTMLTableSectionElement; diff: HTMLElement };

  constructor(host: RunPanelHost, index: number) {
    this.#host = host;
    this.#index = index;
    const canvas = h('canvas', { class: 'tl-pad', role: 'img', 'aria-label': 'Recuadro para dibujar un dígito con el ratón, un lápiz o el dedo' });
    this.pad = new DrawPad(canvas, { onChange: (s) => this.#onDraw(s) });
    this.#el = {
      index: numberInput({ label: `Dígito de prueba (0 a ${TEST_MAX})`, min: 0, max: TEST_MAX, step: 1, value: index, onInput: (v) => this.pick(Math.round(v)) }),
      preview: h('canvas', { class: 'tl-preview', width: 28, height: 28, role: 'img', 'aria-label': 'Imagen de entrada' }),
      what: h('p', { class: 'tl-note' }),
      table: h('tbody'),
      diff: h('p', { class: 'tl-diff', 'aria-live': 'polite' }),
    };
    const e = this.#el;
    const head = h('thead', {}, h('tr', {}, ...['Dígito', 'tfjs', 'LiteRT float32', 'LiteRT int8'].map((c) => h('th', { scope: 'col', text: c }))));
    this.root = h('div', { class: 'tl-run' },
      h('div', { class: 'tl-run-in' },
        h('p', { class: 'tl-label', text: 'Dibuja un dígito' }), canvas,
        h('div', { class: 'tl-row' }, button('Borrar', () => this.pad.clear(), { class: 'btn btn-quiet' })),
        h('p', { class: 'tl-label', text: 'o elige uno de prueba' }),
        h('div', { class: 'tl-row' }, e.index.root,
          button('◀', () => this.pick(this.#index - 1), { class: 'btn btn-quiet', 'aria-label': 'Dígito de prueba anterior' }),
          button('▶', () => this.pick(this.#index + 1), { class: 'btn btn-quiet', 'aria-label': 'Dígito de prueba siguiente' }))),
      h('div', { class: 'tl-run-out' },
        h('div', { class: 'tl-row' }, e.preview, e.what),
        h('table', { class: 'tl-probs' }, h('caption', { text: 'Probabilidad de cada dígito según cada motor (%)' }), head, e.table),
        e.diff));
  }

  get index(): number {
    return this.#index;
  }

  pick(i: number): void {
    this.#index = Math.min(TEST_MAX, Math.max(0, i));
    this.#el.index.set(this.#index);
    if (this.#input === 'dibujo') this.pad.clear();
    this.#input = 'prueba';
    this.#host.onPick(this.#index);
    void this.run();
  }

  #onDraw(strokes: readonly Stroke[]): void {
    this.#drawn = rasterizeStrokes(strokes);
    if (strokes.length > 0) {
      this.#input = 'dibujo';
    }
    void this.run();
  }

  #image(): { img: Float32Array; text: string } | null {
    if (this.#input === 'dibujo') return { img: this.#drawn, text: 'Tu dibujo, reducido a 28 × 28 y centrado como MNIST.' };
    const t = this.#host.testImage(this.#index);
    return t ? { img: t.img, text: `Dígito de prueba nº ${this.#index}: es un ${t.label}.` } : null;
  }

  /** Runs the current image; a newer call makes an older one drop its result. */
  async run(): Promise<void> {
    const cur = this.#image();
    if (!cur) return;
    const seq = ++this.#seq;
    this.#paint(cur.img);
    this.#el.what.textContent = cur.text;
    this.#el.preview.setAttribute('aria-label', `Imagen de 28 × 28 píxeles que reciben los tres modelos. ${cur.text}`);
    if (!cur.img.some((v) => v > 0)) {
      this.#el.table.replaceChildren();
      this.#el.diff.textContent = 'El recuadro está vacío: dibuja un dígito o elige uno de prueba.';
      delete this.root.dataset.maxDiff;
      return;
    }
    try {
      const out = await this.#host.predict(cur.img);
      if (seq === this.#seq) this.#render(out);
    } catch (e) {
      if (seq === this.#seq) this.#el.diff.textContent = `No se pudo ejecutar: ${e instanceof Error ? e.message : String(e)}`;
    }
  }

  #render(o: Outputs): void {
    const best = [argmax(o.tfjs), argmax(o.fp32), argmax(o.int8)];
    const cell = (v: number, isBest: boolean): HTMLElement => h('td', { class: isBest ? 'tl-num tl-best' : 'tl-num', text: fmt(100 * v, 2) });
    this.#el.table.replaceChildren(...Array.from(o.tfjs, (_, d) => h('tr', {},
      h('th', { scope: 'row', text: String(d) }), cell(o.tfjs[d]!, best[0] === d), cell(o.fp32[d]!, best[1] === d), cell(o.int8[d]!, best[2] === d))));
    const dF = maxAbsDiff(o.fp32, o.tfjs);
    const dQ = maxAbsDiff(o.int8, o.tfjs);
    const same = best[1] === best[0] && best[2] === best[0];
    this.#el.diff.textContent =
      `Diferencia máxima con tfjs: float32 ${fmtSci(dF)}; int8 ${fmtSci(dQ)} (en probabilidad, de 0 a 1). ` +
      (same ? `Los tres eligen el ${best[0]}.` : `Eligen: tfjs ${best[0]}, float32 ${best[1]}, int8 ${best[2]}.`);
    this.root.dataset.maxDiff = String(dF);
    this.root.dataset.maxDiffInt8 = String(dQ);
    this.root.dataset.prediction = String(best[1]);
  }

  #paint(img: Float32Array): void {
    paintGray(this.#el.preview, img, { scale: 255 });
  }
}
