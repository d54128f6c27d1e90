/**
 * Scaled dot-product self-attention, one head, no mask (pure, float64). Row convention: each row
 * of X [T×d] is one token.
 *   Q = X W_Q [T×d_k],  K = X W_K [T×d_k],  V = X W_V [T×d_v]
 *   S = Q Kᵀ / √d_k [T×T]                  (S[i][j]: how well token i's query matches token j's key)
 *   A = softmax(S) row by row [T×T]        (A[i][j] = e^{S[i][j]} / Σ_l e^{S[i][l]}, each row sums to 1)
 *   Y = A V [T×d_v]                        (y_i = Σ_j A[i][j] v_j, a weighted mean of the values)
 * softmax subtracts the row maximum before exp (same result, no overflow).
 */
import type { Mat, Vec } from './cells';

export interface AttentionWeights {
  Wq: Mat; // [d×d_k]
  Wk: Mat; // [d×d_k]
  Wv: Mat; // [d×d_v]
}

export interface AttentionResult {
  Q: Mat;
  K: Mat;
  V: Mat;
  scores: Mat; // S
  weights: Mat; // A
  out: Mat; // Y
  scale: number; // √d_k
}

// #region attention
export const matMul = (A: Mat, B: Mat): Mat => A.map((row) => B[0]!.map((_, c) => row.reduce((s, a, k) => s + a * B[k]![c]!, 0)));
export const transpose = (A: Mat): Mat => A[0]!.map((_, c) => A.map((row) => row[c]!));

export function softmax(z: Vec): Vec {
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

export function selfAttention(X: Mat, w: AttentionWeights): AttentionResult {
  const Q = matMul(X, w.Wq);
  const K = matMul(X, w.Wk);
  const V = matMul(X, w.Wv);
  const scale = Math.sqrt(w.Wq[0]!.length);
  const scores = matMul(Q, transpose(K)).map((row) => row.map((s) => s / scale));
  const weights = scores.map(softmax);
  const out = matMul(weights, V);
  return { Q, K, V, scores, weights, out, scale };
}
// #endregion attention
