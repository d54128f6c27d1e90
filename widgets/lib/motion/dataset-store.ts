/**
 * The student's motion data set in IndexedDB (browser adapter): database `tinyml-motion`, store
 * `recordings` (db.ts), one lib/sensors Recording per entry, keyed by `id`. Every change made
 * through this module dispatches `tinyml:motion-dataset` on `document`, so every widget on the
 * page (capture, spectrum, features, classifier) rereads it. Failures reject with an Error whose
 * message is Spanish and says what failed and why; nothing is swallowed.
 */
import type { Recording } from '../sensors/recording';
import { RECORDINGS_STORE, idbReason, openMotionDb, reqDone, txDone } from './db';

export const DATASET_EVENT = 'tinyml:motion-dataset';

/** Stable order for lists: createdAt, then id. */
export function byCreatedAt(a: Pick<Recording, 'createdAt' | 'id'>, b: Pick<Recording, 'createdAt' | 'id'>): number {
  return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

const fail = (what: string, e: unknown): Error => new Error(`No se pudo ${what}: ${idbReason(e)}.`);

async function withStore<T>(what: string, mode: IDBTransactionMode, fn: (s: IDBObjectStore) => Promise<T> | T): Promise<T> {
  let db: IDBDatabase;
  try {
    db = await openMotionDb();
  } catch (e) {
    throw new Error(`No se pudo ${what}: ${e instanceof Error ? e.message : String(e)}`);
  }
  try {
    const tx = db.transaction(RECORDINGS_STORE, mode);
    const done = txDone(tx);
    const out = await fn(tx.objectStore(RECORDINGS_STORE));
    await done;
    return out;
  } catch (e) {
    throw fail(what, e);
  }
}

const changed = (): void => {
  if (typeof document !== 'undefined') document.dispatchEvent(new CustomEvent(DATASET_EVENT));
};

/** Every stored recording, sorted by createdAt (then id). */
export async function listRecordings(): Promise<Recording[]> {
  const all = await withStore('leer tus grabaciones', 'readonly', (s) => reqDone(s.getAll() as IDBRequest<Recording[]>));
  return all.sort(byCreatedAt);
}

export async function putRecording(r: Recording): Promise<void> {
  await putRecordings([r]);
}

/** Adds or replaces recordings (same id = replaced) in one transaction. */
export async function putRecordings(rs: readonly Recording[]): Promise<void> {
  if (rs.length === 0) return;
  await withStore(rs.length === 1 ? 'guardar la grabación' : `guardar las ${rs.length} grabaciones`, 'readwrite', (s) => {
    for (const r of rs) s.put(r);
  });
  changed();
}

export async function deleteRecording(id: string): Promise<void> {
  await withStore('borrar la grabación', 'readwrite', (s) => {
    s.delete(id);
  });
  changed();
}

export async function clearRecordings(): Promise<void> {
  await withStore('borrar tus grabaciones', 'readwrite', (s) => {
    s.clear();
  });
  changed();
}

/** Calls `cb` after every change made on this page; returns the unsubscribe function. */
export function onDatasetChange(cb: () => void): () => void {
  const h = (): void => cb();
  document.addEventListener(DATASET_EVENT, h);
  return () => document.removeEventListener(DATASET_EVENT, h);
}

/** Runs `load` now and again after every dataset change (a widget that shows the dataset); returns the unsubscribe function. */
export function loadAndFollowDataset(load: () => void): () => void {
  const off = onDatasetChange(load);
  load();
  return off;
}
