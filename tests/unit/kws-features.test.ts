import { describe, expect, it } from 'vitest';
import { computeFeatures } from '../../widgets/lib/audio/features';
import { createRng } from '../../widgets/lib/rng/rng';
import {
  DEFAULT_SETTINGS, FeatureStream, RowRing, StickyRange, argmax, binHz, describeParams, emptyFilters, powerDb, resolveSettings,
} from '../../widgets/kws-features/core';

/** 1.2 s: a 440 Hz tone in noise, then a 2 kHz tone. */
function signal(n = 19200): Float32Array {
  const rng = createRng(17);
  const x = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const f = i < n / 2 ? 440 : 2000;
    x[i] = 0.5 * Math.sin((2 * Math.PI * f * i) / 16000) + 0.01 * (rng.next() - 0.5);
  }
  return x;
}

function pushInChunks(fs: FeatureStream, x: Float32Array, seed: number): void {
  const rng = createRng(seed);
  for (let at = 0; at < x.length;) {
    const n = 1 + Math.floor(rng.next() * 700);
    fs.push(x.subarray(at, Math.min(x.length, at + n)));
    at += n;
  }
}

const close = (a: ArrayLike<number>, b: ArrayLike<number>, tol: number): void => {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) expect(Math.abs(a[i]! - b[i]!)).toBeLessThanOrEqual(tol);
};

describe('FeatureStream', () => {
  it('keeps, in its rings, the same rows computeFeatures gives on the whole signal', () => {
    const x = signal();
    const fs = new FeatureStream(DEFAULT_SETTINGS);
    pushInChunks(fs, x, 3);
    const ref = computeFeatures(x, resolveSettings(DEFAULT_SETTINGS).params, { power: true });
    expect(fs.frames).toBe(ref.logmel.length);
    expect(fs.frames).toBe(59); // ⌊(19200 − 480) / 320⌋ + 1
    expect(fs.capacity).toBe(150); // 3 s / 20 ms
    for (let i = 0; i < fs.logmel.length; i++) {
      const t = fs.logmel.first + i;
      close(fs.logmel.row(i), ref.logmel[t]!, 1e-5);
      close(fs.mfcc.row(i), ref.mfcc[t]!, 1e-5);
      close(fs.db.row(i), Array.from(ref.power![t]!, powerDb), 1e-4);
    }
    expect(fs.latest!.index).toBe(58);
  });

  it('drops the oldest rows beyond 3 s and keeps the newest in order', () => {
    const x = signal(16000 * 4);
    const fs = new FeatureStream(DEFAULT_SETTINGS);
    pushInChunks(fs, x, 5);
    const ref = computeFeatures(x, {}, {});
    expect(fs.frames).toBe(ref.logmel.length);
    expect(fs.logmel.length).toBe(150);
    expect(fs.logmel.first).toBe(fs.frames - 150);
    close(fs.logmel.row(149), ref.logmel[fs.frames - 1]!, 1e-5);
    close(fs.logmel.row(0), ref.logmel[fs.frames - 150]!, 1e-5);
  });

  it('shows the tone in the right bin and mel band, and Y = Σ W·P matches ln Y', () => {
    const fs = new FeatureStream(DEFAULT_SETTINGS);
    fs.push(signal().subarray(0, 4800));
    const L = fs.latest!;
    const k = argmax(L.db);
    expect(Math.abs(binHz(k, 512) - 440)).toBeLessThanOrEqual(31.25 / 2 + 1e-9);
    const fb = fs.filterbank;
    for (let m = 0; m < 40; m++) {
      let y = 0;
      for (let j = 0; j < L.power.length; j++) y += fb.weights[m]![j]! * L.power[j]!;
      expect(Math.abs(Math.log(Math.max(y, 1e-10)) - L.logmel[m]!)).toBeLessThan(1e-4);
    }
    const m = argmax(L.logmel);
    expect(fb.edgesHz[m]!).toBeLessThan(440);
    expect(fb.edgesHz[m + 2]!).toBeGreaterThan(440);
  });

  it('rebuilds with new settings: widths, capacity and the FFT raised to fit the frame', () => {
    const fs = new FeatureStream({ melBands: 20, mfccCount: 8, fftSize: 1024, frameMs: 25, hopMs: 10 });
    expect(fs.params.frameLength).toBe(400);
    expect(fs.params.hopLength).toBe(160);
    expect(fs.db.width).toBe(513);
    expect(fs.logmel.width).toBe(20);
    expect(fs.mfcc.width).toBe(8);
    expect(fs.capacity).toBe(300);
    const r = resolveSettings({ ...DEFAULT_SETTINGS, fftSize: 256 });
    expect(r.params.fftSize).toBe(512);
    expect(r.notes[0]).toMatch(/480 muestras.*256.*512/);
    const c = resolveSettings({ ...DEFAULT_SETTINGS, melBands: 10, mfccCount: 13 });
    expect(c.params.mfccCount).toBe(10);
    expect(c.notes).toHaveLength(1);
    expect(resolveSettings(DEFAULT_SETTINGS).notes).toEqual([]);
  });

  it('counts the mel filters left without any FFT bin', () => {
    expect(emptyFilters(new FeatureStream(DEFAULT_SETTINGS).filterbank)).toBe(0);
    expect(emptyFilters(new FeatureStream({ ...DEFAULT_SETTINGS, melBands: 80, fftSize: 256, frameMs: 15 }).filterbank)).toBeGreaterThan(0);
  });
});

describe('helpers', () => {
  it('converts power to dB with a floor', () => {
    expect(powerDb(1)).toBe(0);
    expect(powerDb(100)).toBeCloseTo(20, 12);
    expect(powerDb(0)).toBe(-100);
    expect(powerDb(1e-20)).toBe(-100);
  });

  it('RowRing wraps around', () => {
    const r = new RowRing(3, 2);
    for (let i = 0; i < 5; i++) r.push([i, 10 * i]);
    expect(r.length).toBe(3);
    expect(r.first).toBe(2);
    expect([...r.row(0)]).toEqual([2, 20]);
    expect([...r.row(2)]).toEqual([4, 40]);
  });

  it('StickyRange widens only, at most span deep; symmetric around 0', () => {
    const s = new StickyRange(10);
    s.add([0, 5]);
    expect([s.lo, s.hi]).toEqual([0, 5]);
    s.add([-20, 12]);
    expect([s.lo, s.hi]).toEqual([2, 12]);
    expect(s.t(7)).toBe(0.5);
    const m = new StickyRange(0, true);
    m.add([100, -3, 2], 1);
    expect([m.lo, m.hi]).toEqual([-3, 3]);
  });

  it('describes the course defaults as the lesson states them', () => {
    const t = describeParams(resolveSettings(DEFAULT_SETTINGS).params);
    expect(t).toContain('Trama de 30 ms = 480 muestras');
    expect(t).toContain('salto de 20 ms = 320 muestras');
    expect(t).toContain('49 en un clip de 1 s');
    expect(t).toContain('FFT de 512 puntos (257 bins de 31,25 Hz)');
    expect(t).toContain('40 filtros mel HTK de 0 a 8000 Hz');
    expect(t).toContain('13 coeficientes');
  });
});
