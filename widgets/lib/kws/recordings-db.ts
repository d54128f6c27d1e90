/**
 * Browser adapter: the learner's own keyword recordings (lesson 17) in IndexedDB database
 * `tinyml-kws`, version 1, object store `recordings` (keyPath 'id').
 *
 * Opened through lib/storage/idb.ts: one connection per page, reopened after a version change;
 * failures reject with an Error whose message is Spanish and says why (no IndexedDB, private
 * mode, blocked, quota). Samples are stored as Float32Array (structured clone).
 */
import { dbOpener, idbReason, reqDone, txDone } from '../storage/idb';

export interface KwsRecording {
  id: string;
  /** One of the classes of lib/kws-data (e.g. 'sí'). */
  label: string;
  /** Exactly 16000 samples at 16 kHz (1 s), values in [-1, 1]. */
  samples: Float32Array;
  /** ms since the epoch. */
  createdAt: number;
}

export const KWS_DB = 'tinyml-kws';
export const KWS_DB_VERSION = 1;
export const KWS_RECORDINGS_STORE = 'recordings';
/** Samples per recording (1 s at 16 kHz). */
export const KWS_RECORDING_SAMPLES = 16000;
/**
 * Dispatched on window after any change to the recordings (added, deleted, cleared, imported),
 * so other widgets (the trainer) can reload: window.dispatchEvent(new Event(KWS_RECORDINGS_EVENT)).
 */
export const KWS_RECORDINGS_EVENT = 'tinyml-kws-recordings';

export const openKwsDb: () => Promise<IDBDatabase> = dbOpener({
  name: KWS_DB,
  version: KWS_DB_VERSION,
  stores: [{ name: KWS_RECORDINGS_STORE, keyPath: 'id' }],
  noIdbHint: 'Puedes seguir usando las muestras incluidas.',
});

function wrap(action: string, e: unknown): Error {
  return new Error(`No se pudo ${action}: ${idbReason(e)}.`);
}

/** Every stored recording, oldest first. */
export async function listRecordings(): Promise<KwsRecording[]> {
  const db = await openKwsDb();
  try {
    const tx = db.transaction(KWS_RECORDINGS_STORE, 'readonly');
    const all = await reqDone(tx.objectStore(KWS_RECORDINGS_STORE).getAll() as IDBRequest<KwsRecording[]>);
    return all
      .map((r) => ({ ...r, samples: r.samples instanceof Float32Array ? r.samples : new Float32Array(r.samples) }))
      .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  } catch (e) {
    throw wrap('leer tus grabaciones', e);
  }
}

/** Stores (or replaces, same id) one recording. Rejects if samples is not 16000 long. */
export async function addRecording(r: KwsRecording): Promise<void> {
  if (r.samples.length !== KWS_RECORDING_SAMPLES) {
    throw new Error(`Una grabación debe durar 1 s (16000 muestras a 16 kHz); esta tiene ${r.samples.length}.`);
  }
  const db = await openKwsDb();
  try {
    const tx = db.transaction(KWS_RECORDINGS_STORE, 'readwrite');
    tx.objectStore(KWS_RECORDINGS_STORE).put({ id: r.id, label: r.label, samples: r.samples, createdAt: r.createdAt });
    await txDone(tx);
  } catch (e) {
    throw wrap('guardar la grabación', e);
  }
}

export async function deleteRecording(id: string): Promise<void> {
  const db = await openKwsDb();
  try {
    const tx = db.transaction(KWS_RECORDINGS_STORE, 'readwrite');
    tx.objectStore(KWS_RECORDINGS_STORE).delete(id);
    await txDone(tx);
  } catch (e) {
    throw wrap('borrar la grabación', e);
  }
}

export async function clearRecordings(): Promise<void> {
  const db = await openKwsDb();
  try {
    const tx = db.transaction(KWS_RECORDINGS_STORE, 'readwrite');
    tx.objectStore(KWS_RECORDINGS_STORE).clear();
    await txDone(tx);
  } catch (e) {
    throw wrap('borrar tus grabaciones', e);
  }
}
