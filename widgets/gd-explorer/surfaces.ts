/**
 * Loss functions for the gradient-descent explorer, each with its analytic gradient.
 * Parameters are a plain array w (length 1 or 2: w = [w] or [w1, w2]); L is dimensionless.
 * Every surface also says where to start, which region to draw and which α values show the
 * four regimes (too small, good, oscillating, diverging) from its default start point.
 */
export type SurfaceId = 'parabola' | 'doble' | 'cuenco' | 'recta' | 'rosenbrock';
export type PresetId = 'pequena' | 'buena' | 'oscila' | 'diverge';

export interface Surface {
  id: SurfaceId;
  dims: 1 | 2;
  /** Spanish name for the select. */
  label: string;
  /** KaTeX of the formula the code computes. */
  tex: string;
  /** Names of the parameters (KaTeX) and their plain-text form. */
  names: readonly string[];
  plain: readonly string[];
  f(w: readonly number[]): number;
  grad(w: readonly number[]): number[];
  /** Hessian (second derivatives), row-major d×d. */
  hessian(w: readonly number[]): number[];
  /** Region drawn, per parameter: [lo, hi]. For 1-D surfaces `lossRange` is the L axis. */
  domain: readonly (readonly [number, number])[];
  lossRange?: readonly [number, number];
  /** Default start point. */
  start: readonly number[];
  /** Every local minimum (the first one is the global minimum). */
  minima: readonly (readonly number[])[];
  /** α of each preset, chosen from the curvature at the minimum (see the unit tests). */
  presets: Readonly<Record<PresetId, number>>;
  /** One Spanish sentence about what this surface teaches. */
  note: string;
}

/** Tiny regression data set of the 'recta' surface: P = 4 points (x_p, d_p), one output. */
export const LINE_DATA: readonly { x: number; d: number }[] = [
  { x: 0.5, d: 0.5 },
  { x: 1, d: 1.1 },
  { x: 2, d: 1.7 },
  { x: 3, d: 2.7 },
];

/** Least-squares line through LINE_DATA (closed form), the minimum of the 'recta' surface. */
export function lineOptimum(data = LINE_DATA): [number, number] {
  const P = data.length;
  const mx = data.reduce((s, p) => s + p.x, 0) / P;
  const md = data.reduce((s, p) => s + p.d, 0) / P;
  let sxx = 0;
  let sxd = 0;
  for (const p of data) {
    sxx += (p.x - mx) ** 2;
    sxd += (p.x - mx) * (p.d - md);
  }
  const w = sxd / sxx;
  return [w, md - w * mx];
}

/** MSE of the line y = w x + b on LINE_DATA: L = 1/P Σ (d_p − y_p)² (M = 1 output). */
function lineLoss([w = 0, b = 0]: readonly number[]): number {
  let s = 0;
  for (const p of LINE_DATA) s += (p.d - (w * p.x + b)) ** 2;
  return s / LINE_DATA.length;
}
/** ∂L/∂w = −2/P Σ (d_p − y_p) x_p, ∂L/∂b = −2/P Σ (d_p − y_p). */
function lineGrad([w = 0, b = 0]: readonly number[]): number[] {
  let gw = 0;
  let gb = 0;
  for (const p of LINE_DATA) {
    const e = p.d - (w * p.x + b);
    gw += -2 * e * p.x;
    gb += -2 * e;
  }
  return [gw / LINE_DATA.length, gb / LINE_DATA.length];
}
function lineHessian(): number[] {
  const P = LINE_DATA.length;
  const sx = LINE_DATA.reduce((s, p) => s + p.x, 0);
  const sxx = LINE_DATA.reduce((s, p) => s + p.x * p.x, 0);
  return [(2 * sxx) / P, (2 * sx) / P, (2 * sx) / P, 2];
}

/** Rosenbrock's curved valley, softened: L = (1 − w1)² + K (w2 − w1²)². */
const K = 10;

/** Two-minima quartic: L = w⁴/4 − w² + 0.4 w + 1.6 (minima near w ≈ −1.51 and w ≈ 1.30). */
const quartic = (w: number): number => w ** 4 / 4 - w * w + 0.4 * w + 1.6;
/** The two minima of `quartic`: roots of L' = w³ − 2w + 0.4 by Newton's method. */
function quarticMinima(): [number, number] {
  const newton = (x: number): number => {
    for (let k = 0; k < 60; k++) x -= (x ** 3 - 2 * x + 0.4) / (3 * x * x - 2);
    return x;
  };
  return [newton(-1.6), newton(1.4)];
}
const [QL, QR] = quarticMinima();

export const SURFACES: readonly Surface[] = [
  {
    id: 'parabola', dims: 1, label: 'Parábola (un solo mínimo)',
    tex: 'L(w)=(w-1)^2', names: ['w'], plain: ['w'],
    f: ([w = 0]) => (w - 1) ** 2,
    grad: ([w = 0]) => [2 * (w - 1)],
    hessian: () => [2],
    domain: [[-4, 6]], lossRange: [0, 26], start: [-3], minima: [[1]],
    presets: { pequena: 0.01, buena: 0.3, oscila: 0.9, diverge: 1.1 },
    note: 'Una sola curvatura, L″ = 2: con α < 1 siempre llega al mínimo; con α > 1, nunca.',
  },
  {
    id: 'doble', dims: 1, label: 'Curva con dos mínimos',
    tex: 'L(w)=\\tfrac14 w^4-w^2+0{,}4\\,w+1{,}6', names: ['w'], plain: ['w'],
    f: ([w = 0]) => quartic(w),
    grad: ([w = 0]) => [w ** 3 - 2 * w + 0.4],
    hessian: ([w = 0]) => [3 * w * w - 2],
    domain: [[-2.5, 2.5]], lossRange: [0, 6.5], start: [2.2], minima: [[QL], [QR]],
    presets: { pequena: 0.005, buena: 0.1, oscila: 0.35, diverge: 0.8 },
    note: 'El mínimo al que llegas depende de dónde empiezas y de lo largos que sean los pasos.',
  },
  {
    id: 'cuenco', dims: 2, label: 'Cuenco alargado',
    tex: 'L(w_1,w_2)=\\tfrac12 (w_1-1)^2+5\\,(w_2-0{,}5)^2', names: ['w_1', 'w_2'], plain: ['w₁', 'w₂'],
    f: ([a = 0, b = 0]) => 0.5 * (a - 1) ** 2 + 5 * (b - 0.5) ** 2,
    grad: ([a = 0, b = 0]) => [a - 1, 10 * (b - 0.5)],
    hessian: () => [1, 0, 0, 10],
    domain: [[-3, 3.5], [-1.5, 2.5]], start: [-2.5, 2], minima: [[1, 0.5]],
    presets: { pequena: 0.01, buena: 0.1, oscila: 0.18, diverge: 0.22 },
    note: 'Curvatura 10 a lo largo de w₂ y 1 a lo largo de w₁: la fuerte limita α, la débil marca el ritmo.',
  },
  {
    id: 'recta', dims: 2, label: 'Regresión: recta y = w·x + b con 4 puntos',
    tex: 'L(w,b)=\\frac1P\\sum_{p=1}^{P}\\bigl(d_p-(w\\,x_p+b)\\bigr)^2', names: ['w', 'b'], plain: ['w', 'b'],
    f: lineLoss, grad: lineGrad, hessian: lineHessian,
    domain: [[-1, 2.6], [-1.6, 2.4]], start: [-0.5, 2], minima: [lineOptimum()],
    presets: { pequena: 0.005, buena: 0.1, oscila: 0.21, diverge: 0.25 },
    note: 'La misma bajada, pero ahora cada punto del plano es una recta y la altura es su error cuadrático medio.',
  },
  {
    id: 'rosenbrock', dims: 2, label: 'Valle curvo (Rosenbrock)',
    tex: 'L(w_1,w_2)=(1-w_1)^2+10\\,(w_2-w_1^2)^2', names: ['w_1', 'w_2'], plain: ['w₁', 'w₂'],
    f: ([a = 0, b = 0]) => (1 - a) ** 2 + K * (b - a * a) ** 2,
    grad: ([a = 0, b = 0]) => [-2 * (1 - a) - 4 * K * a * (b - a * a), 2 * K * (b - a * a)],
    hessian: ([a = 0, b = 0]) => [2 - 4 * K * (b - a * a) + 8 * K * a * a, -4 * K * a, -4 * K * a, 2 * K],
    domain: [[-2, 2], [-1, 3]], start: [-0.8, 2.5], minima: [[1, 1]],
    presets: { pequena: 0.0005, buena: 0.017, oscila: 0.0185, diverge: 0.03 },
    note: 'Un valle estrecho y curvado: incluso con la mejor α el descenso avanza despacio por el fondo.',
  },
];

export function surfaceById(id: string): Surface {
  return SURFACES.find((s) => s.id === id) ?? SURFACES[0]!;
}

/** Eigenvalues of a symmetric d×d matrix (d = 1 or 2), ascending. */
export function symEigenvalues(H: readonly number[]): number[] {
  if (H.length === 1) return [H[0]!];
  const [a = 0, b = 0, , d = 0] = H;
  const m = (a + d) / 2;
  const r = Math.hypot((a - d) / 2, b);
  return [m - r, m + r];
}

/** Largest curvature λₘₐₓ at the global minimum, and the stability limit 2/λₘₐₓ for α. */
export function curvature(s: Surface): { lambdaMin: number; lambdaMax: number; limit: number } {
  const ev = symEigenvalues(s.hessian(s.minima[0]!));
  const lambdaMax = ev[ev.length - 1]!;
  return { lambdaMin: ev[0]!, lambdaMax, limit: 2 / lambdaMax };
}
