#!/usr/bin/env node
// The 33 spectral features of one motion window, as Edge Impulse's spectral-analysis block v1
// computes them (widgets/lib/dsp/spectral.ts), for instructors checking their own data:
//
//   npm run features -- <file.csv> [--hz 100]
//
// The CSV is Edge Impulse's export (timestamp,accX,accY,accZ; timestamps in ms, the rate taken
// from them) or three bare columns with --hz. stdout holds only the JSON
// {"labels": [33 names], "features": [33 numbers], "params": {…}}; messages go to stderr; a file
// that cannot be read exits 1 with a Spanish message that names the line.
import { readFileSync } from 'node:fs';
import { importTs } from './lib/import-ts.mjs';

const fail = (msg) => {
  process.stderr.write(`features: ${msg}\n`);
  process.exit(1);
};
const args = process.argv.slice(2);
let hz;
const i = args.indexOf('--hz');
if (i >= 0) {
  hz = Number(args[i + 1]);
  if (!(hz > 0 && Number.isFinite(hz))) fail(`--hz necesita una frecuencia en Hz mayor que 0 (recibí «${args[i + 1] ?? ''}»).`);
  args.splice(i, 2);
}
if (args.length !== 1) fail('uso: npm run features -- <archivo.csv> [--hz 100]');
let text;
try {
  text = readFileSync(args[0], 'utf8');
} catch (e) {
  fail(`no puedo leer ${args[0]}: ${e.code === 'ENOENT' ? 'el archivo no existe' : e.message}.`);
}
const { parseMotionCsv, spectralFeatures } = await importTs(`
  export { parseMotionCsv } from './widgets/lib/sensors/csv';
  export { spectralFeatures } from './widgets/lib/dsp';`);
const csv = parseMotionCsv(text, hz === undefined ? {} : { hz });
if (!csv.ok) fail(`${args[0]}: ${csv.message}`);
const axes = [1, 2, 3].map((c) => csv.rows.map((r) => r[c]));
const res = spectralFeatures(axes, csv.hz);
process.stderr.write(`features: ${csv.rows.length} muestras a ${csv.hz} Hz (${((csv.rows.length / csv.hz) * 1000).toFixed(0)} ms)\n`);
process.stdout.write(`${JSON.stringify({ labels: res.labels, features: res.features, params: { ...res.params, hz: csv.hz, samples: csv.rows.length } })}\n`);
