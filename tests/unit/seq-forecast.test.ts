// Lesson 14, next-value forecasting (widgets/lib/seq/series.ts, baselines.ts, forecast.ts,
// models.ts, train.ts): seeded series, the two baselines and the error measures by hand, the
// prepared data, and the three tfjs models trained in units (CPU backend): parameter counts,
// no tensor left behind (also when stopped half-way), a seed that repeats a run.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { enableFastTraining } from '../../widgets/lib/cnn/backend';
import { errors, estimatePeriod, naiveForecast, seasonalForecast } from '../../widgets/lib/seq/baselines';
import { prepareForecast, unscale } from '../../widgets/lib/seq/forecast';
import { buildForecastModel, MODEL_KINDS, paramCount } from '../../widgets/lib/seq/models';
import { dailyTemperature, makeSeries, motionWindow, trendSeasonal } from '../../widgets/lib/seq/series';
import { ForecastRun, TRAIN_DEFAULTS } from '../../widgets/lib/seq/train';
import { cutIndex } from '../../widgets/lib/seq/windows';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
  enableFastTraining(tf, 'cpu');
});

describe('series', () => {
  it('repeat exactly for a seed and change with it', () => {
    for (const id of ['sintetica', 'movimiento', 'temperatura'] as const) {
      const a = makeSeries(id, 4);
      expect(Array.from(makeSeries(id, 4).values)).toEqual(Array.from(a.values));
      expect(Array.from(makeSeries(id, 5).values)).not.toEqual(Array.from(a.values));
      expect(a.about.length).toBeGreaterThan(40);
    }
    expect(makeSeries('sintetica', 1).values).toHaveLength(480);
    expect(makeSeries('movimiento', 1).values).toHaveLength(300);
    expect(makeSeries('temperatura', 1).values).toHaveLength(1095);
  });

  it('have the shape their formula says', () => {
    // No noise, no trend: a pure sine of period 24.
    const s = trendSeasonal({ seed: 1, n: 48, noise: 0, trend: 0 });
    expect(s[6]).toBeCloseTo(1, 12);
    expect(s[18]).toBeCloseTo(-1, 12);
    // Trend: the last season's mean sits 0,003·(480 − 24) above the first one's (noise aside).
    const t = trendSeasonal({ seed: 2 });
    const mean = (a: Float64Array) => a.reduce((p, c) => p + c, 0) / a.length;
    expect(mean(t.subarray(456)) - mean(t.subarray(0, 24))).toBeCloseTo(0.003 * 456, 0);
    // Temperature: annual mean near 15 °C, colder in January than in July.
    const d = dailyTemperature({ seed: 3 });
    expect(Math.abs(mean(d) - 15)).toBeLessThan(1);
    expect(mean(d.subarray(0, 31))).toBeLessThan(mean(d.subarray(181, 212)) - 10);
    // Motion: the simulator's side-to-side gesture, about 1.6–2.5 swings per second at 50 Hz.
    const m = motionWindow(4);
    const p = estimatePeriod(m, 10, 80);
    expect(p).toBeGreaterThanOrEqual(15);
    expect(p).toBeLessThanOrEqual(35);
    expect(makeSeries('movimiento', 4).period).toBe(estimatePeriod(m.subarray(0, cutIndex(m.length)), 10, 80));
  });
});

describe('baselines and errors', () => {
  const x = Float64Array.from([3, 5, 4, 8, 6, 7, 9, 10]);

  it('naive repeats the last value seen; seasonal the value one season back', () => {
    expect(naiveForecast(x, 5, 1)).toBe(6);
    expect(naiveForecast(x, 5, 3)).toBe(4);
    expect(seasonalForecast(x, 6, 1, 4)).toBe(4); // x_{6−4}
    expect(seasonalForecast(x, 7, 3, 2)).toBe(8); // h > m: two seasons back, x_{7−4}
  });

  it('refuses to look before the start', () => {
    expect(() => naiveForecast(x, 0, 1)).toThrow(RangeError);
    expect(() => seasonalForecast(x, 2, 1, 4)).toThrow(RangeError);
    expect(() => seasonalForecast(x, 7, 5, 4)).toThrow(RangeError);
  });

  it('MAE and RMSE by hand', () => {
    const e = errors([1, 2, 3, 4], [2, 2, 1, 4]);
    expect(e.mae).toBeCloseTo(3 / 4, 12);
    expect(e.rmse).toBeCloseTo(Math.sqrt(5 / 4), 12);
    expect(e.n).toBe(4);
    expect(Number.isNaN(errors([], []).mae)).toBe(true);
  });

  it('estimatePeriod finds the period of a sine', () => {
    const s = Float64Array.from({ length: 200 }, (_, i) => Math.sin((2 * Math.PI * i) / 20));
    expect(estimatePeriod(s, 5, 60)).toBe(20);
  });
});

describe('prepareForecast', () => {
  it('standardizes with the training part, keeps test rows after the cut and measures both baselines', () => {
    const s = makeSeries('sintetica', 1);
    const d = prepareForecast(s.values, s.period, { length: 24, horizon: 1 });
    expect(d.cut).toBe(360);
    expect(d.trainXScaled.length).toBe(d.trainRows.length * 24);
    expect(d.testXScaled.length).toBe(d.testRows.length * 24);
    for (const k of d.testRows) expect(d.windows.starts[k]).toBeGreaterThanOrEqual(360);
    for (const k of d.trainRows) expect(d.windows.targets[k]).toBeLessThan(360);
    // Naive = the last input of each test window.
    d.testRows.forEach((k, r) => expect(d.naive.pred[r]).toBe(d.windows.X[k * 24 + 23]));
    expect(d.seasonal).not.toBeNull();
    d.testTargets.forEach((t, r) => expect(d.seasonal!.pred[r]).toBe(s.values[t - 24]));
    expect(d.naive.err).toEqual(errors(d.testY, d.naive.pred));
    // Standardized training targets have mean ≈ 0 (their windows cover the training part).
    const ys = Array.from(d.trainYScaled);
    expect(Math.abs(ys.reduce((a, b) => a + b, 0) / ys.length)).toBeLessThan(0.2);
    expect(Array.from(unscale([0, 1], d.scaler))).toEqual([d.scaler.mean, d.scaler.mean + d.scaler.std]);
  });

  it('says when there are not enough windows', () => {
    expect(() => prepareForecast(new Float64Array(20), 4, { length: 18, horizon: 1 })).toThrow(RangeError);
  });
});

describe('the three models in tfjs', () => {
  it('have the parameters the page announces', () => {
    for (const L of [3, 12, 24]) {
      for (const kind of MODEL_KINDS) {
        const m = buildForecastModel(tf, kind, L, 1);
        expect(m.countParams()).toBe(paramCount(kind, L));
        expect(m.outputs[0]!.shape).toEqual([null, 1]);
        m.dispose();
      }
    }
  });

  it('train in units, measure the test error and free every tensor; a seed repeats the run', () => {
    const x = trendSeasonal({ seed: 1, n: 160, period: 12, noise: 0.05, trend: 0 });
    const d = prepareForecast(x, 12, { length: 8, horizon: 1 });
    const before = tf.memory().numTensors;
    const cfg = { ...TRAIN_DEFAULTS, epochs: 6, seed: 3, evalEvery: 3 };
    const a = new ForecastRun(tf, d, cfg);
    let units = 0;
    for (const _ of a.units()) units++;
    expect(units).toBe(a.total);
    expect(a.epoch).toBe(6);
    expect(a.losses).toHaveLength(18);
    for (const kind of MODEL_KINDS) {
      const r = a.tests[kind]!;
      expect(r.epoch).toBe(6);
      expect(r.pred).toHaveLength(d.testRows.length);
      expect(r.err).toEqual(errors(d.testY, r.pred));
      // Training lowers the loss.
      const ls = a.losses.filter((p) => p.kind === kind).map((p) => p.loss);
      expect(ls.at(-1)!).toBeLessThan(ls[0]!);
    }
    // On an almost clean sine, the MLP predicts the next value better than repeating the last one.
    expect(a.tests.mlp!.err.mae).toBeLessThan(d.naive.err.mae);
    a.dispose();
    expect(tf.memory().numTensors).toBe(before);
    const b = new ForecastRun(tf, d, cfg);
    b.runAll();
    for (const kind of MODEL_KINDS) expect(Array.from(b.tests[kind]!.pred)).toEqual(Array.from(a.tests[kind]!.pred));
    b.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('stopped half-way and disposed, it leaves nothing behind and refuses more work', () => {
    const s = makeSeries('movimiento', 2);
    const d = prepareForecast(s.values, s.period, { length: 10, horizon: 2 });
    const before = tf.memory().numTensors;
    for (let rep = 0; rep < 3; rep++) {
      const run = new ForecastRun(tf, d, { ...TRAIN_DEFAULTS, epochs: 4, seed: rep });
      const it = run.units();
      for (let i = 0; i < 7; i++) it.next();
      run.dispose();
      expect(() => it.next()).toThrow();
      expect(tf.memory().numTensors).toBe(before);
    }
  });
});
