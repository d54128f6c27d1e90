/**
 * Motion data in and out (pure): Edge Impulse's CSV (`timestamp,accX,accY,accZ`, timestamp in
 * ms from 0) and the site's whole-data-set JSON. Import errors are Spanish and name the line.
 */
import { preview } from './messages';
import { validateRecording, type Recording } from './recording';
import type { MotionRow } from './types';

export const EI_HEADER = 'timestamp,accX,accY,accZ';

/** Shortest text that reads back as the same number. */
const num = (x: number): string => String(x);

/**
 * One recording as Edge Impulse's CSV: header, then one row per sample with t − t₀ in ms
 * (rounded to µs: 1000/hz is rarely exact) and the three accelerations unrounded.
 */
export function toEdgeImpulseCsv(rec: Pick<Recording, 'rows'>): string {
  const t0 = rec.rows[0]?.[0] ?? 0;
  let s = EI_HEADER + '\n';
  for (const r of rec.rows) s += `${num(Math.round((r[0] - t0) * 1000) / 1000)},${num(r[1])},${num(r[2])},${num(r[3])}\n`;
  return s;
}

/** Edge Impulse takes the label from the file name, up to the first dot: `<label>.<id>.csv`. */
export function edgeImpulseFileName(rec: Pick<Recording, 'label' | 'id'>): string {
  const clean = (s: string) => s.normalize('NFC').replace(/[\\/:*?"<>|.\s]+/g, '_').replace(/^_+|_+$/g, '') || 'sin_etiqueta';
  return `${clean(rec.label)}.${clean(rec.id)}.csv`;
}

export type CsvResult =
  | { ok: true; hz: number; rows: MotionRow[]; columns: string[] }
  | { ok: false; line: number; message: string };

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const TIME_NAMES = new Set(['timestamp', 'time', 't', 'ms', 'timems', 'timestampms', 'tiempo']);
const axisNames = (l: string) => new Set([l, `a${l}`, `acc${l}`, `accel${l}`, `acceleration${l}`, `accelerometer${l}`]);
const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * Parses a motion CSV. With a header: a time column (timestamp, time, t, ms…) if present and the
 * columns named accX/accY/accZ (or x/y/z, ax…), else the first three others; extra columns
 * are ignored. Without a header: 4 columns = timestamp + 3 axes, 3 columns = axes only (needs
 * `hz`). Separator `,` (or `;` with decimal commas, as a Spanish spreadsheet saves it, or TAB).
 * hz: `opts.hz`, else (n−1)·1000 / (t_last − t_first) from the timestamps (ms), to 0.001 Hz.
 */
export function parseMotionCsv(text: string, opts: { hz?: number } = {}): CsvResult {
  const fail = (line: number, message: string): CsvResult => ({ ok: false, line, message: `Línea ${line}: ${message}` });
  if (opts.hz !== undefined && !(opts.hz > 0 && Number.isFinite(opts.hz))) {
    return { ok: false, line: 0, message: `La frecuencia indicada (${opts.hz}) no es válida: debe ser un número de Hz mayor que 0.` };
  }
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const first = lines.findIndex((l) => l.trim().length > 0);
  if (first === -1) return { ok: false, line: 1, message: 'El archivo está vacío: no hay ninguna fila de datos.' };
  const head = lines[first]!;
  const delim = head.includes(';') ? ';' : head.includes('\t') && !head.includes(',') ? '\t' : ',';
  const split = (l: string) => l.split(delim).map((t) => t.trim().replace(/^"(.*)"$/, '$1'));
  const toNum = (t: string): number | null => {
    const u = delim === ';' ? t.replace(',', '.') : t;
    return NUMBER.test(u) && Number.isFinite(Number(u)) ? Number(u) : null;
  };
  const headTokens = split(head);
  const hasHeader = headTokens.some((t) => toNum(t) === null);
  let columns: string[];
  let tCol: number;
  let axes: number[];
  if (hasHeader) {
    columns = headTokens;
    const n = columns.map(norm);
    tCol = n.findIndex((c) => TIME_NAMES.has(c));
    const named = ['x', 'y', 'z'].map((l) => n.findIndex((c) => axisNames(l).has(c)));
    const others = n.map((_, i) => i).filter((i) => i !== tCol);
    axes = named.every((i) => i >= 0) ? named : others.slice(0, 3);
    if (axes.length < 3) {
      return fail(first + 1, `la cabecera tiene ${others.length} columnas de datos y hacen falta 3 (accX, accY, accZ): "${preview(head)}"`);
    }
  } else if (headTokens.length === 4) {
    [columns, tCol, axes] = [['timestamp', 'accX', 'accY', 'accZ'], 0, [1, 2, 3]];
  } else if (headTokens.length === 3) {
    [columns, tCol, axes] = [['accX', 'accY', 'accZ'], -1, [0, 1, 2]];
    if (opts.hz === undefined) {
      return fail(first + 1, 'el CSV tiene tres columnas sin marca de tiempo; indica la frecuencia de muestreo (por ejemplo --hz 100).');
    }
  } else {
    return fail(first + 1, `hay ${headTokens.length} valores y hacen falta 3 (accX, accY, accZ) o 4 (timestamp y los tres ejes): "${preview(head)}"`);
  }
  const stamps: number[] = [];
  const vals: Array<[number, number, number]> = [];
  let lastLine = first + 1;
  for (let i = hasHeader ? first + 1 : first; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.trim().length === 0) continue;
    lastLine = i + 1;
    const tok = split(l);
    if (tok.length !== columns.length) {
      return fail(i + 1, `esperaba ${columns.length} valores y hay ${tok.length}: "${preview(l)}"`);
    }
    const nums: number[] = [];
    for (let c = 0; c < tok.length; c++) {
      if (c !== tCol && !axes.includes(c)) continue;
      const v = toNum(tok[c]!);
      if (v === null) return fail(i + 1, `«${preview(tok[c]!, 20)}» no es un número (columna ${columns[c]}).`);
      nums[c] = v;
    }
    if (tCol >= 0) {
      const t = nums[tCol]!;
      const prev = stamps[stamps.length - 1];
      if (prev !== undefined && !(t > prev)) {
        return fail(i + 1, `la marca de tiempo ${t} no es mayor que la anterior (${prev}); las filas deben ir en orden de tiempo.`);
      }
      stamps.push(t);
    }
    vals.push([nums[axes[0]!]!, nums[axes[1]!]!, nums[axes[2]!]!]);
  }
  if (vals.length === 0) return fail(lastLine, 'el CSV no tiene ninguna fila de datos después de la cabecera.');
  let hz = opts.hz;
  if (hz === undefined) {
    if (vals.length < 2) return fail(lastLine, 'con una sola fila no se puede calcular la frecuencia; indica la frecuencia de muestreo (--hz).');
    hz = Math.round((((vals.length - 1) * 1000) / (stamps[stamps.length - 1]! - stamps[0]!)) * 1000) / 1000;
  }
  const step = 1000 / hz;
  const rows: MotionRow[] = vals.map((v, i) => [tCol >= 0 ? stamps[i]! - stamps[0]! : i * step, v[0], v[1], v[2]]);
  return { ok: true, hz, rows, columns };
}

export const DATASET_FORMAT = 'tinyml-motion-dataset';

/** A whole data set as JSON: `{format, version: 1, recordings}`. */
export function datasetToJson(recs: readonly Recording[]): string {
  return JSON.stringify({ format: DATASET_FORMAT, version: 1, recordings: recs });
}

export type DatasetResult = { ok: true; recordings: Recording[] } | { ok: false; message: string };

/** Reads datasetToJson's output (or a bare array of recordings), checking every field. */
export function datasetFromJson(text: string): DatasetResult {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return { ok: false, message: `El archivo no es un JSON válido (${(e as Error).message}).` };
  }
  let list: unknown = data;
  if (!Array.isArray(data)) {
    const o = data as { format?: unknown; version?: unknown; recordings?: unknown } | null;
    if (!o || typeof o !== 'object' || o.format !== DATASET_FORMAT) {
      return { ok: false, message: 'El archivo no es un conjunto de datos de movimiento del curso (falta «format»: "tinyml-motion-dataset").' };
    }
    if (o.version !== 1) return { ok: false, message: `Versión de conjunto de datos desconocida (${String(o.version)}); esta página lee la versión 1.` };
    list = o.recordings;
    if (!Array.isArray(list)) return { ok: false, message: 'El conjunto de datos no tiene la lista «recordings».' };
  }
  const out: Recording[] = [];
  const ids = new Set<string>();
  for (let i = 0; i < (list as unknown[]).length; i++) {
    const r = validateRecording((list as unknown[])[i], `La grabación ${i + 1}`);
    if (!r.ok) return { ok: false, message: r.message };
    if (ids.has(r.recording.id)) return { ok: false, message: `La grabación ${i + 1} repite el id «${r.recording.id}».` };
    ids.add(r.recording.id);
    out.push(r.recording);
  }
  return { ok: true, recordings: out };
}
