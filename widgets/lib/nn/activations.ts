/**
 * The eight activation functions of lesson 03 with their derivatives, as scalar functions
 * φ(z) and φ'(z) (the table of Sebastian Raschka's overview). Where φ is not differentiable
 * (step and sign at 0, piecewise linear at ±½, ReLU at 0) `df` returns 0 there, the convention
 * stated in `derivativeNote`; the derivative of step and sign is 0 everywhere else, which is why
 * the perceptron rule does not use it.
 */
export type ActivationName =
  | 'step'
  | 'sign'
  | 'linear'
  | 'piecewise'
  | 'sigmoid'
  | 'tanh'
  | 'relu'
  | 'softplus';

export interface Activation {
  name: ActivationName;
  /** Spanish display name. */
  label: string;
  /** Short Spanish name for tight spaces (legends, diagram boxes). */
  short: string;
  /** KaTeX source of φ(z). */
  tex: string;
  /** KaTeX source of φ'(z). */
  dtex: string;
  f: (z: number) => number;
  df: (z: number) => number;
  /** Output range, for plotting. */
  range: readonly [number, number];
  /** Where it is used (Spanish, one line). */
  usedIn: string;
  /** Points where φ is not differentiable (corners and jumps), sorted. */
  kinks: readonly number[];
  /** Points where φ itself jumps (a subset of `kinks`). */
  jumps: readonly number[];
  /** How the derivative behaves, including corners and jumps (Spanish). */
  derivativeNote?: string;
}

/** Logistic function, without overflow for any finite z (e^{-z} is only taken for z ≥ 0). */
export const sigmoid = (z: number): number => {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
};

/** ln(1 + e^z) without overflow: for z > 0 it is z + ln(1 + e^{-z}). */
export const softplus = (z: number): number => (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z)));

export const ACTIVATIONS: Readonly<Record<ActivationName, Activation>> = {
  step: {
    name: 'step', label: 'Escalón unitario (Heaviside)', short: 'escalón',
    tex: String.raw`\phi(z)=\begin{cases}0 & z<0\\ 0{,}5 & z=0\\ 1 & z>0\end{cases}`,
    dtex: String.raw`\phi'(z)=0 \quad (z\neq 0)`,
    f: (z) => (z > 0 ? 1 : z < 0 ? 0 : 0.5), df: () => 0, range: [-0.2, 1.2],
    kinks: [0], jumps: [0],
    usedIn: 'Perceptrón (variante con salidas 0 y 1): responde sí o no.',
    derivativeNote: 'Salta en z = 0 y allí no tiene derivada; en el resto vale 0, así que no orienta el aprendizaje por gradiente.',
  },
  sign: {
    name: 'sign', label: 'Signo', short: 'signo',
    tex: String.raw`\phi(z)=\begin{cases}-1 & z<0\\ 0 & z=0\\ 1 & z>0\end{cases}`,
    dtex: String.raw`\phi'(z)=0 \quad (z\neq 0)`,
    f: (z) => Math.sign(z) + 0, df: () => 0, range: [-1.2, 1.2],
    kinks: [0], jumps: [0],
    usedIn: 'Perceptrón (variante con salidas −1 y +1).',
    derivativeNote: 'Salta en z = 0 y allí no tiene derivada; en el resto vale 0.',
  },
  linear: {
    name: 'linear', label: 'Lineal (identidad)', short: 'lineal',
    tex: String.raw`\phi(z)=z`, dtex: String.raw`\phi'(z)=1`,
    f: (z) => z, df: () => 1, range: [-3, 3],
    kinks: [], jumps: [],
    usedIn: 'Adaline y regresión lineal; salida de las redes que predicen un número.',
    derivativeNote: 'Derivable en todas partes: su derivada es siempre 1.',
  },
  piecewise: {
    name: 'piecewise', label: 'Lineal a tramos', short: 'lineal a tramos',
    tex: String.raw`\phi(z)=\begin{cases}1 & z\ge \tfrac12\\ z+\tfrac12 & -\tfrac12<z<\tfrac12\\ 0 & z\le -\tfrac12\end{cases}`,
    dtex: String.raw`\phi'(z)=\begin{cases}1 & -\tfrac12<z<\tfrac12\\ 0 & |z|>\tfrac12\end{cases}`,
    f: (z) => (z >= 0.5 ? 1 : z <= -0.5 ? 0 : z + 0.5),
    df: (z) => (z > -0.5 && z < 0.5 ? 1 : 0), range: [-0.2, 1.2],
    kinks: [-0.5, 0.5], jumps: [],
    usedIn: 'Máquinas de vectores soporte, según la tabla original; es una sigmoide recortada y barata.',
    derivativeNote: 'Tiene esquinas en z = ±½ y allí no tiene derivada (tomamos 0).',
  },
  sigmoid: {
    name: 'sigmoid', label: 'Logística (sigmoide)', short: 'sigmoide',
    tex: String.raw`\phi(z)=\dfrac{1}{1+e^{-z}}`, dtex: String.raw`\phi'(z)=\phi(z)\,\bigl(1-\phi(z)\bigr)`,
    f: sigmoid, df: (z) => { const s = sigmoid(z); return s * (1 - s); }, range: [-0.2, 1.2],
    kinks: [], jumps: [],
    usedIn: 'Regresión logística y redes multicapa; en la salida se lee como una probabilidad.',
    derivativeNote: 'Derivable en todas partes; su derivada vale como mucho 0,25, en z = 0.',
  },
  tanh: {
    name: 'tanh', label: 'Tangente hiperbólica', short: 'tanh',
    tex: String.raw`\phi(z)=\dfrac{e^{z}-e^{-z}}{e^{z}+e^{-z}}`, dtex: String.raw`\phi'(z)=1-\phi(z)^2`,
    f: Math.tanh, df: (z) => 1 - Math.tanh(z) ** 2, range: [-1.2, 1.2],
    kinks: [], jumps: [],
    usedIn: 'Capas ocultas de redes multicapa y recurrentes; su salida está centrada en 0.',
    derivativeNote: 'Derivable en todas partes; su derivada vale como mucho 1, en z = 0.',
  },
  relu: {
    name: 'relu', label: 'ReLU (unidad lineal rectificada)', short: 'ReLU',
    tex: String.raw`\phi(z)=\max(0,z)`, dtex: String.raw`\phi'(z)=\begin{cases}1 & z>0\\ 0 & z<0\end{cases}`,
    f: (z) => (z > 0 ? z : 0), df: (z) => (z > 0 ? 1 : 0), range: [-0.5, 3],
    kinks: [0], jumps: [],
    usedIn: 'Capas ocultas de casi todas las redes profundas, CNN incluidas; es muy barata de calcular.',
    derivativeNote: 'Tiene una esquina en z = 0 y allí no tiene derivada; se toma 0, como hace TensorFlow.',
  },
  softplus: {
    name: 'softplus', label: 'Softplus', short: 'softplus',
    tex: String.raw`\phi(z)=\ln\!\left(1+e^{z}\right)`, dtex: String.raw`\phi'(z)=\dfrac{1}{1+e^{-z}}`,
    f: softplus, df: sigmoid, range: [-0.5, 3],
    kinks: [], jumps: [],
    usedIn: 'Redes multicapa; es una ReLU suavizada.',
    derivativeNote: 'Derivable en todas partes: su derivada es justo la sigmoide.',
  },
};

export const ACTIVATION_NAMES = Object.keys(ACTIVATIONS) as ActivationName[];

/** True when z lies within `tol` of a point where φ has no derivative. */
export function nearKink(a: Activation, z: number, tol = 1e-9): boolean {
  return a.kinks.some((k) => Math.abs(z - k) <= tol);
}

/**
 * Samples φ (or φ') on [lo, hi] for plotting, as polylines: a new segment starts at every jump
 * of the sampled function (jumps of φ; for φ' also every kink), so no vertical line is drawn
 * where the function is not continuous. Each point is [z, value]; `n` ≥ 2 grid points plus two
 * points just either side of each break (δ = 1e-9).
 */
export function sampleSegments(
  a: Activation,
  lo: number,
  hi: number,
  n: number,
  which: 'f' | 'df' = 'f',
): Array<Array<[number, number]>> {
  if (!(hi > lo) || n < 2) throw new RangeError('sampleSegments: need hi > lo and n ≥ 2');
  const fn = which === 'f' ? a.f : a.df;
  const breaks = (which === 'f' ? a.jumps : a.kinks).filter((c) => c > lo && c < hi);
  const d = 1e-9;
  const zs: number[] = [];
  for (let i = 0; i < n; i++) zs.push(lo + ((hi - lo) * i) / (n - 1));
  for (const c of breaks) zs.push(c - d, c + d);
  zs.sort((p, q) => p - q);
  const segments: Array<Array<[number, number]>> = [[]];
  let next = 0;
  for (const z of zs) {
    if (next < breaks.length && z > breaks[next]!) {
      segments.push([]);
      next++;
    }
    if (breaks.some((c) => Math.abs(z - c) < d / 2)) continue;
    segments[segments.length - 1]!.push([z, fn(z)]);
  }
  return segments.filter((s) => s.length > 0);
}
