/**
 * Pure logic of the TFLite converter widget (no DOM, no tfjs, no LiteRT): the model_data.h
 * comment for TFLite Micro. Reading and describing a .tflite is lib/tflite/describe.ts; number
 * formatting, lib/tflite/format.ts.
 */
import type { TfliteModelInfo, TfliteTensorInfo } from '../lib/tflite';

/**
 * The comment on top of model_data.h: what TFLite Micro needs to know to feed and read the int8
 * model (input and output scale and zero point) and which operators to register.
 */
export function headerComment(info: TfliteModelInfo, o: { modelName: string; source: string; samples: number }): string {
  const g = info.subgraphs[0]!;
  const inT = g.tensors[g.inputs[0]!]!;
  const outT = g.tensors[g.outputs[0]!]!;
  const q = (t: TfliteTensorInfo): string =>
    t.quantization ? `escala ${t.quantization.scale[0]}, punto cero ${t.quantization.zeroPoint[0]}` : 'sin cuantizar';
  const ops = [...new Set(g.operators.map((x) => x.opName))];
  return [
    `Modelo «${o.modelName}» (${o.source}) en int8 con entrada y salida int8 (${info.fileSize} bytes),`,
    'generado en el navegador por la lección 12 del Curso de TinyML.',
    `Entrada [${inT.shape.join(', ')}] ${inT.type.toLowerCase()}: ${q(inT)}`,
    `Salida [${outT.shape.join(', ')}] ${outT.type.toLowerCase()}: ${q(outT)}`,
    `Operadores (regístralos en MicroMutableOpResolver): ${ops.join(', ')}`,
    `Calibrado con ${o.samples} dígitos de entrenamiento.`,
  ].join('\n');
}

