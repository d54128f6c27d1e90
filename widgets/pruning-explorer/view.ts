import { WidgetElement, defineWidget } from '../lib/widget/element';
import { button, cssVar, fmt, h, select, slider } from '../lib/widget/dom';
import { int, oneOf } from '../lib/state/schema';
import type { PruneMode } from '../lib/quant';
import { GRID, KERNELS, pruneModel } from './core';
import { accuracyChart, sizeChart, weightHistogram, type AccPoint, type Colors, type SizePoint } from './charts';
import { MODE_LABEL, PruningRunner } from './runner';
import './style.css';

const schema = {
  mode: oneOf(['capa', 'global'] as const, 'capa'),
  /** Percent of kernel weights set to zero (0–95, steps of 5). */
  sparsity: int(50, 0, 95),
  /** Layer whose histogram is drawn. */
  layer: oneOf(['conv1', 'conv2', 'output'] as const, 'output'),
};

const pct1 = (f: number): string => `${fmt(100 * f, 1)} %`;
const bytes = (n: number): string => `${fmt(n, 0)} B`;

class PruningExplorer extends WidgetElement<typeof schema> {
  readonly schema = schema;
  #runner!: PruningRunner;
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
    this.#curveBtn = button('Calcular toda la curva', () => this.#runner.wantCurve(this.state.mode));
    this.#stopBtn = button('Detener', () => this.#runner.stop(), { class: 'btn btn-quiet', disabled: true });
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
    const runner = new PruningRunner({
      phase: (p, text) => {
        this.dataset.phase = p;
        this.#stopBtn.disabled = p !== 'evaluating';
        if (text) this.#status.textContent = text;
        this.#retry.hidden = p !== 'error';
        const n = runner.numTensors();
        if (p === 'ready' && n !== null) this.dataset.numTensors = String(n);
      },
      status: (text) => { this.#status.textContent = text; },
      weights: () => this.update(),
      results: () => this.#drawResults(),
      fail: (e) => this.fail(e),
    });
    this.#runner = runner;
    this.onCleanup(() => runner.dispose());
    runner.loadWeights(s.mode).catch((e: unknown) => this.#showError(`No se pudieron cargar los pesos del modelo (${e instanceof Error ? e.message : String(e)}).`));
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
    void this.#runner.loadRuntime(this.state.mode, this.state.sparsity);
  }

  protected update(): void {
    const s = this.state;
    const w = this.#runner.weights;
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
    if (this.#runner.ready) this.later(120, () => this.#runner.want(this.state.mode, this.state.sparsity));
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
    for (const [k, acc] of this.#runner.acc) {
      const [mode, pct] = k.split(':') as [PruneMode, string];
      points.push({ mode, pct: Number(pct), acc });
    }
    points.sort((a, b) => a.pct - b.pct);
    this.#accFig.replaceChildren(accuracyChart(points, s.mode, s.sparsity, c, width));
    const mine = points.filter((q) => q.mode === s.mode);
    this.#accFig.setAttribute('aria-label', mine.length === 0 ? 'Exactitud según la poda: todavía sin puntos calculados.'
      : `Exactitud en los 2000 dígitos de prueba según el porcentaje de pesos podados (${MODE_LABEL[s.mode]}): ${mine.map((q) => `${q.pct} %: ${pct1(q.acc)}`).join('; ')}.`);
    this.#legends[1]!.replaceChildren(key(c.c1, `poda ${MODE_LABEL[s.mode]}`), key(c.c3, `poda ${MODE_LABEL[s.mode === 'capa' ? 'global' : 'capa']} (si la has calculado)`), key(c.fg, 'azar: 10 %', 0.5));
    const sizes = GRID.map((pct) => this.#runner.sizeAt(s.mode, pct)).filter((x): x is SizePoint => x !== undefined);
    this.#sizeFig.replaceChildren(sizeChart(sizes, s.sparsity, c, width));
    const here = this.#runner.sizeAt(s.mode, s.sparsity);
    this.#sizeFig.setAttribute('aria-label', here
      ? `Tamaño de los pesos al ${s.sparsity} % de poda: ${bytes(here.raw)} guardados en float32 (no cambia), ${bytes(here.gz32)} con gzip y ${bytes(here.gz8)} en int8 con gzip.`
      : 'Tamaño de los pesos según la poda: calculando.');
    this.#legends[2]!.replaceChildren(key(c.muted, 'float32 tal cual'), key(c.c1, 'float32 + gzip'), key(c.c2, 'int8 + gzip'));
    const acc = this.#runner.accuracyAt(s.mode, s.sparsity);
    const acc0 = this.#runner.accuracyAt(s.mode, 0);
    const parts = [`Poda ${MODE_LABEL[s.mode]} al ${s.sparsity} %: `];
    parts.push(acc === undefined ? 'exactitud pendiente de calcular' : `exactitud ${pct1(acc)} en los 2000 dígitos de prueba`);
    if (acc0 !== undefined && s.sparsity > 0) parts.push(` (sin podar, ${pct1(acc0)})`);
    if (here) parts.push(`. Pesos: ${bytes(here.raw)} en float32 aunque haya ceros; ${bytes(here.gz32)} comprimidos con gzip; ${bytes(here.gz8)} en int8 con gzip.`);
    this.#readout.textContent = parts.join('');
    // For <Predice>: test accuracy in percent at the shown mode and sparsity, once computed.
    if (acc === undefined) this.clearResult('exactitud');
    else if (this.getAttribute('data-result-exactitud') !== String(100 * acc)) this.reportResult('exactitud', 100 * acc);
    Object.assign(this.dataset, { acc: acc === undefined ? '' : String(acc), accPoints: String(mine.length), gz32: here ? String(here.gz32) : '', gz8: here ? String(here.gz8) : '' });
  }
}

function key(color: string, text: string, opacity = 1): HTMLElement {
  return h('span', { class: 'pe-key' }, h('span', { class: 'pe-swatch', style: `background:${color};opacity:${opacity}` }), text);
}

defineWidget('pruning-explorer', PruningExplorer);
