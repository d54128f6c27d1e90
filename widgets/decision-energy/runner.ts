/**
 * Loads «tu modelo» or the course's default CNN with the same loader as the converter and
 * int8-vs-fp32 (lib/cnn/load.ts, tfjs loaded on demand) and returns only its layer list as
 * lib/conv/shapes LayerSpecs (read from the model's topology), so core.ts can count its MACs.
 * The tfjs model is disposed before returning. Browser only (view.ts imports this module).
 */
import { loadTf } from '../lib/cnn/tf-main';
import { loadCnn, type Choice, type Source } from '../lib/cnn/load';
import { layerSpecsFromTopology } from '../lib/cnn/topology';
import type { LayerSpec } from '../lib/conv/shapes';

export interface LoadedSpecs {
  source: Source;
  /** The student asked for «tu modelo» and none is stored. */
  missing: boolean;
  /** Why «tu modelo» could not be used (Spanish), or null. */
  warning: string | null;
  /** Input shape without the batch, e.g. [28, 28, 1]. */
  input: number[];
  specs: LayerSpec[];
  /** Layer names, in the order of `specs`. */
  names: string[];
}

export async function loadSpecs(choice: Choice): Promise<LoadedSpecs> {
  const { tf } = await loadTf();
  const cnn = await loadCnn(tf, choice);
  try {
    const specs = layerSpecsFromTopology(cnn.model.toJSON(null, false));
    if (typeof specs === 'string') throw new Error(specs);
    const input = (cnn.model.inputs[0]!.shape as (number | null)[]).slice(1).map(Number);
    const names = cnn.model.layers.filter((l) => l.getClassName() !== 'InputLayer').map((l) => l.name);
    return { source: cnn.source, missing: cnn.missing, warning: cnn.error, input, specs, names };
  } finally {
    cnn.model.dispose();
  }
}
