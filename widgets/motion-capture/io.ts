/**
 * Files in and out of the capture widget (pure): Edge Impulse CSV, one file per recording named
 * `<label>.<id>.csv` (Edge Impulse takes the label from the name, up to the first dot), and the
 * whole data set as one JSON (lib/sensors/csv). Importing reads any mix of both; each file that
 * cannot be read gets its own Spanish message naming the file, and never stops the others.
 */
import { datasetFromJson, edgeImpulseFileName, parseMotionCsv, toEdgeImpulseCsv } from '../lib/sensors/csv';
import type { Recording } from '../lib/sensors/recording';
import { defaultId } from './session';

export interface OutFile {
  name: string;
  text: string;
  type: string;
}

export const JSON_NAME = 'conjunto-movimiento.json';

export function csvFiles(recs: readonly Recording[]): OutFile[] {
  return recs.map((r) => ({ name: edgeImpulseFileName(r), text: toEdgeImpulseCsv(r), type: 'text/csv' }));
}

/** Rates a CSV's timestamps usually mean: a measured 99,98 Hz is taken as 100 Hz. */
const RATES = [10, 20, 25, 31.25, 50, 62.5, 100, 125, 200, 250, 400, 500, 1000];

export function snapCsvRate(hz: number): number {
  for (const r of RATES) if (Math.abs(hz - r) <= 0.002 * r) return r;
  return hz;
}

const norm = (s: string): string => s.normalize('NFC').toLowerCase().replace(/[_\s]+/g, ' ').trim();

/**
 * The label and id in an Edge Impulse file name: `lado_a_lado.rec-abc-1.csv` → label «lado a
 * lado» when that is a known label (underscores stood for spaces), else «lado_a_lado»; id
 * «rec-abc-1» (null when the name has no middle part).
 */
export function nameParts(fileName: string, knownLabels: readonly string[]): { label: string; id: string | null } {
  const base = fileName.replace(/^.*[\\/]/, '').replace(/\.csv$/i, '');
  const dot = base.indexOf('.');
  const raw = (dot >= 0 ? base.slice(0, dot) : base).trim();
  const rest = dot >= 0 ? base.slice(dot + 1).trim() : '';
  const known = knownLabels.find((l) => norm(l) === norm(raw));
  return { label: known ?? (raw || 'sin etiqueta'), id: rest ? rest.replace(/\s+/g, '_') : null };
}

export interface ImportInput {
  name: string;
  text: string;
}

export interface ImportResult {
  recordings: Recording[];
  /** One Spanish sentence per file that could not be read. */
  errors: string[];
  /** Files whose recording was already stored, identical (not imported again). */
  duplicates: number;
}

const sameRows = (a: Recording, b: Recording): boolean =>
  a.rows.length === b.rows.length && a.rows.every((r, i) => r.every((v, j) => Math.abs(v - b.rows[i]![j]!) < 1e-6));

/**
 * Reads the picked files. `existing`: the stored recordings (ids must not clash; an identical
 * recording under the same id is counted as a duplicate); `now`: createdAt of new recordings, ms.
 */
export function importFiles(files: readonly ImportInput[], existing: readonly Recording[], now: number): ImportResult {
  const out: ImportResult = { recordings: [], errors: [], duplicates: 0 };
  const byId = new Map(existing.map((r) => [r.id, r]));
  const labels = [...new Set(existing.map((r) => r.label))];
  let seq = 0;
  const freshId = (): string => {
    let id: string;
    do id = defaultId(now, ++seq) + '-i'; while (byId.has(id));
    return id;
  };
  const add = (r: Recording): void => {
    const old = byId.get(r.id);
    if (old) {
      if (old.label === r.label && sameRows(old, r)) { out.duplicates++; return; }
      r = { ...r, id: freshId() };
    }
    byId.set(r.id, r);
    if (!labels.includes(r.label)) labels.push(r.label);
    out.recordings.push(r);
  };
  for (const f of files) {
    if (/\.json$/i.test(f.name)) {
      const d = datasetFromJson(f.text);
      if (!d.ok) { out.errors.push(`«${f.name}»: ${d.message}`); continue; }
      for (const r of d.recordings) add(r);
    } else if (/\.csv$/i.test(f.name) || /^\s*timestamp\s*,/i.test(f.text)) {
      const p = parseMotionCsv(f.text);
      if (!p.ok) { out.errors.push(`«${f.name}»: ${p.message}`); continue; }
      const { label, id } = nameParts(f.name, labels);
      add({ id: id ?? freshId(), label, hz: snapCsvRate(p.hz), rows: p.rows, source: 'serial', createdAt: now + out.recordings.length });
    } else {
      out.errors.push(`«${f.name}»: no es un CSV ni un JSON (se esperan archivos .csv de Edge Impulse o el .json del conjunto completo).`);
    }
  }
  return out;
}
