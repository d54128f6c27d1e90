#!/usr/bin/env node
// Log-mel energies and MFCC of a WAV with the course defaults (widgets/lib/audio/features.ts,
// AUDIO_DEFAULTS: 16 kHz, 30 ms frames, 20 ms hop, periodic Hann, 512-point FFT, 40 HTK mel
// filters 0–8000 Hz, ln(max(Y, 1e-10)), orthonormal DCT-II, 13 coefficients), for checking a
// model's input against another tool:
//
//   npm run mfcc -- <file.wav>
//
// stdout holds only the JSON {"params": {…}, "logmel": [[40 numbers] per frame], "mfcc": [[13
// numbers] per frame]} (a 1 s clip at 16 kHz gives 49 frames). A PCM WAV at another rate or with
// more channels is mixed to mono and resampled to 16 kHz first (said on stderr). A file that is
// not a PCM WAV exits 1 with a Spanish message on stderr.
import { readFileSync } from 'node:fs';
import { importTs } from './lib/import-ts.mjs';

const fail = (msg) => {
  process.stderr.write(`mfcc: ${msg}\n`);
  process.exit(1);
};
const args = process.argv.slice(2);
if (args.length !== 1 || args[0].startsWith('-')) fail('uso: npm run mfcc -- <archivo.wav>');
let bytes;
try {
  bytes = new Uint8Array(readFileSync(args[0]));
} catch (e) {
  fail(`no puedo leer ${args[0]}: ${e.code === 'ENOENT' ? 'el archivo no existe' : e.code === 'EISDIR' ? 'es una carpeta' : e.message}.`);
}
const { decodeWav, WavError, toMono, resample, computeFeatures, AUDIO_DEFAULTS } = await importTs(`
  export { decodeWav, WavError } from './widgets/lib/audio/wav';
  export { toMono, resample } from './widgets/lib/audio/resample';
  export { computeFeatures, AUDIO_DEFAULTS } from './widgets/lib/audio/features';`);
let wav;
try {
  wav = decodeWav(bytes);
} catch (e) {
  if (e instanceof WavError) fail(`${args[0]}: ${e.message}`);
  throw e;
}
const rate = AUDIO_DEFAULTS.sampleRate;
let x = toMono(wav.channels);
const notes = [];
if (wav.channels.length > 1) notes.push(`${wav.channels.length} canales mezclados en uno`);
if (wav.sampleRate !== rate) {
  x = resample(x, wav.sampleRate, rate);
  notes.push(`remuestreado de ${wav.sampleRate} Hz a ${rate} Hz`);
}
const f = computeFeatures(x, AUDIO_DEFAULTS);
const seconds = (x.length / rate).toFixed(3).replace('.', ',');
process.stderr.write(`mfcc: ${x.length} muestras a ${rate} Hz (${seconds} s), ${f.mfcc.length} ventanas${notes.length ? `; ${notes.join(', ')}` : ''}\n`);
if (f.mfcc.length === 0) process.stderr.write(`mfcc: el audio dura menos de una ventana (${AUDIO_DEFAULTS.frameLength} muestras): no hay ventanas.\n`);
const rows = (rs) => rs.map((r) => Array.from(r));
process.stdout.write(`${JSON.stringify({ params: { ...AUDIO_DEFAULTS }, logmel: rows(f.logmel), mfcc: rows(f.mfcc) })}\n`);
