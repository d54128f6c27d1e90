/**
 * Where "tu modelo" lives and how model files are checked (pure: no tfjs, no DOM).
 *
 * - The student's model is kept by tfjs in the browser's IndexedDB under STORE_URL (tfjs's own
 *   database "tensorflowjs"); lessons 12 and 13 read it from there with tf.loadLayersModel(STORE_URL).
 * - The course's default model is the static file DEFAULT_MODEL_URL (scripts/train-default-model.mjs).
 * - Downloads and uploads use tfjs's two-file format: model.json (topology + weightsManifest)
 *   and the weights file(s) it names. Uploads are checked here first, so a wrong file gets a
 *   Spanish message that says what is wrong instead of a tfjs error in English.
 */
import { intText } from '../format/number';
export const STORE_KEY = 'tinyml-tu-modelo';
export const STORE_URL = `indexeddb://${STORE_KEY}`;
export const DEFAULT_MODEL_URL = '/models/default-cnn/model.json';
export const DEFAULT_METADATA_URL = '/models/default-cnn/metadata.json';
/** File names of a download (the browser may add " (1)" and so on to repeated names). */
export const DOWNLOAD_JSON = 'tu-modelo.json';
export const DOWNLOAD_WEIGHTS = 'tu-modelo.weights.bin';
/** Event dispatched on document when "tu modelo" changes (saved, loaded back, deleted). */
export const MODEL_EVENT = 'tinyml:tu-modelo';

/** True when a tfjs listModels() result holds the student's model. */
export const hasStoredModel = (listed: Record<string, unknown>): boolean => Object.hasOwn(listed, STORE_URL);

/** The last path segment, without query or fragment: './a/b.bin?x' → 'b.bin'. */
export function baseName(path: string): string {
  const clean = path.split(/[?#]/)[0] ?? '';
  const parts = clean.split('/');
  return parts[parts.length - 1] ?? '';
}

export interface WeightSpecLike {
  name: string;
  shape: number[];
  dtype: string;
}

export interface ModelJsonLike {
  modelTopology: unknown;
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
  weightsManifest: Array<{ paths: string[]; weights: WeightSpecLike[] }>;
  [extra: string]: unknown;
}

/** Fields of tfjs ModelArtifacts that go into model.json (as tfjs's getModelJSONForModelArtifacts). */
export interface ArtifactsLike {
  modelTopology?: unknown;
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
  weightSpecs?: WeightSpecLike[];
  userDefinedMetadata?: unknown;
  trainingConfig?: unknown;
  signature?: unknown;
}

/** model.json for artifacts whose weights are stored in one file called `weightsFile`. */
export function modelJsonFromArtifacts(a: ArtifactsLike, weightsFile: string): ModelJsonLike {
  const out: ModelJsonLike = {
    modelTopology: a.modelTopology,
    format: a.format,
    generatedBy: a.generatedBy,
    convertedBy: a.convertedBy ?? null,
    weightsManifest: [{ paths: [`./${weightsFile}`], weights: a.weightSpecs ?? [] }],
  };
  if (a.signature != null) out.signature = a.signature;
  if (a.userDefinedMetadata != null) out.userDefinedMetadata = a.userDefinedMetadata;
  if (a.trainingConfig != null) out.trainingConfig = a.trainingConfig;
  return out;
}

const BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1, uint8: 1, uint16: 2, float16: 2 };

/** Bytes the weights of a manifest occupy (0 if a dtype is unknown: the check then skips sizes). */
export function manifestBytes(m: ModelJsonLike['weightsManifest']): number {
  let total = 0;
  for (const group of m) {
    for (const w of group.weights) {
      const b = BYTES[w.dtype];
      if (!b) return 0;
      total += b * w.shape.reduce((a, v) => a * v, 1);
    }
  }
  return total;
}

export interface FileLike {
  name: string;
  size: number;
}

export type UploadCheck =
  | { ok: true; json: number; weights: number[]; model: ModelJsonLike }
  | { ok: false; message: string };

const isJsonName = (n: string): boolean => /\.json$/i.test(n);

/**
 * Checks the files a student picked to load a model back: exactly one .json, which must be a
 * tfjs layers model whose weightsManifest names files that were all picked, with the right total
 * size. `jsonText` is the text of the .json file (read by the caller). Returns the indices to
 * hand to tf.io.browserFiles (json first) or a Spanish message.
 */
export function checkUpload(files: readonly FileLike[], jsonText: string | null): UploadCheck {
  const jsons = files.map((f, i) => (isJsonName(f.name) ? i : -1)).filter((i) => i >= 0);
  if (files.length === 0) return { ok: false, message: 'No has elegido ningún archivo.' };
  if (jsons.length === 0) return { ok: false, message: 'Falta el archivo del modelo (.json). Elige a la vez el .json y el archivo de pesos (.bin) que descargaste.' };
  if (jsons.length > 1) return { ok: false, message: 'Has elegido más de un archivo .json: elige solo uno, junto con su archivo de pesos (.bin).' };
  const json = jsons[0]!;
  const others = files.map((_, i) => i).filter((i) => i !== json);
  if (others.length === 0) return { ok: false, message: 'Falta el archivo de pesos (.bin). Elige a la vez el .json y el .bin.' };
  if (jsonText === null) return { ok: false, message: `No se pudo leer «${files[json]!.name}».` };
  let parsed: unknown;
  try {
    parsed = JSON.parse(jsonText);
  } catch {
    return { ok: false, message: `«${files[json]!.name}» no es un JSON válido: ¿es de verdad el model.json que descargaste?` };
  }
  const m = parsed as Partial<ModelJsonLike> | null;
  if (!m || typeof m !== 'object' || !m.modelTopology || !Array.isArray(m.weightsManifest)) {
    return { ok: false, message: `«${files[json]!.name}» es un JSON, pero no un modelo de TensorFlow.js: le faltan «modelTopology» o «weightsManifest».` };
  }
  if (m.format !== undefined && m.format !== 'layers-model') {
    return { ok: false, message: `«${files[json]!.name}» es un modelo de tipo «${String(m.format)}»; aquí solo se cargan modelos de capas (layers-model).` };
  }
  const manifest = m.weightsManifest;
  const wellFormed = manifest.every((g) => g && Array.isArray(g.paths) && Array.isArray(g.weights) &&
    g.weights.every((w) => w && typeof w.name === 'string' && Array.isArray(w.shape) && typeof w.dtype === 'string'));
  if (!wellFormed) return { ok: false, message: `La lista de pesos de «${files[json]!.name}» está dañada.` };
  const needed = manifest.flatMap((g) => g.paths.map(baseName));
  const picked = new Map(others.map((i) => [files[i]!.name, i]));
  const missing = needed.filter((n) => !picked.has(n));
  if (missing.length > 0) {
    const have = others.map((i) => `«${files[i]!.name}»`).join(', ');
    return { ok: false, message: `El modelo espera el archivo de pesos «${missing.join('», «')}» y has elegido ${have}. Si el navegador le cambió el nombre al descargarlo, devuélvele el original.` };
  }
  const extra = others.filter((i) => !needed.includes(files[i]!.name));
  if (extra.length > 0) return { ok: false, message: `Sobra «${files[extra[0]!]!.name}»: el modelo no lo usa.` };
  const want = manifestBytes(manifest);
  const got = needed.reduce((a, n) => a + files[picked.get(n)!]!.size, 0);
  if (want > 0 && want !== got) {
    return { ok: false, message: `Los pesos no encajan con el modelo: ocupan ${intText(got)} bytes y deberían ocupar ${intText(want)}. ¿Son de otro modelo?` };
  }
  return { ok: true, json, weights: needed.map((n) => picked.get(n)!), model: m as ModelJsonLike };
}

/** Spanish reason why a loaded model cannot be used by the lessons ([null, 28, 28, 1] → [null, 10]), or null. */
export function shapeError(inputShape: ReadonlyArray<number | null>, outputShape: ReadonlyArray<number | null>): string | null {
  const same = (a: ReadonlyArray<number | null>, b: ReadonlyArray<number | null>): boolean => a.length === b.length && a.every((v, i) => v === b[i]);
  const show = (s: ReadonlyArray<number | null>): string => `[${s.map((v) => (v === null ? 'lote' : String(v))).join(', ')}]`;
  if (!same(inputShape, [null, 28, 28, 1])) return `El modelo espera entradas de forma ${show(inputShape)} y aquí se usan imágenes de 28 × 28 × 1.`;
  if (!same(outputShape, [null, 10])) return `El modelo da salidas de forma ${show(outputShape)} y aquí hacen falta 10 probabilidades, una por dígito.`;
  return null;
}
