import { WidgetElement, defineWidget } from '../lib/widget/element';
import { button, fmt, h, select, slider, uniqueId } from '../lib/widget/dom';
import { num, oneOf } from '../lib/state/schema';
import { modelChoiceSelect } from '../lib/cnn/choice-select';
import { MODEL_EVENT } from '../lib/cnn/store';
import type { StackSummary } from '../lib/conv/shapes';
import {
  CYCLES_FP32, CYCLES_INT8, FACTS, constantsFor, decisionFromMacs, decisionFromTime, formulaLines, macSummary, parseMeasuredMicros,
} from './core';
import { loadSpecs, type LoadedSpecs } from './runner';
import { estimateTable, factsTable, formulaBlock, macTable, timeText, type Row } from './render';
import './style.css';

/** Seconds between decisions offered by the slider (its value is an index into this list). */
export const PERIODS = [0.1, 0.2, 0.5, 1, 2, 5, 10, 30, 60, 300, 600, 1800, 3600] as const;

const schema = {
  /** 'auto': «tu modelo» when one is stored in this browser, else the course's default model. */
  model: oneOf(['auto', 'propio', 'defecto'] as const, 'auto'),
  /** Seconds between two decisions (T). */
  period: num(1, 0.1, 3600),
  /** How the chip sleeps between decisions. */
  sleep: oneOf(['on', 'off'] as const, 'on'),
  /** Inference time measured on the board, µs; 0 = none pasted. */
  measuredUs: num(0, 0, 600e6),
};

const nearestPeriod = (t: number): number => {
  let best = 0;
  PERIODS.forEach((p, i) => { if (Math.abs(Math.log(p / t)) < Math.abs(Math.log(PERIODS[best]! / t))) best = i; });
  return best;
};
const periodText = (t: number): string => (t < 60 ? `${fmt(t, 1)} s` : t < 3600 ? `${fmt(t / 60, 0)} min` : `${fmt(t / 3600, 0)} h`);

class DecisionEnergy extends WidgetElement<typeof schema> {
  readonly schema = schema;
  #loaded: { choice: string; r: LoadedSpecs; s: StackSummary } | null = null;
  #loading = 0;
  #el!: {
    model: ReturnType<typeof select<'auto' | 'propio' | 'defecto'>>; sleep: ReturnType<typeof select<'on' | 'off'>>;
    period: ReturnType<typeof slider>; status: HTMLElement; macs: HTMLElement; estimate: HTMLElement; formulas: HTMLElement;
    paste: HTMLInputElement; pasteMsg: HTMLElement; clear: HTMLButtonElement; compare: HTMLElement;
  };

  protected setup(): void {
    const s = this.state;
    const pasteId = uniqueId('de-paste');
    const pasteHelp = uniqueId('de-paste-help');
    this.#el = {
      model: modelChoiceSelect(s.model, (v) => this.setState({ model: v })),
      sleep: select({
        label: 'Entre decisiones, el chip', value: s.sleep, onChange: (v) => this.setState({ sleep: v }),
        options: [
          { value: 'on', label: 'duerme (System ON, con reloj)' },
          { value: 'off', label: 'se apaga (System OFF)' },
        ],
      }),
      period: slider({
        label: 'Una decisión cada', min: 0, max: PERIODS.length - 1, step: 1, value: nearestPeriod(s.period),
        format: (i) => periodText(PERIODS[i] ?? 1),
        onInput: (i) => this.setState({ period: PERIODS[i] ?? 1 }),
      }),
      status: h('p', { class: 'de-status', 'aria-live': 'polite', text: 'Leyendo las capas del modelo…' }),
      macs: h('div'),
      estimate: h('div'),
      formulas: h('div', { class: 'de-formulas' }),
      paste: h('input', { type: 'text', id: pasteId, class: 'de-paste-input', autocomplete: 'off', spellcheck: 'false',
        placeholder: 'Clase: 7  (inferencia: 13582 us)', 'aria-describedby': pasteHelp }),
      pasteMsg: h('p', { class: 'de-paste-msg', id: pasteHelp, 'aria-live': 'polite',
        text: 'Pega la línea que imprime el sketch en el monitor serie, o escribe el tiempo con su unidad: «13582 us», «13,6 ms».' }),
      clear: button('Quitar la medida', () => this.setState({ measuredUs: 0 }), { class: 'btn btn-quiet' }),
      compare: h('p', { class: 'de-compare' }),
    };
    const e = this.#el;
    const use = button('Usar esta medida', () => this.#usePasted());
    e.paste.addEventListener('keydown', (ev) => { if (ev.key === 'Enter') this.#usePasted(); });
    this.append(
      h('div', { class: 'ctl-row' }, e.model.root, e.sleep.root, e.period.root),
      e.status,
      h('p', { class: 'de-badge', text: 'Estimación: cuenta solo las multiplicaciones-sumas y usa las constantes de la tabla de abajo. La medida de tu placa manda.' }),
      e.macs, e.estimate, e.compare,
      h('div', { class: 'de-paste' },
        h('label', { for: pasteId, text: 'Tiempo de inferencia medido en tu placa (sketch de la lección 12)' }),
        h('div', { class: 'de-paste-row' }, e.paste, use, e.clear), e.pasteMsg),
      h('details', { class: 'de-details', open: true }, h('summary', { text: 'Las fórmulas, con tus números' }), e.formulas),
      factsTable(FACTS),
    );
    this.listen(document, MODEL_EVENT, () => { this.#loaded = null; this.update(); });
    this.dataset.phase = 'cargando';
  }

  override resetState(): void {
    super.resetState();
    this.#el.model.set(this.state.model);
    this.#el.sleep.set(this.state.sleep);
    this.#el.period.set(nearestPeriod(this.state.period));
    this.#el.paste.value = '';
  }

  #usePasted(): void {
    const r = parseMeasuredMicros(this.#el.paste.value);
    if ('error' in r) {
      this.#el.pasteMsg.textContent = r.error;
      this.#el.pasteMsg.dataset.error = '1';
      return;
    }
    delete this.#el.pasteMsg.dataset.error;
    this.#el.pasteMsg.textContent = `Medida leída: ${timeText(r.micros / 1e6)}. Sustituye a la estimación int8 en la tabla.`;
    this.setState({ measuredUs: Math.min(600e6, r.micros) });
  }

  protected update(): void {
    const choice = this.state.model;
    if (this.#loaded?.choice !== choice) {
      void this.#load(choice);
      return;
    }
    this.#render(this.#loaded.r, this.#loaded.s);
  }

  async #load(choice: 'auto' | 'propio' | 'defecto'): Promise<void> {
    const ticket = ++this.#loading;
    this.dataset.phase = 'cargando';
    this.#el.status.textContent = 'Leyendo las capas del modelo…';
    try {
      const r = await loadSpecs(choice);
      if (ticket !== this.#loading || !this.isConnected) return;
      const s = macSummary(r.input, r.specs);
      this.#loaded = { choice, r, s };
      this.#render(r, s);
    } catch (error) {
      if (ticket !== this.#loading) return;
      this.dataset.phase = 'error';
      this.#el.status.textContent = `No se pudo leer el modelo: ${error instanceof Error ? error.message : String(error)}`;
      console.warn('[decision-energy]', error);
    }
  }

  #render(r: LoadedSpecs, s: StackSummary): void {
    const e = this.#el;
    const st = this.state;
    const k = constantsFor(st.sleep);
    const which = r.source === 'propio' ? '«tu modelo», el que entrenaste en la lección 10' : 'el modelo por defecto del curso';
    const miss = r.missing ? ' No hay «tu modelo» guardado en este navegador.' : '';
    e.status.textContent = `Modelo: ${which}.${miss}${r.warning ? ` ${r.warning}` : ''}`;
    const rows: Row[] = [
      { key: 'fp32', label: 'float32 (estimación)', cyclesPerMac: CYCLES_FP32.value, d: decisionFromMacs(s.totalMacs, CYCLES_FP32.value, st.period, k) },
      { key: 'int8', label: 'int8 con CMSIS-NN (estimación)', cyclesPerMac: CYCLES_INT8.value, d: decisionFromMacs(s.totalMacs, CYCLES_INT8.value, st.period, k) },
    ];
    if (st.measuredUs > 0) rows.push({ key: 'medido', label: 'int8 medido en tu placa', cyclesPerMac: null, d: decisionFromTime(st.measuredUs / 1e6, st.period, k) });
    e.macs.replaceChildren(macTable(s, r.names));
    e.estimate.replaceChildren(estimateTable(rows));
    e.formulas.replaceChildren(...rows.map((row) => formulaBlock(row.label, formulaLines(s.totalMacs, row.cyclesPerMac, row.d, st.period, k))));
    const [fp32, int8, measured] = rows;
    e.clear.hidden = !measured;
    e.compare.textContent = measured
      ? `Tu placa tarda ${timeText(measured.d.seconds)}; la estimación int8 decía ${timeText(int8!.d.seconds)} ` +
        `(${fmt(measured.d.seconds / int8!.d.seconds, 2)} veces). La diferencia es todo lo que la estimación no cuenta: el pooling, la softmax, ` +
        'el intérprete y unos ciclos por MAC distintos de los supuestos.'
      : `Con estas constantes, int8 con CMSIS-NN haría cada inferencia unas ${fmt(fp32!.d.seconds / int8!.d.seconds, 1)} veces más deprisa que float32, ` +
        'y gastaría esas mismas veces menos energía en ella (la corriente es la misma: solo cambia el tiempo).';
    Object.assign(this.dataset, {
      phase: 'listo', macs: String(s.totalMacs), source: r.source,
      ujFp32: String(fp32!.d.microjoules), ujInt8: String(int8!.d.microjoules),
      daysFp32: String(fp32!.d.days), daysInt8: String(int8!.d.days),
    });
    if (measured) Object.assign(this.dataset, { ujMeasured: String(measured.d.microjoules), daysMeasured: String(measured.d.days) });
    else { delete this.dataset.ujMeasured; delete this.dataset.daysMeasured; }
  }
}

defineWidget('decision-energy', DecisionEnergy);
