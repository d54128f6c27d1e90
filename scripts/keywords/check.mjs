#!/usr/bin/env node
// Sanity check of the committed keyword set (not part of CI): MFCCs with the course defaults
// (30 ms frames, 20 ms hop, periodic Hann, 512-point FFT, 40 HTK mel filters 0–8000 Hz, ln of
// max(Y, 1e-10), orthonormal DCT-II, 13 coefficients → [49, 13] per clip), then a small CNN
// (tfjs, CPU) trained on the train voices with seeded shift/noise augmentation; prints val and
// test accuracy and the test confusion matrix. A quick stand-in until widgets/lib/audio has its
// FeatureProvider; the lesson's trainer is the real thing.
//
//   node scripts/keywords/check.mjs [--epochs 30] [--seed 1]
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { importTs, repoRoot } from '../lib/import-ts.mjs';

const args = process.argv.slice(2);
const opt = (name, d) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : d);
const EPOCHS = opt('--epochs', 30);
const SEED = opt('--seed', 1);

const { parseKeywordSet, clipsOfSplit, augmentClip, createRng, rfft, makeWindow } = await importTs(`
  export { parseKeywordSet, clipsOfSplit } from './widgets/lib/kws-data/keyword-set';
  export { augmentClip } from './widgets/lib/kws-data/augment';
  export { createRng } from './widgets/lib/rng/rng';
  export { rfft, makeWindow } from './widgets/lib/dsp';`);

const dir = `${repoRoot}public/data/keywords/`;
const res = parseKeywordSet(JSON.parse(readFileSync(`${dir}manifest.json`, 'utf8')), readFileSync(`${dir}clips.bin`));
if (!res.ok) throw new Error(res.message);
const set = res.value;

const FS = 16000, FRAME = 480, HOP = 320, NFFT = 512, NMEL = 40, NMFCC = 13;
const win = makeWindow('hann', FRAME, true);
const hz2mel = (f) => 2595 * Math.log10(1 + f / 700);
const mel2hz = (m) => 700 * (10 ** (m / 2595) - 1);
const edges = Array.from({ length: NMEL + 2 }, (_, i) => mel2hz((hz2mel(8000) * i) / (NMEL + 1)));
const fb = Array.from({ length: NMEL }, (_, m) => Float64Array.from({ length: NFFT / 2 + 1 }, (_, k) => {
  const f = (k * FS) / NFFT;
  const [a, b, c] = [edges[m], edges[m + 1], edges[m + 2]];
  return f <= a || f >= c ? 0 : f <= b ? (f - a) / (b - a) : (c - f) / (c - b);
}));
const dct = Array.from({ length: NMFCC }, (_, k) => Float64Array.from({ length: NMEL }, (_, n) =>
  Math.cos((Math.PI * k * (2 * n + 1)) / (2 * NMEL)) * Math.sqrt((k === 0 ? 1 : 2) / NMEL)));

/** [49 × 13] MFCCs of one 1 s clip, row-major. */
function mfcc(x) {
  const nf = 1 + Math.floor((x.length - FRAME) / HOP);
  const out = new Float32Array(nf * NMFCC);
  const buf = new Float64Array(FRAME);
  for (let t = 0; t < nf; t++) {
    for (let i = 0; i < FRAME; i++) buf[i] = x[t * HOP + i] * win[i];
    const X = rfft(buf, NFFT);
    const logmel = fb.map((w) => {
      let y = 0;
      for (let k = 0; k < w.length; k++) if (w[k]) y += w[k] * (X.re[k] ** 2 + X.im[k] ** 2);
      return Math.log(Math.max(y, 1e-10));
    });
    for (let k = 0; k < NMFCC; k++) out[t * NMFCC + k] = dct[k].reduce((s, c, n) => s + c * logmel[n], 0);
  }
  return out;
}

const NF = 49;
const train = clipsOfSplit(set, 'train');
const val = clipsOfSplit(set, 'val');
const test = clipsOfSplit(set, 'test');
const featsOf = (clips) => clips.map((c) => mfcc(c.samples ?? c));
// Per-coefficient standardization from the (unaugmented) train features.
const base = featsOf(train);
const mu = new Float64Array(NMFCC), sd = new Float64Array(NMFCC);
for (const f of base) for (let i = 0; i < f.length; i++) mu[i % NMFCC] += f[i] / (base.length * NF);
for (const f of base) for (let i = 0; i < f.length; i++) sd[i % NMFCC] += (f[i] - mu[i % NMFCC]) ** 2 / (base.length * NF);
const norm = (f) => f.map((v, i) => (v - mu[i % NMFCC]) / Math.sqrt(sd[i % NMFCC] + 1e-8));
const toX = (feats) => tf.tensor4d(Float32Array.from(feats.flatMap((f) => Array.from(norm(f)))), [feats.length, NF, NMFCC, 1]);
const toY = (clips) => tf.oneHot(clips.map((c) => c.labelIndex), set.classes.length);

const init = (s) => tf.initializers.glorotUniform({ seed: SEED * 100 + s });
const model = tf.sequential({ layers: [
  tf.layers.conv2d({ inputShape: [NF, NMFCC, 1], filters: 8, kernelSize: 3, activation: 'relu', padding: 'same', kernelInitializer: init(1) }),
  tf.layers.maxPooling2d({ poolSize: 2 }),
  tf.layers.conv2d({ filters: 16, kernelSize: 3, activation: 'relu', padding: 'same', kernelInitializer: init(2) }),
  tf.layers.maxPooling2d({ poolSize: 2 }),
  tf.layers.flatten(),
  tf.layers.dropout({ rate: 0.25, seed: SEED }),
  tf.layers.dense({ units: set.classes.length, activation: 'softmax', kernelInitializer: init(3) }),
] });
model.compile({ optimizer: tf.train.adam(0.003), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
const params = model.countParams();

const rng = createRng(SEED);
const yTrain = toY(train);
const evalOn = (clips, X) => {
  const pred = model.predict(X).argMax(-1).arraySync();
  const k = set.classes.length;
  const conf = Array.from({ length: k }, () => new Array(k).fill(0));
  clips.forEach((c, i) => conf[c.labelIndex][pred[i]]++);
  return { acc: clips.filter((c, i) => c.labelIndex === pred[i]).length / clips.length, conf };
};
const Xval = toX(featsOf(val));
const Xtest = toX(featsOf(test));
for (let e = 0; e < EPOCHS; e++) {
  const aug = train.map((c) => augmentClip(c.samples, rng, { sampleRate: FS, maxShiftMs: 100, noiseProb: 0.5, noiseDb: [-65, -35], ...(c.shiftMs !== null ? { keepMs: [c.shiftMs, c.shiftMs + c.durationMs] } : {}) }));
  const X = toX(e === 0 ? base : featsOf(aug));
  const h = await model.fit(X, yTrain, { epochs: 1, batchSize: 16, shuffle: true, verbose: 0 });
  X.dispose();
  if (e % 5 === 4 || e === EPOCHS - 1) process.stderr.write(`epoch ${e + 1}: loss ${h.history.loss[0].toFixed(3)} train acc ${h.history.acc[0].toFixed(3)} val acc ${evalOn(val, Xval).acc.toFixed(3)}\n`);
}
const v = evalOn(val, Xval);
const t = evalOn(test, Xtest);
console.log(JSON.stringify({ params, epochs: EPOCHS, seed: SEED, train: train.length, val: { n: val.length, acc: v.acc }, test: { n: test.length, acc: t.acc, confusion: t.conf, classes: set.classes } }));
