/**
 * «Convertir a .tflite» (DOM): the trained model through lib/motion/export.ts (lib/convert) to a
 * float32 and an int8 .tflite, the int8 model as a C header and the normalisation as another; the
 * sizes, how the int8 file does on the test windows against float32 (both run in the repo's
 * reference interpreter, lib/int8ref), and real download links (object URLs, revoked when the
 * files are replaced or the widget leaves the page).
 */
import { runModel } from '../lib/int8ref/run';
import { argmax, normalizeFeatures, type MotionModelData } from '../lib/motion/model';
import { convertMotionModel, FILES, type MotionTflite } from '../lib/motion/export';
import { h } from '../lib/widget/dom';
import { pct, sizeText } from './core';

export interface ExportResult {
  files: MotionTflite;
  fp32Acc: number;
  int8Acc: number;
  agree: number;
  n: number;
}

/** Converts and scores on the test windows (raw features and classes). */
export function convertAndScore(m: MotionModelData, calibration: number[][], test: { x: number[][]; y: number[] }): ExportResult {
  const files = convertMotionModel(m, calibration);
  let ok32 = 0;
  let ok8 = 0;
  let agree = 0;
  test.x.forEach((x, i) => {
    const z = Float32Array.from(normalizeFeatures(m, x));
    const a = argmax(runModel(files.set.fp32.model, z).output);
    const b = argmax(runModel(files.set.int8.model, z).output);
    if (a === test.y[i]) ok32++;
    if (b === test.y[i]) ok8++;
    if (a === b) agree++;
  });
  const n = test.y.length;
  return { files, fp32Acc: n ? ok32 / n : Number.NaN, int8Acc: n ? ok8 / n : Number.NaN, agree, n };
}

export class ExportPanel {
  readonly root = h('div', { class: 'mcl-export' });
  #urls: string[] = [];

  clear(): void {
    for (const u of this.#urls) URL.revokeObjectURL(u);
    this.#urls = [];
    this.root.replaceChildren();
  }

  show(r: ExportResult): void {
    this.clear();
    const link = (data: Uint8Array | string, name: string, type: string): HTMLAnchorElement => {
      const part: BlobPart = typeof data === 'string' ? data : new Uint8Array(data);
      const url = URL.createObjectURL(new Blob([part], { type }));
      this.#urls.push(url);
      return h('a', { href: url, download: name, class: 'btn btn-quiet mcl-dl', text: 'Descargar', 'aria-label': `Descargar ${name}` });
    };
    const f = r.files;
    const rows: Array<[string, string, number, HTMLAnchorElement]> = [
      [FILES.fp32, 'float32: los pesos tal cual', f.set.fp32.bytes.length, link(f.set.fp32.bytes, FILES.fp32, 'application/octet-stream')],
      [FILES.int8, 'int8, con entrada y salida float32', f.set.int8.bytes.length, link(f.set.int8.bytes, FILES.int8, 'application/octet-stream')],
      [FILES.header, `C: el modelo int8 con E/S int8 (${f.set.int8io.bytes.length} bytes) para TFLite Micro`, f.header.length, link(f.header, FILES.header, 'text/x-c')],
      [FILES.params, 'C: clases, normalización y cuantización de la entrada', f.params.length, link(f.params, FILES.params, 'text/x-c')],
    ];
    const ratio = f.set.int8.bytes.length / f.set.fp32.bytes.length;
    this.root.append(
      h('div', { class: 'mcl-table-wrap', tabindex: 0, role: 'region', 'aria-label': 'Archivos convertidos' },
        h('table', { class: 'mcl-table mcl-files' },
          h('thead', {}, h('tr', {}, ...['Archivo', 'Qué es', 'Tamaño', 'Descarga'].map((t) => h('th', { scope: 'col', text: t })))),
          h('tbody', {}, ...rows.map(([name, what, size, a]) => h('tr', { 'data-file': name },
            h('th', { scope: 'row', class: 'mcl-file', text: name }), h('td', { text: what }), h('td', { class: 'mcl-size', text: sizeText(size) }), h('td', {}, a)))))),
      h('p', { class: 'mcl-note', text: `El int8 ocupa ${pct(ratio, 0)} del float32. ` +
        `En las ${r.n} ventanas de prueba, ejecutados con el intérprete de referencia del curso: float32 acierta ${Math.round(r.fp32Acc * r.n)}, ` +
        `int8 acierta ${Math.round(r.int8Acc * r.n)}, y los dos eligen la misma clase en ${r.agree}. ` +
        'La red recibe las características ya normalizadas: la placa debe restar las medias y dividir por las desviaciones de motion_params.h antes de llamarla.' }),
    );
  }
}
