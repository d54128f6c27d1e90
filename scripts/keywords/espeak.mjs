// Speech from espeak-ng, resampled to 16 kHz by sox (both Debian packages; only this generator
// needs them, CI does not). synth() returns Float32Array samples in [-1, 1) at 16000 Hz.
import { spawnSync } from 'node:child_process';

export const RATE = 16000; // Hz

function run(cmd, args, input) {
  const r = spawnSync(cmd, args, { input, maxBuffer: 64 << 20 });
  if (r.error?.code === 'ENOENT') {
    throw new Error(`no encuentro «${cmd}». Instálalo (Debian: apt-get install -y espeak-ng sox) y vuelve a probar.`);
  }
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} terminó con código ${r.status}: ${r.stderr.toString().trim()}`);
  return r.stdout;
}

/** Versions of the two tools, for the manifest (the output depends on them). */
export function toolVersions() {
  const es = run('espeak-ng', ['--version']).toString().match(/text-to-speech:\s*(\S+)/)?.[1] ?? '?';
  const sx = run('sox', ['--version']).toString().match(/SoX v(\S+)/)?.[1] ?? '?';
  return { 'espeak-ng': es, sox: sx };
}

/**
 * espeak-ng's --stdout WAV: 16-bit mono PCM whose RIFF/data sizes are placeholders (it streams),
 * so the rate is read from "fmt " and the samples are everything after the "data" header.
 */
function parseEspeakWav(buf) {
  if (buf.toString('latin1', 0, 4) !== 'RIFF' || buf.toString('latin1', 8, 12) !== 'WAVE') throw new Error('espeak-ng no devolvió un WAV');
  let p = 12;
  let rate = 0;
  while (p + 8 <= buf.length) {
    const id = buf.toString('latin1', p, p + 4);
    const size = buf.readUInt32LE(p + 4);
    if (id === 'fmt ') {
      if (buf.readUInt16LE(p + 8) !== 1 || buf.readUInt16LE(p + 10) !== 1 || buf.readUInt16LE(p + 22) !== 16) throw new Error('espeak-ng: se esperaba PCM de 16 bits mono');
      rate = buf.readUInt32LE(p + 12);
    } else if (id === 'data') {
      const start = p + 8;
      const n = (buf.length - start) >> 1;
      return { rate, pcm: buf.subarray(start, start + 2 * n) };
    }
    p += 8 + size + (size & 1);
  }
  throw new Error('espeak-ng: WAV sin bloque de datos');
}

/**
 * One utterance of `text` by `voice` (e.g. "es+f3", "es-419+m2") at `speed` words per minute
 * (-s) and `pitch` 0–99 (-p), amplitude 60 (-a; 100 clips on some vowels), as 16 kHz float samples. sox resamples (rate -v, very high
 * quality) and writes 32-bit floats with no dither, so the result is deterministic.
 */
export function synth(text, voice, speed, pitch) {
  const wav = run('espeak-ng', ['-v', voice, '-s', String(speed), '-p', String(pitch), '-a', '60', '--stdout', text]);
  const { rate, pcm } = parseEspeakWav(wav);
  const raw = run('sox', [
    '-t', 'raw', '-r', String(rate), '-e', 'signed-integer', '-b', '16', '-c', '1', '-L', '-',
    '-D', '-t', 'raw', '-e', 'floating-point', '-b', '32', '-c', '1', '-L', '-',
    'rate', '-v', String(RATE),
  ], pcm);
  const out = new Float32Array(raw.length >> 2);
  for (let i = 0; i < out.length; i++) out[i] = raw.readFloatLE(4 * i);
  return out;
}
