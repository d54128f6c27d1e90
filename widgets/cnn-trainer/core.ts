/**
 * Pure helpers of the CNN trainer view: state → architecture and settings, curve thinning,
 * Spanish number texts, the summary table and the text alternatives of the charts.
 */
import { accuracy, matrixTotal, topConfusions, type Matrix } from '../lib/cnn/confusion';
import type { CnnArch, TrainConfig } from '../lib/cnn/spec';
import type { EpochPoint } from '../lib/cnn/schedule';
import type { EvalSet } from '../lib/cnn/protocol';
import { shapeText, summarize, type LayerSpec } from '../lib/conv/shapes';
import { int as intField, oneOf } from '../lib/state/schema';
import { fmt } from '../lib/widget/dom';
import { bytesText, intText, pct } from '../lib/format/number';
import { contrastRatio, luminance, textOn } from '../lib/draw/contrast';

export { bytesText, contrastRatio, intText, luminance, pct, textOn };

export const LEARNING_RATES = ['0.0003', '0.001', '0.003', '0.01', '0.03', '0.1'] as const;
export const BATCH_SIZES = ['8', '16', '32', '64', '128', '256'] as const;
export const TRAIN_SIZES = ['500', '1000', '2000', '4000', '7000'] as const;
export const OPTIMIZERS = ['adam', 'sgd'] as const;

/** The trainer's state (URL-shareable); the controls read their ranges and options from it. */
export const trainerSchema = {
  conv1: intField(8, 1, 16),
  conv2: intField(16, 1, 32),
  hidden: intField(0, 0, 128),
  epochs: intField(5, 1, 30),
  lr: oneOf(LEARNING_RATES, '0.003'),
  batch: oneOf(BATCH_SIZES, '64'),
  examples: oneOf(TRAIN_SIZES, '7000'),
  optimizer: oneOf(OPTIMIZERS, 'adam'),
  seed: intField(1, 0, 9999),
};

export interface TrainerState {
  conv1: number;
  conv2: number;
  hidden: number;
  epochs: number;
  lr: (typeof LEARNING_RATES)[number];
  batch: (typeof BATCH_SIZES)[number];
  examples: (typeof TRAIN_SIZES)[number];
  optimizer: (typeof OPTIMIZERS)[number];
  seed: number;
}

export const archOf = (s: TrainerState): CnnArch => ({ conv1: s.conv1, conv2: s.conv2, hidden: s.hidden });

export const configOf = (s: TrainerState): TrainConfig => ({
  epochs: s.epochs, batchSize: Number(s.batch), learningRate: Number(s.lr), optimizer: s.optimizer, trainSize: Number(s.examples), seed: s.seed,
});

export interface SummaryRow {
  name: string;
  label: string;
  shape: string;
  params: string;
  macs: string;
}

/** Rows of the model summary table plus the totals line (parameters, multiply-adds, float32 bytes). */
export function summaryTable(specs: readonly LayerSpec[], names?: readonly string[]): { rows: SummaryRow[]; total: string; error: string | null } {
  const s = summarize([28, 28, 1], specs);
  const rows = s.layers.map((l, i) => ({
    name: names?.[i] ?? l.kerasName, label: l.label, shape: shapeText(l.outputShape), params: intText(l.params), macs: intText(l.macs),
  }));
  const total = `${intText(s.totalParams)} parámetros (${bytesText(s.float32Bytes)} en float32) y ${intText(s.totalMacs)} multiplicaciones-sumas por imagen.`;
  return { rows, total, error: s.error?.message ?? null };
}

/** Spanish name of the digits an evaluation used. */
export const SET_NAME: Record<EvalSet, string> = { validacion: 'de validación', prueba: 'de prueba' };

/** Text alternative of the confusion matrix: hits and the most frequent mix-ups. */
export function describeMatrix(m: Matrix, set: EvalSet = 'prueba'): string {
  const n = matrixTotal(m);
  const hits = m.reduce((a, row, k) => a + row[k]!, 0);
  const top = topConfusions(m, 3);
  const mix = top.length === 0
    ? 'No confundió ningún dígito.'
    : `Las confusiones más frecuentes: ${top.map((c) => `${c.truth} tomado por ${c.predicted} (${c.count} ${c.count === 1 ? 'vez' : 'veces'})`).join('; ')}.`;
  return `Matriz de confusión sobre ${intText(n)} dígitos ${SET_NAME[set]}: acertó ${intText(hits)} (${pct(accuracy(m))}). ${mix}`;
}

export type { EpochPoint };

/** Text alternative of the two curves. */
export function describeCurves(epochs: readonly EpochPoint[], recentLoss: number, recentAcc: number, seen: number): string {
  if (seen === 0) return 'Aún no hay curvas: pulsa «Entrenar».';
  const last = epochs[epochs.length - 1];
  const start = `Tras ${fmt(seen, 2)} épocas, la pérdida de los últimos lotes es ${fmt(recentLoss, 3)} y su exactitud ${pct(recentAcc)}.`;
  if (!last) return start;
  const best = epochs.reduce((a, e) => (e.valAcc > a.valAcc ? e : a), last);
  return `${start} Al acabar la época ${last.epoch}, exactitud de entrenamiento ${pct(last.trainAcc)} y de validación ${pct(last.valAcc)}` +
    ` (la mejor de validación, ${pct(best.valAcc)}, en la época ${best.epoch}).`;
}

/** Spanish gap note: how far the training accuracy runs ahead of the validation accuracy. */
export function gapNote(e: EpochPoint | undefined): string {
  if (!e) return '';
  const gap = e.trainAcc - e.valAcc;
  if (gap > 0.03) return `La exactitud de entrenamiento supera a la de validación en ${fmt(100 * gap, 1)} puntos: el modelo empieza a memorizar (sobreajuste).`;
  if (gap < -0.01) return 'La exactitud de validación supera a la de entrenamiento: normal al principio, porque la de entrenamiento se mide mientras el modelo aún aprende.';
  return 'Entrenamiento y validación van parejos: el modelo generaliza bien por ahora.';
}

export type Phase = 'loading' | 'ready' | 'training' | 'pausing' | 'paused' | 'done' | 'error';

/** What the trainer's controls allow in each phase (the view applies it; pure, unit-tested). */
export interface PhaseControls {
  startDisabled: boolean;
  startLabel: string;
  pauseDisabled: boolean;
  resetDisabled: boolean;
  /** Work in flight: every setting locked, the store panel busy. */
  busy: boolean;
  /** A model exists: architecture and settings locked (the epochs may still go up). */
  hasModel: boolean;
  /** The sentence under the controls ('' when none). */
  note: string;
}

/** `epochsDone`: the run's epoch counter; `epochs`: the epochs asked for in the state. */
export function phaseControls(p: Phase, epochsDone: number, epochs: number): PhaseControls {
  const busy = p === 'training' || p === 'pausing';
  const hasModel = busy || p === 'paused' || p === 'done';
  const finished = p === 'done' && epochsDone >= epochs;
  return {
    startDisabled: p === 'loading' || p === 'error' || busy || finished,
    startLabel: p === 'paused' ? '▶ Seguir' : p === 'done' ? '▶ Seguir (sube las épocas)' : '▶ Entrenar',
    pauseDisabled: p !== 'training',
    resetDisabled: p === 'loading' || p === 'error' || p === 'pausing',
    busy,
    hasModel,
    note: hasModel ? 'La arquitectura y los ajustes quedan fijos mientras exista este modelo: pulsa «Reiniciar» para cambiarlos (las épocas sí se pueden subir en pausa).' : '',
  };
}

export interface Progress {
  /** Epoch and batch of the next step (0-based), batches per epoch, planned epochs. */
  epoch: number;
  batch: number;
  per: number;
  epochs: number;
  /** Examples seen so far and the training speed in examples per second. */
  samples: number;
  speed: number;
}

/** The status line under the buttons (engine = Spanish backend label, '' while unknown). */
export function statusText(phase: Exclude<Phase, 'error'>, engine: string, p: Progress): string {
  const motor = engine ? `Motor: ${engine}. ` : '';
  const speed = p.speed > 0 ? `, ${intText(p.speed)} ejemplos por segundo` : '';
  switch (phase) {
    case 'loading': return 'Preparando TensorFlow.js y los 10 000 dígitos…';
    case 'ready': return `${motor}Listo para entrenar.`;
    case 'training': return `${motor}Entrenando: época ${Math.min(p.epoch + 1, p.epochs)} de ${p.epochs}, lote ${p.batch} de ${p.per}${speed}.`;
    case 'pausing': return 'Pausando y evaluando con los dígitos de validación…';
    case 'paused': return `${motor}En pausa tras ${intText(p.samples)} ejemplos${speed}.`;
    case 'done': return `${motor}Terminado: ${intText(p.samples)} ejemplos vistos${speed}.`;
  }
}
