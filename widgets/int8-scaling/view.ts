import { WidgetElement, defineWidget } from '../lib/widget/element';
import { button, cssVar, fmt, h, resized, uniqueId } from '../lib/widget/dom';
import { chartScale } from '../lib/widget/chart-font';
import { intText } from '../lib/format/number';
import { Cancelled } from '../lib/convert/sliced';
import { ratioChart } from './chart';
import {
  WIDTHS, cleanWidths, crossovers, enginesAgree, latencyRatio, linearFit, phaseControls, sizeOf, sizeRatio, type Phase, type Point,
} from './core';
import { CALIBRATION, CHECKS, GROUPS, REF_CHECKS, sweep } from './runner';
import { configSchema, schema } from './schema';
import './style.css';

const PHASE_TEXT: Record<Phase, string> = {
  listo: 'Pulsa «Convertir y medir»: cada modelo se convierte aquí mismo a float32 y a int8 y se cronometra en LiteRT.js.',
  convirtiendo: '',
  midiendo: '',
  hecho: 'Barrido completo. Repite la medida para ver cuánto varían las latencias en tu equipo.',
  cancelado: 'Barrido cancelado. Los modelos que llegaron a medirse siguen en la tabla y en los gráficos.',
  error: '',
};

class Int8Scaling extends WidgetElement<typeof schema> {
  readonly schema = schema;
  override readonly configSchema = configSchema;
  #abort: AbortController | null = null;
  #points: Point[] = [];
  #drawnWidth = 0;
  #el!: {
    ladder: HTMLElement; run: HTMLButtonElement; cancel: HTMLButtonElement; progress: HTMLProgressElement; status: HTMLElement;
    charts: HTMLElement; size: HTMLElement; lat: HTMLElement; table: HTMLElement; summary: HTMLElement;
  };

  protected setup(): void {
    const progressId = uniqueId('is-prog');
    this.#el = {
      ladder: h('p', { class: 'is-ladder' }),
      run: button('Convertir y medir', () => void this.#run()),
      cancel: button('Cancelar', () => this.#abort?.abort(), { class: 'btn btn-quiet', disabled: true }),
      progress: h('progress', { id: progressId, max: 1, value: 0 }),
      status: h('p', { class: 'is-status', 'aria-live': 'polite' }),
      charts: h('div', { class: 'is-charts' }),
      size: h('div', { class: 'is-chart-box', role: 'img' }),
      lat: h('div', { class: 'is-chart-box', role: 'img' }),
      table: h('div'),
      summary: h('div', { class: 'is-summary' }),
    };
    const e = this.#el;
    e.charts.append(
      h('figure', { class: 'is-fig' }, h('figcaption', { text: 'Tamaño del archivo: int8 / float32' }), e.size),
      h('figure', { class: 'is-fig' }, h('figcaption', { text: 'Latencia en LiteRT.js: int8 / float32' }), e.lat),
    );
    this.append(
      e.ladder,
      h('div', { class: 'is-actions' }, e.run, e.cancel,
        h('div', { class: 'is-progress' }, h('label', { for: progressId, text: 'Progreso del barrido' }), e.progress)),
      e.status,
      h('p', { class: 'is-note', text: `Pesos aleatorios con semilla fija y ${CALIBRATION} imágenes de ruido, también fijas, para calibrar el int8: ` +
        'la exactitud no importa aquí, solo el tamaño y el tiempo. Cada latencia es la mediana de ' +
        `${GROUPS} grupos por modelo; un grupo repite la misma entrada durante al menos 20 ms y 20 pasos del reloj del navegador, alternando los dos modelos.` }),
      e.charts, e.table, e.summary,
    );
    this.onCleanup(() => this.#abort?.abort());
    this.onCleanup(resized(e.charts, () => this.#drawCharts(), { drawn: () => this.#drawnWidth }));
    this.#phase('listo');
  }

  /** The widths to sweep: the state's (URL) when changed from the default, else the author's config, else the ladder. */
  #widths(): number[] {
    const isDefault = this.state.widths.join(',') === WIDTHS.join(',');
    const cfg = this.config<{ widths?: number[] }>({}).widths;
    const w = cleanWidths(isDefault && cfg ? cfg : this.state.widths);
    return w.length ? w : [...WIDTHS];
  }

  protected update(): void {
    const ws = this.#widths();
    this.#el.ladder.textContent = `Modelos del barrido: la red por defecto del curso con ${ws.length} anchuras, ` +
      `multiplicando sus filtros por ${ws.map((k) => `×${k}`).join(', ')}: de ${intText(sizeOf(ws[0]!).params)} a ${intText(sizeOf(ws.at(-1)!).params)} parámetros.`;
    this.#renderResults();
  }

  #phase(p: Phase, text?: string): void {
    this.dataset.phase = p;
    const c = phaseControls(p);
    this.#el.run.disabled = !c.run;
    this.#el.cancel.disabled = !c.cancel;
    const t = text ?? PHASE_TEXT[p];
    if (t) this.#el.status.textContent = t;
  }

  async #run(): Promise<void> {
    if (this.#abort) return;
    const abort = (this.#abort = new AbortController());
    const ws = this.#widths();
    this.#points = [];
    this.#renderResults();
    this.#phase('convirtiendo', 'Preparando el barrido…');
    try {
      await sweep(ws, {
        signal: abort.signal,
        now: () => performance.now(),
        onProgress: (p) => {
          this.#el.progress.value = (p.index + p.done) / p.total;
          if (this.dataset.phase !== p.phase) this.#phase(p.phase, p.text);
          else this.#el.status.textContent = p.text;
        },
        onPoint: (pt) => {
          this.#points.push(pt);
          this.#renderResults();
        },
      });
      this.#el.progress.value = 1;
      this.#phase('hecho');
    } catch (error) {
      if (error instanceof Cancelled) this.#phase('cancelado');
      else {
        console.warn('[int8-scaling]', error);
        this.#phase('error', `No se pudo completar el barrido: ${error instanceof Error ? error.message : String(error)}`);
      }
    } finally {
      if (this.#abort === abort) this.#abort = null;
    }
  }

  #renderResults(): void {
    const pts = [...this.#points].sort((a, b) => a.params - b.params);
    const e = this.#el;
    Object.assign(this.dataset, {
      points: String(pts.length),
      sizeRatios: pts.map((p) => sizeRatio(p).toFixed(4)).join(','),
      latRatios: pts.map((p) => latencyRatio(p).toFixed(4)).join(','),
      agreeMin: pts.length ? String(Math.min(...pts.map((p) => p.agree))) : '',
      engines: pts.every(enginesAgree) ? 'si' : 'no',
    });
    const head = h('thead', {}, h('tr', {}, ...['Anchura', 'Parámetros', 'MAC', 'float32', 'int8', 'Tamaño int8/float32', 'Latencia float32', 'Latencia int8',
      'Latencia int8/float32', 'Misma clase', 'LiteRT = referencia'].map((t) => h('th', { scope: 'col', text: t }))));
    const num = (t: string): HTMLTableCellElement => h('td', { class: 'is-num', text: t });
    const body = h('tbody', {}, ...pts.map((p) => h('tr', {},
      h('th', { scope: 'row', text: `×${p.k}` }), num(intText(p.params)), num(intText(p.macs)),
      num(`${intText(p.fp32Bytes)} B`), num(`${intText(p.int8Bytes)} B`), num(fmt(sizeRatio(p), 3)),
      num(`${fmt(p.fp32Ms, 3)} ms`), num(`${fmt(p.int8Ms, 3)} ms`), num(fmt(latencyRatio(p), 2)),
      num(`${Math.round(p.agree * p.checked)} de ${p.checked}`),
      h('td', { class: 'is-num', 'data-engines': enginesAgree(p) ? 'si' : 'no', text: enginesAgree(p) ? 'sí' : `no (${fmt(p.refFp32, 6)} / ${fmt(p.refInt8, 4)})` }))));
    if (!pts.length) body.append(h('tr', {}, h('td', { colspan: 11, text: 'Todavía no hay medidas: pulsa «Convertir y medir».' })));
    const capId = uniqueId('is-t');
    e.table.replaceChildren(h('p', { class: 'is-caption', id: capId, text: 'Medido ahora en este navegador' }),
      h('div', { class: 'is-scroll', role: 'region', tabindex: 0, 'aria-labelledby': capId },
        h('table', { class: 'is-table', 'aria-labelledby': capId }, head, body)));
    this.#drawCharts();
    e.summary.replaceChildren(...this.#summary(pts).map((t) => h('p', { text: t })));
  }

  #drawCharts(): void {
    const e = this.#el;
    const pts = [...this.#points].sort((a, b) => a.params - b.params);
    const ws = this.#widths();
    const range: [number, number] = [sizeOf(ws[0]!).params, sizeOf(ws.at(-1)!).params];
    const width = Math.max(240, Math.floor(e.size.clientWidth || e.charts.clientWidth || 600));
    this.#drawnWidth = e.charts.clientWidth;
    const k = chartScale(this, 11);
    e.size.replaceChildren(ratioChart(width, {
      points: pts.map((p) => [p.params, sizeRatio(p)]), reference: 0.25, referenceLabel: '1/4: solo los pesos', yLabel: 'int8 / float32', color: cssVar(this, '--c2'),
    }, range, k));
    e.lat.replaceChildren(ratioChart(width, {
      points: pts.map((p) => [p.params, latencyRatio(p)]), reference: 1, referenceLabel: '1: igual de rápido', yLabel: 'int8 / float32', color: cssVar(this, '--c4'),
    }, range, k));
    const list = (f: (p: Point) => number, d: number): string => pts.map((p) => `${intText(p.params)} parámetros: ${fmt(f(p), d)}`).join('; ');
    e.size.setAttribute('aria-label', pts.length ? `Cociente de tamaños int8/float32 frente a los parámetros: ${list(sizeRatio, 3)}. La línea de referencia es 1/4.` : 'Gráfico vacío: todavía no hay medidas.');
    e.lat.setAttribute('aria-label', pts.length ? `Cociente de latencias int8/float32 frente a los parámetros: ${list(latencyRatio, 2)}. La línea de referencia es 1.` : 'Gráfico vacío: todavía no hay medidas.');
  }

  /** Sentences about the student's own measurements (nothing before there are any). */
  #summary(pts: readonly Point[]): string[] {
    if (!pts.length) return [];
    const out: string[] = [];
    const P = pts.map((p) => p.params);
    const f = linearFit(P, pts.map((p) => p.fp32Bytes));
    const q = linearFit(P, pts.map((p) => p.int8Bytes));
    if (f && q)
      out.push(`Una recta por tus puntos: float32 ≈ ${intText(f.a)} B + ${fmt(f.b, 2)} B por parámetro; int8 ≈ ${intText(q.a)} B + ${fmt(q.b, 2)} B por parámetro. ` +
        'El término fijo es lo que pesa el archivo aunque la red no tuviera pesos.');
    const c = crossovers(pts);
    out.push(c.size
      ? `El cociente de tamaños queda a menos de un 10 % de 1/4 (entre 0,225 y 0,275) a partir de ${intText(c.size.params)} parámetros en tus medidas (${fmt(sizeRatio(c.size), 3)}).`
      : `En tus medidas el cociente de tamaños no llega a menos de un 10 % de 1/4; el más bajo es ${fmt(Math.min(...pts.map(sizeRatio)), 3)}.`);
    const slowerLater = c.latency ? pts.filter((p) => p.params > c.latency!.params && latencyRatio(p) > 1) : [];
    out.push(c.latency
      ? `El primer tamaño en que el int8 tarda lo mismo o menos que el float32 en tu equipo es ${intText(c.latency.params)} parámetros (cociente ${fmt(latencyRatio(c.latency), 2)}).` +
        (slowerLater.length ? ` Con ${slowerLater.map((p) => intText(p.params)).join(' y ')} parámetros vuelve a ser más lento: en un navegador, las latencias cambian de una medida a otra según lo que haga el equipo.` : '')
      : 'En tu equipo, el int8 no llega a ser tan rápido como el float32 en ninguno de estos tamaños.');
    const worst = Math.min(...pts.map((p) => p.agree));
    out.push(`Comprobación: en cada modelo, float32 e int8 eligen la misma clase en al menos ${fmt(100 * worst, 0)} % de las ${CHECKS} imágenes de prueba. ` +
      'Con pesos aleatorios las diez probabilidades quedan muy parejas, y el redondeo del int8 basta para cambiar la ganadora en alguna imagen. ' +
      (pts.every(enginesAgree)
        ? `Y en las ${REF_CHECKS} primeras, LiteRT da lo mismo que los intérpretes de referencia del curso: float32 a menos de 0,0001 e int8 a menos de un paso de su salida (1/256).`
        : 'En algún modelo LiteRT no coincide con los intérpretes de referencia del curso: mira la última columna.'));
    return out;
  }
}

defineWidget('int8-scaling', Int8Scaling);
