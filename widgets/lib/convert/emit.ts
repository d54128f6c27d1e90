/**
 * Writes a Plan as TFLite graphs.
 *
 * float32: every tensor float32.
 * int8 (full-integer post-training quantization, TFLite's int8 rules):
 *   - activations: affine int8 from the calibration range [min, max] (widened to include 0);
 *     MAX/AVERAGE_POOL_2D and RESHAPE keep their input's scale and zero point; SOFTMAX outputs
 *     scale 1/256, zero point −128;
 *   - weights: symmetric int8 in [−127, 127], zero point 0; per output channel for CONV_2D
 *     (quantized_dimension 0) and DEPTHWISE_CONV_2D (dimension 3), per tensor for FULLY_CONNECTED;
 *   - biases: int32, scale = s_input · s_weight[c] (float32 product), zero point 0;
 *   - io 'float32': QUANTIZE first and DEQUANTIZE last (the web runtime takes float32);
 *     io 'int8': int8 input and output tensors (for the microcontroller).
 * Every scale is rounded to float32 before use, so the stored number is the one the math used.
 */
import { affineParams, quantizeTensor, roundHalfAway } from '../quant';
import { INT32_MAX, INT32_MIN } from '../quant/requant';
import { float32ToBytes, int32ToBytes, int8ToBytes } from '../tflite/bytes';
import { TfliteGraphBuilder } from '../tflite/graph';
import type { TfliteModel, TfliteQuantization } from '../tflite/types';
import type { Plan, PlanStep } from './plan';

/** Observed [min, max] of the input and of each step's output over the calibration samples. */
export interface Calibration {
  input: [number, number];
  steps: [number, number][];
  samples: number;
}

export interface EmittedGraph {
  model: TfliteModel;
  /** Tensor index of the graph input and of each plan step's output. */
  inputTensor: number;
  stepTensors: number[];
}

const reshapeTarget = (s: PlanStep): number[] => [-1, ...s.outShape.slice(1)];

export function emitFloat(plan: Plan, description = 'Convertido a TFLite (float32) por el curso de TinyML'): EmittedGraph {
  const g = new TfliteGraphBuilder();
  const input = g.addTensor({ name: 'entrada', shape: plan.inputShape, type: 'FLOAT32' });
  let cur = input;
  const stepTensors: number[] = [];
  for (const s of plan.steps) {
    const out = g.addTensor({ name: s.layer, shape: s.outShape, type: 'FLOAT32' });
    const inputs = [cur];
    if (s.weights) {
      inputs.push(g.addTensor({ name: `${s.layer}/pesos`, shape: s.weights.shape, type: 'FLOAT32', data: float32ToBytes(s.weights.values) }));
      inputs.push(g.addTensor({ name: `${s.layer}/sesgo`, shape: [s.bias!.length], type: 'FLOAT32', data: float32ToBytes(s.bias!) }));
    }
    if (s.op === 'RESHAPE') inputs.push(g.addTensor({ name: `${s.layer}/forma`, shape: [s.outShape.length], type: 'INT32', data: int32ToBytes(reshapeTarget(s)) }));
    g.addOperator(s.op, inputs, [out], s.op === 'RESHAPE' ? { kind: 'Reshape', newShape: reshapeTarget(s) } : s.options);
    stepTensors.push(out);
    cur = out;
  }
  const model = g.build({ inputs: [input], outputs: [cur], description, name: plan.name, signatureKey: 'serving_default' });
  return { model, inputTensor: input, stepTensors };
}

const f32 = Math.fround;

interface Act {
  scale: number;
  zeroPoint: number;
  min?: number;
  max?: number;
}

const actQuant = (a: Act): TfliteQuantization => ({
  scale: [a.scale],
  zeroPoint: [a.zeroPoint],
  quantizedDimension: 0,
  ...(a.min !== undefined && a.max !== undefined ? { min: [a.min], max: [a.max] } : {}),
});

function fromRange([lo, hi]: [number, number]): Act {
  const p = affineParams(lo, hi);
  return { scale: f32(p.scale), zeroPoint: p.zeroPoint, min: lo, max: hi };
}

export function emitInt8(plan: Plan, cal: Calibration, io: 'float32' | 'int8' = 'float32'): EmittedGraph {
  if (cal.steps.length !== plan.steps.length) throw new RangeError('calibration does not match the plan');
  const g = new TfliteGraphBuilder();
  let q = fromRange(cal.input);
  let input: number;
  let cur: number;
  if (io === 'float32') {
    input = g.addTensor({ name: 'entrada', shape: plan.inputShape, type: 'FLOAT32' });
    cur = g.addTensor({ name: 'entrada_int8', shape: plan.inputShape, type: 'INT8', quantization: actQuant(q) });
    g.addOperator('QUANTIZE', [input], [cur], { kind: 'Quantize' });
  } else {
    input = cur = g.addTensor({ name: 'entrada', shape: plan.inputShape, type: 'INT8', quantization: actQuant(q) });
  }
  const stepTensors: number[] = [];
  plan.steps.forEach((s, i) => {
    const inputs = [cur];
    let outQ: Act;
    if (s.weights) {
      const axis = s.op === 'CONV_2D' ? 0 : s.op === 'DEPTHWISE_CONV_2D' ? 3 : undefined;
      const wq = quantizeTensor(s.weights.values, s.weights.shape, { scheme: 'symmetric', ...(axis !== undefined ? { axis } : {}) });
      const wScales = wq.params.map((p) => f32(p.scale));
      inputs.push(g.addTensor({
        name: `${s.layer}/pesos`, shape: s.weights.shape, type: 'INT8', data: int8ToBytes(wq.codes),
        quantization: { scale: wScales, zeroPoint: wScales.map(() => 0), quantizedDimension: axis ?? 0 },
      }));
      const bias = s.bias!;
      const bScales = Array.from(bias, (_, c) => f32(q.scale * wScales[wScales.length === 1 ? 0 : c]!));
      const bCodes = Array.from(bias, (b, c) => Math.min(INT32_MAX, Math.max(INT32_MIN, roundHalfAway(b / bScales[c]!))));
      const perChannel = wScales.length > 1;
      inputs.push(g.addTensor({
        name: `${s.layer}/sesgo`, shape: [bias.length], type: 'INT32', data: int32ToBytes(bCodes),
        quantization: { scale: perChannel ? bScales : [bScales[0]!], zeroPoint: (perChannel ? bScales : [0]).map(() => 0), quantizedDimension: 0 },
      }));
      outQ = fromRange(cal.steps[i]!);
    } else if (s.op === 'SOFTMAX') {
      outQ = { scale: 1 / 256, zeroPoint: -128 };
    } else {
      outQ = { ...q }; // pooling and reshape keep the input's parameters
    }
    if (s.op === 'RESHAPE') inputs.push(g.addTensor({ name: `${s.layer}/forma`, shape: [s.outShape.length], type: 'INT32', data: int32ToBytes(reshapeTarget(s)) }));
    const out = g.addTensor({ name: s.layer, shape: s.outShape, type: 'INT8', quantization: actQuant(outQ) });
    g.addOperator(s.op, inputs, [out], s.op === 'RESHAPE' ? { kind: 'Reshape', newShape: reshapeTarget(s) } : s.options);
    stepTensors.push(out);
    cur = out;
    q = outQ;
  });
  let output = cur;
  if (io === 'float32') {
    output = g.addTensor({ name: 'salida', shape: plan.steps[plan.steps.length - 1]!.outShape, type: 'FLOAT32' });
    g.addOperator('DEQUANTIZE', [cur], [output], { kind: 'Dequantize' });
  }
  const description = `Convertido a TFLite (int8, entrada y salida ${io}) por el curso de TinyML; calibrado con ${cal.samples} ejemplos`;
  const model = g.build({ inputs: [input], outputs: [output], description, name: plan.name, signatureKey: 'serving_default' });
  return { model, inputTensor: input, stepTensors };
}
