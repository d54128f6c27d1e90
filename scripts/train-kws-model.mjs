#!/usr/bin/env node
// Trains the course's default keyword model (lesson 17) and writes it, in TensorFlow.js layers
// format, to public/models/kws-default/:
//   model.json     topology + weights manifest, with the KwsMeta as user-defined metadata 'kws'
//   weights.bin    float32 weights, in the manifest's order
//   metadata.json  the KwsMeta of widgets/lib/kws/contract.ts (test accuracy, n, seed, epochs) plus
//                  the model table (no date, so the same inputs give the same files)
// It runs exactly the code of the trainer widget (widgets/lib/kws: dataset, model, train), bundled
// on the fly with esbuild, on plain @tensorflow/tfjs with the wasm backend (CPU with --cpu).
// The recipe is chosen on the validation voices; the test voices are only reported.
//
//   node scripts/train-kws-model.mjs                 train and write the files
//   node scripts/train-kws-model.mjs --cpu           use the (slower) CPU backend
//   node scripts/train-kws-model.mjs --out DIR       write somewhere else
//   node scripts/train-kws-model.mjs --set epochs=40,feature=logmel,copies=2   try another recipe
import { build } from 'esbuild';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const outDir = args.includes('--out') ? resolve(args[args.indexOf('--out') + 1]) : join(root, 'public/models/kws-default');
const backendName = args.includes('--cpu') ? 'cpu' : 'wasm';

// The recipe of the default model. Changing any of these changes the shipped files.
const RECIPE = { feature: 'mfcc', conv1: 8, conv2: 16, dropout: 0.25, epochs: 40, batchSize: 32, learningRate: 0.003, seed: 1, copies: 2, augmentSeed: 17 };
if (args.includes('--set')) {
  for (const kv of args[args.indexOf('--set') + 1].split(',')) {
    const [k, v] = kv.split('=');
    RECIPE[k] = k === 'feature' ? v : Number(v);
  }
}

const bundled = await build({
  stdin: {
    contents: `
      export { buildKwsDataset, datasetMeta } from './widgets/lib/kws/dataset';
      export { kwsSummary } from './widgets/lib/kws/model';
      export { KwsTrainer } from './widgets/lib/kws/train';
      export { enableFastTraining } from './widgets/lib/cnn/backend';
      export { modelJsonFromArtifacts } from './widgets/lib/cnn/store';
      export { parseKeywordSet } from './widgets/lib/kws-data/keyword-set';`,
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

const dataDir = join(root, 'public/data/keywords');
const parsed = lib.parseKeywordSet(JSON.parse(readFileSync(join(dataDir, 'manifest.json'), 'utf8')), new Uint8Array(readFileSync(join(dataDir, 'clips.bin'))));
if (!parsed.ok) throw new Error(parsed.message);
const t0 = performance.now();
const data = lib.buildKwsDataset(parsed.value, { feature: RECIPE.feature, augment: { copies: RECIPE.copies, seed: RECIPE.augmentSeed } });
const tData = (performance.now() - t0) / 1000;
console.log(`Características ${RECIPE.feature} (${data.frames}×${data.bins}): ${data.train.n} de entrenamiento (${data.augmented} aumentados), ` +
  `${data.val.n} de validación, ${data.test.n} de prueba (${tData.toFixed(1)} s).`);

const shape = { frames: data.frames, bins: data.bins, classes: data.classes.length };
const arch = { conv1: RECIPE.conv1, conv2: RECIPE.conv2, dropout: RECIPE.dropout };
const config = { epochs: RECIPE.epochs, batchSize: RECIPE.batchSize, learningRate: RECIPE.learningRate, seed: RECIPE.seed };
const t1 = performance.now();
const trainer = new lib.KwsTrainer(tf, arch, config, data.train, shape);
let loss = 0;
let correct = 0;
let val = null;
while (!trainer.done) {
  const r = trainer.step();
  loss += r.loss * r.size;
  correct += r.accuracy * r.size;
  if (r.epochEnded) {
    const e = trainer.cursor.epoch;
    val = trainer.evaluate(data.val);
    if (e % 5 === 0 || e === config.epochs) {
      console.log(`época ${e}/${config.epochs}: pérdida ${(loss / data.train.n).toFixed(4)}, entrenamiento ${(100 * correct / data.train.n).toFixed(1)} %, ` +
        `validación ${(100 * val.accuracy).toFixed(1)} % (${((performance.now() - t1) / 1000).toFixed(1)} s)`);
    }
    loss = 0;
    correct = 0;
  }
}
const seconds = (performance.now() - t1) / 1000;
const test = trainer.evaluate(data.test);
const hits = Math.round(test.accuracy * test.n);

const meta = lib.datasetMeta(data, {
  source: 'defecto',
  test: { accuracy: Number(test.accuracy.toFixed(4)), n: test.n },
  training: {
    by: 'scripts/train-kws-model.mjs', seed: RECIPE.seed, epochs: RECIPE.epochs, batchSize: RECIPE.batchSize, learningRate: RECIPE.learningRate,
    augmentCopies: RECIPE.copies, augmentSeed: RECIPE.augmentSeed, conv1: RECIPE.conv1, conv2: RECIPE.conv2, dropout: RECIPE.dropout,
    trainExamples: data.train.n, valAccuracy: Number(val.accuracy.toFixed(4)), backend: backendName, tfjs: tf.version.tfjs,
  },
});
trainer.model.setUserDefinedMetadata({ kws: meta });
let artifacts = null;
await trainer.model.save(tf.io.withSaveHandler(async (a) => {
  artifacts = a;
  return { modelArtifactsInfo: { dateSaved: new Date(0), modelTopologyType: 'JSON' } };
}));
const modelJson = lib.modelJsonFromArtifacts(artifacts, 'weights.bin');
const weights = Buffer.from(artifacts.weightData);
const summary = lib.kwsSummary(arch, data.frames, data.bins, data.classes.length);
const metadata = { ...meta, name: 'Modelo de palabras clave por defecto del curso', layers: summary.layers, totals: {
  params: summary.totalParams, macs: summary.totalMacs, bytesFloat32: summary.totalBytesFloat32, bytesInt8: summary.totalBytesInt8,
}, confusion: test.matrix };
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'model.json'), JSON.stringify(modelJson) + '\n');
writeFileSync(join(outDir, 'weights.bin'), weights);
writeFileSync(join(outDir, 'metadata.json'), JSON.stringify(metadata, null, 2) + '\n');
trainer.dispose();
console.log(`\nValidación ${(100 * val.accuracy).toFixed(1)} %, prueba (voces nunca vistas) ${(100 * test.accuracy).toFixed(2)} % (${hits}/${test.n}).`);
console.log('Matriz de confusión de prueba (fila = real, columna = predicha):', JSON.stringify(test.matrix));
console.log(`Guardado en ${outDir}: ${weights.length} bytes de pesos, ${summary.totalParams} parámetros, ${seconds.toFixed(1)} s de entrenamiento (${backendName}).`);
