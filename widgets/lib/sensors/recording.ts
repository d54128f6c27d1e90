/**
 * A recorded window of motion, as the data set stores it (IndexedDB, JSON, CSV).
 * rows: `[t_ms, ax, ay, az]`, t from the recording's start, m/s²; hz: the sampling rate the
 * rows were taken at (the features use it as fs).
 */
import type { MotionRow, SourceKind } from './types';

export interface Recording {
  id: string;
  /** Class name, e.g. "lado a lado". */
  label: string;
  hz: number;
  rows: MotionRow[];
  source: SourceKind;
  /** ms since the Unix epoch. */
  createdAt: number;
  /** The source stopped before the window was full (e.g. the board was unplugged). */
  partial?: boolean;
}

const SOURCES: readonly SourceKind[] = ['serial', 'phone', 'simulated'];

export function isMotionRow(r: unknown): r is MotionRow {
  return Array.isArray(r) && r.length === 4 && r.every((v) => typeof v === 'number' && Number.isFinite(v));
}

/** Duration covered by the rows, ms (one sample period per row, 0 if empty). */
export function recordingDurationMs(rec: Pick<Recording, 'rows' | 'hz'>): number {
  return (rec.rows.length * 1000) / rec.hz;
}

/**
 * Checks an untrusted object (imported JSON) field by field. Messages are Spanish and name
 * the field; `where` says which recording it is (e.g. «La grabación 3»).
 */
export function validateRecording(x: unknown, where = 'La grabación'): { ok: true; recording: Recording } | { ok: false; message: string } {
  const bad = (m: string) => ({ ok: false as const, message: `${where} ${m}` });
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return bad('no es un objeto.');
  const o = x as Record<string, unknown>;
  if (typeof o.id !== 'string' || o.id.length === 0) return bad('no tiene «id» (un texto).');
  if (typeof o.label !== 'string' || o.label.trim().length === 0) return bad('no tiene etiqueta («label»).');
  if (typeof o.hz !== 'number' || !(o.hz > 0) || !Number.isFinite(o.hz)) return bad('no tiene una frecuencia válida («hz», en Hz, mayor que 0).');
  if (typeof o.source !== 'string' || !SOURCES.includes(o.source as SourceKind)) {
    return bad('tiene una fuente desconocida («source» debe ser serial, phone o simulated).');
  }
  if (typeof o.createdAt !== 'number' || !Number.isFinite(o.createdAt)) return bad('no tiene fecha («createdAt», en ms).');
  if (o.partial !== undefined && typeof o.partial !== 'boolean') return bad('tiene «partial» que no es verdadero/falso.');
  if (!Array.isArray(o.rows) || o.rows.length === 0) return bad('no tiene filas («rows»).');
  for (let i = 0; i < o.rows.length; i++) {
    if (!isMotionRow(o.rows[i])) return bad(`tiene la fila ${i + 1} mal: debe ser [t_ms, ax, ay, az] con cuatro números.`);
  }
  const rec: Recording = {
    id: o.id,
    label: o.label,
    hz: o.hz,
    rows: (o.rows as MotionRow[]).map((r) => [r[0], r[1], r[2], r[3]]),
    source: o.source as SourceKind,
    createdAt: o.createdAt,
  };
  if (o.partial !== undefined) rec.partial = o.partial as boolean;
  return { ok: true, recording: rec };
}

/**
 * Rows at irregular times (the phone's events) -> rows on the grid t = k·1000/hz, k = 0…,
 * by linear interpolation between the neighbouring readings, from the first row's time to the
 * last's. The output's t starts at 0. Rows must be sorted by t.
 */
export function resampleRows(rows: readonly MotionRow[], hz: number): MotionRow[] {
  if (rows.length === 0) return [];
  const t0 = rows[0]![0];
  const span = rows[rows.length - 1]![0] - t0;
  const n = Math.floor((span * hz) / 1000 + 1e-9) + 1;
  const out: MotionRow[] = [];
  let j = 0;
  for (let k = 0; k < n; k++) {
    const t = (k * 1000) / hz;
    while (j < rows.length - 2 && rows[j + 1]![0] - t0 < t) j++;
    const a = rows[j]!;
    const b = rows[Math.min(j + 1, rows.length - 1)]!;
    const ta = a[0] - t0;
    const tb = b[0] - t0;
    const w = tb > ta ? Math.min(1, Math.max(0, (t - ta) / (tb - ta))) : 0;
    out.push([t, a[1] + w * (b[1] - a[1]), a[2] + w * (b[2] - a[2]), a[3] + w * (b[3] - a[3])]);
  }
  return out;
}
