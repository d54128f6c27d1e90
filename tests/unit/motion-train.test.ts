// lib/motion/featurize.ts, train.ts and export.ts on the example data set, with tfjs's CPU
// backend: the features are exactly spectralFeatures of each window; the split keeps a
// recording's windows together and the normalisation sees the training windows only; a seeded
// run reaches ≥ 90 % test accuracy and repeats exactly; slices follow the injected clock; no
// tensor is left behind; the .tflite files read back with the right ops and shapes and the int8
// one agrees with float32 on the test windows.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { spectralFeatures } from '../../widgets/lib/dsp';
import { runModel } from '../../widgets/lib/int8ref';
import { exampleRecordings } from '../../widgets/lib/motion/example';
import { convertMotionModel, motionKerasModel } from '../../widgets/lib/motion/export';
import { featurizeRecordings, windowFeatures } from '../../widgets/lib/motion/featurize';
import { argmax, normalizeFeatures, predictProbs, validateMotionModel } from '../../widgets/lib/motion/model';
import { fitStandardizer } from '../../widgets/lib/motion/normalize';
import { MotionTrainer, prepareTraining, runSliced, TRAIN_DEFAULTS, trainExampleModel } from '../../widgets/lib/motion/train';
import { recordingAxes } from '../../widgets/lib/motion/windows';
import type { Recording } from '../../widgets/lib/sensors/recording';
import { simulate } from '../../widgets/lib/sensors/simulator';
import { readTflite } from '../../widgets/lib/tflite';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const recs = exampleRecordings();

describe('featurize', () => {
  it('gives one window per 2 s recording, exactly spectralFeatures of its axes', () => {
    const set = featurizeRecordings(recs);
    expect(set.classes).toEqual(['reposo', 'lado a lado', 'arriba y abajo', 'círculo']);
    expect(set.windows).toHaveLength(48);
    expect(set.featureLabels).toHaveLength(33);
    expect(set.skipped).toEqual([]);
    for (const [i, r] of recs.entries()) {
      const want = spectralFeatures(recordingAxes(r.rows), 100).features;
      expect(set.windows[i]!.features).toEqual(want);
      expect(windowFeatures(r.rows, 100)).toEqual(want);
    }
  });

  it('cuts long recordings into non-overlapping windows and skips the ones that do not fit', () => {
    const rows = simulate({ gesture: 'wave', seconds: 10, hz: 100, seed: 3 });
    const long: Recording = { id: 'larga', label: 'lado a lado', hz: 100, rows, source: 'simulated', createdAt: 0 };
    const short: Recording = { ...long, id: 'corta', rows: rows.slice(0, 150) };
    const other: Recording = { ...long, id: 'otra', hz: 50, rows: simulate({ gesture: 'idle', seconds: 2, hz: 50, seed: 1 }) };
    const set = featurizeRecordings([long, short, other]);
    expect(set.recordings).toHaveLength(1);
    expect(set.recordings[0]!.windows).toEqual([0, 1, 2, 3, 4]);
    expect(set.windows[2]!.features).toEqual(spectralFeatures(recordingAxes(rows.slice(400, 600)), 100).features);
    expect(set.skipped.map((s) => s.id)).toEqual(['corta', 'otra']);
    expect(set.skipped[0]!.reason).toMatch(/150 muestras/);
    expect(set.skipped[1]!.reason).toMatch(/50 Hz/);
  });
});

describe('prepareTraining', () => {
  it('splits recordings 32/8/8, stratified, and normalises with the training windows only', () => {
    const set = featurizeRecordings(recs);
    const d = prepareTraining(set, 1);
    expect([d.train.n, d.val.n, d.test.n]).toEqual([32, 8, 8]);
    for (let c = 0; c < 4; c++) expect(d.test.y.filter((y) => y === c)).toHaveLength(2);
    const trainRows = d.train.windows.map((w) => set.windows[w]!.features);
    expect(d.standardizer).toEqual(fitStandardizer(trainRows));
    const all = fitStandardizer(set.windows.map((w) => w.features));
    expect(d.standardizer.mean).not.toEqual(all.mean);
    // No window is in two splits.
    const seen = [...d.train.windows, ...d.val.windows, ...d.test.windows];
    expect(new Set(seen).size).toBe(48);
    expect(prepareTraining(set, 1).split).toEqual(d.split);
    expect(prepareTraining(set, 2).split.test).not.toEqual(d.split.test);
  });
});

describe('training on the example data set', () => {
  it('reaches ≥ 90 % test accuracy with seed 1, repeats exactly and leaves no tensor', async () => {
    const before = tf.memory().numTensors;
    const a = await trainExampleModel({ seed: 1, tf, createdAt: 0, pause: async () => {} });
    expect(tf.memory().numTensors).toBe(before);
    expect(validateMotionModel(a).ok).toBe(true);
    expect(a.metrics!.testAcc).toBeGreaterThanOrEqual(0.9);
    expect(a.metrics!.valAcc).toBeGreaterThanOrEqual(0.75);
    expect(a.labels).toEqual(['reposo', 'lado a lado', 'arriba y abajo', 'círculo']);
    expect(a.layers.map((l) => l.units)).toEqual([20, 10, 4]);
    // predictProbs (pure JS) reproduces the test accuracy tfjs measured.
    const set = featurizeRecordings(recs);
    const d = prepareTraining(set, 1);
    const hits = d.test.windows.filter((w, i) => argmax(predictProbs(a, set.windows[w]!.features)) === d.test.y[i]).length;
    expect(hits / d.test.n).toBe(a.metrics!.testAcc);
    const b = await trainExampleModel({ seed: 1, tf, createdAt: 0, pause: async () => {} });
    expect(b).toEqual(a);
  });

  it('runs in slices that follow the injected clock and stops on abort', async () => {
    const d = prepareTraining(featurizeRecordings(recs), 3);
    const cfg = { ...TRAIN_DEFAULTS, hidden: [...TRAIN_DEFAULTS.hidden], epochs: 4, batchSize: 16, seed: 3 };
    // Every unit "takes" 30 ms on this clock, so a 20 ms budget runs exactly one unit per slice.
    let t = 0;
    const t1 = new MotionTrainer(tf, d, cfg);
    let slices = 0;
    await runSliced(t1, { now: () => (t += 30), budgetMs: 20, pause: async () => { slices++; }, onProgress: () => {} });
    expect(t1.done).toBe(t1.total);
    expect(slices).toBe(t1.total - 1);
    expect(t1.history).toHaveLength(4);
    // A 1000 ms budget on a clock that moves 1 ms per unit runs everything in one slice.
    const t2 = new MotionTrainer(tf, d, cfg);
    let s2 = 0;
    let c2 = 0;
    await runSliced(t2, { now: () => c2++, budgetMs: 1000, pause: async () => { s2++; } });
    expect(s2).toBe(0);
    expect(t2.history).toEqual(t1.history);
    const t3 = new MotionTrainer(tf, d, cfg);
    const ac = new AbortController();
    let c3 = 0;
    await expect(runSliced(t3, { signal: ac.signal, now: () => (c3 += 30), budgetMs: 20, pause: async () => ac.abort() })).rejects.toMatchObject({ name: 'AbortError' });
    expect(t3.done).toBe(1);
    for (const x of [t1, t2, t3]) x.dispose();
  });
});

describe('conversion of the motion model', () => {
  it('writes FULLY_CONNECTED ×3 + SOFTMAX on [1, 33] → [1, 4]; int8 agrees with float32 on the test windows', async () => {
    const m = await trainExampleModel({ seed: 1, tf, createdAt: 0, pause: async () => {} });
    const set = featurizeRecordings(recs);
    const d = prepareTraining(set, 1);
    const out = convertMotionModel(m, d.train.windows.map((w) => set.windows[w]!.features));
    const fp = readTflite(out.set.fp32.bytes);
    const q = readTflite(out.set.int8.bytes);
    expect(fp.warnings).toEqual([]);
    expect(fp.subgraphs[0]!.operators.map((o) => o.opName)).toEqual(['FULLY_CONNECTED', 'FULLY_CONNECTED', 'FULLY_CONNECTED', 'SOFTMAX']);
    const g = fp.subgraphs[0]!;
    expect(g.tensors[g.inputs[0]!]!.shape).toEqual([1, 33]);
    expect(g.tensors[g.outputs[0]!]!.shape).toEqual([1, 4]);
    expect(q.subgraphs[0]!.operators.map((o) => o.opName)).toEqual(['QUANTIZE', 'FULLY_CONNECTED', 'FULLY_CONNECTED', 'FULLY_CONNECTED', 'SOFTMAX', 'DEQUANTIZE']);
    expect(motionKerasModel(m).layers.map((l) => l.name)).toEqual(['dense1', 'dense2', 'salida']);
    let agree = 0;
    for (const w of d.test.windows) {
      const x = set.windows[w]!.features;
      const z = Float32Array.from(normalizeFeatures(m, x));
      const a = runModel(fp, z).output;
      const b = runModel(q, z).output;
      const ref = predictProbs(m, x);
      for (let k = 0; k < 4; k++) {
        expect(Math.abs(a[k]! - ref[k]!)).toBeLessThan(1e-5);
        expect(Math.abs(a[k]! - b[k]!)).toBeLessThan(0.08);
      }
      if (argmax(a) === argmax(b)) agree++;
    }
    expect(agree).toBe(d.test.n);
    expect(out.header).toContain(`g_model_len = ${out.set.int8io.bytes.length};`);
    expect(out.params).toContain('const float kFeatureMean[33] = {');
    expect(out.params).toContain('const char* const kLabels[4] = {"reposo", "lado a lado", "arriba y abajo", "círculo"};');
    expect(out.params).toMatch(/kInputZeroPoint = -?\d+;/);
  });
});
