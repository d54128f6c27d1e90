// kws-live's pure core (widgets/kws-live/core.ts): settings mapping, timeline geometry, and the
// whole chain (features → course model → recognizer) on the shipped samples padded with silence.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { RECOGNIZE_DEFAULTS } from '../../widgets/lib/audio/recognize';
import { toCourseRate } from '../../widgets/lib/audio/resample';
import { decodeWav } from '../../widgets/lib/audio/wav';
import type { KwsMeta } from '../../widgets/lib/kws/contract';
import type { Detection, TimelinePoint } from '../../widgets/lib/kws/timeline';
import {
  LIVE_DEFAULTS, LiveEngine, countByLabel, detectionsInView, effectiveEveryMs, hopMs, keywordsOf, recognizerSettings, seriesPath,
  suppressionBand, timeToX, viewOf, withPadding,
} from '../../widgets/kws-live/core';

const det = (timeMs: number, label: string, quiet = false, supp = 1500): Detection => ({ timeMs, label, suppressedUntilMs: timeMs + supp, quiet });
const pt = (timeMs: number, p0: number): TimelinePoint => ({ timeMs, probs: Float32Array.of(p0, 1 - p0), averages: null });

describe('settings mapping', () => {
  it('maps the sliders to RecognizeCommands and a whole number of 20 ms hops', () => {
    expect(hopMs()).toBe(20);
    expect(hopMs({ hopLength: 160 })).toBe(10);
    const r = recognizerSettings(LIVE_DEFAULTS);
    expect(r.settings).toEqual({ averageWindowMs: 1000, detectionThreshold: 0.78, suppressionMs: 1500, minimumCount: 3 });
    expect(r.everyHops).toBe(5);
    expect(Math.abs(LIVE_DEFAULTS.umbral - RECOGNIZE_DEFAULTS.detectionThreshold)).toBeLessThan(0.005);
    expect(recognizerSettings({ ...LIVE_DEFAULTS, cada: 20 }).everyHops).toBe(1);
    expect(recognizerSettings({ ...LIVE_DEFAULTS, cada: 5 }).everyHops).toBe(1);
    expect(recognizerSettings({ ...LIVE_DEFAULTS, cada: 250 }).everyHops).toBe(13); // 12.5 rounds up
    expect(effectiveEveryMs(250)).toBe(260);
    expect(effectiveEveryMs(100, { hopLength: 160 })).toBe(100);
  });
});

describe('timeline geometry', () => {
  it('time → x over the last 5 s, ending at the newest point', () => {
    const v0 = viewOf([], 40, 540);
    expect(v0).toEqual({ endMs: 5000, spanMs: 5000, x0: 40, x1: 540 });
    const v = viewOf([pt(1000, 0), pt(8000, 0)], 40, 540);
    expect(v.endMs).toBe(8000);
    expect(timeToX(8000, v)).toBe(540);
    expect(timeToX(3000, v)).toBe(40);
    expect(timeToX(5500, v)).toBe(290);
  });
  it('keeps the detections whose suppression window overlaps the view; clips the band', () => {
    const v = viewOf([pt(8000, 0)], 0, 500); // view 3000…8000 ms, 0.1 px/ms
    const ds = [det(1000, 'sí'), det(2000, 'no'), det(4000, 'sí'), det(4100, 'silencio', true), det(7900, 'no')];
    expect(detectionsInView(ds, v).map((d) => d.timeMs)).toEqual([2000, 4000, 7900]);
    expect(detectionsInView(ds, v, true).map((d) => d.timeMs)).toEqual([2000, 4000, 4100, 7900]);
    expect(suppressionBand(ds[1]!, v)).toEqual({ x: 0, width: 50 }); // 3000…3500 ms
    expect(suppressionBand(ds[2]!, v)).toEqual({ x: 100, width: 150 });
    expect(suppressionBand(ds[4]!, v)).toEqual({ x: 490, width: 10 }); // cut at «ahora»
  });
  it('draws a series as a path in view, breaking on missing values', () => {
    const v = viewOf([pt(5000, 0)], 0, 100); // 0…5000 ms, 0.02 px/ms
    const pts = [pt(1000, 1), pt(2000, 0.5), { ...pt(3000, 0), probs: Float32Array.of(NaN, 1) }, pt(4000, 0), pt(5000, 0)];
    expect(seriesPath(pts, (p) => p.probs[0]!, v, 10, 110)).toBe('M20.0,10.0L40.0,60.0M80.0,110.0L100.0,110.0');
    const late = viewOf([pt(9000, 0)], 0, 100);
    expect(seriesPath([pt(1000, 1), pt(9000, 2)], (p) => p.probs[0]!, late, 10, 110)).toBe('M100.0,10.0'); // clamped to 1
  });
  it('counts reported detections per label and names the keywords', () => {
    const ds = [det(1, 'sí'), det(2, 'silencio', true), det(3, 'no'), det(4, 'sí')];
    expect([...countByLabel(ds, ['sí', 'no'])]).toEqual([['sí', 2], ['no', 1]]);
    expect(keywordsOf(['sí', 'no', 'silencio', 'desconocido'])).toEqual(['sí', 'no']);
  });
  it('pads a sample with silence before and after', () => {
    const out = withPadding(Float32Array.of(9, 9), Float32Array.of(1, 2, 3), 0.25, 0.5, 8);
    expect(Array.from(out)).toEqual([1, 2, 9, 9, 1, 2, 3, 1]);
  });
});

describe('LiveEngine with the course model', () => {
  const dir = join(__dirname, '../../public/models/kws-default');
  const samples = join(__dirname, '../../public/data/keywords/samples');
  let meta: KwsMeta;
  let model: tf.LayersModel;
  const wav = (name: string): Float32Array => {
    const w = decodeWav(new Uint8Array(readFileSync(join(samples, `${name}.wav`))));
    return toCourseRate(w.channels, w.sampleRate, 16000);
  };
  const run = (name: string, s = LIVE_DEFAULTS, chunk = 320): LiveEngine => {
    const e = new LiveEngine(meta, (x) => tf.tidy(() => (model.predict(tf.tensor4d(x, [1, meta.frames, meta.bins, 1])) as tf.Tensor).dataSync()), s, 1e9);
    const sil = wav('silencio');
    const all = withPadding(wav(name), sil);
    for (let i = 0; i < all.length; i += chunk) e.push(all.subarray(i, i + chunk));
    return e;
  };
  beforeAll(async () => {
    await tf.setBackend('cpu');
    await tf.ready();
    meta = JSON.parse(readFileSync(join(dir, 'metadata.json'), 'utf8')) as KwsMeta;
    const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
    const bin = readFileSync(join(dir, json.weightsManifest[0].paths[0]));
    model = await tf.loadLayersModel(tf.io.fromMemory(json.modelTopology, json.weightsManifest[0].weights, bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength)));
  });

  it('silence – «sí» – silence fires «sí» once with the defaults; chunk size does not matter', () => {
    for (const name of ['si-1', 'si-2']) {
      const e = run(name);
      expect(e.timeline.labels, name).toEqual(['sí']);
      expect(e.samples).toBe(48000);
      // 3 s → ⌊(48000 − 480) / 320⌋ + 1 = 149 frames; first inference at frame 49, then every 5.
      expect(e.timeline.inferences).toBe(Math.floor((149 - 49) / 5) + 1);
    }
    const a = run('si-1', LIVE_DEFAULTS, 320).timeline.points;
    const b = run('si-1', LIVE_DEFAULTS, 1000).timeline.points;
    expect(b.map((p) => p.timeMs)).toEqual(a.map((p) => p.timeMs));
    b.forEach((p, i) => expect(Array.from(p.probs)).toEqual(Array.from(a[i]!.probs)));
  });
  it('the picker\'s loop (0,5 s of silence, the clip, 0,5 s) fires once per turn with the defaults', () => {
    const sil = wav('silencio');
    for (const [name, label] of [['si-1', 'sí'], ['si-2', 'sí'], ['no-2', 'no']] as const) {
      const turn = withPadding(wav(name), sil, 0.5, 0.5);
      const e = new LiveEngine(meta, (x) => tf.tidy(() => (model.predict(tf.tensor4d(x, [1, meta.frames, meta.bins, 1])) as tf.Tensor).dataSync()), LIVE_DEFAULTS, 1e9);
      // Four turns (8 s); a detection comes ≈ 0,6–1,6 s after the clip ends, so the last may fall outside.
      for (let k = 0; k < 4; k++) for (let i = 0; i < turn.length; i += 320) e.push(turn.subarray(i, i + 320));
      const got = e.timeline.labels;
      expect(got.length, name).toBeGreaterThanOrEqual(3);
      expect(got.length, name).toBeLessThanOrEqual(4);
      expect(new Set(got), name).toEqual(new Set([label]));
      // One per turn: consecutive detections ≈ 2 s apart (never twice inside one suppression window).
      const t = e.timeline.detections.filter((d) => !d.quiet).map((d) => d.timeMs);
      for (let i = 1; i < t.length; i++) expect(t[i]! - t[i - 1]!, name).toBeGreaterThan(1500);
    }
  });
  it('the teaching point: «no-1» is missed with a 1000 ms average and caught with 500 ms; threshold 1 never fires', () => {
    expect(run('no-1').timeline.labels).toEqual([]);
    expect(run('no-1', { ...LIVE_DEFAULTS, ventana: 500 }).timeline.labels).toEqual(['no']);
    expect(run('no-2').timeline.labels).toEqual(['no']);
    expect(run('si-1', { ...LIVE_DEFAULTS, umbral: 1 }).timeline.labels).toEqual([]);
    expect(run('silencio').timeline.labels).toEqual([]);
    expect(run('desconocido').timeline.labels).toEqual([]);
  });
});
