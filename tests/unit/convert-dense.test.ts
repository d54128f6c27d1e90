// lib/convert/dense.ts: a dense-only network from plain [in, out] arrays converts to .tflite
// files that the repo's reader parses with FULLY_CONNECTED … SOFTMAX and the right shapes; the
// float32 graph computes what tfjs computes with the same weights (|diff| < 1e-5) and the int8
// graph stays close to it (|diff| ≤ 0.06 per probability, same top class on ≥ 95 % of inputs).
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { convertAll, convertFloat32, ConvertError } from '../../widgets/lib/convert';
import { denseKerasModel, type PlainDense } from '../../widgets/lib/convert/dense';
import { runModel } from '../../widgets/lib/int8ref';
import { createRng } from '../../widgets/lib/rng/rng';
import { readTflite } from '../../widgets/lib/tflite';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const D = 33;
function randomNet(seed: number, sizes = [20, 10, 4]): PlainDense[] {
  const rng = createRng(seed);
  let n = D;
  return sizes.map((u, i) => {
    const scale = Math.sqrt(6 / (n + u));
    const l: PlainDense = {
      units: u, activation: i === sizes.length - 1 ? 'softmax' : 'relu',
      weights: Array.from({ length: n * u }, () => rng.uniform(-scale, scale)),
      bias: Array.from({ length: u }, () => rng.uniform(-0.2, 0.2)),
    };
    n = u;
    return l;
  });
}

function tfPredict(layers: PlainDense[], x: Float32Array): Float32Array {
  const m = tf.sequential();
  let n = D;
  layers.forEach((l, i) => {
    m.add(tf.layers.dense({ ...(i === 0 ? { inputShape: [D] } : {}), units: l.units, activation: l.activation as 'relu' | 'softmax' }));
    const w = [tf.tensor2d(Array.from(l.weights), [n, l.units]), tf.tensor1d(Array.from(l.bias))];
    m.layers[i]!.setWeights(w);
    tf.dispose(w);
    n = l.units;
  });
  const out = tf.tidy(() => (m.predict(tf.tensor2d(x, [1, D])) as tf.Tensor).dataSync() as Float32Array);
  m.dispose();
  return Float32Array.from(out);
}

const inputs = (n: number, seed: number): Float32Array[] => {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => Float32Array.from({ length: D }, () => rng.normal(0, 1)));
};

describe('dense-only network → .tflite', () => {
  const layers = randomNet(3);
  const km = denseKerasModel('densa', D, layers, ['dense1', 'dense2', 'salida']);

  it('reads back as FULLY_CONNECTED ×3 + SOFTMAX with [out, in] weights', () => {
    const info = readTflite(convertFloat32(km).bytes);
    expect(info.warnings).toEqual([]);
    const g = info.subgraphs[0]!;
    expect(g.operators.map((o) => o.opName)).toEqual(['FULLY_CONNECTED', 'FULLY_CONNECTED', 'FULLY_CONNECTED', 'SOFTMAX']);
    expect(g.tensors[g.inputs[0]!]!.shape).toEqual([1, D]);
    expect(g.tensors[g.outputs[0]!]!.shape).toEqual([1, 4]);
    expect(g.tensors.find((t) => t.name === 'dense1/pesos')!.shape).toEqual([20, D]);
    expect(g.tensors.find((t) => t.name === 'dense2/pesos')!.shape).toEqual([10, 20]);
    expect(g.tensors.find((t) => t.name === 'salida/pesos')!.shape).toEqual([4, 10]);
    expect(g.operators.slice(0, 2).map((o) => (o.options as { fusedActivation?: string }).fusedActivation)).toEqual(['RELU', 'RELU']);
  });

  it('float32 computes what tfjs computes with the same weights (|diff| < 1e-5)', () => {
    const info = readTflite(convertFloat32(km).bytes);
    for (const x of inputs(30, 7)) {
      const a = runModel(info, x).output;
      const b = tfPredict(layers, x);
      for (let k = 0; k < 4; k++) expect(Math.abs(a[k]! - b[k]!)).toBeLessThan(1e-5);
    }
  });

  it('int8 (float and int8 I/O) agrees with float32', () => {
    const set = convertAll(km, inputs(60, 1));
    const fp = readTflite(set.fp32.bytes);
    const q = readTflite(set.int8.bytes);
    const qio = readTflite(set.int8io.bytes);
    expect(q.subgraphs[0]!.operators.map((o) => o.opName)).toEqual(['QUANTIZE', 'FULLY_CONNECTED', 'FULLY_CONNECTED', 'FULLY_CONNECTED', 'SOFTMAX', 'DEQUANTIZE']);
    expect(qio.subgraphs[0]!.tensors[qio.subgraphs[0]!.inputs[0]!]!.type).toBe('INT8');
    expect(set.int8.bytes.length).toBeLessThan(set.fp32.bytes.length);
    let same = 0;
    const xs = inputs(100, 9);
    for (const x of xs) {
      const a = runModel(fp, x).output;
      const b = runModel(q, x).output;
      const c = runModel(qio, x).output;
      for (let k = 0; k < 4; k++) {
        expect(Math.abs(a[k]! - b[k]!)).toBeLessThanOrEqual(0.06);
        expect(c[k]).toBeCloseTo(b[k]!, 6);
      }
      const top = (p: ArrayLike<number>) => Array.from(p).indexOf(Math.max(...Array.from(p)));
      if (top(a) === top(b)) same++;
    }
    expect(same / xs.length).toBeGreaterThanOrEqual(0.95);
  });

  it('rejects weights of the wrong size, in Spanish', () => {
    const bad = randomNet(4);
    bad[1] = { ...bad[1]!, weights: Array.from(bad[1]!.weights).slice(0, 10) } as PlainDense;
    expect(() => denseKerasModel('x', D, bad)).toThrow(ConvertError);
    expect(() => denseKerasModel('x', D, bad)).toThrow(/«dense2» tiene 10 pesos/);
    expect(() => denseKerasModel('x', D, [])).toThrow(/ninguna capa/);
  });
});
