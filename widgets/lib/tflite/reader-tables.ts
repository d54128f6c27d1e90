/**
 * Readers for the small tables inside a .tflite (quantization parameters, builtin options),
 * over the bounds-checked view. Enum values this code does not know raise TfliteError
 * 'unsupported'; unknown option unions come back as { kind: 'Other' }.
 */
import { TfliteError } from './errors';
import type { FbTable } from './fbview';
import { ACTIVATIONS, BuiltinOptionsType, PADDINGS, Slot, type ActivationName, type PaddingName } from './schema';
import type { TfliteBuiltinOptions, TfliteQuantization } from './types';

export function enumName<T extends string>(names: readonly T[], code: number, what: string): T {
  const n = names[code];
  if (n === undefined) {
    throw new TfliteError(
      'unsupported',
      `${what} tiene un valor desconocido (${code}); quizá el archivo usa una versión del formato más nueva.`,
    );
  }
  return n;
}

export function readQuantization(t: FbTable, where: string): TfliteQuantization | undefined {
  const S = Slot.QuantizationParameters;
  const scale = t.float32s(S.scale, `${where}: escalas`) ?? [];
  const zeroPoint = t.int64s(S.zeroPoint, `${where}: puntos cero`) ?? [];
  const min = t.float32s(S.min, `${where}: mínimos`);
  const max = t.float32s(S.max, `${where}: máximos`);
  if (scale.length === 0 && zeroPoint.length === 0 && !min && !max) return undefined; // float tensor
  const q: TfliteQuantization = { scale, zeroPoint, quantizedDimension: t.i32(S.quantizedDimension, 0) };
  if (min) q.min = min;
  if (max) q.max = max;
  return q;
}

export function readOptions(op: FbTable, where: string): TfliteBuiltinOptions | undefined {
  const type = op.u8(Slot.Operator.builtinOptionsType, 0);
  if (type === BuiltinOptionsType.NONE) return undefined;
  const o = op.table(Slot.Operator.builtinOptions, `${where}: opciones`);
  const pad = (t: FbTable, slot: number): PaddingName => enumName(PADDINGS, t.i8(slot, 0), `${where}: el relleno`);
  const act = (t: FbTable, slot: number): ActivationName =>
    enumName(ACTIVATIONS, t.i8(slot, 0), `${where}: la activación`);
  const window = (t: FbTable, S: { padding: number; strideW: number; strideH: number }) =>
    ({ padding: pad(t, S.padding), strideW: t.i32(S.strideW, 0), strideH: t.i32(S.strideH, 0) });
  const activationDilation = (t: FbTable, S: { fusedActivation: number; dilationW: number; dilationH: number }) =>
    ({ fusedActivation: act(t, S.fusedActivation), dilationW: t.i32(S.dilationW, 1), dilationH: t.i32(S.dilationH, 1) });
  if (!o) {
    // A type byte without its table: only the empty option tables can be read that way.
    if (type === BuiltinOptionsType.QuantizeOptions) return { kind: 'Quantize' };
    if (type === BuiltinOptionsType.DequantizeOptions) return { kind: 'Dequantize' };
    return { kind: 'Other', unionType: type };
  }
  switch (type) {
    case BuiltinOptionsType.FullyConnectedOptions: {
      const S = Slot.FullyConnectedOptions;
      const r: TfliteBuiltinOptions = { kind: 'FullyConnected', fusedActivation: act(o, S.fusedActivation) };
      if (o.bool(S.keepNumDims)) r.keepNumDims = true;
      return r;
    }
    case BuiltinOptionsType.Conv2DOptions: {
      const S = Slot.Conv2DOptions;
      return { kind: 'Conv2D', ...window(o, S), ...activationDilation(o, S) };
    }
    case BuiltinOptionsType.DepthwiseConv2DOptions: {
      // The conv table with a depth multiplier after the strides.
      const S = Slot.DepthwiseConv2DOptions;
      return { kind: 'DepthwiseConv2D', ...window(o, S), depthMultiplier: o.i32(S.depthMultiplier, 0), ...activationDilation(o, S) };
    }
    case BuiltinOptionsType.Pool2DOptions: {
      const S = Slot.Pool2DOptions;
      return {
        kind: 'Pool2D',
        ...window(o, S),
        filterWidth: o.i32(S.filterWidth, 0),
        filterHeight: o.i32(S.filterHeight, 0),
        fusedActivation: act(o, S.fusedActivation),
      };
    }
    case BuiltinOptionsType.SoftmaxOptions:
      return { kind: 'Softmax', beta: o.f32(Slot.SoftmaxOptions.beta, 0) };
    case BuiltinOptionsType.ReshapeOptions:
      return { kind: 'Reshape', newShape: o.int32s(Slot.ReshapeOptions.newShape, `${where}: nueva forma`) ?? [] };
    case BuiltinOptionsType.QuantizeOptions:
      return { kind: 'Quantize' };
    case BuiltinOptionsType.DequantizeOptions:
      return { kind: 'Dequantize' };
    default:
      return { kind: 'Other', unionType: type };
  }
}
