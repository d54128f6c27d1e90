#!/usr/bin/env node
// Headless export of the course's default CNN to TensorFlow Lite, for anyone with Node:
//
//   npm run tflite:export -- <dir>                  write the files into <dir> (default: tflite-export/)
//   npm run tflite:export -- <dir> --model <folder> convert another tfjs model (model.json + weights)
//   npm run tflite:export -- <dir> --samples 300    calibrate on 300 training digits instead of 200
//
// Writes model_fp32.tflite (float32), model_int8.tflite (full-integer int8 with float32 input and
// output, for LiteRT.js), model_int8_io.tflite (int8 input and output, for TFLite Micro) and
// model_data.h (model_int8_io as a 16-byte aligned C array, for public/firmware/tinyml_mnist/).
// Calibration uses the first N training digits of public/data/mnist-10k.bin (pixels / 255), and
// the script checks the int8 model against the float one on the first 500 test digits.
// The converter is TypeScript (widgets/lib/convert); esbuild bundles it into a temporary .mjs
// that this script imports, so no TypeScript runner is needed.
import { build } from 'esbuild';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const v = args[i + 1];
  args.splice(i, 2);
  return v;
};
const modelDir = resolve(opt('--model', join(root, 'public/models/default-cnn')));
const samples = Number(opt('--samples', '200'));
const outDir = resolve(args[0] ?? 'tflite-export');
const CHECK = 500;

const fail = (msg) => {
  console.error(`tflite:export: ${msg}`);
  process.exit(1);
};
if (!Number.isInteger(samples) || samples < 1) fail('--samples necesita un número entero positivo.');
if (!existsSync(join(modelDir, 'model.json'))) fail(`no encuentro ${join(modelDir, 'model.json')}.`);
const dataFile = join(root, 'public/data/mnist-10k.bin');
if (!existsSync(dataFile)) fail('falta public/data/mnist-10k.bin: ejecuta antes «node scripts/prepare-mnist.mjs».');

// Bundle the TypeScript the export needs into one temporary ES module.
const tmp = mkdtempSync(join(tmpdir(), 'tflite-export-'));
const bundle = join(tmp, 'export-lib.mjs');
await build({
  stdin: {
    contents: `
      export { convertAll, kerasFromArtifacts, cHeader } from './widgets/lib/convert';
      export { parseMnist, imageFloat } from './widgets/lib/data/mnist';
      export { runModel } from './widgets/lib/int8ref';
      export { readTflite } from './widgets/lib/tflite';`,
    resolveDir: root,
    loader: 'ts',
  },
  bundle: true,
  platform: 'node',
  format: 'esm',
  outfile: bundle,
  logLevel: 'error',
});
let lib;
try {
  lib = await import(pathToFileURL(bundle).href);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
const { convertAll, kerasFromArtifacts, cHeader, parseMnist, imageFloat, runModel, readTflite } = lib;

// The model: model.json plus its weight files, concatenated in manifest order.
const modelJson = JSON.parse(readFileSync(join(modelDir, 'model.json'), 'utf8'));
const parts = (modelJson.weightsManifest ?? []).flatMap((g) => g.paths).map((p) => readFileSync(join(modelDir, p)));
const keras = kerasFromArtifacts(modelJson, new Uint8Array(Buffer.concat(parts)));
const per = keras.inputShape.reduce((a, b) => a * b, 1);
if (per !== 28 * 28) fail(`el modelo espera ${keras.inputShape.join('×')} valores y los dígitos MNIST son 28×28.`);

const file = readFileSync(dataFile);
const data = parseMnist(file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength));
const n = Math.min(samples, data.train.count);
const set = convertAll(keras, Array.from({ length: n }, (_, i) => imageFloat(data.train, i)));

// Check: accuracy of float32 and int8 (reference kernels) on the first test digits.
const argmax = (v) => v.reduce((k, x, i) => (x > v[k] ? i : k), 0);
let okF = 0;
let okQ = 0;
let agree = 0;
const checked = Math.min(CHECK, data.test.count);
const fp = readTflite(set.fp32.bytes);
const q8 = readTflite(set.int8.bytes);
for (let i = 0; i < checked; i++) {
  const x = imageFloat(data.test, i);
  const a = argmax(Array.from(runModel(fp, x).output));
  const b = argmax(Array.from(runModel(q8, x).output));
  if (a === data.test.labels[i]) okF++;
  if (b === data.test.labels[i]) okQ++;
  if (a === b) agree++;
}

const io = readTflite(set.int8io.bytes).subgraphs[0];
const inQ = io.tensors[io.inputs[0]].quantization;
const outQ = io.tensors[io.outputs[0]].quantization;
const ops = [...new Set(io.operators.map((o) => o.opName))];
const es = (x, d = 6) => x.toFixed(d).replace('.', ',');
const header = cHeader(set.int8io.bytes, {
  comment: [
    `Modelo «${keras.name}» en int8 con entrada y salida int8 (${set.int8io.bytes.length} bytes),`,
    'generado por scripts/tflite-export.mjs del Curso de TinyML.',
    `Entrada [${io.tensors[io.inputs[0]].shape.join(', ')}] int8: escala ${inQ.scale[0]}, punto cero ${inQ.zeroPoint[0]}`,
    `Salida [${io.tensors[io.outputs[0]].shape.join(', ')}] int8: escala ${outQ.scale[0]}, punto cero ${outQ.zeroPoint[0]}`,
    `Operadores (regístralos en MicroMutableOpResolver): ${ops.join(', ')}`,
    `Calibrado con ${set.calibration.samples} dígitos de entrenamiento.`,
  ].join('\n'),
});

mkdirSync(outDir, { recursive: true });
const files = {
  'model_fp32.tflite': set.fp32.bytes,
  'model_int8.tflite': set.int8.bytes,
  'model_int8_io.tflite': set.int8io.bytes,
  'model_data.h': header,
};
for (const [name, content] of Object.entries(files)) writeFileSync(join(outDir, name), content);

const pct = (k) => `${es((100 * k) / checked, 2)} %`;
console.log(`Modelo: ${modelDir} (${keras.layers.length} capas, entrada ${keras.inputShape.join('×')})`);
console.log(`Calibración: ${set.calibration.samples} dígitos de entrenamiento; entrada en [${set.calibration.input.join(', ')}]`);
console.log(`Escrito en ${outDir}:`);
for (const [name, content] of Object.entries(files))
  console.log(`  ${name.padEnd(22)} ${String(typeof content === 'string' ? Buffer.byteLength(content) : content.length).padStart(7)} bytes`);
console.log(`Tamaño int8 / float32: ${es(set.int8.bytes.length / set.fp32.bytes.length, 3)}`);
console.log(`Comprobación en ${checked} dígitos de prueba: float32 ${pct(okF)}, int8 ${pct(okQ)}, misma clase en ${pct(agree)}`);
console.log(`Operadores del modelo int8 para TFLite Micro: ${ops.join(', ')}`);
