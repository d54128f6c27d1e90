/**
 * Pure logic of the backpropagation stepper (no DOM): one forward and one backward pass of a
 * 2-2-1 network (sigmoid hidden layer, sigmoid output, the MSE of lib/nn/loss.ts) on ONE XOR
 * sample, split into nine stages, and the gradient-descent update w ← w − α·∂L/∂w.
 *
 * Every number comes from lib/nn itself (Mlp.forwardBatch, MSE.compute, Mlp.backward) in
 * float64, so the widget shows exactly what the training engine computes:
 *   hidden layer  z_j = Σ_i w_ji x_i + b_j,  a_j = σ(z_j)          (W[j*2 + i] = w_ji)
 *   output        z = Σ_j v_j a_j + c,        ŷ = σ(z)              (output W[j] = v_j, b = c)
 *   loss (P = M = 1)  L = (ŷ − d)²,  ∂L/∂ŷ = 2(ŷ − d)               (lib/nn MSE, no ½)
 *   δ = ∂L/∂z = 2(ŷ − d)·σ'(z),  σ'(z) = σ(z)(1 − σ(z))
 *   ∂L/∂v_j = δ·a_j,  ∂L/∂c = δ
 *   δ_j = ∂L/∂z_j = δ·v_j·σ'(z_j),  ∂L/∂w_ji = δ_j·x_i,  ∂L/∂b_j = δ_j
 * With a batch of one sample, lib/nn's ∂L/∂b of a layer IS that layer's δ (db = Σ_rows dL/dNET).
 * All values are plain numbers (no units); x, d ∈ {0, 1}; ŷ, a ∈ (0, 1).
 */
import { ACTIVATIONS } from '../lib/nn/activations';
import { MSE } from '../lib/nn/loss';
import { Mlp, type Weights } from '../lib/nn/mlp';
import { sig as sigText } from '../lib/format/number';

export const SAMPLES = [[0, 0], [0, 1], [1, 0], [1, 1]] as const;
/** XOR targets of SAMPLES. */
export const TARGETS = [0, 1, 1, 0] as const;
export const SAMPLE_KEYS = ['00', '01', '10', '11'] as const;
export type SampleKey = (typeof SAMPLE_KEYS)[number];
export const sampleIndex = (k: SampleKey): number => SAMPLE_KEYS.indexOf(k);

export const STAGES = [
  '1 entrada',
  '2 capa oculta: z y a',
  '3 salida: z, ŷ',
  '4 pérdida L',
  '5 δ de salida = ∂L/∂z',
  '6 ∂L/∂w de la salida',
  '7 δ de la capa oculta (regla de la cadena)',
  '8 ∂L/∂w de la capa oculta',
  '9 actualización w ← w − α·∂L/∂w',
] as const;
export const N_STAGES = STAGES.length;

const sig = ACTIVATIONS.sigmoid;

function makeNet(seed = 1): Mlp {
  return new Mlp({ sizes: [2, 2, 1], activations: 'sigmoid', output: 'sigmoid', seed, dtype: 'float64' });
}

/** The seeded initial weights of lib/nn's Mlp (Xavier uniform, biases 0), as in xor-mlp. */
export function initialWeights(seed: number): Weights {
  return makeNet(seed).getWeights();
}

/** Everything the nine stages show, for one sample and one set of weights. */
export interface Pass {
  x: [number, number];
  d: number;
  /** Hidden weights w_ji at W1[j*2 + i], biases b_j. */
  W1: number[];
  b1: number[];
  /** Output weights v_j and bias c. */
  v: number[];
  c: number;
  z1: number[];
  a1: number[];
  z2: number;
  yhat: number;
  loss: number;
  /** ∂L/∂ŷ = 2(ŷ − d). */
  dLdy: number;
  /** σ'(z) of the output and of each hidden neuron. */
  sp2: number;
  sp1: number[];
  /** δ = ∂L/∂z of the output and δ_j of the hidden neurons. */
  delta2: number;
  delta1: number[];
  /** ∂L/∂v_j, ∂L/∂c, ∂L/∂w_ji (same layout as W1), ∂L/∂b_j. */
  gv: number[];
  gc: number;
  gW1: number[];
  gb1: number[];
  lr: number;
  /** The weights after w ← w − α·∂L/∂w. */
  next: Weights;
  /** Loss on the same sample with `next`. */
  lossAfter: number;
}

/** Loss of `weights` on one sample, through lib/nn (forward pass + MSE). */
export function sampleLoss(weights: Weights, sample: number): number {
  const net = makeNet();
  net.setWeights(weights);
  const out = net.forwardBatch(Float64Array.from(SAMPLES[sample]!), 1);
  return MSE.compute(out, [TARGETS[sample]!], 1, 1).loss;
}

/** lib/nn's gradients for one sample: [{W: dW, b: db}, …] per layer, like Weights. */
export function nnGradients(weights: Weights, sample: number): Weights {
  const net = makeNet();
  net.setWeights(weights);
  const out = net.forwardBatch(Float64Array.from(SAMPLES[sample]!), 1);
  const { grad } = MSE.compute(out, [TARGETS[sample]!], 1, 1);
  net.backward(grad, MSE.reads);
  return net.layers.map((l) => ({ W: Array.from(l.dW), b: Array.from(l.db) }));
}

/** w − α·g for every parameter. */
export function sgdUpdate(weights: Weights, grads: Weights, lr: number): Weights {
  return weights.map((l, k) => ({
    W: l.W.map((w, i) => w - lr * grads[k]!.W[i]!),
    b: l.b.map((b, i) => b - lr * grads[k]!.b[i]!),
  }));
}

/** The full forward + backward pass and the update, every number read from lib/nn. */
export function computePass(weights: Weights, sample: number, lr: number): Pass {
  const net = makeNet();
  net.setWeights(weights);
  const x = SAMPLES[sample]!;
  const d = TARGETS[sample]!;
  const out = net.forwardBatch(Float64Array.from(x), 1);
  const { loss, grad } = MSE.compute(out, [d], 1, 1);
  const dLdy = grad[0]!;
  net.backward(grad, MSE.reads);
  const [hid, o] = net.layers as [typeof net.layers[0], typeof net.layers[0]];
  const z1 = Array.from(hid.net);
  const z2 = o.net[0]!;
  const grads: Weights = net.layers.map((l) => ({ W: Array.from(l.dW), b: Array.from(l.db) }));
  const next = sgdUpdate(weights, grads, lr);
  return {
    x: [x[0], x[1]], d,
    W1: [...weights[0]!.W], b1: [...weights[0]!.b], v: [...weights[1]!.W], c: weights[1]!.b[0]!,
    z1, a1: Array.from(hid.out), z2, yhat: o.out[0]!, loss, dLdy,
    sp2: sig.df(z2), sp1: z1.map((z) => sig.df(z)),
    delta2: o.db[0]!, delta1: Array.from(hid.db),
    gv: Array.from(o.dW), gc: o.db[0]!, gW1: Array.from(hid.dW), gb1: Array.from(hid.db),
    lr, next, lossAfter: sampleLoss(next, sample),
  };
}

/** The weights after `round` updates on one sample (round 0: the seeded initial weights). */
export function weightsAt(seed: number, sample: number, lr: number, round: number): Weights {
  let w = initialWeights(seed);
  for (let r = 0; r < round; r++) w = computePass(w, sample, lr).next;
  return w;
}

// ---------- text (Spanish) ----------

/** A number with 4 significant digits, Spanish decimal comma and a true minus sign. */
export function num(v: number): string {
  return sigText(v, 4);
}
/** A number in a formula: negatives in parentheses so «− (−0,1)» reads right. */
const p = (v: number): string => (v < 0 ? `(${num(v)})` : num(v));
const SUBS = ['₀', '₁', '₂', '₃'];
export const sub = (i: number): string => SUBS[i]!;

/**
 * The formula of a stage with the numbers substituted, as HTML (only <sub>, <sup>, <br>, <b>;
 * the numbers are ours, never user text). One line per quantity.
 */
export function formulaLines(stage: number, q: Pass): string[] {
  const j12 = [0, 1];
  switch (stage) {
    case 1:
      return [`x<sub>1</sub> = ${num(q.x[0])}, x<sub>2</sub> = ${num(q.x[1])}; salida deseada d = ${num(q.d)}`];
    case 2:
      return j12.flatMap((j) => [
        `z<sub>${j + 1}</sub> = w<sub>${j + 1}1</sub>·x<sub>1</sub> + w<sub>${j + 1}2</sub>·x<sub>2</sub> + b<sub>${j + 1}</sub> = ${num(q.W1[j * 2]!)}·${num(q.x[0])} + ${p(q.W1[j * 2 + 1]!)}·${num(q.x[1])} + ${p(q.b1[j]!)} = ${num(q.z1[j]!)}`,
        `a<sub>${j + 1}</sub> = σ(z<sub>${j + 1}</sub>) = 1 / (1 + e<sup>−${p(q.z1[j]!)}</sup>) = ${num(q.a1[j]!)}`,
      ]);
    case 3:
      return [
        `z = v<sub>1</sub>·a<sub>1</sub> + v<sub>2</sub>·a<sub>2</sub> + c = ${num(q.v[0]!)}·${num(q.a1[0]!)} + ${p(q.v[1]!)}·${num(q.a1[1]!)} + ${p(q.c)} = ${num(q.z2)}`,
        `ŷ = σ(z) = ${num(q.yhat)}`,
      ];
    case 4:
      return [`L = (ŷ − d)<sup>2</sup> = (${num(q.yhat)} − ${num(q.d)})<sup>2</sup> = ${num(q.loss)}`];
    case 5:
      return [
        `∂L/∂ŷ = 2(ŷ − d) = 2·(${num(q.yhat)} − ${num(q.d)}) = ${num(q.dLdy)}`,
        `σ′(z) = ŷ(1 − ŷ) = ${num(q.yhat)}·${num(1 - q.yhat)} = ${num(q.sp2)}`,
        `δ = ∂L/∂z = ∂L/∂ŷ · σ′(z) = ${num(q.dLdy)}·${num(q.sp2)} = ${num(q.delta2)}`,
      ];
    case 6:
      return [
        ...j12.map((j) => `∂L/∂v<sub>${j + 1}</sub> = δ·a<sub>${j + 1}</sub> = ${num(q.delta2)}·${num(q.a1[j]!)} = ${num(q.gv[j]!)}`),
        `∂L/∂c = δ = ${num(q.gc)}`,
      ];
    case 7:
      return j12.flatMap((j) => [
        `σ′(z<sub>${j + 1}</sub>) = a<sub>${j + 1}</sub>(1 − a<sub>${j + 1}</sub>) = ${num(q.a1[j]!)}·${num(1 - q.a1[j]!)} = ${num(q.sp1[j]!)}`,
        `δ<sub>${j + 1}</sub> = δ·v<sub>${j + 1}</sub>·σ′(z<sub>${j + 1}</sub>) = ${num(q.delta2)}·${p(q.v[j]!)}·${num(q.sp1[j]!)} = ${num(q.delta1[j]!)}`,
      ]);
    case 8:
      return j12.flatMap((j) => [
        `∂L/∂w<sub>${j + 1}1</sub> = δ<sub>${j + 1}</sub>·x<sub>1</sub> = ${num(q.delta1[j]!)}·${num(q.x[0])} = ${num(q.gW1[j * 2]!)};  ∂L/∂w<sub>${j + 1}2</sub> = δ<sub>${j + 1}</sub>·x<sub>2</sub> = ${num(q.delta1[j]!)}·${num(q.x[1])} = ${num(q.gW1[j * 2 + 1]!)}`,
        `∂L/∂b<sub>${j + 1}</sub> = δ<sub>${j + 1}</sub> = ${num(q.gb1[j]!)}`,
      ]);
    default: {
      const a = num(q.lr);
      const n = q.next;
      return [
        ...j12.map((j) => `v<sub>${j + 1}</sub> ← ${num(q.v[j]!)} − ${a}·${p(q.gv[j]!)} = ${num(n[1]!.W[j]!)}`),
        `c ← ${num(q.c)} − ${a}·${p(q.gc)} = ${num(n[1]!.b[0]!)}`,
        ...[0, 1, 2, 3].map((k) => `w<sub>${Math.floor(k / 2) + 1}${(k % 2) + 1}</sub> ← ${num(q.W1[k]!)} − ${a}·${p(q.gW1[k]!)} = ${num(n[0]!.W[k]!)}`),
        ...j12.map((j) => `b<sub>${j + 1}</sub> ← ${num(q.b1[j]!)} − ${a}·${p(q.gb1[j]!)} = ${num(n[0]!.b[j]!)}`),
        `Pérdida en esta muestra: antes ${num(q.loss)}, con los pesos nuevos ${num(q.lossAfter)}`,
      ];
    }
  }
}

/** What the stage does, in words, with its numbers: the text alternative of the diagram. */
export function stageText(stage: number, q: Pass): string {
  const x = `(${num(q.x[0])}, ${num(q.x[1])})`;
  const head = `Paso ${stage} de ${N_STAGES}: ${STAGES[stage - 1]!.slice(2)}.`;
  switch (stage) {
    case 1:
      return `${head} Entra la muestra ${x}; la salida deseada es d = ${num(q.d)}.`;
    case 2:
      return `${head} Neurona oculta 1: z₁ = ${num(q.z1[0]!)}, a₁ = ${num(q.a1[0]!)}. Neurona oculta 2: z₂ = ${num(q.z1[1]!)}, a₂ = ${num(q.a1[1]!)}.`;
    case 3:
      return `${head} La neurona de salida recibe a₁ y a₂: z = ${num(q.z2)} y ŷ = σ(z) = ${num(q.yhat)}.`;
    case 4:
      return `${head} Con d = ${num(q.d)}, la pérdida es L = (ŷ − d)² = ${num(q.loss)}.`;
    case 5:
      return `${head} ∂L/∂ŷ = ${num(q.dLdy)} y σ′(z) = ${num(q.sp2)}; su producto es δ = ${num(q.delta2)}.`;
    case 6:
      return `${head} ∂L/∂v₁ = ${num(q.gv[0]!)}, ∂L/∂v₂ = ${num(q.gv[1]!)}, ∂L/∂c = ${num(q.gc)}.`;
    case 7:
      return `${head} El δ de salida vuelve por cada peso v: δ₁ = ${num(q.delta1[0]!)} (σ′(z₁) = ${num(q.sp1[0]!)}), δ₂ = ${num(q.delta1[1]!)} (σ′(z₂) = ${num(q.sp1[1]!)}).`;
    case 8:
      return `${head} ∂L/∂w₁₁ = ${num(q.gW1[0]!)}, ∂L/∂w₁₂ = ${num(q.gW1[1]!)}, ∂L/∂w₂₁ = ${num(q.gW1[2]!)}, ∂L/∂w₂₂ = ${num(q.gW1[3]!)}, ∂L/∂b₁ = ${num(q.gb1[0]!)}, ∂L/∂b₂ = ${num(q.gb1[1]!)}.`;
    default:
      return `${head} Con α = ${num(q.lr)}, cada peso se mueve contra su gradiente; la pérdida en ${x} pasa de ${num(q.loss)} a ${num(q.lossAfter)}.`;
  }
}
