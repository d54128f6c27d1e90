/**
 * Fetches the default model's weights (public/models/default-cnn) once per page and splits them
 * into named float32 tensors, for the quant-explorer and pruning-explorer views. Browser adapter
 * (it calls fetch); the parser is lib/quant/weights.ts.
 */
import { DEFAULT_MODEL_URL } from '../cnn/store';
import { parseWeights, type ManifestWeight, type NamedTensor } from './weights';

let cached: Promise<NamedTensor[]> | null = null;

export function loadDefaultWeights(): Promise<NamedTensor[]> {
  if (!cached) {
    const p = (async () => {
      const res = await fetch(DEFAULT_MODEL_URL);
      if (!res.ok) throw new Error(`el servidor respondió ${res.status} al pedir el modelo`);
      const json = (await res.json()) as { weightsManifest: Array<{ paths: string[]; weights: ManifestWeight[] }> };
      const group = json.weightsManifest[0];
      if (!group || json.weightsManifest.length !== 1 || group.paths.length !== 1) throw new Error('el modelo no tiene un único archivo de pesos');
      const bin = await fetch(new URL(group.paths[0]!, new URL(DEFAULT_MODEL_URL, location.href)));
      if (!bin.ok) throw new Error(`el servidor respondió ${bin.status} al pedir los pesos`);
      return parseWeights(group.weights, await bin.arrayBuffer());
    })();
    cached = p;
    p.catch(() => {
      if (cached === p) cached = null;
    });
  }
  return cached;
}
