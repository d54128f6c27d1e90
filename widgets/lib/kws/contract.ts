/**
 * What every lesson-17 widget agrees on about a keyword model (pure: types and constants only, plus
 * the input normalization). The trainer writes models that follow it; live detection, the export
 * and the anatomy widget read them.
 *
 * Input: the features of exactly 1 s of 16 kHz audio, computed by lib/audio's computeFeatures /
 * FeatureProvider with AUDIO_DEFAULTS except the fields in `KwsMeta.params` (49 frames of 30 ms, hop
 * 20 ms). `feature` says which rows feed the model: 'mfcc' (13 per frame by default) or 'logmel'
 * (40 per frame). The model's input tensor is [batch, frames, bins, 1] (row = frame, oldest first),
 * float32, each value standardized per bin: (x − mean[b]) / std[b], with mean/std measured on the
 * training clips only.
 * Output: softmax probabilities [batch, classes.length], in the order of `classes`.
 *
 * Where models live: the course's default model (trained by scripts/train-kws-model.mjs with the
 * same code the trainer widget runs) at KWS_DEFAULT_URL with its KwsMeta at KWS_DEFAULT_META_URL;
 * the student's own model in IndexedDB at KWS_STORE_URL, with its KwsMeta as the model's user-defined
 * metadata (tf.LayersModel.setUserDefinedMetadata) under the key 'kws'.
 */
import type { AudioParams } from '../audio/features';

export const KWS_DEFAULT_URL = '/models/kws-default/model.json';
export const KWS_DEFAULT_META_URL = '/models/kws-default/metadata.json';
export const KWS_STORE_URL = 'indexeddb://tinyml-kws-modelo';
/** Same-origin event fired (on window) after the trainer saves «tu modelo» of KWS. */
export const KWS_SAVED_EVENT = 'tinyml-kws-saved';

export type KwsFeature = 'mfcc' | 'logmel';

export interface KwsMeta {
  format: 'tinyml-kws-model';
  version: 1;
  /** Class names in output order, e.g. ['sí', 'no', 'silencio', 'desconocido']. */
  classes: string[];
  feature: KwsFeature;
  /** Frames per 1 s window (49 with the defaults) and values per frame (13 MFCC or 40 log-mel). */
  frames: number;
  bins: number;
  /** The audio parameters that differ from AUDIO_DEFAULTS (empty with the defaults). */
  params: Partial<AudioParams>;
  /** Per-bin standardization measured on the training clips; length `bins`; std > 0. */
  mean: number[];
  std: number[];
  /** Where it came from and how well it did, when known. */
  source?: 'defecto' | 'propio';
  /** Accuracy (fraction) on the held-out test voices and how many clips that was. */
  test?: { accuracy: number; n: number };
  /** Free-form: seed, epochs, who trained it (the script or the widget). */
  training?: Record<string, string | number | boolean>;
}

/**
 * The model's input for one window: `rows` is frames × bins (oldest frame first, as FeatureRows
 * gives them); returns a Float32Array of frames·bins, row-major, standardized with meta's mean/std.
 * Throws RangeError when the shape does not match the meta.
 */
export function standardizeWindow(rows: ArrayLike<ArrayLike<number>>, meta: Pick<KwsMeta, 'frames' | 'bins' | 'mean' | 'std'>): Float32Array {
  if (rows.length !== meta.frames) throw new RangeError(`expected ${meta.frames} frames, got ${rows.length}`);
  const out = new Float32Array(meta.frames * meta.bins);
  for (let t = 0; t < meta.frames; t++) {
    const row = rows[t]!;
    if (row.length !== meta.bins) throw new RangeError(`frame ${t}: expected ${meta.bins} values, got ${row.length}`);
    for (let b = 0; b < meta.bins; b++) out[t * meta.bins + b] = (row[b]! - meta.mean[b]!) / meta.std[b]!;
  }
  return out;
}

/** Checks an unknown value is a usable KwsMeta; returns a Spanish reason, or null when it is fine. */
export function kwsMetaProblem(m: unknown): string | null {
  const x = m as Partial<KwsMeta> | null;
  if (!x || typeof x !== 'object' || x.format !== 'tinyml-kws-model') return 'no es un modelo de palabras clave del curso';
  if (!Array.isArray(x.classes) || x.classes.length < 2) return 'le faltan las clases';
  if (x.feature !== 'mfcc' && x.feature !== 'logmel') return 'no dice qué características usa';
  if (!Number.isInteger(x.frames) || !Number.isInteger(x.bins) || x.frames! < 1 || x.bins! < 1) return 'no dice la forma de su entrada';
  if (!Array.isArray(x.mean) || !Array.isArray(x.std) || x.mean.length !== x.bins || x.std.length !== x.bins) return 'le falta la normalización de la entrada';
  if (x.std.some((s) => !(s > 0))) return 'su normalización tiene una desviación típica no positiva';
  return null;
}
