import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { encodeWav16 } from '../../widgets/lib/audio/wav';
import {
  CLIP_SAMPLES, ClipCollector, KWS_LABELS, PEAK_WINDOW, centreClip, clipHint, countByLabel, countsAttr, envelope, fitClip,
  importItems, initialRec, isClutter, meterZone, labelFromPath, level, loudestWindow, makeId, matchLabel, meterFraction, recStep,
  shiftClip, wavName, zipPath, type RecEvent, type RecState,
} from '../../widgets/kws-recorder/core';

/** Independent references: plain loops over the definitions in the header. */
const refDb = (a: number): number => (a > 0 ? Math.max(-90, 20 * Math.log10(a)) : -90);
function refLoudest(x: Float32Array, win: number): number {
  let best = -1;
  let at = 0;
  for (let s = 0; s + win <= x.length; s++) {
    let e = 0;
    for (let i = s; i < s + win; i++) e += x[i]! * x[i]!;
    if (e > best + 1e-12) { best = e; at = s; }
  }
  return at;
}
/** A 1 kHz burst of `len` samples at amplitude `amp` starting at `at`, in `n` samples. */
function burst(n: number, at: number, len: number, amp = 0.5): Float32Array {
  const x = new Float32Array(n);
  for (let i = at; i < at + len && i < n; i++) x[i] = amp * Math.sin((2 * Math.PI * 1000 * i) / 16000);
  return x;
}

describe('labels', () => {
  it('are the classes of the default model', () => {
    const meta = JSON.parse(readFileSync('public/models/kws-default/metadata.json', 'utf8')) as { classes: string[] };
    expect([...KWS_LABELS]).toEqual(meta.classes);
  });
  it('match folders ignoring accents and case', () => {
    expect(matchLabel('si')).toBe('sí');
    expect(matchLabel('SÍ')).toBe('sí');
    expect(matchLabel('Silencio')).toBe('silencio');
    expect(matchLabel('quizá')).toBeNull();
  });
});

describe('level meter (dBFS)', () => {
  it('full-scale square wave: 0 dBFS rms and peak; half: −6,02', () => {
    const sq = Float32Array.from({ length: 320 }, (_, i) => (i % 2 ? 1 : -1));
    expect(level(sq).rmsDb).toBeCloseTo(0, 6);
    expect(level(sq).peakDb).toBeCloseTo(0, 6);
    const half = sq.map((v) => v / 2);
    expect(level(half).peakDb).toBeCloseTo(20 * Math.log10(0.5), 6);
  });
  it('a sine of amplitude A: rms = A/√2 (−3,01 dB below its peak)', () => {
    const x = burst(16000, 0, 16000, 0.25);
    const l = level(x);
    expect(l.peakDb).toBeCloseTo(refDb(0.25), 3);
    expect(l.rmsDb).toBeCloseTo(refDb(0.25 / Math.SQRT2), 3);
  });
  it('silence clamps at −90 dBFS; the bar spans −60…0', () => {
    expect(level(new Float32Array(100))).toEqual({ rmsDb: -90, peakDb: -90 });
    expect(level(new Float32Array(0)).rmsDb).toBe(-90);
    expect(meterFraction(-90)).toBe(0);
    expect(meterFraction(-30)).toBeCloseTo(0.5);
    expect(meterFraction(0)).toBe(1);
    expect(meterFraction(3)).toBe(1);
  });
  it('live zone per chunk: satura at peak ≥ −1 dBFS, demasiado bajo at rms < −40 dBFS', () => {
    expect(meterZone({ rmsDb: -20, peakDb: -0.5 })).toBe('clip');
    expect(meterZone({ rmsDb: -41, peakDb: -30 })).toBe('low');
    expect(meterZone({ rmsDb: -40, peakDb: -1.01 })).toBe('ok');
  });
  it('hints: satura at ≥ −1 dBFS peak, demasiado bajo under −40 dBFS in the loudest 100 ms, never for silencio', () => {
    expect(clipHint(burst(16000, 4000, 3000, 0.95), 'sí')).toBe('clip');
    expect(clipHint(burst(16000, 4000, 3000, 0.5), 'sí')).toBe('ok');
    expect(clipHint(burst(16000, 4000, 3000, 0.005), 'no')).toBe('low');
    expect(clipHint(burst(16000, 4000, 3000, 0.005), 'silencio')).toBe('ok');
  });
});

describe('countdown and phases', () => {
  const run = (events: RecEvent['type'][]): RecState => events.reduce((s, t) => recStep(s, { type: t } as RecEvent), initialRec);
  it('3-2-1 then recording then saved', () => {
    const states: RecState[] = [];
    let s = recStep(initialRec, { type: 'start' });
    states.push(s);
    for (let i = 0; i < 3; i++) states.push((s = recStep(s, { type: 'tick' })));
    expect(states).toEqual([
      { phase: 'countdown', count: 3 }, { phase: 'countdown', count: 2 }, { phase: 'countdown', count: 1 }, { phase: 'recording', count: 0 },
    ]);
    expect(recStep(s, { type: 'saved' })).toEqual({ phase: 'saved', count: 0 });
  });
  it('ignores start while busy, ticks outside the countdown; cancel and fail', () => {
    expect(run(['start', 'tick', 'start'])).toEqual({ phase: 'countdown', count: 2 });
    expect(run(['tick', 'saved'])).toEqual(initialRec);
    expect(run(['start', 'cancel'])).toEqual(initialRec);
    expect(run(['start', 'fail'])).toEqual({ phase: 'error', count: 0 });
    expect(run(['start', 'fail', 'start'])).toEqual({ phase: 'countdown', count: 3 });
    expect(run(['start', 'tick', 'tick', 'tick', 'saved', 'start'])).toEqual({ phase: 'countdown', count: 3 });
  });
});

describe('clip collector', () => {
  it('exactly 16000 samples from 320-sample chunks, the surplus dropped', () => {
    const c = new ClipCollector();
    let n = 0;
    let done = false;
    while (!done) {
      const chunk = Float32Array.from({ length: 330 }, (_, i) => (n + i) / 1e5);
      done = c.push(chunk);
      n += 330;
    }
    const clip = c.clip();
    expect(clip.length).toBe(CLIP_SAMPLES);
    expect(clip[15999]).toBeCloseTo(15999 / 1e5, 6);
    expect(c.push([1, 2])).toBe(true);
    expect(c.clip().length).toBe(16000);
  });
});

describe('centring', () => {
  it('loudestWindow agrees with a brute-force search', () => {
    const x = burst(4000, 2500, 500, 0.3);
    x[100] = 0.9;
    expect(loudestWindow(x, 400)).toBe(refLoudest(x, 400));
    expect(loudestWindow(x, 5000)).toBe(0);
  });
  it('moves a word at 0,2 s to the middle (its 100 ms peak centred at sample 8000)', () => {
    const x = burst(16000, 2400, 1600, 0.5); // peak window [2400, 4000), centre 3200
    const { samples, shift } = centreClip(x);
    expect(shift).toBe(8000 - 3200);
    expect(samples.length).toBe(16000);
    expect(loudestWindow(samples, PEAK_WINDOW) + PEAK_WINDOW / 2).toBe(8000);
    expect(samples[2400 + shift + 5]).toBeCloseTo(x[2405]!, 7);
    expect(samples[0]).toBe(0);
  });
  it('an already centred clip does not move; shiftClip fills with zeros', () => {
    const x = burst(16000, 7200, 1600, 0.5);
    expect(centreClip(x).shift).toBe(0);
    expect(Array.from(shiftClip(Float32Array.from([1, 2, 3, 4]), -1))).toEqual([2, 3, 4, 0]);
    expect(Array.from(shiftClip(Float32Array.from([1, 2, 3, 4]), 2))).toEqual([0, 0, 1, 2]);
  });
  it('fitClip: longer → the loudest second, shorter → centred with zeros', () => {
    const long = burst(40000, 30000, 2000, 0.5);
    const f = fitClip(long);
    expect(f.length).toBe(16000);
    expect(level(f).peakDb).toBeCloseTo(level(long).peakDb, 6);
    const short = Float32Array.from([1, 2, 3]);
    const g = fitClip(short, 8);
    expect(Array.from(g)).toEqual([0, 0, 1, 2, 3, 0, 0, 0]);
  });
});

describe('ids and names', () => {
  it('makeId skips taken ids', () => {
    expect(makeId(36, new Set())).toBe('rec-10-1');
    expect(makeId(36, new Set(['rec-10-1', 'rec-10-2']))).toBe('rec-10-3');
  });
  it('zip paths and single downloads', () => {
    const r = { label: 'sí', id: 'rec-abc-1' };
    expect(zipPath(r)).toBe('sí/rec-abc-1.wav');
    expect(wavName(r)).toBe('sí_rec-abc-1.wav');
  });
  it('labelFromPath: folder, our own loose name, or the chosen label', () => {
    expect(labelFromPath('sí/rec-abc-1.wav', 'no')).toEqual({ label: 'sí', id: 'rec-abc-1' });
    expect(labelFromPath('mis/si/grab 1.wav', 'no')).toEqual({ label: 'sí', id: null });
    expect(labelFromPath('sí_rec-abc-1.wav', 'no')).toEqual({ label: 'sí', id: 'rec-abc-1' });
    expect(labelFromPath('hola.wav', 'silencio')).toEqual({ label: 'silencio', id: null });
    expect(labelFromPath('perro/x.wav', 'no')).toEqual({ error: 'la carpeta «perro» no es una de las palabras del curso (sí, no, silencio, desconocido)' });
    expect(isClutter('__MACOSX/sí/._a.wav')).toBe(true);
    expect(isClutter('sí/a.wav')).toBe(false);
  });
});

describe('import', () => {
  const wav = (n: number, rate: number): Uint8Array => encodeWav16(burst(n, 0, n, 0.5), rate);
  it('round-trips our own export (same ids, labels, samples within 1/32768)', () => {
    const clip = burst(16000, 5000, 3000, 0.4);
    const res = importItems([{ shown: 'x.zip › sí/rec-a-1.wav', path: 'sí/rec-a-1.wav', bytes: encodeWav16(clip, 16000) }], 'no', 1000, new Set());
    expect(res.errors).toEqual([]);
    expect(res.recordings).toHaveLength(1);
    const r = res.recordings[0]!;
    expect([r.id, r.label, r.samples.length]).toEqual(['rec-a-1', 'sí', 16000]);
    let worst = 0;
    for (let i = 0; i < 16000; i++) worst = Math.max(worst, Math.abs(r.samples[i]! - clip[i]!));
    expect(worst).toBeLessThanOrEqual(1 / 32768);
  });
  it('any rate: 2 s at 44,1 kHz → 1 s at 16 kHz', () => {
    const res = importItems([{ shown: 'largo.wav', path: 'largo.wav', bytes: wav(88200, 44100) }], 'desconocido', 5, new Set());
    expect(res.errors).toEqual([]);
    expect(res.recordings[0]!.samples.length).toBe(16000);
    expect(res.recordings[0]!.label).toBe('desconocido');
    expect(res.recordings[0]!.id).toBe('rec-5-1');
  });
  it('a bad file gets a Spanish line naming it and the rest still import', () => {
    const res = importItems([
      { shown: 'roto.wav', path: 'roto.wav', bytes: new TextEncoder().encode('no soy un wav') },
      { shown: 'bueno.wav', path: 'bueno.wav', bytes: wav(16000, 16000) },
      { shown: 'z.zip › notas.txt', path: 'notas.txt', bytes: new Uint8Array(3) },
      { shown: 'z.zip › perro/a.wav', path: 'perro/a.wav', bytes: wav(100, 16000) },
      { shown: 'z.zip › __MACOSX/._a.wav', path: '__MACOSX/._a.wav', bytes: new Uint8Array(3) },
    ], 'sí', 0, new Set());
    expect(res.recordings.map((r) => r.label)).toEqual(['sí']);
    expect(res.errors).toHaveLength(3);
    expect(res.errors[0]).toMatch(/^«roto\.wav»: Este archivo no es un WAV/);
    expect(res.errors[1]).toBe('«z.zip › notas.txt»: no es un archivo .wav; lo he saltado.');
    expect(res.errors[2]).toMatch(/^«z\.zip › perro\/a\.wav»: la carpeta «perro»/);
  });
  it('ids repeated inside one import get fresh ones', () => {
    const b = wav(16000, 16000);
    const res = importItems([{ shown: 'a', path: 'sí/rec-x-1.wav', bytes: b }, { shown: 'b', path: 'no/rec-x-1.wav', bytes: b }], 'sí', 0, new Set(['rec-0-1']));
    expect(res.recordings.map((r) => r.id)).toEqual(['rec-x-1', 'rec-0-2']);
  });
});

describe('counts and waveform', () => {
  it('counts per label, course labels first', () => {
    const c = countByLabel([{ label: 'no' }, { label: 'sí' }, { label: 'no' }]);
    expect(countsAttr(c)).toBe('sí:1;no:2;silencio:0;desconocido:0');
  });
  it('envelope: min and max per column', () => {
    expect(envelope(Float32Array.from([0.1, -0.2, 0.3, -0.4]), 2)).toEqual([[-0.2, 0.1], [-0.4, 0.3]].map(([a, b]) => [Math.fround(a!), Math.fround(b!)]));
  });
});
