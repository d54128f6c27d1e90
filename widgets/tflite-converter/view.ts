/**
 * <tinyml-tflite-converter>: «tu modelo» (or the course's default CNN) → real .tflite files in the
 * browser (float32; int8 calibrated on CALIBRATION training digits), their sizes, what is inside
 * (lib/tflite/inspect-view.ts), the same digits through tfjs and LiteRT.js side by side (run-panel.ts), and
 * the downloads for the board. tfjs, the MNIST file and LiteRT.js load only when «Convertir» is
 * pressed. Conversion runs in slices (lib/convert/sliced.ts) with a progress bar and a cancel button.
 */
import { WidgetElement, defineWidget } from '../lib/widget/element';
import { button, h, select } from '../lib/widget/dom';
import { int, oneOf } from '../lib/state/schema';
import { imageFloat } from '../lib/data/mnist';
import { mnistErrorText } from '../lib/data/mnist-client';
import { MODEL_EVENT } from '../lib/cnn/store';
import { Cancelled } from '../lib/convert';
import { readTflite } from '../lib/tflite';
import { describeModel } from '../lib/tflite/describe';
import { fmtBytes, fmtSci } from '../lib/tflite/format';
import { renderInspection } from '../lib/tflite/inspect-view';
import { BATCH, compareBatch, convertModel, predictAll, releaseReady, type Ready } from './runner';
import { RunPanel, TEST_MAX } from './run-panel';
import { downloadFile } from '../lib/widget/files';
import './style.css';
import { intText } from '../lib/format/number';


const schema = {
  model: oneOf(['auto', 'defecto'] as const, 'auto'),
  inspect: oneOf(['fp32', 'int8', 'int8io'] as const, 'int8'),
  index: int(0, 0, TEST_MAX),
};
type Which = 'fp32' | 'int8' | 'int8io';
const FILE: Record<Which, string> = { fp32: 'model_fp32.tflite', int8: 'model_int8.tflite', int8io: 'model_int8_io.tflite' };
const WHAT: Record<Which, string> = {
  fp32: 'float32: los pesos tal cual',
  int8: 'int8 con entrada y salida float32 (para el navegador)',
  int8io: 'int8 con entrada y salida int8 (para TFLite Micro)',
};

const SHORT: Record<Which, string> = { fp32: 'float32', int8: 'int8, E/S float32', int8io: 'int8, E/S int8' };

class TfliteConverter extends WidgetElement<typeof schema> {
  readonly schema = schema;
  #ready: Ready | null = null;
  #abort: AbortController | null = null;
  #run!: RunPanel;
  #el!: {
    model: ReturnType<typeof select<'auto' | 'defecto'>>; convert: HTMLButtonElement; cancel: HTMLButtonElement; progress: HTMLProgressElement;
    status: HTMLElement; results: HTMLElement; files: HTMLTableSectionElement; ratio: HTMLElement; batch: HTMLElement;
    inspectSel: ReturnType<typeof select<Which>>; inspection: HTMLElement;
  };

  protected setup(): void {
    this.#run = new RunPanel({
      predict: (img) => {
        if (!this.#ready) return Promise.reject(new Error('Convierte primero el modelo.'));
        return predictAll(this.#ready, img);
      },
      testImage: (i) => {
        const d = this.#ready?.data;
        return d ? { img: imageFloat(d.test, i), label: d.test.labels[i]! } : null;
      },
      onPick: (index) => this.setState({ index }),
    }, this.state.index);
    this.onCleanup(() => this.#run.pad.destroy());
    const files = h('tbody');
    this.#el = {
      model: select<'auto' | 'defecto'>({
        label: 'Modelo que convertir',
        options: [{ value: 'auto', label: '«Tu modelo» (si lo guardaste en la lección 10)' }, { value: 'defecto', label: 'El modelo por defecto del curso' }],
        value: this.state.model,
        onChange: (v) => this.setState({ model: v }),
      }),
      convert: button('Convertir a TensorFlow Lite', () => void this.#convert()),
      cancel: button('Cancelar', () => this.#abort?.abort(), { class: 'btn btn-quiet', hidden: true }),
      progress: h('progress', { class: 'tl-progress', max: 1, value: 0, hidden: true, 'aria-label': 'Progreso de la conversión' }),
      status: h('p', { class: 'tl-status', 'aria-live': 'polite', text: 'Pulsa «Convertir»: se cargarán TensorFlow.js, el modelo, los dígitos de calibración y LiteRT.js.' }),
      results: h('div', { class: 'tl-results', hidden: true }),
      files,
      ratio: h('p', { class: 'tl-note' }),
      batch: h('p', { class: 'tl-batch', 'aria-live': 'polite' }),
      inspectSel: select({
        label: 'Archivo que inspeccionar',
        options: (['fp32', 'int8', 'int8io'] as const).map((w) => ({ value: w, label: `${FILE[w]} (${SHORT[w]})` })),
        value: this.state.inspect,
        onChange: (v) => this.setState({ inspect: v }),
      }),
      inspection: h('div', { class: 'tl-inspection' }),
    };
    const e = this.#el;
    const link = (href: string, text: string, download?: string): HTMLElement => h('a', { href, download, text });
    e.results.append(
      h('h3', { class: 'tl-h', text: '1. Los archivos y su tamaño' }),
      h('div', { class: 'tl-table-wrap', tabindex: 0, role: 'region', 'aria-label': 'Archivos convertidos' },
        h('table', { class: 'tl-table tl-files' },
          h('thead', {}, h('tr', {}, ...['Archivo', 'Qué es', 'Tamaño', 'Descarga'].map((c) => h('th', { scope: 'col', text: c })))),
          files)),
      e.ratio,
      h('h3', { class: 'tl-h', text: '2. Dentro del archivo' }),
      h('div', { class: 'ctl-row' }, e.inspectSel.root),
      e.inspection,
      h('h3', { class: 'tl-h', text: '3. Ejecútalo con LiteRT.js y compáralo con tfjs' }),
      e.batch,
      this.#run.root,
      h('h3', { class: 'tl-h', text: '4. A la placa' }),
      h('p', { class: 'tl-note', text: 'TFLite Micro no lee archivos: el modelo viaja dentro del programa, como un array de C. La cabecera lleva el modelo int8 con entrada y salida int8, y en su comentario la escala y el punto cero que el sketch usa para convertir los píxeles.' }),
      h('div', { class: 'tl-row' },
        button('Descargar cabecera C (model_data.h)', () => this.#ready && downloadFile(this.#ready.header, 'model_data.h', 'text/x-c')),
        link('/firmware/tinyml_mnist/tinyml_mnist.ino', 'Sketch de Arduino (tinyml_mnist.ino)', 'tinyml_mnist.ino'),
        link('/firmware/tinyml_mnist/README.md', 'Instrucciones del sketch (README)')),
    );
    this.append(
      h('div', { class: 'tl-top' }, e.model.root, h('div', { class: 'tl-row' }, e.convert, e.cancel)),
      e.progress, e.status, e.results,
    );
    this.dataset.phase = 'idle';
    this.listen(document, MODEL_EVENT, () => {
      if (this.#ready) e.status.textContent = '«Tu modelo» ha cambiado en otra parte de la página: vuelve a convertir para usar la versión nueva.';
    });
    this.onCleanup(() => {
      this.#abort?.abort();
      this.#release();
    });
  }

  protected update(): void {
    this.#el.model.set(this.state.model);
    this.#el.inspectSel.set(this.state.inspect);
    if (this.#run.index !== this.state.index) this.#run.pick(this.state.index);
    const r = this.#ready;
    if (!r) return;
    const which = this.state.inspect;
    renderInspection(this.#el.inspection, describeModel(readTflite(r.set[which].bytes)), FILE[which]);
    this.dataset.inspected = which;
  }

  #release(): void {
    const r = this.#ready;
    this.#ready = null;
    if (r) releaseReady(r);
  }

  #busy(on: boolean): void {
    const e = this.#el;
    e.convert.disabled = on;
    e.model.input.disabled = on;
    e.cancel.hidden = !on;
    e.progress.hidden = !on;
    this.dataset.phase = on ? 'converting' : this.#ready ? 'ready' : 'idle';
  }

  #progress(text: string, value: number): void {
    this.#el.status.textContent = text;
    this.#el.progress.value = value;
  }

  async #convert(): Promise<void> {
    const abort = (this.#abort = new AbortController());
    this.#busy(true);
    try {
      const ready = await convertModel(this.state.model, abort.signal, (text, value) => this.#progress(text, value));
      if (!this.isConnected) {
        releaseReady(ready);
        return;
      }
      this.#release();
      this.#ready = ready;
      this.#el.status.textContent = `Convertido ${ready.source}, calibrado con ${ready.set.calibration.samples} dígitos de entrenamiento.${ready.note}`;
      this.dataset.source = ready.kind;
      delete this.dataset.error;
      this.#showFiles();
      this.#el.results.hidden = false;
      this.update();
      await this.#batch();
      await this.#run.run();
    } catch (error) {
      this.#el.status.textContent =
        error instanceof Cancelled ? 'Conversión cancelada. Los archivos anteriores, si los había, siguen ahí.'
        : error instanceof Error && error.name === 'MnistError' ? mnistErrorText(error)
        : `No se pudo convertir: ${error instanceof Error ? error.message : String(error)}`;
      if (!(error instanceof Cancelled)) this.dataset.error = '1';
    } finally {
      if (this.#abort === abort) this.#abort = null;
      this.#busy(false);
    }
  }

  #showFiles(): void {
    const r = this.#ready!;
    const sizes = { fp32: r.set.fp32.bytes.length, int8: r.set.int8.bytes.length, int8io: r.set.int8io.bytes.length };
    const params = r.set.plan.steps.reduce((s, st) => s + (st.weights?.values.length ?? 0) + (st.bias?.length ?? 0), 0);
    this.#el.files.replaceChildren(
      ...(['fp32', 'int8', 'int8io'] as const).map((w) => h('tr', {},
        h('th', { scope: 'row' }, h('code', { text: FILE[w] })), h('td', { text: WHAT[w] }), h('td', { class: 'tl-num', text: fmtBytes(sizes[w]) }),
        h('td', {}, button('Descargar', () => downloadFile(r.set[w].bytes, FILE[w]), { class: 'btn btn-quiet', 'aria-label': `Descargar ${FILE[w]}` })))),
      h('tr', {}, h('th', { scope: 'row' }, h('code', { text: 'model_data.h' })), h('td', { text: 'el int8 de E/S int8 como array de C' }),
        h('td', { class: 'tl-num', text: fmtBytes(new TextEncoder().encode(r.header).length) }), h('td', { text: 'abajo, en «A la placa»' })));
    this.#el.ratio.textContent =
      `El modelo tiene ${intText(params)} parámetros: en float32 son ${fmtBytes(4 * params)} de pesos. ` +
      `El .tflite int8 ocupa ${(100 * sizes.int8 / sizes.fp32).toFixed(0)} % del float32: cada peso pasa de 4 bytes a 1.`;
    this.dataset.sizes = JSON.stringify(sizes);
  }

  /** The first BATCH test digits through the three models: worst difference and agreement. */
  async #batch(): Promise<void> {
    const r = this.#ready;
    if (!r) return;
    const b = await compareBatch(r, () => this.#ready === r);
    if (!b) return;
    this.#el.batch.textContent =
      `En los ${BATCH} primeros dígitos de prueba, la mayor diferencia entre LiteRT float32 y tfjs es ${fmtSci(b.maxDiffFp32)} ` +
      `(ruido de redondeo: mismas cuentas en otro orden) y entre LiteRT int8 y tfjs, ${fmtSci(b.maxDiffInt8)} (el precio de cuantizar). ` +
      `LiteRT float32 acierta ${b.correctFp32} de ${BATCH} (tfjs, ${b.correctTfjs}); int8 elige lo mismo que float32 en ${b.agreeInt8Fp32} de ${BATCH}.`;
    this.dataset.batchMaxDiff = String(b.maxDiffFp32);
    this.dataset.batchMaxDiffInt8 = String(b.maxDiffInt8);
  }
}

defineWidget('tflite-converter', TfliteConverter);
