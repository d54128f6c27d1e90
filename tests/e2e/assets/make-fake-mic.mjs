// Writes tests/e2e/assets/fake-mic-si.wav: 1.5 s of the shipped «silencio» sample, the shipped
// «sí» (si-1) and 1.5 s of «silencio» again, 16 kHz mono 16-bit PCM. Chromium's fake microphone
// (--use-file-for-fake-audio-capture) plays it in a loop, so a word comes every 4 s.
// Run: node tests/e2e/assets/make-fake-mic.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const samples = join(here, '../../../public/data/keywords/samples');

/** The Int16 samples of a 16 kHz mono 16-bit PCM WAV (the shipped samples are all that). */
function readPcm16(path) {
  const b = readFileSync(path);
  if (b.toString('ascii', 0, 4) !== 'RIFF' || b.toString('ascii', 8, 12) !== 'WAVE') throw new Error(`${path}: not a WAV`);
  let at = 12;
  let fmt = null;
  while (at + 8 <= b.length) {
    const id = b.toString('ascii', at, at + 4);
    const size = b.readUInt32LE(at + 4);
    if (id === 'fmt ') fmt = { format: b.readUInt16LE(at + 8), channels: b.readUInt16LE(at + 10), rate: b.readUInt32LE(at + 12), bits: b.readUInt16LE(at + 22) };
    if (id === 'data') {
      if (!fmt || fmt.format !== 1 || fmt.channels !== 1 || fmt.rate !== 16000 || fmt.bits !== 16) throw new Error(`${path}: expected 16 kHz mono PCM16`);
      const out = new Int16Array(size / 2);
      for (let i = 0; i < out.length; i++) out[i] = b.readInt16LE(at + 8 + 2 * i);
      return out;
    }
    at += 8 + size + (size % 2);
  }
  throw new Error(`${path}: no data chunk`);
}

const sil = readPcm16(join(samples, 'silencio.wav'));
const si = readPcm16(join(samples, 'si-1.wav'));
const pad = (n) => Int16Array.from({ length: n }, (_, i) => sil[i % sil.length]);
const pcm = new Int16Array([...pad(24000), ...si, ...pad(24000)]);

const out = Buffer.alloc(44 + pcm.length * 2);
out.write('RIFF', 0, 'ascii');
out.writeUInt32LE(36 + pcm.length * 2, 4);
out.write('WAVE', 8, 'ascii');
out.write('fmt ', 12, 'ascii');
out.writeUInt32LE(16, 16);
out.writeUInt16LE(1, 20); // PCM
out.writeUInt16LE(1, 22); // mono
out.writeUInt32LE(16000, 24);
out.writeUInt32LE(32000, 28); // bytes per second
out.writeUInt16LE(2, 32); // block align
out.writeUInt16LE(16, 34);
out.write('data', 36, 'ascii');
out.writeUInt32LE(pcm.length * 2, 40);
for (let i = 0; i < pcm.length; i++) out.writeInt16LE(pcm[i], 44 + 2 * i);
writeFileSync(join(here, 'fake-mic-si.wav'), out);
console.log(`fake-mic-si.wav: ${pcm.length} samples (${pcm.length / 16000} s)`);
