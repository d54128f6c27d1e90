/**
 * <tinyml-seq-forecast>: the same windows fed to an MLP, a Conv1D and an LSTM (tfjs, on the main
 * thread in slices of about SLICE_MS: lib/cnn/schedule.ts runSlice, then tf.nextFrame()), with
 * the test error of each next to the naive and the seasonal baselines, and the predictions drawn
 * over the truth. «Detener» stops between two units of work; the run's models and tensors are
 * freed when it ends, stops, is reset or the widget leaves the page (data-tensors-before/after).
 * data-phase: idle | loading | training | done | stopped | error.
 */
import type * as TF from '@tensorflow/tfjs';
import { WidgetElement, defineWidget } from '../lib/widget/element';
import { button, cssVar, fmt, h, numberInput, select, slider, syncControls, uniqueId } from '../lib/widget/dom';
import { int, oneOf } from '../lib/state/schema';
import { BACKEND_LABEL, enableFastTraining } from '../lib/cnn/backend';
import { loadTf, type TfRuntime } from '../lib/cnn/tf-main';
import { runSlice } from '../lib/time/slice';
import { makeSeries, SERIES_LABELS, type Series, type SeriesId } from '../lib/seq/series';
import { prepareForecast, type ForecastData } from '../lib/seq/forecast';
import { MODEL_KINDS, type ModelKind } from '../lib/seq/models';
import { ForecastRun, TRAIN_DEFAULTS } from '../lib/seq/train';
import { LINE_KEYS, lineLabel, predictionsText, resultRows, verdict, type LineKey } from './core';
import { DASHED, lossChart, predictionsChart, type Colors } from './chart';
import './style.css';

const SERIES = ['sintetica', 'movimiento', 'temperatura'] as const;
const schema = {
  serie: oneOf(SERIES, 'sintetica'),
  L: int(24, 4, 48),
  horizonte: int(1, 1, 12),
  epocas: oneOf(['10', '30', '60'] as const, '30'),
  seed: int(1, 0, 9999),
};
type State = typeof schema;
type Phase = 'idle' | 'loading' | 'training' | 'done' | 'stopped' | 'error';

/** Work per slice before yielding to the browser, ms. */
const SLICE_MS = 25;

class SeqForecast extends WidgetElement<State> {
  readonly schema = schema;
  #rt: TfRuntime | null = null;
  #data: { key: string; series: Series; d: ForecastData | null; error: string } | null = null;
  #run: ForecastRun | null = null;
  /** Results of the last run (kept after it is disposed) and the settings they belong to. */
  #results: { key: string; tests: ForecastRun['tests']; losses: ForecastRun['losses']; epochs: number; epoch: number } | null = null;
  #stop = false;
  #busy = false;
  #phase: Phase = 'idle';
  #runs = 0;
  #shown = new Set<LineKey>(['naive', 'mlp', 'conv1d', 'lstm']);
  #el!: {
    serie: ReturnType<typeof select<SeriesId>>; L: ReturnType<typeof slider>; horizonte: ReturnType<typeof slider>;
    epocas: ReturnType<typeof select<'10' | '30' | '60'>>; seed: ReturnType<typeof numberInput>;
    start: HTMLButtonElement; stop: HTMLButtonElement; progress: HTMLProgressElement; status: HTMLElement;
    about: HTMLElement; table: HTMLTableElement; verdict: HTMLElement; legend: HTMLElement; checks: Map<LineKey, HTMLInputElement>;
    preds: HTMLElement; loss: HTMLElement;
  };

  protected setup(): void {
    const s = this.state;
    const progressId = uniqueId('sf-prog');
    const checks = new Map<LineKey, HTMLInputElement>();
    this.#el = {
      serie: select({ label: 'Serie', value: s.serie, options: SERIES.map((v) => ({ value: v, label: SERIES_LABELS[v] })), onChange: (v) => this.setState({ serie: v }) }),
      L: slider({ label: 'Longitud de la ventana (L)', min: 4, max: 48, step: 1, value: s.L, onInput: (v) => this.setState({ L: v }) }),
      horizonte: slider({ label: 'Horizonte (h)', min: 1, max: 12, step: 1, value: s.horizonte, onInput: (v) => this.setState({ horizonte: v }) }),
      epocas: select({ label: 'Épocas', value: s.epocas, options: (['10', '30', '60'] as const).map((v) => ({ value: v, label: v })), onChange: (v) => this.setState({ epocas: v }) }),
      seed: numberInput({ label: 'Semilla', min: 0, max: 9999, step: 1, value: s.seed, onInput: (v) => this.setState({ seed: Math.round(v) }) }),
      start: button('▶ Entrenar los tres', () => void this.#train()),
      stop: button('■ Detener', () => { this.#stop = true; }, { class: 'btn btn-quiet', disabled: true }),
      progress: h('progress', { id: progressId, max: 1, value: 0, class: 'sf-progress' }),
      status: h('p', { class: 'sf-status', 'aria-live': 'polite' }),
      about: h('p', { class: 'sf-about' }),
      table: h('table', { class: 'sf-table' }),
      verdict: h('p', { class: 'sf-verdict', 'aria-live': 'polite' }),
      legend: h('fieldset', { class: 'sf-legend' }),
      checks,
      preds: h('div', { class: 'sf-chart', role: 'img' }),
      loss: h('div', { class: 'sf-chart sf-loss', role: 'img' }),
    };
    const e = this.#el;
    e.epocas.root.classList.add('sf-epochs');
    e.legend.append(h('legend', { text: 'Líneas dibujadas sobre los valores reales (línea gruesa)' }));
    for (const key of LINE_KEYS) {
      const id = uniqueId('sf-line');
      const box = h('input', { type: 'checkbox', id, checked: this.#shown.has(key) });
      box.addEventListener('change', () => {
        if (box.checked) this.#shown.add(key);
        else this.#shown.delete(key);
        this.#drawPredictions();
      });
      checks.set(key, box);
      e.legend.append(h('span', { class: 'sf-check' }, box, h('label', { for: id }, h('span', { class: `sf-swatch${DASHED[key] ? ' sf-dashed' : ''}`, 'data-line': key }), h('span', { class: 'sf-check-text' }))));
    }
    this.append(
      h('div', { class: 'ctl-row' }, e.serie.root, e.seed.root),
      e.about,
      h('div', { class: 'ctl-row' }, e.L.root, e.horizonte.root, e.epocas.root),
      h('div', { class: 'sf-actions' }, e.start, e.stop, h('div', { class: 'sf-progress-box' }, h('label', { for: progressId, text: 'Progreso' }), e.progress)),
      e.status,
      h('div', { class: 'sf-table-wrap', tabindex: 0, role: 'region', 'aria-label': 'Errores de prueba de los modelos y de las referencias' }, e.table),
      e.verdict,
      e.legend,
      e.preds,
      h('p', { class: 'sf-note', text: 'Pérdida de entrenamiento por época (error cuadrático medio sobre los valores estandarizados con la media y la desviación de la parte de entrenamiento):' }),
      e.loss,
    );
    this.listen(window, 'resize', () => this.#drawAll());
    this.onCleanup(() => {
      this.#stop = true;
      this.#run?.dispose();
    });
    this.#setPhase('idle');
  }

  override resetState(): void {
    this.#stop = true;
    this.#results = null;
    super.resetState();
  }

  #key(): string {
    const s = this.state;
    return `${s.serie}|${s.L}|${s.horizonte}|${s.epocas}|${s.seed}`;
  }

  /** Data for the current settings (memoised); `d` is null with a Spanish error when windows do not fit. */
  #prepared(): { series: Series; d: ForecastData | null; error: string } {
    const s = this.state;
    const key = `${s.serie}|${s.L}|${s.horizonte}|${s.seed}`;
    if (this.#data?.key !== key) {
      const series = makeSeries(s.serie, s.seed);
      let d: ForecastData | null = null;
      let error = '';
      try {
        d = prepareForecast(series.values, series.period, { length: s.L, horizon: s.horizonte });
      } catch {
        error = 'Con esta longitud de ventana y este horizonte no quedan ventanas suficientes: acorta la ventana.';
      }
      this.#data = { key, series, d, error };
    }
    return this.#data;
  }

  #setPhase(p: Phase, message?: string): void {
    this.#phase = p;
    this.dataset.phase = p;
    const e = this.#el;
    const busy = p === 'loading' || p === 'training';
    e.start.disabled = busy || !this.#prepared().d;
    e.stop.disabled = !busy;
    for (const c of [e.serie.input, e.L.input, e.horizonte.input, e.epocas.input, e.seed.input]) c.disabled = busy;
    const engine = this.#rt ? ` Motor: ${BACKEND_LABEL[this.#rt.backend]}.` : '';
    const texts: Record<Phase, string> = {
      idle: 'Las dos referencias ya están medidas (no necesitan entrenarse). Pulsa «Entrenar los tres» para entrenar los modelos con estas ventanas.',
      loading: 'Cargando TensorFlow.js…',
      training: `Entrenando el MLP, la Conv1D y la LSTM por turnos, lote a lote.${engine}`,
      done: `Terminado.${engine}`,
      stopped: 'Detenido: los modelos se han liberado. La tabla conserva la última medida de prueba, si dio tiempo a hacerla.',
      error: 'No se pudo entrenar.',
    };
    e.status.textContent = message ?? texts[p];
    e.status.classList.toggle('sf-error', p === 'error');
  }

  protected update(): void {
    const s = this.state;
    const e = this.#el;
    syncControls(e, s, ['serie', 'L', 'horizonte', 'epocas', 'seed']);
    if (this.#results && this.#results.key !== this.#key() && !this.#busy) this.#results = null;
    const p = this.#prepared();
    e.about.textContent = p.series.about;
    if (!this.#busy) this.#setPhase(this.#results ? this.#phase : 'idle', p.error || undefined);
    if (p.d) {
      this.dataset.maeNaive = String(p.d.naive.err.mae);
      this.dataset.maeSeasonal = p.d.seasonal ? String(p.d.seasonal.err.mae) : '';
      this.dataset.testRows = String(p.d.testRows.length);
      this.dataset.trainRows = String(p.d.trainRows.length);
    }
    for (const key of LINE_KEYS) {
      const label = this.#el.checks.get(key)!.nextElementSibling!.querySelector('.sf-check-text')!;
      label.textContent = lineLabel(key, p.d?.period ?? p.series.period, p.series.stepName);
    }
    this.#drawAll();
  }

  #colors(): Colors {
    const v = (n: string) => cssVar(this, n);
    return { fg: v('--fg'), muted: v('--fg-muted'), grid: v('--grid'), line: { naive: v('--c4'), seasonal: v('--c5'), mlp: v('--c1'), conv1d: v('--c2'), lstm: v('--c3') } };
  }

  #drawAll(): void {
    this.#drawTable();
    this.#drawPredictions();
    this.#drawLoss();
  }

  #drawTable(): void {
    const p = this.#prepared();
    const e = this.#el;
    if (!p.d) {
      e.table.replaceChildren();
      e.verdict.textContent = '';
      return;
    }
    const res = this.#results;
    const rows = resultRows(p.d, res?.tests ?? {}, p.series.stepName);
    const u = p.series.unit ? ` (${p.series.unit})` : '';
    const cell = (v: number | undefined, cls = 'num') => h('td', { class: cls, text: v === undefined || Number.isNaN(v) ? '—' : fmt(v, 3) });
    e.table.replaceChildren(
      h('caption', { text: `Error en los ${p.d.testRows.length} objetivos de prueba (el último cuarto de la serie), en las unidades de la serie${u}. Ingenuo: siguiente = último; estacional: el valor de hace m pasos.` }),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: 'predictor' }), h('th', { scope: 'col', class: 'num', text: 'parámetros' }),
        h('th', { scope: 'col', class: 'num', text: 'MAE' }), h('th', { scope: 'col', class: 'num', text: 'RMSE' }), h('th', { scope: 'col', class: 'sf-when', text: 'época' }))),
      h('tbody', {}, ...rows.map((r) => h('tr', { 'data-line': r.key },
        h('th', { scope: 'row' }, h('span', { class: `sf-swatch${DASHED[r.key] ? ' sf-dashed' : ''}`, 'data-line': r.key, 'aria-hidden': 'true' }), r.short),
        h('td', { class: 'num', text: r.params === null ? '—' : String(r.params) }),
        cell(r.err?.mae, 'num sf-mae'), cell(r.err?.rmse),
        h('td', { class: 'sf-when', text: r.epoch === null ? (r.params === 0 ? 'no se entrena' : '—') : String(r.epoch) })))),
    );
    e.verdict.textContent = res && Object.keys(res.tests).length ? verdict(rows) : '';
    for (const kind of MODEL_KINDS) {
      const t = res?.tests[kind];
      this.dataset[`mae${kind[0]!.toUpperCase()}${kind.slice(1)}`] = t ? String(t.err.mae) : '';
      this.dataset[`rmse${kind[0]!.toUpperCase()}${kind.slice(1)}`] = t ? String(t.err.rmse) : '';
    }
  }

  #width(el: HTMLElement): number {
    return Math.max(280, Math.min(900, Math.floor(el.clientWidth || this.clientWidth || 640)));
  }

  #drawPredictions(): void {
    const p = this.#prepared();
    const e = this.#el;
    if (!p.d) {
      e.preds.replaceChildren();
      e.preds.removeAttribute('aria-label');
      return;
    }
    const preds: Partial<Record<LineKey, Float64Array>> = { naive: p.d.naive.pred };
    if (p.d.seasonal) preds.seasonal = p.d.seasonal.pred;
    for (const kind of MODEL_KINDS) {
      const t = this.#results?.tests[kind];
      if (t) preds[kind] = t.pred;
    }
    const shown = LINE_KEYS.filter((k) => this.#shown.has(k) && preds[k]);
    e.preds.replaceChildren(predictionsChart(p.d, preds, shown, this.#colors(), this.#width(e.preds), p.series.stepName, p.series.unit));
    e.preds.setAttribute('aria-label', predictionsText(p.d, shown, resultRows(p.d, this.#results?.tests ?? {}, p.series.stepName)));
    this.dataset.linesShown = shown.join(',');
  }

  #drawLoss(): void {
    const e = this.#el;
    const res = this.#results;
    const epochs = res?.epochs ?? Number(this.state.epocas);
    if (!res || !res.losses.length) {
      e.loss.replaceChildren(h('p', { class: 'sf-empty', text: 'La curva aparecerá al terminar la primera época de entrenamiento.' }));
    } else {
      e.loss.replaceChildren(lossChart(res.losses, epochs, this.#colors(), this.#width(e.loss)));
    }
    const last = (k: ModelKind) => res?.losses.filter((q) => q.kind === k).at(-1);
    e.loss.setAttribute('aria-label', res && res.losses.length
      ? `Pérdida de entrenamiento tras ${res.epoch} de ${epochs} épocas: ${MODEL_KINDS.map((k) => `${k === 'mlp' ? 'MLP' : k === 'lstm' ? 'LSTM' : 'Conv1D'} ${fmt(last(k)?.loss ?? Number.NaN, 4)}`).join(', ')}.`
      : 'Pérdida de entrenamiento: todavía no se ha entrenado.');
  }

  async #runtime(): Promise<TfRuntime> {
    const rt = this.#rt ?? (this.#rt = await loadTf());
    enableFastTraining(rt.tf, rt.backend);
    return rt;
  }

  async #train(): Promise<void> {
    if (this.#busy) return;
    const p = this.#prepared();
    if (!p.d) return;
    this.#busy = true;
    this.#stop = false;
    this.#setPhase('loading');
    let tf: typeof TF;
    try {
      tf = (await this.#runtime()).tf;
    } catch (err) {
      this.#busy = false;
      this.#setPhase('error', `No se pudo cargar TensorFlow.js: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    if (this.#stop || !this.isConnected) {
      this.#busy = false;
      this.#setPhase(this.isConnected && this.#results ? 'stopped' : 'idle');
      return;
    }
    const epochs = Number(this.state.epocas);
    const before = tf.memory().numTensors;
    this.dataset.tensorsBefore = String(before);
    delete this.dataset.tensorsAfter;
    this.dataset.runs = String(++this.#runs);
    let run: ForecastRun;
    try {
      run = this.#run = new ForecastRun(tf, p.d, { ...TRAIN_DEFAULTS, epochs, seed: this.state.seed });
    } catch (err) {
      this.#busy = false;
      this.#setPhase('error', `No se pudieron crear los modelos: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    const res = (this.#results = { key: this.#key(), tests: run.tests, losses: run.losses, epochs, epoch: 0 });
    this.#setPhase('training');
    const units = run.units();
    let finished = false;
    let failed: unknown = null;
    let drawnEpoch = 0;
    let drawnTests = 0;
    try {
      while (!this.#stop) {
        let more = true;
        runSlice(() => {
          more = !units.next().done;
          return more;
        }, { budgetMs: SLICE_MS, now: () => performance.now() });
        this.#el.progress.value = run.done / run.total;
        res.epoch = run.epoch;
        this.dataset.epoch = String(run.epoch);
        const tests = MODEL_KINDS.filter((k) => run.tests[k]).map((k) => run.tests[k]!.epoch).reduce((a, b) => a + b, 0);
        if (tests !== drawnTests) {
          drawnTests = tests;
          this.#drawTable();
          this.#drawPredictions();
        } else if (run.epoch !== drawnEpoch) {
          drawnEpoch = run.epoch;
          this.#drawLoss();
        }
        if (!more) {
          finished = true;
          break;
        }
        await tf.nextFrame();
        if (!this.isConnected) this.#stop = true;
      }
    } catch (err) {
      failed = err;
    } finally {
      run.dispose();
      if (this.#run === run) this.#run = null;
      this.#busy = false;
    }
    this.dataset.tensorsAfter = String(tf.memory().numTensors);
    if (!this.isConnected) return;
    if (failed) this.#setPhase('error', `El entrenamiento falló: ${failed instanceof Error ? failed.message : String(failed)}`);
    else if (finished) this.#setPhase('done');
    else this.#setPhase('stopped');
    this.update(); // forgets the results if the settings were reset meanwhile
  }
}

defineWidget('seq-forecast', SeqForecast);
