import { describe, expect, it } from 'vitest';
import { CURVES, MSE } from '../../widgets/lib/nn';
import { createRng } from '../../widgets/lib/rng/rng';
import {
  CURVE_IDS, CURVE_INFO, VAL_FRACTION, diagnose, flatten, generate, mseOf, noiseVariance, targetVariance, thin, unflatten, type Pt,
} from '../../widgets/curve-fit/core';
import { FitSession } from '../../widgets/curve-fit/session';
import { PRESETS, divergedText, lossNum } from '../../widgets/curve-fit/texts';
import { replacePoint } from '../../widgets/curve-fit/editor';

describe('curve-fit data', () => {
  it('generates n points split by seed into training and validation, each sorted by x1', () => {
    const d = generate({ curve: 'seno', n: 24, noise: 0.15, seed: 1 });
    expect(d.val.length).toBe(Math.round(24 * VAL_FRACTION));
    expect(d.train.length + d.val.length).toBe(24);
    for (const list of [d.train, d.val]) {
      for (let i = 1; i < list.length; i++) expect(list[i]!.x).toBeGreaterThanOrEqual(list[i - 1]!.x);
      for (const p of list) expect(Math.abs(p.x)).toBeLessThanOrEqual(1);
    }
    expect(generate({ curve: 'seno', n: 24, noise: 0.15, seed: 1 })).toEqual(d);
    expect(generate({ curve: 'seno', n: 24, noise: 0.15, seed: 2 })).not.toEqual(d);
    expect(generate({ curve: 'seno', n: 6, noise: 0, seed: 3 }).val.length).toBe(2);
  });

  it('points follow the chosen curve plus noise of the chosen σ', () => {
    for (const id of CURVE_IDS) {
      const f = CURVES[CURVE_INFO[id].key]!;
      const clean = generate({ curve: id, n: 30, noise: 0, seed: 5 });
      for (const p of [...clean.train, ...clean.val]) expect(p.y).toBeCloseTo(f(p.x), 6);
    }
    const noisy = generate({ curve: 'parabola', n: 60, noise: 0.2, seed: 9 });
    const all = [...noisy.train, ...noisy.val];
    const resid = mseOf(CURVES['parábola']!, all);
    expect(resid).toBeGreaterThan(0.5 * 0.04);
    expect(resid).toBeLessThan(1.6 * 0.04);
  });

  it('flatten / unflatten round-trip with 2 decimals', () => {
    const pts: Pt[] = [{ x: 0.123, y: -1.987 }, { x: -1, y: 2 }];
    expect(flatten(pts)).toEqual([0.12, -1.99, -1, 2]);
    expect(unflatten([0.12, -1.99, -1, 2])).toEqual([{ x: 0.12, y: -1.99 }, { x: -1, y: 2 }]);
    expect(unflatten([1, 2, 3])).toEqual([{ x: 1, y: 2 }]);
    const d = { train: [{ x: 0, y: 0 }, { x: 1, y: 1 }], val: [{ x: 0.5, y: 0.5 }] };
    expect(replacePoint(d, 2, { x: 0.4, y: 0 }).val).toEqual([{ x: 0.4, y: 0 }]);
    expect(replacePoint(d, 1, { x: 0.9, y: 0 }).train[1]).toEqual({ x: 0.9, y: 0 });
    expect(d.train[1]).toEqual({ x: 1, y: 1 });
  });

  it('mseOf agrees with the engine\'s MSE (independent implementation)', () => {
    const pts = generate({ curve: 'seno', n: 20, noise: 0.1, seed: 4 }).train;
    const model = (x: number): number => 0.7 * x - 0.2;
    const yhat = Float64Array.from(pts.map((p) => model(p.x)));
    const y = Float64Array.from(pts.map((p) => p.y));
    expect(mseOf(model, pts)).toBeCloseTo(MSE.compute(yhat, y, pts.length, 1).loss, 12);
    expect(mseOf(model, [])).toBeNaN();
  });

  it('noise variance estimate: 0 on any straight line, ≈ σ² on noisy data', () => {
    const line = Array.from({ length: 20 }, (_, i) => ({ x: Math.sin(i) , y: 3 * Math.sin(i) - 1 }));
    expect(noiseVariance(line)).toBeLessThan(1e-20);
    const rng = createRng(7);
    const noise: number[] = [];
    const pts = Array.from({ length: 4000 }, () => {
      const x = rng.uniform(-1, 1);
      const e = rng.normal(0, 0.2);
      noise.push(e);
      return { x, y: Math.sin(Math.PI * x) + e };
    });
    const sampleVar = noise.reduce((a, e) => a + e * e, 0) / noise.length;
    expect(Math.abs(noiseVariance(pts) / sampleVar - 1)).toBeLessThan(0.1);
    expect(noiseVariance(pts.slice(0, 2))).toBeNaN();
    expect(targetVariance([{ x: 0, y: 1 }, { x: 1, y: 3 }])).toBe(1);
  });

  it('thin keeps about max items, evenly spaced, and always the last one', () => {
    const items = Array.from({ length: 1001 }, (_, i) => i);
    const t = thin(items, 100, (v) => v);
    expect(t.length).toBeLessThanOrEqual(102);
    expect(t[0]).toBe(0);
    expect(t[t.length - 1]).toBe(1000);
    expect(thin([1, 2, 3], 10, (v, i) => v * 10 + i)).toEqual([10, 21, 32]);
  });
});

describe('curve-fit diagnosis rule', () => {
  const base = { epoch: 500, trainLoss: 0.03, valLoss: 0.035, bestVal: 0.03, noiseVar: 0.0225, targetVar: 0.5 };
  it('no verdict before MIN_EPOCHS', () => {
    expect(diagnose({ ...base, epoch: 5 })).toBe('inicio');
  });
  it('training loss above 2σ² + 2 % of the variance is underfitting', () => {
    expect(diagnose({ ...base, trainLoss: 0.056 })).toBe('subajuste'); // 0.045 + 0.01 = 0.055
    expect(diagnose({ ...base, trainLoss: 0.054 })).toBe('bueno');
  });
  it('training below σ² with validation twice as bad and rising is overfitting', () => {
    const over = { ...base, trainLoss: 0.005, valLoss: 0.1, bestVal: 0.03 };
    expect(diagnose(over)).toBe('sobreajuste');
    expect(diagnose({ ...over, bestVal: 0.09 })).toBe('bueno'); // validation has not risen 25 %
    expect(diagnose({ ...over, trainLoss: 0.03 })).toBe('bueno'); // not below the noise
    expect(diagnose({ ...over, valLoss: 0.009, bestVal: 0.005 })).toBe('bueno'); // gap under 2×
  });
});

describe('curve-fit training (1-H-1 network, engine widgets/lib/nn)', () => {
  const preset = (label: string) => PRESETS.find((p) => p.label.startsWith(label))!.state;
  const session = (p: ReturnType<typeof preset>) =>
    new FitSession(generate(p), { hidden: p.hidden, act: p.act, seed: p.seed, lr: p.lr }, p.noise);

  it('a 1-H-1 network has 3H + 1 parameters', () => {
    for (const H of [1, 8, 32]) expect(new FitSession(generate(preset('Buen')), { hidden: H, act: 'tanh', seed: 1, lr: 0.1 }).net.paramCount).toBe(3 * H + 1);
  });

  it('training lowers the loss and the validation loss is recorded', () => {
    const s = session(preset('Buen'));
    const before = s.trainLoss();
    s.run(200, 1e9);
    expect(s.epoch).toBe(200);
    expect(s.trainHistory.length).toBe(200);
    expect(s.trainLoss()).toBeLessThan(before / 3);
    expect(s.valHistory[s.valHistory.length - 1]!.epoch).toBe(200);
    expect(s.best.loss).toBeLessThanOrEqual(s.valLoss());
    expect(s.curve(11)).toHaveLength(11);
  });

  it('preset "Subajuste": one neuron stays underfitting on the sine', () => {
    const s = session(preset('Subajuste'));
    s.run(3000, 1e9);
    const d = s.diagnosis();
    expect(d.label).toBe('subajuste');
    expect(d.trainLoss).toBeGreaterThan(0.06);
  });

  it('preset "Buen ajuste": eight neurons fit well within a few hundred epochs', () => {
    const s = session(preset('Buen'));
    s.run(300, 1e9);
    expect(s.diagnosis().label).toBe('bueno');
    s.run(2700, 1e9);
    const d = s.diagnosis();
    expect(d.label).toBe('bueno');
    expect(d.valLoss).toBeLessThan(2 * 0.15 ** 2);
  });

  it('preset "Sobreajuste": fine at first, then training falls below the noise and validation rises', () => {
    const s = session(preset('Sobreajuste'));
    expect(s.data.train.length).toBe(8);
    s.run(1000, 1e9);
    expect(s.diagnosis().label).toBe('bueno');
    s.run(7000, 1e9);
    const d = s.diagnosis();
    expect(d.label).toBe('sobreajuste');
    expect(d.trainLoss).toBeLessThan(0.01);
    expect(d.valLoss).toBeGreaterThan(3 * s.best.loss);
  });

  it('the same 32 neurons with 40 points (σ = 0.3) no longer memorise them (lesson, step 4)', () => {
    const p = { ...preset('Sobreajuste'), n: 40 };
    const s = session(p);
    s.run(8000, 1e9);
    const d = s.diagnosis();
    expect(d.label).toBe('bueno');
    expect(d.trainLoss).toBeGreaterThan(0.05);
  });

  it('a huge learning rate diverges; restart() goes back to the initial weights', () => {
    const p = preset('Buen');
    const s = new FitSession(generate(p), { hidden: 8, act: 'relu', seed: 1, lr: 3 }, p.noise);
    const initial = s.net.getWeights();
    const r = s.run(500, 1e9);
    expect(r.status).toBe('diverged');
    expect(r.reason).toContain('tasa de aprendizaje');
    s.restart();
    expect(s.net.getWeights()).toEqual(initial);
    expect(s.status).toBe('running');
    expect(Number.isFinite(s.trainLoss())).toBe(true);
    expect(divergedText(r.reason, 3)).toContain('α = 0,3');
  });

  it('new points keep the weights and continue the epoch count', () => {
    const p = preset('Buen');
    const s = session(p);
    s.run(50, 1e9);
    const w = s.net.getWeights();
    const d = generate(p);
    s.setData({ train: [...d.train, { x: 0.9, y: 1.5 }], val: d.val });
    expect(s.net.getWeights()).toEqual(w);
    expect(s.epoch).toBe(50);
    s.run(10, 1e9);
    expect(s.epoch).toBe(60);
  });

  it('stops a slice once its time budget is spent (at least one 5-epoch slice)', () => {
    const s = session(preset('Sobreajuste'));
    s.run(1_000_000, 0);
    expect(s.epoch).toBe(5);
  });
});

describe('curve-fit texts', () => {
  it('formats losses in Spanish', () => {
    expect(lossNum(0.02314)).toBe('0,0231');
    expect(lossNum(335860.38)).toBe('3,4·10⁵');
    expect(lossNum(0.00002)).toBe('2·10⁻⁵');
    expect(lossNum(Number.NaN)).toBe('—');
  });
});

describe('curve-fit batched predictions', () => {
  it('predictMany and the losses match one-sample predictions and mseOf', () => {
    const p = PRESETS[1]!.state;
    const s = new FitSession(generate(p), { hidden: 8, act: 'tanh', seed: 1, lr: 0.2 }, p.noise);
    s.run(20, 1e9);
    const xs = [-1, -0.3, 0, 0.45, 1];
    const many = s.predictMany(xs);
    xs.forEach((x, i) => expect(many[i]).toBeCloseTo(s.predict(x), 6));
    expect(s.trainLoss()).toBeCloseTo(mseOf(s.predict, s.data.train), 6);
    expect(s.valLoss()).toBeCloseTo(mseOf(s.predict, s.data.val), 6);
    expect(s.predictMany([])).toEqual([]);
  });
});
