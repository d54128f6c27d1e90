/**
 * One step at a time through the sequence layers of the lesson (pure, float64). Column-vector
 * convention, as on the page: a matrix is row-major number[][] with M[r][c]; W x means
 * (W x)_r = Σ_c W[r][c]·x[c]. Shapes: input x_t ∈ ℝ^d, state h_t ∈ ℝ^u.
 *
 * Basic recurrent unit:   h_t = tanh(W_x x_t + W_h h_{t−1} + b),  W_x [u×d], W_h [u×u], b [u].
 * LSTM (σ = logistic sigmoid 1/(1+e^−z), ⊙ = element-wise product), for g ∈ {f, i, o, c}:
 *   f_t = σ(W_f x_t + U_f h_{t−1} + b_f)        forget gate
 *   i_t = σ(W_i x_t + U_i h_{t−1} + b_i)        input gate
 *   o_t = σ(W_o x_t + U_o h_{t−1} + b_o)        output gate
 *   c̃_t = tanh(W_c x_t + U_c h_{t−1} + b_c)     candidate
 *   c_t = f_t ⊙ c_{t−1} + i_t ⊙ c̃_t,   h_t = o_t ⊙ tanh(c_t)
 *   W_g [u×d], U_g [u×u], b_g [u].
 * Conv1D ('valid', stride s), input X [T×C], kernel w [K][C][F] (tfjs's layout), bias b [F]:
 *   y_j[f] = b[f] + Σ_{k<K} Σ_{c<C} w[k][c][f] · X[j·s + k][c],  j = 0 … ⌊(T − K)/s⌋
 * The code between the `#region` markers is what the widget shows under «El código».
 */
export type Vec = number[];
export type Mat = number[][];

// #region helpers
export const matVec = (W: Mat, x: Vec): Vec => W.map((row) => row.reduce((s, w, c) => s + w * x[c]!, 0));
export const add = (...vs: Vec[]): Vec => vs[0]!.map((_, i) => vs.reduce((s, v) => s + v[i]!, 0));
export const mul = (a: Vec, b: Vec): Vec => a.map((v, i) => v * b[i]!);
export const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));
// #endregion helpers

export interface RnnWeights {
  Wx: Mat;
  Wh: Mat;
  b: Vec;
}

export interface RnnStep {
  t: number; // 1-based time step
  x: Vec;
  hPrev: Vec;
  wx: Vec; // W_x x_t
  wh: Vec; // W_h h_{t−1}
  z: Vec; // W_x x_t + W_h h_{t−1} + b
  h: Vec; // tanh(z)
}

// #region rnn
export function rnnStep(w: RnnWeights, x: Vec, hPrev: Vec, t: number): RnnStep {
  const wx = matVec(w.Wx, x);
  const wh = matVec(w.Wh, hPrev);
  const z = add(wx, wh, w.b);
  const h = z.map(Math.tanh);
  return { t, x, hPrev, wx, wh, z, h };
}
// #endregion rnn

/** Runs the recurrent unit over xs [T][d] from h_0 (zeros by default). */
export function rnnRun(w: RnnWeights, xs: Mat, h0?: Vec): RnnStep[] {
  let h = h0 ?? w.b.map(() => 0);
  return xs.map((x, i) => {
    const s = rnnStep(w, x, h, i + 1);
    h = s.h;
    return s;
  });
}

export type Gate = 'f' | 'i' | 'o' | 'c';
export const GATES: readonly Gate[] = ['f', 'i', 'o', 'c'];

export interface LstmWeights {
  W: Record<Gate, Mat>;
  U: Record<Gate, Mat>;
  b: Record<Gate, Vec>;
}

export interface LstmStep {
  t: number;
  x: Vec;
  hPrev: Vec;
  cPrev: Vec;
  /** Pre-activations W_g x_t + U_g h_{t−1} + b_g. */
  z: Record<Gate, Vec>;
  f: Vec;
  i: Vec;
  o: Vec;
  cand: Vec; // c̃_t
  c: Vec;
  tanhC: Vec;
  h: Vec;
}

// #region lstm
export function lstmStep(w: LstmWeights, x: Vec, hPrev: Vec, cPrev: Vec, t: number): LstmStep {
  const pre = (g: Gate): Vec => add(matVec(w.W[g], x), matVec(w.U[g], hPrev), w.b[g]);
  const z = { f: pre('f'), i: pre('i'), o: pre('o'), c: pre('c') };
  const f = z.f.map(sigmoid);
  const i = z.i.map(sigmoid);
  const o = z.o.map(sigmoid);
  const cand = z.c.map(Math.tanh);
  const c = add(mul(f, cPrev), mul(i, cand));
  const tanhC = c.map(Math.tanh);
  const h = mul(o, tanhC);
  return { t, x, hPrev, cPrev, z, f, i, o, cand, c, tanhC, h };
}
// #endregion lstm

export function lstmRun(w: LstmWeights, xs: Mat, h0?: Vec, c0?: Vec): LstmStep[] {
  let h = h0 ?? w.b.f.map(() => 0);
  let c = c0 ?? w.b.f.map(() => 0);
  return xs.map((x, k) => {
    const s = lstmStep(w, x, h, c, k + 1);
    h = s.h;
    c = s.c;
    return s;
  });
}

export interface Conv1dWeights {
  kernel: number[][][]; // [K][C][F]
  bias: Vec; // [F]
  stride: number;
}

export interface ConvStep {
  j: number; // output position, 0-based
  start: number; // first input row used: j·s
  /** products[k][c][f] = w[k][c][f] · X[start + k][c] */
  products: number[][][];
  y: Vec; // [F]
}

export const convOutputLength = (T: number, K: number, stride: number): number => (T < K ? 0 : Math.floor((T - K) / stride) + 1);

// #region conv1d
export function conv1dStep(w: Conv1dWeights, X: Mat, j: number): ConvStep {
  const start = j * w.stride;
  const products = w.kernel.map((row, k) => row.map((filters, c) => filters.map((wkcf) => wkcf * X[start + k]![c]!)));
  const y = w.bias.map((b, f) => products.reduce((s, row) => s + row.reduce((s2, p) => s2 + p[f]!, 0), b));
  return { j, start, products, y };
}
// #endregion conv1d

export function conv1dRun(w: Conv1dWeights, X: Mat): ConvStep[] {
  const n = convOutputLength(X.length, w.kernel.length, w.stride);
  return Array.from({ length: n }, (_, j) => conv1dStep(w, X, j));
}
