/**
 * The operator version TFLite's converter records for the operators and types this course writes
 * (facts from tensorflow/lite/tools/versioning/op_version.cc, GetBuiltinOperatorVersion). The
 * version tells a runtime which kernel variant the model needs; float32 kernels are version 1.
 */
import type { BuiltinOperatorName, TensorTypeName } from './schema';
import type { TfliteBuiltinOptions } from './types';

export interface OpSignature {
  /** Types of the operator's inputs (undefined for an absent optional input). */
  inputs: (TensorTypeName | undefined)[];
  outputs: TensorTypeName[];
  options?: TfliteBuiltinOptions;
  /** Weights (or, for DEQUANTIZE, the input) carry one scale per channel. */
  perChannel?: boolean;
}

export function operatorVersion(op: BuiltinOperatorName, sig: OpSignature): number {
  const [in0, in1] = sig.inputs;
  const out0 = sig.outputs[0];
  const allInt8 = in0 === 'INT8' && in1 === 'INT8' && out0 === 'INT8';
  const o = sig.options;
  switch (op) {
    case 'CONV_2D':
      return allInt8 ? 3 : 1;
    case 'DEPTHWISE_CONV_2D':
      if (allInt8) return 3;
      if (o?.kind === 'DepthwiseConv2D' && ((o.dilationW ?? 1) !== 1 || (o.dilationH ?? 1) !== 1)) return 2;
      return 1;
    case 'FULLY_CONNECTED':
      if (sig.inputs.length === 2) return 6; // no bias
      if (o?.kind === 'FullyConnected' && o.keepNumDims) return 5;
      return allInt8 ? 4 : 1;
    case 'MAX_POOL_2D':
    case 'AVERAGE_POOL_2D':
    case 'SOFTMAX':
      return in0 === 'INT8' ? 2 : 1;
    case 'DEQUANTIZE':
      if (in0 === 'INT8') return sig.perChannel ? 5 : 2;
      return 1;
    case 'QUANTIZE':
      if (sig.perChannel) return 3;
      return out0 === 'INT16' ? 2 : 1;
    default:
      return 1;
  }
}
