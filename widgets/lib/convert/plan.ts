/**
 * Lowers a KerasModel to a list of TFLite operator steps (shapes inferred, weights already in
 * TFLite's layout, ReLU/ReLU6 folded into the previous operator's fused_activation_function):
 *
 *   Conv2D          kernel [kh, kw, cin, cout]  → CONV_2D filter [cout, kh, kw, cin]
 *   DepthwiseConv2D kernel [kh, kw, cin, mult]  → DEPTHWISE_CONV_2D filter [1, kh, kw, cin·mult]
 *                   (same memory order: output channel c·mult + m)
 *   Dense           kernel [in, out]            → FULLY_CONNECTED weights [out, in]
 *   Flatten                                     → RESHAPE to [1, h·w·c] (NHWC order, as tfjs flattens)
 *   activation softmax                          → a separate SOFTMAX (β = 1)
 * A missing bias becomes zeros (the int8 kernels then need no special case).
 */
import { axisGeometry } from '../int8ref/geometry';
import type { ActivationName } from '../tflite/schema';
import type { TfliteBuiltinOptions } from '../tflite/types';
import { ConvertError, type KerasActivation, type KerasModel } from './keras';

export type StepOp = 'CONV_2D' | 'DEPTHWISE_CONV_2D' | 'FULLY_CONNECTED' | 'MAX_POOL_2D' | 'AVERAGE_POOL_2D' | 'RESHAPE' | 'SOFTMAX';

export interface PlanStep {
  op: StepOp;
  /** The Keras layer it comes from (and the name of its output tensor). */
  layer: string;
  /** Output shape with batch 1. */
  outShape: number[];
  options: TfliteBuiltinOptions;
  /** TFLite layout, for CONV_2D / DEPTHWISE_CONV_2D / FULLY_CONNECTED. */
  weights?: { shape: number[]; values: Float32Array };
  bias?: Float32Array;
}

export interface Plan {
  name: string;
  /** [1, ...inputShape]. */
  inputShape: number[];
  steps: PlanStep[];
}

const fusable = (a: KerasActivation): ActivationName => (a === 'relu' ? 'RELU' : a === 'relu6' ? 'RELU6' : 'NONE');

/** Reorders a row-major tensor: out[perm-indexed] = in; `perm[k]` is the input axis of output axis k. */
export function transpose(values: Float32Array, shape: readonly number[], perm: readonly number[]): { shape: number[]; values: Float32Array } {
  const outShape = perm.map((p) => shape[p]!);
  const inStrides = shape.map((_, i) => shape.slice(i + 1).reduce((a, b) => a * b, 1));
  const out = new Float32Array(values.length);
  const idx = new Array<number>(outShape.length).fill(0);
  for (let o = 0; o < out.length; o++) {
    let src = 0;
    for (let k = 0; k < idx.length; k++) src += idx[k]! * inStrides[perm[k]!]!;
    out[o] = values[src]!;
    for (let k = idx.length - 1; k >= 0; k--) {
      if (++idx[k]! < outShape[k]!) break;
      idx[k] = 0;
    }
  }
  return { shape: outShape, values: out };
}

export function planModel(m: KerasModel): Plan {
  let shape = [1, ...m.inputShape];
  const steps: PlanStep[] = [];
  const need4 = (where: string): [number, number, number] => {
    if (shape.length !== 4) throw new ConvertError(`${where} necesita una entrada con forma alto×ancho×canales y recibe [${shape.slice(1).join('×')}].`);
    return [shape[1]!, shape[2]!, shape[3]!];
  };
  for (const l of m.layers) {
    const where = `La capa «${l.name}»`;
    switch (l.kind) {
      case 'conv2d':
      case 'depthwise': {
        const [h, w, cin] = need4(where);
        const [kh, kw] = l.kernelSize;
        const pad = l.padding === 'same' ? 'SAME' : 'VALID';
        const gy = axisGeometry(h, kh, l.strides[0], l.dilation[0], pad);
        const gx = axisGeometry(w, kw, l.strides[1], l.dilation[1], pad);
        if (gy.out <= 0 || gx.out <= 0) throw new ConvertError(`${where} deja una salida vacía: su núcleo no cabe en la entrada.`);
        const win = { padding: pad, strideH: l.strides[0], strideW: l.strides[1], dilationH: l.dilation[0], dilationW: l.dilation[1], fusedActivation: fusable(l.activation) } as const;
        const ks = l.kernel.shape;
        if (l.kind === 'conv2d') {
          if (ks.join() !== [kh, kw, cin, l.filters].join()) throw new ConvertError(`${where}: sus pesos tienen forma [${ks.join(', ')}] y deberían ser [${kh}, ${kw}, ${cin}, ${l.filters}].`);
          shape = [1, gy.out, gx.out, l.filters];
          steps.push({ op: 'CONV_2D', layer: l.name, outShape: shape, options: { kind: 'Conv2D', ...win }, weights: transpose(l.kernel.values, ks, [3, 0, 1, 2]), bias: l.bias ?? new Float32Array(l.filters) });
        } else {
          const cout = cin * l.depthMultiplier;
          if (ks.join() !== [kh, kw, cin, l.depthMultiplier].join()) throw new ConvertError(`${where}: sus pesos tienen forma [${ks.join(', ')}] y deberían ser [${kh}, ${kw}, ${cin}, ${l.depthMultiplier}].`);
          shape = [1, gy.out, gx.out, cout];
          steps.push({ op: 'DEPTHWISE_CONV_2D', layer: l.name, outShape: shape, options: { kind: 'DepthwiseConv2D', depthMultiplier: l.depthMultiplier, ...win }, weights: { shape: [1, kh, kw, cout], values: l.kernel.values }, bias: l.bias ?? new Float32Array(cout) });
        }
        if (l.activation === 'softmax') steps.push({ op: 'SOFTMAX', layer: `${l.name}/softmax`, outShape: shape, options: { kind: 'Softmax', beta: 1 } });
        break;
      }
      case 'dense': {
        if (shape.length !== 2) throw new ConvertError(`${where} (densa) recibe una entrada de forma [${shape.slice(1).join('×')}]; añade una capa Flatten antes.`);
        const inSize = shape[1]!;
        if (l.kernel.shape.join() !== [inSize, l.units].join()) throw new ConvertError(`${where}: sus pesos tienen forma [${l.kernel.shape.join(', ')}] y deberían ser [${inSize}, ${l.units}].`);
        shape = [1, l.units];
        steps.push({ op: 'FULLY_CONNECTED', layer: l.name, outShape: shape, options: { kind: 'FullyConnected', fusedActivation: fusable(l.activation) }, weights: transpose(l.kernel.values, l.kernel.shape, [1, 0]), bias: l.bias ?? new Float32Array(l.units) });
        if (l.activation === 'softmax') steps.push({ op: 'SOFTMAX', layer: `${l.name}/softmax`, outShape: shape, options: { kind: 'Softmax', beta: 1 } });
        break;
      }
      case 'pool': {
        const [h, w, c] = need4(where);
        const pad = l.padding === 'same' ? 'SAME' : 'VALID';
        const gy = axisGeometry(h, l.poolSize[0], l.strides[0], 1, pad);
        const gx = axisGeometry(w, l.poolSize[1], l.strides[1], 1, pad);
        if (gy.out <= 0 || gx.out <= 0) throw new ConvertError(`${where} deja una salida vacía: su ventana no cabe en la entrada.`);
        shape = [1, gy.out, gx.out, c];
        steps.push({ op: l.pool === 'max' ? 'MAX_POOL_2D' : 'AVERAGE_POOL_2D', layer: l.name, outShape: shape, options: { kind: 'Pool2D', padding: pad, strideH: l.strides[0], strideW: l.strides[1], filterHeight: l.poolSize[0], filterWidth: l.poolSize[1], fusedActivation: 'NONE' } });
        break;
      }
      case 'flatten': {
        shape = [1, shape.slice(1).reduce((a, b) => a * b, 1)];
        steps.push({ op: 'RESHAPE', layer: l.name, outShape: shape, options: { kind: 'Reshape', newShape: [...shape] } });
        break;
      }
      case 'activation': {
        if (l.activation === 'linear') break;
        if (l.activation === 'softmax') {
          steps.push({ op: 'SOFTMAX', layer: l.name, outShape: shape, options: { kind: 'Softmax', beta: 1 } });
          break;
        }
        // TFLite folds a ReLU into the operator that produced its input when that one has none yet.
        const prev = steps[steps.length - 1];
        const o = prev?.options;
        if (o && (o.kind === 'Conv2D' || o.kind === 'DepthwiseConv2D' || o.kind === 'FullyConnected' || o.kind === 'Pool2D') && o.fusedActivation === 'NONE') {
          o.fusedActivation = fusable(l.activation);
        } else if (o && 'fusedActivation' in o && o.fusedActivation === 'RELU' && l.activation === 'relu') {
          // ReLU after ReLU changes nothing.
        } else {
          throw new ConvertError(`${where} (${l.activation === 'relu6' ? 'ReLU6' : 'ReLU'}) no sigue a una convolución, densa o pooling sin activación, así que no se puede fusionar; el conversor no escribe ReLU sueltas.`);
        }
        break;
      }
    }
  }
  return { name: m.name, inputShape: [1, ...m.inputShape], steps };
}
