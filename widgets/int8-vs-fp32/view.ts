import { WidgetElement, defineWidget } from '../lib/widget/element';
import { button, h, select, uniqueId } from '../lib/widget/dom';
import { oneOf } from '../lib/state/schema';
import { modelChoiceSelect } from '../lib/cnn/choice-select';
import { MODEL_EVENT } from '../lib/cnn/store';
import { mnistErrorText } from '../lib/data/mnist-client';
import { Cancelled } from '../lib/convert/sliced';
import { agreementText, layerNote, layerTable, ptqTable, sideBySide, speedParagraphs, type Results } from './render';
import {
  GROUP, LAYER_IMAGES, measureAccuracy, measureLatency, measureLayers, prepareModels, withCompiled,
  type Prepared, type Progress,
} from './runner';
import './style.css';
import { intText } from '../lib/format/number';

const schema = {
  /** 'auto': «tu modelo» when one is stored in this browser, else the course's default model. */
  model: oneOf(['auto', 'propio', 'defecto'] as const, 'auto'),
  /** Test digits for accuracy and agreement. */
  n: oneOf(['200', '500', '1000', '2000'] as const, '500'),
  /** Timed inferences of each model for the latency. */
  runs: oneOf(['200', '1000', '4000'] as const, '1000'),
};

type Phase = 'idle' | 'running' | 'done' | 'cancelled' | 'error';
const STEPS = 4;
/** data-* attributes that carry the last run's numbers (read by the browser tests). */
const RESULT_KEYS = ['fp32Bytes', 'int8Bytes', 'accFp32', 'accInt8', 'agreement', 'maxDiff', 'n', 'latFp32', 'latInt8', 'layers'] as const;

class Int8VsFp32 extends WidgetElement<typeof schema> {
  readonly schema = schema;
  #prep: { model: string; p: Prepared } | null = null;
  #abort: AbortController | null = null;
  #results: Results = {};
  /** Test digits asked for in the current or last run (labels the accuracy row before it is measured). */
  #measuredN = 500;
  #el!: {
    model: ReturnType<typeof select<'auto' | 'propio' | 'defecto'>>; n: ReturnType<typeof select<'200' | '500' | '1000' | '2000'>>;
    runs: ReturnType<typeof select<'200' | '1000' | '4000'>>; run: HTMLButtonElement; cancel: HTMLButtonElement;
    progress: HTMLProgressElement; status: HTMLElement; source: HTMLElement; side: HTMLElement; agree: HTMLElement;
    speed: HTMLElement; layers: HTMLElement; ptq: HTMLElement;
  };

  protected setup(): void {
    const s = this.state;
    const progressId = uniqueId('iv-prog');
    this.#el = {
      model: modelChoiceSelect(s.model, (v) => this.setState({ model: v })),
      n: select({
        label: 'Dígitos de prueba para la exactitud', value: s.n, onChange: (v) => this.setState({ n: v }),
        options: (['200', '500', '1000', '2000'] as const).map((v) => ({ value: v, label: intText(Number(v)) })),
      }),
      runs: select({
        label: 'Inferencias cronometradas por modelo', value: s.runs, onChange: (v) => this.setState({ runs: v }),
        options: (['200', '1000', '4000'] as const).map((v) => ({ value: v, label: intText(Number(v)) })),
      }),
      run: button('Convertir y medir', () => void this.#run()),
      cancel: button('Cancelar', () => this.#abort?.abort(), { class: 'btn btn-quiet', disabled: true }),
      progress: h('progress', { id: progressId, max: 1, value: 0 }),
      status: h('p', { class: 'iv-status', 'aria-live': 'polite', text: 'Pulsa «Convertir y medir»: el modelo se convierte aquí mismo a dos archivos .tflite y se ejecutan los dos.' }),
      source: h('p', { class: 'iv-note' }),
      side: h('div'),
      agree: h('p', { class: 'iv-agree' }),
      speed: h('div', { class: 'iv-speed' }),
      layers: h('div', { class: 'iv-layers-box' }),
      ptq: h('div'),
    };
    const e = this.#el;
    this.append(
      h('div', { class: 'ctl-row' }, e.model.root, e.n.root, e.runs.root),
      h('div', { class: 'iv-actions' }, e.run, e.cancel,
        h('div', { class: 'iv-progress' }, h('label', { for: progressId, text: 'Progreso del paso en curso' }), e.progress)),
      e.status,
      h('p', { class: 'iv-note', text: 'Motor: LiteRT.js (el intérprete de TensorFlow Lite para la web) con el acelerador «wasm», es decir, XNNPACK en el procesador de este equipo. ' +
        'Las latencias dependen de tu máquina y de lo que esté haciendo en ese momento: repite la medida y cambiarán un poco.' }),
      e.source, e.side, e.agree, e.speed, e.layers, e.ptq,
      h('p', { class: 'iv-note', text: 'Las tres primeras filas son las cifras publicadas por el equipo de TensorFlow (las que suelen citar otros textos): ' +
        'redes grandes sobre ImageNet (1000 clases), donde acertar es mucho más difícil que con diez dígitos. La última fila la mides tú.' }),
    );
    this.listen(document, MODEL_EVENT, () => {
      this.#prep = null;
      if (this.#results.sizes) e.source.textContent = '«Tu modelo» ha cambiado en este navegador: vuelve a pulsar «Convertir y medir» para medir el nuevo.';
    });
    this.onCleanup(() => this.#abort?.abort());
    this.#phase('idle');
  }

  override resetState(): void {
    super.resetState();
    this.#el.model.set(this.state.model);
    this.#el.n.set(this.state.n);
    this.#el.runs.set(this.state.runs);
  }

  protected update(): void {
    const e = this.#el;
    const r = this.#results;
    e.side.replaceChildren(sideBySide(r, this.#measuredN));
    e.agree.textContent = r.acc ? agreementText(r.acc) : '';
    e.speed.replaceChildren(...(r.lat ? [
      h('p', { class: 'iv-note', text: `Latencia: la misma imagen ${r.lat.fp32.samples * GROUP} veces con cada modelo, cronometradas en grupos de ${GROUP} seguidas ` +
        '(el reloj del navegador solo da décimas de milisegundo) y alternando los modelos; cada grupo aporta su tiempo medio por inferencia, ' +
        `y sobre esos ${r.lat.fp32.samples} valores se calculan la mediana y el percentil 90. Incluye copiar la imagen a wasm y el resultado de vuelta.` }),
      ...speedParagraphs(r.lat),
    ] : []));
    e.layers.replaceChildren(...(r.layers ? [
      layerTable(r.layers, LAYER_IMAGES),
      h('p', { class: 'iv-note', text: 'Para cada capa, la referencia float32 y la int8 en TypeScript (las mismas cuentas enteras que hace LiteRT) procesan los mismos dígitos; ' +
        'la activación int8 se devuelve a números reales con s·(q − z) y se compara con la float: RMSE = √(media de (s·(q − z) − x)²). ' +
        '«En pasos» es RMSE / s; «relativo» divide el RMSE por el valor cuadrático medio de la activación float.' }),
      h('p', { class: 'iv-note', text: layerNote(r.layers) }),
    ] : []));
    e.ptq.replaceChildren(ptqTable(r.acc));
  }

  #phase(p: Phase): void {
    this.dataset.run = p;
    const running = p === 'running';
    this.#el.run.disabled = running;
    this.#el.cancel.disabled = !running;
    this.#el.model.input.disabled = running;
    this.#el.n.input.disabled = running;
    this.#el.runs.input.disabled = running;
  }

  #progress(step: number): Progress {
    return (done, text) => {
      this.#el.progress.value = done;
      this.#el.status.textContent = `Paso ${step} de ${STEPS}. ${text}`;
    };
  }

  async #run(): Promise<void> {
    if (this.#abort) return;
    const abort = (this.#abort = new AbortController());
    const { signal } = abort;
    const n = Number(this.state.n);
    const runs = Number(this.state.runs);
    const model = this.state.model;
    this.#results = {};
    this.#measuredN = n;
    for (const k of RESULT_KEYS) delete this.dataset[k];
    this.#phase('running');
    this.update();
    const e = this.#el;
    try {
      if (this.#prep?.model !== model) this.#prep = { model, p: await prepareModels(model, signal, this.#progress(1)) };
      const p = this.#prep.p;
      this.#describe(p);
      this.#results.sizes = { fp32: p.fp32.bytes.length, int8: p.int8.bytes.length };
      this.dataset.fp32Bytes = String(p.fp32.bytes.length);
      this.dataset.int8Bytes = String(p.int8.bytes.length);
      this.update();
      this.#progress(2)(0, 'Preparando los dos modelos en LiteRT.js…');
      await withCompiled(p, async (fp32, int8) => {
        const acc = await measureAccuracy(p, { fp32, int8 }, n, signal, this.#progress(2));
        this.#results.acc = acc;
        Object.assign(this.dataset, { accFp32: String(acc.accFp32), accInt8: String(acc.accInt8), agreement: String(acc.agreement), maxDiff: String(acc.maxAbsDiff), n: String(acc.n) });
        this.update();
        const lat = await measureLatency(p, { fp32, int8 }, runs, signal, this.#progress(3));
        this.#results.lat = lat;
        Object.assign(this.dataset, { latFp32: String(lat.fp32.median), latInt8: String(lat.int8.median) });
        this.update();
      });
      this.#results.layers = await measureLayers(p, signal, this.#progress(4));
      this.dataset.layers = String(this.#results.layers.length);
      this.update();
      e.progress.value = 1;
      e.status.textContent = 'Medida completa. Cambia el número de dígitos o de inferencias y vuelve a medir para ver cuánto varían las cifras.';
      this.#phase('done');
    } catch (error) {
      if (error instanceof Cancelled) {
        e.status.textContent = 'Medida cancelada. Lo que llegó a medirse sigue en la tabla; lo demás queda con «—».';
        this.#phase('cancelled');
      } else {
        const msg = error instanceof Error && error.name === 'MnistError' ? mnistErrorText(error) : error instanceof Error ? error.message : String(error);
        e.status.textContent = `No se pudo completar la medida: ${msg}`;
        console.warn('[int8-vs-fp32]', error);
        this.#phase('error');
      }
    } finally {
      if (this.#abort === abort) this.#abort = null;
      if (this.isConnected) this.update();
    }
  }

  #describe(p: Prepared): void {
    const which = p.source === 'propio' ? '«tu modelo», el que entrenaste y guardaste en este navegador' : 'el modelo por defecto del curso';
    const miss = p.missing ? ' No hay «tu modelo» guardado en este navegador (entrénalo en la lección 10).' : '';
    const cal = `Los rangos del int8 se calibraron con ${p.calibration.samples} dígitos de entrenamiento; sus entradas y salidas siguen siendo float32, como pide LiteRT.js en la web.`;
    this.#el.source.textContent = `Modelo convertido: ${which}.${miss}${p.warning ? ` ${p.warning}` : ''} ${cal}`;
    this.dataset.modelSource = p.source;
  }
}

defineWidget('int8-vs-fp32', Int8VsFp32);
