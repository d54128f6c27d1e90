/**
 * The one opener of IndexedDB database `tinyml-motion` (browser adapter), shared by the data set
 * store (dataset-store.ts) and «tu modelo de movimiento» (model.ts).
 *
 * Version 1, two object stores:
 * - `recordings`: lib/sensors Recording objects, keyPath 'id';
 * - `models`: `{ key, model }`, keyPath 'key'.
 * The connection is opened once per page and reused; if another tab upgrades the database the
 * connection closes itself and the next call opens a new one. Failures reject with an Error
 * whose message is Spanish and says why (no IndexedDB, private mode, blocked, quota).
 */
export const MOTION_DB = 'tinyml-motion';
export const MOTION_DB_VERSION = 1;
export const RECORDINGS_STORE = 'recordings';
export const MODELS_STORE = 'models';

let opening: Promise<IDBDatabase> | null = null;

/** Spanish reason for an IndexedDB failure (a DOMException name or any error). */
export function idbReason(e: unknown): string {
  const name = (e as { name?: string } | null)?.name ?? '';
  switch (name) {
    case 'QuotaExceededError':
      return 'el navegador no deja más espacio para esta página (borra grabaciones o libera espacio en el disco)';
    case 'InvalidStateError':
    case 'SecurityError':
      return 'este navegador no deja guardar datos aquí (¿una ventana privada o los datos de sitios bloqueados?)';
    case 'VersionError':
      return 'otra pestaña tiene abierta una versión más nueva de esta página: recarga';
    case 'UnknownError':
      return 'el almacenamiento del navegador falló (a veces pasa con el disco lleno); recarga la página';
    case 'AbortError':
      return 'la operación se interrumpió';
    default:
      return e instanceof Error && e.message ? e.message : String(e ?? 'error desconocido');
  }
}

export function openMotionDb(): Promise<IDBDatabase> {
  if (opening) return opening;
  const p = new Promise<IDBDatabase>((resolve, reject) => {
    const idb = (globalThis as { indexedDB?: IDBFactory }).indexedDB;
    if (!idb) {
      reject(new Error('Este navegador no tiene IndexedDB, donde la página guarda tus grabaciones (¿una ventana privada?).'));
      return;
    }
    let req: IDBOpenDBRequest;
    try {
      req = idb.open(MOTION_DB, MOTION_DB_VERSION);
    } catch (e) {
      reject(new Error(`No se pudo abrir el almacén del navegador: ${idbReason(e)}.`));
      return;
    }
    req.onupgradeneeded = () => {
      const db = req.result;
      if (!db.objectStoreNames.contains(RECORDINGS_STORE)) db.createObjectStore(RECORDINGS_STORE, { keyPath: 'id' });
      if (!db.objectStoreNames.contains(MODELS_STORE)) db.createObjectStore(MODELS_STORE, { keyPath: 'key' });
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

/** Resolves when `tx` commits; rejects with the transaction's error (or an abort). */
export function txDone(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new DOMException('transaction failed', 'UnknownError'));
    tx.onabort = () => reject(tx.error ?? new DOMException('transaction aborted', 'AbortError'));
  });
}

/** Resolves with a request's result. */
export function reqDone<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new DOMException('request failed', 'UnknownError'));
  });
}
