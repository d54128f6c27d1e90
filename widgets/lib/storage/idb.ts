/**
 * IndexedDB plumbing shared by every store of the course (browser adapter): one opener per
 * database that keeps one connection per page (reopened after another tab upgrades it), Spanish
 * reasons for every failure (no IndexedDB, private mode, blocked, quota), and promises for
 * transactions and requests. Used by lib/motion/db.ts (tinyml-motion) and
 * lib/kws/recordings-db.ts (tinyml-kws).
 */

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

export interface DbSpec {
  name: string;
  version: number;
  /** Object stores created on upgrade when missing, each with its keyPath. */
  stores: readonly { name: string; keyPath: string }[];
  /** Said after «Este navegador no tiene IndexedDB…» (e.g. what still works without it). */
  noIdbHint?: string;
}

/** A function that opens `spec`'s database once and hands the same connection to every caller. */
export function dbOpener(spec: DbSpec): () => Promise<IDBDatabase> {
  let opening: Promise<IDBDatabase> | null = null;
  return () => {
    if (opening) return opening;
    const p = new Promise<IDBDatabase>((resolve, reject) => {
      const idb = (globalThis as { indexedDB?: IDBFactory }).indexedDB;
      if (!idb) {
        reject(new Error(`Este navegador no tiene IndexedDB, donde la página guarda tus grabaciones (¿una ventana privada?).${spec.noIdbHint ? ` ${spec.noIdbHint}` : ''}`));
        return;
      }
      let req: IDBOpenDBRequest;
      try {
        req = idb.open(spec.name, spec.version);
      } catch (e) {
        reject(new Error(`No se pudo abrir el almacén del navegador: ${idbReason(e)}.`));
        return;
      }
      req.onupgradeneeded = () => {
        const db = req.result;
        for (const s of spec.stores) if (!db.objectStoreNames.contains(s.name)) db.createObjectStore(s.name, { keyPath: s.keyPath });
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
  };
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
