/**
 * Pure helpers of the activation gallery: the table of φ(z) and φ'(z) at the shared z, and the
 * vertical extent of each small chart. z ∈ [−5, 5] (dimensionless net input).
 */
import { ACTIVATIONS, ACTIVATION_NAMES, nearKink, sampleSegments, type ActivationName } from '../lib/nn/activations';

export const Z_MIN = -5;
export const Z_MAX = 5;

export interface Row {
  name: ActivationName;
  /** φ(z). */
  value: number;
  /** φ'(z) as `df` computes it (the stated convention at corners and jumps). */
  slope: number;
  /** False where φ has no derivative at z (corner or jump): the table says so. */
  differentiable: boolean;
}

/** One row per activation, in table order. */
export function tableAt(z: number): Row[] {
  return ACTIVATION_NAMES.map((name) => {
    const a = ACTIVATIONS[name];
    return { name, value: a.f(z), slope: a.df(z), differentiable: !nearKink(a, z) };
  });
}

/**
 * [lo, hi] that holds φ (and φ' when `withDerivative`) on [Z_MIN, Z_MAX], padded by 8 % of the
 * span (at least 0.1) so lines never touch the frame.
 */
export function yExtent(name: ActivationName, withDerivative: boolean): [number, number] {
  const a = ACTIVATIONS[name];
  const vals = sampleSegments(a, Z_MIN, Z_MAX, 201, 'f').flat().map(([, v]) => v);
  if (withDerivative) vals.push(...sampleSegments(a, Z_MIN, Z_MAX, 201, 'df').flat().map(([, v]) => v));
  for (const j of a.jumps) vals.push(a.f(j));
  const lo = Math.min(0, ...vals);
  const hi = Math.max(...vals);
  const pad = Math.max(0.1, (hi - lo) * 0.08);
  return [lo - pad, hi + pad];
}
