/**
 * The parts of the TensorFlow Lite flatbuffer schema we read and write, as constants.
 * Source of every number: tensorflow/lite/schema/schema.fbs (tflite-micro copy, schema
 * "version 3c"). In a flatbuffer table each field, in declaration order, gets the next vtable
 * slot; a union field takes two slots (its `_type` byte first, then the offset), and deprecated
 * fields keep their slot. Slot k lives at vtable byte offset 4 + 2k.
 */

/** `file_identifier "TFL3";` — bytes 4..8 of every .tflite file. */
export const FILE_IDENTIFIER = 'TFL3';
/** Model.version for the current schema (TFLite refuses any other). */
export const SCHEMA_VERSION = 3;

/** enum TensorType : byte. Index = value. */
export const TENSOR_TYPES = [
  'FLOAT32',
  'FLOAT16',
  'INT32',
  'UINT8',
  'INT64',
  'STRING',
  'BOOL',
  'INT16',
  'COMPLEX64',
  'INT8',
  'FLOAT64',
  'COMPLEX128',
  'UINT64',
  'RESOURCE',
  'VARIANT',
  'UINT32',
  'UINT16',
  'INT4',
] as const;
export type TensorTypeName = (typeof TENSOR_TYPES)[number];
export const TensorType = Object.fromEntries(TENSOR_TYPES.map((n, i) => [n, i])) as Record<TensorTypeName, number>;

/** Bytes per element (INT4 packs two per byte: 0.5); 0 where the size is not fixed (STRING, RESOURCE, VARIANT). */
export const TENSOR_TYPE_BYTES: Record<TensorTypeName, number> = {
  FLOAT32: 4,
  FLOAT16: 2,
  INT32: 4,
  UINT8: 1,
  INT64: 8,
  STRING: 0,
  BOOL: 1,
  INT16: 2,
  COMPLEX64: 8,
  INT8: 1,
  FLOAT64: 8,
  COMPLEX128: 16,
  UINT64: 8,
  RESOURCE: 0,
  VARIANT: 0,
  UINT32: 4,
  UINT16: 2,
  INT4: 0.5,
};

/** enum BuiltinOperator : int32 — the operators this course writes, and a few common ones, by name. */
export const BuiltinOperator = {
  ADD: 0,
  AVERAGE_POOL_2D: 1,
  CONCATENATION: 2,
  CONV_2D: 3,
  DEPTHWISE_CONV_2D: 4,
  DEQUANTIZE: 6,
  FULLY_CONNECTED: 9,
  LOGISTIC: 14,
  MAX_POOL_2D: 17,
  MUL: 18,
  RELU: 19,
  RELU6: 21,
  RESHAPE: 22,
  SOFTMAX: 25,
  TANH: 28,
  CUSTOM: 32,
  PAD: 34,
  MEAN: 40,
  SUB: 41,
  SQUEEZE: 43,
  STRIDED_SLICE: 45,
  /** Codes ≥ this only fit the int32 `builtin_code`; the byte `deprecated_builtin_code` holds 127. */
  PLACEHOLDER_FOR_GREATER_OP_CODES: 127,
  QUANTIZE: 114,
  HARD_SWISH: 117,
  BATCH_MATMUL: 126,
} as const;
export type BuiltinOperatorName = keyof typeof BuiltinOperator;

/** Every BuiltinOperator name from 0 (ADD) to 161 (RIGHT_SHIFT), index = code, for the inspector. */
export const BUILTIN_OPERATOR_NAMES: readonly string[] = `
ADD AVERAGE_POOL_2D CONCATENATION CONV_2D DEPTHWISE_CONV_2D DEPTH_TO_SPACE DEQUANTIZE EMBEDDING_LOOKUP FLOOR FULLY_CONNECTED
HASHTABLE_LOOKUP L2_NORMALIZATION L2_POOL_2D LOCAL_RESPONSE_NORMALIZATION LOGISTIC LSH_PROJECTION LSTM MAX_POOL_2D MUL RELU
RELU_N1_TO_1 RELU6 RESHAPE RESIZE_BILINEAR RNN SOFTMAX SPACE_TO_DEPTH SVDF TANH CONCAT_EMBEDDINGS
SKIP_GRAM CALL CUSTOM EMBEDDING_LOOKUP_SPARSE PAD UNIDIRECTIONAL_SEQUENCE_RNN GATHER BATCH_TO_SPACE_ND SPACE_TO_BATCH_ND TRANSPOSE
MEAN SUB DIV SQUEEZE UNIDIRECTIONAL_SEQUENCE_LSTM STRIDED_SLICE BIDIRECTIONAL_SEQUENCE_RNN EXP TOPK_V2 SPLIT
LOG_SOFTMAX DELEGATE BIDIRECTIONAL_SEQUENCE_LSTM CAST PRELU MAXIMUM ARG_MAX MINIMUM LESS NEG
PADV2 GREATER GREATER_EQUAL LESS_EQUAL SELECT SLICE SIN TRANSPOSE_CONV SPARSE_TO_DENSE TILE
EXPAND_DIMS EQUAL NOT_EQUAL LOG SUM SQRT RSQRT SHAPE POW ARG_MIN
FAKE_QUANT REDUCE_PROD REDUCE_MAX PACK LOGICAL_OR ONE_HOT LOGICAL_AND LOGICAL_NOT UNPACK REDUCE_MIN
FLOOR_DIV REDUCE_ANY SQUARE ZEROS_LIKE FILL FLOOR_MOD RANGE RESIZE_NEAREST_NEIGHBOR LEAKY_RELU SQUARED_DIFFERENCE
MIRROR_PAD ABS SPLIT_V UNIQUE CEIL REVERSE_V2 ADD_N GATHER_ND COS WHERE
RANK ELU REVERSE_SEQUENCE MATRIX_DIAG QUANTIZE MATRIX_SET_DIAG ROUND HARD_SWISH IF WHILE
NON_MAX_SUPPRESSION_V4 NON_MAX_SUPPRESSION_V5 SCATTER_ND SELECT_V2 DENSIFY SEGMENT_SUM BATCH_MATMUL PLACEHOLDER_FOR_GREATER_OP_CODES CUMSUM CALL_ONCE
BROADCAST_TO RFFT2D CONV_3D IMAG REAL COMPLEX_ABS HASHTABLE HASHTABLE_FIND HASHTABLE_IMPORT HASHTABLE_SIZE
REDUCE_ALL CONV_3D_TRANSPOSE VAR_HANDLE READ_VARIABLE ASSIGN_VARIABLE BROADCAST_ARGS RANDOM_STANDARD_NORMAL BUCKETIZE RANDOM_UNIFORM MULTINOMIAL
GELU DYNAMIC_UPDATE_SLICE RELU_0_TO_1 UNSORTED_SEGMENT_PROD UNSORTED_SEGMENT_MAX UNSORTED_SEGMENT_SUM ATAN2 UNSORTED_SEGMENT_MIN SIGN BITCAST
BITWISE_XOR RIGHT_SHIFT`
  .trim()
  .split(/\s+/);

/** Name of a builtin operator code, or "BUILTIN_<n>" for codes newer than this list. */
export function operatorName(code: number): string {
  return BUILTIN_OPERATOR_NAMES[code] ?? `BUILTIN_${code}`;
}

/** union BuiltinOptions — the type byte of each member we use (NONE = 0). */
export const BuiltinOptionsType = {
  NONE: 0,
  Conv2DOptions: 1,
  DepthwiseConv2DOptions: 2,
  Pool2DOptions: 5,
  FullyConnectedOptions: 8,
  SoftmaxOptions: 9,
  ReshapeOptions: 17,
  DequantizeOptions: 38,
  QuantizeOptions: 89,
} as const;

/** enum Padding : byte { SAME, VALID } */
export const PADDINGS = ['SAME', 'VALID'] as const;
export type PaddingName = (typeof PADDINGS)[number];

/** enum ActivationFunctionType : byte */
export const ACTIVATIONS = ['NONE', 'RELU', 'RELU_N1_TO_1', 'RELU6', 'TANH', 'SIGN_BIT'] as const;
export type ActivationName = (typeof ACTIVATIONS)[number];

/**
 * Field slots (vtable index) per table, in schema declaration order. COUNT is one past the last
 * slot listed: the number of fields passed to Builder.startObject when we write that table.
 */
export const Slot = {
  /** table Model { version, operator_codes, subgraphs, description, buffers, metadata_buffer, metadata, signature_defs } */
  Model: {
    version: 0,
    operatorCodes: 1,
    subgraphs: 2,
    description: 3,
    buffers: 4,
    metadataBuffer: 5,
    metadata: 6,
    signatureDefs: 7,
    COUNT: 8,
  },
  /** table SubGraph { tensors, inputs, outputs, operators, name } */
  SubGraph: { tensors: 0, inputs: 1, outputs: 2, operators: 3, name: 4, COUNT: 5 },
  /** table Buffer { data (force_align: 16), offset, size } — offset/size only for files > 2 GB. */
  Buffer: { data: 0, offset: 1, size: 2, COUNT: 3 },
  /** table Metadata { name, buffer } */
  Metadata: { name: 0, buffer: 1, COUNT: 2 },
  /** table OperatorCode { deprecated_builtin_code:byte, custom_code, version = 1, builtin_code:int32 } */
  OperatorCode: { deprecatedBuiltinCode: 0, customCode: 1, version: 2, builtinCode: 3, COUNT: 4 },
  /** table Operator { opcode_index, inputs, outputs, builtin_options (type 3, value 4), custom_options, ... } */
  Operator: { opcodeIndex: 0, inputs: 1, outputs: 2, builtinOptionsType: 3, builtinOptions: 4, COUNT: 5 },
  /** table Tensor { shape, type, buffer, name, quantization, is_variable, sparsity, shape_signature, has_rank, variant_tensors } */
  Tensor: {
    shape: 0,
    type: 1,
    buffer: 2,
    name: 3,
    quantization: 4,
    isVariable: 5,
    sparsity: 6,
    shapeSignature: 7,
    hasRank: 8,
    COUNT: 9,
  },
  /** table QuantizationParameters { min, max, scale, zero_point:[long], details (type 4, value 5), quantized_dimension } */
  QuantizationParameters: {
    min: 0,
    max: 1,
    scale: 2,
    zeroPoint: 3,
    detailsType: 4,
    details: 5,
    quantizedDimension: 6,
    COUNT: 7,
  },
  /** table SignatureDef { inputs:[TensorMap], outputs:[TensorMap], signature_key, deprecated_tag (deprecated), subgraph_index } */
  SignatureDef: { inputs: 0, outputs: 1, signatureKey: 2, subgraphIndex: 4, COUNT: 5 },
  /** table TensorMap { name, tensor_index } */
  TensorMap: { name: 0, tensorIndex: 1, COUNT: 2 },
  /** table Conv2DOptions { padding, stride_w, stride_h, fused_activation_function, dilation_w_factor = 1, dilation_h_factor = 1, quantized_bias_type } */
  Conv2DOptions: { padding: 0, strideW: 1, strideH: 2, fusedActivation: 3, dilationW: 4, dilationH: 5, COUNT: 6 },
  /** table DepthwiseConv2DOptions { padding, stride_w, stride_h, depth_multiplier, fused_activation_function, dilation_w_factor = 1, dilation_h_factor = 1 } */
  DepthwiseConv2DOptions: {
    padding: 0,
    strideW: 1,
    strideH: 2,
    depthMultiplier: 3,
    fusedActivation: 4,
    dilationW: 5,
    dilationH: 6,
    COUNT: 7,
  },
  /** table Pool2DOptions { padding, stride_w, stride_h, filter_width, filter_height, fused_activation_function } */
  Pool2DOptions: { padding: 0, strideW: 1, strideH: 2, filterWidth: 3, filterHeight: 4, fusedActivation: 5, COUNT: 6 },
  /** table FullyConnectedOptions { fused_activation_function, weights_format, keep_num_dims, asymmetric_quantize_inputs, quantized_bias_type } */
  FullyConnectedOptions: { fusedActivation: 0, weightsFormat: 1, keepNumDims: 2, COUNT: 3 },
  /** table SoftmaxOptions { beta:float } */
  SoftmaxOptions: { beta: 0, COUNT: 1 },
  /** table ReshapeOptions { new_shape:[int] } */
  ReshapeOptions: { newShape: 0, COUNT: 1 },
} as const;
