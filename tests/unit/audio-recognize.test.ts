import { describe, expect, it } from 'vitest';
import { RECOGNIZE_DEFAULTS, RecognizeCommands, type Recognition } from '../../widgets/lib/audio/recognize';

const LABELS = ['silencio', 'desconocido', 'sí', 'no'];
/** One-hot-ish posterior: p on `label`, the rest spread evenly. */
const post = (label: number, p: number): number[] => LABELS.map((_, i) => (i === label ? p : (1 - p) / 3));

/** Feeds `steps` results every `dt` ms starting at t0, scores from f(t); returns every answer. */
function run(r: RecognizeCommands, t0: number, dt: number, steps: number, f: (t: number) => number[]): Recognition[] {
  const out: Recognition[] = [];
  for (let s = 0; s < steps; s++) out.push(r.process(f(t0 + s * dt), t0 + s * dt));
  return out;
}
const fired = (rs: Recognition[]) => rs.filter((r) => r.isNewCommand).map((r) => [r.timeMs, r.label]);

describe('RecognizeCommands', () => {
  it('defaults are micro_speech’s', () => {
    expect(RECOGNIZE_DEFAULTS).toEqual({ averageWindowMs: 1000, detectionThreshold: 0.78125, suppressionMs: 1500, minimumCount: 3 });
  });

  it('minimum count and the quarter-window span gate the first answers', () => {
    const r = new RecognizeCommands(LABELS, { averageWindowMs: 400, minimumCount: 3, detectionThreshold: 0.5 });
    const rs = run(r, 0, 50, 4, () => post(2, 0.9));
    // t = 0: 1 result; t = 50: 2 results; t = 100: 3 results spanning 100 ms ≥ ⌊400/4⌋ → reliable.
    expect(rs.map((x) => x.reliable)).toEqual([false, false, true, true]);
    expect(rs[0]).toMatchObject({ label: 'silencio', score: 0, isNewCommand: false, averages: null });
    expect(rs[2]).toMatchObject({ label: 'sí', isNewCommand: true });
    expect(rs[2]!.score).toBeCloseTo(0.9, 12);
    // Span rule alone: many results inside 99 ms are not enough for a 400 ms window.
    const r2 = new RecognizeCommands(LABELS, { averageWindowMs: 400, minimumCount: 1, detectionThreshold: 0.5 });
    const rs2 = run(r2, 0, 11, 10, () => post(2, 0.9));
    expect(rs2.filter((x) => x.reliable).map((x) => x.timeMs)).toEqual([]);
    expect(r2.process(post(2, 0.9), 100).reliable).toBe(true);
  });

  it('threshold: the average must exceed it (strictly)', () => {
    const exact = new RecognizeCommands(LABELS, { averageWindowMs: 200, minimumCount: 1, detectionThreshold: 0.5 });
    expect(fired(run(exact, 0, 50, 10, () => [0, 0, 0.5, 0.5]))).toEqual([]);
    const above = new RecognizeCommands(LABELS, { averageWindowMs: 200, minimumCount: 1, detectionThreshold: 0.5 });
    expect(fired(run(above, 0, 50, 10, () => post(3, 0.51)))).toEqual([[50, 'no']]);
  });

  it('average window: a single spike is averaged away, a sustained word is not', () => {
    const r = new RecognizeCommands(LABELS, { averageWindowMs: 500, minimumCount: 3, detectionThreshold: 0.7, suppressionMs: 0 });
    // 100 ms steps: a 1-step spike of «sí» at 0.99 among silence at 0.9.
    const spike = run(r, 0, 100, 20, (t) => (t === 1000 ? post(2, 0.99) : post(0, 0.9)));
    expect(fired(spike).filter(([, l]) => l === 'sí')).toEqual([]);
    const at1000 = spike.find((x) => x.timeMs === 1000)!;
    // window at 1000 ms: results 500…1000 (6 of them); «sí» average = (0.99 + 5 · 0.1/3) / 6
    expect(at1000.windowCount).toBe(6);
    expect(at1000.averages![2]).toBeCloseTo((0.99 + (5 * 0.1) / 3) / 6, 12);
    // sustained: 700 ms of «sí»
    const r2 = new RecognizeCommands(LABELS, { averageWindowMs: 500, minimumCount: 3, detectionThreshold: 0.7, suppressionMs: 1500 });
    const word = run(r2, 0, 100, 30, (t) => (t >= 1000 && t < 1700 ? post(2, 0.95) : post(1, 0.3)));
    const f = fired(word);
    // With k of the window's 6 results on «sí»: (k·0.95 + (6−k)·0.7/3)/6 > 0.7 ⇔ k ≥ 4 → t = 1300;
    // it stays above the threshold until 1800 but is suppressed (same label, < 1500 ms).
    expect(f).toEqual([[1300, 'sí']]);
    expect(word.find((x) => x.timeMs === 1200)!.label).toBe('sí'); // top already, but below the threshold
    expect(word.find((x) => x.timeMs === 1200)!.isNewCommand).toBe(false);
  });

  it('suppression: the same label does not fire again within suppressionMs; another label does', () => {
    const r = new RecognizeCommands(LABELS, { averageWindowMs: 100, minimumCount: 1, detectionThreshold: 0.6, suppressionMs: 1000 });
    const rs = run(r, 0, 50, 60, (t) => (t < 2000 ? post(2, 0.9) : post(3, 0.9)));
    // «sí» fires at 50 (first reliable: span ≥ ⌊100/4⌋ ms), then again only once > 1000 ms have passed: 1100.
    expect(fired(rs)).toEqual([
      [50, 'sí'],
      [1100, 'sí'],
      [2050, 'no'], // the average turns to «no» once the window holds more «no» than «sí»
    ]);
    expect(r.previousLabel).toBe('no');
  });

  it('labels[0] (silence) never suppresses: it fires on every call above the threshold, as in micro_speech', () => {
    const r = new RecognizeCommands(LABELS, { averageWindowMs: 100, minimumCount: 1, detectionThreshold: 0.6, suppressionMs: 1000 });
    const rs = run(r, 0, 50, 5, () => post(0, 0.9));
    expect(fired(rs).map(([t]) => t)).toEqual([50, 100, 150, 200]);
    // after silence, «sí» fires at once whatever the suppression
    expect(r.process(post(2, 1), 210).isNewCommand).toBe(false); // average still silence-dominated
    expect(r.process(post(2, 1), 300).isNewCommand).toBe(true);
  });

  it('checks its inputs and resets', () => {
    const r = new RecognizeCommands(LABELS);
    expect(() => r.process([1, 0], 0)).toThrow(RangeError);
    r.process(post(1, 1), 100);
    expect(() => r.process(post(1, 1), 99)).toThrow(/time order/);
    r.reset();
    expect(r.process(post(1, 1), 0).reliable).toBe(false);
    expect(() => new RecognizeCommands([])).toThrow(RangeError);
  });
});
