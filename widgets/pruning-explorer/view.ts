import type * as TF from '@tensorflow/tfjs';
import { WidgetElement, defineWidget } from '../lib/widget/element';
import { button, cssVar, fmt, h, select, slider } from '../lib/widget/dom';
import { int, oneOf } from '../lib/state/schema';
import type { NamedTensor, PruneMode } from '../lib/quant';
import { BACKEND_LABEL, type BackendName } from '../lib/cnn/backend';
import { DEFAULT_MODEL_URL } from '../lib/cnn/store';
import { loadTf } from '../lib/cnn/tf-main';
import { getMnist, mnistErrorText } from '../lib/data/mnist-client';
import { batch } from '../lib/data/mnist';
import { loadDefaultWeights } from '../lib/quant/default-weights';
import { GRID, KERNELS, accuracy, float32File, gzipSize, int8File, pruneModel } from './core';
import { accuracyChart, sizeChart, weightHistogram, type AccPoint, type Colors, type SizePoint } from './charts';
import './style.css';

const schema = {
  mode: oneOf(['capa', 'global'] as const, 'capa'),
  /** Percent of kernel weights set to zero (0–95, steps of 5). */
  sparsity: int(50, 0, 95),
  /** Layer whose histogram is drawn. */
  layer: oneOf(['conv1', 'conv2', 'output'] as const, 'output'),
};

const MODE_LABEL: Record<PruneMode, string> = { capa: 'por capa', global: 'global' };
/** Test digits per predict() call: small enough to keep each slice short on a slow CPU. */
const CHUNK = 50;
const pct1 = (f: number): string => `${fmt(100 * f, 1)} %`;
const bytes = (n: number): string => `${fmt(n, 0)} B`;

interface Runtime {
  tf: typeof TF;
  backend: BackendName;
  model: TF.LayersModel;
  /** The 2 000 test digits, [2000, 28, 28, 1] in [0, 1]. */
  xs: TF.Tensor4D;
  labels: Uint8Array;
}

class PruningExplorer extends WidgetElement<typeof schema> {
  readonly schema = schema;
  #weights: NamedTensor[] | null = null;
  #rt: Runtime | null = null;
  #acc = new Map<string, number>();
  #sizes = new Map<string, SizePoint>();
  #queue: Array<{ mode: PruneMode; pct: number }> = [];
  #running = false;
  #alive = true;
  #gen = 0;
  #sync: Array<() => void> = [];
  #status!: HTMLElement;
  #retry!: HTMLButtonElement;
  #curveBtn!: HTMLButtonElement;
  #stopBtn!: HTMLButtonElement;
  #readout!: HTMLElement;
  #table!: HTMLElement;
  #hist!: HTMLElement;
  #accFig!: HTMLElement;
  #sizeFig!: HTMLElement;
  #legends!: HTMLElement[];

  protected setup(): void {
    this.#alive = true;
    const s = this.state;
    const mode = select({
      label: 'Cómo se elige el umbral', value: s.mode,
      options: [{ value: 'capa' as const, label: 'por capa: cada capa pierde el mismo %' }, { value: 'global' as const, label: 'global: un solo umbral para todas' }],
      onChange: (v) => this.setState({ mode: v }),
    });
    const layer = select({
      label: 'Capa', value: s.layer,
      options: KERNELS.map((k) => ({ value: k.layer, label: `${k.label} (${k.name})` })),
      onChange: (v) => this.setState({ layer: v }),
    });
    const sp = slider({ label: 'Pesos podados', min: 0, max: 95, step: 5, value: s.sparsity, format: (v) => `${v} %`, onInput: (v) => this.setState({ sparsity: v }) });
    this.#sync = [() => mode.set(this.state.mode), () => layer.set(this.state.layer), () => sp.set(this.state.sparsity)];
    this.#curveBtn = button('Calcular toda la curva', () => this.#wantCurve());
    this.#stopBtn = button('Detener', () => this.#stop(), { class: 'btn btn-quiet', disabled: true });
    this.#retry = button('Reintentar', () => this.#loadRuntime(), { class: 'btn btn-quiet', hidden: true });
    this.#status = h('p', { class: 'pe-status', 'aria-live': 'polite' });
    this.#readout = h('p', { class: 'pe-readout', 'aria-live': 'polite' });
    this.#table = h('div', { class: 'pe-table', tabindex: '0', role: 'region', 'aria-label': 'Tabla de la poda por capa (se desplaza en horizontal)' });
    const fig = (cls: string) => h('div', { class: `pe-chart ${cls}`, role: 'img' });
    this.#hist = fig('pe-hist');
    this.#accFig = fig('pe-acc');
    this.#sizeFig = fig('pe-size');
    this.#legends = [h('p', { class: 'pe-legend' }), h('p', { class: 'pe-legend' }), h('p', { class: 'pe-legend' })];
    this.append(
      h('div', { class: 'ctl-row' }, sp.root, mode.root),
      h('div', { class: 'ctl-row' }, this.#curveBtn, this.#stopBtn, this.#retry),
      this.#status, this.#readout, this.#table,
      h('div', { class: 'pe-grid' },
        h('div', {}, h('p', { class: 'pe-h', text: 'Pesos de una capa y el corte' }), layer.root, this.#hist, this.#legends[0]!),
        h('div', {}, h('p', { class: 'pe-h', text: 'Exactitud en prueba según la poda' }), this.#accFig, this.#legends[1]!),
        h('div', {}, h('p', { class: 'pe-h', text: 'Tamaño de los pesos según la poda' }), this.#sizeFig, this.#legends[2]!)),
    );
    this.dataset.phase = 'loading';
    this.onCleanup(() => {
      this.#alive = false;
      this.#gen++;
      this.#queue = [];
      this.#rt?.xs.dispose();
      this.#rt?.model.dispose();
      this.#rt = null;
    });
    loadDefaultWeights().then((w) => {
      if (!this.#alive) return;
      this.#weights = w;
      this.update();
      void this.#computeSizes();
    }, (e: unknown) => this.#showError(`No se pudieron cargar los pesos del modelo (${e instanceof Error ? e.message : String(e)}).`));
    this.#loadRuntime();
  }

  override resetState(): void {
    super.resetState();
    for (const f of this.#sync) f();
  }

  #colors(): Colors {
    return { fg: cssVar(this, '--fg'), muted: cssVar(this, '--fg-muted'), grid: cssVar(this, '--border'), c1: cssVar(this, '--c1'), c2: cssVar(this, '--c2'), c3: cssVar(this, '--c3') };
  }

  #showError(text: string): void {
    this.#status.textContent = text;
    this.#retry.hidden = false;
    this.dataset.phase = 'error';
  }

  #loadRuntime(): void {
    this.#retry.hidden = true;
    this.dataset.phase = 'loading';
    this.#status.textContent = 'Cargando TensorFlow.js, el modelo por defecto y los 2000 dígitos de prueba…';
    void (async () => {
      try {
        const [{ tf, backend }, data] = await Promise.all([loadTf(), getMnist()]);
        const model = await tf.loadLayersModel(DEFAULT_MODEL_URL);
        const idx = Array.from({ length: data.test.count }, (_, i) => i);
        const b = batch(data.test, idx);
        const xs = tf.tensor4d(b.images, [b.size, data.rows, data.cols, 1]);
        if (!this.#alive) {
          xs.dispose();
          model.dispose();
          return;
        }
        this.#rt = { tf, backend, model, xs, labels: b.labels };
        this.dataset.phase = 'ready';
        this.#status.textContent = `Listo. Motor: ${BACKEND_LABEL[backend]}.`;
        this.#want(this.state.mode, 0);
        this.#want(this.state.mode, this.state.sparsity);
      } catch (e) {
        if (this.#alive) this.#showError(`${mnistErrorText(e)} Comprueba la conexión y pulsa «Reintentar».`);
      }
    })();
  }

  /** Puts a point first in the queue (unless it is known) and starts the runner. */
  #want(mode: PruneMode, pct: number): void {
    if (this.#acc.has(`${mode}:${pct}`)) return;
    this.#queue = [{ mode, pct }, ...this.#queue.filter((q) => q.mode !== mode || q.pct !== pct)];
    void this.#run();
  }

  #wantCurve(): void {
    const mode = this.state.mode;
    for (const pct of GRID) if (!this.#acc.has(`${mode}:${pct}`) && !this.#queue.some((q) => q.mode === mode && q.pct === pct)) this.#queue.push({ mode, pct });
    void this.#run();
  }

  #stop(): void {
    this.#queue = [];
    this.#gen++;
  }

  async #run(): Promise<void> {
    if (this.#running || !this.#rt) return;
    this.#running = true;
    this.dataset.phase = 'evaluating';
    this.#stopBtn.disabled = false;
    try {
      while (this.#alive && this.#queue.length > 0) {
        const { mode, pct } = this.#queue.shift()!;
        if (this.#acc.has(`${mode}:${pct}`)) continue;
        const acc = await this.#evaluate(mode, pct, this.#gen);
        if (acc === null) continue;
        this.#acc.set(`${mode}:${pct}`, acc);
        this.#drawResults();
      }
    } catch (e) {
      this.fail(e);
    } finally {
      this.#running = false;
      if (this.#alive && this.#rt) {
        this.dataset.phase = 'ready';
        this.#stopBtn.disabled = true;
        this.#status.textContent = `Listo. Motor: ${BACKEND_LABEL[this.#rt.backend]}. Puntos calculados: ${this.#acc.size}.`;
        this.dataset.numTensors = String(this.#rt.tf.memory().numTensors);
      }
    }
  }

  /** Test accuracy of the model pruned to pct % (null if cancelled). Evaluates in slices of CHUNK digits. */
  async #evaluate(mode: PruneMode, pct: number, gen: number): Promise<number | null> {
    const rt = this.#rt;
    if (!rt || !this.#weights) return null;
    const { tf, model, xs, labels } = rt;
    const pruned = pruneModel(this.#weights, pct, mode);
    for (const k of KERNELS) {
      const kern = pruned.tensors.find((t) => t.name === k.name)!;
      const bias = pruned.tensors.find((t) => t.name === `${k.layer}/bias`)!;
      const ts = [tf.tensor(kern.values, kern.shape), tf.tensor(bias.values, bias.shape)];
      model.getLayer(k.layer).setWeights(ts);
      for (const t of ts) t.dispose();
    }
    const n = labels.length;
    const pred = new Int32Array(n);
    for (let i = 0; i < n; i += CHUNK) {
      if (!this.#alive || gen !== this.#gen) return null;
      this.#status.textContent = `Evaluando la poda del ${pct} % (${MODE_LABEL[mode]}): ${i} de ${n} dígitos de prueba…`;
      const m = Math.min(CHUNK, n - i);
      const t = tf.tidy(() => (model.predict(xs.slice([i, 0, 0, 0], [m, 28, 28, 1])) as TF.Tensor).argMax(-1));
      const d = await t.data();
      t.dispose();
      pred.set(d, i);
      await new Promise((r) => setTimeout(r, 0));
    }
    return !this.#alive || gen !== this.#gen ? null : accuracy(pred, labels);
  }

  /** gzip sizes at every grid point, both modes (current first); cheap, so computed up front. */
  async #computeSizes(): Promise<void> {
    const w = this.#weights;
    if (!w) return;
    const modes: PruneMode[] = this.state.mode === 'capa' ? ['capa', 'global'] : ['global', 'capa'];
    for (const mode of modes) {
      for (const pct of GRID) {
        if (!this.#alive) return;
        const key = `${mode}:${pct}`;
        if (this.#sizes.has(key)) continue;
        const t = pruneModel(w, pct, mode).tensors;
        const f32 = float32File(t);
        this.#sizes.set(key, { pct, raw: f32.length, gz32: await gzipSize(f32), gz8: await gzipSize(int8File(t)) });
      }
      this.#drawResults();
    }
  }

  protected update(): void {
    const s = this.state;
    const w = this.#weights;
    if (!w) {
      this.#readout.textContent = 'Cargando los pesos del modelo por defecto…';
      return;
    }
    const p = pruneModel(w, s.sparsity, s.mode);
    const c = this.#colors();
    const width = this.#chartWidth();
    const li = KERNELS.findIndex((k) => k.layer === s.layer);
    const layer = p.layers[li]!;
    const original = w.find((t) => t.name === KERNELS[li]!.name)!.values;
    this.#hist.replaceChildren(weightHistogram(original, layer.threshold, c, width));
    this.#hist.setAttribute('aria-label', `Histograma de los ${layer.count} pesos de ${KERNELS[li]!.label}: ${layer.removed} (${pct1(layer.removed / layer.count)}) quedan a cero porque |w| no supera el umbral ${fmt(layer.threshold, 4)}.`);
    this.#legends[0]!.replaceChildren(key(c.c1, 'se conservan'), key(c.c2, 'se podan (|w| ≤ umbral)', 0.55), h('span', { class: 'pe-key', text: `- - umbral ±${fmt(layer.threshold, 4)}` }));
    const head = h('tr', {}, ...['capa', 'pesos', 'a cero', 'umbral |w|'].map((t) => h('th', { scope: 'col', text: t })));
    const rows = p.layers.map((l, i) => h('tr', {}, h('td', { text: KERNELS[i]!.label }), h('td', { text: fmt(l.count, 0) }),
      h('td', { text: `${fmt(l.removed, 0)} (${pct1(l.removed / l.count)})` }), h('td', { text: fmt(l.threshold, 4) })));
    rows.push(h('tr', { class: 'pe-total' }, h('td', { text: 'total' }), h('td', { text: fmt(p.kernelCount, 0) }),
      h('td', { text: `${fmt(p.removed, 0)} (${pct1(p.removed / p.kernelCount)})` }), h('td', { text: s.mode === 'global' ? 'el mismo' : 'uno por capa' })));
    this.#table.replaceChildren(h('table', {}, h('caption', { text: `Poda ${MODE_LABEL[s.mode]} al ${s.sparsity} % (los sesgos no se podan)` }), h('thead', {}, head), h('tbody', {}, ...rows)));
    Object.assign(this.dataset, { zeros: String(p.removed), threshold: String(layer.threshold), sparsity: String(s.sparsity), mode: s.mode });
    this.#drawResults();
    if (this.#rt) this.later(120, () => this.#want(this.state.mode, this.state.sparsity));
  }

  #chartWidth(): number {
    // Two columns from 1000 px of widget width (style.css container query), else one.
    const w = this.clientWidth || 640;
    return Math.max(260, Math.min(720, w >= 1000 ? Math.floor(w / 2) - 24 : w - 8));
  }

  #drawResults(): void {
    const s = this.state;
    const c = this.#colors();
    const width = this.#chartWidth();
    const points: AccPoint[] = [];
    for (const [k, acc] of this.#acc) {
      const [mode, pct] = k.split(':') as [PruneMode, string];
      points.push({ mode, pct: Number(pct), acc });
    }
    points.sort((a, b) => a.pct - b.pct);
    this.#accFig.replaceChildren(accuracyChart(points, s.mode, s.sparsity, c, width));
    const mine = points.filter((q) => q.mode === s.mode);
    this.#accFig.setAttribute('aria-label', mine.length === 0 ? 'Exactitud según la poda: todavía sin puntos calculados.'
      : `Exactitud en los 2000 dígitos de prueba según el porcentaje de pesos podados (${MODE_LABEL[s.mode]}): ${mine.map((q) => `${q.pct} %: ${pct1(q.acc)}`).join('; ')}.`);
    this.#legends[1]!.replaceChildren(key(c.c1, `poda ${MODE_LABEL[s.mode]}`), key(c.c3, `poda ${MODE_LABEL[s.mode === 'capa' ? 'global' : 'capa']} (si la has calculado)`), key(c.fg, 'azar: 10 %', 0.5));
    const sizes = GRID.map((pct) => this.#sizes.get(`${s.mode}:${pct}`)).filter((x): x is SizePoint => x !== undefined);
    this.#sizeFig.replaceChildren(sizeChart(sizes, s.sparsity, c, width));
    const here = this.#sizes.get(`${s.mode}:${s.sparsity}`);
    this.#sizeFig.setAttribute('aria-label', here
      ? `Tamaño de los pesos al ${s.sparsity} % de poda: ${bytes(here.raw)} guardados en float32 (no cambia), ${bytes(here.gz32)} con gzip y ${bytes(here.gz8)} en int8 con gzip.`
      : 'Tamaño de los pesos según la poda: calculando.');
    this.#legends[2]!.replaceChildren(key(c.muted, 'float32 tal cual'), key(c.c1, 'float32 + gzip'), key(c.c2, 'int8 + gzip'));
    const acc = this.#acc.get(`${s.mode}:${s.sparsity}`);
    const acc0 = this.#acc.get(`${s.mode}:0`);
    const parts = [`Poda ${MODE_LABEL[s.mode]} al ${s.sparsity} %: `];
    parts.push(acc === undefined ? 'exactitud pendiente de calcular' : `exactitud ${pct1(acc)} en los 2000 dígitos de prueba`);
    if (acc0 !== undefined && s.sparsity > 0) parts.push(` (sin podar, ${pct1(acc0)})`);
    if (here) parts.push(`. Pesos: ${bytes(here.raw)} en float32 aunque haya ceros; ${bytes(here.gz32)} comprimidos con gzip; ${bytes(here.gz8)} en int8 con gzip.`);
    this.#readout.textContent = parts.join('');
    Object.assign(this.dataset, { acc: acc === undefined ? '' : String(acc), accPoints: String(mine.length), gz32: here ? String(here.gz32) : '', gz8: here ? String(here.gz8) : '' });
  }
}

function key(color: string, text: string, opacity = 1): HTMLElement {
  return h('span', { class: 'pe-key' }, h('span', { class: 'pe-swatch', style: `background:${color};opacity:${opacity}` }), text);
}

defineWidget('pruning-explorer', PruningExplorer);
