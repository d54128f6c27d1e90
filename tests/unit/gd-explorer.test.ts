import { describe, expect, it } from 'vitest';
import {
  MAX_STEPS, SLOW_STEPS, TOL, advance, classify, createRun, escapeBox, gdStep, minimumReached, stepsOf, type Regime,
} from '../../widgets/gd-explorer/core';
import { LINE_DATA, SURFACES, curvature, lineOptimum, surfaceById, symEigenvalues } from '../../widgets/gd-explorer/surfaces';
import { divergenceText, explain, mseRows, num, tex, updateText } from '../../widgets/gd-explorer/messages';

/** Central finite differences of f at w, step h (error O(h²)). */
function numericGrad(f: (w: number[]) => number, w: number[], h = 1e-5): number[] {
  return w.map((_, i) => {
    const a = [...w];
    const b = [...w];
    a[i]! += h;
    b[i]! -= h;
    return (f(a) - f(b)) / (2 * h);
  });
}

const probe = (dims: number): number[][] =>
  dims === 1 ? [[-2.3], [-0.4], [0.7], [1.9]] : [[-1.3, 0.4], [0.2, -0.7], [1.1, 1.6], [-0.5, 2.2]];

describe('gd-explorer surfaces', () => {
  for (const s of SURFACES) {
    it(`${s.id}: analytic gradient matches central differences (rel. error < 1e-6)`, () => {
      for (const w of probe(s.dims)) {
        const g = s.grad(w);
        const n = numericGrad((v) => s.f(v), w);
        g.forEach((gi, i) => expect(Math.abs(gi - n[i]!)).toBeLessThan(1e-6 * Math.max(1, Math.abs(gi))));
      }
    });
    it(`${s.id}: Hessian matches differences of the gradient (< 1e-5)`, () => {
      for (const w of probe(s.dims)) {
        const H = s.hessian(w);
        for (let j = 0; j < s.dims; j++) {
          const col = numericGrad((v) => s.grad(v)[j]!, w);
          col.forEach((v, i) => expect(Math.abs(H[j * s.dims + i]! - v)).toBeLessThan(1e-5 * Math.max(1, Math.abs(v))));
        }
      }
    });
    it(`${s.id}: every listed minimum has zero gradient and positive curvature; the first is the lowest`, () => {
      for (const m of s.minima) {
        expect(Math.hypot(...s.grad(m))).toBeLessThan(1e-9);
        for (const ev of symEigenvalues(s.hessian(m))) expect(ev).toBeGreaterThan(0);
      }
      // Brute-force search over the drawn domain: nothing is lower than the global minimum.
      const N = 200;
      let lowest = Infinity;
      const [a0, a1] = s.domain[0]!;
      const [b0, b1] = s.domain[1] ?? [0, 0];
      for (let i = 0; i <= N; i++) {
        for (let j = 0; j <= (s.dims === 2 ? N : 0); j++) {
          const w = s.dims === 2 ? [a0 + ((a1 - a0) * i) / N, b0 + ((b1 - b0) * j) / N] : [a0 + ((a1 - a0) * i) / N];
          lowest = Math.min(lowest, s.f(w));
        }
      }
      expect(s.f([...s.minima[0]!])).toBeLessThanOrEqual(lowest + 1e-12);
      for (const m of s.minima.slice(1)) expect(s.f([...m])).toBeGreaterThan(s.f([...s.minima[0]!]));
    });
  }

  it('the regression surface is the MSE of the notes (M = 1) and its minimum is least squares', () => {
    const s = surfaceById('recta');
    const [w, b] = [0.7, -0.2];
    const direct = LINE_DATA.reduce((acc, p) => acc + (p.d - (w * p.x + b)) ** 2, 0) / LINE_DATA.length;
    expect(s.f([w, b])).toBeCloseTo(direct, 14);
    expect(mseRows(w, b).reduce((a, r) => a + r.e2, 0) / 4).toBeCloseTo(direct, 14);
    // Normal equations solved independently: [Σx² Σx; Σx P] [w; b] = [Σxd; Σd].
    const P = LINE_DATA.length;
    const sx = LINE_DATA.reduce((a, p) => a + p.x, 0);
    const sxx = LINE_DATA.reduce((a, p) => a + p.x * p.x, 0);
    const sd = LINE_DATA.reduce((a, p) => a + p.d, 0);
    const sxd = LINE_DATA.reduce((a, p) => a + p.x * p.d, 0);
    const det = sxx * P - sx * sx;
    const [ws, bs] = lineOptimum();
    expect(ws).toBeCloseTo((sxd * P - sx * sd) / det, 12);
    expect(bs).toBeCloseTo((sxx * sd - sx * sxd) / det, 12);
    expect(ws).toBeCloseTo(0.8407, 4);
    expect(bs).toBeCloseTo(0.1339, 4);
  });

  it('curvatures and stability limits: parabola 2/λ = 1, bowl 2/10, regression ≈ 0.2299', () => {
    expect(curvature(surfaceById('parabola')).limit).toBeCloseTo(1, 12);
    expect(curvature(surfaceById('cuenco'))).toMatchObject({ lambdaMin: 1, lambdaMax: 10 });
    const r = curvature(surfaceById('recta'));
    // H = 2/P [Σx² Σx; Σx P] = [7.125 3.25; 3.25 2]: λ = (9.125 ± √(9.125² − 4·3.6875)) / 2.
    expect(r.lambdaMax).toBeCloseTo((9.125 + Math.sqrt(9.125 ** 2 - 4 * 3.6875)) / 2, 10);
    expect(r.limit).toBeCloseTo(0.2299, 4);
    expect(symEigenvalues([2, 1, 1, 2])).toEqual([1, 3]);
  });
});

describe('gd-explorer update rule', () => {
  it('one step is w − α ∇L(w) (parabola: −3 − 0.3·(−8) = −0.6)', () => {
    const st = gdStep(surfaceById('parabola'), [-3], 0.3);
    expect(st.grad).toEqual([-8]);
    expect(st.next[0]).toBeCloseTo(-0.6, 14);
    expect(st.loss).toBe(16);
    expect(st.nextLoss).toBeCloseTo(2.56, 12);
    const b = gdStep(surfaceById('cuenco'), [-2.5, 2], 0.1);
    expect(b.grad).toEqual([-3.5, 15]);
    expect(b.next[0]).toBeCloseTo(-2.15, 14);
    expect(b.next[1]).toBeCloseTo(0.5, 14);
  });

  it('on a quadratic, the distance to the minimum shrinks by (1 − αλ) per step', () => {
    for (const alpha of [0.1, 0.3, 0.7, 0.9]) {
      const run = advance(createRun(surfaceById('parabola'), [-3], alpha), 7);
      expect(run.path[7]![0]! - 1).toBeCloseTo((1 - 2 * alpha) ** 7 * -4, 10);
    }
  });

  it('rejects α ≤ 0', () => {
    expect(() => createRun(surfaceById('parabola'), [0], 0)).toThrow(RangeError);
  });
});

/** The regime after each step of a run, deduplicated: e.g. ['crece', 'diverge']. */
function regimes(id: string, alpha: number, start?: number[], max = MAX_STEPS): { seq: Regime[]; run: ReturnType<typeof createRun> } {
  const s = surfaceById(id);
  const run = createRun(s, start ?? [...s.start], alpha);
  const seq: Regime[] = [];
  for (let i = 0; i < max && run.status === 'running'; i++) {
    advance(run, 1);
    const r = classify(run).regime;
    if (seq[seq.length - 1] !== r) seq.push(r);
  }
  return { seq, run };
}

describe('gd-explorer regime classifier', () => {
  it('before the first step the regime is "inicio"', () => {
    expect(classify(createRun(surfaceById('parabola'), [-3], 0.3)).regime).toBe('inicio');
  });

  it('tiny α → lenta, and it would need more than SLOW_STEPS steps', () => {
    const s = surfaceById('parabola');
    const run = advance(createRun(s, [-3], 0.01), 10);
    const v = classify(run);
    expect(v.regime).toBe('lenta');
    expect(v.rho).toBeCloseTo(0.98, 6); // |1 − αλ| = 1 − 0.01·2
    expect(v.projected).toBeGreaterThan(SLOW_STEPS);
    // Same on the bowl once the fast direction has settled (its slow direction has ρ = 0.99).
    const bowl = advance(createRun(surfaceById('cuenco'), [-2.5, 2], 0.01), 60);
    expect(classify(bowl).regime).toBe('lenta');
  });

  it('good α → converge, and the run reaches ‖∇L‖ < TOL', () => {
    const { seq, run } = regimes('parabola', 0.3);
    expect(seq).toEqual(['converge']);
    expect(run.status).toBe('converged');
    expect(Math.abs(run.surface.grad(run.path[stepsOf(run)]!)[0]!)).toBeLessThan(TOL);
    expect(classify(run)).toMatchObject({ regime: 'converge', done: true });
    expect(explain(run, classify(run))).toContain('Ha convergido en 10 pasos');
  });

  it('1/λ < α < 2/λ → oscila (zig-zag) while converging, and it ends converged', () => {
    const { seq, run } = regimes('parabola', 0.75); // 1 − αλ = −0.5
    expect(seq).toContain('oscila');
    expect(seq).not.toContain('crece');
    expect(run.status).toBe('converged');
    expect(run.reversals).toBe(stepsOf(run) - 1);
    const bowl = advance(createRun(surfaceById('cuenco'), [-2.5, 2], 0.18), 8);
    expect(classify(bowl)).toMatchObject({ regime: 'oscila', zigzag: 1 });
  });

  it('α slightly over 2/λₘₐₓ → oscillates with growing amplitude, then diverges and stops', () => {
    const s = surfaceById('parabola');
    const alpha = 1.05 * curvature(s).limit; // 1 − αλ = −1.1
    const run = advance(createRun(s, [-3], alpha), 5);
    const v = classify(run);
    expect(v.regime).toBe('crece');
    expect(v.zigzag).toBe(1);
    const d = [1, 2, 3, 4, 5].map((t) => Math.abs(run.path[t]![0]! - 1));
    d.slice(1).forEach((x, i) => expect(x).toBeCloseTo(1.1 * d[i]!, 9));
    const { seq, run: full } = regimes('parabola', alpha);
    expect(seq).toEqual(['crece', 'diverge']);
    expect(full.status).toBe('diverged');
    expect(classify(full).done).toBe(true);
    const box = escapeBox(s);
    expect(Math.abs(full.path[stepsOf(full)]![0]!)).toBeGreaterThan(Math.min(-box[0]![0], box[0]![1]));
    expect(advance(full, 5).path.length).toBe(stepsOf(full) + 1); // a diverged run takes no more steps
    const text = divergenceText(full);
    expect(text).toContain('Diverge');
    expect(text).toContain('2/λₘₐₓ ≈ 1');
    expect(text).toContain('Baja α');
  });

  it('the same holds on the elongated bowl: the steep direction sets the limit 2/λₘₐₓ = 0.2', () => {
    expect(regimes('cuenco', 0.21).seq).toEqual(['crece', 'diverge']);
    const ok = regimes('cuenco', 0.19);
    expect(ok.run.status).toBe('converged');
    expect(ok.seq).toContain('oscila');
  });

  it('each surface\'s presets show their regime from the default start', () => {
    for (const s of SURFACES) {
      expect(regimes(s.id, s.presets.diverge).run.status, `${s.id} diverge`).toBe('diverged');
      const good = regimes(s.id, s.presets.buena).run;
      expect(good.status, `${s.id} buena`).toBe('converged');
      const osc = regimes(s.id, s.presets.oscila);
      expect(osc.seq, `${s.id} oscila`).toContain('oscila');
      expect(osc.run.status, `${s.id} oscila converges`).toBe('converged');
      expect(osc.run.reversals, `${s.id} oscila reverses`).toBeGreaterThan(0);
      const small = advance(createRun(s, [...s.start], s.presets.pequena), 100);
      expect(classify(small).regime, `${s.id} pequeña`).toBe('lenta');
    }
  });

  it('says «mayor que el límite» only when α really is above 2/λₘₐₓ', () => {
    const rb = surfaceById('rosenbrock');
    const { limit } = curvature(rb);
    expect(limit).toBeCloseTo(0.019684, 5);
    expect(rb.presets.oscila).toBeLessThan(limit);
    const below = advance(createRun(rb, [...rb.start], 0.0195), MAX_STEPS);
    expect(below.status).toBe('diverged');
    const belowText = divergenceText(below);
    expect(belowText).not.toContain('mayor que');
    expect(belowText).toContain('no llega al límite 2/λₘₐₓ ≈ 0,0197');
    const above = advance(createRun(rb, [...rb.start], 0.03), MAX_STEPS);
    expect(above.status).toBe('diverged');
    expect(divergenceText(above)).toContain('α = 0,03, mayor que el límite 2/λₘₐₓ ≈ 0,0197');
  });

  it('the two-minima curve: a small step ends in the local minimum, a longer one jumps to the global', () => {
    const local = regimes('doble', 0.1).run;
    expect(minimumReached(local)).toEqual({ index: 1, global: false });
    expect(explain(local, classify(local))).toContain('mínimo local');
    const global = regimes('doble', 0.35).run;
    expect(minimumReached(global)).toEqual({ index: 0, global: true });
  });
});

describe('gd-explorer texts', () => {
  it('formats numbers in Spanish and as KaTeX', () => {
    expect(num(-2.15)).toBe('−2,15');
    expect(num(0.0031)).toBe('0,0031');
    expect(num(123456)).toBe('1,23·10⁵');
    expect(num(0.00012)).toBe('1,2·10⁻⁴');
    expect(num(Number.NaN)).toBe('no es un número');
    expect(tex(-2.15)).toBe('-2{,}15');
    expect(tex(123456)).toBe('1{,}23\\cdot 10^{5}');
  });
  it('the update text shows w, the gradient, α and the new w of the next step', () => {
    const run = createRun(surfaceById('parabola'), [-3], 0.3);
    expect(updateText(run)).toBe('Paso 0 → 1: w = −3, L′(w) = −8, α = 0,3, nuevo w = w − α·L′(w) = −0,6; L pasa de 16 a 2,56.');
  });
});

describe('numbers quoted in lesson 06', () => {
  const run = (id: string, alpha: number) => {
    const s = surfaceById(id);
    const r = createRun(s, [...s.start], alpha);
    while (r.status === 'running') advance(r, 1);
    return r;
  };
  it('parabola from w0 = −3: α = 0,3 → 10 steps; 0,01 → 445; 0,9 → 41 with every step reversed; 1,1 → out at step 14', () => {
    expect(stepsOf(run('parabola', 0.3))).toBe(10);
    expect(stepsOf(run('parabola', 0.01))).toBe(445);
    const osc = run('parabola', 0.9);
    expect(stepsOf(osc)).toBe(41);
    expect(osc.reversals).toBe(40);
    const div = run('parabola', 1.1);
    expect(div.status).toBe('diverged');
    expect(stepsOf(div)).toBe(14);
  });
  it('regression surface: condition number ≈ 20, and ≈ 1.09 (curvatures 1.84 and 2) once x is centred', () => {
    const c = curvature(surfaceById('recta'));
    expect(c.lambdaMax / c.lambdaMin).toBeCloseTo(20.5, 1);
    expect(c.lambdaMin).toBeCloseTo(0.42, 2);
    expect(c.lambdaMax).toBeCloseTo(8.70, 2);
    const mean = LINE_DATA.reduce((a, p) => a + p.x, 0) / LINE_DATA.length;
    expect(mean).toBe(1.625);
    // Hessian of the MSE after x ← x − mean: 2/P [Σx'² Σx'; Σx' P] = diag(2 Σx'²/P, 2).
    const sxx = LINE_DATA.reduce((a, p) => a + (p.x - mean) ** 2, 0);
    const ev = symEigenvalues([(2 * sxx) / 4, 0, 0, 2]);
    expect(ev[0]).toBeCloseTo(1.84, 2);
    expect(ev[1]).toBe(2);
  });
  it('the bowl with α = 0,18: w2 factor −0,8, w1 factor 0,82', () => {
    const r = advance(createRun(surfaceById('cuenco'), [-2.5, 2], 0.18), 3);
    expect((r.path[3]![1]! - 0.5) / (r.path[2]![1]! - 0.5)).toBeCloseTo(-0.8, 10);
    expect((r.path[3]![0]! - 1) / (r.path[2]![0]! - 1)).toBeCloseTo(0.82, 10);
  });
});

describe('the curved valley (lesson: "cientos de pasos" even with the best α)', () => {
  it('Rosenbrock with its "buena" α converges, but only after several hundred steps', () => {
    const s = surfaceById('rosenbrock');
    const r = createRun(s, [...s.start], s.presets.buena);
    while (r.status === 'running') advance(r, 1);
    expect(r.status).toBe('converged');
    expect(stepsOf(r)).toBeGreaterThan(300);
    expect(stepsOf(r)).toBeLessThan(MAX_STEPS);
  });
});
