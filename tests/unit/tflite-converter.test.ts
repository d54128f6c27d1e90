/**
 * Lesson 12 converter widget, pure parts: the sliced conversion gives the same files as
 * convertAll, the graph description of the course's CNN (operators in order, shapes on the
 * edges, quantization in words), number formatting and the model_data.h comment.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { calibrate, convertAll, kerasFromArtifacts, planModel, type KerasModel } from '../../widgets/lib/convert';
import { imageFloat, parseMnist } from '../../widgets/lib/data/mnist';
import { readTflite } from '../../widgets/lib/tflite';
import { argmax } from '../../widgets/lib/conv/ops';
import { Cancelled, Tally, convertSliced, maxAbsDiff, mergeCalibration } from '../../widgets/lib/convert';
import { describeModel, optionDetails } from '../../widgets/lib/tflite/describe';
import { fmtBytes, fmtQuant, fmtSci, fmtShape, fmtSig, groupDigits } from '../../widgets/lib/tflite/format';
import { headerComment } from '../../widgets/tflite-converter/core';

let keras: KerasModel;
let samples: Float32Array[];

beforeAll(() => {
  const modelJson = JSON.parse(readFileSync('public/models/default-cnn/model.json', 'utf8'));
  keras = kerasFromArtifacts(modelJson, new Uint8Array(readFileSync('public/models/default-cnn/weights.bin')));
  const file = readFileSync('public/data/mnist-10k.bin');
  const data = parseMnist(file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength));
  samples = Array.from({ length: 40 }, (_, i) => imageFloat(data.train, i));
});

describe('conversión por partes', () => {
  it('merging chunk calibrations equals one pass over all samples', () => {
    const plan = planModel(keras);
    const whole = calibrate(plan, samples);
    let merged = null;
    for (let i = 0; i < samples.length; i += 7) merged = mergeCalibration(merged, calibrate(plan, samples.slice(i, i + 7)));
    expect(merged).toEqual(whole);
    expect(merged!.samples).toBe(40);
  });

  it('gives byte-identical files to convertAll and reports progress', async () => {
    const progress: string[] = [];
    const set = await convertSliced(keras, samples, { chunk: 9, onProgress: (s, d, t) => progress.push(`${s}:${d}/${t}`), pause: async () => {} });
    const ref = convertAll(keras, samples);
    expect(set.fp32.bytes).toEqual(ref.fp32.bytes);
    expect(set.int8.bytes).toEqual(ref.int8.bytes);
    expect(set.int8io.bytes).toEqual(ref.int8io.bytes);
    expect(progress.slice(0, 5)).toEqual(['calibrar:9/40', 'calibrar:18/40', 'calibrar:27/40', 'calibrar:36/40', 'calibrar:40/40']);
    expect(progress.at(-1)).toBe('escribir:3/3');
  });

  it('stops with Cancelled when aborted', async () => {
    const ctl = new AbortController();
    const p = convertSliced(keras, samples, { chunk: 5, signal: ctl.signal, onProgress: (_s, d) => d >= 10 && ctl.abort(), pause: async () => {} });
    await expect(p).rejects.toBeInstanceOf(Cancelled);
  });
});

describe('descripción del grafo', () => {
  it('lists the CNN operators in order with the shapes on the edges (float32)', async () => {
    const set = convertAll(keras, samples.slice(0, 10));
    const d = describeModel(readTflite(set.fp32.bytes));
    expect(d.ops.map((o) => o.opName)).toEqual(['CONV_2D', 'MAX_POOL_2D', 'CONV_2D', 'MAX_POOL_2D', 'RESHAPE', 'FULLY_CONNECTED', 'SOFTMAX']);
    expect(d.inputs.map((t) => t.label)).toEqual(['1×28×28×1 float32']);
    expect(d.ops.map((o) => o.outputs[0]!.label)).toEqual([
      '1×28×28×8 float32', '1×14×14×8 float32', '1×14×14×16 float32', '1×7×7×16 float32', '1×784 float32', '1×10 float32', '1×10 float32',
    ]);
    // A chain: every run-time input comes from the box just above.
    expect(d.ops.every((o) => o.otherInputs.length === 0)).toBe(true);
    // conv1: filter [8, 3, 3, 1] and bias [8], both float32 constants; ReLU fused.
    const c1 = d.ops[0]!;
    expect(c1.constants.map((t) => `${t.shape} ${t.type} ${t.bytes}`)).toEqual(['8×3×3×1 float32 288', '8 float32 32']);
    expect(c1.details).toEqual(['relleno SAME, paso 1×1', 'activación ReLU fusionada']);
    expect(d.ops[1]!.details).toEqual(['ventana 2×2, paso 2×2, relleno VALID']);
    // 9 098 parameters · 4 bytes of float32 constants, plus the RESHAPE target shape (2 int32).
    expect(d.constantBytes).toBe(9098 * 4 + 8);
    expect(d.opCounts).toEqual([
      { opName: 'CONV_2D', count: 2 }, { opName: 'MAX_POOL_2D', count: 2 }, { opName: 'RESHAPE', count: 1 },
      { opName: 'FULLY_CONNECTED', count: 1 }, { opName: 'SOFTMAX', count: 1 },
    ]);
    expect(d.summary).toMatch(/^Grafo de 7 operaciones en orden de ejecución: CONV_2D, MAX_POOL_2D/);
    expect(d.tensors.filter((t) => t.role === 'entrada')).toHaveLength(1);
    expect(d.tensors.filter((t) => t.role === 'salida')).toHaveLength(1);
  });

  it('shows the int8 model with QUANTIZE/DEQUANTIZE and the quantization parameters', () => {
    const set = convertAll(keras, samples.slice(0, 10));
    const info = readTflite(set.int8.bytes);
    const d = describeModel(info);
    expect(d.ops[0]!.opName).toBe('QUANTIZE');
    expect(d.ops.at(-1)!.opName).toBe('DEQUANTIZE');
    const conv = d.ops[1]!;
    expect(conv.constants[0]!.type).toBe('int8');
    expect(conv.constants[0]!.quant).toMatch(/^8 escalas por canal \(eje 0\) de 0,\d+ a 0,\d+, cero 0$/);
    expect(conv.constants[1]!.type).toBe('int32');
    // Softmax output: scale 1/256, zero point −128 (TFLite's fixed choice).
    const sm = d.ops.find((o) => o.opName === 'SOFTMAX')!.outputs[0]!;
    expect(d.tensors[sm.index]!.quant).toBe('escala 0,003906, cero −128');
    // int8 weights: 9 098 params minus the 34 biases as int8 + biases as int32.
    const g = info.subgraphs[0]!;
    const biasCount = 8 + 16 + 10;
    expect(d.constantBytes).toBe((9098 - biasCount) + biasCount * 4 + 8);
    expect(g.tensors[g.inputs[0]!]!.type).toBe('FLOAT32');
  });

  it('reports inputs that skip a box (a non-chain graph)', () => {
    // Fake a graph: op1 = f(input), op2 = g(op1 output, input).
    const info = readTflite(convertAll(keras, samples.slice(0, 4)).fp32.bytes);
    const g = info.subgraphs[0]!;
    g.operators[1]!.inputs = [...g.operators[1]!.inputs, g.inputs[0]!];
    const d = describeModel(info);
    expect(d.ops[1]!.otherInputs).toEqual([{ tensor: expect.objectContaining({ index: g.inputs[0] }), from: 'la entrada del modelo' }]);
  });
});

describe('formatos', () => {
  it('formats numbers the Spanish way', () => {
    expect(groupDigits(36392)).toBe('36\u202f392');
    expect(groupDigits(-128)).toBe('−128');
    expect(fmtSig(1 / 255)).toBe('0,003922');
    expect(fmtSig(-0.5)).toBe('−0,5');
    expect(fmtSig(2e-6)).toBe('2 · 10⁻⁶');
    expect(fmtSci(2.4e-7)).toBe('2,4 · 10⁻⁷');
    expect(fmtSci(0)).toBe('0');
    expect(fmtSci(1.5)).toBe('1,5');
    expect(fmtSci(-3.25e-5, 3)).toBe('−3,25 · 10⁻⁵');
    expect(fmtBytes(900)).toBe('900 bytes');
    expect(fmtBytes(36392)).toBe('36\u202f392 bytes (35,5 KB)');
    expect(fmtShape([1, 28, 28, 1])).toBe('1×28×28×1');
    expect(fmtShape([])).toBe('escalar');
  });

  it('quantization in words', () => {
    expect(fmtQuant(undefined)).toBeNull();
    expect(fmtQuant({ scale: [0.5], zeroPoint: [-3], quantizedDimension: 0 })).toBe('escala 0,5, cero −3');
    expect(fmtQuant({ scale: [0.1, 0.3], zeroPoint: [0, 0], quantizedDimension: 3 })).toBe('2 escalas por canal (eje 3) de 0,1 a 0,3, cero 0');
    expect(optionDetails({ kind: 'Softmax', beta: 1 })).toEqual([]);
    expect(optionDetails({ kind: 'FullyConnected', fusedActivation: 'RELU6' })).toEqual(['activación ReLU6 fusionada']);
  });

  it('compares outputs', () => {
    expect(maxAbsDiff([0.1, 0.5, 0.4], [0.1, 0.45, 0.45])).toBeCloseTo(0.05, 15);
    expect(() => maxAbsDiff([1], [1, 2])).toThrow(RangeError);
    expect(argmax([0.1, 0.7, 0.7, 0.2])).toBe(1);
  });

  it('tallies tfjs and the two LiteRT files pair by pair over labelled digits', () => {
    const t = new Tally(['tfjs', 'fp32', 'int8'] as const);
    // label 0: all right; label 1: int8 picks 2, the others 1; label 2: tfjs and fp32 pick 0, int8 2
    t.add({ tfjs: [0.9, 0.1, 0], fp32: [0.85, 0.15, 0], int8: [0.8, 0.2, 0] }, 0);
    t.add({ tfjs: [0.2, 0.5, 0.3], fp32: [0.2, 0.5, 0.3], int8: [0.2, 0.3, 0.5] }, 1);
    t.add({ tfjs: [0.5, 0.2, 0.3], fp32: [0.5, 0.2, 0.3], int8: [0.3, 0.2, 0.5] }, 2);
    expect(t.n).toBe(3);
    expect([t.correct('tfjs'), t.correct('fp32'), t.correct('int8')]).toEqual([2, 2, 2]);
    expect(t.agree('fp32', 'tfjs')).toBe(3);
    expect(t.agree('int8', 'fp32')).toBe(t.agree('fp32', 'int8'));
    expect(t.agree('int8', 'fp32')).toBe(1);
    expect(t.maxAbsDiff('fp32', 'tfjs')).toBeCloseTo(0.05, 15);
    expect(t.maxAbsDiff('int8', 'tfjs')).toBeCloseTo(0.2, 15);
    expect(() => t.add({ tfjs: [1], fp32: [1, 0], int8: [1, 0] }, 0)).toThrow(RangeError);
    expect(t.n).toBe(3);
    expect(() => t.agree('tfjs', 'tfjs')).toThrow(RangeError);
  });

  it('writes the model_data.h comment from the int8-io model', () => {
    const set = convertAll(keras, samples.slice(0, 10));
    const info = readTflite(set.int8io.bytes);
    const text = headerComment(info, { modelName: 'cnn', source: 'modelo por defecto', samples: 10 });
    const g = info.subgraphs[0]!;
    const q = g.tensors[g.inputs[0]!]!.quantization!;
    expect(text).toContain(`Entrada [1, 28, 28, 1] int8: escala ${q.scale[0]}, punto cero ${q.zeroPoint[0]}`);
    expect(text).toContain('Salida [1, 10] int8: escala 0.00390625, punto cero -128');
    expect(text).toContain('Operadores (regístralos en MicroMutableOpResolver): CONV_2D, MAX_POOL_2D, RESHAPE, FULLY_CONNECTED, SOFTMAX');
    expect(text).toContain(`(${set.int8io.bytes.length} bytes)`);
  });
});
