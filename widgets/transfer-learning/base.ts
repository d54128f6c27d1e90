/** Loads the frozen base (conv1, conv2) trained on the digits 0–4 as plain arrays; no tensor is kept. */
import type * as TF from '@tensorflow/tfjs';
import { readBase, type BaseWeights } from '../lib/transfer/model';

export const BASE_URL = '/models/base-0-4/model.json';

export async function loadBase(tf: typeof TF): Promise<BaseWeights> {
  let model: TF.LayersModel;
  try {
    model = await tf.loadLayersModel(BASE_URL);
  } catch (err) {
    throw new Error(`No se pudo cargar la base entrenada con 0–4 (${BASE_URL}): ${err instanceof Error ? err.message : String(err)}`);
  }
  try {
    return readBase(model);
  } finally {
    model.dispose();
  }
}
