import { describe, expect, it } from 'vitest';
import {
  LIMITS, LossHistory, flatten, gdStep, generateData, gradient, leastSquares, maxStableRate, mse,
  multiplicationsPerStep, predict, runSteps, unflatten, type Line, type Point,
} from '../../widgets/train-infer/core';

const data = generateData({ seed: 7, n: 12, noise: 0.6, shape: 'recta' });

/** Independent least squares: the 2×2 normal equations on raw sums, solved by Cramer's rule. */
function normalEquations(pts: readonly Point[]): Line {
  let sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (const p of pts) {
    sx += p.x; sy += p.y; sxx += p.x * p.x; sxy += p.x * p.y;
  }
  const n = pts.length;
  // [sxx sx; sx n]·[w; b] = [sxy; sy]
  const det = sxx * n - sx * sx;
  return { w: (sxy * n - sx * sy) / det, b: (sxx * sy - sx * sxy) / det };
}

describe('train-infer data', () => {
  it('same seed → same data; another seed → other data', () => {
    const again = generateData({ seed: 7, n: 12, noise: 0.6, shape: 'recta' });
    expect(again).toEqual(data);
    expect(generateData({ seed: 8, n: 12, noise: 0.6, shape: 'recta' })).not.toEqual(data);
  });
  it('points lie in [0, 10]², have two decimals and survive the URL round trip', () => {
    for (const shape of ['recta', 'curva'] as const) {
      const pts = generateData({ seed: 123, n: 40, noise: 3, shape });
      expect(pts).toHaveLength(40);
      for (const p of pts) {
        expect(p.x).toBeGreaterThanOrEqual(0);
        expect(p.x).toBeLessThanOrEqual(10);
        expect(p.y).toBeGreaterThanOrEqual(0);
        expect(p.y).toBeLessThanOrEqual(10);
        expect(Math.round(p.x * 100) / 100).toBe(p.x);
      }
      expect(unflatten(flatten(pts))).toEqual(pts);
    }
    expect(unflatten([1, 2, 3])).toEqual([{ x: 1, y: 2 }]);
  });
  it('without noise, "recta" data lie exactly on a line', () => {
    const pts = generateData({ seed: 3, n: 10, noise: 0, shape: 'recta' });
    const fit = leastSquares(pts)!;
    // Only the 2-decimal rounding of y separates the points from the hidden line.
    expect(mse(fit, pts)).toBeLessThan(1e-5);
  });
});

describe('train-infer math', () => {
  it('MSE and prediction by hand', () => {
    const pts = [{ x: 0, y: 1 }, { x: 1, y: 1 }, { x: 2, y: 5 }];
    // ŷ = 2x + 0 → residuals −1, 1, −1 → L = 3/3 = 1
    expect(mse({ w: 2, b: 0 }, pts)).toBe(1);
    expect(predict({ w: 2, b: 0.5 }, 3)).toBe(6.5);
    expect(() => mse({ w: 0, b: 0 }, [])).toThrow(RangeError);
  });
  it('gradient matches central finite differences (relative error < 1e-6)', () => {
    const h = 1e-5;
    for (const m of [{ w: 0, b: 0 }, { w: 1.3, b: -2 }, { w: -0.4, b: 5.5 }]) {
      const g = gradient(m, data);
      const nw = (mse({ w: m.w + h, b: m.b }, data) - mse({ w: m.w - h, b: m.b }, data)) / (2 * h);
      const nb = (mse({ w: m.w, b: m.b + h }, data) - mse({ w: m.w, b: m.b - h }, data)) / (2 * h);
      expect(Math.abs(g.dw - nw)).toBeLessThan(1e-6 * Math.max(1, Math.abs(nw)));
      expect(Math.abs(g.db - nb)).toBeLessThan(1e-6 * Math.max(1, Math.abs(nb)));
    }
  });
  it('one GD step with small α lowers the loss', () => {
    const m0 = { w: 0, b: 0 };
    const m1 = gdStep(m0, data, 0.01);
    expect(mse(m1, data)).toBeLessThan(mse(m0, data));
  });
  it('closed form agrees with the normal equations (1e-9) and recovers exact lines', () => {
    const ls = leastSquares(data)!;
    const ne = normalEquations(data);
    expect(Math.abs(ls.w - ne.w)).toBeLessThan(1e-9);
    expect(Math.abs(ls.b - ne.b)).toBeLessThan(1e-9);
    const exact = [1, 2, 4, 7].map((x) => ({ x, y: -0.5 * x + 3 }));
    const fit = leastSquares(exact)!;
    expect(fit.w).toBeCloseTo(-0.5, 12);
    expect(fit.b).toBeCloseTo(3, 12);
    // It is a minimum: nudging either parameter raises L.
    for (const [dw, db] of [[1e-3, 0], [-1e-3, 0], [0, 1e-3], [0, -1e-3]] as const) {
      expect(mse({ w: ls.w + dw, b: ls.b + db }, data)).toBeGreaterThan(mse(ls, data));
    }
  });
  it('closed form is null when the line is not unique', () => {
    expect(leastSquares([{ x: 1, y: 1 }])).toBeNull();
    expect(leastSquares([{ x: 2, y: 1 }, { x: 2, y: 5 }])).toBeNull();
  });
});

describe('train-infer gradient descent', () => {
  it('converges to the least-squares line (|Δw|, |Δb| < 1e-5) at the default α = 0.01', () => {
    const r = runSteps({ w: 0, b: 0 }, data, 0.01, 0, LIMITS.maxSteps);
    expect(r.outcome).toBe('converged');
    const ls = leastSquares(data)!;
    expect(Math.abs(r.model.w - ls.w)).toBeLessThan(1e-5);
    expect(Math.abs(r.model.b - ls.b)).toBeLessThan(1e-5);
    expect(Math.abs(r.loss - mse(ls, data))).toBeLessThan(1e-9);
    expect(r.step).toBeGreaterThan(100);
  });
  it('stability limit: just below α_max it converges, just above it diverges', () => {
    const amax = maxStableRate(data);
    // Independent check of λ_max: the Hessian applied to its top eigenvector scales it by λ.
    let sx = 0, sxx = 0;
    for (const p of data) { sx += p.x; sxx += p.x * p.x; }
    const n = data.length;
    const H = [[(2 / n) * sxx, (2 / n) * sx], [(2 / n) * sx, 2]] as const;
    let v = [1, 0];
    for (let i = 0; i < 200; i++) {
      const u = [H[0][0] * v[0]! + H[0][1] * v[1]!, H[1][0] * v[0]! + H[1][1] * v[1]!];
      const norm = Math.hypot(u[0]!, u[1]!);
      v = [u[0]! / norm, u[1]! / norm];
    }
    const lambda = v[0]! * (H[0][0] * v[0]! + H[0][1] * v[1]!) + v[1]! * (H[1][0] * v[0]! + H[1][1] * v[1]!);
    expect(amax).toBeCloseTo(2 / lambda, 10);
    expect(runSteps({ w: 0, b: 0 }, data, 0.95 * amax, 0, 200000, { ...LIMITS, maxSteps: 200000 }).outcome).toBe('converged');
    const bad = runSteps({ w: 0, b: 0 }, data, 1.05 * amax, 0, 200000, { ...LIMITS, maxSteps: 200000 });
    expect(bad.outcome).toBe('diverged');
  });
  it('a huge α produces a non-finite or capped loss and is reported as diverged', () => {
    const r = runSteps({ w: 0, b: 0 }, data, 5, 0, 1000);
    expect(r.outcome).toBe('diverged');
    expect(!Number.isFinite(r.loss) || r.loss > LIMITS.lossCap).toBe(true);
  });
  it('a tiny α stops at the step limit; runSteps resumes where it left off', () => {
    const r = runSteps({ w: 0, b: 0 }, data, 1e-5, 0, 50, { ...LIMITS, maxSteps: 30 });
    expect(r.outcome).toBe('max-steps');
    expect(r.step).toBe(30);
    const a = runSteps({ w: 0, b: 0 }, data, 0.01, 0, 10);
    const b = runSteps(a.model, data, 0.01, a.step, 10);
    const c = runSteps({ w: 0, b: 0 }, data, 0.01, 0, 20);
    expect(b.step).toBe(20);
    expect(b.model.w).toBe(c.model.w);
    expect(b.model.b).toBe(c.model.b);
  });
  it('loss history stays bounded and keeps the early steps and the latest one', () => {
    const hist = new LossHistory(400, 50);
    for (let t = 0; t <= 20000; t++) hist.push(t, 1 / (t + 1));
    const pts = hist.points();
    expect(pts.length).toBeLessThanOrEqual(451);
    expect(pts.slice(0, 50).map((p) => p.step)).toEqual([...Array(50).keys()]);
    expect(pts.at(-1)).toEqual({ step: 20000, loss: 1 / 20001 });
    // Later points are evenly spaced (one stride), not thinned more the older they are.
    const gaps = new Set(pts.slice(50, -1).map((p, i, a) => (i ? p.step - a[i - 1]!.step : 0)).slice(1));
    expect(gaps.size).toBe(1);
  });
  it('counts multiplications per step', () => {
    expect(multiplicationsPerStep(12)).toBe(28);
  });
});
