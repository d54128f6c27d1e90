/**
 * The eight activation functions of lesson 03 with their derivatives, as scalar functions
 * φ(z) and φ'(z). Where φ is not differentiable (step and sign at 0, piecewise linear at ±½,
 * ReLU at 0) we use the convention stated in `derivativeNote`; the derivative of step and sign
 * is 0 everywhere else, which is why the perceptron rule does not use it.
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
  /** How the derivative is defined where φ has a corner or a jump (Spanish). */
  derivativeNote?: string;
}

const sigmoid = (z: number): number => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));
/** ln(1 + e^z) without overflow for large z. */
const softplus = (z: number): number => (z > 30 ? z : Math.log1p(Math.exp(z)));

export const ACTIVATIONS: Readonly<Record<ActivationName, Activation>> = {
  step: {
    name: 'step', label: 'Escalón unitario (Heaviside)',
    tex: String.raw`\phi(z)=\begin{cases}0 & z<0\\ 0{,}5 & z=0\\ 1 & z>0\end{cases}`,
    dtex: String.raw`\phi'(z)=0 \quad (z\neq 0)`,
    f: (z) => (z > 0 ? 1 : z < 0 ? 0 : 0.5), df: () => 0, range: [-0.2, 1.2],
    usedIn: 'Perceptrón clásico: decide sí o no.',
    derivativeNote: 'En z = 0 salta y no tiene derivada; en el resto vale 0.',
  },
  sign: {
    name: 'sign', label: 'Signo',
    tex: String.raw`\phi(z)=\begin{cases}-1 & z<0\\ 0 & z=0\\ 1 & z>0\end{cases}`,
    dtex: String.raw`\phi'(z)=0 \quad (z\neq 0)`,
    f: (z) => Math.sign(z) + 0, df: () => 0, range: [-1.2, 1.2],
    usedIn: 'Variante del perceptrón con salidas −1 y +1.',
    derivativeNote: 'En z = 0 salta y no tiene derivada; en el resto vale 0.',
  },
  linear: {
    name: 'linear', label: 'Lineal (identidad)',
    tex: String.raw`\phi(z)=z`, dtex: String.raw`\phi'(z)=1`,
    f: (z) => z, df: () => 1, range: [-3, 3],
    usedIn: 'Adaline, regresión lineal y la salida de redes de regresión.',
  },
  piecewise: {
    name: 'piecewise', label: 'Lineal a tramos',
    tex: String.raw`\phi(z)=\begin{cases}1 & z\ge \tfrac12\\ z+\tfrac12 & -\tfrac12<z<\tfrac12\\ 0 & z\le -\tfrac12\end{cases}`,
    dtex: String.raw`\phi'(z)=\begin{cases}1 & -\tfrac12<z<\tfrac12\\ 0 & |z|>\tfrac12\end{cases}`,
    f: (z) => (z >= 0.5 ? 1 : z <= -0.5 ? 0 : z + 0.5),
    df: (z) => (z > -0.5 && z < 0.5 ? 1 : 0), range: [-0.2, 1.2],
    usedIn: 'Aproximación barata de la sigmoide; aparece junto a las máquinas de vectores soporte.',
    derivativeNote: 'En z = ±½ tiene esquinas; allí tomamos 0.',
  },
  sigmoid: {
    name: 'sigmoid', label: 'Logística (sigmoide)',
    tex: String.raw`\phi(z)=\dfrac{1}{1+e^{-z}}`, dtex: String.raw`\phi'(z)=\phi(z)\,\bigl(1-\phi(z)\bigr)`,
    f: sigmoid, df: (z) => sigmoid(z) * (1 - sigmoid(z)), range: [-0.2, 1.2],
    usedIn: 'Regresión logística y salida de clasificadores binarios (da una probabilidad).',
  },
  tanh: {
    name: 'tanh', label: 'Tangente hiperbólica',
    tex: String.raw`\phi(z)=\dfrac{e^{z}-e^{-z}}{e^{z}+e^{-z}}`, dtex: String.raw`\phi'(z)=1-\phi(z)^2`,
    f: Math.tanh, df: (z) => 1 - Math.tanh(z) ** 2, range: [-1.2, 1.2],
    usedIn: 'Capas ocultas de redes multicapa; centrada en 0.',
  },
  relu: {
    name: 'relu', label: 'ReLU (unidad lineal rectificada)',
    tex: String.raw`\phi(z)=\max(0,z)`, dtex: String.raw`\phi'(z)=\begin{cases}1 & z>0\\ 0 & z<0\end{cases}`,
    f: (z) => (z > 0 ? z : 0), df: (z) => (z > 0 ? 1 : 0), range: [-0.5, 3],
    usedIn: 'Capas ocultas de casi todas las redes profundas y de las CNN.',
    derivativeNote: 'En z = 0 tiene una esquina; allí tomamos 0, como TensorFlow.',
  },
  softplus: {
    name: 'softplus', label: 'Softplus',
    tex: String.raw`\phi(z)=\ln\!\left(1+e^{z}\right)`, dtex: String.raw`\phi'(z)=\dfrac{1}{1+e^{-z}}`,
    f: softplus, df: sigmoid, range: [-0.5, 3],
    usedIn: 'Versión suave de ReLU, derivable en todas partes.',
  },
};

export const ACTIVATION_NAMES = Object.keys(ACTIVATIONS) as ActivationName[];
