import { describe, expect, it } from 'vitest';
import {
  BUFFER_ALIGNMENT,
  BUILTIN_OPERATOR_NAMES,
  BuiltinOperator,
  EXAMPLE_BIAS,
  EXAMPLE_CALIBRATION,
  EXAMPLE_WEIGHTS,
  TfliteGraphBuilder,
  bytesToFloat32,
  bytesToInt32,
  bytesToInt8,
  exampleDense,
  exampleFloatModel,
  exampleInt8Model,
  exampleInt8Params,
  float32ToBytes,
  int8ToBytes,
  operatorName,
  readTflite,
  Slot,
  writeTflite,
  type TfliteModel,
  type TfliteModelInfo,
} from '../../widgets/lib/tflite';
import { FbFile } from '../../widgets/lib/tflite/fbview';
import { multiplyByQuantizedMultiplier, quantizeMultiplier, quantizeValue } from '../../widgets/lib/quant';

const f32 = (xs: readonly number[]): number[] => xs.map((x) => Math.fround(x));

/** The reader's view of a model, reduced to the fields the writer takes. */
function core(info: TfliteModelInfo): TfliteModel {
  return {
    version: info.version,
    description: info.description,
    operatorCodes: info.operatorCodes,
    subgraphs: info.subgraphs.map((g) => ({
      name: g.name,
      inputs: g.inputs,
      outputs: g.outputs,
      tensors: g.tensors.map(({ index: _i, bufferSize: _b, elementCount: _e, ...t }) => t),
      operators: g.operators.map(({ index: _i, builtinCode: _c, opName: _n, version: _v, ...o }) => o),
    })),
    buffers: info.buffers.map((b) => Uint8Array.from(b)),
    metadata: info.metadata,
    signatures: info.signatures,
  };
}

function expectAligned(info: TfliteModelInfo): void {
  info.bufferOffsets.forEach((off, i) => {
    if (info.buffers[i]!.length > 0) expect(off % BUFFER_ALIGNMENT, `buffer ${i} at ${off}`).toBe(0);
  });
}

describe('float32 model: write, read back, compare', () => {
  const model = exampleFloatModel();
  const bytes = writeTflite(model);
  const info = readTflite(bytes);

  it('carries the identifier "TFL3" at bytes 4..8 and schema version 3', () => {
    expect(String.fromCharCode(...bytes.subarray(4, 8))).toBe('TFL3');
    expect(info.version).toBe(3);
    expect(info.fileSize).toBe(bytes.length);
    expect(info.warnings).toEqual([]);
  });
  it('keeps the graph: inputs, outputs, operators in order with their options', () => {
    const g = info.subgraphs[0]!;
    expect(info.subgraphs).toHaveLength(1);
    expect(g.inputs).toEqual([0]);
    expect(g.outputs).toEqual([4]);
    expect(g.operators.map((o) => o.opName)).toEqual(['FULLY_CONNECTED', 'SOFTMAX']);
    expect(g.operators.map((o) => [o.inputs, o.outputs])).toEqual([
      [[0, 1, 2], [3]],
      [[3], [4]],
    ]);
    expect(g.operators[0]!.options).toEqual({ kind: 'FullyConnected', fusedActivation: 'NONE' });
    expect(g.operators[1]!.options).toEqual({ kind: 'Softmax', beta: 1 });
    expect(g.operators.map((o) => o.version)).toEqual([1, 1]);
    expect(info.description).toBe(model.description);
    expect(info.signatures).toEqual([
      {
        key: 'serving_default',
        subgraphIndex: 0,
        inputs: [{ name: 'entrada', tensorIndex: 0 }],
        outputs: [{ name: 'probabilidades', tensorIndex: 4 }],
      },
    ]);
  });
  it('keeps tensors: names, shapes, types, buffer sizes', () => {
    const t = info.subgraphs[0]!.tensors;
    expect(t.map((x) => x.name)).toEqual(['entrada', 'densa/pesos', 'densa/sesgo', 'densa', 'probabilidades']);
    expect(t.map((x) => x.shape)).toEqual([[1, 4], [3, 4], [3], [1, 3], [1, 3]]);
    expect(t.every((x) => x.type === 'FLOAT32' && x.quantization === undefined)).toBe(true);
    expect(t.map((x) => x.bufferSize)).toEqual([0, 48, 12, 0, 0]);
    expect(info.buffers[0]!.length).toBe(0);
  });
  it('keeps the weights bit for bit, 16-byte aligned', () => {
    const g = info.subgraphs[0]!;
    expect(Array.from(bytesToFloat32(info.buffers[g.tensors[1]!.buffer]!))).toEqual(f32(EXAMPLE_WEIGHTS.flat()));
    expect(Array.from(bytesToFloat32(info.buffers[g.tensors[2]!.buffer]!))).toEqual(f32(EXAMPLE_BIAS));
    expectAligned(info);
  });
  it('writing what was read gives the same bytes', () => {
    expect(writeTflite(core(info))).toEqual(bytes);
  });
});

describe('int8 model with float32 input and output', () => {
  const bytes = writeTflite(exampleInt8Model());
  const info = readTflite(bytes);
  const g = info.subgraphs[0]!;
  const p = exampleInt8Params();

  it('is QUANTIZE → FULLY_CONNECTED → SOFTMAX → DEQUANTIZE with the converter’s versions', () => {
    expect(g.operators.map((o) => o.opName)).toEqual(['QUANTIZE', 'FULLY_CONNECTED', 'SOFTMAX', 'DEQUANTIZE']);
    expect(g.operators.map((o) => o.version)).toEqual([1, 4, 2, 2]);
    expect(g.operators[0]!.options).toEqual({ kind: 'Quantize' });
    expect(g.operators[3]!.options).toEqual({ kind: 'Dequantize' });
    expect(g.tensors.map((t) => t.type)).toEqual(['FLOAT32', 'INT8', 'INT8', 'INT32', 'INT8', 'INT8', 'FLOAT32']);
    expect(g.tensors[g.inputs[0]!]!.type).toBe('FLOAT32');
    expect(g.tensors[g.outputs[0]!]!.type).toBe('FLOAT32');
  });
  it('keeps the quantization parameters (scales as float32)', () => {
    const q = g.tensors.map((t) => t.quantization);
    expect(q[0]).toBeUndefined();
    expect(q[1]).toEqual({ scale: f32([p.input.scale]), zeroPoint: [p.input.zeroPoint], quantizedDimension: 0 });
    expect(q[2]).toEqual({ scale: f32([p.weights.scale]), zeroPoint: [0], quantizedDimension: 0 });
    expect(q[3]).toEqual({ scale: f32([p.bias.scale]), zeroPoint: [0], quantizedDimension: 0 });
    expect(q[4]).toEqual({ scale: f32([p.dense.scale]), zeroPoint: [p.dense.zeroPoint], quantizedDimension: 0 });
    expect(q[5]).toEqual({ scale: [1 / 256], zeroPoint: [-128], quantizedDimension: 0 });
  });
  it('keeps int8 weights and int32 biases byte for byte, aligned', () => {
    expect(Array.from(bytesToInt8(info.buffers[g.tensors[2]!.buffer]!))).toEqual(p.weightCodes);
    expect(Array.from(bytesToInt32(info.buffers[g.tensors[3]!.buffer]!))).toEqual(p.bias.values);
    expect(g.tensors[2]!.bufferSize).toBe(12);
    expect(g.tensors[3]!.bufferSize).toBe(12);
    expectAligned(info);
    expect(writeTflite(core(info))).toEqual(bytes);
  });
  it('its parameters make an integer dense layer that agrees with the float one', () => {
    // int8 reference of FULLY_CONNECTED with the numbers read from the file
    const scale = (i: number): number => g.tensors[i]!.quantization!.scale[0]!;
    const zp = (i: number): number => g.tensors[i]!.quantization!.zeroPoint[0]!;
    const w = bytesToInt8(info.buffers[g.tensors[2]!.buffer]!);
    const b = bytesToInt32(info.buffers[g.tensors[3]!.buffer]!);
    const { multiplier, shift } = quantizeMultiplier((scale(1) * scale(2)) / scale(4));
    for (const x of EXAMPLE_CALIBRATION) {
      const xq = x.map((v) => quantizeValue(v, { scale: scale(1), zeroPoint: zp(1), qmin: -128, qmax: 127 }));
      const want = exampleDense(x);
      for (let j = 0; j < 3; j++) {
        let acc = b[j]!;
        for (let i = 0; i < 4; i++) acc += (xq[i]! - zp(1)) * w[j * 4 + i]!;
        const out = Math.max(-128, Math.min(127, zp(4) + multiplyByQuantizedMultiplier(acc, multiplier, shift)));
        const real = (out - zp(4)) * scale(4);
        expect(Math.abs(real - want[j]!)).toBeLessThan(3 * scale(4)); // a few quantization steps
      }
    }
  });
});

describe('every builtin option the course writes', () => {
  const g = new TfliteGraphBuilder();
  const odd = (n: number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (i * 37 + 11) & 0xff);
  const x = g.addTensor({ name: 'x', shape: [1, 8, 8, 1], type: 'FLOAT32', shapeSignature: [-1, 8, 8, 1] });
  const k = g.addTensor({
    name: 'k',
    shape: [4, 3, 3, 1],
    type: 'INT8',
    data: int8ToBytes(Array.from({ length: 36 }, (_, i) => (i % 7) - 3)),
    quantization: { scale: [0.1, 0.2, 0.3, 0.4], zeroPoint: [0, 0, 0, 0], quantizedDimension: 0 },
  });
  const version = new TextEncoder().encode('2.3.0'); // 5 bytes, as min_runtime_version metadata
  g.addTensor({ name: 'version', shape: [5], type: 'UINT8', data: version });
  const c = g.addTensor({ name: 'c', shape: [1, 8, 8, 4], type: 'FLOAT32' });
  const dk = g.addTensor({
    name: 'dk',
    shape: [1, 3, 3, 4],
    type: 'FLOAT32',
    data: float32ToBytes(Array.from({ length: 36 }, (_, i) => i / 10)),
  });
  g.addTensor({ name: 'impar', shape: [17], type: 'UINT8', data: odd(17) });
  // 3x3 kernel dilated by 2 spans 5 pixels: VALID on 8 gives 8 − 5 + 1 = 4
  const d = g.addTensor({ name: 'd', shape: [1, 4, 4, 4], type: 'FLOAT32' });
  const mp = g.addTensor({ name: 'mp', shape: [1, 2, 2, 4], type: 'FLOAT32' });
  const ap = g.addTensor({ name: 'ap', shape: [1, 2, 2, 4], type: 'FLOAT32' });
  const r = g.addTensor({ name: 'r', shape: [1, 16], type: 'FLOAT32' });
  g.addOperator('CONV_2D', [x, k, -1], [c], {
    kind: 'Conv2D',
    padding: 'SAME',
    strideW: 1,
    strideH: 1,
    fusedActivation: 'RELU',
    dilationW: 1,
    dilationH: 1,
  });
  g.addOperator('DEPTHWISE_CONV_2D', [c, dk, -1], [d], {
    kind: 'DepthwiseConv2D',
    padding: 'VALID',
    strideW: 1,
    strideH: 1,
    depthMultiplier: 1,
    fusedActivation: 'RELU6',
    dilationW: 2,
    dilationH: 2,
  });
  g.addOperator('MAX_POOL_2D', [d], [mp], {
    kind: 'Pool2D',
    padding: 'VALID',
    strideW: 2,
    strideH: 2,
    filterWidth: 2,
    filterHeight: 2,
    fusedActivation: 'NONE',
  });
  g.addOperator('AVERAGE_POOL_2D', [mp], [ap], {
    kind: 'Pool2D',
    padding: 'SAME',
    strideW: 1,
    strideH: 1,
    filterWidth: 3,
    filterHeight: 3,
    fusedActivation: 'TANH',
  });
  g.addOperator('RESHAPE', [ap], [r], { kind: 'Reshape', newShape: [1, 16] });
  const model = g.build({ inputs: [x], outputs: [r], description: '', name: 'todas' });
  model.metadata = [{ name: 'min_runtime_version', buffer: 2 }];
  const bytes = writeTflite(model);
  const info = readTflite(bytes);

  it('reads back every option exactly as written', () => {
    expect(info.subgraphs[0]!.operators.map((o) => o.options)).toEqual(
      model.subgraphs[0]!.operators.map((o) => o.options),
    );
    expect(info.subgraphs[0]!.operators.map((o) => o.inputs)).toEqual([[0, 1, -1], [3, 4, -1], [6], [7], [8]]);
    expect(info.subgraphs[0]!.name).toBe('todas');
    expect(info.subgraphs[0]!.operators[1]!.version).toBe(2); // dilated float depthwise
  });
  it('keeps per-channel quantization, shape signatures and metadata', () => {
    const t = info.subgraphs[0]!.tensors;
    expect(t[1]!.quantization).toEqual({
      scale: f32([0.1, 0.2, 0.3, 0.4]),
      zeroPoint: [0, 0, 0, 0],
      quantizedDimension: 0,
    });
    expect(t[0]!.shapeSignature).toEqual([-1, 8, 8, 1]);
    expect(info.metadata).toEqual([{ name: 'min_runtime_version', buffer: 2 }]);
  });
  it('aligns every buffer to 16 bytes, whatever the sizes around it (36, 5, 144, 17 bytes)', () => {
    expect(info.buffers.map((b) => b.length)).toEqual([0, 36, 5, 144, 17]);
    expect(new TextDecoder().decode(info.buffers[2])).toBe('2.3.0');
    expectAligned(info);
    expect(Array.from(info.buffers[4]!)).toEqual(Array.from(odd(17)));
    expect(writeTflite(core(info))).toEqual(bytes);
  });
});

describe('operator codes and validation', () => {
  it('stores codes above 127 in builtin_code with 127 in the old byte field', () => {
    const model: TfliteModel = {
      description: 'gelu',
      operatorCodes: [{ builtinCode: 150, version: 1 }],
      subgraphs: [
        {
          name: '',
          tensors: [
            { name: 'a', shape: [2], type: 'FLOAT32', buffer: 0 },
            { name: 'b', shape: [2], type: 'FLOAT32', buffer: 0 },
          ],
          inputs: [0],
          outputs: [1],
          operators: [{ opcodeIndex: 0, inputs: [0], outputs: [1] }],
        },
      ],
      buffers: [new Uint8Array(0)],
    };
    const bytes = writeTflite(model);
    const info = readTflite(bytes);
    expect(info.operatorCodes).toEqual([{ builtinCode: 150, version: 1 }]);
    const code = new FbFile(bytes).root('m').tables(Slot.Model.operatorCodes, () => 'code')[0]!;
    expect(code.i8(Slot.OperatorCode.deprecatedBuiltinCode, 0)).toBe(127);
    expect(code.i32(Slot.OperatorCode.builtinCode, 0)).toBe(150);
    expect(info.subgraphs[0]!.operators[0]!.opName).toBe('GELU');
  });
  it('rejects models with dangling references', () => {
    const good = exampleFloatModel();
    const clone = (): TfliteModel => structuredClone(good);
    const badBuffer0 = clone();
    badBuffer0.buffers[0] = new Uint8Array([1]);
    expect(() => writeTflite(badBuffer0)).toThrow(RangeError);
    const badTensor = clone();
    badTensor.subgraphs[0]!.operators[0]!.inputs = [0, 1, 99];
    expect(() => writeTflite(badTensor)).toThrow(/input 99/);
    const badCode = clone();
    badCode.subgraphs[0]!.operators[1]!.opcodeIndex = 5;
    expect(() => writeTflite(badCode)).toThrow(RangeError);
    const badQuant = clone();
    badQuant.subgraphs[0]!.tensors[1]!.quantization = { scale: [1, 2], zeroPoint: [0, 0], quantizedDimension: 1 };
    expect(() => writeTflite(badQuant)).toThrow(/scales/);
    const badBuffer = clone();
    badBuffer.subgraphs[0]!.tensors[1]!.buffer = 7;
    expect(() => writeTflite(badBuffer)).toThrow(/buffer 7/);
  });
  it('names every builtin operator code, consistently with the typed table', () => {
    expect(BUILTIN_OPERATOR_NAMES).toHaveLength(162);
    for (const [name, code] of Object.entries(BuiltinOperator)) expect(BUILTIN_OPERATOR_NAMES[code]).toBe(name);
    expect([operatorName(9), operatorName(114), operatorName(150), operatorName(300)]).toEqual([
      'FULLY_CONNECTED',
      'QUANTIZE',
      'GELU',
      'BUILTIN_300',
    ]);
  });
  it('converts typed values to little-endian bytes', () => {
    expect(Array.from(float32ToBytes([1]))).toEqual([0, 0, 0x80, 0x3f]);
    expect(Array.from(int8ToBytes([-1, 127, -128]))).toEqual([255, 127, 128]);
    expect(() => int8ToBytes([128])).toThrow(RangeError);
  });
});
