#!/usr/bin/env node
// Regenerates the Spanish keyword set, byte for byte, from one seed:
//
//   npm run data:keywords [-- --seed 17 --out public/data/keywords]
//
// Needs espeak-ng and sox (Debian: apt-get install -y espeak-ng sox); CI does not run this, it
// tests the committed output. Writes to <out>:
//   clips.bin      N clips × 16000 samples (1 s at 16 kHz), G.711 μ-law, one byte per sample
//   manifest.json  format, rate, classes, voices per split, and every clip's parameters
//   samples/*.wav  a few clips from the test voices as 16-bit PCM WAV (lesson «muestras», e2e mic)
// Progress and the summary go to stderr; exits 1 with a Spanish message on failure.
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { importTs, repoRoot } from '../lib/import-ts.mjs';
import { CLIP, maxShiftMs, place, setPeak, trimSilence } from './clip.mjs';
import { RATE, synth, toolVersions } from './espeak.mjs';
import { CLASSES, planClips } from './plan.mjs';
import { chooseSamples } from './samples.mjs';

const MAX_BYTES = 5_000_000; // the committed set's budget (5 MB)

/** JSON with the header fields indented and one clip (or sample) per line: readable diffs, small. */
function manifestText(m) {
  const lines = Object.entries(m).map(([k, v]) => {
    const body = Array.isArray(v) && typeof v[0] === 'object' ? `[\n${v.map((e) => `  ${JSON.stringify(e)}`).join(',\n')}\n ]` : JSON.stringify(v);
    return ` ${JSON.stringify(k)}: ${body}`;
  });
  return `{\n${lines.join(',\n')}\n}\n`;
}
const fail = (msg) => {
  process.stderr.write(`data:keywords: ${msg}\n`);
  process.exit(1);
};
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const seed = Number(opt('--seed', '17'));
if (!Number.isInteger(seed) || seed < 0) fail(`--seed necesita un entero ≥ 0 (recibí «${opt('--seed')}»).`);
const out = resolve(repoRoot, opt('--out', 'public/data/keywords'));

const { createRng, addNoise, encodeMuLaw, decodeMuLaw, encodeWav16 } = await importTs(`
  export { createRng } from './widgets/lib/rng/rng';
  export { addNoise } from './widgets/lib/kws-data/noise';
  export { encodeMuLaw, decodeMuLaw } from './widgets/lib/kws-data/mulaw';
  export { encodeWav16 } from './widgets/lib/audio/wav';`);

let tools;
try {
  tools = toolVersions();
} catch (e) {
  fail(e.message);
}
const { split, clips } = planClips(createRng(seed));
const bin = new Uint8Array(clips.length * CLIP);
const entries = [];
for (const c of clips) {
  let x = new Float32Array(CLIP);
  let shiftMs = null;
  let durationMs = null;
  if (c.word !== null) {
    let word;
    try {
      word = setPeak(trimSilence(synth(c.word, c.voice, c.speed, c.pitch)), c.peakDb);
    } catch (e) {
      fail(`clip ${c.index} («${c.word}», ${c.voice}): ${e.message}`);
    }
    if (word.length > CLIP) fail(`clip ${c.index}: «${c.word}» dura ${word.length / 16} ms, más de 1 s.`);
    shiftMs = Math.floor(c.shiftU * (maxShiftMs(word.length) + 1));
    durationMs = Math.round(word.length / 16);
    x = place(word, shiftMs);
  }
  x = addNoise(x, c.noise.kind, c.noise.levelDb, createRng(c.noiseSeed));
  bin.set(encodeMuLaw(x), c.index * CLIP);
  entries.push({
    index: c.index, label: c.label, word: c.word, voice: c.voice, split: c.split,
    speed: c.speed, pitch: c.pitch, peakDb: c.peakDb, shiftMs, durationMs,
    noise: { kind: c.noise.kind, levelDb: c.noise.levelDb },
  });
  if (c.index % 50 === 49) process.stderr.write(`data:keywords: ${c.index + 1}/${clips.length} clips\n`);
}

const samples = chooseSamples(entries);
const manifest = {
  format: 'tinyml-keywords',
  version: 1,
  sampleRate: RATE,
  clipSamples: CLIP,
  encoding: 'mulaw8',
  classes: CLASSES,
  seed,
  tools,
  voices: split,
  samples,
  clips: entries,
};
rmSync(join(out, 'samples'), { recursive: true, force: true });
mkdirSync(join(out, 'samples'), { recursive: true });
writeFileSync(join(out, 'clips.bin'), bin);
writeFileSync(join(out, 'manifest.json'), manifestText(manifest));
for (const s of samples) {
  const x = decodeMuLaw(bin.subarray(s.index * CLIP, (s.index + 1) * CLIP));
  writeFileSync(join(out, 'samples', s.file), encodeWav16(x, RATE));
}

let total = 0;
const files = ['clips.bin', 'manifest.json', ...readdirSync(join(out, 'samples')).map((f) => join('samples', f))];
for (const f of files) total += statSync(join(out, f)).size;
const count = {};
for (const e of entries) count[`${e.split} ${e.label}`] = (count[`${e.split} ${e.label}`] ?? 0) + 1;
process.stderr.write(`data:keywords: ${entries.length} clips en ${out}\n`);
for (const s of ['train', 'val', 'test']) {
  process.stderr.write(`  ${s.padEnd(5)} voces: ${split[s].join(', ')}\n        ${CLASSES.map((k) => `${k} ${count[`${s} ${k}`] ?? 0}`).join(' · ')}\n`);
}
process.stderr.write(`  total ${total} bytes (límite ${MAX_BYTES})\n`);
if (total > MAX_BYTES) fail(`el conjunto ocupa ${total} bytes, más de ${MAX_BYTES}.`);
