#!/usr/bin/env node
// Trains the course's default CNN (`npm run train:default`) and writes it, in TensorFlow.js
// layers format, to public/models/default-cnn/:
//   model.json     topology + weights manifest (tfjs "layers-model")
//   weights.bin    float32 weights, in the manifest's order
//   metadata.json  how it was made: architecture, settings, seed, test accuracy (no date, so the
//                  output is byte-stable: the same inputs give the same files)
// It uses the same code as the lesson-10 trainer in the browser (widgets/lib/cnn: model, training
// loop, seeded order), bundled on the fly with esbuild, on plain @tensorflow/tfjs with the wasm
// backend (the CPU backend with --cpu). Lessons 10–13 load this model when the student has not
// trained one yet.
//
//   node scripts/train-default-model.mjs             train and write the files
//   node scripts/train-default-model.mjs --cpu       use the (much slower) CPU backend
//   node scripts/train-default-model.mjs --out DIR   write somewhere else
//   node scripts/train-default-model.mjs --set epochs=10,batchSize=64   try another recipe
//   node scripts/train-default-model.mjs --digits 0-4 --out public/models/base-0-4
//        the lesson-11 base: same network and recipe, trained and tested only on the digits
//        0…4 (all of them in the split; trainSize is capped at how many there are). The output
//        layer keeps 10 units: 5…9 never appear as labels, so it never learns them.
// Without --digits the code below runs exactly as before (the default model's files do not change).
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const outDir = args.includes('--out') ? resolve(args[args.indexOf('--out') + 1]) : join(root, 'public/models/default-cnn');
const backendName = args.includes('--cpu') ? 'cpu' : 'wasm';
const digitsArg = args.includes('--digits') ? args[args.indexOf('--digits') + 1] : null;

// The recipe of the default model. Changing any of these changes the shipped files.
const ARCH = { conv1: 8, conv2: 16, hidden: 0 };
const CONFIG = { epochs: 12, batchSize: 64, learningRate: 0.003, optimizer: 'adam', trainSize: 8000, seed: 1 };
// --set key=value,… overrides the recipe (for experiments; the shipped files use the values above).
if (args.includes('--set')) {
  for (const kv of args[args.indexOf('--set') + 1].split(',')) {
    const [k, v] = kv.split('=');
    CONFIG[k] = k === 'optimizer' ? v : Number(v);
  }
}

const dataFile = join(root, 'public/data/mnist-10k.bin');
if (!existsSync(dataFile)) execFileSync(process.execPath, [join(root, 'scripts/prepare-mnist.mjs')], { stdio: 'inherit' });

// Bundle the TypeScript training code (it imports tfjs only as types, so nothing stays external).
const bundled = await build({
  stdin: {
    contents: `
      export { CnnTrainer, evaluateModel } from './widgets/lib/cnn/train';
      export { enableFastTraining } from './widgets/lib/cnn/backend';
      export { cnnSummary } from './widgets/lib/cnn/spec';
      export { modelJsonFromArtifacts } from './widgets/lib/cnn/store';
      export { parseMnist } from './widgets/lib/data/mnist';
      export { filterSplit, parseDigits } from './widgets/lib/transfer/data';`,
    resolveDir: root,
    loader: 'ts',
  },
  bundle: true, format: 'esm', platform: 'node', target: 'node20', write: false, logLevel: 'silent',
});
const lib = await import(`data:text/javascript;base64,${Buffer.from(bundled.outputFiles[0].text).toString('base64')}`);

const tf = await import('@tensorflow/tfjs');
if (backendName === 'wasm') {
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  wasm.setWasmPaths(join(root, 'node_modules/@tensorflow/tfjs-backend-wasm/dist/'));
}
if (!(await tf.setBackend(backendName))) throw new Error(`backend ${backendName} did not start`);
await tf.ready();
lib.enableFastTraining(tf, backendName);

const buf = readFileSync(dataFile);
const data = lib.parseMnist(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
const digits = digitsArg === null ? null : lib.parseDigits(digitsArg);
if (digits) {
  // Only these digits, for training and for the test figure; the split itself is the usual one.
  data.train = lib.filterSplit(data.train, digits);
  data.test = lib.filterSplit(data.test, digits);
  CONFIG.trainSize = Math.min(CONFIG.trainSize, data.train.count);
  console.log(`Solo los dígitos ${digits.join(', ')}: ${data.train.count} de entrenamiento, ${data.test.count} de prueba.`);
}
const t0 = performance.now();
const trainer = new lib.CnnTrainer(tf, ARCH, CONFIG, data.train);
let epochLoss = 0;
let epochCorrect = 0;
let last = null;
while (!trainer.done) {
  const r = trainer.step();
  epochLoss += r.loss * r.size;
  epochCorrect += r.accuracy * r.size;
  if (r.epochEnded) {
    // Only training figures per epoch: the recipe (epochs included) is fixed in advance, so
    // nothing here chooses by the test set (lesson 07: it is used once, at the end).
    const e = trainer.cursor.epoch;
    const s = (performance.now() - t0) / 1000;
    console.log(`época ${e}/${CONFIG.epochs}: pérdida ${(epochLoss / CONFIG.trainSize).toFixed(4)}, ` +
      `exactitud entrenamiento ${(100 * epochCorrect / CONFIG.trainSize).toFixed(2)} % (${s.toFixed(1)} s)`);
    epochLoss = 0;
    epochCorrect = 0;
  }
}
const seconds = (performance.now() - t0) / 1000;
// The test set, once, after training: the figure stored in metadata.json.
last = trainer.evaluate(data.test);

let artifacts = null;
await trainer.model.save(tf.io.withSaveHandler(async (a) => {
  artifacts = a;
  return { modelArtifactsInfo: { dateSaved: new Date(0), modelTopologyType: 'JSON' } };
}));
const modelJson = lib.modelJsonFromArtifacts(artifacts, 'weights.bin');
const weights = Buffer.from(artifacts.weightData);
const summary = lib.cnnSummary(ARCH);
const metadata = {
  name: 'CNN pequeña por defecto del curso',
  generatedBy: 'scripts/train-default-model.mjs',
  architecture: ARCH,
  layers: summary.layers.map((l) => ({ label: l.label, outputShape: l.outputShape, params: l.params, macs: l.macs })),
  parameters: summary.totalParams,
  multiplyAdds: summary.totalMacs,
  training: { ...CONFIG, backend: backendName, tfjs: tf.version.tfjs, examples: CONFIG.trainSize },
  test: { examples: data.test.count, accuracy: Number(last.accuracy.toFixed(4)), loss: Number(last.loss.toFixed(4)) },
  data: { file: 'public/data/mnist-10k.bin', splitSeed: data.seed },
};
if (digits) {
  metadata.name = `Base convolucional entrenada solo con los dígitos ${digits.join(', ')}`;
  metadata.command = `node scripts/train-default-model.mjs --digits ${digitsArg} --out <carpeta>`;
  metadata.digits = digits;
  metadata.howMade = `La misma red y la misma receta que el modelo por defecto (public/models/default-cnn/), ` +
    `pero entrenada y evaluada solo con las imágenes de los dígitos ${digits.join(', ')} de la partición fija de MNIST ` +
    `(${data.train.count} de entrenamiento, ${data.test.count} de prueba). La capa de salida conserva 10 neuronas, ` +
    `pero las de los demás dígitos nunca reciben un ejemplo: la lección 11 solo reutiliza conv1 y conv2 (la base) ` +
    `y descarta esa capa. Ningún otro dígito ha pasado por la red durante el entrenamiento.`;
}
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'model.json'), JSON.stringify(modelJson) + '\n');
writeFileSync(join(outDir, 'weights.bin'), weights);
writeFileSync(join(outDir, 'metadata.json'), JSON.stringify(metadata, null, 2) + '\n');
trainer.dispose();
console.log(`\nGuardado en ${outDir}: ${weights.length} bytes de pesos, exactitud de prueba ${(100 * last.accuracy).toFixed(2)} %, ` +
  `${seconds.toFixed(1)} s de entrenamiento (${backendName}), ${tf.memory().numTensors} tensores vivos al final.`);
