/**
 * A dense-only network given as plain arrays → the KerasModel the converter reads (no tfjs):
 *   input [inputs] → dense(units₁, act₁) → … → dense(units_L, act_L)
 * Each layer's weights are row-major [in, out] (tfjs' Dense kernel layout: w[i·out + o]), so
 * planModel transposes them into FULLY_CONNECTED [out, in] as it does for a tfjs model. Layers are
 * named `names[i]` (default dense1, dense2, …).
 */
import { ConvertError, type KerasActivation, type KerasModel } from './keras';

export interface PlainDense {
  units: number;
  activation: KerasActivation;
  weights: ArrayLike<number>;
  bias: ArrayLike<number>;
}

export function denseKerasModel(name: string, inputs: number, layers: readonly PlainDense[], names?: readonly string[]): KerasModel {
  if (!(Number.isInteger(inputs) && inputs > 0)) throw new ConvertError('La red densa necesita un número de entradas entero y positivo.');
  if (layers.length === 0) throw new ConvertError('La red densa no tiene ninguna capa.');
  let n = inputs;
  return {
    name,
    inputShape: [inputs],
    layers: layers.map((l, i) => {
      const layer = names?.[i] ?? `dense${i + 1}`;
      if (l.weights.length !== n * l.units) throw new ConvertError(`La capa «${layer}» tiene ${l.weights.length} pesos y debería tener ${n}·${l.units} = ${n * l.units}.`);
      if (l.bias.length !== l.units) throw new ConvertError(`La capa «${layer}» tiene ${l.bias.length} sesgos y debería tener ${l.units}.`);
      const out = { kind: 'dense' as const, name: layer, units: l.units, activation: l.activation, kernel: { shape: [n, l.units], values: Float32Array.from(l.weights) }, bias: Float32Array.from(l.bias) };
      n = l.units;
      return out;
    }),
  };
}
