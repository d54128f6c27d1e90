/**
 * Reads the layer list of a saved tfjs/Keras model topology (model.json's "modelTopology", the
 * Keras JSON that tfjs writes) into the LayerSpec list of lib/conv/shapes.ts, so the summary
 * (shapes, parameters, multiply-adds) of any model the student loads can be computed (pure).
 *
 *   {"class_name": "Sequential", "config": {"layers": [{"class_name": "Conv2D", "config": {...}}, ...]}}
 * (Keras 2 also allowed "config" to be the layer array itself.) InputLayer entries are skipped.
 */
import type { LayerSpec } from '../conv/shapes';

interface KerasLayer {
  class_name?: unknown;
  config?: Record<string, unknown>;
}

const pairOf = (v: unknown, fallback: number): [number, number] | null => {
  if (v === undefined || v === null) return [fallback, fallback];
  if (typeof v === 'number') return [v, v];
  if (Array.isArray(v) && v.length === 2 && v.every((k) => typeof k === 'number')) return [v[0] as number, v[1] as number];
  return null;
};

const act = <A extends string>(v: unknown, allowed: readonly A[]): A | null => {
  const a = v === undefined || v === null ? 'linear' : v;
  return typeof a === 'string' && (allowed as readonly string[]).includes(a) ? (a as A) : null;
};

/** The model's layers as LayerSpecs, or a Spanish message naming the first layer it cannot read. */
export function layerSpecsFromTopology(topology: unknown): LayerSpec[] | string {
  const t = topology as { class_name?: unknown; config?: unknown; model_config?: unknown } | null;
  const root = (t && typeof t === 'object' && 'model_config' in t ? t.model_config : t) as { class_name?: unknown; config?: unknown } | null;
  if (!root || typeof root !== 'object') return 'El modelo no trae la descripción de sus capas.';
  if (root.class_name !== 'Sequential') return `Solo se leen modelos secuenciales y este es «${String(root.class_name)}».`;
  const cfg = root.config as { layers?: unknown } | unknown[] | undefined;
  const list = Array.isArray(cfg) ? cfg : (cfg as { layers?: unknown } | undefined)?.layers;
  if (!Array.isArray(list)) return 'El modelo no trae la lista de sus capas.';
  const out: LayerSpec[] = [];
  for (const [i, raw] of (list as KerasLayer[]).entries()) {
    const name = String(raw?.class_name);
    const c = raw?.config ?? {};
    const where = `la capa ${i + 1} (${name})`;
    switch (name) {
      case 'InputLayer':
        continue;
      case 'Conv2D': {
        const k = pairOf(c.kernel_size, 1);
        const s = pairOf(c.strides, 1);
        const a = act(c.activation, ['linear', 'relu'] as const);
        const d = pairOf(c.dilation_rate, 1);
        if (!k || !s || !a || typeof c.filters !== 'number' || !d || d[0] !== 1 || d[1] !== 1) return `No se entiende ${where}.`;
        if (c.data_format === 'channels_first') return `${where} usa canales primero; aquí solo se admite canales al final.`;
        out.push({ type: 'conv2d', filters: c.filters, kernelSize: k, stride: s, padding: c.padding === 'same' ? 'same' : 'valid', activation: a, useBias: c.use_bias !== false });
        break;
      }
      case 'MaxPooling2D':
      case 'AveragePooling2D': {
        const p = pairOf(c.pool_size, 2);
        const s = c.strides === null || c.strides === undefined ? p : pairOf(c.strides, 2);
        if (!p || !s) return `No se entiende ${where}.`;
        out.push({ type: name === 'MaxPooling2D' ? 'maxPool2d' : 'avgPool2d', poolSize: p, stride: s, padding: c.padding === 'same' ? 'same' : 'valid' });
        break;
      }
      case 'Flatten':
        out.push({ type: 'flatten' });
        break;
      case 'Dense': {
        const a = act(c.activation, ['linear', 'relu', 'softmax'] as const);
        if (!a || typeof c.units !== 'number') return `No se entiende ${where}.`;
        out.push({ type: 'dense', units: c.units, activation: a, useBias: c.use_bias !== false });
        break;
      }
      default:
        return `${where[0]!.toUpperCase()}${where.slice(1)} es de un tipo que este resumen no conoce.`;
    }
  }
  return out;
}
