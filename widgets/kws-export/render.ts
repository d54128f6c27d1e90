/**
 * DOM builders for the kws-export results (view.ts only): the files with their downloads, the
 * three engines side by side, the agreement sentence, the int8 confusion matrix, what the int8
 * file holds (with the input's scale and zero point) and what the C header is. Every number is
 * text in a table cell or a sentence; the small bars in cells are decoration (aria-hidden).
 */
import { button, h } from '../lib/widget/dom';
import { tableHead as headRow, titledTable } from '../lib/widget/table';
import { fmtBytes, fmtSig } from '../lib/tflite/format';
import type { EvalSummary, TensorQuant } from './core';
import { ARRAY_NAME, FILES, int8Range, quantizeForBoard, sizeRatio } from './core';
import { intText, pct } from '../lib/format/number';

const pctFixed = (x: number, d = 1): string => pct(x, d, { fixed: true });
/** A number with a decimal comma and a true minus sign. */
const num = (v: number, sig = 4): string => fmtSig(v, sig);

/** A table under a title, in a keyboard-focusable box that scrolls sideways on a phone. */
const titled = (title: string, table: HTMLTableElement): HTMLElement => titledTable('ke', title, table);

export interface FileRow {
  name: string;
  what: string;
  bytes: number;
  download: () => void;
}

export function filesTable(rows: readonly FileRow[]): HTMLElement {
  const body = h('tbody', {}, ...rows.map((r) => h('tr', {},
    h('th', { scope: 'row' }, h('code', { text: r.name }), h('span', { class: 'ke-what', text: r.what })),
    h('td', { class: 'ke-num', text: fmtBytes(r.bytes) }),
    h('td', {}, button('Descargar', r.download, { class: 'btn btn-quiet', 'aria-label': `Descargar ${r.name}` })))));
  return titled('Los archivos exportados', h('table', { class: 'ke-table ke-files' }, headRow('Archivo', 'Tamaño', 'Descarga'), body));
}

/** One line under the files table: how much smaller int8 is and why not 4 times. */
export function sizeNote(fp32Bytes: number, int8Bytes: number, params: number): string {
  const r = sizeRatio(fp32Bytes, int8Bytes);
  return `El modelo tiene ${intText(params)} parámetros. En int8 cada peso pasa de 4 bytes a 1 (los sesgos siguen en 32 bits), ` +
    `pero el archivo int8 ocupa el ${pctFixed(r, 0)} del float32, no la cuarta parte: en un modelo tan pequeño pesa mucho lo que no son pesos ` +
    '(la descripción de cada tensor, sus escalas y puntos cero, y las operaciones QUANTIZE y DEQUANTIZE).';
}

function barCell(text: string, frac: number, tone: string): HTMLTableCellElement {
  const w = Math.max(0, Math.min(1, frac));
  return h('td', { class: 'ke-num' }, h('span', { text }),
    h('span', { class: `ke-bar ke-${tone}`, 'aria-hidden': 'true' }, h('span', { style: `width:${(100 * w).toFixed(1)}%` })));
}

export interface Sizes {
  /** Bytes of the tfjs weights (4 per parameter; model.json aside). */
  tfjs: number;
  fp32: number;
  int8: number;
}

export function sideBySide(s: EvalSummary, sizes: Sizes): HTMLElement {
  const rows: Array<[string, string, keyof Sizes]> = [
    ['TensorFlow.js, float32', 'el modelo original (pesos en weights.bin)', 'tfjs'],
    ['LiteRT.js, float32', FILES.fp32, 'fp32'],
    ['LiteRT.js, int8', FILES.int8, 'int8'],
  ];
  const top = Math.max(sizes.tfjs, sizes.fp32, sizes.int8);
  const body = h('tbody', {}, ...rows.map(([engine, file, k]) => h('tr', { class: k === 'int8' ? 'ke-int8-row' : '' },
    h('th', { scope: 'row' }, engine, h('span', { class: 'ke-what' }, k === 'tfjs' ? file : h('code', { text: file }))),
    barCell(pctFixed(s.accuracy[k]), s.accuracy[k], k === 'int8' ? 'int8' : 'fp32'),
    h('td', { class: 'ke-num', text: `${s.correct[k]} de ${s.n}` }),
    barCell(fmtBytes(sizes[k]), sizes[k] / top, k === 'int8' ? 'int8' : 'fp32'))));
  return titled(`Exactitud con las voces de prueba (${s.n} clips de voces que el modelo nunca oyó)`,
    h('table', { class: 'ke-table' }, headRow('Motor y archivo', 'Exactitud', 'Aciertos', 'Tamaño'), body));
}

export function agreementText(s: EvalSummary): string {
  const diff = s.n - s.agreeInt8Fp32;
  const same = `El int8 y el float32 eligen la misma palabra en ${s.agreeInt8Fp32} de ${s.n} clips de prueba (${pctFixed(s.n ? s.agreeInt8Fp32 / s.n : NaN)})`;
  const rest = diff === 0 ? '; cuantizar no ha cambiado ninguna decisión.' : `; en ${diff === 1 ? '1 clip' : `${diff} clips`} cuantizar cambió la decisión.`;
  const f = s.agreeFp32Tfjs === s.n
    ? ` El .tflite float32 coincide con TensorFlow.js en todos (diferencia máxima de probabilidad ${fmtSig(s.maxDiffFp32Tfjs, 2)}: las mismas cuentas en otro orden).`
    : ` El .tflite float32 coincide con TensorFlow.js en ${s.agreeFp32Tfjs} de ${s.n}.`;
  return `${same}${rest}${f}`;
}

export function confusionTable(classes: readonly string[], m: readonly (readonly number[])[]): HTMLElement {
  const max = Math.max(1, ...m.flat());
  const head = h('thead', {},
    h('tr', {}, h('td', { class: 'ke-corner' }), h('th', { scope: 'colgroup', colspan: classes.length, text: 'El modelo int8 dijo…' })),
    h('tr', {}, h('th', { scope: 'col', text: 'Era…' }), ...classes.map((c) => h('th', { scope: 'col', text: `«${c}»` }))));
  const body = h('tbody', {}, ...m.map((row, i) => h('tr', {},
    h('th', { scope: 'row', text: `«${classes[i]}»` }),
    ...row.map((v, j) => {
      const cell = h('td', { class: `ke-num ke-cm${i === j ? ' ke-diag' : v > 0 ? ' ke-off' : ''}`, text: String(v) });
      cell.style.setProperty('--ke-a', (v / max).toFixed(3));
      return cell;
    }))));
  return titled('Matriz de confusión del modelo int8 (filas: la palabra que era; columnas: la que dijo)', h('table', { class: 'ke-table ke-confusion' }, head, body));
}

/** Sentence under the matrix: the biggest off-diagonal cell, if any. */
export function confusionNote(classes: readonly string[], m: readonly (readonly number[])[]): string {
  let best: [number, number, number] | null = null;
  m.forEach((row, i) => row.forEach((v, j) => {
    if (i !== j && v > 0 && (!best || v > best[2])) best = [i, j, v];
  }));
  if (!best) return 'La diagonal lo tiene todo: el int8 no confunde ninguna palabra de prueba.';
  const [i, j, v] = best as [number, number, number];
  return `La diagonal son los aciertos. La confusión más frecuente: ${v === 1 ? 'un clip' : `${v} clips`} de «${classes[i]}» que el int8 tomó por «${classes[j]}».`;
}

/** What the int8 file holds, with the input's two numbers and a worked value. */
export function quantSection(q: { input: TensorQuant; output: TensorQuant }, example: number): HTMLElement[] {
  const { input, output } = q;
  const [lo, hi] = int8Range(input);
  const code = quantizeForBoard(example, input);
  const box = h('dl', { class: 'ke-quant', 'data-scale': String(input.scale), 'data-zero-point': String(input.zeroPoint) },
    h('div', {}, h('dt', { text: 'Escala de la entrada (s)' }), h('dd', { class: 'ke-big', text: num(input.scale, 6) })),
    h('div', {}, h('dt', { text: 'Punto cero de la entrada (z)' }), h('dd', { class: 'ke-big', text: String(input.zeroPoint).replace('-', '−') })));
  return [
    h('p', { text: 'El archivo int8 no guarda números reales: guarda enteros de 8 bits y, para cada tensor, dos números que dicen cómo leerlos, ' +
      'la escala s y el punto cero z: valor real = s · (q − z). Los pesos de cada convolución llevan una escala por filtro (punto cero 0), ' +
      'los de la capa densa una sola; los sesgos van en enteros de 32 bits; y cada activación, una escala y un punto cero medidos al calibrar ' +
      'con los clips de entrenamiento: el rango que tomó ese tensor se reparte entre los 256 valores de int8.' }),
    h('p', { text: 'También la entrada está cuantizada. La placa calcula sus MFCC en coma flotante, los normaliza con la media y la desviación de cada coeficiente ' +
      '(las mismas del entrenamiento) y, antes de dárselos al modelo, los convierte a int8 con estos dos números:' }),
    box,
    h('p', { class: 'ke-formula', text: `q = redondear(x / ${num(input.scale, 6)}) + ${input.zeroPoint < 0 ? `(${String(input.zeroPoint).replace('-', '−')})` : input.zeroPoint}, recortado a [−128, 127]` }),
    h('p', { text: `Por ejemplo, el primer valor del primer clip de prueba (el coeficiente 0 de su primera trama), ya normalizado, es x = ${num(example, 4)}: la placa lo envía como q = ${String(code).replace('-', '−')}. ` +
      `Con esta escala, la entrada int8 cubre de ${num(lo, 4)} a ${num(hi, 4)} (en desviaciones típicas): lo que se salga se recorta. ` +
      `La salida también es int8: escala ${num(output.scale, 6)} y punto cero ${String(output.zeroPoint).replace('-', '−')}, así que la probabilidad de cada palabra es ${num(output.scale, 6)} · (q + 128).` }),
  ];
}

/** What the header is and where it goes. */
export function headerSection(file: Uint8Array, ops: readonly string[], snippet: string): HTMLElement[] {
  const bytes = file.length;
  const first = Array.from(file.subarray(0, 12), (b) => `0x${b.toString(16).padStart(2, '0')}`).join(', ');
  return [
    h('p', {}, 'Un microcontrolador no tiene sistema de archivos del que leer un .tflite: el modelo viaja dentro del programa. ',
      h('code', { text: FILES.header }),
      ` es el mismo modelo int8 (esta vez con entrada y salida int8, sin QUANTIZE ni DEQUANTIZE) escrito como un array de C de ${intText(bytes)} bytes:`),
    h('pre', { class: 'ke-code', tabindex: 0, 'aria-label': 'Cómo empieza la cabecera' }, h('code', {
      text: `alignas(16) const unsigned char ${ARRAY_NAME}[] = {\n  ${first}, …\n};\nconst unsigned int ${ARRAY_NAME}_len = ${bytes};`,
    })),
    h('p', { text: '«const» hace que el compilador lo deje en la memoria flash y no lo copie a la RAM, que es mucho más escasa. ' +
      '«alignas(16)» lo coloca en una dirección múltiplo de 16: TFLite Micro lee los pesos directamente del array, sin copiarlos, ' +
      'y sus núcleos esperan los datos alineados. Los bytes 4 a 7 son «TFL3», la marca de un archivo TensorFlow Lite. ' +
      'Al final de la cabecera van la media y la desviación de cada coeficiente, la escala y el punto cero de la entrada y de la salida, y los nombres de las clases.' }),
    h('p', { text: `Ponlo en la carpeta del sketch, junto al .ino, e inclúyelo. El modelo usa ${ops.length} operaciones (${ops.join(', ')}), las que hay que registrar:` }),
    h('pre', { class: 'ke-code', tabindex: 0, 'aria-label': 'Fragmento del sketch que usa la cabecera' }, h('code', { text: snippet })),
  ];
}
