// «tu modelo»: store keys, the model.json writer (same as tfjs's own) and the checks on files a
// student loads back (each mistake gets its Spanish message), plus reading a topology back.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCnn } from '../../widgets/lib/cnn/model';
import { cnnLayers, DEFAULT_ARCH } from '../../widgets/lib/cnn/spec';
import {
  baseName, checkUpload, DEFAULT_MODEL_URL, hasStoredModel, manifestBytes, modelJsonFromArtifacts, shapeError, STORE_KEY, STORE_URL,
} from '../../widgets/lib/cnn/store';
import { layerSpecsFromTopology } from '../../widgets/lib/cnn/topology';
import { summarize } from '../../widgets/lib/conv/shapes';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

async function artifactsOf(model: tf.LayersModel): Promise<tf.io.ModelArtifacts> {
  let out: tf.io.ModelArtifacts | null = null;
  await model.save(tf.io.withSaveHandler(async (a) => {
    out = a;
    return { modelArtifactsInfo: { dateSaved: new Date(0), modelTopologyType: 'JSON' } };
  }));
  return out!;
}

describe('keys', () => {
  it('the IndexedDB URL and the default model path', () => {
    expect(STORE_KEY).toBe('tinyml-tu-modelo');
    expect(STORE_URL).toBe('indexeddb://tinyml-tu-modelo');
    expect(DEFAULT_MODEL_URL).toBe('/models/default-cnn/model.json');
    expect(hasStoredModel({ 'indexeddb://tinyml-tu-modelo': {} })).toBe(true);
    expect(hasStoredModel({ 'indexeddb://otro': {} })).toBe(false);
    expect(baseName('./a/b/pesos.bin?v=1#x')).toBe('pesos.bin');
    expect(baseName('pesos.bin')).toBe('pesos.bin');
  });
});

describe('model.json', () => {
  it('matches what tfjs browserDownloads writes, and the manifest size matches the weights', async () => {
    const model = buildCnn(tf, DEFAULT_ARCH, 3);
    const a = await artifactsOf(model);
    const json = modelJsonFromArtifacts(a, 'tu-modelo.weights.bin');
    expect(json.format).toBe('layers-model');
    expect(json.weightsManifest).toEqual([{ paths: ['./tu-modelo.weights.bin'], weights: a.weightSpecs }]);
    expect(json.modelTopology).toEqual(a.modelTopology);
    expect(manifestBytes(json.weightsManifest)).toBe(tf.io.CompositeArrayBuffer.join(a.weightData!).byteLength);
    expect(manifestBytes(json.weightsManifest)).toBe(4 * 9098);
    // The JSON text, parsed back and loaded with its weights, gives the same predictions.
    const parsed = JSON.parse(JSON.stringify(json)) as typeof json;
    const back = await tf.loadLayersModel(tf.io.fromMemory({
      modelTopology: parsed.modelTopology as object, weightSpecs: parsed.weightsManifest[0]!.weights as tf.io.WeightsManifestEntry[],
      weightData: tf.io.CompositeArrayBuffer.join(a.weightData!),
    }));
    const x = tf.randomUniform([2, 28, 28, 1], 0, 1, 'float32', 5);
    const d = tf.tidy(() => tf.max(tf.abs(tf.sub(model.predict(x) as tf.Tensor, back.predict(x) as tf.Tensor))).dataSync()[0]!);
    expect(d).toBeLessThan(1e-6);
    tf.dispose([x]);
    model.dispose();
    back.dispose();
  });

  it('reads the layer list back from the topology', async () => {
    const model = buildCnn(tf, { conv1: 4, conv2: 6, hidden: 16 }, 1);
    const specs = layerSpecsFromTopology((await artifactsOf(model)).modelTopology);
    expect(typeof specs).not.toBe('string');
    const s1 = summarize([28, 28, 1], specs as Exclude<typeof specs, string>);
    const s2 = summarize([28, 28, 1], cnnLayers({ conv1: 4, conv2: 6, hidden: 16 }).map((l) => l.spec));
    expect(s1.totalParams).toBe(s2.totalParams);
    expect(s1.totalMacs).toBe(s2.totalMacs);
    expect(s1.totalParams).toBe(model.countParams());
    expect(s1.layers.map((l) => l.outputShape)).toEqual(model.layers.map((l) => (l.outputShape as number[]).slice(1)));
    model.dispose();
    expect(layerSpecsFromTopology({ class_name: 'Model', config: {} })).toMatch(/secuenciales/);
    expect(layerSpecsFromTopology({ class_name: 'Sequential', config: { layers: [{ class_name: 'LSTM', config: {} }] } })).toMatch(/La capa 1 \(LSTM\)/);
  });
});

describe('checkUpload', () => {
  const manifest = [{ paths: ['./tu-modelo.weights.bin'], weights: [{ name: 'k', shape: [3, 4], dtype: 'float32' }] }];
  const good = JSON.stringify({ modelTopology: { class_name: 'Sequential' }, format: 'layers-model', weightsManifest: manifest });
  const json = { name: 'tu-modelo.json', size: good.length };
  const bin = { name: 'tu-modelo.weights.bin', size: 48 };

  it('accepts the json and its weights in any order and says which is which', () => {
    const r = checkUpload([bin, json], good);
    expect(r).toMatchObject({ ok: true, json: 1, weights: [0] });
  });

  it.each([
    [[], good, /ningún archivo/],
    [[bin], null, /Falta el archivo del modelo/],
    [[json, { ...json, name: 'otro.json' }, bin], good, /más de un archivo .json/],
    [[json], good, /Falta el archivo de pesos/],
    [[json, bin], '{roto', /no es un JSON válido/],
    [[json, bin], JSON.stringify({ hola: 1 }), /no un modelo de TensorFlow.js/],
    [[json, bin], JSON.stringify({ modelTopology: {}, format: 'graph-model', weightsManifest: manifest }), /graph-model/],
    [[json, { name: 'tu-modelo.weights (1).bin', size: 48 }], good, /espera el archivo de pesos «tu-modelo.weights.bin»/],
    [[json, bin, { name: 'extra.bin', size: 3 }], good, /Sobra «extra.bin»/],
    [[json, { ...bin, size: 47 }], good, /ocupan 47 bytes y deberían ocupar 48/],
    [[json, bin], JSON.stringify({ modelTopology: {}, weightsManifest: [{ paths: 'x' }] }), /dañada/],
  ] as const)('rejects a wrong pick with a Spanish message (%#)', (files, text, message) => {
    const r = checkUpload(files, text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });

  it('shapeError: the lessons need [lote, 28, 28, 1] → [lote, 10]', () => {
    expect(shapeError([null, 28, 28, 1], [null, 10])).toBeNull();
    expect(shapeError([null, 32, 32, 3], [null, 10])).toMatch(/\[lote, 32, 32, 3\]/);
    expect(shapeError([null, 28, 28, 1], [null, 2])).toMatch(/10 probabilidades/);
  });
});
