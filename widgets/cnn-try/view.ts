import { WidgetElement, defineWidget } from '../lib/widget/element';
import { button, fmt, h, numberInput } from '../lib/widget/dom';
import { int, oneOf } from '../lib/state/schema';
import { imageFloat, type MnistData } from '../lib/data/mnist';
import { getMnist, mnistErrorText } from '../lib/data/mnist-client';
import { DrawPad, paintGray, rasterizeStrokes, type Stroke } from '../lib/draw';
import { BACKEND_LABEL } from '../lib/cnn/backend';
import { MODEL_EVENT } from '../lib/cnn/store';
import { loadTf, type TfRuntime } from '../lib/cnn/tf-main';
import { isBlank, ranking, sum, verdict } from './core';
import { activations, loadCnn, storedModelExists, type LoadedCnn } from '../lib/cnn/load';
import { MapsPanel } from './maps';
import './style.css';

const TEST_MAX = 1999;
const schema = {
  input: oneOf(['prueba', 'dibujo'] as const, 'prueba'),
  /** Index in the MNIST test split. */
  index: int(0, 0, TEST_MAX),
  /** 'auto' uses «tu modelo» when there is one. */
  model: oneOf(['auto', 'propio', 'defecto'] as const, 'auto'),
};

class CnnTry extends WidgetElement<typeof schema> {
  readonly schema = schema;
  #rt: TfRuntime | null = null;
  #data: MnistData | null = null;
  #cnn: LoadedCnn | null = null;
  #stored = false;
  #loadSeq = 0;
  #drawn: Float32Array = new Float32Array(784);
  #pad!: DrawPad;
  #maps!: MapsPanel;
  #el!: {
    status: HTMLElement; switcher: HTMLButtonElement; index: ReturnType<typeof numberInput>; prev: HTMLButtonElement; next: HTMLButtonElement;
    input: HTMLCanvasElement; inputText: HTMLElement; probs: HTMLElement; verdict: HTMLElement; total: HTMLElement;
  };

  protected setup(): void {
    const canvas = h('canvas', { class: 'cy-pad', role: 'img', 'aria-label': 'Recuadro para dibujar un dígito con el ratón, un lápiz o el dedo' });
    this.#pad = new DrawPad(canvas, { onChange: (strokes, done) => this.#onDraw(strokes, done) });
    this.onCleanup(() => this.#pad.destroy());
    const index = numberInput({
      label: `Dígito de prueba (0 a ${TEST_MAX})`, min: 0, max: TEST_MAX, step: 1, value: this.state.index,
      onInput: (v) => this.#pick(Math.round(v)),
    });
    this.#el = {
      status: h('p', { class: 'cy-status', 'aria-live': 'polite', text: 'Cargando TensorFlow.js, el modelo y los dígitos…' }),
      switcher: button('Usar el modelo por defecto', () => this.#switchModel(), { class: 'btn btn-quiet' }),
      index,
      prev: button('◀ Anterior', () => this.#pick(this.state.index - 1), { class: 'btn btn-quiet', 'data-step': 'back' }),
      next: button('Siguiente ▶', () => this.#pick(this.state.index + 1), { class: 'btn btn-quiet', 'data-step': 'next' }),
      input: h('canvas', { class: 'cy-input', width: 28, height: 28, role: 'img' }),
      inputText: h('p', { class: 'cy-note' }),
      probs: h('ul', { class: 'cy-probs', 'aria-label': 'Probabilidad de cada dígito' }),
      verdict: h('p', { class: 'cy-verdict', 'aria-live': 'polite' }),
      total: h('p', { class: 'cy-note cy-total' }),
    };
    const e = this.#el;
    this.#maps = new MapsPanel();
    this.append(
      h('div', { class: 'cy-model' }, e.status, e.switcher),
      h('div', { class: 'cy-top' },
        h('div', { class: 'cy-col' },
          h('p', { class: 'cy-label', text: 'Dibuja un dígito' }), canvas,
          h('div', { class: 'cy-row' }, button('Borrar', () => this.#pad.clear(), { class: 'btn btn-quiet' })),
          h('p', { class: 'cy-label', text: 'o elige uno de prueba' }),
          h('div', { class: 'cy-row' }, e.index.root, e.prev, e.next)),
        h('div', { class: 'cy-col' }, h('p', { class: 'cy-label', text: 'Lo que ve la red (28 × 28)' }), e.input, e.inputText),
        h('div', { class: 'cy-col cy-out' }, h('p', { class: 'cy-label', text: 'Probabilidades' }), e.probs, e.total, e.verdict)),
      this.#maps.root,
    );
    this.listen(document, MODEL_EVENT, () => void this.#reload());
    this.onCleanup(() => {
      this.#loadSeq++;
      this.#cnn?.model.dispose();
      this.#cnn = null;
    });
    this.#pad.redraw();
    void this.#boot();
  }

  async #boot(): Promise<void> {
    try {
      const [rt, data] = await Promise.all([loadTf(), getMnist()]);
      this.#rt = rt;
      this.#data = data;
      this.dataset.backend = rt.backend;
    } catch (error) {
      this.#el.status.textContent = error instanceof Error && error.name === 'MnistError' ? mnistErrorText(error) : `No se pudo cargar TensorFlow.js: ${String(error)}`;
      return;
    }
    await this.#reload();
  }

  async #reload(): Promise<void> {
    const rt = this.#rt;
    if (!rt) return;
    const seq = ++this.#loadSeq;
    try {
      const cnn = await loadCnn(rt.tf, this.state.model);
      const stored = await storedModelExists(rt.tf);
      if (seq !== this.#loadSeq || !this.isConnected) {
        cnn.model.dispose();
        return;
      }
      this.#cnn?.model.dispose();
      this.#cnn = cnn;
      this.#stored = stored;
      this.dataset.modelSource = cnn.source;
      this.#maps.build(cnn.layers);
      this.#describeModel(cnn.error, cnn.missing);
      this.update();
    } catch (error) {
      this.#el.status.textContent = `No se pudo cargar el modelo: ${error instanceof Error ? error.message : String(error)}`;
    }
  }

  #describeModel(error: string | null, missing: boolean): void {
    const cnn = this.#cnn;
    const rt = this.#rt;
    if (!cnn || !rt) return;
    const acc = cnn.accuracy === null ? '' : `, exactitud de prueba ${fmt(100 * cnn.accuracy, 1)} %`;
    const which = cnn.source === 'propio' ? `«tu modelo», el que entrenaste${acc}` : `el modelo por defecto del curso${acc}`;
    const hint = cnn.source === 'defecto' && !this.#stored ? ' Aún no has guardado «tu modelo»: entrena uno en el widget de arriba.' : '';
    const miss = missing ? ' No hay «tu modelo» guardado en este navegador.' : '';
    this.#el.status.textContent = `Modelo en uso: ${which}.${miss}${hint}${error ? ` ${error}` : ''} Motor: ${BACKEND_LABEL[rt.backend]}.`;
    this.#el.switcher.textContent = cnn.source === 'propio' ? 'Usar el modelo por defecto' : 'Usar tu modelo';
    this.#el.switcher.disabled = cnn.source === 'defecto' && !this.#stored;
  }

  #switchModel(): void {
    this.setState({ model: this.#cnn?.source === 'propio' ? 'defecto' : 'propio' });
    void this.#reload();
  }

  #pick(i: number): void {
    const index = Math.min(TEST_MAX, Math.max(0, i));
    this.#el.index.set(index);
    if (this.state.input === 'dibujo') this.#pad.clear();
    this.setState({ index, input: 'prueba' });
  }

  #onDraw(strokes: readonly Stroke[], _done: boolean): void {
    this.#drawn = rasterizeStrokes(strokes);
    if (strokes.length > 0) this.setState({ input: 'dibujo' });
    else if (this.state.input === 'dibujo') this.update();
  }

  #image(): { img: Float32Array; text: string } {
    const s = this.state;
    if (s.input === 'dibujo' || !this.#data) return { img: this.#drawn, text: 'Tu dibujo, reducido y centrado como los dígitos de MNIST.' };
    return {
      img: imageFloat(this.#data.test, s.index),
      text: `Dígito de prueba nº ${s.index}: es un ${this.#data.test.labels[s.index]}.`,
    };
  }

  protected update(): void {
    const e = this.#el;
    e.prev.disabled = this.state.index <= 0;
    e.next.disabled = this.state.index >= TEST_MAX;
    const { img, text } = this.#image();
    this.#paintInput(img);
    e.inputText.textContent = text;
    e.input.setAttribute('aria-label', `Imagen de 28 × 28 píxeles que recibe la red. ${text}`);
    const rt = this.#rt;
    const cnn = this.#cnn;
    if (!rt || !cnn) return;
    if (isBlank(img)) {
      this.#renderProbs(null);
      this.#maps.clear('Dibuja un dígito (o elige uno de prueba) para ver los mapas de cada capa.');
      return;
    }
    const acts = activations(rt.tf, cnn, img);
    this.#renderProbs(acts[acts.length - 1]!);
    this.#maps.render(acts);
  }

  #paintInput(img: Float32Array): void {
    paintGray(this.#el.input, img, { scale: 255 });
  }

  #renderProbs(p: Float32Array | null): void {
    const e = this.#el;
    if (!p) {
      e.probs.replaceChildren();
      e.verdict.textContent = 'No hay nada que clasificar: el recuadro está vacío.';
      e.total.textContent = '';
      delete this.dataset.probSum;
      delete this.dataset.prediction;
      return;
    }
    const best = ranking(p)[0]!.digit;
    e.probs.replaceChildren(...Array.from(p, (v, d) => h('li', { class: d === best ? 'cy-best' : '' },
      h('span', { class: 'cy-digit', text: String(d) }),
      h('span', { class: 'cy-bar', 'aria-hidden': 'true' }, h('span', { style: `width:${(100 * v).toFixed(2)}%` })),
      h('span', { class: 'cy-pct', text: `${fmt(100 * v, 1)} %` }))));
    const total = sum(p);
    e.total.textContent = `Suma de las diez: ${fmt(100 * total, 1)} % (softmax reparte exactamente el 100 %).`;
    e.verdict.textContent = verdict(p);
    this.dataset.probSum = String(total);
    this.dataset.prediction = String(best);
  }
}

defineWidget('cnn-try', CnnTry);
