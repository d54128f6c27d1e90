/**
 * Loading and saving keyword models in the browser (tf passed in), shared by kws-trainer (save),
 * kws-live, kws-export and kws-anatomy (load). Contract: ./contract.ts.
 *
 * «tu modelo» lives at KWS_STORE_URL (tfjs's IndexedDB) with its KwsMeta as user-defined metadata
 * under 'kws'; the course's default model is the static KWS_DEFAULT_URL + KWS_DEFAULT_META_URL.
 * A broken «tu modelo» never stops a lesson: the default is used and `error` says why (Spanish).
 */
import type * as TF from '@tensorflow/tfjs';
import { KWS_DEFAULT_META_URL, KWS_DEFAULT_URL, KWS_SAVED_EVENT, KWS_STORE_URL, kwsMetaProblem, type KwsMeta } from './contract';

type Tf = typeof TF;

export type KwsChoice = 'auto' | 'propio' | 'defecto';

export interface LoadedKws {
  model: TF.LayersModel;
  meta: KwsMeta;
  source: 'propio' | 'defecto';
  /** Spanish: why «tu modelo» was not used although asked for (none saved, unreadable…), or null. */
  error: string | null;
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** Whether the student has a saved keyword model; a storage that cannot be read says why. */
export async function ownKwsStatus(tf: Tf): Promise<{ stored: boolean; error: string | null }> {
  try {
    return { stored: Object.hasOwn(await tf.io.listModels(), KWS_STORE_URL), error: null };
  } catch (e) {
    return { stored: false, error: `No se pudo leer el almacenamiento de este navegador (${message(e)}); se usa el modelo del curso.` };
  }
}

/** True when the student has a saved keyword model. */
export const hasOwnKws = async (tf: Tf): Promise<boolean> => (await ownKwsStatus(tf)).stored;

/** Checks that a model's input/output shapes agree with its meta; Spanish reason or null. */
export function kwsShapeProblem(model: TF.LayersModel, meta: KwsMeta): string | null {
  const inp = model.inputs[0]?.shape ?? [];
  const out = model.outputs[0]?.shape ?? [];
  if (inp.length !== 4 || inp[1] !== meta.frames || inp[2] !== meta.bins || inp[3] !== 1) {
    return `su entrada es [${inp.slice(1).join(', ')}] y sus datos dicen [${meta.frames}, ${meta.bins}, 1].`;
  }
  if (out.length !== 2 || out[1] !== meta.classes.length) return `tiene ${String(out[1])} salidas para ${meta.classes.length} clases.`;
  return null;
}

/** The course's default keyword model with its meta. Throws (Spanish message) when the files fail. */
export async function loadDefaultKws(tf: Tf, fetchFn: typeof fetch = fetch): Promise<LoadedKws> {
  let meta: unknown;
  try {
    const res = await fetchFn(KWS_DEFAULT_META_URL);
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    meta = await res.json();
  } catch (e) {
    throw new Error(`No se pudo descargar el modelo de palabras clave del curso (${message(e)}).`);
  }
  const bad = kwsMetaProblem(meta);
  if (bad) throw new Error(`El modelo de palabras clave del curso está dañado: ${bad}.`);
  const model = await tf.loadLayersModel(KWS_DEFAULT_URL);
  return { model, meta: { ...(meta as KwsMeta), source: 'defecto' }, source: 'defecto', error: null };
}

/** «tu modelo» when it exists and is usable; otherwise null and the Spanish reason. */
export async function loadOwnKws(tf: Tf): Promise<{ loaded: LoadedKws | null; error: string | null }> {
  const status = await ownKwsStatus(tf);
  if (status.error) return { loaded: null, error: status.error };
  if (!status.stored) return { loaded: null, error: 'Todavía no has entrenado tu modelo; se usa el del curso.' };
  let model: TF.LayersModel;
  try {
    model = await tf.loadLayersModel(KWS_STORE_URL);
  } catch (e) {
    return { loaded: null, error: `No se pudo leer tu modelo (${message(e)}); se usa el del curso.` };
  }
  const meta = (model.getUserDefinedMetadata() as { kws?: unknown } | undefined)?.kws;
  const bad = kwsMetaProblem(meta) ?? kwsShapeProblem(model, meta as KwsMeta);
  if (bad) {
    model.dispose();
    return { loaded: null, error: `Tu modelo no sirve aquí: ${bad} Se usa el del curso.` };
  }
  return { loaded: { model, meta: { ...(meta as KwsMeta), source: 'propio' }, source: 'propio', error: null }, error: null };
}

/**
 * The model for `choice`: 'propio' or 'auto' try «tu modelo» first ('auto' silently falls back,
 * 'propio' falls back and reports why in `error`); 'defecto' always loads the course's model.
 */
export async function loadKws(tf: Tf, choice: KwsChoice, fetchFn: typeof fetch = fetch): Promise<LoadedKws> {
  if (choice !== 'defecto') {
    const own = await loadOwnKws(tf);
    if (own.loaded) return own.loaded;
    const def = await loadDefaultKws(tf, fetchFn);
    return { ...def, error: choice === 'propio' ? own.error : null };
  }
  return loadDefaultKws(tf, fetchFn);
}

/** Saves `model` as «tu modelo» with its meta, then fires KWS_SAVED_EVENT on window. */
export async function saveOwnKws(model: TF.LayersModel, meta: KwsMeta): Promise<void> {
  const bad = kwsMetaProblem(meta);
  if (bad) throw new Error(`No se guarda: ${bad}.`);
  model.setUserDefinedMetadata({ kws: { ...meta, source: 'propio' } });
  await model.save(KWS_STORE_URL);
  if (typeof window !== 'undefined') window.dispatchEvent(new Event(KWS_SAVED_EVENT));
}

/** Deletes «tu modelo» (no error when there is none), then fires KWS_SAVED_EVENT. */
export async function deleteOwnKws(tf: Tf): Promise<void> {
  if (await hasOwnKws(tf)) await tf.io.removeModel(KWS_STORE_URL);
  if (typeof window !== 'undefined') window.dispatchEvent(new Event(KWS_SAVED_EVENT));
}
