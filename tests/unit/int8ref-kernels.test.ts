/**
 * int8 reference kernels: each one against an independent computation (dequantize, compute in
 * float64, requantize: must agree within one int8 step), TFLite's rounding rules for average
 * pooling and activation ranges, and the whole interpreter on the shipped model against the
 * float32 graph (per-layer shapes, per-layer error in quantization steps, argmax agreement).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { convertAll, kerasFromArtifacts } from '../../widgets/lib/convert';
import { imageFloat, parseMnist } from '../../widgets/lib/data/mnist';
import {
  activationRangeInt8,
  conv2dInt8,
  dequantizeInt8,
  fullyConnectedInt8,
  Int8RefError,
  layerReal,
  pool2dInt8,
  quantizeInt8,
  runInt8,
  runModel,
  softmaxInt8,
} from '../../widgets/lib/int8ref';
import { createRng } from '../../widgets/lib/rng/rng';
import { exampleInt8Model, exampleInt8Params, exampleDense, readTflite, writeTflite } from '../../widgets/lib/tflite';

const rng = createRng(42);
const randInt8 = (n: number, lo = -128, hi = 127): Int8Array => Int8Array.from({ length: n }, () => rng.int(lo, hi));
const quantize1 = (x: number, s: number, zp: number, lo = -128, hi = 127): number => Math.min(hi, Math.max(lo, Math.round(x / s) + zp));

describe('int8 kernels vs dequantize → float64 → requantize', () => {
  it('CONV_2D per channel, SAME padding, stride 2, fused ReLU', () => {
    const inQ = { scale: 0.03, zeroPoint: -5 };
    const outQ = { scale: 0.11, zeroPoint: -128 };
    const [h, w, cin, cout, k] = [7, 6, 3, 4, 3];
    const x = randInt8(h * w * cin);
    const f = randInt8(cout * k * k * cin, -127, 127);
    const fs = [0.004, 0.01, 0.002, 0.007];
    const bias = Int32Array.from({ length: cout }, () => rng.int(-2000, 2000));
    const r = conv2dInt8({ input: x, inShape: [1, h, w, cin], inQ, filter: f, filterShape: [cout, k, k, cin], filterScales: fs, bias, outQ, padding: 'SAME', strideH: 2, strideW: 2, fusedActivation: 'RELU' });
    expect(r.shape).toEqual([1, 4, 3, cout]);
    // Independent padding: rows out = ceil(7/2) = 4, (4−1)·2 + 3 − 7 = 2 rows of padding, 1 on top;
    // columns out = ceil(6/2) = 3, (3−1)·2 + 3 − 6 = 1 column of padding, floor(1/2) = 0 on the left.
    let p = 0;
    for (let oy = 0; oy < 4; oy++)
      for (let ox = 0; ox < 3; ox++)
        for (let oc = 0; oc < cout; oc++) {
          let acc = bias[oc]! * inQ.scale * fs[oc]!;
          for (let ky = 0; ky < k; ky++)
            for (let kx = 0; kx < k; kx++) {
              const iy = oy * 2 - 1 + ky;
              const ix = ox * 2 - 0 + kx;
              if (iy < 0 || iy >= h || ix < 0 || ix >= w) continue;
              for (let ic = 0; ic < cin; ic++)
                acc += inQ.scale * (x[(iy * w + ix) * cin + ic]! - inQ.zeroPoint) * fs[oc]! * f[((oc * k + ky) * k + kx) * cin + ic]!;
            }
          const expected = quantize1(Math.max(0, acc), outQ.scale, outQ.zeroPoint);
          expect(Math.abs(r.data[p++]! - expected)).toBeLessThanOrEqual(1);
        }
  });

  it('DEPTHWISE_CONV_2D with depth multiplier 2, VALID', () => {
    const inQ = { scale: 0.05, zeroPoint: 3 };
    const outQ = { scale: 0.08, zeroPoint: 10 };
    const [h, w, cin, mult, k] = [5, 5, 2, 2, 2];
    const cout = cin * mult;
    const x = randInt8(h * w * cin);
    const f = randInt8(k * k * cout, -127, 127);
    const fs = [0.01, 0.02, 0.015, 0.005];
    const r = conv2dInt8({ input: x, inShape: [1, h, w, cin], inQ, filter: f, filterShape: [1, k, k, cout], filterScales: fs, bias: null, outQ, padding: 'VALID', strideH: 1, strideW: 1, fusedActivation: 'NONE', depthMultiplier: mult });
    expect(r.shape).toEqual([1, 4, 4, cout]);
    let p = 0;
    for (let oy = 0; oy < 4; oy++)
      for (let ox = 0; ox < 4; ox++)
        for (let oc = 0; oc < cout; oc++) {
          const ic = Math.floor(oc / mult);
          let acc = 0;
          for (let ky = 0; ky < k; ky++)
            for (let kx = 0; kx < k; kx++)
              acc += inQ.scale * (x[((oy + ky) * w + ox + kx) * cin + ic]! - inQ.zeroPoint) * fs[oc]! * f[(ky * k + kx) * cout + oc]!;
          expect(Math.abs(r.data[p++]! - quantize1(acc, outQ.scale, outQ.zeroPoint))).toBeLessThanOrEqual(1);
        }
  });

  it('FULLY_CONNECTED per tensor, with RELU6 clamping at the code of 6.0', () => {
    const inQ = { scale: 0.02, zeroPoint: -128 };
    const outQ = { scale: 6 / 255, zeroPoint: -128 };
    const x = randInt8(40);
    const wts = randInt8(6 * 40, -127, 127);
    const bias = Int32Array.from({ length: 6 }, () => rng.int(-5000, 5000));
    const r = fullyConnectedInt8({ input: x, inQ, weights: wts, weightShape: [6, 40], weightScales: [0.003], bias, outQ, fusedActivation: 'RELU6' });
    for (let u = 0; u < 6; u++) {
      let acc = bias[u]! * inQ.scale * 0.003;
      for (let i = 0; i < 40; i++) acc += inQ.scale * (x[i]! - inQ.zeroPoint) * 0.003 * wts[u * 40 + i]!;
      expect(Math.abs(r.data[u]! - quantize1(Math.min(6, Math.max(0, acc)), outQ.scale, outQ.zeroPoint))).toBeLessThanOrEqual(1);
    }
  });

  it('SOFTMAX requantizes to 1/256 with zero point −128', () => {
    const inQ = { scale: 0.1, zeroPoint: 0 };
    const x = Int8Array.from([10, 20, 0, -30]);
    const out = softmaxInt8(x, [1, 4], 1, inQ, { scale: 1 / 256, zeroPoint: -128 });
    const e = [1, 2, 0, -3].map(Math.exp);
    const sum = e.reduce((a, b) => a + b, 0);
    e.forEach((v, i) => expect(out[i]).toBe(Math.min(127, Math.round((v / sum) * 256) - 128)));
  });
});

describe('TFLite rounding and clamping rules', () => {
  it('average pooling divides rounding half away from zero', () => {
    const q = { scale: 1, zeroPoint: 0 };
    const avg = (vals: number[]) => pool2dInt8(Int8Array.from(vals), [1, 1, vals.length, 1], 'avg', { padding: 'VALID', strideH: 1, strideW: vals.length, filterHeight: 1, filterWidth: vals.length, fusedActivation: 'NONE' }, q).data[0];
    expect(avg([1, 2])).toBe(2); // 1.5 → 2
    expect(avg([-1, -2])).toBe(-2); // −1.5 → −2
    expect(avg([1, 2, 2])).toBe(2); // 1.67 → 2
    expect(avg([1, 1, 2])).toBe(1); // 1.33 → 1
    expect(avg([-128, -128, -127, -127])).toBe(-128); // −127.5 → −128
    expect(avg([127, 126])).toBe(127);
  });

  it('SAME average pooling counts only positions inside the input', () => {
    const x = Int8Array.from([4, 8, 12, 16]); // 2×2
    const r = pool2dInt8(x, [1, 2, 2, 1], 'avg', { padding: 'SAME', strideH: 1, strideW: 1, filterHeight: 2, filterWidth: 2, fusedActivation: 'NONE' }, { scale: 1, zeroPoint: 0 });
    expect(Array.from(r.data)).toEqual([10, 12, 14, 16]);
    const m = pool2dInt8(x, [1, 2, 2, 1], 'max', { padding: 'VALID', strideH: 2, strideW: 2, filterHeight: 2, filterWidth: 2, fusedActivation: 'NONE' }, { scale: 1, zeroPoint: 0 });
    expect(Array.from(m.data)).toEqual([16]);
  });

  it('a fused activation is a clamp range in codes', () => {
    expect(activationRangeInt8('NONE', { scale: 0.1, zeroPoint: 5 })).toEqual([-128, 127]);
    expect(activationRangeInt8('RELU', { scale: 0.1, zeroPoint: 5 })).toEqual([5, 127]);
    expect(activationRangeInt8('RELU6', { scale: 0.1, zeroPoint: -100 })).toEqual([-100, -40]);
    expect(activationRangeInt8('RELU6', { scale: 0.01, zeroPoint: -128 })).toEqual([-128, 127]);
  });

  it('quantize and dequantize round trip within half a step', () => {
    const q = { scale: 1 / 255, zeroPoint: -128 };
    const xs = Float32Array.from({ length: 50 }, (_, i) => i / 49);
    const back = dequantizeInt8(quantizeInt8(xs, q), q);
    xs.forEach((v, i) => expect(Math.abs(back[i]! - v)).toBeLessThanOrEqual(q.scale / 2 + 1e-7));
    expect(Array.from(quantizeInt8([0, 1, -5, 5], q))).toEqual([-128, 127, -128, 127]);
  });
});

describe('interpreter', () => {
  it('runs the example int8 model like its float formula', () => {
    const p = exampleInt8Params();
    const x = [0.3, -0.2, 0.9, 0.1];
    const r = runInt8(writeTflite(exampleInt8Model()), x);
    const logits = exampleDense(x);
    const e = logits.map((v) => Math.exp(v - Math.max(...logits)));
    const probs = e.map((v) => v / e.reduce((a, b) => a + b, 0));
    probs.forEach((v, i) => expect(Math.abs(r.output[i]! - v)).toBeLessThan(3 / 256 + p.dense.scale));
    expect(r.layers.map((l) => l.opName)).toEqual(['QUANTIZE', 'FULLY_CONNECTED', 'SOFTMAX', 'DEQUANTIZE']);
  });

  it('refuses operators it does not implement, in Spanish', () => {
    const m = exampleInt8Model();
    m.operatorCodes[m.subgraphs[0]!.operators[1]!.opcodeIndex]!.builtinCode = 18; // MUL
    expect(() => runModel(readTflite(writeTflite(m)), [0, 0, 0, 0])).toThrow(Int8RefError);
    expect(() => runModel(readTflite(writeTflite(m)), [0, 0, 0, 0])).toThrow(/MUL, que esta referencia no implementa/);
    expect(() => runModel(exampleInt8Model(), [1, 2, 3])).toThrow(/espera múltiplos de 4/);
  });
});

describe('the shipped model, int8 vs float32', () => {
  const buf = readFileSync('public/data/mnist-10k.bin');
  const data = parseMnist(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
  const km = kerasFromArtifacts(
    JSON.parse(readFileSync('public/models/default-cnn/model.json', 'utf8')),
    new Uint8Array(readFileSync('public/models/default-cnn/weights.bin')),
  );
  const set = convertAll(km, Array.from({ length: 200 }, (_, i) => imageFloat(data.train, i)));

  it('gives per-layer int8 tensors with the float graph shapes', () => {
    const r = runInt8(set.int8.model, imageFloat(data.test, 0));
    expect(r.layers.map((l) => [l.opName, l.type, l.shape])).toEqual([
      ['QUANTIZE', 'INT8', [1, 28, 28, 1]],
      ['CONV_2D', 'INT8', [1, 28, 28, 8]],
      ['MAX_POOL_2D', 'INT8', [1, 14, 14, 8]],
      ['CONV_2D', 'INT8', [1, 14, 14, 16]],
      ['MAX_POOL_2D', 'INT8', [1, 7, 7, 16]],
      ['RESHAPE', 'INT8', [1, 784]],
      ['FULLY_CONNECTED', 'INT8', [1, 10]],
      ['SOFTMAX', 'INT8', [1, 10]],
      ['DEQUANTIZE', 'FLOAT32', [1, 10]],
    ]);
    expect(r.layers[0]!.quant).toEqual({ scale: Math.fround(1 / 255), zeroPoint: -128 });
    expect(r.layers[7]!.quant).toEqual({ scale: 1 / 256, zeroPoint: -128 });
    // The int8-I/O model returns int8 codes and the same values.
    const io = runInt8(set.int8io.model, imageFloat(data.test, 0));
    expect(io.outputRaw).toBeInstanceOf(Int8Array);
    expect(Array.from(io.output)).toEqual(Array.from(r.output));
  });

  it('stays within a few quantization steps of float32, layer by layer, and agrees on the class', () => {
    const N = 60;
    const meanSteps: number[] = [];
    const maxSteps: number[] = [];
    let agree = 0;
    for (let i = 0; i < N; i++) {
      const x = imageFloat(data.test, 1000 + i);
      const f = runModel(set.fp32.model, x);
      const q = runInt8(set.int8.model, x);
      f.layers.forEach((lf, k) => {
        const lq = q.layers[k + 1]!;
        const real = layerReal(lq);
        let sum = 0;
        let max = 0;
        for (let j = 0; j < real.length; j++) {
          const d = Math.abs(real[j]! - lf.values[j]!) / lq.quant!.scale;
          sum += d;
          max = Math.max(max, d);
        }
        meanSteps[k] = (meanSteps[k] ?? 0) + sum / real.length / N;
        maxSteps[k] = Math.max(maxSteps[k] ?? 0, max);
      });
      const am = (v: Float32Array) => v.indexOf(Math.max(...v));
      if (am(f.output) === am(q.output)) agree++;
    }
    // First convolution: only the input and weights are rounded, so under 2 steps everywhere.
    expect(maxSteps[0]).toBeLessThan(2);
    // Every layer: on average under one step of its own scale.
    meanSteps.forEach((m) => expect(m).toBeLessThan(1));
    expect(agree / N).toBeGreaterThanOrEqual(0.95);
  });
});
