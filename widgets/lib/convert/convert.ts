/**
 * The converter's entry points: tfjs model → .tflite bytes, float32 and int8.
 *
 * Calibration runs the float32 graph (the reference interpreter, so it works in Node too) on a
 * representative set of real inputs and records the min and max of the input and of every
 * operator output; those ranges fix the int8 scales and zero points (emit.ts).
 */
import { runModel } from '../int8ref/run';
import { writeTflite } from '../tflite/writer';
import type { TfliteModel } from '../tflite/types';
import { emitFloat, emitInt8, type Calibration } from './emit';
import { ConvertError, kerasFromArtifacts, kerasFromLayersModel, type KerasModel, type LayersModelLike } from './keras';
import { planModel, type Plan } from './plan';

export interface Converted {
  model: TfliteModel;
  bytes: Uint8Array;
}

const asPlan = (m: KerasModel | Plan): Plan => ('steps' in m ? m : planModel(m));

export function convertFloat32(m: KerasModel | Plan): Converted {
  const { model } = emitFloat(asPlan(m));
  return { model, bytes: writeTflite(model) };
}

/** Min/max of every activation over `samples` (each one input, float32, in the model's input shape). */
export function calibrate(m: KerasModel | Plan, samples: Iterable<ArrayLike<number>>): Calibration {
  const plan = asPlan(m);
  const { model, stepTensors } = emitFloat(plan);
  const input: [number, number] = [Infinity, -Infinity];
  const steps = plan.steps.map((): [number, number] => [Infinity, -Infinity]);
  const widen = (r: [number, number], xs: ArrayLike<number>): void => {
    for (let i = 0; i < xs.length; i++) {
      const v = xs[i]!;
      if (v < r[0]) r[0] = v;
      if (v > r[1]) r[1] = v;
    }
  };
  let count = 0;
  for (const x of samples) {
    const r = runModel(model, x);
    widen(input, x);
    r.layers.forEach((l) => {
      const k = stepTensors.indexOf(l.tensor);
      if (k >= 0) widen(steps[k]!, l.values);
    });
    count++;
  }
  if (count === 0) throw new ConvertError('Hacen falta ejemplos de calibración para cuantizar a int8.');
  return { input, steps, samples: count };
}

/** Full-integer int8 model; `io` 'float32' for the browser, 'int8' for the microcontroller. */
export function convertInt8(
  m: KerasModel | Plan,
  calibration: Calibration | Iterable<ArrayLike<number>>,
  io: 'float32' | 'int8' = 'float32',
): Converted & { calibration: Calibration } {
  const plan = asPlan(m);
  const cal = 'steps' in calibration && 'input' in calibration ? (calibration as Calibration) : calibrate(plan, calibration as Iterable<ArrayLike<number>>);
  const { model } = emitInt8(plan, cal, io);
  return { model, bytes: writeTflite(model), calibration: cal };
}

export interface ConvertedSet {
  plan: Plan;
  calibration: Calibration;
  fp32: Converted;
  /** int8 with float32 input and output (QUANTIZE … DEQUANTIZE). */
  int8: Converted;
  /** int8 input and output, for TFLite Micro. */
  int8io: Converted;
}

/** The three files at once, calibrated once. */
export function convertAll(m: KerasModel, samples: Iterable<ArrayLike<number>>): ConvertedSet {
  const plan = planModel(m);
  const calibration = calibrate(plan, samples);
  return {
    plan,
    calibration,
    fp32: convertFloat32(plan),
    int8: convertInt8(plan, calibration, 'float32'),
    int8io: convertInt8(plan, calibration, 'int8'),
  };
}

export { kerasFromArtifacts, kerasFromLayersModel, planModel, type LayersModelLike };
