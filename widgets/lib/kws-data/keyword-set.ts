/**
 * The shipped Spanish keyword set (public/data/keywords/, made by scripts/keywords/generate.mjs):
 * manifest.json describes N clips, clips.bin holds them back to back, each clipSamples samples
 * (1 s at 16 kHz) as G.711 μ-law bytes ("mulaw8") or int16 little-endian ("pcm16").
 * Pure: parse and validate (Spanish messages), decode to Float32Array in [−1, 1), filter by split.
 */
import { MULAW_TO_FLOAT } from './mulaw';

export const KEYWORD_SET_FORMAT = 'tinyml-keywords';
export const KEYWORD_SET_VERSION = 1;
export const SPLITS = ['train', 'val', 'test'] as const;
export type Split = (typeof SPLITS)[number];
export type KeywordEncoding = 'mulaw8' | 'pcm16';
const BYTES_PER_SAMPLE: Record<KeywordEncoding, number> = { mulaw8: 1, pcm16: 2 };

/** One clip's entry in the manifest: how it was made. Nulls for «silencio» (no word, no voice). */
export interface KeywordClipInfo {
  /** Position in clips.bin (0-based). */
  index: number;
  /** Class name, one of the manifest's classes. */
  label: string;
  /** The word spoken (for «desconocido», which one); null when none. */
  word: string | null;
  /** espeak-ng voice, e.g. "es-419+f3"; null when none. */
  voice: string | null;
  split: Split;
  /** espeak-ng speed (words per minute) and pitch (0–99). */
  speed: number | null;
  pitch: number | null;
  /** Word peak level, dBFS. */
  peakDb: number | null;
  /** Where the word starts in the clip and how long it lasts, ms. */
  shiftMs: number | null;
  durationMs: number | null;
  /** Added noise: kind and RMS level in dBFS. */
  noise: { kind: string; levelDb: number };
}

export interface KeywordClip extends KeywordClipInfo {
  /** Index of `label` in the set's classes. */
  labelIndex: number;
  /** clipSamples samples at sampleRate, in [−1, 1). */
  samples: Float32Array;
}

export interface KeywordSample {
  file: string;
  index: number;
  label: string;
  word: string | null;
  voice: string | null;
}

export interface KeywordManifest {
  format: typeof KEYWORD_SET_FORMAT;
  version: number;
  /** Hz. */
  sampleRate: number;
  /** Samples per clip. */
  clipSamples: number;
  encoding: KeywordEncoding;
  classes: string[];
  seed: number;
  tools: Record<string, string>;
  /** Voices of each split (no voice in two). */
  voices: Record<Split, string[]>;
  /** Clips also shipped as single WAV files under samples/. */
  samples: KeywordSample[];
  clips: KeywordClipInfo[];
}

export interface KeywordSet {
  manifest: KeywordManifest;
  sampleRate: number;
  classes: string[];
  clips: KeywordClip[];
}

export type Result<T> = { ok: true; value: T } | { ok: false; message: string };

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const isStrArr = (x: unknown): x is string[] => Array.isArray(x) && x.every((s) => typeof s === 'string');
const numOrNull = (x: unknown) => x === null || isNum(x);
const strOrNull = (x: unknown) => x === null || typeof x === 'string';
const BAD = 'El manifiesto del conjunto de palabras clave no es válido';

/** Checks a parsed manifest.json; on failure the message says which field is wrong. */
export function parseKeywordManifest(json: unknown): Result<KeywordManifest> {
  const bad = (why: string): Result<KeywordManifest> => ({ ok: false, message: `${BAD}: ${why}.` });
  if (!isObj(json)) return bad('no es un objeto JSON');
  if (json.format !== KEYWORD_SET_FORMAT) return bad(`«format» debería ser «${KEYWORD_SET_FORMAT}»`);
  if (json.version !== KEYWORD_SET_VERSION) return bad(`es de la versión ${String(json.version)} y solo sé leer la ${KEYWORD_SET_VERSION}`);
  if (!isNum(json.sampleRate) || !Number.isInteger(json.sampleRate) || json.sampleRate <= 0) return bad('«sampleRate» debe ser un número entero de Hz mayor que 0');
  if (!isNum(json.clipSamples) || !Number.isInteger(json.clipSamples) || json.clipSamples <= 0) return bad('«clipSamples» debe ser un número entero de muestras mayor que 0');
  if (json.encoding !== 'mulaw8' && json.encoding !== 'pcm16') return bad(`la codificación «${String(json.encoding)}» no la conozco (uso «mulaw8» o «pcm16»)`);
  if (!isStrArr(json.classes) || json.classes.length < 2 || new Set(json.classes).size !== json.classes.length) return bad('«classes» debe ser una lista de al menos dos nombres distintos');
  if (!isObj(json.voices) || !SPLITS.every((s) => isStrArr((json.voices as Record<string, unknown>)[s]))) return bad('«voices» debe tener las listas «train», «val» y «test»');
  const voices = json.voices as Record<Split, string[]>;
  const sideOf = new Map<string, Split>();
  for (const s of SPLITS) {
    for (const v of voices[s]) {
      const other = sideOf.get(v);
      if (other && other !== s) return bad(`la voz «${v}» está en «${other}» y en «${s}»: la división por voces no debe repetir voces`);
      sideOf.set(v, s);
    }
  }
  if (!Array.isArray(json.clips) || json.clips.length === 0) return bad('«clips» debe ser una lista no vacía');
  const classes = json.classes;
  for (let i = 0; i < json.clips.length; i++) {
    const c: unknown = json.clips[i];
    const at = `el clip ${i}`;
    if (!isObj(c)) return bad(`${at} no es un objeto`);
    if (c.index !== i) return bad(`${at} tiene «index» ${String(c.index)} (deben ir en orden: 0, 1, 2…)`);
    if (typeof c.label !== 'string' || !classes.includes(c.label)) return bad(`${at} tiene la etiqueta «${String(c.label)}», que no está en «classes»`);
    if (!SPLITS.includes(c.split as Split)) return bad(`${at} tiene «split» «${String(c.split)}» (debe ser train, val o test)`);
    if (!strOrNull(c.word) || !strOrNull(c.voice)) return bad(`${at} tiene «word» o «voice» que no son texto ni null`);
    if (c.voice !== null && sideOf.get(c.voice as string) !== c.split) return bad(`${at} es de la voz «${String(c.voice)}», que no está en la lista de voces de «${String(c.split)}»`);
    if (![c.speed, c.pitch, c.peakDb, c.shiftMs, c.durationMs].every(numOrNull)) return bad(`${at} tiene un parámetro (speed, pitch, peakDb, shiftMs, durationMs) que no es número ni null`);
    if (!isObj(c.noise) || typeof c.noise.kind !== 'string' || !isNum(c.noise.levelDb)) return bad(`${at} no dice bien su ruido («noise»: kind y levelDb)`);
  }
  const samples = json.samples ?? [];
  if (!Array.isArray(samples) || !samples.every((s) => isObj(s) && typeof s.file === 'string' && isNum(s.index) && s.index >= 0 && s.index < (json.clips as unknown[]).length)) {
    return bad('«samples» debe ser una lista de { file, index } con índices de clips existentes');
  }
  return { ok: true, value: { ...(json as unknown as KeywordManifest), samples: samples as KeywordSample[] } };
}

/** Bytes clips.bin must have for this manifest. */
export const expectedBinBytes = (m: Pick<KeywordManifest, 'clips' | 'clipSamples' | 'encoding'>): number =>
  m.clips.length * m.clipSamples * BYTES_PER_SAMPLE[m.encoding];

/** Samples of clip `i` decoded from the packed bytes. */
function decodeClip(bin: Uint8Array, m: KeywordManifest, i: number): Float32Array {
  const n = m.clipSamples;
  const out = new Float32Array(n);
  if (m.encoding === 'mulaw8') {
    const base = i * n;
    for (let k = 0; k < n; k++) out[k] = MULAW_TO_FLOAT[bin[base + k]!]!;
  } else {
    const v = new DataView(bin.buffer, bin.byteOffset + i * n * 2, n * 2);
    for (let k = 0; k < n; k++) out[k] = v.getInt16(2 * k, true) / 32768;
  }
  return out;
}

/** Manifest (parsed JSON) + clips.bin → the decoded set, or a Spanish message. */
export function parseKeywordSet(manifestJson: unknown, bin: Uint8Array | ArrayBuffer): Result<KeywordSet> {
  const pm = parseKeywordManifest(manifestJson);
  if (!pm.ok) return pm;
  const m = pm.value;
  const bytes = bin instanceof Uint8Array ? bin : new Uint8Array(bin);
  const want = expectedBinBytes(m);
  if (bytes.byteLength !== want) {
    return {
      ok: false,
      message: `clips.bin no corresponde al manifiesto: tiene ${bytes.byteLength} bytes y para ${m.clips.length} clips de ${m.clipSamples} muestras (${m.encoding}) deberían ser ${want}. Vuelve a generar el conjunto con «npm run data:keywords» o descarga los dos archivos juntos.`,
    };
  }
  const clips = m.clips.map((c, i) => ({ ...c, labelIndex: m.classes.indexOf(c.label), samples: decodeClip(bytes, m, i) }));
  return { ok: true, value: { manifest: m, sampleRate: m.sampleRate, classes: m.classes, clips } };
}

/** The clips of one split (or several), in clips.bin order. */
export function clipsOfSplit(set: KeywordSet, split: Split | readonly Split[]): KeywordClip[] {
  const want = typeof split === 'string' ? [split] : split;
  return set.clips.filter((c) => want.includes(c.split));
}

/** Clip count per class name. */
export function countByClass(clips: readonly { label: string }[], classes: readonly string[]): Record<string, number> {
  const out: Record<string, number> = Object.fromEntries(classes.map((k) => [k, 0]));
  for (const c of clips) out[c.label] = (out[c.label] ?? 0) + 1;
  return out;
}

/**
 * Fetches manifest.json and clips.bin from `baseUrl` (ending in "/", e.g.
 * `${import.meta.env.BASE_URL}data/keywords/`) with the fetch passed in, then parses them.
 */
export async function fetchKeywordSet(fetchFn: (url: string) => Promise<Response>, baseUrl: string): Promise<Result<KeywordSet>> {
  const get = async (name: string): Promise<Response | string> => {
    try {
      const r = await fetchFn(`${baseUrl}${name}`);
      return r.ok ? r : `no pude descargar ${name} (el servidor respondió ${r.status})`;
    } catch {
      return `no pude descargar ${name} (¿sin conexión con el sitio?)`;
    }
  };
  const [mr, br] = await Promise.all([get('manifest.json'), get('clips.bin')]);
  if (typeof mr === 'string' || typeof br === 'string') return { ok: false, message: `El conjunto de palabras clave no se pudo cargar: ${typeof mr === 'string' ? mr : br}.` };
  let json: unknown;
  try {
    json = await mr.json();
  } catch {
    return { ok: false, message: `${BAD}: manifest.json no es JSON.` };
  }
  return parseKeywordSet(json, await br.arrayBuffer());
}
