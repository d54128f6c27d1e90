/**
 * Reads any .tflite file into plain data for the inspector. Contract: `readTflite` either returns a
 * `TfliteModelInfo` or throws a `TfliteError` (code + Spanish message for the student); it never
 * throws anything else, whatever the bytes are. Oddities that do not stop the reading (schema
 * version, misaligned buffers, buffer sizes that do not match the shape) become `warnings`.
 */
import { FbFault, FbFile, type FbTable } from './fbview';
import { FILE_IDENTIFIER, SCHEMA_VERSION, Slot, TENSOR_TYPES, TENSOR_TYPE_BYTES, operatorName } from './schema';
import type { TfliteMetadata, TfliteOperator, TfliteOperatorCode, TfliteSignature, TfliteTensor } from './types';
import { enumName, readOptions, readQuantization } from './reader-tables';
import { describeNonTflite } from './sniff';
import { TfliteError } from './errors';

export interface TfliteTensorInfo extends TfliteTensor {
  index: number;
  /** Bytes in its buffer (0 for tensors computed at run time). */
  bufferSize: number;
  /** Product of the shape. */
  elementCount: number;
}

export interface TfliteOperatorInfo extends TfliteOperator {
  index: number;
  builtinCode: number;
  /** BuiltinOperator name, e.g. "FULLY_CONNECTED" (or "CUSTOM:<name>"). */
  opName: string;
  version: number;
}

export interface TfliteSubGraphInfo {
  name: string;
  tensors: TfliteTensorInfo[];
  inputs: number[];
  outputs: number[];
  operators: TfliteOperatorInfo[];
}

export interface TfliteModelInfo {
  version: number;
  description: string;
  operatorCodes: TfliteOperatorCode[];
  subgraphs: TfliteSubGraphInfo[];
  /** Views into the file's bytes (not copies). */
  buffers: Uint8Array[];
  /** File offset of each buffer's first byte, −1 for empty buffers. */
  bufferOffsets: number[];
  metadata: TfliteMetadata[];
  signatures: TfliteSignature[];
  fileSize: number;
  /** Spanish, one sentence each. */
  warnings: string[];
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

function checkIndex(i: number, count: number, optional: boolean, what: string): void {
  if (!(Number.isInteger(i) && i < count && (i >= 0 || (optional && i === -1)))) {
    throw new TfliteError(
      'corrupt',
      `${what} hace referencia al tensor ${i}, que no existe (hay ${plural(count, 'tensor', 'tensores')}).`,
    );
  }
}

function parse(bytes: Uint8Array): TfliteModelInfo {
  const file = new FbFile(bytes);
  const model = file.root('el modelo');
  const M = Slot.Model;
  const warnings: string[] = [];
  const version = model.u32(M.version, 0);
  if (version !== SCHEMA_VERSION)
    warnings.push(
      `La versión del esquema es ${version}; TensorFlow Lite solo ejecuta modelos de la versión ${SCHEMA_VERSION}.`,
    );

  const buffers: Uint8Array[] = [];
  const bufferOffsets: number[] = [];
  model
    .tables(M.buffers, (i) => (i < 0 ? 'la lista de búferes' : `el búfer ${i}`))
    .forEach((b, i) => {
      const inline = b.bytes(Slot.Buffer.data, `los datos del búfer ${i}`);
      const extOffset = b.u64(Slot.Buffer.offset, 0);
      if (inline && inline.data.length > 0) {
        buffers.push(inline.data);
        bufferOffsets.push(inline.offset);
      } else if (extOffset > 1) {
        // Files over 2 GB keep data after the flatbuffer: offset and size from the file start.
        const size = b.u64(Slot.Buffer.size, 0);
        file.need(extOffset, size, `los datos externos del búfer ${i}`);
        buffers.push(bytes.subarray(extOffset, extOffset + size));
        bufferOffsets.push(extOffset);
      } else {
        buffers.push(new Uint8Array(0));
        bufferOffsets.push(-1);
      }
    });
  if (buffers.length > 0 && buffers[0]!.length > 0)
    warnings.push('El búfer 0 debería estar vacío: por convención es el «sin datos» de los tensores que se calculan.');
  bufferOffsets.forEach((off, i) => {
    if (off >= 0 && off % 16 !== 0)
      warnings.push(
        `Los datos del búfer ${i} no empiezan en un múltiplo de 16 bytes; TFLite Micro los espera alineados.`,
      );
  });

  const operatorCodes: TfliteOperatorCode[] = model
    .tables(M.operatorCodes, (i) => (i < 0 ? 'la lista de operadores' : `el código de operador ${i}`))
    .map((c) => {
      const S = Slot.OperatorCode;
      // As TFLite's GetBuiltinCode: the larger of the old byte field and the new int32 field.
      const code: TfliteOperatorCode = {
        builtinCode: Math.max(c.i8(S.deprecatedBuiltinCode, 0), c.i32(S.builtinCode, 0)),
        version: c.i32(S.version, 1),
      };
      const custom = c.string(S.customCode, 'el nombre de un operador propio');
      if (custom !== null) code.customCode = custom;
      return code;
    });

  const subgraphTables = model.tables(M.subgraphs, (i) => (i < 0 ? 'la lista de subgrafos' : `el subgrafo ${i}`));
  if (subgraphTables.length === 0)
    throw new TfliteError('corrupt', 'El modelo no contiene ningún subgrafo: no hay nada que ejecutar.');
  const subgraphs = subgraphTables.map((g, gi): TfliteSubGraphInfo => {
    const S = Slot.SubGraph;
    const tensors = g
      .tables(S.tensors, (i) => (i < 0 ? `los tensores del subgrafo ${gi}` : `el tensor ${i}`))
      .map((t, ti): TfliteTensorInfo => {
        const T = Slot.Tensor;
        const where = `El tensor ${ti}`;
        const shape = t.int32s(T.shape, `${where}: forma`) ?? [];
        const type = enumName(TENSOR_TYPES, t.i8(T.type, 0), `${where}: el tipo de dato`);
        const buffer = t.u32(T.buffer, 0);
        if (buffer >= buffers.length)
          throw new TfliteError(
            'corrupt',
            `${where} usa el búfer ${buffer}, que no existe (hay ${plural(buffers.length, 'búfer', 'búferes')}).`,
          );
        const name = t.string(T.name, `${where}: nombre`) ?? '';
        const info: TfliteTensorInfo = {
          index: ti,
          name,
          shape,
          type,
          buffer,
          bufferSize: buffers[buffer]!.length,
          elementCount: shape.reduce((a, d) => a * Math.max(d, 0), 1),
        };
        const qt = t.table(T.quantization, `${where}: cuantización`);
        const q = qt ? readQuantization(qt, where) : undefined;
        if (q) info.quantization = q;
        const sig = t.int32s(T.shapeSignature, `${where}: forma con dimensiones libres`);
        if (sig) info.shapeSignature = sig;
        if (t.bool(T.isVariable)) info.isVariable = true;
        const expected = info.elementCount * TENSOR_TYPE_BYTES[type];
        if (info.bufferSize > 0 && expected > 0 && Math.ceil(expected) !== info.bufferSize) {
          warnings.push(
            `El tensor ${ti} («${name}»): su forma pide ${Math.ceil(expected)} bytes y su búfer tiene ${info.bufferSize}.`,
          );
        }
        return info;
      });
    const nt = tensors.length;
    const inputs = g.int32s(S.inputs, `las entradas del subgrafo ${gi}`) ?? [];
    const outputs = g.int32s(S.outputs, `las salidas del subgrafo ${gi}`) ?? [];
    inputs.forEach((i) => checkIndex(i, nt, false, `Una entrada del subgrafo ${gi}`));
    outputs.forEach((i) => checkIndex(i, nt, false, `Una salida del subgrafo ${gi}`));
    const operators = g
      .tables(S.operators, (i) => (i < 0 ? `los operadores del subgrafo ${gi}` : `el operador ${i}`))
      .map((op, oi): TfliteOperatorInfo => {
        const O = Slot.Operator;
        const where = `El operador ${oi}`;
        const opcodeIndex = op.u32(O.opcodeIndex, 0);
        const code = operatorCodes[opcodeIndex];
        if (!code)
          throw new TfliteError(
            'corrupt',
            `${where} usa el código ${opcodeIndex}, que no existe (hay ${plural(operatorCodes.length, 'código', 'códigos')}).`,
          );
        const opInputs = op.int32s(O.inputs, `${where}: entradas`) ?? [];
        const opOutputs = op.int32s(O.outputs, `${where}: salidas`) ?? [];
        opInputs.forEach((i) => checkIndex(i, nt, true, where));
        opOutputs.forEach((i) => checkIndex(i, nt, false, where));
        const info: TfliteOperatorInfo = {
          index: oi,
          opcodeIndex,
          inputs: opInputs,
          outputs: opOutputs,
          builtinCode: code.builtinCode,
          version: code.version,
          opName: code.customCode !== undefined ? `CUSTOM:${code.customCode}` : operatorName(code.builtinCode),
        };
        const options = readOptions(op, where);
        if (options) info.options = options;
        return info;
      });
    return { name: g.string(S.name, `el nombre del subgrafo ${gi}`) ?? '', tensors, inputs, outputs, operators };
  });

  const metadata = model
    .tables(M.metadata, (i) => (i < 0 ? 'los metadatos' : `el metadato ${i}`))
    .map((md, i) => {
      const buffer = md.u32(Slot.Metadata.buffer, 0);
      if (buffer >= buffers.length)
        throw new TfliteError('corrupt', `El metadato ${i} usa el búfer ${buffer}, que no existe.`);
      return { name: md.string(Slot.Metadata.name, `el nombre del metadato ${i}`) ?? '', buffer };
    });
  const maps = (t: FbTable, slot: number, what: string): { name: string; tensorIndex: number }[] =>
    t
      .tables(slot, (i) => `${what} ${i}`)
      .map((m) => ({
        name: m.string(Slot.TensorMap.name, what) ?? '',
        tensorIndex: m.u32(Slot.TensorMap.tensorIndex, 0),
      }));
  const signatures = model
    .tables(M.signatureDefs, (i) => (i < 0 ? 'las firmas' : `la firma ${i}`))
    .map((s, i): TfliteSignature => {
      const S = Slot.SignatureDef;
      const subgraphIndex = s.u32(S.subgraphIndex, 0);
      if (subgraphIndex >= subgraphs.length)
        throw new TfliteError('corrupt', `La firma ${i} apunta al subgrafo ${subgraphIndex}, que no existe.`);
      const sig: TfliteSignature = {
        key: s.string(S.signatureKey, `la clave de la firma ${i}`) ?? '',
        subgraphIndex,
        inputs: maps(s, S.inputs, `una entrada de la firma ${i}`),
        outputs: maps(s, S.outputs, `una salida de la firma ${i}`),
      };
      const nt = subgraphs[subgraphIndex]!.tensors.length;
      [...sig.inputs, ...sig.outputs].forEach((e) => checkIndex(e.tensorIndex, nt, false, `La firma ${i}`));
      return sig;
    });

  return {
    version,
    description: model.string(M.description, 'la descripción') ?? '',
    operatorCodes,
    subgraphs,
    buffers,
    bufferOffsets,
    metadata,
    signatures,
    fileSize: bytes.length,
    warnings,
  };
}

/** Parses a .tflite file. Throws only `TfliteError`. */
export function readTflite(bytes: Uint8Array): TfliteModelInfo {
  if (!(bytes instanceof Uint8Array) || bytes.length === 0) {
    throw new TfliteError('empty', 'El archivo está vacío: no contiene ningún modelo.');
  }
  if (bytes.length < 8) {
    throw new TfliteError(
      'truncated',
      `El archivo tiene solo ${plural(bytes.length, 'byte', 'bytes')}: un modelo TFLite ocupa bastante más. Parece cortado; vuelve a descargarlo o a exportarlo.`,
    );
  }
  const ident = String.fromCharCode(...bytes.subarray(4, 8));
  if (ident !== FILE_IDENTIFIER) {
    const guess = describeNonTflite(bytes);
    throw new TfliteError(
      'not-tflite',
      `No es un modelo TensorFlow Lite: los bytes 4 a 7 (contando desde 0) de un archivo .tflite dicen «${FILE_IDENTIFIER}» y aquí no.${guess ? ` Parece ${guess}.` : ''}`,
    );
  }
  try {
    return parse(bytes);
  } catch (e) {
    if (e instanceof TfliteError) throw e;
    if (e instanceof FbFault) {
      if (e.kind === 'bounds') {
        throw new TfliteError(
          'truncated',
          `El archivo parece cortado o dañado: ${e.message}. Vuelve a descargarlo o a exportarlo.`,
        );
      }
      if (e.kind === 'budget')
        throw new TfliteError(
          'too-complex',
          `El archivo tiene una estructura anómala (${e.message}); no se inspecciona.`,
        );
      throw new TfliteError('corrupt', `El archivo está dañado: ${e.message}.`);
    }
    throw new TfliteError(
      'corrupt',
      'El archivo está dañado: su estructura interna no es la de un modelo TFLite válido.',
    );
  }
}
