/**
 * DOM builders for the int8-vs-fp32 widget's results (view.ts only): the side-by-side table, the
 * per-layer error table, the published PTQ table with our measured row, and the speed sentences.
 * Every number is text in a table cell; the small bars inside cells are decoration (aria-hidden).
 */
import { h, uniqueId } from '../lib/widget/dom';
import { fixed, fmt, intText, pct as pctOf, withUnit } from '../lib/format/number';
import type { LatencyStats, LayerError, TallySummary } from './core';
import { PTQ_FACTS, ROUNDING_RMS_STEPS, ptqDrop, sizeComparison, speedVerdict } from './core';

export interface Results {
  sizes?: { fp32: number; int8: number };
  acc?: TallySummary;
  lat?: { fp32: LatencyStats; int8: LatencyStats };
  layers?: LayerError[];
}

const PENDING = '—';
const bytes = (n: number): string => withUnit(n, 'bytes', 0);
/** A percentage with exactly `d` decimals (accuracies line up with the published «70,20 %»). */
const pct = (x: number, d = 2): string => pctOf(x, d, { fixed: true });
const ms = (x: number): string => withUnit(x, 'ms', 3);
/** Signed percentage points; anything that rounds to 0,00 is shown as «0 puntos» (never «−0»). */
const points = (x: number): string => (Math.abs(x) < 0.005 ? '0 puntos' : `${x > 0 ? '+' : ''}${fmt(x, 2)} puntos`);

/**
 * A table with its title above a horizontally scrollable, keyboard-focusable box (wide tables on
 * a phone scroll instead of overflowing; the title stays in view and names both box and table).
 */
function titled(title: string, table: HTMLTableElement): HTMLElement {
  const id = uniqueId('iv-t');
  table.setAttribute('aria-labelledby', id);
  return h('div', { class: 'iv-block' }, h('p', { class: 'iv-caption', id, text: title }),
    h('div', { class: 'iv-scroll', role: 'region', tabindex: 0, 'aria-labelledby': id }, table));
}

/** A cell with its text and a bar of `frac` (0…1) of the cell's width under it. */
function barCell(text: string, frac: number, tone: 'fp32' | 'int8'): HTMLTableCellElement {
  const w = Math.max(0, Math.min(1, frac));
  return h('td', { class: 'iv-num' }, h('span', { text }),
    h('span', { class: `iv-bar iv-${tone}`, 'aria-hidden': 'true' }, h('span', { style: `width:${(100 * w).toFixed(1)}%` })));
}

const row = (...cells: Array<HTMLTableCellElement | string>): HTMLTableRowElement =>
  h('tr', {}, ...cells.map((c, i) => (typeof c === 'string' ? (i === 0 ? h('th', { scope: 'row', text: c }) : h('td', { class: 'iv-num', text: c })) : c)));

export function sideBySide(r: Results, n: number): HTMLElement {
  const head = h('thead', {}, h('tr', {}, ...['Medida', 'float32', 'int8', 'int8 / float32'].map((t) => h('th', { scope: 'col', text: t }))));
  const body = h('tbody');
  if (r.sizes) {
    const { fp32, int8 } = r.sizes;
    const c = sizeComparison(fp32, int8);
    body.append(row('Tamaño del .tflite', barCell(bytes(fp32), 1, 'fp32'), barCell(bytes(int8), c.ratio, 'int8'),
      `${fmt(c.ratio, 2)}× (−${fmt(c.savedPct, 0)} %)`));
  } else body.append(row('Tamaño del .tflite', PENDING, PENDING, PENDING));
  const accLabel = `Exactitud (${intText(r.acc?.n ?? n)} dígitos de prueba)`;
  if (r.acc) body.append(row(accLabel, pct(r.acc.accFp32), pct(r.acc.accInt8), points(-r.acc.dropPoints)));
  else body.append(row(accLabel, PENDING, PENDING, PENDING));
  const latRow = (label: string, key: 'median' | 'p90'): HTMLTableRowElement => {
    if (!r.lat) return row(label, PENDING, PENDING, PENDING);
    const a = r.lat.fp32[key];
    const b = r.lat.int8[key];
    const top = Math.max(a, b);
    const ratio = Math.round((100 * b) / a) / 100; // the word follows the ratio as shown
    return row(label, barCell(ms(a), a / top, 'fp32'), barCell(ms(b), b / top, 'int8'),
      `${fmt(ratio, 2)}× (${ratio < 1 ? 'menos tiempo' : ratio > 1 ? 'más tiempo' : 'lo mismo'})`);
  };
  body.append(latRow('Latencia mediana por inferencia', 'median'), latRow('Latencia p90 por inferencia', 'p90'));
  return titled('float32 e int8 lado a lado, medidos ahora en este navegador', h('table', { class: 'iv-table' }, head, body));
}

export function agreementText(a: TallySummary): string {
  return `Los dos modelos eligen la misma clase en ${a.n === 0 ? 0 : Math.round(a.agreement * a.n)} de ${a.n} dígitos (${pct(a.agreement, 1)}). ` +
    `La mayor diferencia entre una probabilidad del modelo float32 y la del int8 es ${fmt(a.maxAbsDiff, 4)} (las probabilidades van de 0 a 1).`;
}

const OP_LABEL: Record<string, string> = {
  QUANTIZE: 'cuantizar la entrada',
  CONV_2D: 'convolución',
  DEPTHWISE_CONV_2D: 'convolución depthwise',
  FULLY_CONNECTED: 'densa',
  MAX_POOL_2D: 'max pooling',
  AVERAGE_POOL_2D: 'pooling promedio',
  SOFTMAX: 'softmax',
};

export function layerTable(layers: readonly LayerError[], images: number): HTMLElement {
  const head = h('thead', {}, h('tr', {}, ...['Capa', 'Operación', 'Paso s', 'RMSE', 'RMSE en pasos', 'Error relativo']
    .map((t) => h('th', { scope: 'col', text: t }))));
  const top = Math.max(1, ...layers.map((l) => l.rmseSteps).filter(Number.isFinite));
  const body = h('tbody', {}, ...layers.map((l) => h('tr', {},
    h('th', { scope: 'row', class: 'iv-mono', text: l.name }),
    h('td', { text: OP_LABEL[l.op] ?? l.op }),
    h('td', { class: 'iv-num', text: fmt(l.scale, 5) }),
    h('td', { class: 'iv-num', text: fmt(l.rmse, 5) }),
    barCell(fmt(l.rmseSteps, 2), l.rmseSteps / top, 'int8'),
    h('td', { class: 'iv-num', text: Number.isFinite(l.relative) ? pct(l.relative, 2) : PENDING }))));
  return titled(`Error de cuantización capa a capa, sobre ${images} dígitos de prueba`, h('table', { class: 'iv-table iv-layers' }, head, body));
}

export function layerNote(layers: readonly LayerError[]): string {
  const first = layers[0];
  const worst = [...layers].sort((a, b) => b.rmseSteps - a.rmseSteps)[0];
  const base = `Cuando los valores caen en cualquier punto entre dos niveles, redondear a una rejilla de paso s deja un error RMS de s/√12 ≈ ${fmt(ROUNDING_RMS_STEPS, 2)} pasos.`;
  if (!first || !worst) return base;
  const input = first.rmseSteps < 0.01
    ? ' La entrada apenas pierde nada: los píxeles de MNIST ya son múltiplos de 1/255, justo la rejilla que usa el int8 para el rango de 0 a 1.'
    : ` La entrada queda en ${fmt(first.rmseSteps, 2)} pasos.`;
  return `${base}${input} La capa que más se aparta es «${worst.name}», con ${fmt(worst.rmseSteps, 2)} pasos de su propia escala: ` +
    'cada capa recibe ya el error de las anteriores y suma el suyo (pesos redondeados y el reescalado de su salida).';
}

export function ptqTable(acc: TallySummary | undefined): HTMLElement {
  const head = h('thead', {}, h('tr', {}, ...['Modelo', 'Datos', 'float32', 'int8 (PTQ)', 'Variación'].map((t) => h('th', { scope: 'col', text: t }))));
  const body = h('tbody', {}, ...PTQ_FACTS.map((f) => row(f.model, h('td', { text: 'ImageNet, top-1 (publicada)' }),
    `${fixed(f.float, 2)} %`, `${fixed(f.int8, 2)} %`, points(-ptqDrop(f)))));
  const ours = acc
    ? row('CNN de este curso', h('td', { text: `MNIST, ${acc.n} dígitos (medida aquí)` }), pct(acc.accFp32), pct(acc.accInt8), points(-acc.dropPoints))
    : row('CNN de este curso', h('td', { text: 'MNIST (pulsa «Convertir y medir»)' }), PENDING, PENDING, PENDING);
  ours.classList.add('iv-ours');
  body.append(ours);
  return titled('Exactitud antes y después de cuantizar a int8 tras el entrenamiento (PTQ)', h('table', { class: 'iv-table' }, head, body));
}

/** The honest sentence about speed, and why it may go either way. */
export function speedParagraphs(lat: { fp32: LatencyStats; int8: LatencyStats }): HTMLElement[] {
  const v = speedVerdict(lat.fp32.median, lat.int8.median);
  const r = lat.fp32.median / lat.int8.median;
  const lead =
    v === 'int8' ? `En este equipo, int8 ha sido ${fmt(r, 2)} veces más rápido que float32 (mediana).`
      : v === 'fp32' ? `En este equipo, int8 no ha sido más rápido: su mediana es ${fmt(1 / r, 2)} veces la de float32. No es un fallo de la medida.`
        : 'En este equipo, los dos tardan prácticamente lo mismo (menos de un 5 % de diferencia en la mediana).';
  const wasm = (v === 'int8' ? 'Aun así, en el navegador int8 juega con desventaja' : 'En el navegador, int8 lo tiene difícil') +
    ' con un modelo tan pequeño: cada inferencia son unos cientos de miles de multiplicaciones y sumas, ' +
    'así que pesa mucho lo que cuesta igual en los dos modelos (copiar la imagen a la memoria de wasm y el resultado de vuelta). El modelo int8 añade además sus propios pasos: ' +
    'QUANTIZE a la entrada, DEQUANTIZE a la salida y, tras cada capa, reescalar los acumuladores de 32 bits con un multiplicador en coma fija. ' +
    'Y XNNPACK exprime la coma flotante del procesador con las instrucciones SIMD de WebAssembly, cuyo juego estándar no tiene un producto escalar de 8 bits como los que sí ofrecen ARM (SDOT) o x86 (VNNI).';
  const mcu = 'En un microcontrolador la cuenta cambia. Si no tiene unidad de coma flotante (un Cortex-M0+, por ejemplo), cada operación float se emula por software con decenas de instrucciones, ' +
    'mientras que int8 usa la aritmética entera nativa; en un Cortex-M4 o M7, las librerías CMSIS-NN hacen dos multiplicaciones-acumulaciones por instrucción. ' +
    'Además, int8 lee la cuarta parte de memoria para los pesos y las activaciones, y en estos chips mover datos cuesta tanto tiempo y energía como calcular.';
  return [h('p', { class: 'iv-verdict', text: lead }), h('p', { text: wasm }), h('p', { text: mcu })];
}
