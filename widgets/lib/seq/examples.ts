/**
 * The toy inputs and weights of the «step by step» widget (hand-picked so the numbers read well).
 * Shapes: sequences are [T][d] with d = 1; the recurrent units have u = 2; the Conv1D kernel is
 * [K = 3][C = 1][F = 2]; the attention example has T = 5 tokens with d = 4, d_k = 3, d_v = 4.
 */
import type { Conv1dWeights, LstmWeights, Mat, RnnWeights } from './cells';
import type { AttentionWeights } from './attention';

export type InputId = 'pulso' | 'escalon' | 'onda';

export const INPUTS: Record<InputId, { label: string; values: number[] }> = {
  pulso: { label: 'Un pulso: 0, 0, 1, 0, 0, 0', values: [0, 0, 1, 0, 0, 0] },
  escalon: { label: 'Un escalón: 0, 0, 1, 1, 1, 1', values: [0, 0, 1, 1, 1, 1] },
  onda: { label: 'Una onda: 0; 0,7; 1; 0,7; 0; −0,7', values: [0, 0.7, 1, 0.7, 0, -0.7] },
};

/** [T][1] column of a list of values. */
export const asSequence = (v: readonly number[]): Mat => v.map((x) => [x]);

export const RNN: RnnWeights = {
  Wx: [[0.8], [-0.5]],
  Wh: [[0.5, -0.4], [0.3, 0.7]],
  b: [0.1, -0.1],
};

export const LSTM: LstmWeights = {
  W: { f: [[0.3], [-0.4]], i: [[1.2], [0.8]], o: [[0.6], [0.5]], c: [[1.5], [-1]] },
  U: {
    f: [[0.2, 0.1], [0.1, 0.3]],
    i: [[0.1, -0.2], [0.2, 0.1]],
    o: [[0.2, 0.1], [-0.1, 0.2]],
    c: [[0.3, 0.2], [-0.2, 0.4]],
  },
  // A positive forget bias: by default the cell keeps what it holds.
  b: { f: [1, 0.8], i: [-0.5, -0.3], o: [0.2, 0.1], c: [0, 0.1] },
};

/** Filter 0 rises with the signal (−1, 0, 1); filter 1 smooths it (¼, ½, ¼). */
export const CONV: Conv1dWeights = {
  kernel: [[[-1, 0.25]], [[0, 0.5]], [[1, 0.25]]],
  bias: [0, 0],
  stride: 1,
};

export const CONV_FILTER_NAMES = ['subida (−1, 0, 1)', 'suavizado (¼, ½, ¼)'];

/** Embedding features of the toy tokens. */
export const FEATURES = ['acción', 'enlace', 'objeto', 'lugar'];

export const TOKENS: { word: string; x: number[] }[] = [
  { word: 'enciende', x: [1, 0, 0, 0] },
  { word: 'la', x: [0, 1, 0.2, 0] },
  { word: 'luz', x: [0, 0, 1, 0] },
  { word: 'del', x: [0, 1, 0, 0.2] },
  { word: 'salón', x: [0, 0, 0.2, 1] },
];

/** Key dimensions: what a token offers. */
export const KEY_DIMS = ['acción', 'objeto', 'lugar'];

export const ATTENTION: AttentionWeights = {
  // Rows follow FEATURES; a feature's row says what a token with it looks for (query) …
  Wq: [[0, 4, 1], [0, 2, 2], [4, 0, 2], [0, 3, 0]],
  // … and what it offers (key).
  Wk: [[1, 0, 0], [0, 0, 0], [0, 1, 0], [0, 0, 1]],
  // V = X: each output is a weighted mean of the token vectors themselves.
  Wv: [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]],
};
