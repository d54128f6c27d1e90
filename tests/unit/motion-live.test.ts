// Live classification core: grid resampling, the sliding window's schedule (first when full,
// then one per hop, bursts collapse to the newest window), the «incierto» threshold and the
// injected clock in arrivedAt / doneAt. The feature function is injected (a mean of x) and the
// model is a hand-made 1 → 2 softmax, so every number here can be checked by hand.
import { describe, expect, it } from 'vitest';
import { GridResampler, LiveClassifier, ProbHistory, RollingMedian, decide, type FeatureFn } from '../../widgets/lib/motion/live';
import type { MotionModelData } from '../../widgets/lib/motion/model';
import type { MotionRow } from '../../widgets/lib/sensors/types';

const rows = (from: number, n: number, x: (i: number) => number = () => 1, hz = 100): MotionRow[] =>
  Array.from({ length: n }, (_, k) => [((from + k) * 1000) / hz, x(from + k), 0, 9.8]);

/** p(class 0) = σ(2·w·mean(x)) for a 2-way softmax with logits ±w·z. */
function model(w = 2): MotionModelData {
  return {
    labels: ['derecha', 'izquierda'], hz: 100, windowMs: 2000, params: {} as never,
    mean: [0], std: [1], layers: [{ units: 2, activation: 'softmax', weights: [w, -w], bias: [0, 0] }],
    createdAt: 0, source: 'example',
  };
}
const meanX: FeatureFn = (axes) => [Array.from(axes[0]!).reduce((a, v) => a + v, 0) / axes[0]!.length];

function clocked(settings = {}) {
  let t = 1000;
  const calls: number[] = [];
  const lc = new LiveClassifier({
    model: model(), settings, featuresOf: (a, hz, p) => { calls.push(a[0]!.length); t += 0.5; return meanX(a, hz, p); },
    now: () => t,
  });
  return { lc, calls, advance: (ms: number) => { t += ms; } };
}

describe('GridResampler', () => {
  it('passes rows already on the grid through unchanged (t from the first row)', () => {
    const g = new GridResampler(100);
    const inp = rows(0, 50, (i) => Math.sin(i));
    const a = g.push(inp.slice(0, 17)).rows;
    const b = g.push(inp.slice(17)).rows;
    expect([...a, ...b]).toEqual(inp);
  });
  it('interpolates uneven rows linearly onto the grid', () => {
    const g = new GridResampler(100);
    const inp: MotionRow[] = [];
    for (let t = 5; t < 200; t += 13 + (inp.length % 4)) inp.push([t, t * 0.5, -t, 2]);
    const out = g.push(inp).rows;
    out.forEach((r, k) => {
      expect(r[0]).toBeCloseTo(k * 10, 9);
      expect(r[1]).toBeCloseTo((5 + r[0]) * 0.5, 9);
      expect(r[2]).toBeCloseTo(-(5 + r[0]), 9);
    });
    expect(out.length).toBe(Math.floor((inp[inp.length - 1]![0] - 5) / 10) + 1);
  });
  it('restarts after a long gap or when time goes back', () => {
    const g = new GridResampler(100, 500);
    g.push(rows(0, 10));
    const r = g.push([[2000, 1, 1, 1], [2010, 2, 2, 2]]);
    expect(r.restarted).toBe(true);
    expect(r.rows).toEqual([[0, 1, 1, 1], [10, 2, 2, 2]]);
    expect(g.push([[0, 3, 3, 3]]).restarted).toBe(true);
  });
});

describe('LiveClassifier', () => {
  it('predicts first when the window is full, then once per hop of new samples', () => {
    const { lc, calls } = clocked();
    expect(lc.windowN).toBe(200);
    expect(lc.hopN).toBe(25);
    expect(lc.push(rows(0, 199))).toBeNull();
    expect(lc.filled).toBeCloseTo(199 / 200, 12);
    const p1 = lc.push(rows(199, 1))!;
    expect(p1.seq).toBe(1);
    expect(p1.t).toBeCloseTo(1990, 9);
    expect(calls).toEqual([200]);
    for (let i = 0; i < 24; i++) expect(lc.push(rows(200 + i, 1))).toBeNull();
    const p2 = lc.push(rows(224, 1))!;
    expect(p2.seq).toBe(2);
    expect(p2.t).toBeCloseTo(2240, 9);
    expect(p2.skipped).toBe(0);
  });

  it('a burst covering several hops gives one prediction of the newest window', () => {
    const { lc, calls } = clocked();
    lc.push(rows(0, 200));
    const p = lc.push(rows(200, 110))!; // 4 hops and 10 samples
    expect(p.skipped).toBe(3);
    expect(p.t).toBeCloseTo(3090, 9);
    expect(calls).toHaveLength(2);
    expect(lc.push(rows(310, 14))).toBeNull(); // 10 + 14 < 25
    expect(lc.push(rows(324, 1))).not.toBeNull();
  });

  it('decides by the top probability and says «incierto» below the threshold', () => {
    const { lc } = clocked({ threshold: 0.9 });
    const sure = lc.push(rows(0, 200, () => 1))!; // z = 1: p0 = σ(4) ≈ 0.982
    expect(sure.label).toBe('derecha');
    expect(sure.p).toBeCloseTo(1 / (1 + Math.exp(-4)), 12);
    expect(sure.probs[0]! + sure.probs[1]!).toBeCloseTo(1, 12);
    const { lc: lc2 } = clocked({ threshold: 0.9 });
    const unsure = lc2.push(rows(0, 200, () => -0.2))!; // p1 = σ(0.8) ≈ 0.69
    expect(unsure.top).toBe(1);
    expect(unsure.label).toBeNull();
    lc2.setSettings({ threshold: 0.6 });
    expect(lc2.redecide(unsure.probs).label).toBe('izquierda');
    expect(decide([0.2, 0.5, 0.3], ['a', 'b', 'c'], 0.5)).toEqual({ top: 1, p: 0.5, label: 'b' });
  });

  it('stamps arrival and end of the computation with the injected clock', () => {
    const { lc, advance } = clocked();
    lc.push(rows(0, 150));
    advance(40);
    const p = lc.push(rows(150, 50))!;
    expect(p.arrivedAt).toBe(1040);
    expect(p.doneAt).toBe(1040.5); // the feature function took 0.5 ms of the fake clock
  });

  it('a longer window waits until it is full again; reset empties everything', () => {
    const { lc, calls } = clocked({ windowMs: 1000, hopMs: 500 });
    expect(lc.push(rows(0, 100))).not.toBeNull();
    lc.setSettings({ windowMs: 3000 });
    expect(lc.push(rows(100, 100))).toBeNull();
    expect(lc.push(rows(200, 100))!.t).toBeCloseTo(2990, 9);
    expect(calls).toEqual([100, 300]);
    lc.reset();
    expect(lc.filled).toBe(0);
    expect(() => lc.setSettings({ windowMs: 0 })).toThrow(RangeError);
    expect(() => lc.setSettings({ threshold: 2 })).toThrow(RangeError);
  });
});

describe('history and latency readout', () => {
  it('ProbHistory keeps the last spanMs of predictions', () => {
    const h = new ProbHistory(1000);
    for (let t = 0; t <= 3000; t += 250) h.add({ t, probs: new Float64Array([1]) });
    expect(h.items.map((x) => x.t)).toEqual([2000, 2250, 2500, 2750, 3000]);
  });
  it('RollingMedian is the median of the last n values', () => {
    const m = new RollingMedian(3);
    expect(Number.isNaN(m.median)).toBe(true);
    m.push(5); m.push(1);
    expect(m.median).toBe(3);
    m.push(9);
    expect(m.push(2)).toBe(2); // 1, 9, 2
  });
});
