/**
 * A .tflite model as plain data: what `writeTflite` takes and (with a few extra, derived fields)
 * what `readTflite` returns. Field meanings follow tensorflow/lite/schema/schema.fbs.
 */
import type { ActivationName, PaddingName, TensorTypeName } from './schema';

/** real = scale[c] · (q − zeroPoint[c]); one entry per channel along `quantizedDimension`, or one in total. */
export interface TfliteQuantization {
  scale: number[];
  zeroPoint: number[];
  /** Axis of the tensor's shape the per-channel entries follow (0 when per-tensor). */
  quantizedDimension: number;
  /** Calibration range, optional (kept "for importing back into TensorFlow"). */
  min?: number[];
  max?: number[];
}

export interface TfliteTensor {
  name: string;
  shape: number[];
  type: TensorTypeName;
  /** Index into Model.buffers; 0 (the empty buffer) for tensors computed at run time. */
  buffer: number;
  quantization?: TfliteQuantization;
  /** Shape with −1 for dimensions not fixed at conversion time (e.g. the batch). */
  shapeSignature?: number[];
  isVariable?: boolean;
}

/** builtin_options of the operators the course writes; `Other` is what the reader reports for the rest. */
export type TfliteBuiltinOptions =
  | { kind: 'FullyConnected'; fusedActivation: ActivationName; keepNumDims?: boolean }
  | {
      kind: 'Conv2D';
      padding: PaddingName;
      strideW: number;
      strideH: number;
      fusedActivation: ActivationName;
      dilationW?: number;
      dilationH?: number;
    }
  | {
      kind: 'DepthwiseConv2D';
      padding: PaddingName;
      strideW: number;
      strideH: number;
      depthMultiplier: number;
      fusedActivation: ActivationName;
      dilationW?: number;
      dilationH?: number;
    }
  | {
      kind: 'Pool2D';
      padding: PaddingName;
      strideW: number;
      strideH: number;
      filterWidth: number;
      filterHeight: number;
      fusedActivation: ActivationName;
    }
  | { kind: 'Softmax'; beta: number }
  | { kind: 'Reshape'; newShape: number[] }
  | { kind: 'Quantize' }
  | { kind: 'Dequantize' }
  | { kind: 'Other'; unionType: number };

export type TfliteOptionsKind = TfliteBuiltinOptions['kind'];

export interface TfliteOperatorCode {
  /** BuiltinOperator value (e.g. 9 for FULLY_CONNECTED). */
  builtinCode: number;
  /** Operator version: which kernel variant (types, options) the runtime must provide. */
  version: number;
  customCode?: string;
}

export interface TfliteOperator {
  /** Index into Model.operatorCodes. */
  opcodeIndex: number;
  /** Tensor indices; −1 marks an optional input that is absent. */
  inputs: number[];
  outputs: number[];
  options?: TfliteBuiltinOptions;
}

export interface TfliteSubGraph {
  name: string;
  tensors: TfliteTensor[];
  inputs: number[];
  outputs: number[];
  /** In execution order. */
  operators: TfliteOperator[];
}

export interface TfliteMetadata {
  name: string;
  buffer: number;
}

export interface TfliteSignature {
  key: string;
  subgraphIndex: number;
  inputs: { name: string; tensorIndex: number }[];
  outputs: { name: string; tensorIndex: number }[];
}

export interface TfliteModel {
  /** Schema version; 3 (the default when writing). */
  version?: number;
  description: string;
  operatorCodes: TfliteOperatorCode[];
  subgraphs: TfliteSubGraph[];
  /** Raw little-endian bytes. buffers[0] must be empty (the shared "no data" buffer). */
  buffers: Uint8Array[];
  metadata?: TfliteMetadata[];
  signatures?: TfliteSignature[];
}
