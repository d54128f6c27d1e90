// /ajustes/ «Lo que guardas en este navegador» (browser adapter of src/lib/storage/backup.ts):
// reads every `tinyml:` localStorage key, every IndexedDB database named `tinyml-…` and the
// course's tfjs models (database `tensorflowjs`, modelPath `tinyml-…`); exports them to one JSON
// file, imports one back (validated whole before any write; existing data with other keys is
// kept, same keys are replaced) and erases them after the dialog's confirmation.
// States on [data-storage]'s data-phase: 'cargando' · 'listo' · 'importado' · 'rechazado' ·
// 'borrado' · 'error'.
import {
  approxBytes, encodeBackup, groupLocalStorage, IDB_PREFIX, LS_PREFIX, parseBackup, STORE_LABELS,
  TFJS_DB, TFJS_INFO_STORE, TFJS_MODELS_STORE, type Backup, type DbDump, type TfjsModelDump,
} from '../lib/storage/backup';
import { idbReason } from '../../widgets/lib/storage/idb';
import { intText, sizeText } from '../../widgets/lib/format/number';
import { parts } from './dom-parts';

const req = <T>(r: IDBRequest<T>): Promise<T> => new Promise((res, rej) => {
  r.onsuccess = () => res(r.result);
  r.onerror = () => rej(r.error);
});

function open(name: string, version?: number, upgrade?: (db: IDBDatabase) => void): Promise<IDBDatabase> {
  return new Promise((res, rej) => {
    const r = version === undefined ? indexedDB.open(name) : indexedDB.open(name, version);
    r.onupgradeneeded = () => upgrade?.(r.result);
    r.onsuccess = () => res(r.result);
    r.onerror = () => rej(r.error);
    r.onblocked = () => rej(new Error('otra pestaña con el curso tiene abierta esta base de datos: ciérrala y vuelve a intentarlo'));
  });
}

const done = (tx: IDBTransaction): Promise<void> => new Promise((res, rej) => {
  tx.oncomplete = () => res();
  tx.onerror = () => rej(tx.error);
  tx.onabort = () => rej(tx.error ?? new Error('la operación se interrumpió'));
});

async function databases(): Promise<Map<string, number>> {
  const list = (await indexedDB.databases?.()) ?? [];
  return new Map(list.filter((d) => d.name).map((d) => [d.name!, d.version ?? 1]));
}

function readLocalStorage(): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < localStorage.length; i++) {
    const k = localStorage.key(i);
    if (k?.startsWith(LS_PREFIX)) out[k] = localStorage.getItem(k) ?? '';
  }
  return out;
}

async function readDb(name: string): Promise<DbDump> {
  const db = await open(name);
  try {
    const names = [...db.objectStoreNames];
    const stores = [];
    for (const s of names) {
      const tx = db.transaction(s, 'readonly');
      const st = tx.objectStore(s);
      const [values, keys] = await Promise.all([req(st.getAll()), req(st.getAllKeys())]);
      const outOfLine = st.keyPath === null;
      stores.push({
        name: s,
        keyPath: st.keyPath as string | string[] | null,
        autoIncrement: st.autoIncrement,
        records: values.map((value, i) => (outOfLine ? { key: keys[i], value } : { value })),
      });
    }
    return { name, version: db.version, stores };
  } finally {
    db.close();
  }
}

async function readTfjs(existing: Map<string, number>): Promise<TfjsModelDump[]> {
  if (!existing.has(TFJS_DB)) return [];
  const db = await open(TFJS_DB);
  try {
    if (!db.objectStoreNames.contains(TFJS_MODELS_STORE) || !db.objectStoreNames.contains(TFJS_INFO_STORE)) return [];
    const tx = db.transaction([TFJS_MODELS_STORE, TFJS_INFO_STORE], 'readonly');
    const [models, infos] = await Promise.all([req(tx.objectStore(TFJS_MODELS_STORE).getAll()), req(tx.objectStore(TFJS_INFO_STORE).getAll())]);
    const info = new Map(infos.map((i: { modelPath: string }) => [i.modelPath, i]));
    return models
      .filter((m: { modelPath?: unknown }) => typeof m.modelPath === 'string' && m.modelPath.startsWith(IDB_PREFIX) && info.has(m.modelPath))
      .map((m: { modelPath: string }) => ({ modelPath: m.modelPath, model: m, info: info.get(m.modelPath) }));
  } finally {
    db.close();
  }
}

/** Everything the course keeps in this browser, as raw values. */
export async function readAll(now: Date = new Date()): Promise<Backup> {
  const existing = await databases();
  const names = [...existing.keys()].filter((n) => n.startsWith(IDB_PREFIX)).sort();
  return {
    format: 'tinyml-respaldo',
    version: 1,
    exportedAt: now.toISOString(),
    localStorage: readLocalStorage(),
    indexedDB: await Promise.all(names.map(readDb)),
    tfjsModels: await readTfjs(existing),
  };
}

/** Checks that `b` can be written without bumping any database past the version its widgets open. */
async function preflight(b: Backup): Promise<string | null> {
  const existing = await databases();
  for (const d of b.indexedDB) {
    const ev = existing.get(d.name);
    if (ev === undefined || ev <= d.version) continue;
    const db = await open(d.name);
    const missing = d.stores.filter((s) => !db.objectStoreNames.contains(s.name)).map((s) => s.name);
    db.close();
    if (missing.length > 0) return `El respaldo es de una versión anterior del curso: «${d.name}» ya no tiene ${missing.join(', ')}. No se ha cambiado nada.`;
  }
  if (b.tfjsModels.length > 0 && existing.has(TFJS_DB)) {
    const db = await open(TFJS_DB);
    const ok = db.objectStoreNames.contains(TFJS_MODELS_STORE) && db.objectStoreNames.contains(TFJS_INFO_STORE);
    db.close();
    if (!ok) return 'La base de datos de modelos de TensorFlow.js de este navegador no tiene la forma esperada: no se pueden importar los modelos. No se ha cambiado nada.';
  }
  return null;
}

async function writeDb(d: DbDump, ev: number | undefined): Promise<void> {
  const db = await open(d.name, Math.max(d.version, ev ?? 0), (up) => {
    for (const s of d.stores) if (!up.objectStoreNames.contains(s.name)) up.createObjectStore(s.name, { keyPath: s.keyPath, autoIncrement: s.autoIncrement });
  });
  try {
    if (d.stores.length === 0) return;
    const tx = db.transaction(d.stores.map((s) => s.name), 'readwrite');
    for (const s of d.stores) {
      const st = tx.objectStore(s.name);
      for (const r of s.records) {
        if (st.keyPath === null && r.key !== undefined) st.put(r.value, r.key as IDBValidKey);
        else st.put(r.value);
      }
    }
    await done(tx);
  } finally {
    db.close();
  }
}

const tfjsUpgrade = (up: IDBDatabase): void => {
  if (!up.objectStoreNames.contains(TFJS_MODELS_STORE)) up.createObjectStore(TFJS_MODELS_STORE, { keyPath: 'modelPath' });
  if (!up.objectStoreNames.contains(TFJS_INFO_STORE)) up.createObjectStore(TFJS_INFO_STORE, { keyPath: 'modelPath' });
};

async function writeAll(b: Backup): Promise<void> {
  const existing = await databases();
  for (const d of b.indexedDB) await writeDb(d, existing.get(d.name));
  if (b.tfjsModels.length > 0) {
    // tfjs creates its database at version 1; an existing one is written at the version it has.
    const db = existing.has(TFJS_DB) ? await open(TFJS_DB) : await open(TFJS_DB, 1, tfjsUpgrade);
    try {
      const tx = db.transaction([TFJS_MODELS_STORE, TFJS_INFO_STORE], 'readwrite');
      for (const m of b.tfjsModels) {
        tx.objectStore(TFJS_MODELS_STORE).put(m.model);
        tx.objectStore(TFJS_INFO_STORE).put(m.info);
      }
      await done(tx);
    } finally {
      db.close();
    }
  }
  for (const [k, v] of Object.entries(b.localStorage)) localStorage.setItem(k, v);
}

export async function eraseAll(): Promise<void> {
  for (const k of Object.keys(readLocalStorage())) localStorage.removeItem(k);
  const existing = await databases();
  for (const name of existing.keys()) {
    if (!name.startsWith(IDB_PREFIX)) continue;
    await new Promise<void>((res, rej) => {
      const r = indexedDB.deleteDatabase(name);
      r.onsuccess = () => res();
      r.onerror = () => rej(r.error);
      r.onblocked = () => rej(new Error('otra pestaña con el curso tiene abierta una base de datos: ciérrala y vuelve a intentarlo'));
    });
  }
  if (existing.has(TFJS_DB)) {
    const db = await open(TFJS_DB);
    try {
      const stores = [TFJS_MODELS_STORE, TFJS_INFO_STORE].filter((s) => db.objectStoreNames.contains(s));
      if (stores.length > 0) {
        const tx = db.transaction(stores, 'readwrite');
        for (const s of stores) {
          const st = tx.objectStore(s);
          for (const k of await req(st.getAllKeys())) if (String(k).startsWith(IDB_PREFIX)) st.delete(k);
        }
        await done(tx);
      }
    } finally {
      db.close();
    }
  }
  document.dispatchEvent(new CustomEvent('tinyml:datos-borrados'));
}

const plural = (n: number, one: string, many: string): string => `${intText(n)} ${n === 1 ? one : many}`;

function render(list: HTMLElement, b: Backup): number {
  list.replaceChildren();
  let total = 0;
  const add = (label: string, detail: string, bytes: number, kind: string): void => {
    total += bytes;
    const li = document.createElement('li');
    li.dataset.kind = kind;
    const name = document.createElement('span');
    name.className = 'st-label';
    name.textContent = label;
    const size = document.createElement('span');
    size.className = 'st-size';
    size.textContent = sizeText(bytes);
    const det = document.createElement('span');
    det.className = 'st-detail';
    det.textContent = detail;
    li.append(name, size, det);
    list.append(li);
  };
  for (const g of groupLocalStorage(b.localStorage)) {
    let detail = plural(g.keys.length, 'entrada', 'entradas');
    if (g.keys.length === 1 && g.keys[0] === 'tinyml:progreso') {
      try {
        const done = JSON.parse(b.localStorage['tinyml:progreso']!) as unknown;
        if (Array.isArray(done)) detail = plural(done.length, 'lección completada', 'lecciones completadas');
      } catch { /* shown as an entry */ }
    }
    if (g.label === 'Otros datos del curso') detail += `: ${g.keys.join(', ')}`;
    add(g.label, `${detail} (localStorage)`, g.bytes, 'localStorage');
  }
  for (const d of b.indexedDB) {
    const n = d.stores.reduce((s, st) => s + st.records.length, 0);
    const bytes = d.stores.reduce((s, st) => s + st.records.reduce((t, r) => t + approxBytes(r.value) + approxBytes(r.key), 0), 0);
    add(STORE_LABELS[d.name] ?? `Base de datos «${d.name}»`, `${plural(n, 'registro', 'registros')} (IndexedDB «${d.name}»)`, bytes, 'indexedDB');
  }
  for (const m of b.tfjsModels) {
    add(STORE_LABELS[m.modelPath] ?? `Modelo «${m.modelPath}»`, `modelo de TensorFlow.js (indexeddb://${m.modelPath})`, approxBytes(m.model), 'tfjs');
  }
  if (list.children.length === 0) {
    const li = document.createElement('li');
    li.className = 'st-empty';
    li.textContent = 'Nada: el curso no guarda aún ningún dato tuyo en este navegador.';
    list.append(li);
  }
  return total;
}

export function initSettingsStorage(): void {
  const box = document.querySelector<HTMLElement>('[data-storage]');
  if (!box) return;
  type Parts = { list: HTMLElement; total: HTMLElement; status: HTMLElement; export: HTMLButtonElement; file: HTMLInputElement; erase: HTMLButtonElement };
  const { list, total, status, export: exportBtn, file, erase: eraseBtn } = parts<Parts>(box, 'storage', ['list', 'total', 'status', 'export', 'file', 'erase']);
  const dialog = document.querySelector<HTMLDialogElement>('[data-storage-dialog]')!;
  const say = (text: string, kind: 'ok' | 'err' | '' = ''): void => {
    status.textContent = text;
    status.dataset.kind = kind;
  };
  const refresh = async (): Promise<Backup | null> => {
    try {
      const b = await readAll();
      const bytes = render(list, b);
      total.textContent = `En total, unos ${sizeText(bytes)} de datos tuyos.`;
      box.dataset.items = String(list.querySelectorAll('li:not(.st-empty)').length);
      return b;
    } catch (e) {
      box.dataset.phase = 'error';
      say(`No se pudo leer lo guardado: ${idbReason(e)}.`, 'err');
      return null;
    }
  };

  exportBtn.addEventListener('click', async () => {
    const b = await refresh();
    if (!b) return;
    try {
      const text = await encodeBackup(b);
      const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = `curso-tinyml-respaldo-${b.exportedAt.slice(0, 10)}.json`;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      say(`Respaldo descargado: ${a.download} (${sizeText(text.length)}).`, 'ok');
    } catch (e) {
      say(`No se pudo exportar: ${idbReason(e)}.`, 'err');
    }
  });

  file.addEventListener('change', async () => {
    const f = file.files?.[0];
    file.value = '';
    if (!f) return;
    const parsed = parseBackup(await f.text());
    if ('error' in parsed) {
      box.dataset.phase = 'rechazado';
      say(parsed.error, 'err');
      return;
    }
    try {
      const problem = await preflight(parsed);
      if (problem) {
        box.dataset.phase = 'rechazado';
        say(problem, 'err');
        return;
      }
      await writeAll(parsed);
      await refresh();
      box.dataset.phase = 'importado';
      say(`Importado «${f.name}»: ${plural(Object.keys(parsed.localStorage).length, 'entrada', 'entradas')}, ${plural(parsed.indexedDB.length, 'base de datos', 'bases de datos')} y ${plural(parsed.tfjsModels.length, 'modelo', 'modelos')}.`, 'ok');
    } catch (e) {
      box.dataset.phase = 'error';
      say(`La importación falló a medias: ${idbReason(e)}. Vuelve a importar el archivo.`, 'err');
    }
  });

  eraseBtn.addEventListener('click', () => {
    dialog.returnValue = '';
    dialog.showModal();
  });
  dialog.addEventListener('close', async () => {
    if (dialog.returnValue !== 'borrar') return;
    try {
      await eraseAll();
      await refresh();
      box.dataset.phase = 'borrado';
      say('Borrado: el curso ya no guarda ningún dato tuyo en este navegador.', 'ok');
    } catch (e) {
      say(`No se pudo borrar todo: ${idbReason(e)}.`, 'err');
    }
  });

  void refresh().then((b) => {
    if (b) box.dataset.phase = 'listo';
  });
}
