/**
 * Converter (tfjs → .tflite): the written file reads back with the same graph, shapes and
 * weights (transposed into TFLite's layouts), the float32 graph computes what tfjs computes, and
 * the int8 graph follows TFLite's quantization rules.
 */
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ConvertError,
  cHeader,
  convertAll,
  convertFloat32,
  kerasFromArtifacts,
  kerasFromLayersModel,
  parseKeras,
  planModel,
  transpose,
} from '../../widgets/lib/convert';
import { runModel } from '../../widgets/lib/int8ref';
import { createRng } from '../../widgets/lib/rng/rng';
import { bytesToFloat32, bytesToInt32, bytesToInt8, readTflite, type TfliteModelInfo } from '../../widgets/lib/tflite';

const seed = (s: number) => tf.initializers.glorotUniform({ seed: s });
const biasInit = (s: number) => tf.initializers.randomUniform({ minval: -0.2, maxval: 0.2, seed: s });

/** A small model that uses every supported layer, odd sizes and strides to exercise padding. */
function mixedModel(): tf.Sequential {
  const m = tf.sequential({ name: 'mixto' });
  m.add(tf.layers.conv2d({ inputShape: [9, 9, 2], filters: 4, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu', kernelInitializer: seed(1), biasInitializer: biasInit(2), name: 'c1' }));
  m.add(tf.layers.depthwiseConv2d({ kernelSize: 2, depthMultiplier: 2, padding: 'valid', activation: 'relu6', depthwiseInitializer: seed(3), biasInitializer: biasInit(4), name: 'dw' }));
  m.add(tf.layers.averagePooling2d({ poolSize: 2, strides: 1, padding: 'same', name: 'avg' }));
  m.add(tf.layers.conv2d({ filters: 3, kernelSize: [2, 1], padding: 'valid', useBias: false, kernelInitializer: seed(5), name: 'c2' }));
  m.add(tf.layers.reLU({ name: 'r' }));
  m.add(tf.layers.maxPooling2d({ poolSize: 2, name: 'max' }));
  m.add(tf.layers.flatten({ name: 'flat' }));
  m.add(tf.layers.dropout({ rate: 0.3, name: 'drop' }));
  m.add(tf.layers.dense({ units: 5, activation: 'relu', kernelInitializer: seed(6), biasInitializer: biasInit(7), name: 'd1' }));
  m.add(tf.layers.dense({ units: 4, kernelInitializer: seed(8), biasInitializer: biasInit(9), name: 'd2' }));
  m.add(tf.layers.softmax({ name: 'sm' }));
  return m;
}

const randomInputs = (n: number, size: number, s: number): Float32Array[] => {
  const rng = createRng(s);
  return Array.from({ length: n }, () => Float32Array.from({ length: size }, () => rng.uniform(0, 1)));
};

function predict(model: tf.LayersModel, x: Float32Array, shape: number[]): Float32Array {
  return tf.tidy(() => (model.predict(tf.tensor(x, [1, ...shape])) as tf.Tensor).dataSync() as Float32Array);
}

const ops = (info: TfliteModelInfo): string[] => info.subgraphs[0]!.operators.map((o) => o.opName);
const tensor = (info: TfliteModelInfo, name: string) => info.subgraphs[0]!.tensors.find((t) => t.name === name)!;

describe('tfjs topology → plan', () => {
  let model: tf.Sequential;
  beforeAll(() => {
    model = mixedModel();
  });

  it('lowers every layer, folds ReLU/ReLU6 and splits softmax', () => {
    const plan = planModel(kerasFromLayersModel(model));
    expect(plan.inputShape).toEqual([1, 9, 9, 2]);
    expect(plan.steps.map((s) => [s.op, s.outShape])).toEqual([
      ['CONV_2D', [1, 5, 5, 4]],
      ['DEPTHWISE_CONV_2D', [1, 4, 4, 8]],
      ['AVERAGE_POOL_2D', [1, 4, 4, 8]],
      ['CONV_2D', [1, 3, 4, 3]],
      ['MAX_POOL_2D', [1, 1, 2, 3]],
      ['RESHAPE', [1, 6]],
      ['FULLY_CONNECTED', [1, 5]],
      ['FULLY_CONNECTED', [1, 4]],
      ['SOFTMAX', [1, 4]],
    ]);
    const acts = plan.steps.map((s) => ('fusedActivation' in s.options ? s.options.fusedActivation : '-'));
    expect(acts).toEqual(['RELU', 'RELU6', 'NONE', 'RELU', 'NONE', '-', 'RELU', 'NONE', '-']);
  });

  it('accepts a functional model that is a single chain, and a separate ReLU6 layer', () => {
    const input = tf.input({ shape: [6, 6, 1], name: 'x' });
    const c = tf.layers.conv2d({ filters: 2, kernelSize: 3, kernelInitializer: seed(10), name: 'conv' }).apply(input) as tf.SymbolicTensor;
    const r = tf.layers.reLU({ maxValue: 6, name: 'r6' }).apply(c) as tf.SymbolicTensor;
    const f = tf.layers.flatten({ name: 'aplanar' }).apply(r) as tf.SymbolicTensor;
    const d = tf.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: seed(11), name: 'salida' }).apply(f) as tf.SymbolicTensor;
    const fm = tf.model({ inputs: input, outputs: d, name: 'funcional' });
    const plan = planModel(kerasFromLayersModel(fm));
    expect(plan.steps.map((s) => s.op)).toEqual(['CONV_2D', 'RESHAPE', 'FULLY_CONNECTED', 'SOFTMAX']);
    expect(plan.steps[0]!.options).toMatchObject({ fusedActivation: 'RELU6' });
    const info = readTflite(convertFloat32(plan).bytes);
    for (const x of randomInputs(5, 36, 12)) {
      const a = runModel(info, x).output;
      const b = predict(fm, x, [6, 6, 1]);
      for (let i = 0; i < 3; i++) expect(Math.abs(a[i]! - b[i]!)).toBeLessThan(1e-5);
    }
  });

  it('transposes like an independent index formula', () => {
    const shape = [2, 3, 4, 5];
    const v = Float32Array.from({ length: 120 }, (_, i) => i);
    const t = transpose(v, shape, [3, 0, 1, 2]);
    expect(t.shape).toEqual([5, 2, 3, 4]);
    for (const [a, b, c, d] of [[0, 0, 0, 0], [1, 2, 3, 4], [1, 0, 2, 3], [0, 1, 1, 2]] as const)
      expect(t.values[((d * 2 + a) * 3 + b) * 4 + c]).toBe(v[((a * 3 + b) * 4 + c) * 5 + d]);
  });

  it('rejects unsupported layers with a Spanish message naming them', () => {
    const m = tf.sequential();
    m.add(tf.layers.dense({ inputShape: [3], units: 2, name: 'entrada_densa' }));
    m.add(tf.layers.batchNormalization({ name: 'bn' }));
    expect(() => kerasFromLayersModel(m)).toThrow(ConvertError);
    expect(() => kerasFromLayersModel(m)).toThrow(/«bn» \(BatchNormalization\).*no admite/);
    const t = tf.sequential();
    t.add(tf.layers.dense({ inputShape: [3], units: 2, activation: 'tanh', name: 'tangente' }));
    expect(() => kerasFromLayersModel(t)).toThrow(/«tangente».*activación «tanh»/);
    const noFlat = tf.sequential();
    noFlat.add(tf.layers.conv2d({ inputShape: [4, 4, 1], filters: 2, kernelSize: 3, name: 'c' }));
    noFlat.add(tf.layers.dense({ units: 2, name: 'sin_flatten' }));
    expect(() => planModel(kerasFromLayersModel(noFlat))).toThrow(/«sin_flatten».*Flatten/);
    expect(() => parseKeras({ class_name: 'Sequential', config: { layers: [] } }, {})).toThrow(ConvertError);
  });
});

describe('float32 .tflite', () => {
  it('reads back with the same graph and TFLite weight layouts', () => {
    const model = mixedModel();
    const { bytes } = convertFloat32(kerasFromLayersModel(model));
    const info = readTflite(bytes);
    expect(info.warnings).toEqual([]);
    expect(ops(info)).toEqual(['CONV_2D', 'DEPTHWISE_CONV_2D', 'AVERAGE_POOL_2D', 'CONV_2D', 'MAX_POOL_2D', 'RESHAPE', 'FULLY_CONNECTED', 'FULLY_CONNECTED', 'SOFTMAX']);
    expect(info.subgraphs[0]!.tensors.every((t) => t.type === 'FLOAT32' || t.name.endsWith('/forma'))).toBe(true);
    const [k1] = model.getLayer('c1').getWeights();
    const kernel = k1!.dataSync(); // [kh, kw, cin, cout] = [3, 3, 2, 4]
    const f = tensor(info, 'c1/pesos');
    expect(f.shape).toEqual([4, 3, 3, 2]);
    const fv = bytesToFloat32(info.buffers[f.buffer]!);
    for (let oc = 0; oc < 4; oc++) for (let ky = 0; ky < 3; ky++) for (let kx = 0; kx < 3; kx++) for (let ic = 0; ic < 2; ic++)
      expect(fv[((oc * 3 + ky) * 3 + kx) * 2 + ic]).toBe(kernel[((ky * 3 + kx) * 2 + ic) * 4 + oc]);
    const [kd] = model.getLayer('d1').getWeights(); // [in, out] = [6, 5]
    const w = tensor(info, 'd1/pesos');
    expect(w.shape).toEqual([5, 6]);
    const wv = bytesToFloat32(info.buffers[w.buffer]!);
    const kdv = kd!.dataSync();
    for (let o = 0; o < 5; o++) for (let i = 0; i < 6; i++) expect(wv[o * 6 + i]).toBe(kdv[i * 5 + o]);
    const dw = tensor(info, 'dw/pesos');
    expect(dw.shape).toEqual([1, 2, 2, 8]);
    expect(Array.from(bytesToFloat32(info.buffers[dw.buffer]!))).toEqual(Array.from(model.getLayer('dw').getWeights()[0]!.dataSync()));
    // A layer without bias gets zeros.
    expect(Array.from(bytesToFloat32(info.buffers[tensor(info, 'c2/sesgo').buffer]!))).toEqual([0, 0, 0]);
    const reshape = info.subgraphs[0]!.operators[5]!;
    expect(reshape.options).toEqual({ kind: 'Reshape', newShape: [-1, 6] });
    expect(Array.from(bytesToInt32(info.buffers[tensor(info, 'flat/forma').buffer]!))).toEqual([-1, 6]);
  });

  it('computes what tfjs computes (max |diff| < 1e-5 on random inputs)', () => {
    const model = mixedModel();
    const info = readTflite(convertFloat32(kerasFromLayersModel(model)).bytes);
    for (const x of randomInputs(20, 9 * 9 * 2, 11)) {
      const ours = runModel(info, x).output;
      const ref = predict(model, x, [9, 9, 2]);
      for (let i = 0; i < ref.length; i++) expect(Math.abs(ours[i]! - ref[i]!)).toBeLessThan(1e-5);
    }
  });
});

describe('the shipped default model', () => {
  const modelJson = JSON.parse(readFileSync('public/models/default-cnn/model.json', 'utf8'));
  const weights = new Uint8Array(readFileSync('public/models/default-cnn/weights.bin'));

  it('reads the same from the saved artifacts as from the loaded tfjs model', async () => {
    const fromFiles = kerasFromArtifacts(modelJson, weights);
    const loaded = await tf.loadLayersModel(
      tf.io.fromMemory({ modelTopology: modelJson.modelTopology, weightSpecs: modelJson.weightsManifest[0].weights, weightData: weights.slice().buffer }),
    );
    const fromTf = kerasFromLayersModel(loaded);
    expect(fromFiles.inputShape).toEqual([28, 28, 1]);
    expect(convertFloat32(fromFiles).bytes).toEqual(convertFloat32(fromTf).bytes);
    const info = readTflite(convertFloat32(fromFiles).bytes);
    expect(ops(info)).toEqual(['CONV_2D', 'MAX_POOL_2D', 'CONV_2D', 'MAX_POOL_2D', 'RESHAPE', 'FULLY_CONNECTED', 'SOFTMAX']);
    for (const x of randomInputs(5, 784, 3)) {
      const a = runModel(info, x).output;
      const b = predict(loaded, x, [28, 28, 1]);
      for (let i = 0; i < 10; i++) expect(Math.abs(a[i]! - b[i]!)).toBeLessThan(1e-5);
    }
  });
});

describe('int8 .tflite (post-training quantization)', () => {
  const model = mixedModel();
  const km = kerasFromLayersModel(model);
  const set = convertAll(km, randomInputs(64, 9 * 9 * 2, 5));
  const info = readTflite(set.int8.bytes);
  const io = readTflite(set.int8io.bytes);

  it('wraps the integer graph in QUANTIZE … DEQUANTIZE (float32 I/O) or not at all (int8 I/O)', () => {
    expect(info.warnings).toEqual([]);
    expect(ops(info)[0]).toBe('QUANTIZE');
    expect(ops(info).at(-1)).toBe('DEQUANTIZE');
    const g = info.subgraphs[0]!;
    expect(g.tensors[g.inputs[0]!]!.type).toBe('FLOAT32');
    expect(g.tensors[g.outputs[0]!]!.type).toBe('FLOAT32');
    expect(ops(io)).toEqual(ops(info).slice(1, -1));
    const gi = io.subgraphs[0]!;
    expect(gi.tensors[gi.inputs[0]!]!.type).toBe('INT8');
    expect(gi.tensors[gi.outputs[0]!]!.type).toBe('INT8');
    // Every operator between the two runs on int8 tensors.
    for (const op of g.operators.slice(1, -1)) expect(g.tensors[op.inputs[0]!]!.type).toBe('INT8');
    expect(info.operatorCodes.find((c) => c.builtinCode === 3)!.version).toBe(3); // CONV_2D int8 per-channel
  });

  it('quantizes conv weights per channel, dense per tensor, symmetric int8', () => {
    const c1 = tensor(info, 'c1/pesos');
    expect(c1.type).toBe('INT8');
    expect(c1.quantization!.quantizedDimension).toBe(0);
    expect(c1.quantization!.scale).toHaveLength(4);
    expect(c1.quantization!.zeroPoint).toEqual([0, 0, 0, 0]);
    const codes = bytesToInt8(info.buffers[c1.buffer]!);
    const floats = bytesToFloat32(readTflite(set.fp32.bytes).buffers[tensor(readTflite(set.fp32.bytes), 'c1/pesos').buffer]!);
    for (let oc = 0; oc < 4; oc++) {
      const ch = codes.subarray(oc * 18, (oc + 1) * 18);
      const fl = floats.subarray(oc * 18, (oc + 1) * 18);
      const s = c1.quantization!.scale[oc]!;
      expect(Math.max(...Array.from(ch, Math.abs))).toBe(127);
      expect(s).toBeCloseTo(Math.max(...Array.from(fl, Math.abs)) / 127, 7);
      for (let i = 0; i < 18; i++) expect(Math.abs(ch[i]! * s - fl[i]!)).toBeLessThanOrEqual(s / 2 + 1e-7);
    }
    const dw = tensor(info, 'dw/pesos');
    expect(dw.quantization!.quantizedDimension).toBe(3);
    expect(dw.quantization!.scale).toHaveLength(8);
    const d1 = tensor(info, 'd1/pesos');
    expect(d1.quantization!.scale).toHaveLength(1);
    expect(Math.min(...bytesToInt8(info.buffers[d1.buffer]!))).toBeGreaterThanOrEqual(-127);
  });

  it('gives biases int32 with scale = s_input · s_weight and activations their calibration ranges', () => {
    const inQ = tensor(info, 'entrada_int8').quantization!;
    expect(inQ.min![0]).toBeGreaterThanOrEqual(0);
    expect(inQ.max![0]).toBeLessThanOrEqual(1);
    const w = tensor(info, 'c1/pesos').quantization!;
    const b = tensor(info, 'c1/sesgo');
    expect(b.type).toBe('INT32');
    b.quantization!.scale.forEach((s, c) => expect(s).toBe(Math.fround(inQ.scale[0]! * w.scale[c]!)));
    const bias = bytesToInt32(info.buffers[b.buffer]!);
    const fb = model.getLayer('c1').getWeights()[1]!.dataSync();
    bias.forEach((q, c) => expect(Math.abs(q * b.quantization!.scale[c]! - fb[c]!)).toBeLessThanOrEqual(b.quantization!.scale[c]! / 2 + 1e-9));
    // Fused ReLU: the range starts at 0, so the zero point is −128.
    expect(tensor(info, 'c1').quantization!.zeroPoint).toEqual([-128]);
    expect(tensor(info, 'c1').quantization!.min).toEqual([set.calibration.steps[0]![0]]);
    // Pooling and reshape keep their input's parameters; softmax is fixed at 1/256, −128.
    expect(tensor(info, 'avg').quantization!.scale).toEqual(tensor(info, 'dw').quantization!.scale);
    expect(tensor(info, 'flat').quantization!.zeroPoint).toEqual(tensor(info, 'max').quantization!.zeroPoint);
    expect(tensor(info, 'sm').quantization!.scale).toEqual([1 / 256]);
    expect(tensor(info, 'sm').quantization!.zeroPoint).toEqual([-128]);
  });

  it('needs calibration samples', () => {
    expect(() => convertAll(km, [])).toThrow(/calibración/);
  });
});

describe('C header for TFLite Micro', () => {
  it('is an aligned unsigned char array with its length', () => {
    const h = cHeader(new Uint8Array([0, 1, 255, 16, 32, 48, 64, 80, 96, 112, 128, 144, 160]), { comment: 'prueba' });
    expect(h).toContain('// prueba');
    expect(h).toContain('alignas(16) const unsigned char g_model[] = {');
    expect(h).toContain('  0x00, 0x01, 0xff, 0x10, 0x20, 0x30, 0x40, 0x50, 0x60, 0x70, 0x80, 0x90,\n  0xa0,\n};');
    expect(h).toContain('const unsigned int g_model_len = 13;');
    expect(h.match(/0x[0-9a-f]{2}/g)).toHaveLength(13);
  });
});
