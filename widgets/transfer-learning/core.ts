/**
 * Pure helpers of the transfer-learning widget (no DOM, no tfjs): settings, the texts the student
 * reads (Spanish, decimal comma) and the chart's text alternative. Unit-tested in
 * tests/unit/transfer-core.test.ts.
 */
import type { Mode } from '../lib/transfer/model';
import type { ExperimentConfig, TestPoint, TrainPoint } from '../lib/transfer/run';
import { paramCounts } from '../lib/transfer/params';
import { fmt, intText, pct as pctOf } from '../lib/format/number';

export const PER_CLASS = ['5', '10', '20'] as const;
export type PerClass = (typeof PER_CLASS)[number];

/** Fixed for both models (the comparison changes only the base): Adam, this rate, mini-batches of 16. */
export const LEARNING_RATE = 0.003;
export const BATCH_SIZE = 16;
export const CLASSES = 5;

export const MODE_LABEL: Record<Mode, string> = {
  transfer: 'Transferencia (base congelada)',
  scratch: 'Desde cero',
};

/** Test images per evaluation slice on each tfjs backend (keeps each slice well under 50 ms). */
export const EVAL_CHUNK: Record<string, number> = { webgl: 200, wasm: 30, cpu: 6 };

/** About five test measurements per run: every ceil(epochs / 5) epochs, and after the last. */
export const evalEvery = (epochs: number): number => Math.max(1, Math.ceil(epochs / 5));

export function experimentConfig(epochs: number, seed: number, backend: string): ExperimentConfig {
  return { epochs, batchSize: BATCH_SIZE, learningRate: LEARNING_RATE, seed, evalEvery: evalEvery(epochs), evalChunk: EVAL_CHUNK[backend] ?? 10 };
}

/** 0.8123 → '81,2 %', 0.5 → '50,0 %' (exactly `digits` decimals, so a column lines up). */
export const pct = (v: number, digits = 1): string => pctOf(v, digits, { fixed: true });

/** Integer grouped from 1 000 up (3925 → «3 925»). */
export { intText };

/** One row of the comparison table per model. */
export interface ResultRow {
  mode: Mode;
  label: string;
  trainable: string;
  frozen: string;
  accuracy: string;
  loss: string;
  perDigit: string[];
}

export function resultRows(last: Record<Mode, TestPoint | null>, k = CLASSES): ResultRow[] {
  return (['transfer', 'scratch'] as const).map((mode) => {
    const p = paramCounts(k, mode);
    const t = last[mode];
    return {
      mode,
      label: MODE_LABEL[mode],
      trainable: intText(p.trainable),
      frozen: intText(p.frozen),
      accuracy: t ? pct(t.accuracy) : '—',
      loss: t ? fmt(t.loss, 3) : '—',
      perDigit: t ? t.correctPerClass.map((c, i) => pct(c / Math.max(1, t.countPerClass[i]!), 0)) : new Array<string>(k).fill('—'),
    };
  });
}

/** The verdict sentence after a run (or null while nothing has been measured). */
export function verdict(last: Record<Mode, TestPoint | null>, perClass: number, epochs: number): string | null {
  const t = last.transfer;
  const s = last.scratch;
  if (!t || !s) return null;
  const diff = 100 * (t.accuracy - s.accuracy);
  const pts = fmt(Math.abs(diff), 1);
  const head = `Con ${perClass} ejemplos por dígito y ${epochs} épocas, `;
  if (Math.abs(diff) < 0.05) return `${head}los dos modelos aciertan lo mismo en los ${intText(t.countPerClass.reduce((a, b) => a + b, 0))} dígitos de prueba.`;
  return diff > 0
    ? `${head}la transferencia acierta ${pts} puntos más que el entrenamiento desde cero (${pct(t.accuracy)} frente a ${pct(s.accuracy)}).`
    : `${head}esta vez el modelo desde cero acierta ${pts} puntos más (${pct(s.accuracy)} frente a ${pct(t.accuracy)}): con esta semilla, la base no ayuda.`;
}

/** Text alternative of the loss chart: where each training curve ended and the last test losses. */
export function describeLoss(train: readonly TrainPoint[], test: readonly TestPoint[], epochs: number): string {
  if (train.length === 0) return 'Curvas de pérdida: todavía no hay datos; pulsa «Entrenar los dos».';
  const lastOf = <T extends { mode: Mode }>(xs: readonly T[], m: Mode): T | undefined => [...xs].reverse().find((p) => p.mode === m);
  const parts = (['transfer', 'scratch'] as const).map((m) => {
    const tr = lastOf(train, m);
    const te = lastOf(test, m);
    const trText = tr ? `entrenamiento ${fmt(tr.loss, 3)}` : '';
    const teText = te ? `, prueba ${fmt(te.loss, 3)}` : '';
    return `${MODE_LABEL[m]}: ${trText}${teText}`;
  });
  const e = Math.max(...train.map((p) => p.epoch));
  return `Curvas de pérdida tras ${e} de ${epochs} épocas. ${parts.join('. ')}.`;
}

/** Text alternative of the accuracy chart. */
export function describeAccuracy(test: readonly TestPoint[]): string {
  if (test.length === 0) return 'Exactitud de prueba: se mide por primera vez al cabo de unas épocas.';
  const rows = test.filter((p) => p.mode === 'transfer').map((t) => {
    const s = test.find((p) => p.mode === 'scratch' && p.epoch === t.epoch);
    return `época ${t.epoch}: ${pct(t.accuracy)} con transferencia${s ? `, ${pct(s.accuracy)} desde cero` : ''}`;
  });
  return `Exactitud en los dígitos de prueba del 5 al 9. ${rows.join('; ')}.`;
}
