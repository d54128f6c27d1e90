// The shipped Spanish keyword set (public/data/keywords/, scripts/keywords/generate.mjs) and its
// loader (widgets/lib/kws-data): manifest and clips.bin agree, 1 s clips at 16 kHz, no voice on
// two sides of the split, classes balanced (stated tolerance: each class within 5 % of the split's
// mean; the generator makes them equal), ≤ 5 MB, the WAV samples equal their clips; the loader's
// Spanish errors; μ-law, noise and augmentation.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allVoices, CLASSES, planClips, splitVoices } from '../../scripts/keywords/plan.mjs';
import { decodeWav } from '../../widgets/lib/audio/wav';
import { rfft } from '../../widgets/lib/dsp';
import { augmentClip, shiftClip } from '../../widgets/lib/kws-data/augment';
import { clipsOfSplit, countByClass, expectedBinBytes, fetchKeywordSet, parseKeywordManifest, parseKeywordSet, SPLITS } from '../../widgets/lib/kws-data/keyword-set';
import { decodeMuLaw, encodeMuLaw, muLawDecode, muLawEncode } from '../../widgets/lib/kws-data/mulaw';
import { makeNoise, NOISE_KINDS } from '../../widgets/lib/kws-data/noise';
import { createRng } from '../../widgets/lib/rng/rng';

const DIR = 'public/data/keywords';
const manifestJson = JSON.parse(readFileSync(join(DIR, 'manifest.json'), 'utf8'));
const bin = new Uint8Array(readFileSync(join(DIR, 'clips.bin')));
const parsed = parseKeywordSet(manifestJson, bin);
if (!parsed.ok) throw new Error(parsed.message);
const set = parsed.value;
const clone = () => JSON.parse(JSON.stringify(manifestJson));
const rms = (x: Float32Array, a = 0, b = x.length) => {
  let s = 0;
  for (let i = a; i < b; i++) s += x[i]! * x[i]!;
  return Math.sqrt(s / Math.max(1, b - a));
};

describe('committed keyword set', () => {
  it('manifest and clips.bin agree: 1 s clips at 16 kHz, μ-law, indices in order', () => {
    expect(set.sampleRate).toBe(16000);
    expect(set.manifest.clipSamples).toBe(16000);
    expect(set.manifest.encoding).toBe('mulaw8');
    expect(set.classes).toEqual(['sí', 'no', 'silencio', 'desconocido']);
    expect(bin.byteLength).toBe(set.clips.length * 16000);
    expect(bin.byteLength).toBe(expectedBinBytes(set.manifest));
    set.clips.forEach((c, i) => {
      expect(c.index).toBe(i);
      expect(c.samples.length).toBe(16000);
      expect(c.labelIndex).toBe(set.classes.indexOf(c.label));
    });
  });

  it('no voice on two sides; every clip is on its voice\'s side; «silencio» has no voice', () => {
    const { voices } = set.manifest;
    const all = [...voices.train, ...voices.val, ...voices.test];
    expect(new Set(all).size).toBe(all.length);
    for (const s of SPLITS) expect(voices[s].length).toBeGreaterThan(0);
    for (const c of set.clips) {
      if (c.label === 'silencio') expect(c.voice).toBeNull();
      else expect(voices[c.split]).toContain(c.voice);
    }
    for (const s of SPLITS) {
      const used = new Set(clipsOfSplit(set, s).map((c) => c.voice).filter((v): v is string => v !== null));
      for (const o of SPLITS) if (o !== s) for (const v of clipsOfSplit(set, o)) expect(v.voice !== null && used.has(v.voice)).toBe(false);
    }
  });

  it('classes balanced in every split (each within 5 % of the mean)', () => {
    for (const s of SPLITS) {
      const n = countByClass(clipsOfSplit(set, s), set.classes);
      const mean = Object.values(n).reduce((a, b) => a + b, 0) / set.classes.length;
      for (const k of set.classes) expect(Math.abs(n[k]! - mean)).toBeLessThanOrEqual(0.05 * mean);
    }
    expect(clipsOfSplit(set, 'test').length).toBeGreaterThanOrEqual(40);
  });

  it('total size of public/data/keywords is at most 5 MB', () => {
    const walk = (d: string): number => readdirSync(d).reduce((t, f) => {
      const p = join(d, f);
      return t + (statSync(p).isDirectory() ? walk(p) : statSync(p).size);
    }, 0);
    expect(walk(DIR)).toBeLessThanOrEqual(5_000_000);
  });

  it('words are audible over their noise and inside the clip; «silencio» is quiet', () => {
    for (const c of set.clips) {
      expect(Math.max(...c.samples.map(Math.abs))).toBeLessThan(1);
      if (c.label === 'silencio') {
        expect(rms(c.samples)).toBeLessThan(10 ** (-20 / 20));
        continue;
      }
      expect(c.shiftMs! + c.durationMs!).toBeLessThanOrEqual(1000);
      const word = rms(c.samples, c.shiftMs! * 16, (c.shiftMs! + c.durationMs!) * 16);
      expect(20 * Math.log10(word / 10 ** (c.noise.levelDb / 20))).toBeGreaterThan(10);
    }
  });

  it('each sample WAV is 16-bit 16 kHz mono, from a test voice, equal to its clip', () => {
    const files = readdirSync(join(DIR, 'samples')).sort();
    expect(files.length).toBeGreaterThanOrEqual(4);
    expect(files.length).toBeLessThanOrEqual(8);
    expect(set.manifest.samples.map((s) => s.file).sort()).toEqual(files);
    expect(new Set(set.manifest.samples.map((s) => s.label))).toEqual(new Set(set.classes));
    for (const s of set.manifest.samples) {
      const bytes = new Uint8Array(readFileSync(join(DIR, 'samples', s.file)));
      expect(new DataView(bytes.buffer, bytes.byteOffset).getUint16(34, true)).toBe(16); // bits per sample
      const w = decodeWav(bytes);
      expect(w.sampleRate).toBe(16000);
      expect(w.channels.length).toBe(1);
      const clip = set.clips[s.index]!;
      expect(clip.split).toBe('test');
      expect(clip.label).toBe(s.label);
      expect(Array.from(w.channels[0]!)).toEqual(Array.from(clip.samples));
    }
  });
});

describe('the generator\'s plan (scripts/keywords/plan.mjs)', () => {
  it('splitVoices: every voice on exactly one side, for many seeds', () => {
    const voices = allVoices();
    for (let seed = 0; seed < 20; seed++) {
      const s = splitVoices(voices, createRng(seed));
      const all = [...s.train, ...s.val, ...s.test];
      expect(all.sort()).toEqual(voices.map((v) => v.id).sort());
      expect(s.test.length).toBeGreaterThan(0);
      expect(s.val.length).toBeGreaterThan(0);
    }
  });

  it('planClips is balanced and repeats for a seed; the committed manifest matches seed', () => {
    const a = planClips(createRng(set.manifest.seed));
    const b = planClips(createRng(set.manifest.seed));
    expect(a).toEqual(b);
    expect(a.split).toEqual(set.manifest.voices);
    expect(a.clips.map((c) => [c.label, c.word, c.voice, c.split, c.speed, c.pitch])).toEqual(
      set.clips.map((c) => [c.label, c.word, c.voice, c.split, c.speed, c.pitch]),
    );
    const n = countByClass(a.clips, CLASSES);
    expect(new Set(Object.values(n)).size).toBe(1);
    expect(a.clips.some((c) => c.word === 'si')).toBe(false);
  });
});

describe('loader errors (Spanish)', () => {
  const bad = (m: unknown, b: Uint8Array = bin) => {
    const r = parseKeywordSet(m, b);
    expect(r.ok).toBe(false);
    return r.ok ? '' : r.message;
  };
  it('size mismatch between clips.bin and the manifest', () => {
    expect(bad(manifestJson, bin.subarray(0, bin.length - 1))).toMatch(/clips\.bin no corresponde al manifiesto: tiene \d+ bytes .* deberían ser \d+/);
  });
  it('bad manifests say which field', () => {
    expect(bad(null)).toMatch(/no es un objeto JSON/);
    expect(bad({ ...clone(), format: 'otro' })).toMatch(/«format»/);
    expect(bad({ ...clone(), version: 2 })).toMatch(/versión 2/);
    expect(bad({ ...clone(), encoding: 'mp3' })).toMatch(/codificación «mp3»/);
    expect(bad({ ...clone(), sampleRate: 0 })).toMatch(/sampleRate/);
    const twoSides = clone();
    twoSides.voices.test.push(twoSides.voices.train[0]);
    expect(bad(twoSides)).toMatch(/está en «train» y en «test»/);
    const label = clone();
    label.clips[3].label = 'quizá';
    expect(bad(label)).toMatch(/el clip 3 tiene la etiqueta «quizá»/);
    const order = clone();
    order.clips[5].index = 9;
    expect(bad(order)).toMatch(/el clip 5 tiene «index» 9/);
    const side = clone();
    const w = side.clips.findIndex((c: { voice: string | null }) => c.voice !== null);
    side.clips[w].split = side.clips[w].split === 'test' ? 'train' : 'test';
    expect(bad(side)).toMatch(/no está en la lista de voces/);
    expect(parseKeywordManifest({ ...clone(), clips: [] }).ok).toBe(false);
  });
  it('fetchKeywordSet: loads with the fetch passed in; a 404 is a Spanish message', async () => {
    const files: Record<string, Uint8Array> = { 'manifest.json': new Uint8Array(readFileSync(join(DIR, 'manifest.json'))), 'clips.bin': bin };
    const okFetch = async (url: string) => {
      const name = url.replace('/base/', '');
      const f = files[name];
      return f ? new Response(new Blob([f as Uint8Array<ArrayBuffer>])) : new Response('no', { status: 404 });
    };
    const r = await fetchKeywordSet(okFetch, '/base/');
    expect(r.ok && r.value.clips.length).toBe(set.clips.length);
    const missing = await fetchKeywordSet(async (u) => (u.endsWith('.bin') ? new Response('', { status: 404 }) : okFetch(u)), '/base/');
    expect(missing.ok ? '' : missing.message).toMatch(/no pude descargar clips\.bin \(el servidor respondió 404\)/);
    const offline = await fetchKeywordSet(async () => { throw new TypeError('x'); }, '/base/');
    expect(offline.ok).toBe(false);
  });
});

describe('μ-law (G.711)', () => {
  it('known codes and round trips', () => {
    expect(muLawEncode(0)).toBe(0xff);
    expect(muLawDecode(0x00)).toBe(-32124);
    expect(muLawDecode(0x80)).toBe(32124);
    expect(muLawDecode(0xff)).toBe(0);
    for (let b = 0; b < 256; b++) if (b !== 0x7f) expect(muLawEncode(muLawDecode(b))).toBe(b);
    for (let x = -32768; x < 32768; x += 7) {
      const e = Math.abs(muLawDecode(muLawEncode(x)) - Math.max(-32124, Math.min(32124, x)));
      expect(e).toBeLessThanOrEqual(4 + Math.abs(x) / 32);
    }
    const f = Float32Array.from([0, 0.5, -0.5, 0.999]);
    decodeMuLaw(encodeMuLaw(f)).forEach((v, i) => expect(v).toBeCloseTo(f[i]!, 1));
  });
});

describe('noise and augmentation', () => {
  const lowHigh = (x: Float32Array) => {
    const X = rfft(x, 8192);
    let lo = 0;
    let hi = 0;
    for (let k = 1; k <= 4096; k++) (k < 1024 ? (v: number) => (lo += v) : (v: number) => (hi += v))(X.re[k]! ** 2 + X.im[k]! ** 2);
    return lo / 1023 / (hi / 3073);
  };
  it('unit RMS, zero mean, colour by kind, same seed same noise', () => {
    const ratio: Record<string, number> = {};
    for (const k of NOISE_KINDS) {
      const x = makeNoise(k, 8192, createRng(3));
      expect(rms(x)).toBeCloseTo(1, 4);
      expect(Math.abs(x.reduce((a, b) => a + b, 0) / x.length)).toBeLessThan(1e-6);
      expect(makeNoise(k, 8192, createRng(3))).toEqual(x);
      ratio[k] = lowHigh(x);
    }
    expect(ratio.white!).toBeGreaterThan(0.7);
    expect(ratio.white!).toBeLessThan(1.4);
    expect(ratio.pink!).toBeGreaterThan(3 * ratio.white!);
    expect(ratio.brown!).toBeGreaterThan(5 * ratio.pink!);
  });
  it('shiftClip moves and zero-fills; augmentClip is seeded and keeps the word inside', () => {
    const x = Float32Array.from([1, 2, 3, 4]);
    expect(Array.from(shiftClip(x, 1))).toEqual([0, 1, 2, 3]);
    expect(Array.from(shiftClip(x, -2))).toEqual([3, 4, 0, 0]);
    expect(Array.from(shiftClip(x, 9))).toEqual([0, 0, 0, 0]);
    const clip = set.clips.find((c) => c.label === 'sí')!;
    const opts = { sampleRate: 16000, maxShiftMs: 400, keepMs: [clip.shiftMs!, clip.shiftMs! + clip.durationMs!] as [number, number] };
    expect(augmentClip(clip.samples, createRng(5), opts)).toEqual(augmentClip(clip.samples, createRng(5), opts));
    const word = rms(clip.samples);
    for (let s = 0; s < 30; s++) {
      const y = augmentClip(clip.samples, createRng(s), { ...opts, noiseProb: 0 });
      expect(y.length).toBe(16000);
      expect(rms(y)).toBeCloseTo(word, 2);
    }
  });
});
