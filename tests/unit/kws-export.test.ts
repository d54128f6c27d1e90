/**
 * kws-export (lesson 17): the committed default keyword model (public/models/kws-default/, read
 * with tfjs from memory on the CPU backend, as kws-default-model.test.ts does) through lib/convert
 * to float32 and int8 .tflite files, calibrated on the standardized features of every training
 * clip of the shipped set with the model meta's mean/std. The written files are read back with
 * lib/tflite and run in lib/int8ref's reference interpreter on the 64 held-out test voices.
 *
 * Tolerances: float32 .tflite vs tfjs, |Δp| < 1e-4 and the same class on every clip (same math,
 * another summation order); int8 vs tfjs, the same class on ≥ 95 % of the clips and accuracy
 * within 5 points (the price of 8 bits); the int8 input's scale/zero point recomputed here from
 * the features' own range with TFLite's rule, scale to float32 precision, zero point exact.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { computeFeatures } from '../../widgets/lib/audio/features';
import { convertFloat32, convertInt8, calibrate, kerasFromLayersModel, planModel, type Converted } from '../../widgets/lib/convert';
import { runModel } from '../../widgets/lib/int8ref';
import { standardizeWindow, type KwsMeta } from '../../widgets/lib/kws/contract';
import { clipsOfSplit, parseKeywordSet, type KeywordClip } from '../../widgets/lib/kws-data/keyword-set';
import { readTflite, type TfliteModelInfo } from '../../widgets/lib/tflite';
import {
  ARRAY_NAME, Evaluation, boardHeader, cFloat, dequantize, int8Range, ioQuant, modelInput, quantizeForBoard, sketchSnippet, summarize,
} from '../../widgets/kws-export/core';

const dir = join(__dirname, '../../public/models/kws-default');
const data = join(__dirname, '../../public/data/keywords');
const SIZE = 49 * 13;

const argmax = (v: ArrayLike<number>): number => {
  let b = 0;
  for (let i = 1; i < v.length; i++) if (v[i]! > v[b]!) b = i;
  return b;
};

describe('kws-export: the default keyword model to .tflite', () => {
  let meta: KwsMeta;
  let model: tf.LayersModel;
  let train: KeywordClip[];
  let test: KeywordClip[];
  let calib: Float32Array[];
  let testX: Float32Array[];
  let tfjsProbs: Float32Array[];
  let fp32: Converted;
  let int8: Converted;
  let int8io: Converted;
  let info8: TfliteModelInfo;

  beforeAll(async () => {
    await tf.setBackend('cpu');
    await tf.ready();
    meta = JSON.parse(readFileSync(join(dir, 'metadata.json'), 'utf8')) as KwsMeta;
    const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
    const bin = readFileSync(join(dir, json.weightsManifest[0].paths[0]));
    model = await tf.loadLayersModel(tf.io.fromMemory(json.modelTopology, json.weightsManifest[0].weights, bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength)));
    const set = parseKeywordSet(JSON.parse(readFileSync(join(data, 'manifest.json'), 'utf8')), readFileSync(join(data, 'clips.bin')));
    if (!set.ok) throw new Error(set.message);
    train = clipsOfSplit(set.value, 'train');
    test = clipsOfSplit(set.value, 'test');
    calib = train.map((c) => modelInput(c.samples, meta));
    testX = test.map((c) => modelInput(c.samples, meta));
    tfjsProbs = testX.map((x) => tf.tidy(() => Float32Array.from((model.predict(tf.tensor4d(x, [1, 49, 13, 1])) as tf.Tensor).dataSync())));
    const plan = planModel(kerasFromLayersModel(model));
    const cal = calibrate(plan, calib);
    fp32 = convertFloat32(plan);
    int8 = convertInt8(plan, cal, 'float32');
    int8io = convertInt8(plan, cal, 'int8');
    info8 = readTflite(int8.bytes);
  }, 120_000);

  it('computes the model input like the contract (computeFeatures + standardizeWindow)', () => {
    for (const i of [0, 17, 63]) {
      const ref = standardizeWindow(computeFeatures(test[i]!.samples).mfcc, meta);
      const got = testX[i]!;
      expect(got.length).toBe(SIZE);
      for (let k = 0; k < SIZE; k++) expect(Math.abs(got[k]! - ref[k]!)).toBeLessThan(1e-5);
    }
    expect(train.length).toBe(192);
    expect(test.length).toBe(64);
  });

  it('writes .tflite files that parse, with the TFL3 identifier and the expected graphs', () => {
    for (const c of [fp32, int8, int8io]) {
      expect(String.fromCharCode(...c.bytes.subarray(4, 8))).toBe('TFL3');
      expect(readTflite(c.bytes).warnings).toEqual([]);
    }
    const ops = (b: Uint8Array): string[] => readTflite(b).subgraphs[0]!.operators.map((o) => o.opName);
    const core = ['CONV_2D', 'MAX_POOL_2D', 'CONV_2D', 'MAX_POOL_2D', 'RESHAPE', 'FULLY_CONNECTED', 'SOFTMAX'];
    expect(ops(fp32.bytes)).toEqual(core);
    expect(ops(int8.bytes)).toEqual(['QUANTIZE', ...core, 'DEQUANTIZE']);
    expect(ops(int8io.bytes)).toEqual(core);
    const g = readTflite(int8io.bytes).subgraphs[0]!;
    expect(g.tensors[g.inputs[0]!]!.type).toBe('INT8');
    expect(g.tensors[g.inputs[0]!]!.shape).toEqual([1, 49, 13, 1]);
    // A 2 k-parameter model: weights shrink 4×, the file's structure does not (≈ 0,6× in all).
    expect(int8.bytes.length).toBeLessThan(0.7 * fp32.bytes.length);
  });

  it('quantizes the input with the scale and zero point of the features’ calibration range', () => {
    let lo = 0;
    let hi = 0;
    for (const x of calib) for (const v of x) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    const scale = (hi - lo) / 255;
    const zp = Math.max(-128, Math.min(127, Math.round(-128 - lo / scale)));
    const q = ioQuant(info8);
    expect(Math.abs(q.input.scale - scale) / scale).toBeLessThan(1e-6);
    expect(q.input.zeroPoint).toBe(zp);
    expect(q.input.shape).toEqual([1, 49, 13, 1]);
    // The board file carries the same numbers on its own int8 input.
    const qio = ioQuant(readTflite(int8io.bytes));
    expect([qio.input.scale, qio.input.zeroPoint, qio.output.scale, qio.output.zeroPoint]).toEqual([q.input.scale, q.input.zeroPoint, q.output.scale, q.output.zeroPoint]);
    // Softmax output: 1/256 and −128 (TFLite's fixed rule).
    expect(q.output.scale).toBe(1 / 256);
    expect(q.output.zeroPoint).toBe(-128);
    // The calibration range maps onto the full int8 range (within one step).
    const [rlo, rhi] = int8Range(q.input);
    expect(Math.abs(rlo - lo)).toBeLessThanOrEqual(q.input.scale);
    expect(Math.abs(rhi - hi)).toBeLessThanOrEqual(q.input.scale);
    expect(quantizeForBoard(0, q.input)).toBe(q.input.zeroPoint);
    expect(quantizeForBoard(1e9, q.input)).toBe(127);
    expect(Math.abs(dequantize(quantizeForBoard(0.37, q.input), q.input) - 0.37)).toBeLessThanOrEqual(q.input.scale / 2 + 1e-7);
  });

  it('float32 .tflite in the reference interpreter = tfjs on every test voice (|Δp| < 1e-4)', () => {
    const info = readTflite(fp32.bytes);
    testX.forEach((x, i) => {
      const p = runModel(info, x).output;
      expect(argmax(p)).toBe(argmax(tfjsProbs[i]!));
      for (let k = 0; k < p.length; k++) expect(Math.abs(p[k]! - tfjsProbs[i]![k]!)).toBeLessThan(1e-4);
    });
  });

  it('int8 .tflite (reference run) picks the tfjs class on ≥ 95 % of the test voices; the tally and confusion agree', () => {
    const info = readTflite(fp32.bytes);
    const ev = new Evaluation(meta.classes);
    let agree = 0;
    testX.forEach((x, i) => {
      const q = runModel(info8, x).output;
      const f = runModel(info, x).output;
      if (argmax(q) === argmax(tfjsProbs[i]!)) agree++;
      ev.add({ tfjs: tfjsProbs[i]!, fp32: f, int8: q }, meta.classes.indexOf(test[i]!.label));
    });
    expect(agree / testX.length).toBeGreaterThanOrEqual(0.95);
    const s = summarize(ev);
    expect(s.n).toBe(64);
    expect(s.agreeFp32Tfjs).toBe(64);
    expect(s.accuracy.tfjs).toBeCloseTo(meta.test!.accuracy, 3);
    expect(Math.abs(s.accuracy.int8 - s.accuracy.tfjs)).toBeLessThanOrEqual(0.05);
    expect(s.agreeInt8Fp32).toBe(agree); // fp32 and tfjs agree everywhere, so this is the same count
    // Confusion: rows are true classes (16 test clips each), the diagonal is the int8 hits.
    expect(s.confusion.map((r) => r.reduce((a, b) => a + b, 0))).toEqual(meta.classes.map((k) => test.filter((c) => c.label === k).length));
    expect(s.confusion.reduce((a, r, i) => a + r[i]!, 0)).toBe(s.correct.int8);
    // The int8-I/O file (the header's) quantizes inside the same way: same classes as int8.
    const io = readTflite(int8io.bytes);
    testX.slice(0, 16).forEach((x) => expect(argmax(runModel(io, x).output)).toBe(argmax(runModel(info8, x).output)));
  });

  it('writes the board header: aligned const array with the file bytes and the input constants', () => {
    const io = readTflite(int8io.bytes);
    const h = boardHeader(int8io.bytes, io, meta, { source: 'el modelo del curso', samples: calib.length });
    expect(h).toContain(`alignas(16) const unsigned char ${ARRAY_NAME}[] = {`);
    expect(h).toContain(`const unsigned int ${ARRAY_NAME}_len = ${int8io.bytes.length};`);
    // The array's bytes are the file's.
    const body = h.slice(h.indexOf('{') + 1, h.indexOf('};'));
    const bytes = body.split(',').map((s) => s.trim()).filter(Boolean).map((s) => Number.parseInt(s, 16));
    expect(bytes).toEqual(Array.from(int8io.bytes));
    const q = ioQuant(io).input;
    expect(h).toContain(`const float kKwsInputScale = ${cFloat(q.scale)};`);
    expect(h).toContain(`const int kKwsInputZeroPoint = ${q.zeroPoint};`);
    expect(h).toContain('const char* const kKwsClasses[4] = {"sí", "no", "silencio", "desconocido"};');
    expect(h.trimEnd().endsWith('#endif  // MODEL_DATA_H_')).toBe(true);
    expect(h.indexOf('kKwsMean')).toBeLessThan(h.lastIndexOf('#endif'));
    // cFloat reads back to the same float32.
    for (const v of [q.scale, ...meta.mean, ...meta.std]) expect(Math.fround(Number.parseFloat(cFloat(v)))).toBe(Math.fround(v));
    expect(cFloat(0.5)).toBe('0.5f');
    expect(cFloat(2)).toBe('2.0f');
    const sk = sketchSnippet(['CONV_2D', 'MAX_POOL_2D', 'RESHAPE', 'FULLY_CONNECTED', 'SOFTMAX']);
    expect(sk).toContain('MicroMutableOpResolver<5>');
    expect(sk).toContain('resolver.AddMaxPool2D();');
    expect(sk).toContain(`tflite::GetModel(${ARRAY_NAME})`);
  });
});
