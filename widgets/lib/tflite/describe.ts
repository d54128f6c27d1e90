/**
 * Reading a .tflite for the student, shared by the converter and inspector widgets (pure: no DOM,
 * no runtime):
 * - `checkTfliteFile(bytes)`: reads any file with readTflite, or a Spanish reason why not;
 * - `describeModel(info)`: the model as a vertical graph (operators in execution order, the
 *   run-time tensors on the edges, the constant tensors inside each box) plus a tensor table;
 * - `sizeProblem(size)`: files the inspector refuses before reading them.
 */
import { readTflite } from './reader';
import { TfliteError } from './errors';
import { describeNonTflite } from './sniff';
import type { TfliteModelInfo, TfliteTensorInfo } from './reader';
import type { TfliteBuiltinOptions } from './types';
import { fmtBytes, fmtQuant, fmtShape, fmtSig } from './format';

export type FileCheck = { ok: true; info: TfliteModelInfo } | { ok: false; code: string; message: string };

/** True when the first bytes look like plain text (printable ASCII/UTF-8, tabs, newlines). */
export function looksLikeText(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 512);
  if (n === 0) return false;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b < 0x09 || (b > 0x0d && b < 0x20) || b === 0x7f) return false;
  }
  return true;
}

/** Reads `bytes` as a .tflite; never throws. Messages are Spanish and meant for the student. */
export function checkTfliteFile(bytes: Uint8Array): FileCheck {
  try {
    return { ok: true, info: readTflite(bytes) };
  } catch (e) {
    if (e instanceof TfliteError) {
      let message = e.message;
      if (e.code === 'not-tflite' && describeNonTflite(bytes) === null && looksLikeText(bytes))
        message += ' Parece un archivo de texto.';
      return { ok: false, code: e.code, message };
    }
    return { ok: false, code: 'corrupt', message: 'No se pudo leer el archivo como modelo TensorFlow Lite.' };
  }
}

/** What each operator the course meets does, in a few Spanish words. */
const OP_TITLES: Record<string, string> = {
  CONV_2D: 'Convolución 2D',
  DEPTHWISE_CONV_2D: 'Convolución por canal (depthwise)',
  FULLY_CONNECTED: 'Capa densa (totalmente conectada)',
  MAX_POOL_2D: 'Max pooling',
  AVERAGE_POOL_2D: 'Pooling promedio',
  RESHAPE: 'Cambio de forma (aplanar)',
  SOFTMAX: 'Softmax: probabilidades',
  QUANTIZE: 'Cuantizar a enteros',
  DEQUANTIZE: 'Volver a float32',
  ADD: 'Suma elemento a elemento',
  MUL: 'Producto elemento a elemento',
  CONCATENATION: 'Concatenar',
  MEAN: 'Media',
  PAD: 'Relleno',
  RELU: 'ReLU',
  RELU6: 'ReLU6',
  LOGISTIC: 'Sigmoide',
  TANH: 'Tangente hiperbólica',
  HARD_SWISH: 'Hard swish',
};

export const opTitle = (opName: string): string => OP_TITLES[opName] ?? (opName.startsWith('CUSTOM:') ? 'Operador propio' : '');

const ACT: Record<string, string> = { RELU: 'ReLU', RELU6: 'ReLU6', RELU_N1_TO_1: 'ReLU entre −1 y 1', TANH: 'tanh', SIGN_BIT: 'signo' };

/** The operator's options in short Spanish phrases (padding, stride, fused activation…). */
export function optionDetails(o: TfliteBuiltinOptions | undefined): string[] {
  if (!o) return [];
  const out: string[] = [];
  const fused = (a: string): void => {
    if (a !== 'NONE') out.push(`activación ${ACT[a] ?? a} fusionada`);
  };
  switch (o.kind) {
    case 'Conv2D':
    case 'DepthwiseConv2D':
      out.push(`relleno ${o.padding}, paso ${o.strideH}×${o.strideW}`);
      if (o.kind === 'DepthwiseConv2D' && o.depthMultiplier !== 1) out.push(`multiplicador ${o.depthMultiplier}`);
      fused(o.fusedActivation);
      break;
    case 'Pool2D':
      out.push(`ventana ${o.filterHeight}×${o.filterWidth}, paso ${o.strideH}×${o.strideW}, relleno ${o.padding}`);
      fused(o.fusedActivation);
      break;
    case 'FullyConnected':
      fused(o.fusedActivation);
      break;
    case 'Softmax':
      if (o.beta !== 1) out.push(`β = ${fmtSig(o.beta)}`);
      break;
    case 'Reshape':
      if (o.newShape.length > 0)
        out.push(`nueva forma ${o.newShape.map((v) => (v === -1 ? '−1' : String(v))).join('×')}${o.newShape.includes(-1) ? ' (−1: la que corresponda)' : ''}`);
      break;
    default:
      break;
  }
  return out;
}

export type TensorRole = 'entrada' | 'salida' | 'constante' | 'intermedio';

export interface TensorRow {
  index: number;
  name: string;
  shape: string;
  type: string;
  quant: string | null;
  /** Bytes of constant data stored in the file (0 for tensors computed at run time). */
  bytes: number;
  role: TensorRole;
}

/** A tensor on an edge of the graph: "1×28×28×8 int8". */
export interface EdgeTensor {
  index: number;
  name: string;
  label: string;
}

export interface OpNode {
  index: number;
  opName: string;
  title: string;
  version: number;
  details: string[];
  /** Constant inputs (weights, biases, shapes) stored in the file. */
  constants: TensorRow[];
  /** Run-time inputs that do not come from the box just above (skip connections, second inputs). */
  otherInputs: { tensor: EdgeTensor; from: string }[];
  /** Run-time tensors this operator produces: the edge below its box. */
  outputs: EdgeTensor[];
}

export interface ModelDescription {
  subgraphName: string;
  subgraphCount: number;
  inputs: EdgeTensor[];
  outputs: EdgeTensor[];
  ops: OpNode[];
  tensors: TensorRow[];
  /** Operator names in order of first use, with how many times each appears. */
  opCounts: { opName: string; count: number }[];
  /** Bytes of constant data (weights, biases…) and of the whole file. */
  constantBytes: number;
  fileSize: number;
  description: string;
  warnings: string[];
  /** One paragraph that says what the graph shows (text alternative). */
  summary: string;
}

const edge = (t: TfliteTensorInfo): EdgeTensor => ({
  index: t.index,
  name: t.name || `tensor ${t.index}`,
  label: `${fmtShape(t.shape)} ${t.type.toLowerCase()}`,
});

/** Describes subgraph `which` (0: the main one) of a model read by readTflite. */
export function describeModel(info: TfliteModelInfo, which = 0): ModelDescription {
  const g = info.subgraphs[which];
  if (!g) throw new RangeError(`no subgraph ${which}`);
  const inputs = new Set(g.inputs);
  const outputs = new Set(g.outputs);
  const role = (t: TfliteTensorInfo): TensorRole =>
    inputs.has(t.index) ? 'entrada' : outputs.has(t.index) ? 'salida' : t.bufferSize > 0 ? 'constante' : 'intermedio';
  const rows: TensorRow[] = g.tensors.map((t) => ({
    index: t.index,
    name: t.name || `tensor ${t.index}`,
    shape: fmtShape(t.shape),
    type: t.type.toLowerCase(),
    quant: fmtQuant(t.quantization),
    bytes: t.bufferSize,
    role: role(t),
  }));
  // Who produces each run-time tensor: −1 for graph inputs, else the operator index.
  const producer = new Map<number, number>();
  g.inputs.forEach((i) => producer.set(i, -1));
  const ops: OpNode[] = g.operators.map((op, k) => {
    const constants: TensorRow[] = [];
    const otherInputs: OpNode['otherInputs'] = [];
    const above = k === 0 ? -1 : k - 1;
    for (const i of op.inputs) {
      if (i < 0) continue;
      const t = g.tensors[i]!;
      if (t.bufferSize > 0 && !inputs.has(i)) {
        constants.push(rows[i]!);
        continue;
      }
      const from = producer.get(i);
      if (from === above) continue;
      const src = from === undefined ? 'sin productor (tensor variable o vacío)' : from === -1 ? 'la entrada del modelo' : `la operación ${from + 1}`;
      otherInputs.push({ tensor: edge(t), from: src });
    }
    op.outputs.forEach((o) => producer.set(o, k));
    return {
      index: op.index,
      opName: op.opName,
      title: opTitle(op.opName),
      version: op.version,
      details: optionDetails(op.options),
      constants,
      otherInputs,
      outputs: op.outputs.map((o) => edge(g.tensors[o]!)),
    };
  });
  const opCounts: ModelDescription['opCounts'] = [];
  for (const op of ops) {
    const c = opCounts.find((x) => x.opName === op.opName);
    if (c) c.count++;
    else opCounts.push({ opName: op.opName, count: 1 });
  }
  const constantBytes = info.buffers.reduce((s, b) => s + b.length, 0);
  const ins = g.inputs.map((i) => edge(g.tensors[i]!));
  const outs = g.outputs.map((i) => edge(g.tensors[i]!));
  const list = (xs: EdgeTensor[]): string => xs.map((x) => x.label).join(' y ') || 'ninguna';
  const summary =
    `Grafo de ${ops.length} ${ops.length === 1 ? 'operación' : 'operaciones'} en orden de ejecución: ` +
    `${ops.map((o) => o.opName).join(', ') || 'ninguna'}. Entrada ${list(ins)}; salida ${list(outs)}. ` +
    `${g.tensors.length} tensores, ${fmtBytes(constantBytes)} de datos constantes en un archivo de ${fmtBytes(info.fileSize)}.`;
  return {
    subgraphName: g.name,
    subgraphCount: info.subgraphs.length,
    inputs: ins,
    outputs: outs,
    ops,
    tensors: rows,
    opCounts,
    constantBytes,
    fileSize: info.fileSize,
    description: info.description,
    warnings: info.warnings,
    summary,
  };
}

/** The inspector reads files up to this size (bytes); bigger ones are refused before reading. */
export const MAX_FILE_BYTES = 256 * 1024 * 1024;

/** A Spanish reason not to read a file of `size` bytes, or null. */
export function sizeProblem(size: number): string | null {
  if (size === 0) return 'El archivo está vacío: no contiene ningún modelo.';
  if (size > MAX_FILE_BYTES)
    return `El archivo ocupa ${fmtBytes(size)}; aquí se inspeccionan modelos de hasta ${fmtBytes(MAX_FILE_BYTES)}.`;
  return null;
}
