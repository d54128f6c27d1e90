/**
 * «Tu modelo de movimiento»: the trained classifier as plain JSON (no tfjs), its pure-JS
 * forward pass, and its place in IndexedDB (database `tinyml-motion`, store `models`, opened by
 * db.ts). Shared by the lesson-15 classifier (which writes it) and the live widgets (which read it).
 *
 * Forward pass of predictProbs (float64), for raw features x (33 by default, in the order of
 * spectralFeatureLabels):
 *   z = (x − mean) / std                     (the train split's statistics, normalize.ts)
 *   a⁰ = z;  aˡ = act(aˡ⁻¹ · Wˡ + bˡ)        (Wˡ row-major [in, out], act = relu or softmax)
 *   softmax(v)_k = exp(v_k − max v) / Σ_j exp(v_j − max v)
 * The result is one probability per class, in the order of `labels`.
 */
import type { SpectralParams } from '../dsp';
import { idbReason, MODELS_STORE, openMotionDb, reqDone, txDone } from './db';

export interface MotionLayer {
  units: number;
  activation: 'relu' | 'softmax';
  /** Row-major [in, out]: weights[i * units + o]. */
  weights: number[];
  bias: number[];
}

export interface MotionModelData {
  /** Class names in output order. */
  labels: string[];
  /** Sampling rate (Hz) and window length (ms) the features were computed on. */
  hz: number;
  windowMs: number;
  params: SpectralParams;
  /** Feature normalisation, train split only (one entry per feature). */
  mean: number[];
  std: number[];
  layers: MotionLayer[];
  metrics?: { trainAcc: number; valAcc: number; testAcc: number };
  /** ms since the Unix epoch. */
  createdAt: number;
  source: 'example' | 'student';
}

export const MOTION_MODEL_EVENT = 'tinyml:motion-model';
/** Key of the one stored model in the `models` store. */
export const MOTION_MODEL_KEY = 'tu-modelo-de-movimiento';

/** Inputs of the first layer (= number of features). */
export const inputSize = (m: Pick<MotionModelData, 'mean'>): number => m.mean.length;

/** Trainable numbers: Σ (in·out + out) over the layers. */
export function parameterCount(m: Pick<MotionModelData, 'mean' | 'layers'>): number {
  let n = inputSize(m);
  let total = 0;
  for (const l of m.layers) {
    total += n * l.units + l.units;
    n = l.units;
  }
  return total;
}

/** The normalised features z = (x − mean) / std. */
export function normalizeFeatures(m: Pick<MotionModelData, 'mean' | 'std'>, features: ArrayLike<number>): Float64Array {
  if (features.length !== m.mean.length) throw new RangeError(`the model expects ${m.mean.length} features, got ${features.length}`);
  const z = new Float64Array(features.length);
  for (let j = 0; j < z.length; j++) z[j] = (features[j]! - m.mean[j]!) / m.std[j]!;
  return z;
}

/** One layer: act(a · W + b). */
export function denseForward(l: MotionLayer, a: ArrayLike<number>): Float64Array {
  const nIn = a.length;
  if (l.weights.length !== nIn * l.units) throw new RangeError(`layer weights hold ${l.weights.length} values, expected ${nIn}·${l.units}`);
  const out = new Float64Array(l.units);
  for (let o = 0; o < l.units; o++) {
    let s = l.bias[o]!;
    for (let i = 0; i < nIn; i++) s += a[i]! * l.weights[i * l.units + o]!;
    out[o] = s;
  }
  if (l.activation === 'relu') {
    for (let o = 0; o < out.length; o++) if (out[o]! < 0) out[o] = 0;
  } else {
    let max = -Infinity;
    for (const v of out) if (v > max) max = v;
    let sum = 0;
    for (let o = 0; o < out.length; o++) sum += (out[o] = Math.exp(out[o]! - max));
    for (let o = 0; o < out.length; o++) out[o]! /= sum;
  }
  return out;
}

/** Class probabilities for one window's raw features (pure JS, no tfjs). */
export function predictProbs(m: MotionModelData, features: ArrayLike<number>): Float64Array {
  let a: Float64Array = normalizeFeatures(m, features);
  for (const l of m.layers) a = denseForward(l, a);
  return a;
}

/** Index of the most probable class (ties: the first). */
export function argmax(p: ArrayLike<number>): number {
  let best = 0;
  for (let k = 1; k < p.length; k++) if (p[k]! > p[best]!) best = k;
  return best;
}

const isNums = (x: unknown, n?: number): x is number[] =>
  Array.isArray(x) && (n === undefined || x.length === n) && x.every((v) => typeof v === 'number' && Number.isFinite(v));

/** Checks an untrusted object (IndexedDB, an imported file); messages are Spanish and name the field. */
export function validateMotionModel(x: unknown): { ok: true; model: MotionModelData } | { ok: false; message: string } {
  const bad = (m: string) => ({ ok: false as const, message: `El modelo guardado ${m}` });
  if (typeof x !== 'object' || x === null) return bad('no es un objeto.');
  const o = x as Record<string, unknown>;
  if (!Array.isArray(o.labels) || o.labels.length < 2 || !o.labels.every((l) => typeof l === 'string')) return bad('no tiene al menos dos clases («labels»).');
  if (typeof o.hz !== 'number' || !(o.hz > 0)) return bad('no dice a qué frecuencia se calcularon sus características («hz»).');
  if (typeof o.windowMs !== 'number' || !(o.windowMs > 0)) return bad('no dice la longitud de su ventana («windowMs»).');
  if (typeof o.params !== 'object' || o.params === null) return bad('no trae los parámetros espectrales («params»).');
  if (!isNums(o.mean) || o.mean.length === 0 || !isNums(o.std, o.mean.length) || o.std.some((s) => !(s > 0)))
    return bad('no trae una normalización válida («mean» y «std»).');
  if (!Array.isArray(o.layers) || o.layers.length === 0) return bad('no tiene capas.');
  let n = o.mean.length;
  for (const [i, l] of (o.layers as unknown[]).entries()) {
    const L = l as Record<string, unknown>;
    const units = L?.units;
    if (typeof units !== 'number' || !Number.isInteger(units) || units < 1) return bad(`tiene la capa ${i + 1} sin un número de neuronas válido.`);
    if (L.activation !== 'relu' && L.activation !== 'softmax') return bad(`tiene la capa ${i + 1} con una activación desconocida.`);
    if (!isNums(L.weights, n * units) || !isNums(L.bias, units)) return bad(`tiene la capa ${i + 1} con pesos de tamaño incorrecto.`);
    n = units;
  }
  const last = o.layers[o.layers.length - 1] as MotionLayer;
  if (last.activation !== 'softmax' || last.units !== o.labels.length) return bad('no termina en una softmax con una salida por clase.');
  if (o.source !== 'example' && o.source !== 'student') return bad('no dice de dónde salieron sus datos («source»).');
  if (typeof o.createdAt !== 'number') return bad('no tiene fecha («createdAt»).');
  return { ok: true, model: o as unknown as MotionModelData };
}

const failed = (what: string, e: unknown): Error => new Error(`No se pudo ${what} «tu modelo de movimiento»: ${idbReason(e)}.`);

/** The stored model, or null when there is none (or what is stored is not a valid model). */
export async function loadMotionModel(): Promise<MotionModelData | null> {
  const db = await openMotionDb(); // rejects with its own Spanish message
  try {
    const rec = await reqDone(db.transaction(MODELS_STORE, 'readonly').objectStore(MODELS_STORE).get(MOTION_MODEL_KEY)) as { model?: unknown } | undefined;
    if (!rec) return null;
    const v = validateMotionModel(rec.model);
    return v.ok ? v.model : null;
  } catch (e) {
    throw failed('leer', e);
  }
}

/** Stores `m` as «tu modelo de movimiento» (replacing the previous one) and tells the page. */
export async function saveMotionModel(m: MotionModelData): Promise<void> {
  const v = validateMotionModel(m);
  if (!v.ok) throw new Error(v.message);
  const db = await openMotionDb(); // rejects with its own Spanish message
  try {
    const tx = db.transaction(MODELS_STORE, 'readwrite');
    tx.objectStore(MODELS_STORE).put({ key: MOTION_MODEL_KEY, model: structuredClone(m) });
    await txDone(tx);
  } catch (e) {
    throw failed('guardar', e);
  }
  document.dispatchEvent(new CustomEvent(MOTION_MODEL_EVENT));
}

/** Calls `cb` whenever a model is saved on this page; returns the unsubscribe function. */
export function onMotionModelChange(cb: () => void): () => void {
  const h = (): void => cb();
  document.addEventListener(MOTION_MODEL_EVENT, h);
  return () => document.removeEventListener(MOTION_MODEL_EVENT, h);
}
