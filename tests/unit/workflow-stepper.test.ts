import { describe, expect, it } from 'vitest';
import {
  SPLIT_SEED_OFFSET, buildNet, collect, evaluate, infer, makeTrainer, paramCount, predictSet, preprocess, valLoss,
} from '../../widgets/workflow-stepper/core';
import { fitNorm, mse, splitIndices } from '../../widgets/lib/nn/metrics';

describe('workflow stages', () => {
  const c = collect(730, 1);
  const p = preprocess(c);

  it('collect: 730 days give 729 examples', () => {
    expect(c.temp).toHaveLength(730);
    expect(c.days).toHaveLength(729);
    expect(collect(730, 1)).toEqual(c);
  });

  it('preprocess: 511 / 109 / 109 disjoint examples, the split of seed + 1000', () => {
    const { train, val, test } = p.split;
    expect([train.length, val.length, test.length]).toEqual([511, 109, 109]);
    const seen = new Set([...train, ...val, ...test]);
    expect(seen.size).toBe(729);
    expect(train.some((i) => val.includes(i) || test.includes(i))).toBe(false);
    expect(val.some((i) => test.includes(i))).toBe(false);
    expect(p.split).toEqual(splitIndices(729, 1 + SPLIT_SEED_OFFSET));
    expect([p.train.n, p.val.n, p.test.n]).toEqual([511, 109, 109]);
  });

  it('preprocess: μ and σ come from the training set only', () => {
    const tr = p.split.train.map((i) => c.days[i]!);
    expect(p.norm.today).toEqual(fitNorm(tr.map((d) => d.today)));
    expect(p.norm.doy).toEqual(fitNorm(tr.map((d) => d.doy)));
    expect(p.norm.tomorrow).toEqual(fitNorm(tr.map((d) => d.tomorrow)));
    expect(p.norm.today).not.toEqual(fitNorm(c.days.map((d) => d.today)));
    // The normalised training inputs have mean 0 and std 1 (float32 storage: 1e-5).
    for (const col of [0, 1]) {
      const v = Array.from(p.train.x).filter((_, k) => k % 2 === col);
      const n = fitNorm(v);
      expect(n.mean).toBeCloseTo(0, 5);
      expect(n.std).toBeCloseTo(1, 5);
    }
    const first = c.days[p.split.train[0]!]!;
    expect(p.train.x[0]).toBeCloseTo((first.today - p.norm.today.mean) / p.norm.today.std, 5);
    expect(p.train.y[0]).toBeCloseTo((first.tomorrow - p.norm.tomorrow.mean) / p.norm.tomorrow.std, 5);
  });

  it('design: 2 → H → 1 has 4H + 1 parameters', () => {
    for (const h of [1, 4, 8, 16]) {
      expect(paramCount(h)).toBe(4 * h + 1);
      expect(buildNet({ hidden: h, activation: 'tanh' }, 1).paramCount).toBe(paramCount(h));
    }
  });

  it('the default network beats the baseline "mañana = hoy" on the test set', () => {
    // Defaults of the widget: 8 tanh hidden neurons, α = 0,2, 1000 full-batch epochs, seed 1.
    const net = buildNet({ hidden: 8, activation: 'tanh' }, 1);
    const t = makeTrainer(net, p, 0.2, 1000);
    const v0 = valLoss(net, c, p);
    expect(t.run().status).toBe('done');
    const ev = evaluate(net, c, p);
    // Measured: network RMSE 2,29 °C and MAE 1,86 °C; baseline RMSE 2,68 °C and MAE 2,21 °C.
    expect(ev.n).toBe(109);
    expect(ev.model.rmse).toBeLessThan(0.9 * ev.baseline.rmse);
    expect(ev.model.mae).toBeLessThan(ev.baseline.mae);
    expect(ev.model.rmse).toBeGreaterThan(1.8);
    expect(valLoss(net, c, p)).toBeLessThan(v0 / 4);
    // The baseline's errors, computed directly.
    const test = p.split.test.map((i) => c.days[i]!);
    expect(ev.baseline.rmse).toBeCloseTo(Math.sqrt(mse(test.map((d) => d.today), test.map((d) => d.tomorrow))), 12);
    // Inference on one test example equals the batch prediction.
    const d0 = test[0]!;
    expect(infer(net, p, d0.today, d0.doy)).toBeCloseTo(predictSet(net, p, p.test)[0]!, 4);
    console.info(`test set: network RMSE ${ev.model.rmse.toFixed(3)} MAE ${ev.model.mae.toFixed(3)}; baseline RMSE ${ev.baseline.rmse.toFixed(3)} MAE ${ev.baseline.mae.toFixed(3)}`);
  });
});
