/**
 * The «step by step» widget's model (pure): the four layers run on the toy input with the fixed
 * weights of lib/seq/examples.ts, how many steps each view has, and the TeX of each step's
 * numbers (decimal comma written as {,} so KaTeX keeps it tight). Every number shown comes from
 * lib/seq/cells.ts and lib/seq/attention.ts, the code checked against tfjs in the unit tests.
 */
import { selfAttention, type AttentionResult } from '../lib/seq/attention';
import { conv1dRun, lstmRun, rnnRun, type ConvStep, type LstmStep, type Mat, type RnnStep, type Vec } from '../lib/seq/cells';
import { ATTENTION, CONV, INPUTS, LSTM, RNN, TOKENS, asSequence, type InputId } from '../lib/seq/examples';

export type ViewId = 'rnn' | 'lstm' | 'conv' | 'atencion';
export const VIEWS: readonly ViewId[] = ['rnn', 'lstm', 'conv', 'atencion'];
export const VIEW_LABELS: Record<ViewId, string> = {
  rnn: 'Unidad recurrente',
  lstm: 'Celda LSTM',
  conv: 'Conv1D',
  atencion: 'Autoatención',
};

export interface Runs {
  input: number[];
  rnn: RnnStep[];
  lstm: LstmStep[];
  conv: ConvStep[];
  att: AttentionResult;
}

export function runAll(input: InputId): Runs {
  const values = INPUTS[input].values;
  const xs = asSequence(values);
  return {
    input: values,
    rnn: rnnRun(RNN, xs),
    lstm: lstmRun(LSTM, xs),
    conv: conv1dRun(CONV, xs),
    att: selfAttention(TOKENS.map((t) => t.x), ATTENTION),
  };
}

/**
 * Steps of each view (the step index goes 0 … maxStep):
 *   rnn, lstm  0 = the initial state (zeros), t = 1 … T one input each
 *   conv       0 = the kernel before sliding, j + 1 = output position j
 *   atencion   0 = Q, K, V; 1 = S = QKᵀ/√d_k; 2 = A = softmax(S); 2 + i = output of token i (1-based)
 */
export function maxStep(view: ViewId, r: Runs): number {
  switch (view) {
    case 'rnn':
      return r.rnn.length;
    case 'lstm':
      return r.lstm.length;
    case 'conv':
      return r.conv.length;
    case 'atencion':
      return 2 + TOKENS.length;
  }
}

export const clampStep = (view: ViewId, r: Runs, step: number): number => Math.max(0, Math.min(maxStep(view, r), Math.round(step)));

/** A number for TeX with a decimal comma: 0.5 → "0{,}500" (digits decimals, trailing zeros kept). */
export function texNum(v: number, digits = 3): string {
  const s = (Math.abs(v) < 0.5 * 10 ** -digits ? 0 : v).toFixed(digits);
  return s.replace('.', '{,}');
}

export const texVec = (v: Vec, digits = 3): string => `\\begin{pmatrix}${v.map((x) => texNum(x, digits)).join('\\\\')}\\end{pmatrix}`;
export const texMat = (m: Mat, digits = 2): string => `\\begin{pmatrix}${m.map((row) => row.map((x) => texNum(x, digits)).join('&')).join('\\\\')}\\end{pmatrix}`;

/** Plain-text number for tables and labels (decimal comma, true minus). */
export function num(v: number, digits = 3): string {
  const s = texNum(v, digits).replace('{,}', ',');
  return s.startsWith('-') ? `−${s.slice(1)}` : s;
}

export const vecText = (v: Vec, digits = 3): string => `(${v.map((x) => num(x, digits)).join('; ')})`;

/** TeX of one recurrent step (the numbers of rnnStep). */
export function rnnTex(s: RnnStep): string {
  return `\\begin{aligned}z_{${s.t}} &= W_x\\,x_{${s.t}} + W_h\\,h_{${s.t - 1}} + b = ${texMat(RNN.Wx)}(${texNum(s.x[0]!, 2)}) + ${texMat(RNN.Wh)}${texVec(s.hPrev)} + ${texVec(RNN.b, 2)}\\\\` +
    `&= ${texVec(s.wx)} + ${texVec(s.wh)} + ${texVec(RNN.b, 2)} = ${texVec(s.z)}\\\\` +
    `h_{${s.t}} &= \\tanh(z_{${s.t}}) = ${texVec(s.h)}\\end{aligned}`;
}

/** TeX of one LSTM step: the three gates, the candidate, the cell state and the output. */
export function lstmTex(s: LstmStep): string {
  const t = s.t;
  const gate = (name: string, g: 'f' | 'i' | 'o', v: Vec) =>
    `${name}_{${t}} &= \\sigma(W_${g}\\,x_{${t}} + U_${g}\\,h_{${t - 1}} + b_${g}) = \\sigma${texVec(s.z[g])} = ${texVec(v)}`;
  return `\\begin{aligned}${gate('f', 'f', s.f)}\\\\${gate('i', 'i', s.i)}\\\\${gate('o', 'o', s.o)}\\\\` +
    `\\tilde c_{${t}} &= \\tanh(W_c\\,x_{${t}} + U_c\\,h_{${t - 1}} + b_c) = \\tanh${texVec(s.z.c)} = ${texVec(s.cand)}\\\\` +
    `c_{${t}} &= f_{${t}} \\odot c_{${t - 1}} + i_{${t}} \\odot \\tilde c_{${t}} = ${texVec(s.f)}\\odot${texVec(s.cPrev)} + ${texVec(s.i)}\\odot${texVec(s.cand)} = ${texVec(s.c)}\\\\` +
    `h_{${t}} &= o_{${t}} \\odot \\tanh(c_{${t}}) = ${texVec(s.o)}\\odot${texVec(s.tanhC)} = ${texVec(s.h)}\\end{aligned}`;
}

/** TeX of one Conv1D output position (both filters; one input channel). */
export function convTex(s: ConvStep, input: readonly number[]): string {
  const K = CONV.kernel.length;
  const lines = CONV.bias.map((b, f) => {
    const terms = Array.from({ length: K }, (_, k) => `(${texNum(CONV.kernel[k]![0]![f]!, 2)})(${texNum(input[s.start + k]!, 2)})`).join(' + ');
    return `y_{${s.j + 1}}[${f + 1}] &= ${terms} + ${texNum(b, 1)} = ${texNum(s.y[f]!)}`;
  });
  return `\\begin{aligned}${lines.join('\\\\')}\\end{aligned}`;
}

/** TeX of output i (0-based) of the attention: y_i = Σ_j A[i][j] v_j. */
export function attentionOutTex(r: AttentionResult, i: number): string {
  const terms = r.weights[i]!.map((a, j) => `${texNum(a, 2)}\\,v_{${j + 1}}`).join(' + ');
  return `y_{${i + 1}} = \\sum_j A_{${i + 1}j}\\,v_j = ${terms} = ${texVec(r.out[i]!, 2)}^{\\!\\top}`;
}

/** Sentence that says what the current step did (for the live region and the tests). */
export function stepText(view: ViewId, r: Runs, step: number): string {
  const T = r.input.length;
  switch (view) {
    case 'rnn':
      return step === 0 ? `Antes de empezar: h₀ = (0; 0). Pulsa «Paso siguiente» para leer x₁.`
        : `Paso ${step} de ${T}: entra x = ${num(r.input[step - 1]!, 2)}; el estado pasa de ${vecText(r.rnn[step - 1]!.hPrev)} a h = ${vecText(r.rnn[step - 1]!.h)}.`;
    case 'lstm':
      return step === 0 ? 'Antes de empezar: h₀ = (0; 0) y c₀ = (0; 0).'
        : `Paso ${step} de ${T}: entra x = ${num(r.input[step - 1]!, 2)}; olvido f = ${vecText(r.lstm[step - 1]!.f, 2)}, entrada i = ${vecText(r.lstm[step - 1]!.i, 2)}; la celda queda en c = ${vecText(r.lstm[step - 1]!.c)} y la salida en h = ${vecText(r.lstm[step - 1]!.h)}.`;
    case 'conv':
      return step === 0 ? `El núcleo mide 3 pasos; sobre ${T} entradas cabe en ${r.conv.length} posiciones.`
        : `Posición ${step} de ${r.conv.length}: el núcleo cubre x${sub(r.conv[step - 1]!.start + 1)} … x${sub(r.conv[step - 1]!.start + 3)} y da ${vecText(r.conv[step - 1]!.y)}.`;
    case 'atencion': {
      if (step === 0) return 'Paso 1: cada palabra se proyecta en su consulta q, su clave k y su valor v.';
      if (step === 1) return 'Paso 2: la puntuación de cada par es el producto de la consulta de una palabra por la clave de otra, dividido entre √3.';
      if (step === 2) return 'Paso 3: softmax por filas convierte cada fila de puntuaciones en pesos positivos que suman 1.';
      const i = step - 3;
      const row = r.att.weights[i]!;
      const j = row.indexOf(Math.max(...row));
      return `Salida de «${TOKENS[i]!.word}»: una media de los valores con los pesos de su fila; el mayor (${num(row[j]!, 2)}) es el de «${TOKENS[j]!.word}».`;
    }
  }
}

const SUBS = '₀₁₂₃₄₅₆₇₈₉';
export const sub = (n: number): string => String(n).replace(/[0-9]/g, (d) => SUBS[Number(d)]!);
