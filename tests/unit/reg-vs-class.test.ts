import { describe, expect, it } from 'vitest';
import { createRng } from '../../widgets/lib/rng/rng';
import {
  AMPLITUDE, COLDEST_DAY, MEAN, NOISE, PERSISTENCE, climate, dateLabel, examples, generateWeather,
} from '../../widgets/lib/data/weather';
import {
  accuracy, confusion, denormalize, fitNorm, hotLabel, mae, mse, normalize, persistence, rmse, splitIndices,
} from '../../widgets/lib/nn/metrics';
import {
  EPOCHS, classificationData, decisionBoundaries, evalClassification, evalRegression, makeClassifier, makeProblem,
  makeRegressor, predictDegrees, predictHot, regressionData,
} from '../../widgets/reg-vs-class/core';
import { ModelRun } from '../../widgets/lib/nn/model-run';

describe('weather generator', () => {
  it('climate: 8 °C on 15 January, 26 °C half a year later, mean 17 °C', () => {
    expect(climate(COLDEST_DAY)).toBeCloseTo(MEAN - AMPLITUDE, 12);
    expect(climate(COLDEST_DAY + 365 / 2)).toBeCloseTo(MEAN + AMPLITUDE, 12);
    expect(climate(COLDEST_DAY + 365 / 4)).toBeCloseTo(MEAN, 12);
  });

  it('is deterministic for a seed and different for another seed', () => {
    expect(generateWeather(400, 7)).toEqual(generateWeather(400, 7));
    expect(generateWeather(400, 7).temp).not.toEqual(generateWeather(400, 8).temp);
  });

  it('follows the documented recipe exactly (independent re-implementation)', () => {
    const days = 500;
    const rng = createRng(3);
    let a = rng.normal(0, NOISE / Math.sqrt(1 - PERSISTENCE ** 2));
    const temp: number[] = [];
    for (let t = 0; t < days; t++) {
      const d = t % 365;
      temp.push(Math.round((17 - 9 * Math.cos((2 * Math.PI * (d - 15)) / 365) + a) * 10) / 10);
      a = 0.6 * a + rng.normal(0, 2);
    }
    const w = generateWeather(days, 3);
    expect(w.temp).toEqual(temp);
    expect(w.doy.slice(363, 367)).toEqual([363, 364, 0, 1]);
    expect(w.temp.every((v) => Math.abs(v * 10 - Math.round(v * 10)) < 1e-9)).toBe(true);
  });

  it('its weather part has the stated spread (2,5 °C) and day-to-day persistence (0,6)', () => {
    // 100 years: sampling error of the std ≈ 0,4 % and of the autocorrelation ≈ 0,005.
    const w = generateWeather(36500, 11);
    const a = w.temp.map((t, i) => t - climate(w.doy[i]!));
    const m = a.reduce((s, v) => s + v, 0) / a.length;
    const sd = Math.sqrt(a.reduce((s, v) => s + (v - m) ** 2, 0) / a.length);
    let cov = 0;
    for (let i = 0; i + 1 < a.length; i++) cov += (a[i]! - m) * (a[i + 1]! - m);
    const rho = cov / (a.length - 1) / sd ** 2;
    expect(Math.abs(m)).toBeLessThan(0.15);
    expect(sd).toBeGreaterThan(2.4);
    expect(sd).toBeLessThan(2.6);
    expect(rho).toBeGreaterThan(0.57);
    expect(rho).toBeLessThan(0.63);
  });

  it('pairs each day with the next one', () => {
    const w = generateWeather(10, 1);
    const ex = examples(w);
    expect(ex).toHaveLength(9);
    ex.forEach((e, t) => expect(e).toEqual({ today: w.temp[t], doy: w.doy[t], tomorrow: w.temp[t + 1] }));
  });

  it('writes dates in Spanish', () => {
    expect(dateLabel(0)).toBe('1 de enero');
    expect(dateLabel(31)).toBe('1 de febrero');
    expect(dateLabel(195)).toBe('15 de julio');
    expect(dateLabel(364)).toBe('31 de diciembre');
  });
});

describe('normalisation and metrics', () => {
  it('μ and σ (population) of a textbook sample; normalise and back', () => {
    const n = fitNorm([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(n).toEqual({ mean: 5, std: 2 });
    expect(normalize(9, n)).toBe(2);
    for (const x of [-40, 0, 3.3, 17.25, 1e4]) expect(denormalize(normalize(x, n), n)).toBeCloseTo(x, 10);
    expect(fitNorm([3, 3, 3]).std).toBe(1);
    expect(() => fitNorm([])).toThrow(RangeError);
  });

  it('MSE, RMSE and MAE match a hand computation', () => {
    // errors −1, 0, −2: MSE = (1 + 0 + 4)/3, MAE = (1 + 0 + 2)/3
    expect(mse([1, 2, 3], [2, 2, 5])).toBeCloseTo(5 / 3, 12);
    expect(rmse([1, 2, 3], [2, 2, 5])).toBeCloseTo(Math.sqrt(5 / 3), 12);
    expect(mae([1, 2, 3], [2, 2, 5])).toBeCloseTo(1, 12);
    expect(() => mse([1], [1, 2])).toThrow(RangeError);
  });

  it('confusion matrix and accuracy match a hand count', () => {
    const pred = [1, 1, 0, 0, 1, 0];
    const real = [1, 0, 1, 0, 1, 0];
    expect(confusion(pred, real)).toEqual({ tp: 2, fp: 1, fn: 1, tn: 2 });
    expect(accuracy(pred, real)).toBeCloseTo(4 / 6, 12);
  });

  it('"calor" starts exactly at the threshold; the baseline repeats today', () => {
    expect(hotLabel(25, 25)).toBe(1);
    expect(hotLabel(24.9, 25)).toBe(0);
    expect(persistence(18.3)).toBe(18.3);
  });

  it('split: stated sizes, disjoint, covering every index, reproducible', () => {
    const s = splitIndices(729, 1001);
    expect([s.train.length, s.val.length, s.test.length]).toEqual([511, 109, 109]);
    const all = [...s.train, ...s.val, ...s.test];
    expect(new Set(all).size).toBe(729);
    expect(all.every((i) => i >= 0 && i < 729)).toBe(true);
    expect(s.train).toEqual([...s.train].sort((a, b) => a - b));
    expect(splitIndices(729, 1001)).toEqual(s);
    expect(splitIndices(729, 1002).test).not.toEqual(s.test);
  });
});

describe('regressor and classifier on the same data', () => {
  const p = makeProblem(1);

  it('one year gives 365 examples; both datasets share the normalised inputs', () => {
    const r = regressionData(p);
    const c = classificationData(p, 25);
    expect([r.n, c.n]).toEqual([365, 365]);
    expect(Array.from(c.x)).toEqual(Array.from(r.x));
    expect(Array.from(c.y).every((v) => v === 0 || v === 1)).toBe(true);
    expect(Array.from(c.y).reduce((s, v) => s + v, 0)).toBe(p.days.filter((d) => d.tomorrow >= 25).length);
  });

  it('both networks start from the same hidden weights', () => {
    expect(makeRegressor(1).getWeights()[0]).toEqual(makeClassifier(1).getWeights()[0]);
  });

  it('training lowers both losses; the models answer sensibly (default seed, α = 0,1)', () => {
    const reg = new ModelRun(makeRegressor(1), 'mse');
    const cls = new ModelRun(makeClassifier(1), 'bce');
    const r0 = evalRegression(reg.net, p);
    const c0 = evalClassification(cls.net, p, 25);
    reg.start(regressionData(p), 0.1, EPOCHS);
    cls.start(classificationData(p, 25), 0.1, EPOCHS);
    while (reg.steps(50) === 'running');
    while (cls.steps(50) === 'running');
    expect([reg.status, cls.status, reg.epochs, cls.epochs]).toEqual(['done', 'done', EPOCHS, EPOCHS]);
    const r1 = evalRegression(reg.net, p);
    const c1 = evalClassification(cls.net, p, 25);
    // Measured: RMSE 2,21 °C (σ of tomorrow 6,68 °C); accuracy 0,91 vs 0,855 for "always frío".
    expect(r1.mse).toBeLessThan(r0.mse / 5);
    expect(r1.rmse).toBeLessThan(2.4);
    expect(c1.bce).toBeLessThan(c0.bce / 2);
    expect(c1.accuracy).toBeGreaterThan(1 - c1.hot / 365 + 0.03);
    expect(predictDegrees(reg.net, p, 30)).toBeGreaterThan(predictDegrees(reg.net, p, 10) + 15);
    expect(predictHot(cls.net, p, 31)).toBeGreaterThan(0.8);
    expect(predictHot(cls.net, p, 10)).toBeLessThan(0.01);
    const f = decisionBoundaries(cls.net, p, 0, 36);
    expect(f).toHaveLength(1);
    expect(f[0]).toBeGreaterThan(23);
    expect(f[0]).toBeLessThan(27);
    // BCE from the fused logits equals the textbook formula on the probabilities.
    const y = p.days.map((d) => hotLabel(d.tomorrow, 25));
    const q = p.days.map((d) => predictHot(cls.net, p, d.today));
    const bce = -y.reduce((s, v, i) => s + v * Math.log(q[i]!) + (1 - v) * Math.log(1 - q[i]!), 0) / y.length;
    expect(c1.bce).toBeCloseTo(bce, 4);
    // A higher threshold relabels the days: fewer "calor" and a different accuracy.
    const c2 = evalClassification(cls.net, p, 28);
    expect(c2.hot).toBeLessThan(c1.hot);
    expect(c2.accuracy).not.toBe(c1.accuracy);
  });

  it('a learning rate far too large diverges, stops and goes back to the initial weights', () => {
    const reg = new ModelRun(makeRegressor(1), 'mse');
    reg.start(regressionData(p), 3, EPOCHS);
    while (reg.steps(20) === 'running');
    expect(reg.status).toBe('diverged');
    expect(reg.reason).toMatch(/época/);
    expect(reg.net.getWeights()).toEqual(reg.initial);
    expect(reg.net.isFinite()).toBe(true);
    reg.start(regressionData(p), 0.1, 10);
    expect(reg.status).toBe('running');
    expect(reg.epochs).toBe(0);
  });
});
