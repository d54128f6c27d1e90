/**
 * Reads a tfjs LayersModel into plain layer definitions the converter understands, from either
 * - the saved artifacts (model.json's `modelTopology` + `weightsManifest`, and the weight bytes),
 *   which is how Node and the export script see the shipped model; or
 * - a live tf.LayersModel (duck-typed: `toJSON(null, false)` and each layer's `getWeights()`),
 *   so this file never imports tfjs.
 * Weights keep the tfjs layout here (Conv2D [kh, kw, cin, cout], Dense [in, out], depthwise
 * [kh, kw, cin, mult]); build.ts transposes them. Anything unsupported throws a ConvertError whose
 * Spanish message names the layer.
 */

export class ConvertError extends Error {
  override readonly name = 'ConvertError';
}

export type KerasActivation = 'linear' | 'relu' | 'relu6' | 'softmax';

export interface WeightArray {
  shape: number[];
  values: Float32Array;
}

interface Window2D {
  strides: [number, number];
  padding: 'same' | 'valid';
}

export type KerasLayer =
  | ({ kind: 'conv2d'; name: string; filters: number; kernelSize: [number, number]; dilation: [number, number]; activation: KerasActivation; kernel: WeightArray; bias: Float32Array | null } & Window2D)
  | ({ kind: 'depthwise'; name: string; depthMultiplier: number; kernelSize: [number, number]; dilation: [number, number]; activation: KerasActivation; kernel: WeightArray; bias: Float32Array | null } & Window2D)
  | { kind: 'dense'; name: string; units: number; activation: KerasActivation; kernel: WeightArray; bias: Float32Array | null }
  | ({ kind: 'pool'; name: string; pool: 'max' | 'avg'; poolSize: [number, number] } & Window2D)
  | { kind: 'flatten'; name: string }
  | { kind: 'activation'; name: string; activation: KerasActivation };

export interface KerasModel {
  name: string;
  /** Input shape without the batch, e.g. [28, 28, 1]. */
  inputShape: number[];
  layers: KerasLayer[];
}

/** Weight arrays of each layer, by layer name, in the layer's own order (kernel, then bias). */
export type LayerWeights = Record<string, WeightArray[]>;

type Json = Record<string, unknown>;

const pair = (v: unknown, fallback: number): [number, number] | null => {
  if (v === undefined || v === null) return [fallback, fallback];
  if (typeof v === 'number') return [v, v];
  if (Array.isArray(v) && v.length === 2 && v.every((k) => Number.isInteger(k) && k > 0)) return [v[0], v[1]];
  if (Array.isArray(v) && v.length === 1 && Number.isInteger(v[0])) return [v[0], v[0]];
  return null;
};

const describe = (name: string, cls: string): string => `La capa «${name}» (${cls})`;

function activationOf(v: unknown, where: string): KerasActivation {
  const a = v === undefined || v === null ? 'linear' : v;
  if (a === 'linear' || a === 'relu' || a === 'relu6' || a === 'softmax') return a;
  throw new ConvertError(
    `${where} usa la activación «${String(a)}»; el conversor solo admite lineal, ReLU, ReLU6 y softmax.`,
  );
}

/** The layer list of a Keras/tfjs topology (Sequential, or a Functional model that is a single chain). */
function layerList(topology: unknown): { name: string; list: Json[] } {
  const t = topology as Json | null;
  const root = (t && typeof t === 'object' && 'model_config' in t ? t.model_config : t) as Json | null;
  if (!root || typeof root !== 'object') throw new ConvertError('El modelo no trae la descripción de sus capas.');
  const cls = String(root.class_name);
  const cfg = root.config as Json | Json[] | undefined;
  const list = Array.isArray(cfg) ? cfg : (cfg?.layers as Json[] | undefined);
  if (!Array.isArray(list)) throw new ConvertError('El modelo no trae la lista de sus capas.');
  if (cls !== 'Sequential' && cls !== 'Model' && cls !== 'Functional')
    throw new ConvertError(`El modelo es de tipo «${cls}»; el conversor lee modelos secuenciales.`);
  if (cls !== 'Sequential') {
    // A functional model converts only when each layer takes the previous one's output.
    list.forEach((l, i) => {
      const inbound = (l.inbound_nodes as unknown[][] | undefined) ?? [];
      const prev = i > 0 ? String((list[i - 1]!.config as Json | undefined)?.name ?? list[i - 1]!.name) : null;
      const first = inbound[0]?.[0] as unknown[] | undefined;
      const ok = i === 0 ? inbound.length === 0 : inbound.length === 1 && (inbound[0]?.length ?? 0) === 1 && first?.[0] === prev;
      if (!ok) throw new ConvertError(`${describe(String(l.name), String(l.class_name))} no sigue a la anterior en una sola cadena; el conversor solo admite modelos secuenciales.`);
    });
  }
  const name = typeof (Array.isArray(cfg) ? undefined : cfg?.name) === 'string' ? String((cfg as Json).name) : 'modelo';
  return { name, list };
}

/** Parses a topology and per-layer weights into a KerasModel. */
export function parseKeras(topology: unknown, weights: LayerWeights): KerasModel {
  const { name: modelName, list } = layerList(topology);
  let inputShape: number[] | null = null;
  const layers: KerasLayer[] = [];
  for (const raw of list) {
    const cls = String(raw.class_name);
    const c = (raw.config ?? {}) as Json;
    const name = String(c.name ?? raw.name ?? cls);
    const where = describe(name, cls);
    const bis = (c.batch_input_shape ?? c.batch_shape) as (number | null)[] | undefined;
    if (!inputShape && Array.isArray(bis)) inputShape = bis.slice(1).map((d) => Number(d));
    if (c.data_format === 'channels_first') throw new ConvertError(`${where} usa canales primero; TFLite usa canales al final (NHWC).`);
    const w = weights[name] ?? [];
    const kernelAndBias = (useBias: boolean): { kernel: WeightArray; bias: Float32Array | null } => {
      if (!w[0] || (useBias && !w[1])) throw new ConvertError(`${where} no trae sus pesos.`);
      return { kernel: w[0], bias: useBias ? w[1]!.values : null };
    };
    const window = (): Window2D => {
      const s = pair(c.strides, 1);
      if (!s) throw new ConvertError(`${where} tiene unos pasos (strides) que no se entienden.`);
      if (c.padding !== 'same' && c.padding !== 'valid' && c.padding !== undefined)
        throw new ConvertError(`${where} usa el relleno «${String(c.padding)}»; solo se admiten same y valid.`);
      return { strides: s, padding: c.padding === 'same' ? 'same' : 'valid' };
    };
    switch (cls) {
      case 'InputLayer':
      case 'Dropout':
      case 'SpatialDropout2D':
      case 'GaussianNoise':
      case 'GaussianDropout':
        continue; // identity at inference time
      case 'Conv2D':
      case 'DepthwiseConv2D': {
        const k = pair(c.kernel_size, 1);
        const d = pair(c.dilation_rate, 1);
        if (!k || !d) throw new ConvertError(`${where} tiene un tamaño de núcleo o una dilatación que no se entienden.`);
        if (Number(c.groups ?? 1) !== 1) throw new ConvertError(`${where} usa grupos; el conversor no los admite.`);
        const common = { name, kernelSize: k, dilation: d, activation: activationOf(c.activation, where), ...window(), ...kernelAndBias(c.use_bias !== false) };
        if (cls === 'Conv2D') layers.push({ kind: 'conv2d', filters: Number(c.filters), ...common });
        else layers.push({ kind: 'depthwise', depthMultiplier: Number(c.depth_multiplier ?? 1), ...common });
        break;
      }
      case 'Dense':
        layers.push({ kind: 'dense', name, units: Number(c.units), activation: activationOf(c.activation, where), ...kernelAndBias(c.use_bias !== false) });
        break;
      case 'MaxPooling2D':
      case 'AveragePooling2D': {
        const p = pair(c.pool_size, 2);
        if (!p) throw new ConvertError(`${where} tiene un tamaño de ventana que no se entiende.`);
        const win = window();
        if (c.strides === null || c.strides === undefined) win.strides = p;
        layers.push({ kind: 'pool', name, pool: cls === 'MaxPooling2D' ? 'max' : 'avg', poolSize: p, ...win });
        break;
      }
      case 'Flatten':
        layers.push({ kind: 'flatten', name });
        break;
      case 'Activation':
        layers.push({ kind: 'activation', name, activation: activationOf(c.activation, where) });
        break;
      case 'ReLU': {
        const max = c.max_value;
        if ((c.negative_slope ?? 0) !== 0 || (c.threshold ?? 0) !== 0 || (max !== null && max !== undefined && max !== 6))
          throw new ConvertError(`${where} no es una ReLU estándar ni una ReLU6; el conversor no la admite.`);
        layers.push({ kind: 'activation', name, activation: max === 6 ? 'relu6' : 'relu' });
        break;
      }
      case 'Softmax':
        layers.push({ kind: 'activation', name, activation: 'softmax' });
        break;
      default:
        throw new ConvertError(
          `${where} es de un tipo que el conversor no admite. Capas admitidas: Conv2D, DepthwiseConv2D, Dense, MaxPooling2D, AveragePooling2D, Flatten, ReLU, ReLU6, Softmax y Dropout.`,
        );
    }
  }
  if (!inputShape || inputShape.some((d) => !Number.isInteger(d) || d <= 0))
    throw new ConvertError('El modelo no dice la forma de su entrada (falta batch_input_shape en la primera capa).');
  if (layers.length === 0) throw new ConvertError('El modelo no tiene ninguna capa que convertir.');
  return { name: modelName, inputShape, layers };
}

interface ManifestEntry {
  name: string;
  shape: number[];
  dtype?: string;
  quantization?: unknown;
}

/**
 * From saved artifacts: `modelJson` is the parsed model.json; `weightData` the concatenated
 * bytes of every file in weightsManifest[*].paths, in order (little-endian float32).
 * Weight names are "<layer>/<variable>"; the layer is everything before the last slash.
 */
export function kerasFromArtifacts(modelJson: unknown, weightData: ArrayBuffer | Uint8Array): KerasModel {
  const mj = modelJson as { modelTopology?: unknown; weightsManifest?: { weights?: ManifestEntry[] }[] } | null;
  if (!mj?.modelTopology || !Array.isArray(mj.weightsManifest))
    throw new ConvertError('El archivo no parece un model.json de TensorFlow.js (faltan modelTopology o weightsManifest).');
  const bytes = weightData instanceof Uint8Array ? weightData : new Uint8Array(weightData);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const weights: LayerWeights = {};
  let offset = 0;
  for (const group of mj.weightsManifest)
    for (const e of group.weights ?? []) {
      if ((e.dtype ?? 'float32') !== 'float32' || e.quantization)
        throw new ConvertError(`El peso «${e.name}» no está guardado en float32; el conversor solo lee pesos float32.`);
      const n = e.shape.reduce((a, b) => a * b, 1);
      if (offset + 4 * n > bytes.length) throw new ConvertError('El archivo de pesos es más corto de lo que dice model.json.');
      const values = new Float32Array(n);
      for (let i = 0; i < n; i++) values[i] = dv.getFloat32(offset + 4 * i, true);
      offset += 4 * n;
      const layer = e.name.includes('/') ? e.name.slice(0, e.name.lastIndexOf('/')) : e.name;
      (weights[layer] ??= []).push({ shape: [...e.shape], values });
    }
  return parseKeras(mj.modelTopology, weights);
}

/** The part of a tf.LayersModel the converter uses. */
export interface LayersModelLike {
  toJSON(unused?: unknown, returnString?: boolean): unknown;
  layers: { name: string; getWeights(): { shape: number[]; dataSync(): ArrayLike<number> }[] }[];
}

/** From a live tf.LayersModel (weights are copied out with dataSync). */
export function kerasFromLayersModel(model: LayersModelLike): KerasModel {
  const weights: LayerWeights = {};
  for (const l of model.layers)
    weights[l.name] = l.getWeights().map((t) => ({ shape: [...t.shape], values: Float32Array.from(t.dataSync()) }));
  return parseKeras(model.toJSON(null, false), weights);
}
