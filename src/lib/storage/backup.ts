/**
 * «Exportar todo / Importar»: the course's data in this browser as ONE JSON file, and back.
 * Pure (no storage access): values are encoded to JSON-safe trees and decoded back, and a whole
 * file is validated — every value decoded — before anything is written (browser adapter:
 * src/scripts/settings-storage.ts).
 *
 * File: { format: 'tinyml-respaldo', version: 1, exportedAt: ISO string,
 *         localStorage: { [key 'tinyml:…']: string },
 *         indexedDB: [{ name 'tinyml-…', version, stores: [{ name, keyPath, autoIncrement,
 *                       records: [{ key?: Encoded, value: Encoded }] }] }],
 *         tfjsModels: [{ modelPath 'tinyml-…', model: Encoded, info: Encoded }] }
 * (tfjsModels: records of tfjs's own database `tensorflowjs`, stores `models_store` and
 * `model_info_store`, keyPath 'modelPath', that belong to the course.)
 *
 * Encoded values: JSON as is, except objects tagged with "$t": undefined, non-finite numbers and
 * −0, bigint, Date, RegExp, Map, Set, ArrayBuffer, every typed array and DataView (base64 of
 * their bytes), Blob/File (base64, type, name), and plain objects that themselves have a "$t"
 * key (wrapped as {"$t":"obj"}).
 */

export const BACKUP_FORMAT = 'tinyml-respaldo';
export const BACKUP_VERSION = 1;
export const LS_PREFIX = 'tinyml:';
export const IDB_PREFIX = 'tinyml-';
export const TFJS_DB = 'tensorflowjs';
export const TFJS_MODELS_STORE = 'models_store';
export const TFJS_INFO_STORE = 'model_info_store';

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

export interface StoreDump<V = unknown> {
  name: string;
  keyPath: string | string[] | null;
  autoIncrement: boolean;
  /** `key` only for stores without a keyPath (out-of-line keys). */
  records: { key?: V; value: V }[];
}
export interface DbDump<V = unknown> {
  name: string;
  version: number;
  stores: StoreDump<V>[];
}
export interface TfjsModelDump<V = unknown> {
  modelPath: string;
  model: V;
  info: V;
}
export interface Backup<V = unknown> {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  exportedAt: string;
  localStorage: Record<string, string>;
  indexedDB: DbDump<V>[];
  tfjsModels: TfjsModelDump<V>[];
}

// ---------- base64 (no btoa: works the same in Node and the browser) ----------
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_INDEX = new Map([...B64].map((c, i) => [c, i]));

export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    s += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]! + (b === undefined ? '=' : B64[(n >> 6) & 63]!) + (c === undefined ? '=' : B64[n & 63]!);
  }
  return s;
}

/** Bytes of a base64 text, or null when it is not valid base64. */
export function fromBase64(s: string): Uint8Array | null {
  if (typeof s !== 'string' || s.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(s)) return null;
  const pad = s.endsWith('==') ? 2 : s.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((s.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < s.length; i += 4) {
    const n = (B64_INDEX.get(s[i]!)! << 18) | (B64_INDEX.get(s[i + 1]!)! << 12) | ((B64_INDEX.get(s[i + 2]!) ?? 0) << 6) | (B64_INDEX.get(s[i + 3]!) ?? 0);
    if (o < out.length) out[o++] = (n >> 16) & 255;
    if (o < out.length) out[o++] = (n >> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
  }
  return out;
}

// ---------- values ----------
const TYPED = {
  Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array,
  Float32Array, Float64Array, BigInt64Array, BigUint64Array,
} as const;
type TypedName = keyof typeof TYPED;
const isTypedName = (s: unknown): s is TypedName => typeof s === 'string' && Object.hasOwn(TYPED, s);

const bytesOf = (v: ArrayBufferView): Uint8Array => new Uint8Array(v.buffer, v.byteOffset, v.byteLength).slice();

/** A structured-clone value (what IndexedDB stores) as a JSON tree. Async because of Blobs. */
export async function encodeValue(v: unknown): Promise<Json> {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
  if (v === undefined) return { $t: 'undefined' };
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return { $t: 'number', v: 'NaN' };
    if (v === Infinity) return { $t: 'number', v: 'Infinity' };
    if (v === -Infinity) return { $t: 'number', v: '-Infinity' };
    if (Object.is(v, -0)) return { $t: 'number', v: '-0' };
    return v;
  }
  if (typeof v === 'bigint') return { $t: 'bigint', v: v.toString() };
  if (Array.isArray(v)) return Promise.all(v.map(encodeValue));
  if (v instanceof Date) return { $t: 'date', v: Number.isNaN(v.getTime()) ? 'NaN' : v.toISOString() };
  if (v instanceof RegExp) return { $t: 'regexp', source: v.source, flags: v.flags };
  if (v instanceof ArrayBuffer) return { $t: 'ArrayBuffer', b64: toBase64(new Uint8Array(v)) };
  if (v instanceof DataView) return { $t: 'DataView', b64: toBase64(bytesOf(v)) };
  if (ArrayBuffer.isView(v)) {
    const kind = v.constructor.name;
    if (!isTypedName(kind)) throw new Error(`no se sabe guardar un ${kind}`);
    return { $t: kind, b64: toBase64(bytesOf(v)) };
  }
  if (typeof Blob !== 'undefined' && v instanceof Blob) {
    const b64 = toBase64(new Uint8Array(await v.arrayBuffer()));
    const name = typeof File !== 'undefined' && v instanceof File ? v.name : null;
    return { $t: 'Blob', type: v.type, name, b64 };
  }
  if (v instanceof Map) return { $t: 'Map', v: await Promise.all([...v].map(async ([k, x]) => [await encodeValue(k), await encodeValue(x)] as Json)) };
  if (v instanceof Set) return { $t: 'Set', v: await Promise.all([...v].map(encodeValue)) };
  if (typeof v === 'object') {
    const out: { [k: string]: Json } = {};
    for (const [k, x] of Object.entries(v)) out[k] = await encodeValue(x);
    return Object.hasOwn(out, '$t') ? { $t: 'obj', v: out } : out;
  }
  throw new Error(`no se sabe guardar un valor de tipo ${typeof v}`);
}

export class BackupError extends Error {}

/** The value back from its JSON tree; throws BackupError (Spanish, with the path) when malformed. */
export function decodeValue(j: unknown, path = 'valor'): unknown {
  const bad = (what: string): never => {
    throw new BackupError(`${path}: ${what}`);
  };
  if (j === null || typeof j === 'boolean' || typeof j === 'string') return j;
  if (typeof j === 'number') return Number.isFinite(j) ? j : bad('número no válido');
  if (Array.isArray(j)) return j.map((x, i) => decodeValue(x, `${path}[${i}]`));
  if (typeof j !== 'object') return bad('tipo de valor desconocido');
  const o = j as Record<string, unknown>;
  if (!Object.hasOwn(o, '$t')) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(o)) out[k] = decodeValue(x, `${path}.${k}`);
    return out;
  }
  const t = o.$t;
  const bytes = (): Uint8Array => {
    const b = typeof o.b64 === 'string' ? fromBase64(o.b64) : null;
    return b ?? bad('datos binarios mal codificados (base64 no válido)');
  };
  switch (t) {
    case 'undefined':
      return undefined;
    case 'number':
      if (o.v === 'NaN') return NaN;
      if (o.v === 'Infinity') return Infinity;
      if (o.v === '-Infinity') return -Infinity;
      if (o.v === '-0') return -0;
      return bad('número especial desconocido');
    case 'bigint':
      return typeof o.v === 'string' && /^-?\d+$/.test(o.v) ? BigInt(o.v) : bad('entero grande mal escrito');
    case 'date': {
      if (o.v === 'NaN') return new Date(NaN);
      const d = typeof o.v === 'string' ? new Date(o.v) : new Date(NaN);
      return Number.isNaN(d.getTime()) ? bad('fecha mal escrita') : d;
    }
    case 'regexp':
      try {
        return new RegExp(String(o.source), String(o.flags));
      } catch {
        return bad('expresión regular no válida');
      }
    case 'ArrayBuffer':
      return bytes().buffer;
    case 'DataView':
      return new DataView(bytes().buffer);
    case 'Blob': {
      const b = bytes();
      const type = typeof o.type === 'string' ? o.type : '';
      if (typeof o.name === 'string' && typeof File !== 'undefined') return new File([b as BlobPart], o.name, { type });
      return new Blob([b as BlobPart], { type });
    }
    case 'Map':
      if (!Array.isArray(o.v)) return bad('mapa mal escrito');
      return new Map(o.v.map((e, i) => (Array.isArray(e) && e.length === 2 ? [decodeValue(e[0], `${path}<${i}>`), decodeValue(e[1], `${path}<${i}>`)] : bad('entrada de mapa mal escrita'))));
    case 'Set':
      return Array.isArray(o.v) ? new Set(o.v.map((x, i) => decodeValue(x, `${path}{${i}}`))) : bad('conjunto mal escrito');
    case 'obj': {
      if (!o.v || typeof o.v !== 'object' || Array.isArray(o.v)) return bad('objeto mal escrito');
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(o.v)) out[k] = decodeValue(x, `${path}.${k}`);
      return out;
    }
    default: {
      if (isTypedName(t)) {
        const b = bytes();
        const C = TYPED[t];
        const per = C.BYTES_PER_ELEMENT;
        if (b.byteLength % per !== 0) return bad(`${t} con un número de bytes que no es múltiplo de ${per}`);
        return new C(b.buffer as ArrayBuffer, 0, b.byteLength / per);
      }
      return bad(`tipo «${String(t)}» desconocido`);
    }
  }
}

// ---------- whole files ----------
export async function encodeBackup(b: Backup<unknown>): Promise<string> {
  const enc = async (x: unknown): Promise<Json> => encodeValue(x);
  const doc = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: b.exportedAt,
    localStorage: b.localStorage,
    indexedDB: await Promise.all(b.indexedDB.map(async (db) => ({
      name: db.name,
      version: db.version,
      stores: await Promise.all(db.stores.map(async (s) => ({
        name: s.name,
        keyPath: s.keyPath,
        autoIncrement: s.autoIncrement,
        records: await Promise.all(s.records.map(async (r) => (r.key === undefined ? { value: await enc(r.value) } : { key: await enc(r.key), value: await enc(r.value) }))),
      }))),
    }))),
    tfjsModels: await Promise.all(b.tfjsModels.map(async (m) => ({ modelPath: m.modelPath, model: await enc(m.model), info: await enc(m.info) }))),
  };
  return JSON.stringify(doc);
}

const isObj = (x: unknown): x is Record<string, unknown> => !!x && typeof x === 'object' && !Array.isArray(x);
const validKeyPath = (k: unknown): k is string | string[] | null => k === null || typeof k === 'string' || (Array.isArray(k) && k.every((p) => typeof p === 'string'));

/**
 * The file's text → a fully decoded Backup, or a Spanish message saying why it is not one.
 * Nothing is returned half-checked: every value is decoded here.
 */
export function parseBackup(text: string): Backup | { error: string } {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return { error: 'El archivo no es un respaldo del curso: no es un JSON válido (¿está cortado o es otro tipo de archivo?). No se ha cambiado nada.' };
  }
  if (!isObj(doc) || doc.format !== BACKUP_FORMAT) return { error: 'El archivo no es un respaldo del curso de TinyML (falta «format»: "tinyml-respaldo"). No se ha cambiado nada.' };
  if (typeof doc.version !== 'number' || !Number.isInteger(doc.version)) return { error: 'El respaldo no dice de qué versión es. No se ha cambiado nada.' };
  if (doc.version > BACKUP_VERSION) return { error: `El respaldo es de una versión más nueva del curso (${doc.version}; esta página lee hasta la ${BACKUP_VERSION}). Recarga para actualizar el curso y vuelve a importarlo. No se ha cambiado nada.` };
  if (doc.version < 1) return { error: 'El respaldo tiene una versión no válida. No se ha cambiado nada.' };
  const fail = (what: string) => ({ error: `El respaldo está dañado: ${what}. No se ha cambiado nada.` });
  if (!isObj(doc.localStorage)) return fail('falta la sección «localStorage»');
  for (const [k, v] of Object.entries(doc.localStorage)) {
    if (!k.startsWith(LS_PREFIX)) return fail(`la clave «${k}» no es del curso (las del curso empiezan por «${LS_PREFIX}»)`);
    if (typeof v !== 'string') return fail(`el valor de «${k}» no es texto`);
  }
  if (!Array.isArray(doc.indexedDB)) return fail('falta la sección «indexedDB»');
  if (!Array.isArray(doc.tfjsModels)) return fail('falta la sección «tfjsModels»');
  try {
    const seenDb = new Set<string>();
    const indexedDB: DbDump[] = doc.indexedDB.map((d, i) => {
      if (!isObj(d) || typeof d.name !== 'string') throw new BackupError(`la base de datos nº ${i + 1} no tiene nombre`);
      if (!d.name.startsWith(IDB_PREFIX)) throw new BackupError(`la base de datos «${d.name}» no es del curso (las del curso empiezan por «${IDB_PREFIX}»)`);
      if (seenDb.has(d.name)) throw new BackupError(`la base de datos «${d.name}» aparece dos veces`);
      seenDb.add(d.name);
      if (typeof d.version !== 'number' || !Number.isInteger(d.version) || d.version < 1) throw new BackupError(`la base de datos «${d.name}» tiene una versión no válida`);
      if (!Array.isArray(d.stores)) throw new BackupError(`la base de datos «${d.name}» no tiene almacenes`);
      const stores = d.stores.map((s) => {
        if (!isObj(s) || typeof s.name !== 'string' || !validKeyPath(s.keyPath) || typeof s.autoIncrement !== 'boolean' || !Array.isArray(s.records)) throw new BackupError(`un almacén de «${d.name}» está mal escrito`);
        const where = `${d.name}/${s.name}`;
        const records = s.records.map((r, k) => {
          if (!isObj(r) || !Object.hasOwn(r, 'value')) throw new BackupError(`el registro nº ${k + 1} de ${where} está mal escrito`);
          if (s.keyPath === null && !s.autoIncrement && !Object.hasOwn(r, 'key')) throw new BackupError(`el registro nº ${k + 1} de ${where} no tiene clave`);
          const value = decodeValue(r.value, `${where} nº ${k + 1}`);
          return Object.hasOwn(r, 'key') ? { key: decodeValue(r.key, `${where} nº ${k + 1} (clave)`), value } : { value };
        });
        return { name: s.name, keyPath: s.keyPath, autoIncrement: s.autoIncrement, records };
      });
      return { name: d.name, version: d.version, stores };
    });
    const tfjsModels: TfjsModelDump[] = doc.tfjsModels.map((m, i) => {
      if (!isObj(m) || typeof m.modelPath !== 'string') throw new BackupError(`el modelo nº ${i + 1} no tiene nombre`);
      if (!m.modelPath.startsWith(IDB_PREFIX)) throw new BackupError(`el modelo «${m.modelPath}» no es del curso`);
      const model = decodeValue(m.model, `modelo ${m.modelPath}`);
      const info = decodeValue(m.info, `modelo ${m.modelPath} (info)`);
      if (!isObj(model) || model.modelPath !== m.modelPath || !isObj(info) || info.modelPath !== m.modelPath) throw new BackupError(`el modelo «${m.modelPath}» está incompleto`);
      return { modelPath: m.modelPath, model, info };
    });
    return {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      exportedAt: typeof doc.exportedAt === 'string' ? doc.exportedAt : '',
      localStorage: { ...(doc.localStorage as Record<string, string>) },
      indexedDB,
      tfjsModels,
    };
  } catch (e) {
    if (e instanceof BackupError) return fail(e.message);
    throw e;
  }
}

// ---------- what is stored, for the list on /ajustes/ ----------

/** Approximate bytes a value takes (strings as UTF-8, binary data by length). */
export function approxBytes(v: unknown): number {
  if (v === null || v === undefined) return 0;
  if (typeof v === 'string') return new TextEncoder().encode(v).length;
  if (typeof v === 'number' || typeof v === 'bigint') return 8;
  if (typeof v === 'boolean') return 1;
  if (v instanceof ArrayBuffer) return v.byteLength;
  if (ArrayBuffer.isView(v)) return v.byteLength;
  if (typeof Blob !== 'undefined' && v instanceof Blob) return v.size;
  if (v instanceof Date) return 8;
  if (v instanceof Map) return [...v].reduce((s, [k, x]) => s + approxBytes(k) + approxBytes(x), 0);
  if (v instanceof Set || Array.isArray(v)) return [...v].reduce((s: number, x) => s + approxBytes(x), 0);
  if (typeof v === 'object') return Object.entries(v).reduce((s, [k, x]) => s + k.length + approxBytes(x), 0);
  return 0;
}

/** localStorage key groups shown on /ajustes/, most specific prefix first. */
export const LS_GROUPS: readonly { prefix: string; label: string; exact?: boolean }[] = [
  { prefix: 'tinyml:progreso', label: 'Lecciones completadas', exact: true },
  { prefix: 'tinyml:tema', label: 'Tema elegido (claro u oscuro)', exact: true },
  { prefix: 'tinyml:celda:', label: 'Código que has editado en las celdas' },
  { prefix: 'tinyml:ejercicios:', label: 'Respuestas de los ejercicios' },
  { prefix: 'tinyml:predice:', label: 'Tus predicciones («¿qué crees que pasará?»)' },
  { prefix: 'tinyml:preguntas:', label: 'Cómo te salieron las preguntas de repaso' },
];
export const LS_OTHER_LABEL = 'Otros datos del curso';

export interface LsGroup {
  label: string;
  keys: string[];
  bytes: number;
}

/** Groups the course's localStorage entries (`tinyml:` keys only; others are ignored). */
export function groupLocalStorage(entries: Record<string, string>): LsGroup[] {
  const groups = new Map<string, LsGroup>();
  for (const [k, v] of Object.entries(entries).sort(([a], [b]) => a.localeCompare(b))) {
    if (!k.startsWith(LS_PREFIX)) continue;
    const g = LS_GROUPS.find((x) => (x.exact ? k === x.prefix : k.startsWith(x.prefix)));
    const label = g?.label ?? LS_OTHER_LABEL;
    const e = groups.get(label) ?? { label, keys: [], bytes: 0 };
    e.keys.push(k);
    e.bytes += approxBytes(k) + approxBytes(v);
    groups.set(label, e);
  }
  const order = [...LS_GROUPS.map((g) => g.label), LS_OTHER_LABEL];
  return [...groups.values()].sort((a, b) => order.indexOf(a.label) - order.indexOf(b.label));
}

/** Spanish names of the course's databases and tfjs models; unknown ones keep their name. */
export const STORE_LABELS: Record<string, string> = {
  'tinyml-motion': 'Movimiento (lección 15): tu conjunto de datos y tu modelo',
  'tinyml-kws': 'Palabras clave (lección 17): tus grabaciones',
  'tinyml-tu-modelo': '«Tu modelo» de dígitos (lecciones 10 a 13)',
  'tinyml-kws-modelo': '«Tu modelo» de palabras clave (lección 17)',
};
