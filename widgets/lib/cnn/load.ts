/**
 * Loading the lesson-10 CNN in the browser, shared by cnn-try, tflite-converter and int8-vs-fp32
 * (tf is passed in; browser adapter: reads IndexedDB and fetches the default model).
 * «tu modelo» (IndexedDB, saved by the trainer) when it exists and the student has not asked for
 * the default; otherwise the course's default model (public/models/default-cnn/).
 */
import type * as TF from '@tensorflow/tfjs';
import { DEFAULT_METADATA_URL, DEFAULT_MODEL_URL, hasStoredModel, shapeError, STORE_URL } from './store';

/** One layer of a loaded model, as the views name and draw it. */
export interface LayerView {
  name: string;
  /** Keras class: Conv2D, MaxPooling2D, Flatten, Dense… */
  kind: string;
  /** Output shape without the batch: [h, w, c] or [n]. */
  shape: number[];
}

export type Choice = 'auto' | 'propio' | 'defecto';

/** The model choice as a widget's «Modelo» select offers it (values of Choice, Spanish labels). */
export const CHOICE_OPTIONS: readonly { value: Choice; label: string }[] = [
  { value: 'auto', label: 'Tu modelo si existe' },
  { value: 'propio', label: 'Tu modelo' },
  { value: 'defecto', label: 'El modelo del curso' },
];
export type Source = 'propio' | 'defecto';

export interface LoadedCnn {
  source: Source;
  model: TF.LayersModel;
  /** Same inputs, one output per layer: what predict() reads the feature maps from. */
  probe: TF.LayersModel;
  layers: LayerView[];
  /** Test accuracy recorded with the model (fraction), when known. */
  accuracy: number | null;
  /** True when the student asked for «tu modelo» but there is none (the default is used). */
  missing: boolean;
}

/**
 * Whether «tu modelo» is stored. A storage that cannot be read (IndexedDB blocked, private mode,
 * quota) is not «no model»: `error` says what failed, in Spanish, and `stored` is false.
 */
export async function storedModelStatus(tf: typeof TF): Promise<{ stored: boolean; error: string | null }> {
  try {
    return { stored: hasStoredModel(await tf.io.listModels()), error: null };
  } catch (e) {
    return { stored: false, error: `No se pudo leer el almacenamiento de este navegador (${e instanceof Error ? e.message : String(e)}).` };
  }
}

export const storedModelExists = async (tf: typeof TF): Promise<boolean> => (await storedModelStatus(tf)).stored;

const accuracyOf = (meta: unknown): number | null => {
  const v = (meta as { exactitudPrueba?: unknown } | undefined)?.exactitudPrueba;
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
};

async function defaultAccuracy(): Promise<number | null> {
  try {
    const res = await fetch(DEFAULT_METADATA_URL);
    const meta = (await res.json()) as { test?: { accuracy?: unknown } };
    return typeof meta.test?.accuracy === 'number' ? meta.test.accuracy : null;
  } catch {
    return null;
  }
}

/** Loads the model for `choice`; a broken «tu modelo» falls back to the default and says why in `error`. */
export async function loadCnn(tf: typeof TF, choice: Choice): Promise<LoadedCnn & { error: string | null }> {
  const status = await storedModelStatus(tf);
  const stored = status.stored;
  let error: string | null = choice !== 'defecto' && status.error ? `${status.error} Se usa el modelo por defecto.` : null;
  if (choice !== 'defecto' && stored) {
    try {
      const model = await tf.loadLayersModel(STORE_URL);
      const bad = shapeError(model.inputs[0]!.shape, model.outputs[0]!.shape);
      if (!bad) return { ...wrap(tf, model, 'propio', accuracyOf(model.getUserDefinedMetadata())), missing: false, error: null };
      model.dispose();
      error = `«Tu modelo» no sirve aquí: ${bad} Se usa el modelo por defecto.`;
    } catch (e) {
      error = `No se pudo leer «tu modelo» (${e instanceof Error ? e.message : String(e)}). Se usa el modelo por defecto.`;
    }
  }
  const model = await tf.loadLayersModel(DEFAULT_MODEL_URL);
  return { ...wrap(tf, model, 'defecto', await defaultAccuracy()), missing: choice === 'propio' && !stored, error };
}

function wrap(tf: typeof TF, model: TF.LayersModel, source: Source, accuracy: number | null): Omit<LoadedCnn, 'missing'> {
  const outputs = model.layers.map((l) => l.output as TF.SymbolicTensor);
  const probe = tf.model({ inputs: model.inputs, outputs });
  const layers = model.layers.map((l) => ({ name: l.name, kind: l.getClassName(), shape: (l.outputShape as number[]).slice(1) }));
  return { source, model, probe, layers, accuracy };
}

/** Activations of every layer for one 28·28 image (values in [0, 1]); the last one is the probabilities. */
export function activations(tf: typeof TF, cnn: LoadedCnn, image: Float32Array): Float32Array[] {
  return tf.tidy(() => {
    const x = tf.tensor4d(image, [1, 28, 28, 1]);
    const out = cnn.probe.predict(x);
    const list = Array.isArray(out) ? out : [out];
    return list.map((t) => t.dataSync() as Float32Array);
  });
}
