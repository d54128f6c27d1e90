/**
 * <tinyml-kws-export>: the keyword model (the course's or «tu modelo») → a float32 .tflite, a
 * full-integer int8 .tflite and the C header for the board, each downloadable; then the held-out
 * test voices through tfjs and both files in LiteRT.js, side by side, with the int8 confusion
 * matrix and what the int8 file and the header hold. Nothing heavy loads until «Exportar» is
 * pressed; the work runs in slices (runner.ts) with a progress bar and «Cancelar».
 *
 * Root attributes: data-phase (idle | loading | converting | evaluating | done | cancelled |
 * error); after a finished run data-tfjs-acc, data-fp32-acc, data-int8-acc (fractions),
 * data-agree (clips where int8 = float32), data-n, data-source, data-input-scale,
 * data-input-zero-point and data-sizes (JSON bytes).
 */
import { WidgetElement, defineWidget } from '../lib/widget/element';
import { button, h, select, uniqueId } from '../lib/widget/dom';
import { downloadFile } from '../lib/widget/files';
import { oneOf } from '../lib/state/schema';
import { KWS_SAVED_EVENT } from '../lib/kws/contract';
import type { EvalSummary } from './core';
import { FILES, graphOps, sketchSnippet } from './core';
import {
  agreementText, confusionNote, confusionTable, filesTable, headerSection, quantSection, sideBySide, sizeNote,
} from './render';
import { Cancelled, convertExport, evaluateExport, loadExport, type Exported, type Loaded, type Progress } from './runner';
import './style.css';
import { intText } from '../lib/format/number';

type Choice = 'auto' | 'propio' | 'defecto';
const schema = {
  /** 'auto': «tu modelo» when one is saved in this browser, else the course's model. */
  model: oneOf(['auto', 'propio', 'defecto'] as const, 'auto'),
};

type Phase = 'idle' | 'loading' | 'converting' | 'evaluating' | 'done' | 'cancelled' | 'error';
const STEPS: Record<'loading' | 'converting' | 'evaluating', { n: number; from: number; to: number }> = {
  loading: { n: 1, from: 0, to: 0.3 },
  converting: { n: 2, from: 0.3, to: 0.65 },
  evaluating: { n: 3, from: 0.65, to: 1 },
};
const RESULT_KEYS = ['tfjsAcc', 'fp32Acc', 'int8Acc', 'agree', 'n', 'source', 'inputScale', 'inputZeroPoint', 'sizes'] as const;

interface Result {
  source: Loaded['source'];
  warning: string | null;
  classes: string[];
  calibration: number;
  voices: number;
  params: number;
  example: number;
  ex: Exported;
  summary: EvalSummary;
}

class KwsExport extends WidgetElement<typeof schema> {
  readonly schema = schema;
  #abort: AbortController | null = null;
  #rerun = false;
  #result: Result | null = null;
  #el!: {
    model: ReturnType<typeof select<Choice>>; run: HTMLButtonElement; cancel: HTMLButtonElement; progress: HTMLProgressElement;
    status: HTMLElement; results: HTMLElement; source: HTMLElement; files: HTMLElement; sizeNote: HTMLElement; side: HTMLElement;
    agree: HTMLElement; confusion: HTMLElement; confNote: HTMLElement; quant: HTMLElement; header: HTMLElement;
  };

  protected setup(): void {
    const progressId = uniqueId('ke-prog');
    this.#el = {
      model: select<Choice>({
        label: 'Modelo que exportar',
        options: [
          { value: 'auto', label: 'Tu modelo si lo guardaste; si no, el del curso' },
          { value: 'propio', label: 'Tu modelo' },
          { value: 'defecto', label: 'El modelo del curso' },
        ],
        value: this.state.model,
        onChange: (v) => this.setState({ model: v }),
      }),
      run: button('Exportar y comparar', () => void this.#run()),
      cancel: button('Cancelar', () => this.#abort?.abort(), { class: 'btn btn-quiet', disabled: true }),
      progress: h('progress', { id: progressId, max: 1, value: 0 }),
      status: h('p', { class: 'ke-status', 'aria-live': 'polite', text: 'Pulsa «Exportar y comparar»: el modelo se convierte aquí mismo, en tu navegador, a dos archivos .tflite y a una cabecera C, y después se prueban con las voces de prueba.' }),
      results: h('div', { class: 'ke-results', hidden: true }),
      source: h('p', { class: 'ke-note' }),
      files: h('div'),
      sizeNote: h('p', { class: 'ke-note' }),
      side: h('div'),
      agree: h('p', { class: 'ke-agree' }),
      confusion: h('div'),
      confNote: h('p', { class: 'ke-note' }),
      quant: h('div', { class: 'ke-text' }),
      header: h('div', { class: 'ke-text' }),
    };
    const e = this.#el;
    e.results.append(
      e.source,
      h('h3', { class: 'ke-h', text: '1. Los archivos' }), e.files, e.sizeNote,
      h('h3', { class: 'ke-h', text: '2. ¿Cuánto se pierde? Las voces de prueba' }), e.side, e.agree, e.confusion, e.confNote,
      h('h3', { class: 'ke-h', text: '3. Qué guarda el archivo int8' }), e.quant,
      h('h3', { class: 'ke-h', text: '4. La cabecera C, para la placa' }), e.header,
    );
    this.append(
      h('div', { class: 'ke-top' }, e.model.root, h('div', { class: 'ke-actions' }, e.run, e.cancel)),
      h('div', { class: 'ke-progress' }, h('label', { for: progressId, text: 'Progreso de la exportación' }), e.progress),
      e.status, e.results,
    );
    this.listen(window, KWS_SAVED_EVENT, () => this.#modelSaved());
    this.onCleanup(() => {
      this.#rerun = false;
      this.#abort?.abort();
    });
    this.#phase('idle');
  }

  protected update(): void {
    this.#el.model.set(this.state.model);
  }

  #modelSaved(): void {
    if (this.state.model === 'defecto') return;
    if (this.#abort) {
      this.#rerun = true;
      this.#abort.abort();
    } else if (this.#result) {
      void this.#run('«Tu modelo» ha cambiado en este navegador: se vuelve a exportar. ');
    }
  }

  #phase(p: Phase): void {
    this.dataset.phase = p;
    const busy = p === 'loading' || p === 'converting' || p === 'evaluating';
    this.#el.run.disabled = busy;
    this.#el.cancel.disabled = !busy;
    this.#el.model.input.disabled = busy;
  }

  #progress(p: 'loading' | 'converting' | 'evaluating', prefix = ''): Progress {
    const s = STEPS[p];
    this.#phase(p);
    return (done, text) => {
      this.#el.progress.value = s.from + (s.to - s.from) * Math.max(0, Math.min(1, done));
      this.#el.status.textContent = `${prefix}Paso ${s.n} de 3. ${text}`;
    };
  }

  async #run(prefix = ''): Promise<void> {
    if (this.#abort) return;
    const abort = (this.#abort = new AbortController());
    const { signal } = abort;
    const e = this.#el;
    let loaded: Loaded | null = null;
    try {
      e.progress.value = 0;
      loaded = await loadExport(this.state.model, signal, this.#progress('loading', prefix));
      const l = loaded;
      const ex = await convertExport(l, signal, this.#progress('converting', prefix));
      const summary = await evaluateExport(l, ex, signal, this.#progress('evaluating', prefix));
      const params = ex.set.plan.steps.reduce((s, st) => s + (st.weights?.values.length ?? 0) + (st.bias?.length ?? 0), 0);
      this.#result = {
        source: l.source, warning: l.warning, classes: [...l.meta.classes], calibration: ex.set.calibration.samples,
        voices: l.voices, params, example: l.testX[0]?.[0] ?? 0, ex, summary,
      };
      this.#show();
      e.progress.value = 1;
      e.status.textContent = `${prefix}Exportación completa: descarga los archivos o vuelve a exportar si cambias de modelo.`;
      this.#phase('done');
    } catch (error) {
      if (error instanceof Cancelled) {
        e.status.textContent = this.#result
          ? 'Exportación cancelada. Los archivos y las medidas de la exportación anterior siguen aquí.'
          : 'Exportación cancelada. Pulsa «Exportar y comparar» para empezar de nuevo.';
        this.#phase('cancelled');
      } else {
        const msg = error instanceof Error ? error.message : String(error);
        e.status.textContent = `No se pudo exportar: ${msg}${this.#result ? ' Los archivos de la exportación anterior siguen aquí.' : ''}`;
        console.warn('[kws-export]', error);
        this.#phase('error');
      }
    } finally {
      loaded?.model.dispose();
      if (this.#abort === abort) this.#abort = null;
      if (this.#rerun && this.isConnected) {
        this.#rerun = false;
        void this.#run('«Tu modelo» ha cambiado en este navegador: se vuelve a exportar. ');
      }
    }
  }

  #show(): void {
    const r = this.#result;
    if (!r) return;
    const e = this.#el;
    const { ex, summary: s } = r;
    const sizes = { tfjs: 4 * r.params, fp32: ex.set.fp32.bytes.length, int8: ex.set.int8.bytes.length };
    const which = r.source === 'propio' ? '«tu modelo», el que entrenaste y guardaste en este navegador' : 'el modelo de palabras clave del curso';
    e.source.textContent = `Exportado: ${which}.${r.warning ? ` ${r.warning}` : ''} Los rangos del int8 se calibraron con ${r.calibration} clips de entrenamiento; ` +
      `la prueba usa ${s.n} clips de ${r.voices} voces que no estaban en el entrenamiento.`;
    e.files.replaceChildren(filesTable([
      { name: FILES.fp32, what: 'float32: los pesos tal cual', bytes: sizes.fp32, download: () => downloadFile(ex.set.fp32.bytes, FILES.fp32) },
      { name: FILES.int8, what: 'int8 de entrada y salida float32 (el que se prueba aquí, en LiteRT.js)', bytes: sizes.int8, download: () => downloadFile(ex.set.int8.bytes, FILES.int8) },
      { name: FILES.header, what: `cabecera C: el int8 de entrada y salida int8 (${intText(ex.set.int8io.bytes.length)} bytes) como array, para la placa`, bytes: new TextEncoder().encode(ex.header).length, download: () => downloadFile(ex.header, FILES.header, 'text/x-c') },
    ]));
    e.sizeNote.textContent = sizeNote(sizes.fp32, sizes.int8, r.params);
    e.side.replaceChildren(sideBySide(s, sizes));
    e.agree.textContent = agreementText(s);
    e.confusion.replaceChildren(confusionTable(r.classes, s.confusion));
    e.confNote.textContent = confusionNote(r.classes, s.confusion);
    e.quant.replaceChildren(...quantSection(ex.quant, r.example));
    const ops = graphOps(ex.boardInfo);
    e.header.replaceChildren(...headerSection(ex.set.int8io.bytes, ops, sketchSnippet(ops)));
    e.results.hidden = false;
    for (const k of RESULT_KEYS) delete this.dataset[k];
    Object.assign(this.dataset, {
      tfjsAcc: String(s.accuracy.tfjs), fp32Acc: String(s.accuracy.fp32), int8Acc: String(s.accuracy.int8), agree: String(s.agreeInt8Fp32),
      n: String(s.n), source: r.source, inputScale: String(ex.quant.input.scale), inputZeroPoint: String(ex.quant.input.zeroPoint),
      sizes: JSON.stringify({ ...sizes, int8io: ex.set.int8io.bytes.length }),
    });
  }
}

defineWidget('kws-export', KwsExport);
