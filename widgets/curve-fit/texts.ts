/**
 * Spanish texts and example settings of the curve-fitting widget (pure: no DOM).
 */
import type { CurveId } from './core';
import { fmt, intText, sci, sig } from '../lib/format/number';

/** A loss in Spanish with 3 significant digits ("0,0231", "1,2·10⁵", "—" when unknown). */
export function lossNum(v: number): string {
  if (!Number.isFinite(v)) return '—';
  if (v !== 0 && (Math.abs(v) >= 1e5 || Math.abs(v) < 1e-4)) return sci(v, 2);
  return sig(v, 3);
}

/** The numbers behind the verdict, in one line. */
export function fitSummary(epoch: number, trainLoss: number, valLoss: number, noiseVar: number, edited: boolean): string {
  const ref = Number.isFinite(noiseVar)
    ? ` Referencia: el ruido aporta por sí solo un error de s² ≈ ${lossNum(noiseVar)}${edited ? ' (estimado a partir de los puntos)' : ''}.`
    : '';
  return `Época ${intText(epoch)} · error de entrenamiento ${lossNum(trainLoss)} · error de validación ${lossNum(valLoss)}.${ref}`;
}

/** Explanation shown when training diverged (the engine's reason plus the concrete change). */
export function divergedText(reason: string, lr: number): string {
  const tenth = sig(lr / 10, 2);
  return `${reason} Con α = ${fmt(lr, 6)}, prueba con α = ${tenth}. La curva ha vuelto a la de los pesos iniciales; pulsa «Entrenar» cuando hayas cambiado α.`;
}

export interface Preset {
  label: string;
  state: { curve: CurveId; n: number; noise: number; seed: number; hidden: number; act: 'tanh' | 'relu'; lr: number };
}

/** Examples checked in tests/unit/curve-fit.test.ts: each reaches its verdict. */
export const PRESETS: readonly Preset[] = [
  { label: 'Subajuste (1 neurona)', state: { curve: 'seno', n: 24, noise: 0.15, seed: 1, hidden: 1, act: 'tanh', lr: 0.2 } },
  { label: 'Buen ajuste (8 neuronas)', state: { curve: 'seno', n: 24, noise: 0.15, seed: 1, hidden: 8, act: 'tanh', lr: 0.2 } },
  { label: 'Sobreajuste (32 neuronas, 8 puntos)', state: { curve: 'seno', n: 12, noise: 0.3, seed: 2, hidden: 32, act: 'tanh', lr: 0.3 } },
];
