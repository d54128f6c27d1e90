/**
 * Serializes a `TfliteModel` into .tflite bytes with the flatbuffers Builder.
 * Contract: the result starts with the root offset, has "TFL3" at bytes 4..8, and every
 * non-empty Buffer.data starts at a file offset that is a multiple of 16 (the schema's
 * `force_align: 16`, which TFLite Micro relies on to read weights in place).
 * Invalid models (dangling indices, mismatched quantization arrays…) throw a RangeError: they are
 * programming errors of the caller, not user input.
 */
import { Builder } from 'flatbuffers';
import {
  ACTIVATIONS,
  BuiltinOperator,
  BuiltinOptionsType,
  FILE_IDENTIFIER,
  PADDINGS,
  SCHEMA_VERSION,
  Slot,
  TensorType,
  type ActivationName,
  type PaddingName,
} from './schema';
import type { TfliteBuiltinOptions, TfliteModel, TfliteQuantization, TfliteTensor } from './types';
import { validateModel } from './validate';

type Offset = number;

/** Alignment of Buffer.data in the schema (`data:[ubyte] (force_align: 16)`). */
export const BUFFER_ALIGNMENT = 16;

function vecInt32(b: Builder, xs: readonly number[]): Offset {
  b.startVector(4, xs.length, 4);
  for (let i = xs.length - 1; i >= 0; i--) b.addInt32(xs[i]!);
  return b.endVector();
}

function vecFloat32(b: Builder, xs: readonly number[]): Offset {
  b.startVector(4, xs.length, 4);
  for (let i = xs.length - 1; i >= 0; i--) b.addFloat32(xs[i]!);
  return b.endVector();
}

function vecInt64(b: Builder, xs: readonly number[]): Offset {
  b.startVector(8, xs.length, 8);
  for (let i = xs.length - 1; i >= 0; i--) b.addInt64(BigInt(xs[i]!));
  return b.endVector();
}

function vecOffsets(b: Builder, xs: readonly Offset[]): Offset {
  b.startVector(4, xs.length, 4);
  for (let i = xs.length - 1; i >= 0; i--) b.addOffset(xs[i]!);
  return b.endVector();
}

/** A byte vector whose first element lands on a multiple of `align` from the start of the file. */
function vecBytesAligned(b: Builder, data: Uint8Array, align: number): Offset {
  b.startVector(1, data.length, align);
  for (let i = data.length - 1; i >= 0; i--) b.addInt8(data[i]!);
  return b.endVector();
}

const padding = (p: PaddingName): number => PADDINGS.indexOf(p);
const activation = (a: ActivationName): number => ACTIVATIONS.indexOf(a);

function writeQuantization(b: Builder, q: TfliteQuantization): Offset {
  const S = Slot.QuantizationParameters;
  const min = q.min ? vecFloat32(b, q.min) : 0;
  const max = q.max ? vecFloat32(b, q.max) : 0;
  const scale = vecFloat32(b, q.scale);
  const zp = vecInt64(b, q.zeroPoint);
  b.startObject(S.COUNT);
  if (min) b.addFieldOffset(S.min, min, 0);
  if (max) b.addFieldOffset(S.max, max, 0);
  b.addFieldOffset(S.scale, scale, 0);
  b.addFieldOffset(S.zeroPoint, zp, 0);
  b.addFieldInt32(S.quantizedDimension, q.quantizedDimension, 0);
  return b.endObject();
}

function writeTensor(b: Builder, t: TfliteTensor): Offset {
  const S = Slot.Tensor;
  const shape = vecInt32(b, t.shape);
  const name = b.createString(t.name);
  const quant = t.quantization ? writeQuantization(b, t.quantization) : 0;
  const signature = t.shapeSignature ? vecInt32(b, t.shapeSignature) : 0;
  b.startObject(S.COUNT);
  b.addFieldOffset(S.shape, shape, 0);
  b.addFieldInt8(S.type, TensorType[t.type], 0);
  b.addFieldInt32(S.buffer, t.buffer, 0);
  b.addFieldOffset(S.name, name, 0);
  if (quant) b.addFieldOffset(S.quantization, quant, 0);
  if (t.isVariable) b.addFieldInt8(S.isVariable, 1, 0);
  if (signature) b.addFieldOffset(S.shapeSignature, signature, 0);
  b.addFieldInt8(S.hasRank, 1, 0); // the shape is known, so its rank is too
  return b.endObject();
}

interface WindowSlots {
  COUNT: number;
  padding: number;
  strideW: number;
  strideH: number;
}

/** Starts a conv, depthwise or pool options table with its padding and strides (the fields they share, in schema order). */
function addWindow(b: Builder, S: WindowSlots, o: { padding: PaddingName; strideW: number; strideH: number }): void {
  b.startObject(S.COUNT);
  b.addFieldInt8(S.padding, padding(o.padding), 0);
  b.addFieldInt32(S.strideW, o.strideW, 0);
  b.addFieldInt32(S.strideH, o.strideH, 0);
}

/** The fused activation and dilations a conv or depthwise options table ends with. */
function addActivationDilation(
  b: Builder,
  S: { fusedActivation: number; dilationW: number; dilationH: number },
  o: { fusedActivation: ActivationName; dilationW?: number; dilationH?: number },
): void {
  b.addFieldInt8(S.fusedActivation, activation(o.fusedActivation), 0);
  b.addFieldInt32(S.dilationW, o.dilationW ?? 1, 1);
  b.addFieldInt32(S.dilationH, o.dilationH ?? 1, 1);
}

/** Returns [union type byte, table offset]. */
function writeOptions(b: Builder, o: TfliteBuiltinOptions): [number, Offset] {
  switch (o.kind) {
    case 'FullyConnected': {
      const S = Slot.FullyConnectedOptions;
      b.startObject(S.COUNT);
      b.addFieldInt8(S.fusedActivation, activation(o.fusedActivation), 0);
      if (o.keepNumDims) b.addFieldInt8(S.keepNumDims, 1, 0);
      return [BuiltinOptionsType.FullyConnectedOptions, b.endObject()];
    }
    case 'Conv2D':
    case 'DepthwiseConv2D': {
      // The depthwise table is the conv table with a depth multiplier after the strides.
      const S = o.kind === 'Conv2D' ? Slot.Conv2DOptions : Slot.DepthwiseConv2DOptions;
      addWindow(b, S, o);
      if (o.kind === 'DepthwiseConv2D') b.addFieldInt32(Slot.DepthwiseConv2DOptions.depthMultiplier, o.depthMultiplier, 0);
      addActivationDilation(b, S, o);
      return [o.kind === 'Conv2D' ? BuiltinOptionsType.Conv2DOptions : BuiltinOptionsType.DepthwiseConv2DOptions, b.endObject()];
    }
    case 'Pool2D': {
      const S = Slot.Pool2DOptions;
      addWindow(b, S, o);
      b.addFieldInt32(S.filterWidth, o.filterWidth, 0);
      b.addFieldInt32(S.filterHeight, o.filterHeight, 0);
      b.addFieldInt8(S.fusedActivation, activation(o.fusedActivation), 0);
      return [BuiltinOptionsType.Pool2DOptions, b.endObject()];
    }
    case 'Softmax': {
      b.startObject(Slot.SoftmaxOptions.COUNT);
      b.addFieldFloat32(Slot.SoftmaxOptions.beta, o.beta, 0);
      return [BuiltinOptionsType.SoftmaxOptions, b.endObject()];
    }
    case 'Reshape': {
      const shape = vecInt32(b, o.newShape);
      b.startObject(Slot.ReshapeOptions.COUNT);
      b.addFieldOffset(Slot.ReshapeOptions.newShape, shape, 0);
      return [BuiltinOptionsType.ReshapeOptions, b.endObject()];
    }
    case 'Quantize':
      b.startObject(0);
      return [BuiltinOptionsType.QuantizeOptions, b.endObject()];
    case 'Dequantize':
      b.startObject(0);
      return [BuiltinOptionsType.DequantizeOptions, b.endObject()];
    case 'Other':
      throw new RangeError(`cannot write builtin options of union type ${o.unionType}`);
  }
}

/**
 * `validate: false` skips `validateModel`; it exists only so tests can forge damaged files
 * (dangling indices) to check that the reader rejects them.
 */
export function writeTflite(model: TfliteModel, opts: { validate?: boolean } = {}): Uint8Array {
  if (opts.validate !== false) validateModel(model);
  const dataBytes = model.buffers.reduce((s, x) => s + x.length + BUFFER_ALIGNMENT, 0);
  const b = new Builder(Math.max(1024, dataBytes + 4096));

  // Buffers first: the builder fills the file from the end, so the weights end up last.
  const buffers = model.buffers.map((data) => {
    const vec = data.length > 0 ? vecBytesAligned(b, data, BUFFER_ALIGNMENT) : 0;
    b.startObject(Slot.Buffer.COUNT);
    if (vec) b.addFieldOffset(Slot.Buffer.data, vec, 0);
    return b.endObject();
  });

  const subgraphs = model.subgraphs.map((g) => {
    const tensors = vecOffsets(
      b,
      g.tensors.map((t) => writeTensor(b, t)),
    );
    const operators = vecOffsets(
      b,
      g.operators.map((op) => {
        const inputs = vecInt32(b, op.inputs);
        const outputs = vecInt32(b, op.outputs);
        const opts = op.options ? writeOptions(b, op.options) : null;
        const S = Slot.Operator;
        b.startObject(S.COUNT);
        b.addFieldInt32(S.opcodeIndex, op.opcodeIndex, 0);
        b.addFieldOffset(S.inputs, inputs, 0);
        b.addFieldOffset(S.outputs, outputs, 0);
        if (opts) {
          b.addFieldInt8(S.builtinOptionsType, opts[0], 0);
          b.addFieldOffset(S.builtinOptions, opts[1], 0);
        }
        return b.endObject();
      }),
    );
    const inputs = vecInt32(b, g.inputs);
    const outputs = vecInt32(b, g.outputs);
    const name = b.createString(g.name);
    const S = Slot.SubGraph;
    b.startObject(S.COUNT);
    b.addFieldOffset(S.tensors, tensors, 0);
    b.addFieldOffset(S.inputs, inputs, 0);
    b.addFieldOffset(S.outputs, outputs, 0);
    b.addFieldOffset(S.operators, operators, 0);
    b.addFieldOffset(S.name, name, 0);
    return b.endObject();
  });

  const codes = model.operatorCodes.map((c) => {
    const custom = c.customCode !== undefined ? b.createString(c.customCode) : 0;
    const S = Slot.OperatorCode;
    b.startObject(S.COUNT);
    // Old readers only know the byte field; codes that do not fit it say "look at builtin_code".
    b.addFieldInt8(
      S.deprecatedBuiltinCode,
      Math.min(c.builtinCode, BuiltinOperator.PLACEHOLDER_FOR_GREATER_OP_CODES),
      0,
    );
    if (custom) b.addFieldOffset(S.customCode, custom, 0);
    b.addFieldInt32(S.version, c.version, 1);
    b.addFieldInt32(S.builtinCode, c.builtinCode, 0);
    return b.endObject();
  });

  const metadata = (model.metadata ?? []).map((md) => {
    const name = b.createString(md.name);
    b.startObject(Slot.Metadata.COUNT);
    b.addFieldOffset(Slot.Metadata.name, name, 0);
    b.addFieldInt32(Slot.Metadata.buffer, md.buffer, 0);
    return b.endObject();
  });

  const tensorMaps = (list: { name: string; tensorIndex: number }[]): Offset =>
    vecOffsets(
      b,
      list.map((e) => {
        const name = b.createString(e.name);
        b.startObject(Slot.TensorMap.COUNT);
        b.addFieldOffset(Slot.TensorMap.name, name, 0);
        b.addFieldInt32(Slot.TensorMap.tensorIndex, e.tensorIndex, 0);
        return b.endObject();
      }),
    );
  const signatures = (model.signatures ?? []).map((s) => {
    const inputs = tensorMaps(s.inputs);
    const outputs = tensorMaps(s.outputs);
    const key = b.createString(s.key);
    const S = Slot.SignatureDef;
    b.startObject(S.COUNT);
    b.addFieldOffset(S.inputs, inputs, 0);
    b.addFieldOffset(S.outputs, outputs, 0);
    b.addFieldOffset(S.signatureKey, key, 0);
    b.addFieldInt32(S.subgraphIndex, s.subgraphIndex, 0);
    return b.endObject();
  });

  const codesVec = vecOffsets(b, codes);
  const subgraphsVec = vecOffsets(b, subgraphs);
  const description = b.createString(model.description);
  const buffersVec = vecOffsets(b, buffers);
  const metadataVec = metadata.length ? vecOffsets(b, metadata) : 0;
  const signaturesVec = signatures.length ? vecOffsets(b, signatures) : 0;

  const S = Slot.Model;
  b.startObject(S.COUNT);
  b.addFieldInt32(S.version, model.version ?? SCHEMA_VERSION, 0);
  b.addFieldOffset(S.operatorCodes, codesVec, 0);
  b.addFieldOffset(S.subgraphs, subgraphsVec, 0);
  b.addFieldOffset(S.description, description, 0);
  b.addFieldOffset(S.buffers, buffersVec, 0);
  if (metadataVec) b.addFieldOffset(S.metadata, metadataVec, 0);
  if (signaturesVec) b.addFieldOffset(S.signatureDefs, signaturesVec, 0);
  b.finish(b.endObject(), FILE_IDENTIFIER);
  // A copy that owns its ArrayBuffer from byte 0, so offsets in the file are offsets in memory.
  return b.asUint8Array().slice();
}
