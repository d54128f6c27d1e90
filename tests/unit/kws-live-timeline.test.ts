// LiveTimeline (widgets/lib/kws/timeline.ts) on scripted posterior streams.
import { describe, expect, it } from 'vitest';
import { LiveTimeline } from '../../widgets/lib/kws/timeline';

const classes = ['sí', 'no', 'silencio', 'desconocido'];
const make = (threshold: number, everyHops = 1) =>
  new LiveTimeline({ classes, frames: 49, hopLength: 320, frameLength: 480, sampleRate: 16000, everyHops, settings: { detectionThreshold: threshold, averageWindowMs: 1000, suppressionMs: 1500, minimumCount: 3 } });
const row = (v: number) => Float32Array.of(v);
/** Posteriors from the row value: 1 → «sí», else «silencio». */
const infer = (w: ArrayLike<number>[]) => (w[w.length - 1]![0] === 1 ? [0.95, 0.02, 0.02, 0.01] : [0.01, 0.01, 0.97, 0.01]);

describe('LiveTimeline', () => {
  it('waits for a full window, then infers every hop; a run of «sí» fires once', () => {
    const tl = make(0.7);
    tl.push(Array.from({ length: 48 }, () => row(0)), infer);
    expect(tl.inferences).toBe(0);
    tl.push(Array.from({ length: 52 }, () => row(0)), infer);
    expect(tl.inferences).toBe(100 - 49 + 1);
    expect(tl.labels).toEqual([]);
    tl.push(Array.from({ length: 60 }, () => row(1)), infer);
    expect(tl.labels).toEqual(['sí']);
    expect(tl.detections.filter((d) => d.quiet).length).toBeGreaterThan(0);
    const d = tl.detections.find((x) => !x.quiet)!;
    expect(d.suppressedUntilMs - d.timeMs).toBe(1500);
  });
  it('threshold 1 never fires; every 5 hops infers a fifth as often', () => {
    const tl = make(1);
    tl.push(Array.from({ length: 200 }, (_, i) => row(i > 100 ? 1 : 0)), infer);
    expect(tl.detections).toEqual([]);
    const slow = make(0.7, 5);
    slow.push(Array.from({ length: 49 + 50 }, () => row(0)), infer);
    expect(slow.inferences).toBe(11);
  });
  it('times results at the end of the newest frame and keeps 5 s of history', () => {
    const tl = make(0.7);
    tl.push(Array.from({ length: 49 }, () => row(0)), infer);
    expect(tl.points[0]!.timeMs).toBe(((48 * 320 + 480) / 16000) * 1000);
    tl.push(Array.from({ length: 500 }, () => row(0)), infer);
    const p = tl.points;
    expect(p[p.length - 1]!.timeMs - p[0]!.timeMs).toBeLessThanOrEqual(5000);
  });
});
