/**
 * Browser adapter: the learner's own keyword recordings (lesson 17) in IndexedDB database
 * `tinyml-kws`, version 1, object store `recordings` (keyPath 'id').
 *
 * Same approach as lib/motion/db.ts: one connection per page, reopened after a version change;
 * failures reject with an Error whose message is Spanish and says why (no IndexedDB, private
 * mode, blocked, quota). Samples are stored as Float32Array (structured clone).
 */
import { idbReason, reqDone, txDone } from '../motion/db';

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

let opening: Promise<IDBDatabase> | null = null;

export function openKwsDb(): Promise<IDBDatabase> {
  if (opening) return opening;
  const p = new Promise<IDBDatabase>((resolve, reject) => {
    const idb = (globalThis as { indexedDB?: IDBFactory }).indexedDB;
    if (!idb) {
      reject(new Error('Este navegador no tiene IndexedDB, donde la página guarda tus grabaciones (¿una ventana privada?). Puedes seguir usando las muestras incluidas.'));
      return;
    }
    let req: IDBOpenDBRequest;
    try {
      req = idb.open(KWS_DB, KWS_DB_VERSION);
    } catch (e) {
      reject(new Error(`No se pudo abrir el almacén del navegador: ${idbReason(e)}.`));
      return;
    }
    req.onupgradeneeded = () => {
      const db = req.result;
      if (!db.objectStoreNames.contains(KWS_RECORDINGS_STORE)) db.createObjectStore(KWS_RECORDINGS_STORE, { keyPath: 'id' });
    };
    req.onblocked = () => reject(new Error('No se pudo abrir el almacén del navegador: otra pestaña con este curso lo tiene ocupado. Ciérrala o recárgala.'));
    req.onerror = () => reject(new Error(`No se pudo abrir el almacén del navegador: ${idbReason(req.error)}.`));
    req.onsuccess = () => {
      const db = req.result;
      db.onversionchange = () => {
        db.close();
        opening = null;
      };
      db.onclose = () => {
        opening = null;
      };
      resolve(db);
    };
  });
  opening = p;
  p.catch(() => {
    if (opening === p) opening = null;
  });
  return p;
}

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
