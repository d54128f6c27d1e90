/**
 * Pure helpers of the «tus propios símbolos» mode (no DOM, no tfjs): the training settings and the
 * Spanish texts the student reads. Unit-tested in tests/unit/transfer-symbols.test.ts.
 */
import type { ExperimentConfig } from '../lib/transfer/run';
import { MIN_EXAMPLES } from '../lib/transfer/symbols';
import { pct } from './core';

/**
 * Own symbols are few (6 to a few dozen drawings): small mini-batches and a higher rate give the
 * head enough steps. Both models use it; evaluated once, at the end, on the drawings themselves.
 */
export const SYMBOL_EPOCHS = 40;
export function symbolConfig(): ExperimentConfig {
  return { epochs: SYMBOL_EPOCHS, batchSize: 8, learningRate: 0.01, seed: 1, evalEvery: SYMBOL_EPOCHS, evalChunk: 32 };
}

/** «Faltan 2 dibujos de «cruz» y 1 de «triángulo».» or null when every class has enough. */
export function missingText(missing: readonly number[], names: readonly string[]): string | null {
  const parts = missing.flatMap((m, i) => (m > 0 ? [`${m} ${m === 1 ? 'dibujo' : 'dibujos'} de «${names[i]}»`] : []));
  if (parts.length === 0) return null;
  const list = parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} y ${parts[parts.length - 1]!}`;
  const total = missing.reduce((a, b) => a + b, 0);
  return `${total === 1 ? 'Falta' : 'Faltan'} ${list} para poder entrenar (mínimo ${MIN_EXAMPLES} por clase).`;
}

/** «2 dibujos» / «1 dibujo». */
export const countText = (n: number): string => `${n} ${n === 1 ? 'dibujo' : 'dibujos'}`;

export interface ProbRow {
  name: string;
  value: number;
  text: string;
  best: boolean;
}

/** One row per class: name, probability, «73,2 %», and whether it is the most likely one. */
export function probRows(p: ArrayLike<number>, names: readonly string[]): ProbRow[] {
  let best = 0;
  for (let i = 1; i < p.length; i++) if (p[i]! > p[best]!) best = i;
  return names.map((name, i) => ({ name, value: p[i] ?? 0, text: pct(p[i] ?? 0), best: i === best }));
}

/** The sentence under the test bars. */
export function predictionText(p: ArrayLike<number>, names: readonly string[]): string {
  const rows = probRows(p, names);
  const b = rows.find((r) => r.best)!;
  return `La red con la base congelada cree que es «${b.name}» (${b.text}).`;
}

/** How each model did on the drawings it trained with. */
export function fitText(label: string, correct: number, n: number): string {
  return `${label}: acierta ${correct} de tus ${n} dibujos de entrenamiento (${pct(correct / Math.max(1, n), 0)}).`;
}
