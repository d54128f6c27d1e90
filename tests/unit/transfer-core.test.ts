// Lesson 11 widget helpers (widgets/transfer-learning/core.ts): settings, the comparison table,
// the verdict and the charts' text alternatives.
import { describe, expect, it } from 'vitest';
import type { TestPoint, TrainPoint } from '../../widgets/lib/transfer/run';
import { describeAccuracy, describeLoss, evalEvery, experimentConfig, pct, resultRows, verdict } from '../../widgets/transfer-learning/core';

const tp = (mode: 'transfer' | 'scratch', epoch: number, accuracy: number, loss = 0.5): TestPoint =>
  ({ mode, epoch, accuracy, loss, correctPerClass: [180, 190, 200, 150, 170].map((c) => Math.round(c * accuracy / 0.9)), countPerClass: [200, 200, 200, 190, 190] });

describe('settings', () => {
  it('about five measurements per run', () => {
    expect(evalEvery(15)).toBe(3);
    expect(evalEvery(5)).toBe(1);
    expect(evalEvery(40)).toBe(8);
    expect(experimentConfig(15, 2, 'wasm')).toEqual({ epochs: 15, batchSize: 16, learningRate: 0.003, seed: 2, evalEvery: 3, evalChunk: 30 });
    expect(experimentConfig(15, 2, 'raro').evalChunk).toBe(10);
  });
  it('percentages in Spanish', () => {
    expect(pct(0.8123)).toBe('81,2 %');
    expect(pct(1, 0)).toBe('100 %');
  });
});

describe('table and verdict', () => {
  it('rows carry the parameter counts and, after a run, the accuracies', () => {
    const empty = resultRows({ transfer: null, scratch: null });
    expect(empty.map((r) => [r.trainable, r.frozen, r.accuracy])).toEqual([['3\u202f925', '1\u202f248', '—'], ['5\u202f173', '0', '—']]);
    const rows = resultRows({ transfer: tp('transfer', 15, 0.768), scratch: tp('scratch', 15, 0.712) });
    expect(rows[0]!.accuracy).toBe('76,8 %');
    expect(rows[1]!.accuracy).toBe('71,2 %');
    expect(rows[0]!.perDigit).toHaveLength(5);
  });
  it('verdict names the winner and the gap in points', () => {
    expect(verdict({ transfer: null, scratch: null }, 5, 15)).toBeNull();
    expect(verdict({ transfer: tp('transfer', 15, 0.768), scratch: tp('scratch', 15, 0.712) }, 5, 15))
      .toBe('Con 5 ejemplos por dígito y 15 épocas, la transferencia acierta 5,6 puntos más que el entrenamiento desde cero (76,8 % frente a 71,2 %).');
    expect(verdict({ transfer: tp('transfer', 15, 0.7), scratch: tp('scratch', 15, 0.75) }, 10, 15)).toContain('desde cero acierta 5 puntos más');
  });
});

describe('text alternatives', () => {
  it('say where the curves are', () => {
    expect(describeLoss([], [], 15)).toContain('todavía no hay datos');
    const train: TrainPoint[] = [
      { epoch: 1, mode: 'transfer', loss: 1.2, accuracy: 0.5 }, { epoch: 1, mode: 'scratch', loss: 1.6, accuracy: 0.3 },
    ];
    expect(describeLoss(train, [tp('transfer', 1, 0.6, 0.9)], 15))
      .toBe('Curvas de pérdida tras 1 de 15 épocas. Transferencia (base congelada): entrenamiento 1,2, prueba 0,9. Desde cero: entrenamiento 1,6.');
    expect(describeAccuracy([tp('transfer', 3, 0.6), tp('scratch', 3, 0.5)]))
      .toBe('Exactitud en los dígitos de prueba del 5 al 9. época 3: 60,0 % con transferencia, 50,0 % desde cero.');
  });
});
